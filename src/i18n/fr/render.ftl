### Messages: rendering: theme, templates, pages, translations (src/render, src/routes).
### Ids start with "render-"; the same ids, with the same arguments, are in ../en/render.ftl.
