// Accessibility and CSP over one page of every page type, in headless
// Chromium under the production Content-Security-Policy: axe-core must find
// no WCAG 2.2 A/AA violation and the console must show no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildSite } from '../support/site.mjs';
import { serve } from '../support/server.mjs';
import { launch } from '../support/browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const PAGES = {
  home: '/',
  program: '/programs/mediso/',
  organization: '/organizations/fukushima-iryokiki-sangyo-suishin-kiko/',
  place: '/places/city-saitama/',
  case: '/cases/model-case-kumamoto-zero-system/',
  'program list': '/programs/',
  'organization list': '/organizations/',
  'place list': '/places/',
  'case list': '/cases/',
  'taxonomy term': '/stages/stage-3/',
  'prefecture term': '/prefectures/fukushima/',
  stages: '/stages/',
  matrix: '/matrix/',
  map: '/map/',
  'search with results': '/search/?q=医工連携',
  sources: '/sources/',
  source: '/sources/device-measures-r5/',
  data: '/data/',
  updates: '/updates/',
  404: '/no-such-page/',
};

let server;
let browser;
before(async () => {
  server = await serve(buildSite());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [type, path] of Object.entries(PAGES)) {
  test(`${type} (${path}) has no WCAG 2.2 AA violation and no CSP violation`, async () => {
    const page = await browser.newPage();
    const cspErrors = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
    await page.goto(server.url + encodeURI(path), { waitUntil: 'networkidle' });
    if (path.startsWith('/search/')) await page.waitForSelector('#results a');
    // Evaluated over the DevTools protocol, so the page's CSP does not block it.
    await page.evaluate(AXE);
    const result = await page.evaluate((tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
    const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, [], `${path}`);
    assert.deepEqual(cspErrors, [], `${path}`);
    await page.close();
  });
}
