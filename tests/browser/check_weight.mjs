// Every page of the built site stays small and self-contained:
// - its HTML plus the CSS it links weigh under 30 KB gzip-compressed;
// - it loads nothing from another host (stylesheets, scripts, images, frames, fonts, CSS url()).
// (check_pages.mjs also records the requests a real browser makes on one page of each type.)
//
//   node tests/browser/check_weight.mjs SITE_DIR
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileOf, htmlPaths } from './lib.mjs';

const site = process.argv[2];
if (!site) {
  console.error('usage: node check_weight.mjs SITE_DIR');
  process.exit(2);
}
const LIMIT = Number(process.env.PAGE_WEIGHT_LIMIT || 30 * 1024);

const gz = (buf) => gzipSync(buf, { level: 6 }).length; // what web servers commonly use
const failures = [];
const cssCache = new Map();

/** Attributes of the tags `names` in `html` (minified HTML: attributes may be unquoted). */
function* tags(html, names) {
  const re = new RegExp(`<(${names.join('|')})\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'gi');
  for (const m of html.matchAll(re)) {
    const attrs = {};
    for (const a of m[2].matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attrs[a[1].toLowerCase()] = (a[2] ?? '').replace(/^["']|["']$/g, '').replace(/&amp;/g, '&');
    }
    yield [m[1].toLowerCase(), attrs];
  }
}

const isExternal = (url) => /^(https?:)?\/\//i.test(url.trim());
const LOADED_LINKS = /\b(stylesheet|icon|preload|modulepreload|prefetch|manifest|apple-touch-icon|mask-icon)\b/i;

function css(href) {
  if (!cssCache.has(href)) {
    const text = readFileSync(join(site, ...href.split('?')[0].split('/')));
    const external = [...text.toString().matchAll(/(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)/g)]
      .map((m) => m[1]).filter(isExternal);
    cssCache.set(href, { size: gz(text), external });
  }
  return cssCache.get(href);
}

const pages = htmlPaths(site);
let heaviest = { path: '', total: 0 };
for (const path of pages) {
  const html = readFileSync(fileOf(site, path));
  let total = gz(html);
  const parts = [`HTML ${(total / 1024).toFixed(1)}`];
  const text = html.toString();
  for (const [tag, a] of tags(text, ['link', 'script', 'img', 'iframe', 'source', 'video', 'audio', 'embed', 'object', 'input'])) {
    const urls = [a.src, a.poster, a.data, ...(a.srcset ?? '').split(',').map((s) => s.trim().split(/\s+/)[0])];
    if (tag === 'link' && LOADED_LINKS.test(a.rel ?? '')) urls.push(a.href);
    for (const url of urls.filter(Boolean)) {
      if (isExternal(url)) failures.push(`${path}: <${tag}> loads ${url} from another host`);
    }
    if (tag === 'link' && /\bstylesheet\b/i.test(a.rel ?? '') && a.href && !isExternal(a.href)) {
      const sheet = css(a.href);
      total += sheet.size;
      parts.push(`${a.href} ${(sheet.size / 1024).toFixed(1)}`);
      for (const url of sheet.external) failures.push(`${a.href}: loads ${url} from another host`);
    }
  }
  for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const u of m[1].matchAll(/(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)/g)) {
      if (isExternal(u[1])) failures.push(`${path}: inline style loads ${u[1]} from another host`);
    }
  }
  if (total > heaviest.total) heaviest = { path, total, parts };
  if (total > LIMIT) {
    failures.push(`${path}: ${(total / 1024).toFixed(1)} KB gzip of HTML + CSS (${parts.join(' + ')}), over ${LIMIT / 1024} KB`);
  }
}

console.log(`${pages.length} pages; heaviest ${heaviest.path}: ${(heaviest.total / 1024).toFixed(1)} KB gzip (${heaviest.parts?.join(' + ')}), limit ${LIMIT / 1024} KB`);
if (failures.length) {
  console.error(`\n${[...new Set(failures)].length} failure(s):`);
  for (const f of new Set(failures)) console.error('  ' + f);
  process.exit(1);
}
console.log('page weight and external resources: ok');
