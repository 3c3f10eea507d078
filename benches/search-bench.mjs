// Search benchmark: atlas's search against Pagefind on the same built site,
// in headless Chromium over loopback. Prints figures; asserts nothing.
//
//   node benches/search-bench.mjs [--root SITE_ROOT | --records N] [--queries "a,b c,…"] [--keep 1]
//
// With --root, the site root (e.g. one written by examples/synth) gets this
// repository's theme and synonyms copied in; without it, benches/corpus.mjs
// writes N records. Measured for each query, in a fresh browser context
// (empty cache):
// - first query: bytes transferred (text types gzipped, as a CDN serves
//   them) and requests the search needed (client code, index parts, what
//   the first ten results show; not the page's own HTML and CSS), and the
//   time from asking until ten results were ready (the search page: from
//   navigation start until they were shown);
// - then in the same page: another query (new words) with the requests it
//   needed, timed to its ranked answer (result numbers, total and facet
//   counts: the index round) and to its first ten results' files loaded,
//   and the same query again; on the search page also new words
//   typed, from the end of the typing pause to results shown (what was
//   fetched while typing included);
// - and what requests alone cost in this browser: N small uncached files
//   fetched in parallel (on loopback each request costs the browser a few
//   milliseconds of work, so a query's time has a floor set by its downloads).
// Both engines run in the same kind of harness page (load the client, search,
// fetch what the first ten results show); the row "atlas page" measures the
// real search page as a reader uses it (page layout and result rendering
// included, which Pagefind's harness has none of).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, atlasBinary } from '../tests/support/site.mjs';
import { serve } from '../tests/support/server.mjs';
import { launch } from '../tests/support/browser.mjs';
import { makeCorpus } from './corpus.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const records = Number(args.records || 10000);
const queries = (args.queries || '医工連携,手術支援ロボット,試作 補助,すたーとあっぷ,カテーテル 臨床,見守りセンサー').split(',');
const RESULTS = 10;

const work = mkdtempSync(join(tmpdir(), 'atlas-search-bench-'));
let root = args.root;
if (root) {
  cpSync(join(REPO, 'themes'), join(root, 'themes'), { recursive: true });
} else {
  root = makeCorpus(REPO, join(work, 'root'), records);
}
if (existsSync(join(REPO, 'content/synonyms.yaml'))) cpSync(join(REPO, 'content/synonyms.yaml'), join(root, 'content/synonyms.yaml'));
const site = join(work, 'public');

/* Runs a command under /usr/bin/time: seconds and peak memory (MB). */
function timed(cmd, argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...argv], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { secs, mb: Math.round(kb / 1024) };
}

function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      bytes += statSync(join(e.parentPath ?? e.path, e.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

console.log(`corpus: ${root}`);
const atlasBuild = timed(atlasBinary(), ['build', '--root', root, '--out', site]);
const version = readdirSync(join(site, 'search')).find((f) => /^[0-9a-f]{10}$/.test(f));
const atlasIndex = folderSize(join(site, 'search', version));
const pagefindBin = join(REPO, 'node_modules/.bin/pagefind');
const pagefindBuild = timed(pagefindBin, ['--site', site, '--root-selector', 'main', '--glob', '{programs,organizations,places,cases}/*/index.html']);
const pagefindIndex = folderSize(join(site, 'pagefind'));

// Pagefind's harness: load pagefind.js, search, load the first ten results.
mkdirSync(join(site, '_bench'), { recursive: true });
writeFileSync(join(site, '_bench/index.html'), '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><script type="module" src="bench.js"></script></head><body></body></html>');
writeFileSync(
  join(site, '_bench/bench.js'),
  `let pagefind;
window.runPagefind = async (q) => {
  const t0 = performance.now();
  pagefind = pagefind || (await import('/pagefind/pagefind.js'));
  const r = await pagefind.search(q);
  const answered = performance.now() - t0;
  const data = await Promise.all(r.results.slice(0, ${RESULTS}).map((x) => x.data()));
  return { ms: performance.now() - t0, answered, total: r.results.length, first: data[0] && data[0].meta.title };
};`,
);

// The same harness for atlas: the client script (fetched and run, as the
// search page runs it), the engine over the index, the first ten results.
const searchPage = readFileSync(join(site, 'search/index.html'), 'utf8');
const attr = (name) => (searchPage.match(new RegExp(`${name}="?([^" >]+)`)) || [])[1];
const clientUrl = (searchPage.match(/<script[^>]* src="?([^" >]*search\.[0-9a-f]+\.js)/) || [])[1];
writeFileSync(
  join(site, '_bench/atlas.js'),
  `let engine;
window.runAtlas = async (q) => {
  const t0 = performance.now();
  if (!engine) {
    const module = { exports: {} };
    new Function('module', await (await fetch(${JSON.stringify(clientUrl)})).text())(module);
    const load = (u) => fetch(u).then((r) => r.arrayBuffer());
    engine = module.exports.createEngine(${JSON.stringify(attr('data-index'))}, load, { docs: ${Number(attr('data-docs'))}, shards: ${Number(attr('data-shards'))} });
  }
  const r = await engine.search(q, {});
  const answered = performance.now() - t0;
  const data = await Promise.all(r.ids.slice(0, ${RESULTS}).map((id) => engine.result(id)));
  return { ms: performance.now() - t0, answered, total: r.total, first: data[0] && data[0].n };
};`,
);
writeFileSync(join(site, '_bench/atlas.html'), '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><script src="atlas.js"></script></head><body></body></html>');

// Both engines get what a CDN would do: text types gzipped on the fly.
const server = await serve(site, { csp: false, gzip: true });
const browser = await launch();

/* Counts what a page downloads, apart from its own HTML, CSS and icon (and
 * the Pagefind harness's script). */
function meter(page) {
  const m = { bytes: 0, requests: 0 };
  page.on('requestfinished', async (req) => {
    const url = req.url();
    if (req.resourceType() === 'document' || /\.(css|svg)$/.test(url) || url.includes('/_bench/')) return;
    const sizes = await req.sizes();
    m.bytes += sizes.responseBodySize;
    m.requests++;
  });
  return m;
}

/* One engine in its harness page: the first query (from when it is asked,
 * with every download: client code, index parts, results), a query with
 * new words, the same query again. */
async function harnessRun(path, fn, q, q2) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const m = meter(page);
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction((fn) => typeof window[fn] === 'function', fn);
  const first = await page.evaluate(([fn, q]) => window[fn](q), [fn, q]);
  await page.waitForTimeout(100);
  const bytes = m.bytes;
  const requests = m.requests;
  const second = await page.evaluate(([fn, q]) => window[fn](q), [fn, q2]);
  await page.waitForTimeout(100);
  const nextRequests = m.requests - requests;
  const same = (await page.evaluate(([fn, q]) => window[fn](q), [fn, q2])).ms;
  await context.close();
  return { ms: first.ms, bytes, requests, next: second.ms, nextAnswered: second.answered, nextRequests, same, total: String(first.total) };
}

/* The search page itself: from navigation to ten results shown (page
 * layout included), then new words and the same words submitted, and
 * new words typed (searched when typing pauses). */
async function pageRun(q, q2, q3) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__done = [];
    window.addEventListener('search:done', (e) => window.__done.push({ at: performance.now(), ms: e.detail.ms }), true);
  });
  const m = meter(page);
  await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => window.__done.length > 0 && document.getElementById('results').getAttribute('aria-busy') === 'false');
  await page.waitForTimeout(100);
  const first = await page.evaluate(() => ({ at: window.__done[0].at, total: document.getElementById('search-status').textContent }));
  const bytes = m.bytes;
  const requests = m.requests;
  const again = async (query) =>
    page.evaluate(
      (query) =>
        new Promise((resolve) => {
          const list = document.getElementById('results');
          list.addEventListener('search:done', (e) => resolve(e.detail.ms), { once: true });
          document.getElementById('q').value = query;
          document.getElementById('search').requestSubmit();
        }),
      query,
    );
  const next = await again(q2);
  await page.waitForTimeout(100);
  const nextRequests = m.requests - requests;
  const same = await again(q2);
  // New words entered at once, as an input method commits them: the page
  // searches when typing pauses (200 ms), having fetched meanwhile what
  // the words need. Timed from the end of the pause to results shown.
  const typed = await page.evaluate(
    (query) =>
      new Promise((resolve) => {
        document.getElementById('results').addEventListener('search:done', (e) => resolve(e.detail.ms), { once: true });
        const input = document.getElementById('q');
        input.value = query;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }),
    q3,
  );
  await context.close();
  return { ms: first.at, bytes, requests, next, nextRequests, same, typed, total: (first.total.match(/(\d+)件/) || [, '0'])[1] };
}

/* What requests alone cost in this browser on this machine: the time for N
 * small files (result files, not yet cached) fetched in parallel, median of
 * five, after a few requests have opened the connections. A query that
 * needs N downloads cannot answer faster than this. */
async function requestFloor() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/_bench/atlas.html`);
  const base = `/search/${version}/d/`;
  const floor = await page.evaluate(async (base) => {
    let next = 0;
    const fetchN = (n) => Promise.all(Array.from({ length: n }, () => fetch(base + next++ + '.json').then((r) => r.arrayBuffer())));
    await fetchN(6);
    const out = {};
    for (const n of [1, 5, 10, 15]) {
      const times = [];
      for (let rep = 0; rep < 5; rep++) {
        const t0 = performance.now();
        await fetchN(n);
        times.push(performance.now() - t0);
      }
      out[n] = times.sort((a, b) => a - b)[2];
    }
    return out;
  }, base);
  await context.close();
  return floor;
}

const atlasRun = (q, q2) => harnessRun('/_bench/atlas.html', 'runAtlas', q, q2);
const pagefindRun = (q, q2) => harnessRun('/_bench/', 'runPagefind', q, q2);

/* The new-words query's time to the ranked answer (before the ten
 * results' own files are fetched), where the harness measures it. */
const answerCell = (ms) => (ms === undefined ? '-' : ms.toFixed(1)).padStart(7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = { atlas: [], pagefind: [], 'atlas page': [] };
console.log(`\n${'query'.padEnd(16)} ${'engine'.padEnd(10)} ${'hits'.padStart(6)} ${'first KB'.padStart(9)} ${'reqs'.padStart(5)} ${'first ms'.padStart(9)} ${'answer'.padStart(7)} ${'next ms'.padStart(8)} ${'reqs'.padStart(5)} ${'same ms'.padStart(8)}`);
for (const [i, q] of queries.entries()) {
  const q2 = queries[(i + 1) % queries.length];
  const q3 = queries[(i + 2) % queries.length];
  for (const [name, run] of [['atlas', atlasRun], ['pagefind', pagefindRun], ['atlas page', pageRun]]) {
    // One warm-up run, so that the browser's own start-up is not measured.
    if (i === 0) await run(q, q2, q3);
    const r = await run(q, q2, q3);
    rows[name].push(r);
    console.log(`${q.padEnd(16 - [...q].filter((c) => c.charCodeAt(0) > 0x2e80).length)} ${name.padEnd(10)} ${r.total.padStart(6)} ${(r.bytes / 1024).toFixed(1).padStart(9)} ${String(r.requests).padStart(5)} ${r.ms.toFixed(0).padStart(9)} ${answerCell(r.nextAnswered)} ${r.next.toFixed(1).padStart(8)} ${String(r.nextRequests).padStart(5)} ${r.same.toFixed(1).padStart(8)}`);
  }
}
const floor = await requestFloor();
await browser.close();
await server.close();

const recordCount = readdirSync(join(root, 'content'), { withFileTypes: true, recursive: true }).filter((e) => e.name.endsWith('.md')).length;
console.log(`\nmedians over ${queries.length} queries, ${recordCount} records (first query: fresh browser context; engines from asking, the search page from navigation start):`);
console.log(`${''.padEnd(10)} ${'first KB'.padStart(9)} ${'requests'.padStart(9)} ${'first ms'.padStart(9)} ${'answer'.padStart(7)} ${'next ms'.padStart(8)} ${'reqs'.padStart(5)} ${'same ms'.padStart(8)}   build`);
for (const [name, build, index] of [['atlas', atlasBuild, atlasIndex], ['pagefind', pagefindBuild, pagefindIndex], ['atlas page']]) {
  const r = rows[name];
  const label = { atlas: 'whole atlas build', pagefind: 'pagefind indexing' }[name];
  console.log(
    `${name.padEnd(10)} ${(median(r.map((x) => x.bytes)) / 1024).toFixed(1).padStart(9)} ${String(median(r.map((x) => x.requests))).padStart(9)} ${median(r.map((x) => x.ms)).toFixed(0).padStart(9)} ${answerCell(r[0].nextAnswered === undefined ? undefined : median(r.map((x) => x.nextAnswered)))} ${median(r.map((x) => x.next)).toFixed(1).padStart(8)} ${String(median(r.map((x) => x.nextRequests))).padStart(5)} ${median(r.map((x) => x.same)).toFixed(1).padStart(8)}   ${
      build ? `${label} ${build.secs.toFixed(1)} s, peak ${build.mb} MB; index ${(index.bytes / 1048576).toFixed(1)} MB in ${index.files} files` : 'the search page: layout and rendering of the results included'
    }`,
  );
}
console.log(`\natlas page, new words typed (entered at once, as an input method commits them): results shown ${median(rows['atlas page'].map((x) => x.typed)).toFixed(1)} ms after the typing pause (200 ms) ends, median`);
console.log(`requests alone in this browser (small files, in parallel, median of 5): ${Object.entries(floor).map(([n, ms]) => `${n}: ${ms.toFixed(1)} ms`).join(', ')}`);
if (args.keep) console.log(`\nsite: ${site}`);
else rmSync(work, { recursive: true, force: true });
