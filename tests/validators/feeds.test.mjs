// Every Atom feed of the shipped atlas, read by a real feed parser
// (@rowanmanning/feed-parser) after a strict XML well-formedness check
// (fast-xml-parser): required elements present, entry ids unique, every
// link resolves to a file of the built site; every kind list and term page
// links its feed in <head> and visibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { buildSite, tags } from '../support/site.mjs';

const site = buildSite();
const BASE = readFileSync(join(site, 'sitemap.xml'), 'utf8').match(/<loc>(https?:\/\/[^/<]+)\//)[1];

/* The file a link of the site points at, or null for another origin. */
function fileOf(href) {
  if (!href.startsWith(`${BASE}/`)) return null;
  const path = decodeURIComponent(new URL(href).pathname);
  return join(site, path.endsWith('/') ? `${path}index.html` : path);
}

function assertResolves(href, where) {
  const file = fileOf(href);
  assert.ok(file, `${where}: ${href} is not on the site's origin ${BASE}`);
  assert.ok(existsSync(file), `${where}: ${href} does not resolve to a file`);
}

const feeds = readdirSync(site, { recursive: true }).filter((f) => f.endsWith('.xml') && f !== 'sitemap.xml');

/* Checks one feed; returns it parsed. */
function checkFeed(rel) {
  const xml = readFileSync(join(site, rel), 'utf8');
  const wellFormed = XMLValidator.validate(xml);
  assert.equal(wellFormed, true, `${rel}: ${JSON.stringify(wellFormed)}`);
  assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/, rel);
  const feed = parseFeed(xml);
  assert.equal(feed.meta.type, 'atom', rel);
  assert.ok(feed.title, `${rel}: title`);
  assert.ok(feed.updated instanceof Date && !Number.isNaN(feed.updated.valueOf()), `${rel}: updated`);
  assert.ok(feed.url, `${rel}: the page it follows`);
  assertResolves(feed.url, rel);
  assert.ok(feed.self, `${rel}: its own address`);
  assert.equal(fileOf(feed.self), join(site, rel), `${rel}: self link`);
  const ids = new Set();
  for (const item of feed.items) {
    assert.ok(item.id && item.title && item.url, `${rel}: an entry without id, title or link`);
    assert.ok(item.updated instanceof Date, `${rel}: ${item.id} has no updated date`);
    assert.ok(!ids.has(item.id), `${rel}: entry id ${item.id} twice`);
    ids.add(item.id);
    assertResolves(item.url, rel);
  }
  // Every address the XML names, parsed or not.
  for (const [, href] of xml.matchAll(/href="([^"]+)"/g)) assertResolves(href.replaceAll('&amp;', '&'), rel);
  return { xml, feed };
}

test('every feed parses, has unique entry ids and links that resolve', () => {
  assert.ok(feeds.length > 90, `only ${feeds.length} feeds`);
  for (const rel of feeds) checkFeed(rel);
});

test('the site feed holds every kind, newest first', () => {
  const { feed } = checkFeed('feed.xml');
  assert.equal(feed.items.length, 50);
  const kinds = new Set(feed.items.flatMap((item) => item.categories.map((c) => c.term)));
  assert.deepEqual([...kinds].sort(), ['case', 'organization', 'place', 'program']);
  const dates = feed.items.map((item) => item.updated.valueOf());
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
});

test('every kind list and term page links its feed, in <head> and visibly', () => {
  const lists = feeds.filter((rel) => rel !== 'feed.xml');
  for (const rel of lists) {
    const page = join(site, rel.replace(/feed\.xml$/, 'index.html'));
    assert.ok(existsSync(page), `${rel} follows no page`);
    const html = readFileSync(page, 'utf8');
    const href = `/${rel}`;
    const alternate = tags(html, 'link').find((l) => l.rel === 'alternate' && l.href === href);
    assert.ok(alternate && alternate.type === 'application/atom+xml' && alternate.title, `${page}: <link rel=alternate> to ${href}`);
    assert.match(html, new RegExp(`<a [^>]*href="?${href.replace(/[.]/g, '\\.')}"?[ >][^<]*Atomフィード`), `${page}: visible link`);
    const { feed } = checkFeed(rel);
    assert.equal(fileOf(feed.url), page, `${rel}: its alternate page`);
  }
  for (const kind of ['programs', 'organizations', 'places', 'cases']) assert.ok(lists.includes(`${kind}/feed.xml`), kind);
  for (const taxonomy of ['prefectures', 'regions', 'stages', 'phases', 'ministries', 'support-areas', 'support-kinds', 'case-types']) {
    assert.ok(lists.some((rel) => rel.startsWith(`${taxonomy}/`)), `no term feed of ${taxonomy}`);
  }
});
