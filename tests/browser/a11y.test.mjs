// Accessibility and CSP over one page of every page type, in headless
// Chromium under the production Content-Security-Policy: axe-core must find
// no WCAG 2.2 A/AA violation and the console must show no CSP violation.
// The run's results are the site's accessibility page: with
// UPDATE_A11Y_REPORT=1 it writes content/accessibility.yaml; otherwise it
// checks that the committed report states what this run found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { REPO } from '../support/site.mjs';
import { shippedSiteInBrowser } from '../support/browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const PAGES = {
  'ホーム': '/',
  '支援施策のページ': '/programs/mediso/',
  '支援機関のページ': '/organizations/fukushima-iryokiki-sangyo-suishin-kiko/',
  '地域のページ': '/places/city-saitama/',
  '事例のページ': '/cases/model-case-kumamoto-zero-system/',
  '支援施策の一覧': '/programs/',
  '支援機関の一覧': '/organizations/',
  '地域の一覧': '/places/',
  '事例の一覧': '/cases/',
  '分類（支援段階）のページ': '/stages/stage-3/',
  '都道府県のページ': '/prefectures/fukushima/',
  '支援段階の全体図': '/stages/',
  '支援分野×府省の表': '/matrix/',
  '地図': '/map/',
  '検索（結果あり）': '/search/?q=医工連携',
  '出典一覧': '/sources/',
  '出典資料のページ': '/sources/device-measures-r5/',
  '一覧の2ページ目': '/sources/fukushima-cluster-talk/page/2/',
  'オープンデータ': '/data/',
  '新着・更新情報': '/updates/',
  'アクセシビリティ': '/accessibility/',
  '見つからないページ（404）': '/no-such-page/',
};
const REPORT = join(REPO, 'content', 'accessibility.yaml');
const found = new Map();

const site = await shippedSiteInBrowser({ before, after });

/* The report as content/accessibility.yaml holds it (YAML; strings quoted as JSON). */
function report(tested) {
  const version = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('axe-core/package.json'), 'utf8')).version;
  const lines = [
    '# Written by tests/browser/a11y.test.mjs (UPDATE_A11Y_REPORT=1 scripts/test); published at /accessibility/.',
    `target: ${JSON.stringify('JIS X 8341-3:2016 レベルAA（WCAG 2.2 レベルAA）')}`,
    `tested: ${tested}`,
    `method: ${JSON.stringify(`axe-core ${version} による自動試験（WCAG 2.0/2.1/2.2 のレベルA・AAの規則）。Chromium（ヘッドレス）で、公開時と同じContent-Security-Policyのもと各ページを表示して実施`)}`,
    'pages:',
  ];
  for (const [kind, path] of Object.entries(PAGES)) {
    lines.push(`  - kind: ${JSON.stringify(kind)}`, `    url: ${JSON.stringify(path)}`, `    violations: ${found.get(path) ?? 'null'}`);
  }
  return lines.join('\n') + '\n';
}


for (const [type, path] of Object.entries(PAGES)) {
  test(`${type} (${path}) has no WCAG 2.2 AA violation and no CSP violation`, async () => {
    const page = await site.browser.newPage();
    const cspErrors = [];
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
    await page.goto(site.url + encodeURI(path), { waitUntil: 'networkidle' });
    if (path.startsWith('/search/')) await page.waitForSelector('#results a');
    // Evaluated over the DevTools protocol, so the page's CSP does not block it.
    await page.evaluate(AXE);
    const result = await page.evaluate((tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
    found.set(path, result.violations.length);
    const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, [], `${path}`);
    assert.deepEqual(cspErrors, [], `${path}`);
    await page.close();
  });
}

test('the published accessibility report states this run', { concurrency: false }, async () => {
  assert.equal(found.size, Object.keys(PAGES).length, 'every page was tested');
  const today = new Date().toISOString().slice(0, 10);
  if (process.env.UPDATE_A11Y_REPORT) {
    writeFileSync(REPORT, report(today));
    return;
  }
  const committed = readFileSync(REPORT, 'utf8');
  const tested = committed.match(/^tested: (\S+)$/m)?.[1];
  assert.ok(tested, 'the report has a test date');
  assert.equal(committed, report(tested), 'run UPDATE_A11Y_REPORT=1 scripts/test to refresh content/accessibility.yaml');
});
