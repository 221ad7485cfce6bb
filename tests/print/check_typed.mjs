// What is typed into a sheet prints: answers typed on screen (several paragraphs long enough to
// wrap, and one-line answers) are printed to PDF by headless Chromium and must all be in the
// text poppler's pdftotext reads back, whole, on a sheet that keeps its ruled lines.
// Three ways of printing:
// - as Chromium does (CSS `field-sizing: content` grows each text box to its text);
// - as a browser without `field-sizing` does (Firefox, older Safari), simulated in Chromium:
//   the sheet's script then prints a copy of each answer;
// - and, as a control of the method, that same browser without JavaScript: the text boxes keep
//   their rows and clip the rest, and pdftotext must then NOT find every paragraph of a long
//   answer whole (were clipped text extracted, the checks above could not fail).
// Usage: node tests/print/check_typed.mjs SITE_DIR [PDF_OUT_DIR]
// Needs `npm ci` in tests/browser (playwright-core), /usr/bin/chromium and pdftotext.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve } from '../browser/lib.mjs';

const site = process.argv[2];
const outDir = process.argv[3] || mkdtempSync(join(tmpdir(), 'typed-'));
mkdirSync(outDir, { recursive: true });
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const norm = (s) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

const PARAGRAPHS = [
  "Le stand a reçu une soixantaine de visites sur la journée, surtout des graphistes et des "
    + "musiciens qui se lancent. Beaucoup ne connaissaient pas la coopérative et demandaient "
    + "comment sont calculés les frais de gestion, et si l'on peut rester indépendant à côté.",
  "Deux contacts à suivre : la responsable d'un incubateur culturel namurois, qui voudrait une "
    + "séance d'information pour ses résidents au printemps, et un collectif de techniciens du "
    + "spectacle qui cherche une solution pour les contrats de tournée à l'étranger.",
  "Point à améliorer : il manquait des brochures en néerlandais, et le pitch de trente secondes "
    + "est trop long quand les gens passent sans s'arrêter. Dernière phrase du rapport ici.",
];
const REPORT = PARAGRAPHS.join('\n\n');
const ONE_LINE = 'Salon de l\'économie sociale, Namur';
const SHORT = 'Rien à signaler de plus.';

// The mission sheet, blank and one pre-filled (its pre-filled objectives replaced).
const prefilled = readdirSync(join(site, 'agenda')).sort()
  .find((d) => { try { return readdirSync(join(site, 'agenda', d)).includes('fiche-mission'); } catch { return false; } });
check(prefilled, 'no pre-filled mission sheet in the site');
const CASES = [
  { path: '/fiches/mission/', typed: { '#champ-mission-report': REPORT, '#champ-mission-title': ONE_LINE, '#champ-mission-questions': SHORT } },
  { path: `/agenda/${prefilled}/fiche-mission/`, typed: { '#champ-mission-objectives': REPORT, '#champ-mission-report-date': '28/03/2027' } },
];

// A browser without `field-sizing`: the feature has no effect (a style added to each page as
// it is served, which works without JavaScript too), and scripts are told it is missing.
const NO_FIELD_SIZING_STYLE = '<style>textarea { field-sizing: fixed !important; }</style>';
const NO_FIELD_SIZING_SCRIPT = () => {
  const supports = CSS.supports.bind(CSS);
  CSS.supports = (...a) => (String(a[0]).startsWith('field-sizing') ? false : supports(...a));
};
const MODES = [
  { name: 'chromium', fieldSizing: true, js: true },
  { name: 'no-field-sizing', fieldSizing: false, js: true },
  { name: 'no-field-sizing-no-js', fieldSizing: false, js: false },
];

const server = await serve(site);
const browser = await launch();
try {
  for (const mode of MODES) {
    const context = await browser.newContext({ javaScriptEnabled: mode.js });
    if (!mode.fieldSizing) {
      await context.addInitScript(NO_FIELD_SIZING_SCRIPT);
      await context.route('**/fiche*/**', async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('</head>', `${NO_FIELD_SIZING_STYLE}</head>`);
        await route.fulfill({ response, body });
      });
    }
    for (const c of CASES) {
      const page = await context.newPage();
      await page.goto(server.origin + c.path);
      for (const [sel, text] of Object.entries(c.typed)) await page.fill(sel, text);
      const pdf = join(outDir, `${mode.name}${c.path.replaceAll('/', '_')}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      await page.close();
      const text = norm(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }));
      const where = `${mode.name} ${c.path}`;
      if (mode.name === 'no-field-sizing-no-js') {
        // The control: a long answer is clipped to the box's rows, and pdftotext sees that.
        const found = PARAGRAPHS.filter((p) => text.includes(norm(p))).length;
        check(found < PARAGRAPHS.length, `${where}: clipped text was found in the PDF, so the checks cannot fail`);
        for (const v of Object.values(c.typed).filter((v) => !v.includes('\n'))) {
          check(text.includes(norm(v).slice(0, 20)), `${where}: the start of a one-line answer is not in the PDF: ${v}`);
        }
        console.log(`${where}: control, ${found} of ${PARAGRAPHS.length} paragraphs whole (clipped as expected)`);
        continue;
      }
      for (const [sel, typed] of Object.entries(c.typed)) {
        for (const part of typed.split('\n\n')) {
          check(text.includes(norm(part)), `${where}: ${sel}: typed text not printed: ${part.slice(0, 60)}…`);
        }
      }
      // The hint on saving as PDF is for the screen only.
      check(!text.includes('Enregistrer au format PDF'), `${where}: the screen's PDF hint is printed`);
      console.log(`${where}: typed text printed (${pdf})`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`typed-text print checks: ${failures.length} problems`);
process.exit(failures.length ? 1 : 0);
