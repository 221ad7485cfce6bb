// Parses every .ics file of the given folders with ical.js (Thunderbird's parser), registering
// each feed's VTIMEZONEs, and checks the hard-cases fixture's occurrences in local time.
// Usage: node check_icaljs.mjs EXAMPLE_PUBLIC FIXTURE_PUBLIC
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';

const failures = [];
let checked = 0;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ics') ? [p] : [];
  });
}

function load(file) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
  ICAL.TimezoneService.reset();
  for (const vtz of comp.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtz);
  }
  return comp;
}

for (const dir of process.argv.slice(2)) {
  for (const file of walk(dir).sort()) {
    try {
      const comp = load(file);
      for (const ve of comp.getAllSubcomponents('vevent')) {
        const ev = new ICAL.Event(ve);
        if (!ev.uid) failures.push(`${file}: event without UID`);
        const start = ev.startDate;
        if (start.timezone && start.timezone !== 'UTC' && start.zone === ICAL.Timezone.localTimezone) {
          failures.push(`${file}: ${ev.uid} start is floating (TZID ${start.timezone} not registered)`);
        }
      }
      checked += 1;
    } catch (e) {
      failures.push(`${file}: ${e}`);
    }
  }
}

// Occurrences of the weekly workshop crossing the 2027-03-28 DST change, exception skipped.
const fixture = process.argv[3];
const comp = load(path.join(fixture, 'agenda.ics'));
const ve = comp.getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === 'atelier-hebdo@test.example.org');
const ev = new ICAL.Event(ve);
const it = ev.iterator();
const seen = [];
for (let next = it.next(); next && seen.length < 10; next = it.next()) {
  const d = ev.getOccurrenceDetails(next).startDate;
  const utc = d.convertToZone(ICAL.Timezone.utcTimezone);
  seen.push(`${d.toString()} ${String(utc.hour).padStart(2, '0')}:${String(utc.minute).padStart(2, '0')}Z`);
}
const expected = [
  '2027-03-16T18:00:00 17:00Z',
  '2027-03-23T18:00:00 17:00Z',
  '2027-04-06T18:00:00 16:00Z',
  '2027-04-13T18:00:00 16:00Z',
];
if (JSON.stringify(seen) !== JSON.stringify(expected)) {
  failures.push(`ical.js occurrences ${JSON.stringify(seen)} != ${JSON.stringify(expected)}`);
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`ical.js feed checks: ${checked} files, ${failures.length} problems`);
process.exit(failures.length ? 1 : 0);
