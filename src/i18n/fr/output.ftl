### Messages: writing the output folder (src/output).
### Ids start with "output-"; the same ids, with the same arguments, are in ../en/output.ftl.

output-bug-taken-twice = BUG : deux fichiers seraient écrits à /{ $path }
output-bug-path-leaves = BUG : un chemin de sortie sort du dossier de sortie
output-bug-committed-twice = BUG : le dossier de sortie a déjà été mis en place
output-cannot-copy = impossible de copier : { $error }
output-cannot-create-folder = impossible de créer le dossier : { $error }
output-cannot-write = impossible d’écrire : { $error }
output-cannot-move-aside = impossible de mettre de côté le site précédent : { $error }
output-cannot-put-in-place = impossible de mettre le nouveau site en place : { $error }
output-write-failed = impossible d’écrire le nouveau site dans { $folder } : { $error } (à { $file }) ; rien de plus n’a été écrit
output-disk-full-hint = le nouveau site occupe environ { $total } { $total_unit ->
        [MB] Mo
        [kB] ko
       *[bytes] octets
    } (dont { $missing } { $missing_unit ->
        [MB] Mo
        [kB] ko
       *[bytes] octets
    } non écrits) ; il est écrit en entier à côté du site précédent avant de le remplacer : libérez autant de place sur le disque de { $folder } et relancez la construction
output-write-failed-hint = le site précédent n’a pas changé ; vérifiez que { $folder } est accessible en écriture et relancez la construction
output-dangerous = le site ne sera pas écrit là : le dossier de sortie remplacerait les fichiers du site lui-même
output-dangerous-hint = choisissez un dossier de sortie qui ne soit ni le dossier du site, ni dans content/ ou themes/ (par défaut : public/)
output-not-a-folder = ce chemin de sortie existe et n’est pas un dossier
output-earlier-version = ce dossier ne sera pas remplacé : il semble contenir un site construit par une ancienne version d’ambassade, qui ne marquait pas ses sorties, et il peut contenir d’autres fichiers
output-earlier-version-hint = s’il ne contient rien d’autre que vous voulez garder, relancez une fois la même commande avec --force : le nouveau site contient un fichier { $marker }, et les constructions suivantes le remplacent sans demander
output-foreign-files = ce dossier ne sera pas remplacé : il contient des fichiers qu’ambassade n’a pas écrits, et une construction remplace tout son contenu
output-foreign-files-hint = choisissez un autre dossier avec --output, ou déplacez ces fichiers ; pour les supprimer et écrire le site à cet endroit, relancez la même commande avec --force (un site construit précédemment contient un fichier { $marker } et est remplacé sans demander)
