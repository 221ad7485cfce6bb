### Messages: the ambassadors' public profiles (src/content/ambassadors.rs).
### Ids start with "ambassadors-"; the same ids, with the same arguments, are in ../fr/ambassadors.ftl.

ambassadors-duplicate-id = another profile has the id `{ $id }`: { $other }
ambassadors-duplicate-id-hint = a profile's id is its file name: keep one file per person
ambassadors-contact-field-hint = a public profile never holds an e-mail, a phone number or an address: people contact an ambassador through the support group (the organisation's e-mail in site.yaml). Remove this line; the support group keeps contact details in its private file
ambassadors-language-unknown = `{ $language }` is not one of the languages of the identification sheet
ambassadors-language-unknown-hint = write one of: { $options }
ambassadors-photo-not-an-image = `{ $file }` is not an image
ambassadors-photo-not-an-image-hint = use a file of one of these types: { $types }
ambassadors-photo-in-profiles = `{ $file }` is in the profiles' folder, which holds only their Markdown files
ambassadors-photo-in-profiles-hint = put the photos in a folder of their own, e.g. content/photos/
