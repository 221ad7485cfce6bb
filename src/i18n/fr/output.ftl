### Messages: writing the output folder (src/output).
### Ids start with "output-"; the same ids, with the same arguments, are in ../en/output.ftl.
