// The agenda's in-place filter: with JavaScript, choosing a level narrows the visible events
// and updates the live count; without JavaScript, the same filter is a static page that lists
// exactly those events. Usage: node test_agenda_filter.mjs SITE_DIR
import { launch, serve, newContext } from './lib.mjs';

const site = process.argv[2];
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };

const server = await serve(site);
const browser = await launch();
try {
  // With JavaScript.
  const { context, external } = await newContext(browser, server.origin);
  const page = await context.newPage();
  await page.goto(`${server.origin}/agenda/`);
  const visible = () => page.$$eval('.month .event-card', (cards) =>
    cards.filter((c) => c.offsetParent !== null).map((c) => c.querySelector('h3 a').getAttribute('href')));
  const all = await visible();
  check(await page.isVisible('form.js-filters'), 'the JS filter form is not shown');
  check(!(await page.isVisible('.filter-links')), 'the no-JS filter links stay visible with JS');
  const countAll = (await page.textContent('.filter-count')).trim();
  check(countAll.startsWith(String(all.length)), `initial count "${countAll}" != ${all.length} visible cards`);
  const levels = await page.$$eval('#filtre-level option', (os) => os.map((o) => o.value).filter(Boolean));
  check(levels.includes('europeen'), `no "europeen" level option: ${levels}`);
  await page.selectOption('#filtre-level', 'europeen');
  const filtered = await visible();
  const countFiltered = (await page.textContent('.filter-count')).trim();
  check(filtered.length > 0 && filtered.length < all.length, `filtering kept ${filtered.length} of ${all.length}`);
  check(countFiltered.startsWith(String(filtered.length)) || (filtered.length === 1 && /^1 /.test(countFiltered)),
    `count "${countFiltered}" != ${filtered.length}`);
  const levelsShown = await page.$$eval('.month .event-card', (cards) =>
    cards.filter((c) => c.offsetParent !== null).map((c) => c.dataset.level));
  check(levelsShown.every((l) => l === 'europeen'), `other levels still visible: ${levelsShown}`);
  const emptyMonths = await page.$$eval('.month', (ms) =>
    ms.filter((m) => m.offsetParent !== null && !m.querySelector('.event-list > li:not([hidden])')).length);
  check(emptyMonths === 0, `${emptyMonths} empty month sections still visible`);
  await page.click('form.js-filters button[type=reset]');
  await page.waitForFunction((n) => document.querySelectorAll('.month .event-list > li:not([hidden])').length === n, all.length);
  check((await visible()).length === all.length, 'reset did not show every event again');
  check(external.length === 0, `requests to other hosts: ${external}`);
  await context.close();

  // Without JavaScript: the static filter page lists the same events.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${server.origin}/agenda/`);
  check(!(await p2.isVisible('form.js-filters')), 'the JS form is visible without JS');
  check(await p2.isVisible('.filter-links a[href="/agenda/niveau/europeen/"]'), 'no static link to the European filter');
  await p2.click('.filter-links a[href="/agenda/niveau/europeen/"]');
  const staticList = await p2.$$eval('.month .event-card h3 a', (as) => as.map((a) => a.getAttribute('href')));
  const uniq = (xs) => [...new Set(xs)].sort();
  check(JSON.stringify(uniq(staticList)) === JSON.stringify(uniq(filtered)),
    `static page ${JSON.stringify(uniq(staticList))} != JS filter ${JSON.stringify(uniq(filtered))}`);
  check(await p2.isVisible('#abonnement a[href^="webcal://"]'), 'the filter page has no feed link');
  await nojs.close();
} finally {
  await browser.close();
  await server.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`agenda filter: ${failures.length ? 'failed' : 'ok'}`);
process.exit(failures.length ? 1 : 0);
