### Messages: rendering: theme, templates, pages, translations (src/render, src/routes).
### Ids start with "render-"; the same ids, with the same arguments, are in ../fr/render.ftl.

render-collision = { $this ->
        [page] this page
        [event] this event
        [kit-file] this kit file
        [photo] this photo
       *[theme-file] this theme file
    } and { $that ->
        [page] the page { $other }
        [event] the event { $other }
        [kit-file] the kit file { $other }
        [photo] the photo of the profile { $other }
       *[theme-file] the theme's file { $other }
        [home] the home page
        [charter] the charter
        [lexicon] the lexicon
        [kit] the kit
        [networks] the networks
        [ambassadors] the ambassadors' directory
        [not-found] the 404 page
        [feed] the calendar feed
        [atom] the Atom feed
        [sitemap] the sitemap
        [robots] robots.txt
        [agenda] the agenda
        [agenda-pages] the further pages of the agenda's lists
        [archive] the archive of past events
        [filters] the agenda's filter pages and feeds
        [months] the month calendars
        [sheets] the printable sheets
        [missions] the open missions
        [reports] the events' reports
        [figures] the figures
        [language] the pages in another language of the site (languages: in site.yaml)
    } both want the address { $address }
render-collision-page-hint = rename the page's file: a page's address is /<file name>/
render-collision-event-hint = rename the event's file: an event's address is /agenda/<file name>/
render-collision-kit-file-hint = rename or move the kit file: its address is its path under content/
render-collision-photo-hint = rename or move the photo: its address is its path under content/
render-collision-theme-file-hint = rename or remove the theme's file
render-translation-missing = the translation is missing
render-translation-not-text = the translation is not text
render-translation-not-a-list = the translation must be a list of { $count } texts: { $what ->
        [months] the months, from January
        [months-short] short month names, from January
        [weekdays] the days of the week, from Monday
       *[ordinals] the 1st to the 5th, as in "1st Tuesday"
    }
render-translation-hint = the built-in theme's i18n/fr.yaml has every key (see docs/theme.md)
render-theme-symlink = the theme folder is a symbolic link
render-theme-symlink-hint = copy the theme into the site's themes/ folder instead of linking to it
render-theme-unreadable = cannot read the theme: { $error }
render-theme-file-unreadable = cannot read: { $error }
render-theme-missing = the theme `{ $name }` does not exist
render-theme-missing-hint = create the folder themes/{ $name }/ beside content/, or remove `theme:`
render-template-not-utf8 = the template is not UTF-8 text
render-template-syntax-hint = fix the template syntax (Tera)
render-minify-fallback = the templates cannot be minified once, so every page is minified after rendering (slower): { $reason }
render-minify-fallback-hint = see "Minification" in the theme reference (docs/theme.md)
render-no-translations = the theme has no translations for the language `{ $language }`
render-no-translations-hint = add themes/{ $name }/{ $file } (copy i18n/fr.yaml of the default theme and translate it)
render-partial-hint = a partial sees only `site`, `t` and `page.section`, `page.is_home`, `page.menu_page`, `page.menu_section`: it is rendered once for all the pages of a kind
