### Messages: the command line: summaries of build and check, usage errors (src/cli, src/progress.rs).
### Ids start with "cli-"; the same ids, with the same arguments, are in ../fr/cli.ftl.

cli-check-sound = content is sound ({ $ms } ms)
cli-building = building the site…
cli-built = built { $pages } pages, { $sheets } sheets, { $feeds } calendar files and { $others } other files ({ $events } events) in { $ms } ms → { $output }
cli-build-failed = build failed: { $output } left unchanged
cli-epoch-not-a-number = SOURCE_DATE_EPOCH=`{ $value }` is not a number of seconds
cli-schema-wrote = wrote { $file }
cli-schema-vscode = for VS Code (YAML extension by Red Hat), in .vscode/settings.json:
cli-schema-cannot-write = cannot write the schemas into { $folder }: { $error }

cli-output-needs-format = --output goes with --format json, github or gitlab
cli-report-not-written = cannot write the report to { $path }: { $error }
