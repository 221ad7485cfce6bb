### Messages: `ambassade new`: generated comments and messages (src/scaffold, src/cli/new.rs).
### Ids start with "new-"; the same ids, with the same arguments, are in ../fr/new.ftl.

new-no-content = { $folder } has no content/ folder
new-no-content-hint = run the command in a site folder, or pass --root DIR
new-cannot-write = cannot write { $file }: { $error }
new-cannot-write-hint = check the folder's permissions
new-exists = { $file } already exists
new-exists-hint = nothing was overwritten: choose another title, or pass --slug NAME
new-bad-slug = `{ $slug }` cannot be used as a file name
new-bad-slug-hint = use lowercase letters without accents, digits and single dashes, e.g. salon-2027
new-no-slug = no file name can be made from the title `{ $title }`
new-no-slug-hint = put letters or digits in the title, or pass --slug NAME
new-bad-id = `{ $id }` is not a valid id
new-bad-id-hint = use lowercase letters without accents, digits and single dashes, e.g. groupe-d-appui
new-no-id = no id can be made from `{ $text }`
new-no-id-hint = put letters or digits in it, or pass --id NAME
new-cannot-read = cannot read { $file }: { $error }
new-cannot-read-hint = every site has this file: copy it from the example site's content/ folder
new-unreadable = { $file } cannot be read as it is: { $error }
new-unreadable-hint = fix the file first (`ambassade check` shows where), then run the command again
new-duplicate-id = { $file } already has an entry with the id `{ $id }` ({ $name })
new-duplicate-id-hint = nothing was added: edit the existing entry, or pass --id NAME for a different one
new-cannot-append = cannot add to the `{ $list }:` list of { $file } without rewriting the file
new-cannot-append-hint = add the entry by hand at the end of the `{ $list }:` list (see the README)
new-several-documents = { $file } holds several YAML documents
new-several-documents-hint = keep one document per file (remove the `---` or `...` lines)
new-no-list = { $file } has no `{ $list }:` list
new-add-list-hint = add a `{ $list }:` list at the end of the file
new-list-not-last = `{ $list }:` is not the last part of { $file }: new entries are added at the end of the file
new-move-list-hint = move the `{ $list }:` list to the end of the file (after `{ $last }:`), then run the command again
new-list-on-one-line = the `{ $list }:` list of { $file } is written on one line
new-list-on-one-line-hint = write it with one `- ` item per line under `{ $list }:` (see the README)
new-value-empty = the { $what } is empty
new-value-empty-hint = write a { $what }
new-value-control = the { $what } contains a line break or a control character
new-value-control-hint = write the { $what } on one line
new-value-unwritable = cannot write the { $what }: { $error }
new-value-unwritable-hint = simplify it
new-or = { $rest } or { $last }
new-bad-moment = --{ $which } `{ $value }` is not a date or a date and time
new-bad-moment-hint = write YYYY-MM-DDTHH:MM for a time (2027-02-03T14:00) or YYYY-MM-DD for a whole day
new-end-before-start = --end { $end } is before --start { $start }
new-end-before-start-hint = give an end after the start
new-end-before-start-day-hint = for an all-day event, --end is the last day, on or after the start
new-mixed-forms = --start and --end are not of the same form
new-mixed-forms-hint = give both as dates (all-day event) or both as date and time
new-kit-target = a kit item needs either a file or an address
new-kit-target-hint = pass --file kit/NAME.pdf (a file inside content/) or --url https://…
new-comment-end-timed = same form as start
new-comment-end-day = the last day, for an event of several days
new-comment-event-draft = a draft, built only with --drafts: delete this line to publish it
new-comment-draft = built only with --drafts; remove to publish
new-event-header =
    A new event, made by `ambassade new event`. Lines starting with # are comments: remove the
    # to use a field, delete what you do not need. Every field is described in the README,
    section "events/<slug>.md". Check your changes with `ambassade check` or `ambassade serve`.
new-comment-timezone = only when the event is in another time zone
new-comment-status = confirmed (default), tentative, postponed or cancelled
new-comment-online = address of the stream or video call
new-comment-roles = role: ambassador, staff or board
new-page-header =
    A new page, made by `ambassade new page`, published at /{ $slug }/. Lines starting with # are
    comments: remove the # to use a field. See the README, section "pages/<slug>.md".
new-comment-menu = a number: the page appears in the main menu, in this order
new-comment-term-anchor = the anchor /lexique/#{ $id }: never change it once published
new-comment-see-also = ids of other terms
new-comment-network-anchor = the anchor /reseaux/#{ $id }
new-comment-kit-anchor = the anchor /kit/#{ $id }
new-comment-kit-file = a file inside content/
new-added = added `{ $id }` at line { $line } of { $file }
new-created = created { $file }
new-created-draft = it is a draft (`draft: true`), left out of the site: write its text, then delete that line to publish it
new-nothing-written = nothing was written: the result would not pass `ambassade check`
