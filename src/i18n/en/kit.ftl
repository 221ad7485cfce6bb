### Messages: the kit (src/content/kit.rs).
### Ids start with "kit-"; the same ids, with the same arguments, are in ../fr/kit.ftl.

kit-item-stale = `{ $title }` has not been updated since { $date }
kit-item-stale-hint = check that this item is still current, then update its date
