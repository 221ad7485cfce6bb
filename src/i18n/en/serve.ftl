### Messages: the preview: terminal lines and its error page (src/serve).
### Ids start with "serve-"; the same ids, with the same arguments, are in ../fr/serve.ftl.
