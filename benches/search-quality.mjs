// Search quality on judged queries (benches/search-quality/queries.json):
// the atlas's real search page and Pagefind 1.6, over the same built site,
// each driven in headless Chromium as a reader would use it. Prints, per
// engine, recall@10 of the required answers, precision@10 of what is
// shown, the mean reciprocal rank of the first required answer, and the
// share of queries with no results; then the atlas's failing queries.
//
// What counts as shown: the first ten links top down, for the atlas the
// block of category links above its results included (recall and
// precision). The rank of an answer (MRR, "first right") is its place in
// the list that holds it, as a reader sees the page: the atlas shows two
// lists, a small labelled box of category links (分類・出典: pages that list
// records) and then the ranked records, and a reader looking for a record
// reads the records from the first one, with the box not in the way, as
// one looking for a category page reads the box. So a category link above
// the results is not a competitor of the first record, nor the first
// record of the first category link. Pagefind shows one list.
//   node benches/search-quality.mjs [--root DIR] [--json FILE] [--only atlas]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO, buildSite } from '../tests/support/site.mjs';
import { serve } from '../tests/support/server.mjs';
import { launch } from '../tests/support/browser.mjs';

const { values: args } = parseArgs({ options: { root: { type: 'string' }, json: { type: 'string' }, only: { type: 'string' }, verbose: { type: 'boolean' } } });
const judged = JSON.parse(readFileSync(join(REPO, 'benches/search-quality/queries.json'), 'utf8')).queries;
const TOP = 10;

const site = buildSite(args.root || REPO);
const data = JSON.parse(readFileSync(join(site, 'data/all.json'), 'utf8'));
const records = Object.values(data.records).flat();
const byId = new Map(records.map((r) => [r.id, r]));
const folder = { program: 'programs', organization: 'organizations', place: 'places', case: 'cases' };
const urlOf = (r) => `/${folder[r.kind]}/${r.id}/`;

/* A short form (p:id, t:taxonomy/term, s:source) as a URL. */
function expand(short) {
  const [kind, id] = short.split(/:(.*)/s);
  const prefix = { p: '/programs/', o: '/organizations/', pl: '/places/', c: '/cases/', t: '/', s: '/sources/' }[kind];
  if (!prefix) throw new Error(`unknown answer ${short}`);
  const url = `${prefix}${id}/`;
  if (kind !== 't' && kind !== 's' && !byId.has(id)) throw new Error(`no record ${id} (${short})`);
  if ((kind === 't' || kind === 's') && !existsSync(join(site, url, 'index.html'))) throw new Error(`no page ${url} (${short})`);
  return url;
}

/* The prefectures a record is about: its own, its places', its owner's. */
function prefectures(r) {
  const out = new Set();
  if (r.kind === 'place' || r.kind === 'organization') r.prefecture && out.add(r.prefecture);
  for (const id of [...(r.places || []), ...(r.owner ? [r.owner] : [])]) {
    const p = byId.get(id);
    if (p && p.prefecture) out.add(p.prefecture);
  }
  return out;
}
const regionOf = new Map(data.taxonomies.prefectures.terms.map((t) => [t.id, t.region]));
const FIELD = { stages: 'stages', ministries: 'ministries', phases: 'phases', 'support-areas': 'support_areas', 'support-kinds': 'support_kinds', 'case-types': 'case_type', 'place-types': 'place_type', 'organization-types': 'organization_type' };

/* A rule (pref:ID, regions:ID, TAXONOMY:TERM) as the URLs of the records it
 * holds, with the category page itself; a short form as its URL. */
function relevant(rule) {
  const [key, value] = rule.split(/:(.*)/s);
  const has = (v) => (Array.isArray(v) ? v.includes(value) : v === value);
  let match = null;
  if (key === 'pref') match = (r) => prefectures(r).has(value);
  else if (key === 'regions') match = (r) => r.region === value || [...prefectures(r)].some((p) => regionOf.get(p) === value);
  else if (FIELD[key]) match = (r) => has(r[FIELD[key]]);
  if (!match) return [expand(rule)];
  const page = key === 'pref' ? `/prefectures/${value}/` : `/${key}/${value}/`;
  return [page, ...records.filter(match).map(urlOf)];
}

const queries = judged.map((j) => {
  const must = (j.must || []).map(expand);
  const first = j.first ? expand(j.first) : null;
  const rel = new Set([...must, ...(first ? [first] : []), ...(j.rel || []).flatMap(relevant)]);
  return { ...j, must, first, rel };
});

/* Pagefind over the pages a reader could land on (records, categories,
 * sources), their <main> only: the setup its documentation recommends. */
function indexWithPagefind() {
  const bin = join(REPO, 'node_modules/.bin/pagefind');
  if (!existsSync(bin)) throw new Error('Pagefind is not installed: run benches/search-quality.sh (it installs pagefind@1.6.0 without saving)');
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  const taxonomies = Object.keys(data.taxonomies).join(',');
  execFileSync(bin, ['--site', site, '--root-selector', 'main', '--glob', `{programs,organizations,places,cases,sources,${taxonomies}}/**/index.html`], { stdio: 'ignore' });
  return version;
}

const clean = (u) => new URL(u, 'http://x').pathname.replace(/index\.html$/, '');

async function atlasTop(page, base, q) {
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return document.getElementById('results').getAttribute('aria-busy') === 'false' && s && s.textContent.trim();
  });
  // What the page shows as answers, top down: category links, then results.
  return page.evaluate((top) => {
    const hrefs = (selector) => Array.from(document.querySelectorAll(selector), (a) => a.getAttribute('href'));
    return { lists: [hrefs('#search-categories a'), hrefs('#results > li a.result-title').slice(0, top)] };
  }, TOP);
}

async function pagefindTop(page, base, q) {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  return page.evaluate(
    async ([q, top]) => {
      window.pf = window.pf || (await import('/pagefind/pagefind.js'));
      const r = await window.pf.search(q);
      const data = await Promise.all(r.results.slice(0, top).map((x) => x.data()));
      return { lists: [data.map((d) => d.url)] };
    },
    [q, TOP],
  );
}

function score(q, shown) {
  const lists = shown.lists.map((l) => l.map(clean));
  const top = lists.flat().slice(0, TOP);
  const found = q.must.filter((u) => top.includes(u));
  const recall = q.must.length ? found.length / q.must.length : 1;
  const precision = top.length ? top.filter((u) => q.rel.has(u)).length / top.length : 0;
  const target = q.first ? [q.first] : q.must;
  // The best place of a target answer in the list that holds it.
  const ranks = lists.map((l) => l.slice(0, TOP).findIndex((u) => target.includes(u))).filter((r) => r >= 0);
  const rank = ranks.length ? Math.min(...ranks) : -1;
  const firstOk = !q.first || lists.some((l) => l[0] === q.first);
  const firsts = lists.map((l) => l[0]).filter(Boolean);
  // The same counted on one list, category links first (the stricter
  // reading, printed beside it).
  const flat = top.findIndex((u) => target.includes(u));
  return { recall, precision, rr: rank < 0 ? 0 : 1 / (rank + 1), rrFlat: flat < 0 ? 0 : 1 / (flat + 1), zero: top.length === 0, top, firsts, missing: q.must.filter((u) => !top.includes(u)), firstOk };
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
const pct = (x) => (100 * x).toFixed(1) + '%';

const engines = [['atlas', atlasTop], ['pagefind', pagefindTop]].filter(([name]) => !args.only || args.only === name);
const pagefindVersion = engines.some(([n]) => n === 'pagefind') ? indexWithPagefind() : null;
const server = await serve(site, { csp: false });
const browser = await launch();
const report = {};
try {
  for (const [name, top] of engines) {
    const page = await browser.newPage();
    const scored = [];
    for (const q of queries) scored.push({ q, ...score(q, await top(page, server.url, q.q)) });
    await page.close();
    report[name] = scored;
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`${queries.length} judged queries (benches/search-quality/queries.json), first ${TOP} answers; Pagefind ${pagefindVersion || 'not run'}`);
console.log('engine     recall@10  precision@10  MRR    first right  zero results  (MRR on one list)');
for (const [name, scored] of Object.entries(report)) {
  const firsts = scored.filter((s) => s.q.first);
  console.log(
    name.padEnd(10),
    pct(mean(scored.map((s) => s.recall))).padStart(9),
    pct(mean(scored.map((s) => s.precision))).padStart(13),
    mean(scored.map((s) => s.rr)).toFixed(3).padStart(6),
    `${firsts.filter((s) => s.firstOk).length}/${firsts.length}`.padStart(12),
    `${scored.filter((s) => s.zero).length}/${scored.length} (${pct(mean(scored.map((s) => (s.zero ? 1 : 0))))})`.padStart(13),
    mean(scored.map((s) => s.rrFlat)).toFixed(3).padStart(8),
  );
}
for (const [name, scored] of Object.entries(report)) {
  const failing = scored.filter((s) => s.recall < 1 || !s.firstOk || s.zero);
  if (name !== 'atlas' && !args.verbose) continue;
  console.log(`\n${name}: ${failing.length} queries miss an answer or the first place`);
  for (const s of failing) {
    console.log(`  「${s.q.q}」 (${s.q.type})${s.zero ? ' no results' : ''}${s.missing.length ? ' missing ' + s.missing.join(' ') : ''}${s.firstOk ? '' : ' first ' + (s.firsts.join(' / ') || '-') + ' instead of ' + s.q.first}`);
  }
}
if (args.json) writeFileSync(args.json, JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [k, v.map((s) => ({ q: s.q.q, top: s.top, recall: s.recall, precision: s.precision, rr: s.rr }))])), null, 1));
