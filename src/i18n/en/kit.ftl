### Messages: the kit (src/content/kit.rs).
### Ids start with "kit-"; the same ids, with the same arguments, are in ../fr/kit.ftl.

kit-item-stale = `{ $title }` has not been updated since { $date }
kit-item-stale-hint = check that this item is still current, then update its date
kit-item-duplicate-id = duplicate kit item id `{ $id }`
kit-item-duplicate-id-hint = give one of the items a distinct `id:`
kit-language = `{ $language }` is not a language code
kit-language-hint = use a two-letter code: fr, nl, en, de
kit-updated-future = the update date { $date } is in the future
kit-updated-future-hint = write the date of the last actual update
kit-item-file-and-url = an item has either `file` or `url`, not both
kit-item-file-and-url-hint = keep the one visitors should use
kit-item-neither-file-nor-url = this item has neither `file` nor `url`
kit-item-neither-file-nor-url-hint = add `file: kit/name.pdf` (a file in content/) or `url: https://…`
kit-page-too-big = `{ $file }` is over 1 MB: it is offered as a download only, not as a page
kit-page-too-big-hint = split it into smaller files, or shorten it
kit-page-not-utf8 = `content/{ $file }` is not UTF-8 text
kit-page-not-utf8-hint = save the Markdown file as UTF-8 (most editors offer it under "Save as")
kit-file-not-inside = `{ $file }` is not a path inside the content folder
kit-file-not-inside-hint = write a path relative to content/, with / between folders and no `..`, e.g. kit/brochure.pdf
kit-file-points-outside = `{ $file }` points outside the content folder
kit-file-points-outside-hint = copy the file into content/ instead of linking to it
kit-file-not-a-file = `{ $file }` is not a file
kit-file-missing = the file `content/{ $file }` does not exist
kit-file-missing-hint = check the file name and its folder (names are case-sensitive)
kit-file-own-source = `{ $file }` cannot be published: it is one of the site's own content files, which may hold private details
kit-file-own-source-hint = kit files go in a folder of their own, e.g. content/kit/
kit-file-windows-reserved = `{ $file }` cannot be published: `{ $name }` is a name Windows reserves for a device
kit-file-windows-reserved-hint = rename the file or folder (e.g. add a word: con-2027.pdf)
kit-file-active-type = `{ $file }` cannot be published: a .{ $extension } file can run scripts in visitors' browsers when served from the site
kit-file-active-type-hint = publish it as PDF or as an image, put it in a .zip archive, or host it elsewhere and give its `url:`
kit-file-svg-too-big = `{ $file }` cannot be published: an SVG file larger than 8 MB cannot be checked for scripts
kit-file-svg-too-big-hint = export it as PDF or PNG
kit-file-svg-active = `{ $file }` cannot be published: the SVG image contains { $what ->
        [script] a <script> element
        [foreign-object] a <foreignObject> element (which can hold HTML)
        [entity] an entity declaration
        [embedded] an embedded document or event handler element
        [handler] an event handler attribute (on…=)
        [script-url] a script URL
        [data-url] a data: URL that is not a plain image
        [not-utf8] text that is not UTF-8, which cannot be checked
       *[other] something active
    }, which would run in visitors' browsers
kit-file-svg-active-hint = remove it from the image (or export the image as PDF or PNG)
