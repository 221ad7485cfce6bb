// axe-core (WCAG 2.2 A and AA) on the richest and the sparest page of every page type (see
// pickPages in lib.mjs), at desktop and phone width, in light and dark colour schemes; no request
// may leave 127.0.0.1; no script error; no horizontal scroll at 320, 390 and 1280 px; the phone
// layout (header height, the month's days, the subscribe section of the agenda within reach);
// full-page screenshots of the main pages for people to look at.
//
//   node tests/browser/check_pages.mjs SITE_DIR [SCREENSHOT_DIR]
//
// SCREENSHOT_DIR defaults to $SCREENSHOTS_DIR, else target/screenshots. AXE_ALL=1 checks every
// page rather than two per type. Exit status 1 when anything fails.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, newContext, pickPages, serve, VIEWPORTS } from './lib.mjs';
import { AXE_OPTIONS, brokenWords, clippedIn, headerHeight, reach } from './layout.mjs';

const [site, shotsArg] = process.argv.slice(2);
if (!site) {
  console.error('usage: node check_pages.mjs SITE_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}
const shots = resolve(shotsArg || process.env.SCREENSHOTS_DIR || 'target/screenshots');
mkdirSync(shots, { recursive: true });

// Page types photographed, and the file name they get.
const SCREENSHOTS = {
  home: 'home', agenda: 'agenda', event: 'event', reseaux: 'reseaux', month: 'mois',
  'event-mission-sheet': 'fiche-mission', ambassadors: 'ambassadeurs', ambassador: 'ambassadeur',
  missions: 'missions',
};
// No horizontal scrolling at these widths (320: WCAG 1.4.10 reflow, also what 400 % zoom of
// 1280 px gives), with the viewport heights the first-screen checks use.
const WIDTHS = [
  { width: 320, height: 640 },
  VIEWPORTS.phone,
  VIEWPORTS.desktop,
];
const HEADER_MAX = 120; // CSS px at phone width: the menu folds away
const SUBSCRIBE = 'abonnement'; // the id of the agenda's subscribe section

const pages = pickPages(site);
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const server = await serve(site);
const browser = await launch();
const started = Date.now();
let axeRuns = 0;
// Every axe rule that ran: `target-size` (WCAG 2.2 2.5.8, tagged wcag22aa) must be among them.
const axeRules = new Set();

console.log(`${pages.length} pages, by type:`);
for (const { type, path } of pages) console.log(`  ${type.padEnd(24)} ${path}`);

/** Open `path` in `page`; record script errors and a bad status as failures. */
async function open(page, path, where) {
  const errors = [];
  const onError = (e) => errors.push(e.message);
  page.on('pageerror', onError);
  const response = await page.goto(server.origin + path, { waitUntil: 'load' });
  page.off('pageerror', onError);
  if (!response || response.status() !== 200) fail(where, `HTTP ${response?.status()}`);
  for (const e of errors) fail(where, `script error: ${e}`);
}

/** axe, requests and screenshots of every picked page in one viewport and colour scheme. */
async function axeTask(viewport, colorScheme) {
  const combo = `${viewport.width}px ${colorScheme}`;
  const { context, external } = await newContext(browser, server.origin, { viewport, colorScheme });
  const page = await context.newPage();
  for (const { type, path } of pages) {
    const where = `${path} (${type}, ${combo})`;
    const before = external.length;
    await open(page, path, where);
    for (const url of external.slice(before)) fail(where, `external request ${url}`);
    const result = await new AxeBuilder({ page })
      .options(AXE_OPTIONS)
      .analyze();
    axeRuns += 1;
    for (const list of [result.violations, result.passes, result.incomplete, result.inapplicable]) {
      for (const r of list ?? []) axeRules.add(r.id);
    }
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ');
      const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
      fail(where, `axe ${v.id} [${v.impact}] ${v.help}: ${targets}${more}`);
    }
    if (SCREENSHOTS[type]) {
      const file = join(shots, `${SCREENSHOTS[type]}-${viewport.width}-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
    }
  }
  await context.close();
  console.log(`  axe at ${combo}: done`);
}

/**
 * At one width: no sideways scroll on any page, then the layout checks: the header's height on
 * a phone, the month's days neither clipped nor cut mid-word and all its events shown, the
 * agenda's subscribe section on the first screen (desktop) or linked from it (phone).
 */
async function reflowTask(viewport) {
  const { context, external } = await newContext(browser, server.origin, { viewport });
  const page = await context.newPage();
  for (const { type, path } of pages) {
    const where = `${path} (${type}, ${viewport.width}px)`;
    const before = external.length;
    await open(page, path, where);
    for (const url of external.slice(before)) fail(where, `external request ${url}`);
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      // Name the outermost culprits. An element inside a box that scrolls sideways is fine (a wide
      // table may scroll), unless it is positioned out of that box (an absolutely positioned
      // descendant whose containing block is outside the scroller is not clipped by it).
      const scrolls = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
      const contained = (el) => {
        const pos = getComputedStyle(el).position;
        if (pos === 'fixed') return false;
        const cb = pos === 'absolute' ? el.offsetParent : el.parentElement;
        for (let p = cb; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
        return false;
      };
      const over = (el) => el.getBoundingClientRect().right > width + 1;
      const name = (el) => el.tagName.toLowerCase()
        + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => over(el) && !contained(el) && !(el.parentElement && over(el.parentElement) && !contained(el.parentElement)))
        .map(name);
      return { scrollWidth: document.documentElement.scrollWidth, width, wide: [...new Set(wide)].slice(0, 5) };
    });
    if (overflow) {
      fail(where, `scrolls sideways: ${overflow.scrollWidth}px wide for ${overflow.width}px (${overflow.wide.join(', ')})`);
    }
    await layoutChecks(page, type, where, viewport);
  }
  await context.close();
  console.log(`  reflow and layout at ${viewport.width}px: done`);
}

async function layoutChecks(page, type, where, viewport) {
  const phone = viewport.width <= VIEWPORTS.phone.width;
  if (viewport.width === VIEWPORTS.phone.width) {
    const h = await headerHeight(page);
    if (h > HEADER_MAX) fail(where, `the header is ${Math.round(h)}px high (at most ${HEADER_MAX})`);
  }
  if (/^month(-index)?( |$)/.test(type)) {
    for (const what of await clippedIn(page, 'main')) fail(where, `month: clipped or overflowing: ${what}`);
    for (const word of await brokenWords(page, 'main')) fail(where, `month: "${word}" is cut across two lines`);
    // Whatever the layout, every event of the month can be seen and followed.
    const hidden = await page.evaluate(() => {
      const shown = new Set([...document.querySelectorAll('main a')]
        .filter((a) => a.getBoundingClientRect().width > 0).map((a) => a.getAttribute('href')));
      return [...document.querySelectorAll('main table a')].map((a) => a.getAttribute('href')).filter((h) => !shown.has(h));
    });
    for (const h of new Set(hidden)) fail(where, `month: the event ${h} is not shown`);
  }
  if (type === 'agenda') {
    const r = await reach(page, SUBSCRIBE);
    const first = (y) => y !== null && y < r.viewport;
    if (phone ? !(first(r.section) || first(r.link)) : !first(r.section)) {
      fail(where, `#${SUBSCRIBE} is not on the first screen (${r.viewport}px)${phone ? ', nor a link to it' : ''}: section at ${r.section}, first link at ${r.link}`);
    }
  }
}

// Two at a time: CI has two cores, and Chromium's renderers do the work.
const tasks = WIDTHS.map((viewport) => () => reflowTask(viewport));
for (const viewport of Object.values(VIEWPORTS)) {
  for (const scheme of ['light', 'dark']) tasks.push(() => axeTask(viewport, scheme));
}
const jobs = Number(process.env.BROWSER_JOBS || 2);
try {
  await Promise.all(Array.from({ length: jobs }, async () => {
    while (tasks.length) await tasks.shift()();
  }));
} finally {
  await browser.close();
  await server.close();
}

if (!axeRules.has('target-size')) fail('axe', 'the rule target-size (WCAG 2.2 target size) did not run');
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${axeRuns} axe runs on ${pages.length} pages in ${secs}s; screenshots in ${shots}`);
if (failures.length) {
  console.error(`\n${failures.length} failure(s):`);
  for (const f of failures) console.error('  ' + f);
  process.exit(1);
}
console.log('no axe violation (target-size included), no external request, no script error, no sideways scroll, layout checks passed');
