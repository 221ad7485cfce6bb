### Messages: the kit (src/content/kit.rs).
### Ids start with "kit-"; the same ids, with the same arguments, are in ../fr/kit.ftl.
