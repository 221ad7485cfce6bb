### Messages: `ambassade new`: generated comments and messages (src/scaffold, src/cli/new.rs).
### Ids start with "new-"; the same ids, with the same arguments, are in ../en/new.ftl.
