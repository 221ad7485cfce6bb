### Messages: the command line: summaries of build and check, usage errors (src/cli, src/progress.rs).
### Ids start with "cli-"; the same ids, with the same arguments, are in ../en/cli.ftl.

cli-check-sound = le contenu est correct ({ $ms } ms)
cli-building = construction du site…
cli-built = { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }, { $sheets ->
        [one] { $sheets } fiche
       *[other] { $sheets } fiches
    }, { $feeds ->
        [one] { $feeds } fichier d’agenda
       *[other] { $feeds } fichiers d’agenda
    } et { $others ->
        [one] { $others } autre fichier
       *[other] { $others } autres fichiers
    } ({ $events ->
        [one] { $events } événement
       *[other] { $events } événements
    }) construits en { $ms } ms → { $output }
cli-build-failed = échec de la construction : { $output } n’a pas été modifié
cli-epoch-not-a-number = SOURCE_DATE_EPOCH=`{ $value }` n’est pas un nombre de secondes
cli-schema-wrote = { $file } écrit
cli-schema-vscode = pour VS Code (extension YAML de Red Hat), dans .vscode/settings.json :
cli-schema-cannot-write = impossible d’écrire les schémas dans { $folder } : { $error }

cli-output-needs-format = --output va avec --format json, github ou gitlab
cli-report-not-written = impossible d’écrire le rapport dans { $path } : { $error }
