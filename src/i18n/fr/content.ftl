### Messages: reading content/: files, sources, YAML, values, site.yaml, pages, texts, networks (src/content).
### Ids start with "content-"; the same ids, with the same arguments, are in ../en/content.ftl.

## Values (values.rs): dates, times, web addresses.

content-moment-shape = `{ $value }` n’est ni une date (AAAA-MM-JJ) ni une date et une heure (AAAA-MM-JJTHH:MM)
content-date-shape = `{ $value }` n’est pas une date écrite AAAA-MM-JJ
content-date-year-out-of-range = { $value } : l’année { $year } est hors des limites (de { $first } à { $last })
content-date-no-such-month = { $value } n’est pas une vraie date : il n’y a pas de mois { $month }
content-date-no-such-day = { $value } n’est pas une vraie date : le mois { $month } a { $days } jours
content-date-hint = écrivez la date sous la forme AAAA-MM-JJ, par exemple 2027-03-14
content-time-shape = `{ $value }` n’est pas une heure écrite HH:MM
content-time-out-of-range = { $value } n’est pas une heure de la journée (de 00:00 à 23:59)
content-url-user-name = `{ $value }` contient un nom d’utilisateur avant `@` : le lien mène à { $host }, pas au site qu’il semble nommer
content-url-user-name-no-host = `{ $value }` contient un nom d’utilisateur avant `@` : le lien mène à un autre site que celui qu’il semble nommer
content-url-user-name-hint = vérifiez quel site le lien doit ouvrir et n’écrivez que son adresse, sans rien avant @ (une adresse web n’a besoin ni de nom d’utilisateur ni de mot de passe)
content-url-scheme = `{ $value }` n’est pas une adresse web (elle commence par `{ $scheme }:`)
content-url-scheme-hint = écrivez une adresse complète, qui commence par https://
content-url-no-scheme = `{ $value }` n’est pas une adresse web complète : il manque https://
content-url-no-scheme-hint = écrivez { $address }
content-url-not-an-address = `{ $value }` n’est pas une adresse web
content-url-invalid = `{ $value }` n’est pas une adresse web valable : { $error }
content-url-example-hint = écrivez une adresse complète, qui commence par https://, par exemple https://smart.coop/

## Fields of any file (files.rs).

content-field-empty = ce champ est vide
content-field-empty-hint = écrivez une valeur : ce champ est obligatoire
content-timezone-unknown = `{ $name }` n’est pas un fuseau horaire connu
content-timezone-unknown-hint = écrivez le nom d’un fuseau horaire de la base IANA, comme Europe/Brussels, Europe/Paris ou America/Montreal
content-id-invalid = `{ $id }` n’est pas un identifiant valable
content-id-invalid-hint = utilisez des lettres minuscules sans accents, des chiffres et des tirets simples, par exemple groupe-d-appui
content-id-from-text = impossible de tirer un identifiant de `{ $text }`
content-id-from-text-hint = ajoutez un champ `id:` fait de lettres minuscules, de chiffres et de tirets
content-angle-brackets = `{ $text }` : les caractères < et > ne peuvent pas être utilisés ici
content-angle-brackets-hint = ce texte est imprimé dans l’en-tête des fiches imprimables, où ils sont interdits : écrivez « » ou retirez-les

## Files and folders (files.rs, source.rs, mod.rs). `kind` is what an entry is: folder, file,
## fifo, socket, device, symlink or special.

content-symlink = les liens symboliques ne sont pas suivis
content-symlink-file-hint = copiez le fichier dans le dossier content au lieu d’y faire un lien
content-symlink-folder-hint = copiez le dossier dans le dossier content au lieu d’y faire un lien
content-symlink-content-hint = faites de content/ un vrai dossier, dans le dossier du site
content-not-a-text-file = ceci est { $kind ->
        [folder] un dossier
        [file] un fichier
        [fifo] un tube nommé (FIFO)
        [socket] une prise réseau (socket)
        [device] un périphérique
        [symlink] un lien symbolique
       *[other] un fichier spécial
    }, pas un fichier texte
content-not-a-text-file-hint = content/ ne contient que des fichiers texte : supprimez cet élément ou remplacez-le par un fichier
content-required-not-a-file-hint = chaque site a besoin de ce fichier : remplacez cet élément par le fichier, copié du dossier content/ du site d’exemple puis adapté
content-not-a-folder = ceci est { $kind ->
        [folder] un dossier
        [file] un fichier
        [fifo] un tube nommé (FIFO)
        [socket] une prise réseau (socket)
        [device] un périphérique
        [symlink] un lien symbolique
       *[other] un fichier spécial
    }, pas un dossier
content-not-a-folder-holding-hint = ce devrait être un dossier contenant { $name }
content-not-a-folder-of-md-hint = ce devrait être un dossier de fichiers .md : renommez cet élément, puis créez le dossier
content-cannot-read-file = impossible de lire le fichier : { $error }
content-cannot-read = lecture impossible : { $error }
content-file-missing = il manque ce fichier
content-file-missing-hint = chaque site en a besoin : copiez-le du dossier content/ du site d’exemple et adaptez-le
content-folder-missing = le dossier content n’existe pas
content-folder-missing-hint = lancez la commande dans le dossier d’un site, ou indiquez-le avec --root DOSSIER
content-folder-named-like-markdown = ce dossier porte un nom de fichier Markdown
content-folder-named-like-markdown-hint = un dossier n’est ni une page ni un événement, seuls les fichiers .md qu’il contient le sont : renommez-le sans l’extension
content-not-md = ce fichier n’est pas lu : son nom ne se termine pas par .md
content-rename-to-md-hint = renommez-le en { $name }.md
content-only-md-hint = seuls les fichiers .md sont lus ici : sortez-le de ce dossier (les fichiers à distribuer vont dans le kit : content/kit/ et kit.yaml)
content-file-name-windows-reserved = `{ $name }` est un nom que Windows réserve à un périphérique
content-file-name-windows-reserved-hint = ni ce fichier ni le dossier de son adresse web ne peuvent exister sur l’ordinateur Windows d’un rédacteur : renommez-le, par exemple en { $name }-2027.md
content-file-name-invalid = `{ $name }` ne peut pas servir dans une adresse web
content-file-name-invalid-hint = les noms de fichier s’écrivent en lettres minuscules sans accents, chiffres et tirets : renommez-le en { $name }.md
content-file-name-invalid-no-name-hint = les noms de fichier s’écrivent en lettres minuscules sans accents, chiffres et tirets : renommez-le
content-today-out-of-range = la date de référence { $date } est hors des limites
content-today-out-of-range-hint = donnez une date entre les années { $first } et { $last } avec --today ou SOURCE_DATE_EPOCH

## A file's text (source.rs, yaml_limits.rs).

content-file-too-large = le fichier est trop gros ({ $size } Mo ; au plus { $max } Mo)
content-file-too-large-hint = les fichiers de contenu ne contiennent que du texte : mettez les gros fichiers (PDF, vidéos) dans le kit et faites-y un lien
content-not-utf8 = le fichier n’est pas du texte UTF-8 valable
content-not-utf8-hint = enregistrez le fichier avec l’encodage UTF-8 (dans la plupart des éditeurs : « Enregistrer avec l’encodage » → UTF-8)
content-file-empty = le fichier est vide
content-file-empty-hint = écrivez les champs du fichier (voir le README), ou supprimez le fichier
content-no-opening-dashes = le fichier ne commence pas par une ligne `---`
content-no-opening-dashes-hint = un fichier de page ou d’événement commence par `---`, puis ses champs, puis `---` à nouveau, puis le texte
content-control-character = les caractères de contrôle sont interdits (U+{ $code } dans ce texte)
content-control-characters = les caractères de contrôle sont interdits
content-control-character-hint = retirez-le (un échappement comme `\0` ou `\e` dans un texte YAML entre guillemets, ou `&#27;` en Markdown, en écrit un aussi) : les pages ne peuvent pas afficher de caractères de contrôle
content-too-deep = les valeurs sont imbriquées sur plus de { $max } niveaux
content-too-deep-hint = les fichiers de contenu n’imbriquent que quelques niveaux au plus : vérifiez que chaque `[` et chaque `{"{"}` est bien refermé, ainsi que le retrait des lignes
content-aliases-too-much = les alias (`*nom`) de ce fichier répètent plus de { $megabytes } Mo de texte
content-aliases-too-much-hint = écrivez le texte là où il sert au lieu de le répéter avec une ancre (`&nom`) et ses alias

## site.yaml (config.rs, mod.rs).

content-language-invalid = `{ $code }` n’est pas un code de langue
content-language-invalid-hint = écrivez un code de deux lettres : fr, nl, en
content-theme-invalid = `{ $theme }` n’est pas un nom de thème valable
content-theme-invalid-hint = un nom de thème est le nom d’un dossier de themes/ : lettres minuscules, chiffres, tirets
content-join-page-invalid = `{ $page }` n’est pas un nom de page
content-join-page-invalid-hint = écrivez le nom du fichier de la page, sans .md
content-feed-past-days-too-many = { $days } jours, c’est plus que le maximum de { $max } (cent ans)
content-feed-past-days-too-many-hint = gardez les événements passés dans les flux quelques mois, par exemple 180 jours
content-email-invalid = `{ $email }` n’est pas une adresse e-mail
content-email-invalid-hint = écrivez-la sous la forme nom@exemple.org
content-join-page-draft = la page `{ $page }` de join_page est un brouillon
content-join-page-draft-hint = publiez { $file } (retirez `draft: true`), ou indiquez dans join_page une page publiée
content-join-page-broken = la page `{ $page }` de join_page ne peut pas être publiée : elle contient des erreurs
content-join-page-broken-hint = corrigez { $file } (ses problèmes sont indiqués avec ce fichier)
content-join-page-missing = la page `{ $page }` de join_page n’existe pas
content-join-page-missing-hint = créez content/pages/{ $page }.md, ou indiquez dans join_page une page qui existe

## Pages, texts, networks (pages.rs, texts.rs, networks.rs).

content-page-duplicate = deux pages s’appellent `{ $slug }` (l’autre est { $other })
content-page-duplicate-hint = deux pages ne peuvent pas avoir le même nom de fichier, même dans des dossiers différents
content-baseline-multiline = la phrase d’accroche (`statement`) doit tenir sur une ligne
content-baseline-multiline-hint = mettez les détails dans `explanation`
content-axis-twice = l’axe `{ $axis }` est décrit deux fois
content-axis-twice-hint = décrivez chaque axe une seule fois
content-axis-missing = il manque l’axe `{ $axis }`
content-axis-missing-hint = décrivez les trois axes : promote, inform, defend
content-charter-empty = la charte n’a aucun engagement
content-charter-empty-hint = indiquez au moins un engagement
content-term-duplicate-id = l’identifiant `{ $id }` est déjà pris par le terme de la ligne { $line }
content-term-duplicate-id-hint = deux termes ne peuvent pas partager une ancre : donnez à l’un d’eux un autre `id:`
content-term-refers-to-itself = le terme `{ $term }` renvoie à lui-même
content-term-refers-to-itself-hint = retirez ce renvoi
content-term-unknown = `{ $term }` n’est pas un terme du lexique
content-term-unknown-guess-hint = vouliez-vous dire `{ $id }` ? les renvois utilisent l’identifiant du terme
content-term-unknown-hint = utilisez l’identifiant d’un terme de ce lexique (son ancre, par exemple groupe-d-appui)
content-network-duplicate-id = l’identifiant de réseau `{ $id }` est utilisé deux fois
content-network-duplicate-id-hint = donnez à l’un des réseaux un autre `id:`
content-network-year-implausible = { $year } n’est pas une année plausible
content-network-year-implausible-hint = écrivez l’année où SMart a adhéré, par exemple 2016

content-language-twice = `{ $code }` figure deux fois
content-language-twice-hint = citez chaque langue une fois, la langue principale du site en premier
content-language-not-first = `language: { $code }` n’est pas la première langue de `languages` ({ $first })
content-language-not-first-hint = la première langue de `languages` est la langue principale du site : retirez `language`, ou mettez-la en premier
content-translation-language-unlisted = une traduction en `{ $lang }`, une langue que site.yaml ne cite pas (languages : { $listed })
content-translation-language-unlisted-hint = ajoutez `{ $lang }` à `languages:` dans site.yaml, ou renommez le fichier sans `.{ $lang }`
content-translation-original-missing = cette traduction n’a pas d’original : { $original } n’existe pas
content-translation-original-missing-hint = une traduction porte le nom de son original, avec la langue avant l’extension ; renommez-la, ou écrivez d’abord l’original
content-translation-differs = `{ $written }` n’est pas la valeur de `{ $field }` dans l’original ({ $original }, dans { $file })
content-translation-differs-hint = les dates, le fuseau et la règle sont ceux de l’original : retirez `{ $field }` de ce fichier, ou écrivez la même valeur que dans { $file }
content-translation-no-original-field = `{ $field }` est traduit, mais l’original ({ $original }) n’en a pas
content-translation-no-original-field-hint = ajoutez-le d’abord à l’original : une traduction ne donne que les mots de ce que l’original contient
content-translation-term-no-id = le terme « { $term } » ne donne pas d’`id`
content-translation-term-no-id-hint = donnez l’`id` du terme qu’il traduit, comme dans lexicon.yaml
content-translation-term-unknown = lexicon.yaml n’a pas de terme `{ $id }`
content-translation-term-unknown-hint = un terme traduit donne l’`id` d’un terme de lexicon.yaml
