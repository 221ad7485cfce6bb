// The screenshots of the editors' guide (docs/guide-editeurs.md), made from the example site so
// that they stay current:
//   node tests/browser/guide_screenshots.mjs AMBASSADE_BINARY OUT_DIR
// Copies content/ to a temporary folder, starts `ambassade serve` on it, screenshots an event
// page, then breaks an event file the way French editors do (a title with ` : ` left unquoted)
// and screenshots the error page the preview shows instead. Fails when the guide links an
// image that docs/images/ lacks (commit them: run this with OUT_DIR docs/images).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, VIEWPORTS } from './lib.mjs';

const [binArg, outArg] = process.argv.slice(2);
if (!binArg || !outArg) {
  console.error('usage: node tests/browser/guide_screenshots.mjs AMBASSADE_BINARY OUT_DIR');
  process.exit(2);
}
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = resolve(binArg);
const out = resolve(outArg);
mkdirSync(out, { recursive: true });

const PAGE = '/agenda/salon-des-independants-2027/';
const BROKEN = 'content/events/debat-protection-sociale-namur.md';
const SHOTS = { page: 'apercu-page.png', error: 'apercu-erreur.png' };

const site = mkdtempSync(join(tmpdir(), 'ambassade-guide-'));
cpSync(join(repo, 'content'), join(site, 'content'), { recursive: true });

// `serve` prints the address it listens on; any line holding it will do (the wording may be
// translated).
const server = spawn(bin, ['serve', '--root', site, '--port', '0', '--today', '2026-11-26'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const origin = await new Promise((ok, fail) => {
  let seen = '';
  const timer = setTimeout(() => fail(new Error(`serve printed no address:\n${seen}`)), 60000);
  const read = (chunk) => {
    seen += chunk;
    const m = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
    if (m) {
      clearTimeout(timer);
      ok(m[0]);
    }
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
  server.on('exit', (code) => fail(new Error(`serve stopped (${code}):\n${seen}`)));
});

let failed = false;
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
  const response = await page.goto(origin + PAGE);
  if (response.status() !== 200) throw new Error(`${PAGE}: status ${response.status()}`);
  await page.screenshot({ path: join(out, SHOTS.page) });

  // Break the event as an editor would; the open page reloads by itself onto the error page.
  const file = join(site, BROKEN);
  const text = readFileSync(file, 'utf8');
  const broken = text.replace(/^title: "(.*)"$/m, 'title: $1');
  if (broken === text) throw new Error(`${BROKEN}: no quoted title to unquote`);
  writeFileSync(file, broken);
  await page.waitForSelector('li.error', { timeout: 30000 });
  const shown = await page.textContent('main');
  if (!shown.includes('debat-protection-sociale-namur.md')) {
    throw new Error(`the error page does not name the broken file:\n${shown}`);
  }
  await page.screenshot({ path: join(out, SHOTS.error), fullPage: true });
  console.log(`guide screenshots written to ${out}: ${Object.values(SHOTS).join(', ')}`);
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await browser.close();
  server.kill();
  rmSync(site, { recursive: true, force: true });
}

// The guide shows the committed copies: each image it links must be in docs/images/.
const guide = readFileSync(join(repo, 'docs/guide-editeurs.md'), 'utf8');
for (const [, name] of guide.matchAll(/\]\(images\/([^)]+)\)/g)) {
  if (!existsSync(join(repo, 'docs/images', name))) {
    console.error(`docs/images/${name} is missing: run this script with OUT_DIR docs/images and commit it`);
    failed = true;
  }
}
for (const name of Object.values(SHOTS)) {
  if (!guide.includes(`](images/${name})`)) {
    console.error(`docs/guide-editeurs.md does not show images/${name}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
