### Messages: YAML and serde errors in content files (src/content/yaml_errors.rs).
### Ids start with "yaml-"; the same ids, with the same arguments, are in ../fr/yaml.ftl.

yaml-tab-here = a tab character is not allowed here
yaml-tab-hint = YAML indentation uses spaces only: replace the tab characters by spaces
yaml-quote-never-closed = this quote is never closed
yaml-quote-never-closed-hint = close the quote at the end of the value, or remove it: quotes are only needed around text containing `: ` or ` #`
yaml-list-not-closed = the list opened here with `[` is not closed, or a comma is missing in it
yaml-list-not-closed-hint = write it on one line, items separated by commas, and end it with `]`, e.g. themes: [coopération, culture]
yaml-group-not-closed = the group opened here with `{"{"}` is not closed, or a comma is missing in it
yaml-group-not-closed-hint = write it on one line, items separated by commas, and end it with `{"}"}`, e.g. location: {"{"} name: Les Ateliers, city: Bruxelles {"}"}
yaml-field-twice-at = the field `{ $field }` is written twice (first at line { $line })
yaml-field-twice = the field `{ $field }` is written twice
yaml-field-twice-hint = keep only one of them
yaml-key-twice-hint = a key appears twice in the same block: keep only one
yaml-colon-in-value = this text contains a colon (`: `), which YAML reads as the start of a new field
yaml-colon-in-value-hint = put the text in double quotes: `{ $fixed }` (`ambassade check --fix` does it for you)
yaml-unexpected-colon = unexpected `: ` here: it starts a new field where none can be
yaml-lost-indentation = this line seems to have lost its indentation: indent it under `{ $parent }`
yaml-lost-indentation-hint = add spaces at the start of the line, as many as for the lines written under `{ $parent }`
yaml-unknown-field = unknown field { $field }, expected { $count ->
        [1] { $last }
        [2] { $names } or { $last }
       *[other] one of { $names }, { $last }
    }
yaml-unknown-field-hint = check the spelling of the field name; the allowed fields are listed in the README
yaml-did-you-mean = did you mean `{ $field }`?
yaml-unknown-value = unknown value { $value }, expected { $count ->
        [1] { $last }
        [2] { $names } or { $last }
       *[other] one of { $names }, { $last }
    }
yaml-unknown-value-hint = use one of the listed values, spelled exactly
yaml-missing-field = missing field `{ $field }`
yaml-missing-field-hint = add this field: it is required
yaml-indentation-hint = check the indentation of this line and the one before it, and quote text that contains ': '
yaml-quote-hint = a quote is opened and never closed
yaml-wrong-form-hint = this value has the wrong form: see the field's description in the README
yaml-wrong-type = expected { $expected ->
        [text] a text
        [list] a list
        [boolean] `true` or `false`
        [byte] a whole number from 0 to 255
        [u16] a whole number from 0 to 65535
        [natural] a whole number, 0 or more
        [whole] a whole number
        [number] a number
        [group] a group of fields (`name: value` lines)
       *[as-is] { $expected_value }
    }, found { $found ->
        [list] a list
        [group] a group of fields
        [empty] an empty value
        [text] the text { $found_value }
        [number] the number { $found_value }
       *[as-is] { $found_value }
    }
yaml-front-matter-not-closed = the front matter is never closed
yaml-front-matter-not-closed-hint = add a line `---` after the last field, before the text
yaml-fix-changed = { $file }:{ $line }: fixed: { $before } → { $after }
yaml-path-field = `{ $field }`
yaml-path-item = item { $number }
yaml-path-element = item { $number } of `{ $list }`
yaml-path-titled = { $element } (“{ $title }”)
yaml-path-within = { $inner } of { $outer }
yaml-field-in-english = field names are in English: write `{ $field }`
