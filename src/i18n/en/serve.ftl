### Messages: the preview: terminal lines and its error page (src/serve).
### Ids start with "serve-"; the same ids, with the same arguments, are in ../fr/serve.ftl.

serve-page-title = The site cannot be built
serve-page-explain = { $errors } error(s) in the content. Fix them and save the file: this page reloads by itself.
serve-page-hint = Hint: { $hint }
serve-changed = { $count ->
       *[other] { $files } changed →
    }
serve-changed-more = { $files } and { $more } more changed →
serve-built = built in { $ms } ms: { $events } events, pages are made as the browser asks for them
serve-built-fixed = built in { $ms } ms (errors fixed): { $events } events, pages are made as the browser asks for them
serve-build-failed = build failed in { $ms } ms: { $errors } error(s); the browser shows them until they are fixed
serve-render-panicked = BUG: rendering the whole site panicked; please report it
serve-render-summary = { $pages } pages, { $feeds } calendar files
serve-rendered = whole site rendered in { $ms } ms: { $summary }
serve-render-failed = build failed in { $ms } ms: { $errors } error(s) while rendering; the browser shows them until they are fixed
serve-no-change = no page changed
serve-list-more = { $files } and { $more } more
serve-updated = { $count } updated ({ $files })
serve-added = { $count } added ({ $files })
serve-removed = { $count } removed ({ $files })
serve-cannot-open = cannot open the site folder { $folder }: { $error }
serve-no-content = { $folder } has no content/ folder: run the command in a site folder, or pass --root DIR
serve-port-in-use = the port { $port } is already in use: pass --port with another number, or --port 0 for any free port
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-cannot-read-address = cannot read the address listened on: { $error }
serve-serving = serving the site at { $address }
serve-network-note = note: listening on { $ip }, so other computers of the network can see this preview (drafts included with --drafts)
serve-watching = watching content/ and themes/ for changes; stop with Ctrl-C
serve-cannot-start = cannot start the server: { $error }
serve-watch-stopped = watching the site folder stopped
serve-cannot-watch-site = cannot watch the site folder for changes: { $error }
serve-cannot-watch = cannot watch { $folder }: { $error }
serve-watch-error = watching: { $error }
