### Messages: the report's summaries of standing warnings (src/report.rs).
### Ids start with "report-"; the same ids, with the same arguments, are in ../fr/report.ftl.

report-kit-stale-summary = { $count } kit items have not been updated for over a year (the oldest: `{ $title }`, { $date })
report-standing-hint = `ambassade check --verbose` lists them one by one
