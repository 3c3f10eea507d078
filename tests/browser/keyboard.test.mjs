// A keyboard-only path: the skip link comes first and moves to the main
// content; on the map, Tab reaches the prefecture tiles, focus is visible,
// each tile has an accessible name, and Enter opens the prefecture page; a
// long list's pager is reached by Tab and leads to the next page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shippedSiteInBrowser } from '../support/browser.mjs';

const site = await shippedSiteInBrowser({ before, after });

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') || el.textContent || '').trim(),
      href: el.getAttribute('href') || el.getAttribute('xlink:href') || '',
      inMap: !!el.closest('svg'),
      visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
    };
  });

/* Presses Tab until the focused element is `wanted`, at most `max` times;
 * resolves to what `focused` says of it, or null. */
async function tabTo(page, wanted, max) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (wanted(f)) return f;
  }
  return null;
}

test('the skip link is the first stop and moves focus to the main content', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + '/map/');
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.text, '本文へ移動');
  assert.ok(first.visible, 'focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('map tiles are reachable by Tab, named, visibly focused, and open with Enter', async () => {
  const page = await site.browser.newPage();
  await page.goto(site.url + '/map/');
  const tile = await tabTo(page, (f) => f.inMap && f.href, 80);
  assert.ok(tile, 'Tab reaches a tile');
  assert.match(tile.text, /^(北海道|.+[都府県]):/, 'the tile has an accessible name');
  assert.ok(tile.visible, 'focus on the tile is visible');
  await Promise.all([page.waitForURL(/\/prefectures\/[a-z]+\/$/), page.keyboard.press('Enter')]);
  assert.match(await page.locator('h1').innerText(), /[都道府県]/);
  await page.close();
});

test('the pager of a long list is reached by Tab and opens the next page with Enter', async () => {
  const page = await site.browser.newPage();
  // A list of the shipped atlas longer than a page (100 cards).
  await page.goto(site.url + '/sources/fukushima-cluster-talk/');
  const next = await tabTo(page, (f) => f.text === '次のページ', 400);
  assert.ok(next, 'Tab reaches the link to the next page');
  assert.ok(next.visible, 'focus on it is visible');
  await Promise.all([page.waitForURL(/\/page\/2\/$/), page.keyboard.press('Enter')]);
  const current = page.locator('nav.pager a[aria-current="page"]');
  assert.equal(await current.textContent(), '2ページ目（表示中）', 'the current page is marked and named');
  assert.match(await page.locator('nav.pager p').innerText(), /^全\d+件のうち101〜\d+件目（2\/\d+ページ）$/);
  assert.match(await page.title(), /（2ページ目）/);
  await page.close();
});
