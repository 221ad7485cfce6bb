// Shared helpers of the browser checks: list the built site's pages, pick one page per page type,
// serve the site on loopback, launch the system Chromium through playwright-core.
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, extname, sep, resolve } from 'node:path';
import { chromium } from 'playwright-core';

// Chromium flags that work on these machines (see shared notes "browser-and-print"): without the
// networking ones Chromium stalls against the closed network. Playwright adds --headless and
// manages the user-data-dir itself.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Every HTML file of the site as a URL path: `/`, `/agenda/`, `/404.html`, sorted. */
export function htmlPaths(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) {
        const rel = '/' + relative(root, full).split(sep).join('/');
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

/** The file behind a URL path. */
export function fileOf(root, path) {
  return join(root, ...decodeURIComponent(path).split('/'), path.endsWith('/') ? 'index.html' : '');
}

/** Event pages: `/agenda/<slug>/` folders (`/nl/agenda/<slug>/` in another language) that hold
 *  the event's own `<slug>.ics`. */
export function eventPaths(root) {
  return htmlPaths(root).filter((p) => {
    const m = /^(?:\/([a-z]{2,3}))?\/agenda\/([^/]+)\/$/.exec(p);
    return m && existsSync(join(root, m[1] ?? '', 'agenda', m[2], `${m[2]}.ics`));
  });
}

/** The status an event page shows, read from its HTML (`confirmed`, `tentative`, `cancelled`). */
export function eventStatus(html) {
  if (/<article class="event [^"]*\bis-cancelled\b/.test(html)) return 'cancelled';
  if (/class="?[^">]*\bnotice-tentative\b/.test(html)) return 'tentative';
  return 'confirmed';
}

// Page types, first matching rule wins. A path no rule knows becomes a type of its own kind
// (its path with the last segment as `*`), so new kinds of pages get checked as they appear.
const RULES = [
  ['home', /^\/$/],
  ['404', /^\/404\.html$/],
  ['agenda', /^\/agenda\/$/],
  ['archive', /^\/agenda\/archives\/$/],
  ['month-index', /^\/agenda\/mois\/$/],
  ['month', /^\/agenda\/mois\/[^/]+\/$/],
  [(m) => `filter-${m[1]}`, /^\/agenda\/(niveau|theme|region)\/[^/]+\/$/],
  ['event-mission-sheet', /^\/agenda\/[^/]+\/fiche-mission\/$/],
  ['reports', /^\/agenda\/comptes-rendus\/$/],
  ['figures', /^\/bilan\/$/],
  ['figures-year', /^\/bilan\/\d{4}\/$/],
  // `event`, `event-cancelled`, `event-tentative`: see below.
  ['event', /^\/agenda\/[^/]+\/$/],
  [(m) => `sheet-${m[1]}`, /^\/fiches\/([^/]+)\/$/],
  [(m) => m[1], /^\/(charte|lexique|kit|reseaux)\/$/],
  ['missions', /^\/missions\/$/],
  ['missions-propose', /^\/missions\/proposer\/$/],
  ['kit-page', /^\/kit\/[^/]+\/$/],
  ['ambassadors', /^\/ambassadeurs\/$/],
  ['ambassador', /^\/ambassadeurs\/[^/]+\/$/],
  ['free-page', /^\/[^/]+\/$/],
];

export function pageType(root, path) {
  // A page of another language (`/nl/agenda/`) is typed as its French twin, with its language:
  // `agenda (nl)`, so each language's richest and sparest pages are checked.
  const lang = otherLanguage(root, path);
  if (lang) return `${baseType(root, path.slice(lang.length + 1), path)} (${lang})`;
  return baseType(root, path, path);
}

/** The language code of `path` when it is under the folder of one of the site's other
 *  languages (`/nl/…`, whose home page says `<html lang="nl">`). */
function otherLanguage(root, path) {
  const m = /^\/([a-z]{2,3})\//.exec(path);
  if (!m) return null;
  const home = join(root, m[1], 'index.html');
  if (!existsSync(home)) return null;
  return new RegExp(`<html lang="?${m[1]}[" >]`).test(readFileSync(home, 'utf8')) ? m[1] : null;
}

/** The type of the page at `path` (the file at `file`) by the rules. */
function baseType(root, path, file) {
  for (const [name, re] of RULES) {
    const m = re.exec(path);
    if (!m) continue;
    const type = typeof name === 'function' ? name(m) : name;
    if (type === 'event') {
      const html = readFileSync(fileOf(root, file), 'utf8');
      const status = eventStatus(html);
      // An event page with a report ("Compte rendu") is a type of its own: axe checks one.
      if (status === 'confirmed' && /\bid="?compte-rendu"?[\s>]/.test(html)) return 'event-report';
      return status === 'confirmed' ? 'event' : `event-${status}`;
    }
    return type;
  }
  return 'other:' + path.replace(/[^/]+\/?$/, '*');
}

/**
 * The pages to check: `[{type, path}]`, for each type its page with the most links, then bytes
 * (the richest event, the fullest month: it has the most to get wrong) and, when the type has
 * several pages, the one with the fewest (an empty month, a short event: empty states break too).
 * AXE_ALL=1 returns every page instead.
 */
export function pickPages(root) {
  const byType = new Map();
  for (const path of htmlPaths(root)) {
    const type = pageType(root, path);
    const html = readFileSync(fileOf(root, path), 'utf8');
    const size = (html.match(/<a\b/g) ?? []).length * 1e6 + html.length;
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push({ type, path, size });
  }
  const picked = [];
  for (const [type, all] of byType) {
    all.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
    if (process.env.AXE_ALL === '1') picked.push(...all);
    else {
      picked.push(all[0]);
      if (all.length > 1) picked.push({ ...all[all.length - 1], type: `${type} (sparest)` });
    }
  }
  return picked.sort((a, b) => a.type.localeCompare(b.type));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.pdf': 'application/pdf',
  '.ics': 'text/calendar; charset=utf-8', '.atom': 'application/atom+xml', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** Serve `root` on 127.0.0.1, a free port; `/dir/` serves `dir/index.html`, misses get 404.html. */
export async function serve(root) {
  root = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = join(root, path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: path + '/' }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(root, '404.html');
    }
    const body = existsSync(file) ? readFileSync(file) : Buffer.from('not found');
    res.writeHead(status, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * A browser context that records every request and lets through only those to `origin`:
 * `requests.external` lists the others (blocked, and a failure for the caller to report).
 */
export async function newContext(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const external = [];
  const local = (url) => url.startsWith(origin + '/') || /^(data|blob|about):/.test(url);
  // Record every request the pages make (including any a route would not see)…
  context.on('request', (request) => {
    if (!local(request.url())) external.push(request.url());
  });
  // …and keep the browser off the network: anything not local is refused at once.
  await context.route('**/*', (route) => (local(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  return { context, external };
}
