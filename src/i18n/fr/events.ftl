### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../en/events.ftl.
