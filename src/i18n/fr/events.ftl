### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../en/events.ftl.

events-end-before-start = la fin { $end } est avant le début { $start }
events-end-before-start-hint = pour un événement d’une journée entière, `end` est le dernier jour : le jour du début ou un jour après
events-country-not-a-code = `{ $country }` n’est pas un code de pays de deux lettres
events-country-not-a-code-hint = écrivez BE, FR, NL, CA…
events-location-without-place = le lieu n’a ni nom, ni adresse, ni ville
events-location-without-place-hint = indiquez au moins un nom ou une ville
events-moment-hint = écrivez AAAA-MM-JJTHH:MM pour une heure précise (2027-03-14T09:30) ou AAAA-MM-JJ pour une journée entière
events-end-not-after-start = la fin { $end } n’est pas après le début { $start }
events-end-not-after-start-hint = la fin doit venir après le début
events-start-end-mixed = `start` et `end` doivent être tous deux des dates, ou tous deux des dates avec une heure
events-latitude = { $value } n’est pas une latitude
events-latitude-hint = entre -90 et 90, par exemple 50.8466
events-longitude = { $value } n’est pas une longitude
events-longitude-hint = entre -180 et 180, par exemple 4.3528
events-coordinates-alone = la latitude et la longitude vont ensemble
events-coordinates-alone-hint = indiquez les deux, ou aucune
events-theme-empty = thème vide
events-theme-unusable = `{ $theme }` ne peut pas servir de thème
events-theme-unusable-hint = un thème doit contenir des lettres ou des chiffres
events-theme-windows-reserved = `{ $theme }` ne peut pas servir de thème : son adresse serait un nom que Windows réserve à un périphérique
events-theme-windows-reserved-hint = écrivez le thème en plusieurs mots, par exemple `aux arts` plutôt que `aux`
events-region-unusable = `{ $region }` ne peut pas servir de région
events-region-unusable-hint = une région doit contenir des lettres ou des chiffres
events-region-windows-reserved = `{ $region }` ne peut pas servir de région : son adresse serait un nom que Windows réserve à un périphérique
events-region-windows-reserved-hint = écrivez le nom complet de la région
events-uid-unusable = `{ $uid }` n’est pas un identifiant (uid) utilisable
events-uid-unusable-hint = un uid ne contient pas d’espace, par exemple salon-2027@ambassade.smart.coop ; ou retirez-le pour utiliser celui par défaut
events-updated-future = `updated` ({ $updated }) est après la date de référence { $today } : les calendriers recevront { $today } à la place
events-updated-future-hint = indiquez quand l’événement a changé pour la dernière fois, ce qui ne peut pas être dans le futur
events-exceptions-twice = les dates à sauter sont données deux fois : dans `repeat.except` et dans `exceptions`
events-exceptions-twice-hint = gardez une seule liste
events-repeat-and-recurrence = l’événement a à la fois `repeat` et `recurrence`
events-repeat-and-recurrence-hint = gardez-en un : `repeat` le dit en mots, `recurrence` sous forme de règle RFC 5545
events-exceptions-without-rule = les exceptions ne concernent que les événements qui se répètent
events-exceptions-without-rule-hint = ajoutez `repeat:` (ou une règle `recurrence:`), ou retirez `exceptions`
events-time-skipped = { $time } n’existe pas en { $zone } : c’est le moment où l’on avance l’heure
events-time-skipped-hint = l’heure est refusée plutôt que devinée : choisissez un horaire une heure plus tard ou plus tôt
events-duplicate-slug = deux événements ont le même nom de fichier `{ $slug }` (l’autre : { $other })
events-duplicate-slug-hint = deux événements ne peuvent pas avoir le même nom de fichier, même dans des dossiers différents : renommez-en un
events-duplicate-uid = l’uid `{ $uid }` est aussi celui de { $other }
events-duplicate-uid-hint = chaque événement a besoin de son propre uid ; retirez `uid:` pour utiliser celui par défaut

## repeat:
events-repeat-interval-zero = `interval` vaut 0
events-repeat-interval-zero-hint = écrivez 2 pour une semaine (ou un mois…) sur deux, ou retirez `interval`
events-repeat-which-without-day = `which` dit lequel dans le mois, mais `on` ne donne aucun jour
events-repeat-which-without-day-hint = ajoutez le jour, par exemple `on: mardi` avec `which: premier` pour le premier mardi
events-repeat-which-not-monthly = `which` ne sert qu’aux événements qui se répètent chaque mois ou chaque année
events-repeat-which-not-monthly-hint = utilisez `every: mois` pour le premier mardi de chaque mois, ou retirez `which`
events-repeat-until-and-times = `until` et `times` sont donnés tous les deux
events-repeat-until-and-times-hint = gardez-en un : `until: 2027-06-30` (jusqu’à ce jour) ou `times: 10`
events-repeat-times-zero = `times` vaut 0
events-repeat-times-zero-hint = la première fois compte : `times: 1`, c’est le début seul

## The recurrence rule and its occurrences
events-rule-hint = écrivez une règle comme FREQ=MONTHLY;BYDAY=1TU;COUNT=10, ou utilisez `repeat:` (voir le README)
events-rule-one-line = la règle doit tenir sur une seule ligne
events-rule-one-line-hint = écrivez seulement la règle, par exemple FREQ=MONTHLY;BYDAY=1TU;COUNT=10 ; le début vient de `start`
events-rule-part-malformed = `{ $part }` n’est pas une partie de règle : chaque partie s’écrit NOM=VALEUR
events-rule-part-empty = `{ $key }` n’a pas de valeur
events-rule-part-twice = `{ $key }` est écrit deux fois
events-rule-part-twice-hint = gardez-en un seul
events-rule-no-freq = la règle n’a pas de FREQ : indiquez à quelle fréquence l’événement se répète
events-rule-no-freq-hint = commencez la règle par FREQ=DAILY, FREQ=WEEKLY, FREQ=MONTHLY ou FREQ=YEARLY
events-rule-freq-unknown = `{ $freq }` n’est pas une fréquence
events-rule-freq-unknown-hint = écrivez FREQ=DAILY, WEEKLY, MONTHLY ou YEARLY (chaque jour, semaine, mois ou année) ; toutes les deux semaines, c’est FREQ=WEEKLY;INTERVAL=2
events-rule-wkst = `{ $value }` n’est pas un jour pour WKST
events-rule-wkst-hint = écrivez WKST=MO (la semaine commence le lundi) ou un autre jour en deux lettres
events-rule-bysetpos-alone = BYSETPOS choisit parmi les jours donnés par une autre partie BY…, et il n’y en a aucune
events-rule-bysetpos-alone-hint = par exemple le dernier jour ouvrable du mois : FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1
events-rule-count-and-until = la règle a à la fois COUNT et UNTIL
events-rule-count-and-until-hint = gardez-en un : COUNT=10 (dix fois) ou UNTIL=2027-06-30 (jusqu’à ce jour)
events-rule-until-before-start = la règle se termine (UNTIL={ $until }) avant la première date de l’événement
events-rule-until-before-start-hint = UNTIL est le dernier jour où l’événement peut avoir lieu, après `start`
events-rule-part-not-in-rule = `{ $key }` ne s’écrit pas dans la règle
events-rule-part-not-in-rule-hint = la première date vient de `start`, les dates à sauter vont dans `exceptions`
events-rule-part-unknown = `{ $key }` n’est pas une partie de règle
events-rule-part-unknown-guess = vouliez-vous dire `{ $guess }` ?
events-rule-part-unknown-hint = une règle se compose de FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS…
events-rule-within-a-day = `{ $part }` répéterait l’événement plusieurs fois dans la journée : ici, un événement a lieu au plus une fois par jour, à l’heure de `start`
events-rule-within-a-day-hint = écrivez un événement par heure de la journée
events-rule-part-not-with-freq = { $key } ne peut pas s’utiliser avec FREQ={ $freq }
events-rule-part-goes-with-one = { $key } va avec FREQ={ $freq }
events-rule-part-goes-with-three = { $key } va avec FREQ={ $a }, FREQ={ $b } ou FREQ={ $c }
events-rule-part-goes-with-list = { $key } va avec l’une de ces valeurs de FREQ : { $freqs }
events-rule-number = `{ $value }` n’est pas une valeur pour { $key }
events-rule-number-hint = { $key } prend un nombre entier de { $min } à { $max }
events-rule-number-signed-hint = { $key } prend un nombre entier de { $min } à { $max }, ou de -{ $max } à -{ $min } en comptant depuis la fin
events-rule-list-empty-value = { $key } a une valeur vide dans sa liste `{ $list }`
events-rule-list-empty-value-hint = séparez les valeurs par une seule virgule
events-rule-byday = `{ $value }` n’est pas un jour pour BYDAY
events-rule-byday-hint = écrivez le jour en deux lettres anglaises : MO, TU, WE, TH, FR, SA, SU (lundi à dimanche) ; le premier mardi du mois s’écrit 1TU, le dernier vendredi -1FR
events-rule-byday-ordinal-hint = le nombre devant le jour dit lequel dans le mois, de 1 à { $max }, ou -1 pour le dernier
events-rule-byday-numbered = `{ $value }` : un jour numéroté n’a de sens que dans une règle mensuelle ou annuelle
events-rule-byday-numbered-hint = écrivez FREQ=MONTHLY;BYDAY=1TU pour le premier mardi de chaque mois, ou BYDAY=TU pour chaque semaine
events-rule-until = `{ $value }` n’est pas une date pour UNTIL
events-rule-until-hint = écrivez le dernier jour, par exemple UNTIL=2027-06-30 ou UNTIL=20270630 (l’heure est facultative : UNTIL=2027-06-30T18:30)
events-rule-refused = la règle `{ $rule }` ne peut pas être utilisée : { $reason }
events-start-not-placeable = le début ne peut pas être placé dans le fuseau horaire { $zone }
events-start-not-placeable-hint = choisissez une autre heure de début
events-start-not-occurrence = le début { $start } ne correspond à aucune date de la règle `{ $rule }` (première date : { $first })
events-start-not-occurrence-none = le début { $start } ne correspond à aucune date de la règle `{ $rule }` (qui ne donne aucune date)
events-start-not-occurrence-hint = mettez dans `start` la première date de la règle, par exemple le premier mardi du mois pour BYDAY=1TU
events-exception-not-occurrence = { $date } n’est pas une date de l’événement
events-exception-not-occurrence-hint = ne listez que des dates où l’événement aurait lieu sans cette exception
events-rule-reaches-skipped-time = la règle tombe le { $dates }{ $later ->
        [0] {""}
       *[other] {" et au-delà"}
    }, où l’heure { $what ->
        [end] de fin
       *[start] de début
    } { $time } n’existe pas en { $zone } : l’heure avance de { $from } à { $to }
events-rule-reaches-repeated-time = la règle tombe le { $dates }{ $later ->
        [0] {""}
       *[other] {" et au-delà"}
    }, où l’heure { $what ->
        [end] de fin
       *[start] de début
    } { $time } existe deux fois en { $zone } : l’heure recule de { $to } à { $from }
events-rule-reaches-unclear-time-hint = ajoutez { $dates } à `{ $field }`, ou choisissez une heure en dehors de { $from }–{ $to }
events-rule-reaches-unclear-time-endless-hint = la règle n’a pas de fin, donc cela reviendra : choisissez une heure en dehors de { $from }–{ $to }, ou terminez la règle (COUNT ou UNTIL) et listez ces dates dans `{ $field }`
events-placeholder-description = la description est encore le texte écrit par `ambassade new` (« Décrivez l’événement ici… »)
events-placeholder-description-hint = remplacez-le, sous la seconde ligne `---`, par ce qui s’y passe, pourquoi SMart y est représentée et comment y participer
events-representative-without-name = ce représentant n’a ni `name` (nom) ni `id` (identifiant)
events-representative-without-name-hint = indiquez l’`id` de l’ambassadeur (le nom de son fichier dans ambassadeurs/ ou dans le dossier privé du groupe d’appui), ou le `name` de la personne
events-representative-id-not-ambassador = `{ $id }` est l’identifiant d’un ambassadeur, mais le rôle n’est pas `ambassador`
events-representative-id-not-ambassador-hint = écrivez `role: ambassador`, ou retirez l’`id` (les permanents et les administrateurs n’ont pas d’identifiant d’ambassadeur)
events-representative-twice = l’ambassadeur `{ $id }` est cité deux fois dans cet événement
events-representative-twice-hint = retirez l’un des deux représentants
events-representative-public-without-profile = `public: true`, mais `{ $id }` n’a pas de profil public
events-representative-public-without-profile-hint = le nom d’un ambassadeur n’est publié qu’avec son accord, qui est son fichier de profil content/ambassadeurs/{ $id }.md : ajoutez ce fichier, ou retirez `public: true` (seul le rôle sera alors affiché)
events-open-seats-zero = un appel ouvert demande au moins une place
events-open-seats-zero-hint = indiquez combien d’ambassadeur·rices sont recherché·es (`seats: 1` ou plus) ; pour arrêter l’appel, écrivez `closed: true`
events-open-deadline-after-event = la date limite { $deadline } tombe après le dernier jour de l’événement, le { $last }
events-open-deadline-after-event-hint = les volontaires doivent être trouvé·es avant l’événement : choisissez une date limite au plus tard le { $last }
events-open-language-not-a-code = `{ $language }` n’est pas une langue connue
events-open-language-not-a-code-hint = écrivez la langue en toutes lettres (néerlandais, anglais) ou son code (nl, en)
events-open-more-ambassadors-than-seats = l’événement nomme { $named } ambassadeur·rices pour { $seats ->
        [one] une place
       *[other] { $seats } places
    }
events-open-more-ambassadors-than-seats-hint = augmentez `seats`, ou écrivez `closed: true` quand tout le monde est trouvé
events-report-empty = le compte rendu est vide
events-report-empty-hint = écrivez au moins une des parties `summary` (ce qui s’est dit), `messages`, `organisations` ou `questions`
events-report-before-event = le compte rendu est daté du { $date }, avant l’événement, qui commence le { $start }
events-report-before-event-hint = indiquez dans `date` le jour où le compte rendu a été écrit, après l’événement
events-report-not-past = l’événement n’est pas encore passé (il finit le { $end }, la date de référence est le { $today }) : son compte rendu ne sera publié qu’à partir du lendemain de l’événement
events-report-not-past-hint = un compte rendu raconte ce qui s’est passé : écrivez-le après l’événement
