### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../fr/events.ftl.

events-end-before-start = end { $end } is before start { $start }
events-end-before-start-hint = for an all-day event, `end` is the last day, on or after the start
events-country-not-a-code = `{ $country }` is not a two-letter country code
events-country-not-a-code-hint = write BE, FR, NL, CA…
events-location-without-place = the location has no name, address or city
events-location-without-place-hint = give at least a name or a city
events-placeholder-description = the description is still the text `ambassade new` wrote ("Décrivez l'événement ici…")
events-placeholder-description-hint = replace it, after the second `---` line, by what happens there, why SMart is represented and how to take part
