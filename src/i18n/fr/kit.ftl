### Messages: the kit (src/content/kit.rs).
### Ids start with "kit-"; the same ids, with the same arguments, are in ../en/kit.ftl.

kit-item-stale = « { $title } » n’a pas été mis à jour depuis le { $date }
kit-item-stale-hint = vérifiez que cet élément est toujours d’actualité, puis mettez sa date à jour
kit-item-duplicate-id = deux éléments du kit ont le même identifiant `{ $id }`
kit-item-duplicate-id-hint = donnez à l’un des deux un autre `id:`
kit-language = `{ $language }` n’est pas un code de langue
kit-language-hint = utilisez un code de deux lettres : fr, nl, en, de
kit-updated-future = la date de mise à jour { $date } est dans le futur
kit-updated-future-hint = indiquez la date de la dernière mise à jour réelle
kit-item-file-and-url = un élément a soit `file`, soit `url`, pas les deux
kit-item-file-and-url-hint = gardez celui que les visiteurs doivent utiliser
kit-item-neither-file-nor-url = cet élément n’a ni `file` ni `url`
kit-item-neither-file-nor-url-hint = ajoutez `file: kit/nom.pdf` (un fichier du dossier content/) ou `url: https://…`
kit-page-too-big = `{ $file }` dépasse 1 Mo : il est proposé en téléchargement seulement, pas comme page
kit-page-too-big-hint = découpez-le en plusieurs fichiers plus petits, ou raccourcissez-le
kit-page-not-utf8 = `content/{ $file }` n’est pas un texte en UTF-8
kit-page-not-utf8-hint = enregistrez le fichier Markdown en UTF-8 (la plupart des éditeurs le proposent dans « Enregistrer sous »)
kit-file-not-inside = `{ $file }` n’est pas un chemin dans le dossier content/
kit-file-not-inside-hint = écrivez un chemin à partir de content/, avec / entre les dossiers et sans `..`, par exemple kit/brochure.pdf
kit-file-points-outside = `{ $file }` renvoie hors du dossier content/
kit-file-points-outside-hint = copiez le fichier dans content/ au lieu d’y faire un lien
kit-file-not-a-file = `{ $file }` n’est pas un fichier
kit-file-missing = le fichier `content/{ $file }` n’existe pas
kit-file-missing-hint = vérifiez le nom du fichier et son dossier (majuscules et minuscules comptent)
kit-file-own-source = `{ $file }` ne peut pas être publié : c’est l’un des fichiers de contenu du site, qui peuvent contenir des informations privées
kit-file-own-source-hint = les fichiers du kit vont dans un dossier à part, par exemple content/kit/
kit-file-windows-reserved = `{ $file }` ne peut pas être publié : `{ $name }` est un nom que Windows réserve à un périphérique
kit-file-windows-reserved-hint = renommez le fichier ou le dossier (par exemple en ajoutant un mot : con-2027.pdf)
kit-file-active-type = `{ $file }` ne peut pas être publié : un fichier .{ $extension } peut exécuter des scripts dans le navigateur des visiteurs s’il est publié sur le site
kit-file-active-type-hint = publiez-le en PDF ou en image, mettez-le dans une archive .zip, ou hébergez-le ailleurs et donnez son `url:`
kit-file-svg-too-big = `{ $file }` ne peut pas être publié : un fichier SVG de plus de 8 Mo ne peut pas être vérifié
kit-file-svg-too-big-hint = exportez-le en PDF ou en PNG
kit-file-svg-active = `{ $file }` ne peut pas être publié : { $what ->
        [script] l’image SVG contient un élément <script>, qui s’exécuterait dans le navigateur des visiteurs
        [foreign-object] l’image SVG contient un élément <foreignObject> (qui peut contenir du HTML), qui s’exécuterait dans le navigateur des visiteurs
        [entity] l’image SVG contient une déclaration d’entité, qui s’exécuterait dans le navigateur des visiteurs
        [embedded] l’image SVG contient un document intégré ou un gestionnaire d’événements, qui s’exécuterait dans le navigateur des visiteurs
        [handler] l’image SVG contient un attribut de gestion d’événement (on…=), qui s’exécuterait dans le navigateur des visiteurs
        [script-url] l’image SVG contient une adresse de script, qui s’exécuterait dans le navigateur des visiteurs
        [data-url] l’image SVG contient une adresse data: qui n’est pas une simple image, qui s’exécuterait dans le navigateur des visiteurs
        [not-utf8] l’image SVG contient du texte qui n’est pas en UTF-8, et ne peut donc pas être vérifiée
       *[other] l’image SVG contient un élément actif, qui s’exécuterait dans le navigateur des visiteurs
    }
kit-file-svg-active-hint = retirez-le de l’image (ou exportez l’image en PDF ou en PNG)
