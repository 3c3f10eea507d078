// The search page in headless Chromium, on the shipped atlas served from
// 127.0.0.1 with the site's Content-Security-Policy: type a query, see
// results, apply a facet, go back, open a result.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite } from '../support/site.mjs';
import { serve } from '../support/server.mjs';
import { launch } from '../support/browser.mjs';

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve(buildSite());
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  // Console errors include Content-Security-Policy violations and failed
  // loads the page did not ask for itself (such as a missing site icon).
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const results = () => page.locator('#results > li');
const statusText = () => page.locator('#search-status').textContent();
const count = async () => Number((await statusText()).match(/(\d+)件/)?.[1] ?? NaN);
const params = () => new URL(page.url()).searchParams;
/* Waits until the client has rendered the state the URL asks for. */
const settled = (expectFirst) =>
  page.waitForFunction((t) => {
    const a = document.querySelector('#results a');
    return document.getElementById('results').getAttribute('aria-busy') === 'false' && (!t || (a && a.textContent.includes(t)));
  }, expectFirst);

test('the header search box submits to the search page', async () => {
  await page.goto(server.url + '/');
  await page.fill('#site-search', '医工連携');
  await page.press('#site-search', 'Enter');
  await page.waitForURL(/\/search\/\?q=/);
  assert.equal(params().get('q'), '医工連携');
  await settled();
  assert.ok((await results().count()) > 0);
  assert.equal(await page.inputValue('#q'), '医工連携', 'the page reads its state from the URL');
});

test('typing a query shows highlighted results and updates the URL', async () => {
  await page.goto(server.url + '/search/');
  await page.locator('#q').pressSequentially('すたーとあっぷ', { delay: 20 });
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'すたーとあっぷ');
  await settled();
  const n = await count();
  assert.ok(n > 0, await statusText());
  assert.equal(await results().count(), Math.min(n, 10));
  const marks = await page.locator('#results mark').allTextContents();
  assert.ok(marks.some((m) => m === 'スタートアップ' || m === 'ベンチャー'), marks.join(','));
  const first = results().first();
  assert.ok((await first.locator('a.result-title').getAttribute('href')).startsWith('/'));
  assert.ok((await first.locator('.badge').textContent()).length > 0, 'kind');
  assert.equal(await page.getAttribute('#search-status', 'role'), 'status');
});

test('a facet narrows the results, and back restores them', async () => {
  await page.goto(server.url + '/search/?q=' + encodeURIComponent('医工連携'));
  await settled();
  const all = await count();
  const label = page.locator('label[for="f-kind-program"]');
  const programs = Number((await label.locator('[data-count]').textContent()).match(/\d+/)[0]);
  assert.ok(programs > 0 && programs < all);
  await label.click();
  await page.waitForURL(/kind=program/);
  await page.waitForFunction((n) => document.getElementById('search-status').textContent.includes(n + '件'), programs);
  assert.equal(await count(), programs);
  for (const href of await page.locator('#results a.result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.ok(href.startsWith('/programs/'), href);
  }
  await page.goBack();
  await page.waitForFunction((n) => document.getElementById('search-status').textContent.includes(n + '件'), all);
  assert.equal(params().get('kind'), null);
  assert.equal(await page.isChecked('#f-kind-program'), false);
  await page.goForward();
  await page.waitForFunction((n) => document.getElementById('search-status').textContent.includes(n + '件'), programs);
  assert.equal(await page.isChecked('#f-kind-program'), true);
});

test('facets work from the keyboard', async () => {
  await page.goto(server.url + '/search/?q=' + encodeURIComponent('支援'));
  await settled();
  await page.focus('#f-kind-case');
  await page.keyboard.press('Space');
  await page.waitForURL(/kind=case/);
  await settled();
  assert.ok((await count()) > 0);
});

test('a result opens its record page', async () => {
  await page.goto(server.url + '/search/?q=' + encodeURIComponent('医工連携イノベーション推進事業'));
  await settled('医工連携イノベーション推進事業');
  const link = results().first().locator('a.result-title');
  const name = await link.textContent();
  await link.click();
  await page.waitForURL(/\/programs\//);
  assert.equal((await page.locator('h1').textContent()).trim(), name.trim());
});

test('more results load on request and take the focus', async () => {
  await page.goto(server.url + '/search/?kind=organization');
  await settled();
  assert.equal(await results().count(), 10);
  await page.click('#more');
  await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 20);
  assert.equal(await page.evaluate(() => document.activeElement.closest('li') === document.querySelectorAll('#results > li')[10]), true);
});

const hrefs = () => page.locator('#results a.result-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
const categoryLinks = () => page.locator('#search-categories a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
const noticeText = async () => ((await page.isVisible('#search-notice')) ? await page.locator('#search-notice').textContent() : '');
const open = async (q) => {
  await page.goto(server.url + '/search/?q=' + encodeURIComponent(q));
  await settled();
};

test('words match in any order, anywhere in a record', async () => {
  await open('熊本 補助金');
  const forward = await hrefs();
  assert.ok(forward.length > 0, await statusText());
  await open('補助金 熊本');
  assert.deepEqual(await hrefs(), forward);
  // Records called 〜助成金 are found for 補助金 (synonyms).
  const texts = await page.locator('#results > li').allTextContents();
  assert.ok(texts.some((t) => /熊本|くまもと/.test(t) && /助成金/.test(t)), texts.join('\n'));
});

test('a run written nowhere as one is matched as its parts, with a notice', async () => {
  await open('試作補助');
  assert.ok((await count()) > 0, await statusText());
  assert.match(await noticeText(), /「試作補助」は続けて書かれた箇所がないため、「試作」と「補助」を含むもの/);
});

test('when no record has every word, those with most of them show, and the notice names the word left out', async () => {
  await open('熊本 補助金 宇宙');
  assert.ok((await count()) > 0, await statusText());
  assert.match(await noticeText(), /「宇宙」を含むものは見つからなかったため、この語を除いた結果/);
  assert.doesNotMatch(await statusText(), /見つかりませんでした/);
});

test('a ministry abbreviation and a stage label offer their category pages above the records', async () => {
  await open('経産省');
  assert.ok(await page.isVisible('#search-categories'));
  assert.equal((await categoryLinks())[0], '/ministries/meti/');
  assert.match(await page.locator('#search-categories').textContent(), /経済産業省/);
  await open('段階⑤');
  assert.ok((await categoryLinks()).includes('/stages/stage-5/'));
  await page.click('#search-categories a[href="/stages/stage-5/"]');
  await page.waitForURL(/\/stages\/stage-5\/$/);
  assert.match(await page.locator('h1').textContent(), /試作・治験/);
});

test('a prefecture in hiragana or romaji finds the prefecture', async () => {
  for (const [q, pref, name] of [
    ['ふくおか', '/prefectures/fukuoka/', '福岡'],
    ['Osaka', '/prefectures/osaka/', '大阪'],
  ]) {
    await open(q);
    assert.ok((await categoryLinks()).includes(pref), q);
    assert.ok((await count()) > 0, q);
    const marks = await page.locator('#results mark').allTextContents();
    assert.ok(marks.some((m) => m.includes(name)), `${q}: ${marks.join(',')}`);
  }
});

test('an empty result offers spellings the index knows', async () => {
  await open('医工連係');
  assert.match(await statusText(), /見つかりませんでした/);
  assert.doesNotMatch(await statusText(), /絞り込み/, 'no advice about filters the reader did not set');
  const offer = page.locator('#search-notice a').first();
  assert.equal(await offer.textContent(), '医工連携');
  await offer.click();
  await page.waitForURL(/q=/);
  await settled();
  assert.equal(params().get('q'), '医工連携');
  assert.ok((await count()) > 0);
});

/* Cumulative layout shift of a page as Chromium reports it (the
 * layout-shift entries a PerformanceObserver sees from navigation on,
 * those within half a second of the reader's input left out, as CLS
 * does), with what moved. */
const watchShifts = (p) =>
  p.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const moved = e.sources.map((s) => (s.node ? s.node.id || s.node.className || s.node.nodeName : '?'));
        if (!e.hadRecentInput) window.shifts.push({ value: e.value, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
const layoutShift = async (p) => {
  // Layout shifts are reported after the frame that made them.
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  const shifts = await p.evaluate(() => window.shifts);
  return { cls: shifts.reduce((sum, s) => sum + s.value, 0), moved: shifts.flatMap((s) => s.moved).join(', ') };
};

for (const [width, height] of [[412, 823], [1280, 800]]) {
  test(`results arrive without moving the page (${width} px): layout shift under 0.1`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const p = await context.newPage();
    await watchShifts(p);
    // A query in the address: the results take the place of the browse lists.
    await p.goto(server.url + '/search/?q=' + encodeURIComponent('医工連携'));
    await p.waitForFunction(() => document.querySelector('#results > li') && document.getElementById('results').getAttribute('aria-busy') === 'false');
    let { cls, moved } = await layoutShift(p);
    assert.ok(cls < 0.1, `query in the URL: CLS ${cls.toFixed(3)} (${moved})`);
    // Typed queries, one with categories, a notice of parts, and none found.
    for (const q of ['熊本', '試作補助', 'ふくおか 補助金', 'あいうえおかきく']) {
      await p.fill('#q', q);
      await p.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
      await p.waitForFunction(() => document.getElementById('results').getAttribute('aria-busy') === 'false');
    }
    ({ cls, moved } = await layoutShift(p));
    assert.ok(cls < 0.1, `typing: CLS ${cls.toFixed(3)} (${moved})`);
    await context.close();
  });
}

test('no script errors and no Content-Security-Policy violations', () => {
  assert.deepEqual(problems, []);
});

test('without JavaScript the page says so and links to the browse pages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const p = await context.newPage();
  await p.goto(server.url + '/search/');
  const text = await p.locator('main').textContent();
  assert.match(text, /JavaScript/);
  assert.ok(await p.locator('main a[href="/programs/"]').count() > 0);
  assert.equal(await p.isVisible('#search-facets'), false, 'facet controls need the script');
  assert.equal(await p.isVisible('#search-status'), false, 'so do the results');
  assert.ok(await p.isVisible('#search-browse'), 'the browse lists show');
  await context.close();
});
