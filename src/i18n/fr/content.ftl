### Messages: reading content/: files, sources, YAML, values, site.yaml, pages, texts, networks (src/content).
### Ids start with "content-"; the same ids, with the same arguments, are in ../en/content.ftl.
