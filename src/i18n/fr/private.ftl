### Messages : profils privés des ambassadeurs, `match` et `sheets` (src/content/private, src/matching, src/cli).
### Les ids commencent par "private-" ; les mêmes ids, avec les mêmes arguments, sont dans ../en/private.ftl.
private-folder-missing = ce dossier de profils n’existe pas
private-folder-missing-hint = les profils sont les fichiers `{ $folder }/<id>.yaml` du dossier privé donné par --private (par défaut : private/ à côté de content/)
private-symlink-hint = copiez le fichier dans le dossier privé au lieu d’y faire un lien
private-not-a-profile = seuls les fichiers `<id>.yaml` sont des profils : celui-ci n’est pas lu
private-not-a-profile-hint = déplacez-le hors du dossier des profils, ou renommez-le `<id>.yaml`
private-not-a-mapping = un profil est une liste de lignes `champ: valeur`
private-not-a-mapping-hint = écrivez une ligne par réponse de la fiche d’identification, par exemple `town: Liège`
private-field-unknown = `{ $field }` n’est pas un champ de la fiche d’identification
private-field-unknown-closest = vouliez-vous dire `{ $field }` ?
private-field-unknown-hint = les champs de content/sheets/identification.yaml sont : { $fields }
private-inside-content = le dossier privé est dans content/
private-inside-content-hint = content/ est partagé et publié : placez le dossier privé à côté (private/), hors de git
private-inside-output = le dossier privé est dans le dossier de sortie { $output }
private-inside-output-hint = tout le dossier de sortie est publié, et chaque construction le remplace : placez le dossier privé à côté de content/
private-id-unknown = aucun profil privé pour l’ambassadeur `{ $id }`
private-id-unknown-closest = vouliez-vous dire `{ $id }` ?
private-id-unknown-hint = ajoutez le profil de l’ambassadeur, { $file }, ou corrigez l’identifiant
private-expects-text = un texte est attendu ici
private-expects-text-hint = mettez la valeur entre guillemets : { $field }: "…"
private-expects-bool = true (oui) ou false (non) est attendu ici, pas `{ $value }`
private-expects-bool-hint = écrivez { $field }: true ou { $field }: false, sans guillemets
private-expects-option = l’une des options de la fiche est attendue ici
private-options-hint = les options sont : { $options }
private-option-spelling-hint = écrivez-la exactement comme la fiche : `{ $option }`
private-not-an-option = `{ $value }` n’est pas l’une des options
private-expects-list = une liste d’options de la fiche est attendue ici
private-expects-list-hint = par exemple : { $field }: [{ $example }]
private-expects-grid = chaque ligne suivie de la liste de ses colonnes cochées est attendue ici
private-expects-grid-hint = par exemple : { $field }: { "{" } { $row }: [{ $column }] { "}" }
private-not-a-row = `{ $row }` n’est pas une ligne de la grille
private-rows-hint = les lignes sont : { $rows }
private-not-a-column = `{ $column }` n’est pas une colonne de la grille
private-columns-hint = les colonnes sont : { $columns }
private-signature-stored = une signature n’est pas enregistrée dans un fichier : elle se donne sur papier
private-signature-stored-hint = retirez `{ $field }` : l’ambassadeur signe la fiche imprimée
private-id-invalid = `{ $name }` n’est pas un identifiant d’ambassadeur : le fichier n’est pas lu
private-id-invalid-hint = un identifiant s’écrit en minuscules sans accents, chiffres et tirets, comme les événements le donnent dans `representatives` : renommez le fichier { $id }.yaml
private-id-invalid-no-id-hint = un identifiant s’écrit en minuscules sans accents, chiffres et tirets, comme les événements le donnent dans `representatives` : renommez le fichier
private-match-already = fait déjà partie de cette mission
private-match-no-language = ne parle pas { $language }
private-match-theme = thème commun : { $theme }
private-match-sector = secteur commun : { $sector }
private-match-region = intervient en { $region }
private-match-busy = déjà en mission le { $date } : « { $event } »
private-match-no-room = déjà { $taken } missions en { $year } pour { $capacity } possibles
private-match-room = encore { $left } missions possibles en { $year } ({ $taken } sur { $capacity })
private-match-time-unknown = temps disponible non renseigné
private-match-never-sent = jamais encore parti·e en mission
private-match-heading = { $date } : { $left ->
        [one] { $left } place libre
       *[other] { $left } places libres
    } sur { $seats }, volontaires jusqu’au { $deadline }
private-match-no-calls = aucun appel ouvert le { $today }
private-match-nobody = personne n’est disponible
private-match-unavailable = Indisponibles
private-match-private = Document privé : réservé au groupe d’appui. Ne pas publier ni transférer.
private-match-title = Appels ouverts et ambassadeurs, { $today }
private-match-col-rank = Rang
private-match-col-score = Score
private-match-col-ambassador = Ambassadeur
private-match-col-reasons = Raisons
private-write-inside-output = des données privées ne s’écrivent pas dans le dossier de sortie { $output } : tout ce qui s’y trouve est publié
private-write-inside-content = des données privées ne s’écrivent pas dans content/ : ce dossier est partagé et publié
private-write-hint = choisissez un fichier ou un dossier hors du site, par exemple dans votre dossier personnel
private-match-unknown = aucun événement `{ $mission }` ; les appels ouverts sont : { $open }
private-match-unknown-none = aucun événement `{ $mission }`, et aucun appel n’est ouvert
private-match-no-call = l’événement `{ $mission }` n’a pas d’appel ouvert (`mission: open:`)
private-match-past = l’événement `{ $mission }` n’a plus de date à venir
private-match-wrote = { $file } écrit
private-sheets-wrote = { $count ->
        [one] { $count } fiche écrite dans { $folder }
       *[other] { $count } fiches écrites dans { $folder }
    }
private-sheets-not-written = impossible d’écrire la fiche : { $error }
private-schema-no-sheet = pas de content/sheets/identification.yaml ici : le schéma des profils privés n’est pas écrit
