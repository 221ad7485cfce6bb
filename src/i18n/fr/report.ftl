### Messages : les résumés des avertissements qui reviennent à chaque fois (src/report.rs).
### Ids start with "report-"; the same ids, with the same arguments, are in ../en/report.ftl.

report-kit-stale-summary = { $count } éléments du kit n’ont pas été mis à jour depuis plus d’un an (le plus ancien : « { $title } », mis à jour le { $date })
report-standing-hint = `ambassade check --verbose` pour le détail
