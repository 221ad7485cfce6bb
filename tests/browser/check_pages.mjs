// axe-core (WCAG 2.2 A and AA) on the richest and the sparest page of every page type (see
// pickPages in lib.mjs), at desktop and phone width, in light and dark colour schemes; no request
// may leave 127.0.0.1; no script error; no horizontal scroll at 320 px; full-page screenshots of
// the main pages for people to look at.
//
//   node tests/browser/check_pages.mjs SITE_DIR [SCREENSHOT_DIR]
//
// SCREENSHOT_DIR defaults to $SCREENSHOTS_DIR, else target/screenshots. AXE_ALL=1 checks every
// page rather than two per type. Exit status 1 when anything fails.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, newContext, pickPages, serve, VIEWPORTS } from './lib.mjs';

const [site, shotsArg] = process.argv.slice(2);
if (!site) {
  console.error('usage: node check_pages.mjs SITE_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}
const shots = resolve(shotsArg || process.env.SCREENSHOTS_DIR || 'target/screenshots');
mkdirSync(shots, { recursive: true });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Page types photographed, and the file name they get.
const SCREENSHOTS = { home: 'home', agenda: 'agenda', event: 'event', reseaux: 'reseaux' };
const NARROWEST = 320; // WCAG 1.4.10 reflow: 320 CSS px, no horizontal scrolling

const pages = pickPages(site);
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const server = await serve(site);
const browser = await launch();
const started = Date.now();
let axeRuns = 0;

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
      .withTags(TAGS)
      .options({ resultTypes: ['violations'] })
      .analyze();
    axeRuns += 1;
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

/** Reflow: nothing wider than the narrowest phone (also what 400 % zoom of 1280 px gives). */
async function reflowTask() {
  const { context, external } = await newContext(browser, server.origin, {
    viewport: { width: NARROWEST, height: 640 },
  });
  const page = await context.newPage();
  for (const { type, path } of pages) {
    const where = `${path} (${type}, ${NARROWEST}px)`;
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
  }
  await context.close();
  console.log(`  reflow at ${NARROWEST}px: done`);
}

// Two at a time: CI has two cores, and Chromium's renderers do the work.
const tasks = [reflowTask];
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

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${axeRuns} axe runs on ${pages.length} pages in ${secs}s; screenshots in ${shots}`);
if (failures.length) {
  console.error(`\n${failures.length} failure(s):`);
  for (const f of failures) console.error('  ' + f);
  process.exit(1);
}
console.log('no axe violation, no external request, no script error, no sideways scroll');
