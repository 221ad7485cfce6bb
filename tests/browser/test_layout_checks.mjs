// The layout checks of check_pages.mjs (layout.mjs) against hand-made pages: each must find the
// fault it is written for, and nothing on a page without it. The site folder is not used.
//
//   node tests/browser/test_layout_checks.mjs [SITE_DIR]
import assert from 'node:assert/strict';
import { launch } from './lib.mjs';
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS, brokenWords, clippedIn, headerHeight, reach } from './layout.mjs';

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const doc = (body, css = '') => page.setContent(
  `<!doctype html><html lang="fr"><head><style>body{margin:0;font:16px/1.5 sans-serif}${css}</style></head><body>${body}</body></html>`);
let checks = 0;
const check = async (name, fn) => { await fn(); checks += 1; console.log(`  ok: ${name}`); };

try {
  await check('header height', async () => {
    await doc('<header class="site-header" style="height:246px">menu</header><main>x</main>');
    assert.equal(await headerHeight(page), 246);
    await doc('<header class="site-header" style="height:64px">menu</header><main>x</main>');
    assert.equal(await headerHeight(page), 64);
  });

  await check('a clipped month cell is found, a reflowed list is not', async () => {
    // The old grid: seven fixed columns in a box that clips them.
    await doc(`<main><div style="overflow:hidden"><table style="table-layout:fixed;width:42rem"><tr>
      ${'<td style="overflow:hidden;max-width:5rem"><a href="/agenda/x/">Rencontres-internationales-extraordinaires</a></td>'.repeat(7)}
      </tr></table></div></main>`);
    const found = await clippedIn(page, 'main');
    assert.ok(found.length > 0, 'nothing found in a clipped grid');
    await doc('<main><ol><li><h3>Jeudi 3 décembre</h3><ul><li><a href="/agenda/x/">Table ronde sur les coopératives</a></li></ul></li></ol></main>');
    assert.deepEqual(await clippedIn(page, 'main'), []);
  });

  await check('a word cut across two lines is found, wrapping between words is not', async () => {
    await doc('<main><p style="width:6rem;overflow-wrap:anywhere"><a href="/a/">Coopératives internationales</a></p></main>');
    assert.ok((await brokenWords(page, 'main')).includes('internationales'));
    await doc('<main><p style="width:9rem"><a href="/a/">Table ronde sur les coopératives</a></p></main>');
    assert.deepEqual(await brokenWords(page, 'main'), []);
    // After a hyphen a line may end: "tiers-" then "lieux" is not a cut word.
    await doc('<main><p style="width:3.2rem"><a href="/a/">tiers-lieux</a></p></main>');
    assert.deepEqual(await brokenWords(page, 'main'), []);
  });

  await check('the subscribe section: on the first screen, linked from it, or out of reach', async () => {
    await doc('<main><section id="abonnement" style="margin-top:100px">S’abonner</section></main>');
    let r = await reach(page, 'abonnement');
    assert.ok(r.section !== null && r.section < r.viewport);
    await doc('<main><p><a href="#abonnement">S’abonner</a></p><div style="height:5000px"></div><section id="abonnement">S’abonner</section></main>');
    r = await reach(page, 'abonnement');
    assert.ok(r.section > r.viewport && r.link !== null && r.link < r.viewport);
    // Buried: no link near the top, the section far down; a hidden link does not count.
    await doc('<main><a href="#abonnement" hidden>S’abonner</a><div style="height:5000px"></div><section id="abonnement">S’abonner</section></main>');
    r = await reach(page, 'abonnement');
    assert.ok(r.section > r.viewport && r.link === null);
    await doc('<main>no section</main>');
    r = await reach(page, 'abonnement');
    assert.equal(r.section, null);
  });

  await check('axe with these options runs target-size: 19 px links side by side fail', async () => {
    const links = (size) => `<main><h1>t</h1><p style="display:flex">${[1, 2, 3].map((n) => `<a href="/r${n}/" style="display:block;width:${size}px;height:${size}px;overflow:hidden">${n}</a>`).join('')}</p></main>`;
    await doc(links(19));
    let r = await new AxeBuilder({ page }).options(AXE_OPTIONS).analyze();
    assert.ok(r.violations.some((v) => v.id === 'target-size'), JSON.stringify(r.violations.map((v) => v.id)));
    await doc(links(28));
    r = await new AxeBuilder({ page }).options(AXE_OPTIONS).analyze();
    assert.ok(!r.violations.some((v) => v.id === 'target-size'));
  });
} finally {
  await browser.close();
}
console.log(`${checks} layout checks behave on hand-made pages`);
