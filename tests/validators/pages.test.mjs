// Site-wide page rules of the shipped atlas: every link and resource of
// every page resolves to a file of the site (the accessibility report
// included), every page has a description, the 404 page is kept out of
// search engines without claiming an address, and stylesheets and scripts
// are published minified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, tags } from '../support/site.mjs';

const site = buildSite();
const pages = readdirSync(site, { recursive: true }).filter((f) => f.endsWith('.html'));
const read = (rel) => readFileSync(join(site, rel), 'utf8');

/* The values of href and src attributes in a (minified) page. */
function links(html) {
  return [...html.matchAll(/\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)].map((m) => (m[1] ?? m[2] ?? m[3]).replaceAll('&amp;', '&'));
}

test('every link to this site resolves to a file', () => {
  assert.ok(pages.length > 300);
  const broken = [];
  for (const rel of pages) {
    for (const href of links(read(rel))) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const path = decodeURIComponent(href.split(/[?#]/)[0]);
      const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
      if (!existsSync(file)) broken.push(`${rel} → ${href}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('the accessibility report names the missing page it tested without linking it', () => {
  const html = read('accessibility/index.html');
  assert.match(html, /<code>\/no-such-page\/<\/code>/);
  assert.ok(!links(html).includes('/no-such-page/'));
  assert.ok(links(html).includes('/programs/'), 'the pages it tested are linked');
});

test('every page has a description; the 404 page is noindex and has no canonical address', () => {
  for (const rel of pages) {
    const description = tags(read(rel), 'meta').find((m) => m.name === 'description');
    assert.ok(description?.content.trim(), `${rel}: no description`);
  }
  const notFound = read('404.html');
  assert.ok(tags(notFound, 'meta').some((m) => m.name === 'robots' && m.content === 'noindex'), '404: noindex');
  assert.ok(!tags(notFound, 'link').some((l) => l.rel === 'canonical'), '404: no canonical');
  assert.ok(!tags(notFound, 'meta').some((m) => m.property === 'og:url'), '404: no og:url');
  const home = read('index.html');
  assert.ok(!tags(home, 'meta').some((m) => m.name === 'robots'), 'home: indexed');
  assert.ok(tags(home, 'link').some((l) => l.rel === 'canonical'), 'home: canonical');
});

test('stylesheets and scripts are published minified', () => {
  const assets = readdirSync(join(site, 'assets')).filter((f) => /\.(css|js)$/.test(f));
  assert.ok(assets.some((f) => f.startsWith('search.')) && assets.some((f) => f.startsWith('style.')), assets.join());
  // The browser editor's script is Decap's release as vendored (minified
  // upstream, published as those bytes; vendor/decap-cms/README.md).
  for (const f of assets.filter((a) => !/^decap-cms\.[0-9a-f]+\.js$/.test(a))) {
    const text = readFileSync(join(site, 'assets', f), 'utf8');
    assert.doesNotMatch(text, /\/\*|^\s*\/\//m, `${f} keeps comments`);
    assert.ok(text.split('\n').length <= 2, `${f} keeps its line breaks`);
  }
});
