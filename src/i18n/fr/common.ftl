### Messages: shared words: the report's severities, the count of problems.
### Ids start with "common-"; the same ids, with the same arguments, are in ../en/common.ftl.

common-error = erreur
common-warning = avertissement
common-hint = conseil
common-summary = { $errors ->
        [one] { $errors } erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [one] { $warnings } avertissement
       *[other] { $warnings } avertissements
    }
