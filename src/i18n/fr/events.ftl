### Messages: events and their repetition (src/content/events).
### Ids start with "events-"; the same ids, with the same arguments, are in ../en/events.ftl.

events-end-before-start = la fin { $end } est avant le début { $start }
events-end-before-start-hint = pour un événement d’une journée entière, `end` est le dernier jour : le jour du début ou un jour après
events-country-not-a-code = `{ $country }` n’est pas un code de pays de deux lettres
events-country-not-a-code-hint = écrivez BE, FR, NL, CA…
events-location-without-place = le lieu n’a ni nom, ni adresse, ni ville
events-location-without-place-hint = indiquez au moins un nom ou une ville
events-placeholder-description = la description est encore le texte écrit par `ambassade new` (« Décrivez l’événement ici… »)
events-placeholder-description-hint = remplacez-le, sous la seconde ligne `---`, par ce qui s’y passe, pourquoi SMart y est représentée et comment y participer
