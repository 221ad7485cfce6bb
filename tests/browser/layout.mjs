// Layout measures of a page open in Playwright, shared by check_pages.mjs (on the built site)
// and test_layout_checks.mjs (on hand-made pages, so that each check is seen to fail).

// WCAG 2.2 A and AA, and axe's best practices. In one options object: AxeBuilder's `options()`
// replaces what `withTags()` set. `target-size` (2.5.8) is off by default in axe-core even under
// its tag `wcag22aa`: enabled by name.
export const AXE_OPTIONS = {
  resultTypes: ['violations'],
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: { 'target-size': { enabled: true } },
};

/** The height of the site header, in CSS px (0 when there is none). */
export async function headerHeight(page) {
  return page.evaluate(() => {
    const h = document.querySelector('body > header, .site-header');
    return h ? h.getBoundingClientRect().height : 0;
  });
}

/**
 * Visible elements inside `root` (a selector) whose content is wider or taller than their box
 * (clipped or spilling: a cell cut, a title overflowing its column) or that stick out of the
 * viewport sideways. Returns short descriptions, empty when all is well.
 */
export async function clippedIn(page, root) {
  return page.evaluate((root) => {
    const out = [];
    const width = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase()
      + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '')
      + ` "${(el.textContent || '').trim().slice(0, 40)}"`;
    for (const box of document.querySelectorAll(root)) {
      for (const el of [box, ...box.querySelectorAll('*')]) {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue; // not shown, or visually hidden text
        const style = getComputedStyle(el);
        if (style.display === 'inline') {
          // Inline boxes have no scroll size: only check that they stay on screen.
          if (r.right > width + 1 || r.left < -1) out.push(`${name(el)} sticks out of the viewport`);
          continue;
        }
        if (el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)}: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
        else if (r.right > width + 1 || r.left < -1) out.push(`${name(el)} sticks out of the viewport`);
      }
    }
    return [...new Set(out)].slice(0, 8);
  }, root);
}

/** Words of the links inside `root` that a line break cuts in two (hyphenated or not). */
export async function brokenWords(page, root) {
  return page.evaluate((root) => {
    const out = [];
    for (const a of document.querySelectorAll(`${root} a`)) {
      if (a.getBoundingClientRect().width === 0) continue;
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A word ends at a space, or just after a hyphen: "tiers-" may end a line ("tiers-lieux").
        const re = /[^\s\-\u2010]+[\-\u2010]?|[\-\u2010]/g;
        for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  }, root);
}

/**
 * Where `#id` stands for someone arriving at the top of the page: the section's top and the
 * top of the highest visible link to it (`href` ending in `#id`), in CSS px from the top of the
 * page (null when missing), and the viewport's height.
 */
export async function reach(page, id) {
  return page.evaluate((id) => {
    const top = (el) => el.getBoundingClientRect().top + window.scrollY;
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const section = document.getElementById(id);
    const links = [...document.querySelectorAll('a[href]')]
      .filter((a) => a.getAttribute('href').endsWith(`#${id}`) && shown(a));
    return {
      section: section && shown(section) ? top(section) : null,
      link: links.length ? Math.min(...links.map(top)) : null,
      viewport: window.innerHeight,
    };
  }, id);
}
