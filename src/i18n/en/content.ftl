### Messages: reading content/: files, sources, YAML, values, site.yaml, pages, texts, networks (src/content).
### Ids start with "content-"; the same ids, with the same arguments, are in ../fr/content.ftl.

## Values (values.rs): dates, times, web addresses.

content-moment-shape = `{ $value }` is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)
content-date-shape = `{ $value }` is not a date in the form YYYY-MM-DD
content-date-year-out-of-range = { $value }: the year { $year } is out of range ({ $first } to { $last })
content-date-no-such-month = { $value } is not a real date: there is no month { $month }
content-date-no-such-day = { $value } is not a real date: { $month } has { $days } days
content-date-hint = write the date as YYYY-MM-DD, e.g. 2027-03-14
content-time-shape = `{ $value }` is not a time in the form HH:MM
content-time-out-of-range = { $value } is not a valid time of day (00:00 to 23:59)
content-url-user-name = `{ $value }` has a user name before `@`: it leads to { $host }, not to the site it seems to name
content-url-user-name-no-host = `{ $value }` has a user name before `@`: it leads to another site, not to the site it seems to name
content-url-user-name-hint = check which site the link must open and write only its address, with nothing before @ (a web address needs no user name nor password)
content-url-scheme = `{ $value }` is not a web address (scheme `{ $scheme }`)
content-url-scheme-hint = write a full address starting with https://
content-url-no-scheme = `{ $value }` is not a full web address: https:// is missing
content-url-no-scheme-hint = write { $address }
content-url-not-an-address = `{ $value }` is not a web address
content-url-invalid = `{ $value }` is not a valid web address: { $error }
content-url-example-hint = write a full address starting with https://, e.g. https://smart.coop/

## Fields of any file (files.rs).

content-field-empty = this field is empty
content-field-empty-hint = write a value, it is required
content-timezone-unknown = `{ $name }` is not a known time zone
content-timezone-unknown-hint = use an IANA time-zone name such as Europe/Brussels, Europe/Paris or America/Montreal
content-id-invalid = `{ $id }` is not a valid id
content-id-invalid-hint = use lowercase letters without accents, digits and single dashes, e.g. groupe-d-appui
content-id-from-text = no id can be made from `{ $text }`
content-id-from-text-hint = add an `id:` made of lowercase letters, digits and dashes
content-angle-brackets = `{ $text }`: the characters < and > cannot be used here
content-angle-brackets-hint = this text is printed in the page header of the printable sheets, where they are not allowed; write « » or remove them

## Files and folders (files.rs, source.rs, mod.rs). `kind` is what an entry is: folder, file,
## fifo, socket, device, symlink or special.

content-symlink = symbolic links are not followed
content-symlink-file-hint = copy the file into the content folder instead of linking to it
content-symlink-folder-hint = copy the folder into the content folder instead of linking to it
content-symlink-content-hint = make content/ a real folder inside the site folder
content-not-a-text-file = this is { $kind ->
        [folder] a folder
        [file] a file
        [fifo] a named pipe (FIFO)
        [socket] a socket
        [device] a device
        [symlink] a symbolic link
       *[other] a special file
    }, not a text file
content-not-a-text-file-hint = content/ holds plain text files only: remove it, or replace it by a file
content-required-not-a-file-hint = every site needs this file: replace it by the file, copied from the example site's content/ folder and adapted
content-not-a-folder = this is { $kind ->
        [folder] a folder
        [file] a file
        [fifo] a named pipe (FIFO)
        [socket] a socket
        [device] a device
        [symlink] a symbolic link
       *[other] a special file
    }, not a folder
content-not-a-folder-holding-hint = it should be a folder holding { $name }
content-not-a-folder-of-md-hint = it should be a folder of .md files: rename it, and create the folder
content-cannot-read-file = cannot read the file: { $error }
content-cannot-read = cannot read: { $error }
content-file-missing = this file is missing
content-file-missing-hint = every site needs it: copy it from the example site's content/ folder and adapt it
content-folder-missing = the content folder does not exist
content-folder-missing-hint = run the command in a site folder, or pass --root DIR
content-folder-named-like-markdown = this folder is named like a Markdown file
content-folder-named-like-markdown-hint = a folder is not a page or an event, only the .md files in it are: rename it without the extension
content-not-md = this file is not read: its name does not end in .md
content-rename-to-md-hint = rename it to { $name }.md
content-only-md-hint = only .md files are read here: move it out of this folder (files to hand out belong to the kit: content/kit/ and kit.yaml)
content-file-name-windows-reserved = `{ $name }` is a name Windows reserves for a device
content-file-name-windows-reserved-hint = such a file cannot exist on an editor's Windows machine, nor its web address as a folder: rename it, e.g. { $name }-2027.md
content-file-name-invalid = `{ $name }` cannot be used in a web address
content-file-name-invalid-hint = file names use lowercase letters without accents, digits and dashes: rename it to { $name }.md
content-file-name-invalid-no-name-hint = file names use lowercase letters without accents, digits and dashes: rename it
content-today-out-of-range = the reference date { $date } is out of range
content-today-out-of-range-hint = give a date between the years { $first } and { $last } with --today or SOURCE_DATE_EPOCH

## A file's text (source.rs, yaml_limits.rs).

content-file-too-large = the file is too large ({ $size } MB; at most { $max } MB)
content-file-too-large-hint = content files hold text only; put large files (PDF, videos) in the kit and link to them
content-not-utf8 = the file is not valid UTF-8 text
content-not-utf8-hint = save the file with the UTF-8 encoding (in most editors: "Save with encoding" → UTF-8)
content-file-empty = the file is empty
content-file-empty-hint = write the file's fields (see the README), or delete the file
content-no-opening-dashes = the file does not start with a `---` line
content-no-opening-dashes-hint = a page or event file starts with `---`, its fields, then `---` again, then the text
content-control-character = control characters are not allowed (U+{ $code } in this text)
content-control-characters = control characters are not allowed
content-control-character-hint = remove it (an escape such as `\0` or `\e` in quoted YAML text, or `&#27;` in Markdown, also writes one): pages cannot show control characters
content-too-deep = the values are nested more than { $max } levels deep
content-too-deep-hint = content files nest a few levels at most: check that every `[` and `{"{"}` is closed, and the indentation
content-aliases-too-much = the aliases (`*name`) of this file repeat more than { $megabytes } MB of text
content-aliases-too-much-hint = write the text where it is needed instead of repeating it through an anchor (`&name`) and its aliases

## site.yaml (config.rs, mod.rs).

content-language-invalid = `{ $code }` is not a language code
content-language-invalid-hint = use a two-letter code: fr, nl, en
content-theme-invalid = `{ $theme }` is not a valid theme name
content-theme-invalid-hint = a theme name is a folder name under themes/: lowercase letters, digits, dashes
content-join-page-invalid = `{ $page }` is not a page slug
content-join-page-invalid-hint = write the page's file name without .md
content-feed-past-days-too-many = { $days } days is more than { $max } (a hundred years)
content-feed-past-days-too-many-hint = keep past events in the feeds for a few months, e.g. 180
content-email-invalid = `{ $email }` is not an e-mail address
content-email-invalid-hint = write it as name@example.org
content-join-page-draft = join_page `{ $page }` is a draft
content-join-page-draft-hint = publish { $file } (remove `draft: true`), or point join_page to a published page
content-join-page-broken = join_page `{ $page }` cannot be published: the page has errors
content-join-page-broken-hint = fix { $file } (its problems are listed with it)
content-join-page-missing = join_page `{ $page }` is not a page
content-join-page-missing-hint = create content/pages/{ $page }.md, or point join_page to an existing page

## Pages, texts, networks (pages.rs, texts.rs, networks.rs).

content-page-duplicate = duplicate page slug `{ $slug }` (also { $other })
content-page-duplicate-hint = two pages cannot have the same file name, even in different folders
content-baseline-multiline = the baseline statement must fit on one line
content-baseline-multiline-hint = move the details to `explanation`
content-axis-twice = the axis `{ $axis }` is described twice
content-axis-twice-hint = describe each axis once
content-axis-missing = the axis `{ $axis }` is missing
content-axis-missing-hint = describe the three axes: promote, inform, defend
content-charter-empty = the charter has no commitments
content-charter-empty-hint = list at least one commitment
content-term-duplicate-id = duplicate term id `{ $id }` (already used by the term at line { $line })
content-term-duplicate-id-hint = two terms cannot share an anchor: give one of them a distinct `id:`
content-term-refers-to-itself = the term `{ $term }` refers to itself
content-term-refers-to-itself-hint = remove this reference
content-term-unknown = unknown lexicon term `{ $term }`
content-term-unknown-guess-hint = did you mean `{ $id }`? references use the term's id
content-term-unknown-hint = use the id of a term of this lexicon (its anchor, e.g. groupe-d-appui)
content-network-duplicate-id = duplicate network id `{ $id }`
content-network-duplicate-id-hint = give one of the networks a distinct `id:`
content-network-year-implausible = { $year } is not a plausible year
content-network-year-implausible-hint = write the year SMart joined, e.g. 2016

content-language-twice = `{ $code }` is listed twice
content-language-twice-hint = list each language once, the site's main language first
content-language-not-first = `language: { $code }` is not the first of `languages` ({ $first })
content-language-not-first-hint = the first of `languages` is the site's main language: remove `language`, or put it first
content-translation-language-unlisted = a translation into `{ $lang }`, a language site.yaml does not list (languages: { $listed })
content-translation-language-unlisted-hint = add `{ $lang }` to `languages:` in site.yaml, or rename the file without `.{ $lang }`
content-translation-original-missing = this translation has no original: { $original } does not exist
content-translation-original-missing-hint = a translation carries its original's name with the language before the extension; rename it, or write the original first
content-translation-differs = `{ $written }` is not the original's { $field } ({ $original }, in { $file })
content-translation-differs-hint = dates, zone and rule are the original's: remove `{ $field }` from this file, or write the same value as in { $file }
content-translation-no-original-field = `{ $field }` is translated, but the original ({ $original }) has none
content-translation-no-original-field-hint = add it to the original first: a translation only gives words for what the original has
content-translation-term-no-id = the term « { $term } » gives no `id`
content-translation-term-no-id-hint = give the `id` of the term it translates, as in lexicon.yaml
content-translation-term-unknown = lexicon.yaml has no term `{ $id }`
content-translation-term-unknown-hint = a translated term gives the `id` of a term of lexicon.yaml
