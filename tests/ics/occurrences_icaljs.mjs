// Expands every event of every .ics file under the given folders with ical.js (Thunderbird's
// parser), each file's VTIMEZONEs registered, from the event's start to UNTIL (an ISO date),
// and prints JSON: {file: {uid: [[start UTC, end UTC or null], ...]}}. All-day occurrences are
// given as dates. check_instants.py compares them with its own computation.
// Usage: node occurrences_icaljs.mjs UNTIL DIR... > out.json
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';

const [until, ...dirs] = process.argv.slice(2);
const limit = ICAL.Time.fromDateString(until);

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ics') ? [p] : [];
  });
}

const utc = (t) => (t.isDate ? t.toString() : t.convertToZone(ICAL.Timezone.utcTimezone).toString());

const out = {};
for (const dir of dirs) {
  for (const file of walk(dir).sort()) {
    const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
    ICAL.TimezoneService.reset();
    for (const vtz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
    const events = {};
    for (const ve of comp.getAllSubcomponents('vevent')) {
      const ev = new ICAL.Event(ve);
      const seen = [];
      const hasEnd = ve.hasProperty('dtend') || ve.hasProperty('duration');
      if (ev.isRecurring()) {
        const it = ev.iterator();
        for (let next = it.next(); next && next.compare(limit) < 0; next = it.next()) {
          const d = ev.getOccurrenceDetails(next);
          seen.push([utc(d.startDate), hasEnd ? utc(d.endDate) : null]);
        }
      } else {
        seen.push([utc(ev.startDate), hasEnd ? utc(ev.endDate) : null]);
      }
      events[ev.uid] = seen;
    }
    out[file] = events;
  }
}
process.stdout.write(JSON.stringify(out));
