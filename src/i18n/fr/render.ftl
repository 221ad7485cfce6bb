### Messages: rendering: theme, templates, pages, translations (src/render, src/routes).
### Ids start with "render-"; the same ids, with the same arguments, are in ../en/render.ftl.

render-collision = { $this ->
        [page] cette page
        [event] cet événement
        [kit-file] ce fichier du kit
        [photo] cette photo
       *[theme-file] ce fichier du thème
    } et { $that ->
        [page] la page { $other }
        [event] l’événement { $other }
        [kit-file] le fichier du kit { $other }
        [photo] la photo du profil { $other }
       *[theme-file] le fichier du thème { $other }
        [home] la page d’accueil
        [charter] la charte
        [lexicon] le lexique
        [kit] le kit
        [networks] la page des réseaux
        [ambassadors] l’annuaire des ambassadeurs
        [not-found] la page 404
        [feed] le fichier d’agenda du site
        [atom] le flux Atom
        [sitemap] le plan du site (sitemap)
        [robots] robots.txt
        [agenda] l’agenda
        [agenda-pages] les pages suivantes des listes de l’agenda
        [archive] les archives des événements passés
        [filters] les pages et fichiers d’agenda des filtres de l’agenda
        [months] les calendriers des mois
        [sheets] les fiches imprimables
        [missions] les missions ouvertes
        [reports] les comptes rendus des événements
        [figures] le bilan chiffré
        [language] les pages d’une autre langue du site (languages: dans site.yaml)
    } veulent la même adresse { $address }
render-collision-page-hint = renommez le fichier de la page : l’adresse d’une page est /<nom du fichier>/
render-collision-event-hint = renommez le fichier de l’événement : l’adresse d’un événement est /agenda/<nom du fichier>/
render-collision-kit-file-hint = renommez ou déplacez le fichier du kit : son adresse est son chemin sous content/
render-collision-photo-hint = renommez ou déplacez la photo : son adresse est son chemin sous content/
render-collision-theme-file-hint = renommez ou supprimez le fichier du thème
render-translation-missing = la traduction manque
render-translation-not-text = la traduction n’est pas un texte
render-translation-not-a-list = la traduction doit être une liste de { $count } textes : { $what ->
        [months] les mois, à partir de janvier
        [months-short] les noms courts des mois, à partir de janvier
        [weekdays] les jours de la semaine, à partir du lundi
       *[ordinals] du 1er au 5e, comme dans « 1er mardi »
    }
render-translation-hint = le fichier i18n/fr.yaml du thème intégré a toutes les clés (voir docs/theme.md)
render-theme-symlink = le dossier du thème est un lien symbolique
render-theme-symlink-hint = copiez le thème dans le dossier themes/ du site au lieu d’y faire un lien
render-theme-unreadable = impossible de lire le thème : { $error }
render-theme-file-unreadable = impossible de lire ce fichier : { $error }
render-theme-missing = le thème `{ $name }` n’existe pas
render-theme-missing-hint = créez le dossier themes/{ $name }/ à côté de content/, ou enlevez `theme:`
render-template-not-utf8 = le gabarit n’est pas du texte UTF-8
render-template-syntax-hint = corrigez la syntaxe du gabarit (Tera)
render-minify-fallback = les gabarits ne peuvent pas être minifiés une fois pour toutes, donc chaque page est minifiée après son rendu (plus lent) : { $reason }
render-minify-fallback-hint = voir « Minification » dans la référence des thèmes (docs/theme.md)
render-no-translations = le thème n’a pas de traductions pour la langue `{ $language }`
render-no-translations-hint = ajoutez themes/{ $name }/{ $file } (copiez le i18n/fr.yaml du thème par défaut et traduisez-le)
render-partial-hint = un gabarit partiel ne voit que `site`, `t` et `page.section`, `page.is_home`, `page.menu_page`, `page.menu_section` : il est rendu une seule fois pour toutes les pages d’un même type
