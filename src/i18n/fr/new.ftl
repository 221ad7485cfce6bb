### Messages: `ambassade new`: generated comments and messages (src/scaffold, src/cli/new.rs).
### Ids start with "new-"; the same ids, with the same arguments, are in ../en/new.ftl.

new-no-content = { $folder } n’a pas de dossier content/
new-no-content-hint = lancez la commande dans le dossier d’un site, ou indiquez-le avec --root DOSSIER
new-cannot-write = impossible d’écrire { $file } : { $error }
new-cannot-write-hint = vérifiez les droits d’écriture du dossier
new-exists = { $file } existe déjà
new-exists-hint = rien n’a été remplacé : choisissez un autre titre, ou un autre nom de fichier avec --slug NOM
new-bad-slug = `{ $slug }` ne peut pas servir de nom de fichier
new-bad-slug-hint = utilisez des lettres minuscules sans accents, des chiffres et des tirets simples, par exemple salon-2027
new-no-slug = aucun nom de fichier ne peut être tiré du titre `{ $title }`
new-no-slug-hint = mettez des lettres ou des chiffres dans le titre, ou donnez un nom de fichier avec --slug NOM
new-bad-id = `{ $id }` n’est pas un identifiant valable
new-bad-id-hint = utilisez des lettres minuscules sans accents, des chiffres et des tirets simples, par exemple groupe-d-appui
new-no-id = aucun identifiant ne peut être tiré de `{ $text }`
new-no-id-hint = mettez-y des lettres ou des chiffres, ou donnez un identifiant avec --id NOM
new-cannot-read = impossible de lire { $file } : { $error }
new-cannot-read-hint = chaque site a ce fichier : copiez-le depuis le dossier content/ du site d’exemple
new-unreadable = { $file } ne peut pas être lu tel quel : { $error }
new-unreadable-hint = corrigez d’abord le fichier (`ambassade check` montre où), puis relancez la commande
new-duplicate-id = { $file } a déjà une entrée avec l’identifiant `{ $id }` ({ $name })
new-duplicate-id-hint = rien n’a été ajouté : modifiez l’entrée existante, ou donnez un autre identifiant avec --id NOM
new-cannot-append = impossible d’ajouter à la liste `{ $list }:` de { $file } sans réécrire le fichier
new-cannot-append-hint = ajoutez l’entrée à la main à la fin de la liste `{ $list }:` (voir le README)
new-several-documents = { $file } contient plusieurs documents YAML
new-several-documents-hint = gardez un seul document par fichier (enlevez les lignes `---` ou `...`)
new-no-list = { $file } n’a pas de liste `{ $list }:`
new-add-list-hint = ajoutez une liste `{ $list }:` à la fin du fichier
new-list-not-last = la liste `{ $list }:` n’est pas la dernière partie de { $file } : les nouvelles entrées sont ajoutées à la fin du fichier
new-move-list-hint = déplacez la liste `{ $list }:` à la fin du fichier (après `{ $last }:`), puis relancez la commande
new-list-on-one-line = la liste `{ $list }:` de { $file } est écrite sur une seule ligne
new-list-on-one-line-hint = écrivez un élément `- ` par ligne sous `{ $list }:` (voir le README)
new-value-empty = { $what ->
        [title] le titre est vide
        [term] le terme est vide
        [name] le nom est vide
        [address] l’adresse est vide
        [language] la langue est vide
       *[file] le fichier est vide
    }
new-value-empty-hint = { $what ->
        [title] indiquez un titre
        [term] indiquez un terme
        [name] indiquez un nom
        [address] indiquez une adresse
        [language] indiquez une langue
       *[file] indiquez un fichier
    }
new-value-control = { $what ->
        [title] le titre contient un retour à la ligne ou un caractère de contrôle
        [term] le terme contient un retour à la ligne ou un caractère de contrôle
        [name] le nom contient un retour à la ligne ou un caractère de contrôle
        [address] l’adresse contient un retour à la ligne ou un caractère de contrôle
        [language] la langue contient un retour à la ligne ou un caractère de contrôle
       *[file] le fichier contient un retour à la ligne ou un caractère de contrôle
    }
new-value-control-hint = { $what ->
        [title] écrivez le titre sur une seule ligne
        [term] écrivez le terme sur une seule ligne
        [name] écrivez le nom sur une seule ligne
        [address] écrivez l’adresse sur une seule ligne
        [language] écrivez la langue sur une seule ligne
       *[file] écrivez le fichier sur une seule ligne
    }
new-value-unwritable = { $what ->
        [title] impossible d’écrire le titre : { $error }
        [term] impossible d’écrire le terme : { $error }
        [name] impossible d’écrire le nom : { $error }
        [address] impossible d’écrire l’adresse : { $error }
        [language] impossible d’écrire la langue : { $error }
       *[file] impossible d’écrire le fichier : { $error }
    }
new-value-unwritable-hint = simplifiez cette valeur
new-or = { $rest } ou { $last }
new-bad-moment = --{ $which } `{ $value }` n’est ni une date ni une date avec une heure
new-bad-moment-hint = écrivez AAAA-MM-JJTHH:MM pour une heure (2027-02-03T14:00) ou AAAA-MM-JJ pour une journée entière
new-end-before-start = --end { $end } est avant --start { $start }
new-end-before-start-hint = donnez une fin après le début
new-end-before-start-day-hint = pour un événement d’une journée entière, --end est le dernier jour : le jour du début ou un jour après
new-mixed-forms = --start et --end ne sont pas de la même forme
new-mixed-forms-hint = donnez les deux comme dates (événement d’une journée entière) ou les deux comme date et heure
new-kit-target = un élément du kit a besoin d’un fichier ou d’une adresse
new-kit-target-hint = indiquez --file kit/NOM.pdf (un fichier dans content/) ou --url https://…
new-comment-end-timed = même forme que start
new-comment-end-day = le dernier jour, pour un événement de plusieurs jours
new-comment-event-draft = brouillon, absent du site publié (visible avec --drafts) : supprimez cette ligne pour le publier
new-comment-draft = absente du site publié (visible avec --drafts) ; supprimez cette ligne pour la publier
new-event-header =
    Un nouvel événement, créé par `ambassade new event`. Les lignes qui commencent par # sont
    des commentaires : enlevez le # pour utiliser un champ, effacez ce dont vous n’avez pas
    besoin. Chaque champ est décrit dans le README, section « events/<slug>.md ». Vérifiez vos
    modifications avec `ambassade check` ou `ambassade serve`.
new-comment-timezone = seulement si l’événement a lieu dans un autre fuseau horaire
new-comment-status = confirmed (par défaut), tentative, postponed ou cancelled
new-comment-online = adresse de la diffusion ou de la visioconférence
new-comment-roles = role : ambassador, staff ou board
new-page-header =
    Une nouvelle page, créée par `ambassade new page`, publiée à l’adresse /{ $slug }/. Les
    lignes qui commencent par # sont des commentaires : enlevez le # pour utiliser un champ.
    Voir le README, section « pages/<slug>.md ».
new-comment-menu = un nombre : la page apparaît dans le menu principal, dans cet ordre
new-comment-term-anchor = l’ancre /lexique/#{ $id } : ne la changez plus une fois publiée
new-comment-see-also = identifiants d’autres termes
new-comment-network-anchor = l’ancre /reseaux/#{ $id }
new-comment-kit-anchor = l’ancre /kit/#{ $id }
new-comment-kit-file = un fichier dans content/
new-added = `{ $id }` ajouté à la ligne { $line } de { $file }
new-created = { $file } créé
new-created-draft = c’est un brouillon (`draft: true`), absent du site : écrivez son texte, puis supprimez cette ligne pour le publier
new-nothing-written = rien n’a été écrit : le résultat ne passerait pas `ambassade check`
