### Messages: mission sheets (src/content/sheets.rs, src/render sheets).
### Ids start with "sheets-"; the same ids, with the same arguments, are in ../fr/sheets.ftl.
