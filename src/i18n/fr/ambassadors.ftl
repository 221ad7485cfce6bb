### Messages: the ambassadors' public profiles (src/content/ambassadors.rs).
### Ids start with "ambassadors-"; the same ids, with the same arguments, are in ../en/ambassadors.ftl.

ambassadors-duplicate-id = un autre profil porte déjà l’identifiant `{ $id }` : { $other }
ambassadors-duplicate-id-hint = l’identifiant d’un profil est le nom de son fichier : gardez un seul fichier par personne
ambassadors-contact-field-hint = un profil public ne contient jamais d’adresse électronique, de numéro de téléphone ni d’adresse postale : on contacte un ambassadeur en passant par le groupe d’appui (l’adresse électronique de l’organisation, dans site.yaml). Supprimez cette ligne ; le groupe d’appui garde les coordonnées dans sa fiche privée
ambassadors-language-unknown = `{ $language }` ne fait pas partie des langues de la fiche d’identification
ambassadors-language-unknown-hint = écrivez l’une de ces langues : { $options }
ambassadors-photo-not-an-image = `{ $file }` n’est pas une image
ambassadors-photo-not-an-image-hint = utilisez un fichier de l’un de ces types : { $types }
ambassadors-photo-in-profiles = `{ $file }` est dans le dossier des profils, qui ne contient que leurs fichiers Markdown
ambassadors-photo-in-profiles-hint = rangez les photos dans un dossier à part, par exemple content/photos/
