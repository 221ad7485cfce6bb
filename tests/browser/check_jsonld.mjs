// schema.org Event JSON-LD of every event page: it parses and carries what search engines and
// calendar tools need.
//
//   node tests/browser/check_jsonld.mjs SITE_DIR [--require]
//
// Without --require (or JSONLD_REQUIRED=1) an event page with no JSON-LD is only reported; with
// it, such a page fails. Exit status 1 on any failure.
import { readFileSync } from 'node:fs';
import { eventPaths, eventStatus, fileOf } from './lib.mjs';

const args = process.argv.slice(2);
const site = args.find((a) => !a.startsWith('--'));
const required = args.includes('--require') || process.env.JSONLD_REQUIRED === '1';
if (!site) {
  console.error('usage: node check_jsonld.mjs SITE_DIR [--require]');
  process.exit(2);
}

const SCHEMA = 'https://schema.org/';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A date-time must carry its UTC offset, else its meaning depends on the reader's zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const STATUSES = ['EventScheduled', 'EventCancelled', 'EventPostponed', 'EventRescheduled', 'EventMovedOnline']
  .map((s) => SCHEMA + s);
const MODES = ['OfflineEventAttendanceMode', 'OnlineEventAttendanceMode', 'MixedEventAttendanceMode']
  .map((s) => SCHEMA + s);

const types = (node) => [].concat(node?.['@type'] ?? []);
const is = (node, type) => types(node).includes(type);
const text = (v) => typeof v === 'string' && v.trim() !== '';

/** Paths of the null values in `node` (JSON-LD drops them: better left out). */
const nulls = (node, at = '') => (node === null ? [at]
  : typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => nulls(v, at ? `${at}.${k}` : k)) : []);

/** The problems of one Event node; `status` and `start` are what the page itself shows. */
function checkEvent(ev, status, start) {
  const problems = [];
  const need = (ok, what) => { if (!ok) problems.push(what); };
  need(is(ev, 'Event') || types(ev).some((t) => /Event$/.test(t)), `@type is ${JSON.stringify(ev['@type'])}, not Event`);
  need(text(ev.name), 'no name');
  need(text(ev.description), 'no description');
  for (const key of ['startDate', 'endDate']) {
    const v = ev[key];
    if (v === undefined && key === 'endDate') continue;
    need(typeof v === 'string' && (DATE.test(v) || DATE_TIME.test(v)),
      `${key} ${JSON.stringify(v)} is neither a date nor a date-time with UTC offset`);
  }
  if (start) need(ev.startDate === start, `startDate ${ev.startDate} but the page shows <time datetime="${start}">`);
  if (DATE_TIME.test(ev.startDate ?? '') && DATE_TIME.test(ev.endDate ?? '')) {
    need(Date.parse(ev.endDate) >= Date.parse(ev.startDate), `endDate ${ev.endDate} is before startDate ${ev.startDate}`);
  }
  need(STATUSES.includes(ev.eventStatus), `eventStatus ${JSON.stringify(ev.eventStatus)} is not a schema.org EventStatusType`);
  const cancelled = ev.eventStatus === SCHEMA + 'EventCancelled';
  need(cancelled === (status === 'cancelled'),
    `eventStatus ${ev.eventStatus} but the page shows the event as ${status}`);
  need(MODES.includes(ev.eventAttendanceMode),
    `eventAttendanceMode ${JSON.stringify(ev.eventAttendanceMode)} is not a schema.org EventAttendanceModeEnumeration`);

  const locations = [].concat(ev.location ?? []);
  need(locations.length > 0, 'no location');
  let places = 0;
  let virtual = 0;
  for (const loc of locations) {
    if (is(loc, 'Place')) {
      places += 1;
      need(text(loc.name) || text(loc.address?.streetAddress), 'a Place without name or street address');
      need(is(loc.address, 'PostalAddress'), `Place.address is ${JSON.stringify(loc.address)}, not a PostalAddress`);
      if (is(loc.address, 'PostalAddress')) {
        need(text(loc.address.addressLocality) || text(loc.address.streetAddress),
          'PostalAddress without addressLocality or streetAddress');
        if (loc.address.addressCountry !== undefined) {
          const c = loc.address.addressCountry;
          need(/^[A-Z]{2}$/.test(typeof c === 'string' ? c : c?.name ?? ''), `addressCountry ${JSON.stringify(c)} is not an ISO 3166 code`);
        }
      }
    } else if (is(loc, 'VirtualLocation')) {
      virtual += 1;
      need(/^https?:\/\//.test(loc.url ?? ''), `VirtualLocation.url ${JSON.stringify(loc.url)} is not a web address`);
    } else {
      problems.push(`location of @type ${JSON.stringify(loc['@type'])}: neither Place nor VirtualLocation`);
    }
  }
  const mode = (ev.eventAttendanceMode ?? '').replace(SCHEMA, '');
  const expected = places && virtual ? 'MixedEventAttendanceMode'
    : virtual ? 'OnlineEventAttendanceMode' : places ? 'OfflineEventAttendanceMode' : null;
  if (expected) need(mode === expected, `eventAttendanceMode ${mode} but the locations say ${expected}`);

  const organizers = [].concat(ev.organizer ?? []);
  need(organizers.length > 0, 'no organizer');
  for (const o of organizers) {
    need(is(o, 'Organization') || is(o, 'Person'), `organizer of @type ${JSON.stringify(o?.['@type'])}`);
    need(text(o?.name), 'organizer without name');
  }
  return problems;
}

const failures = [];
const missing = [];
const notes = new Set();
let checked = 0;
const pages = eventPaths(site);
for (const path of pages) {
  const html = readFileSync(fileOf(site, path), 'utf8');
  const blocks = [...html.matchAll(/<script\s+type="?application\/ld\+json"?\s*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (blocks.length === 0) {
    missing.push(path);
    continue;
  }
  const events = [];
  for (const block of blocks) {
    let data;
    try {
      data = JSON.parse(block);
    } catch (e) {
      failures.push(`${path}: JSON-LD does not parse: ${e.message}`);
      continue;
    }
    const nodes = [].concat(data['@graph'] ?? data);
    for (const node of nodes) {
      const context = node['@context'] ?? data['@context'];
      if (!/^https?:\/\/schema\.org\/?$/.test(context ?? '')) {
        failures.push(`${path}: @context ${JSON.stringify(context)} is not schema.org`);
      }
      if (types(node).some((t) => /Event$/.test(t))) events.push(node);
    }
  }
  if (events.length !== 1) {
    failures.push(`${path}: ${events.length} Event nodes in its JSON-LD, expected 1`);
    continue;
  }
  checked += 1;
  // The date the page shows: the first <time> of its .event-when line.
  const start = /class="?event-when"?[^>]*>\s*<time datetime="?([^"\s>]+)/.exec(html)?.[1];
  for (const p of checkEvent(events[0], eventStatus(html), start)) failures.push(`${path}: ${p}`);
  const empty = nulls(events[0]);
  if (empty.length) notes.add(`null values (JSON-LD ignores them; better left out): ${empty.join(', ')}`);
}

console.log(`${pages.length} event pages: ${checked} with JSON-LD checked, ${missing.length} without`);
if (missing.length) {
  const say = required ? 'FAIL' : 'note (not required yet: run with --require or JSONLD_REQUIRED=1)';
  console.log(`${say}: no JSON-LD on ${missing.join(', ')}`);
  if (required) failures.push(`${missing.length} event page(s) without JSON-LD`);
}
for (const n of notes) console.log(`note: ${n}`);
if (failures.length) {
  console.error(`\n${failures.length} failure(s):`);
  for (const f of failures) console.error('  ' + f);
  process.exit(1);
}
console.log('JSON-LD: ok');
