### Messages: the kit (src/content/kit.rs).
### Ids start with "kit-"; the same ids, with the same arguments, are in ../en/kit.ftl.

kit-item-stale = « { $title } » n’a pas été mis à jour depuis le { $date }
kit-item-stale-hint = vérifiez que cet élément est toujours d’actualité, puis mettez sa date à jour
