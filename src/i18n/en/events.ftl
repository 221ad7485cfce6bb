### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../fr/events.ftl.

events-end-before-start = end { $end } is before start { $start }
events-end-before-start-hint = for an all-day event, `end` is the last day, on or after the start
events-country-not-a-code = `{ $country }` is not a two-letter country code
events-country-not-a-code-hint = write BE, FR, NL, CA…
events-location-without-place = the location has no name, address or city
events-location-without-place-hint = give at least a name or a city
