### Messages: ambassadors' private profiles, `match` and `sheets` (src/content/private, src/matching, src/cli).
### Ids start with "private-"; the same ids, with the same arguments, are in ../fr/private.ftl.
private-folder-missing = this folder of profiles does not exist
private-folder-missing-hint = the profiles are the files `{ $folder }/<id>.yaml` of the private folder given with --private (default: private/ beside content/)
private-symlink-hint = copy the file into the private folder instead of linking to it
private-not-a-profile = only the files `<id>.yaml` are profiles: this one is not read
private-not-a-profile-hint = move it out of the profiles folder, or rename it `<id>.yaml`
private-not-a-mapping = a profile is a list of `field: value` lines
private-not-a-mapping-hint = write one line per answer of the identification sheet, e.g. `town: Liège`
private-field-unknown = `{ $field }` is not a field of the identification sheet
private-field-unknown-closest = did you mean `{ $field }`?
private-field-unknown-hint = the fields of content/sheets/identification.yaml are: { $fields }
private-inside-content = the private folder is inside content/
private-inside-content-hint = content/ is shared and published: move the private folder beside it (private/), out of git
private-inside-output = the private folder is inside the output folder { $output }
private-inside-output-hint = everything in the output folder is published, and a build replaces it: move the private folder beside content/
private-id-unknown = no private profile for the ambassador `{ $id }`
private-id-unknown-closest = did you mean `{ $id }`?
private-id-unknown-hint = add the ambassador's profile { $file }, or correct the id
private-expects-text = a text is expected here
private-expects-text-hint = put the value between quotes: { $field }: "…"
private-expects-bool = true (yes) or false (no) is expected here, not `{ $value }`
private-expects-bool-hint = write { $field }: true or { $field }: false, without quotes
private-expects-option = one of the sheet's options is expected here
private-options-hint = the options are: { $options }
private-option-spelling-hint = write it exactly as the sheet does: `{ $option }`
private-not-an-option = `{ $value }` is not one of the options
private-expects-list = a list of the sheet's options is expected here
private-expects-list-hint = for example: { $field }: [{ $example }]
private-expects-grid = each row followed by the list of its ticked columns is expected here
private-expects-grid-hint = for example: { $field }: { "{" } { $row }: [{ $column }] { "}" }
private-not-a-row = `{ $row }` is not a row of the grid
private-rows-hint = the rows are: { $rows }
private-not-a-column = `{ $column }` is not a column of the grid
private-columns-hint = the columns are: { $columns }
private-signature-stored = a signature is not stored in a file: it is given on paper
private-signature-stored-hint = remove `{ $field }`: the ambassador signs the printed sheet
private-id-invalid = `{ $name }` is not an ambassador id: the file is not read
private-id-invalid-hint = an id is lowercase letters without accents, digits and dashes, the one events give in `representatives`: rename the file { $id }.yaml
private-id-invalid-no-id-hint = an id is lowercase letters without accents, digits and dashes, the one events give in `representatives`: rename the file
private-match-already = already named on this mission
private-match-no-language = does not speak { $language }
private-match-theme = shared theme: { $theme }
private-match-sector = shared sector: { $sector }
private-match-region = works in { $region }
private-match-busy = already on a mission on { $date }: “{ $event }”
private-match-no-room = already { $taken } missions in { $year } for { $capacity } possible
private-match-room = { $left } more missions possible in { $year } ({ $taken } of { $capacity } taken)
private-match-time-unknown = time available not given
private-match-never-sent = never sent on a mission yet
private-match-heading = { $date }: { $left ->
        [one] { $left } seat left
       *[other] { $left } seats left
    } of { $seats }, volunteers until { $deadline }
private-match-no-calls = no open call on { $today }
private-match-nobody = nobody available
private-match-unavailable = Unavailable
private-match-private = Private: for the support group only. Do not publish or forward.
private-match-title = Open calls and ambassadors, { $today }
private-match-col-rank = Rank
private-match-col-score = Score
private-match-col-ambassador = Ambassador
private-match-col-reasons = Reasons
private-write-inside-output = private material is not written inside the output folder { $output }: everything there is published
private-write-inside-content = private material is not written inside content/: it is shared and published
private-write-hint = choose a file or folder outside the site, for example in your home folder
private-match-unknown = no event `{ $mission }`; the open calls are: { $open }
private-match-unknown-none = no event `{ $mission }`, and no call is open
private-match-no-call = the event `{ $mission }` has no open call (`mission: open:`)
private-match-past = the event `{ $mission }` has no occurrence from today on
private-match-wrote = wrote { $file }
private-sheets-wrote = { $count ->
        [one] wrote { $count } sheet into { $folder }
       *[other] wrote { $count } sheets into { $folder }
    }
private-sheets-not-written = cannot write the sheet: { $error }
private-schema-no-sheet = no content/sheets/identification.yaml here: the private profiles' schema is not written
