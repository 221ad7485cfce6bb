### Messages: shared words: the report's severities, the count of problems.
### Ids start with "common-"; the same ids, with the same arguments, are in ../fr/common.ftl.

common-error = error
common-warning = warning
common-hint = hint
common-summary = { $errors } error(s), { $warnings } warning(s)
