// Search benchmark: atlas's search against Pagefind on the same built site,
// in headless Chromium over loopback. Prints figures; asserts nothing.
//
//   node benches/search-bench.mjs [--root SITE_ROOT | --records N] [--queries "a,b c,…"] [--keep 1]
//
// With --root, the site root (e.g. one written by examples/synth) gets this
// repository's theme and synonyms copied in; without it, benches/corpus.mjs
// writes N records. Headless Chromium runs the measurements itself, with no
// DevTools client attached (one adds about ten milliseconds to every
// request round), and posts its figures back. Measured for each query, on
// an origin of its own (empty cache, new connections):
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
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, atlasBinary } from '../tests/support/site.mjs';
import { fileHandler } from '../tests/support/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/support/browser.mjs';
import { makeCorpus } from './corpus.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const records = Number(args.records || 10000);
const queries = (args.queries || '医工連携,手術支援ロボット,試作 補助,すたーとあっぷ,カテーテル 臨床,見守りセンサー').split(',');
const RESULTS = 10;

// On tmpfs where there is one: this machine's disk would time file creation.
const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'atlas-search-bench-'));
process.on('exit', () => args.keep || rmSync(work, { recursive: true, force: true }));
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

// The run in the page: one driver for the harness pages, the search page
// and the request floor. It reads its run from the URL's fragment, asks the
// server what the search has downloaded so far, and posts its figures back;
// the answer says where the next run is.
writeFileSync(
  join(site, '_bench/driver.js'),
  `(() => {
  const spec = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  const meter = async () => (await fetch('/_bench/count')).json();
  const report = async (result) => {
    const r = await fetch('/_bench/report', { method: 'POST', body: JSON.stringify(result) });
    const { next } = await r.json();
    if (next) location.href = next;
  };
  const fail = (e) => report({ error: String((e && e.stack) || e) });

  /* One engine in its harness page: the first query (from when it is
   * asked, with every download: client code, index parts, results), a
   * query with new words, the same query again. */
  async function harness({ fn, q, q2 }) {
    while (typeof window[fn] !== 'function') await pause(5);
    const first = await window[fn](q);
    await pause(100);
    const before = await meter();
    const second = await window[fn](q2);
    await pause(100);
    const nextRequests = (await meter()).requests - before.requests;
    const same = (await window[fn](q2)).ms;
    return { ms: first.ms, bytes: before.bytes, requests: before.requests, next: second.ms, nextAnswered: second.answered, nextRequests, same, total: String(first.total) };
  }

  /* The search page itself: from navigation to ten results shown (page
   * layout included), then new words and the same words submitted, and
   * new words typed (searched when typing pauses). */
  const done = [];
  if (spec.kind === 'page') window.addEventListener('search:done', (e) => done.push({ at: performance.now(), ms: e.detail.ms }), true);
  async function page({ q2, q3 }) {
    const list = () => document.getElementById('results');
    while (!(done.length && list().getAttribute('aria-busy') === 'false')) await pause(5);
    await pause(100);
    const first = { at: done[0].at, total: document.getElementById('search-status').textContent };
    const before = await meter();
    const searched = () => new Promise((resolve) => list().addEventListener('search:done', (e) => resolve(e.detail.ms), { once: true }));
    const again = (query) => {
      const shown = searched();
      document.getElementById('q').value = query;
      document.getElementById('search').requestSubmit();
      return shown;
    };
    const next = await again(q2);
    await pause(100);
    const nextRequests = (await meter()).requests - before.requests;
    const same = await again(q2);
    // New words entered at once, as an input method commits them: the page
    // searches when typing pauses (200 ms), having fetched meanwhile what
    // the words need. Timed from the end of the pause to results shown.
    const typedShown = searched();
    const input = document.getElementById('q');
    input.value = q3;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const typed = await typedShown;
    return { ms: first.at, bytes: before.bytes, requests: before.requests, next, nextRequests, same, typed, total: (first.total.match(/(\\d+)件/) || [, '0'])[1] };
  }

  /* What requests alone cost: N small uncached files (result files)
   * fetched in parallel, median of five, after a few requests have opened
   * the connections. A query that needs N downloads cannot answer faster. */
  async function floor({ base }) {
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
  }

  const run = { harness, page, floor }[spec.kind];
  const start = () => run(spec).then(report, fail);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();`,
);
const driver = '<script src="/_bench/driver.js"></script>';
for (const [file, head] of [
  ['_bench/index.html', '<script type="module" src="bench.js"></script>'],
  ['_bench/atlas.html', '<script src="atlas.js"></script>'],
  ['_bench/floor.html', ''],
]) {
  writeFileSync(join(site, file), `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">${head}${driver}</head><body></body></html>`);
}
// The search page as published, with the driver run before its own script.
mkdirSync(join(site, '_bench/page'), { recursive: true });
writeFileSync(join(site, '_bench/page/index.html'), searchPage.replace('<head>', `<head>${driver}`));

/* The runs, each on an origin of its own (a new port: an empty HTTP cache
 * and new connections, as a first visit has), in one browser process
 * that no DevTools client is attached to: with one attached (as
 * playwright does), every request costs the browser about ten
 * milliseconds more, which would be measured as the engines' time. */
const runs = [];
for (const [i, q] of queries.entries()) {
  const q2 = queries[(i + 1) % queries.length];
  const q3 = queries[(i + 2) % queries.length];
  for (const [name, path, spec] of [
    ['atlas', '/_bench/atlas.html', { kind: 'harness', fn: 'runAtlas', q, q2 }],
    ['pagefind', '/_bench/', { kind: 'harness', fn: 'runPagefind', q, q2 }],
    ['atlas page', `/_bench/page/?q=${encodeURIComponent(q)}`, { kind: 'page', q2, q3 }],
  ]) {
    // One warm-up run, so that the browser's own start-up is not measured.
    if (i === 0) runs.push({ path, spec });
    runs.push({ name, q, path, spec });
  }
}
runs.push({ name: 'floor', path: '/_bench/floor.html', spec: { kind: 'floor', base: `/search/${version}/d/` } });

const answerCell = (ms) => (ms === undefined ? '-' : ms.toFixed(1)).padStart(7);
const rows = { atlas: [], pagefind: [], 'atlas page': [] };
let floor = null;
console.log(`\n${'query'.padEnd(16)} ${'engine'.padEnd(10)} ${'hits'.padStart(6)} ${'first KB'.padStart(9)} ${'reqs'.padStart(5)} ${'first ms'.padStart(9)} ${'answer'.padStart(7)} ${'next ms'.padStart(8)} ${'reqs'.padStart(5)} ${'same ms'.padStart(8)}`);
function record(run, r) {
  if (run.name === 'floor') floor = r;
  if (!run.name || !rows[run.name]) return;
  rows[run.name].push(r);
  const q = run.q;
  console.log(`${q.padEnd(16 - [...q].filter((c) => c.charCodeAt(0) > 0x2e80).length)} ${run.name.padEnd(10)} ${r.total.padStart(6)} ${(r.bytes / 1024).toFixed(1).padStart(9)} ${String(r.requests).padStart(5)} ${r.ms.toFixed(0).padStart(9)} ${answerCell(r.nextAnswered)} ${r.next.toFixed(1).padStart(8)} ${String(r.nextRequests).padStart(5)} ${r.same.toFixed(1).padStart(8)}`);
}

// Both engines get what a CDN would do: text types gzipped on the fly.
const files = fileHandler(site, { csp: false, gzip: true });
const servers = [];
/* What a search downloads, counted by the server (Pagefind fetches from a
 * worker, out of the page's sight): every response but the pages' own HTML,
 * CSS and icons and this harness. */
const counted = (path) => !/(\.(html|css|svg|ico)|\/)$/.test(path) && !path.startsWith('/_bench/');
async function origin() {
  const downloads = { bytes: 0, requests: 0 };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'POST' && path === '/_bench/report') return reported(req, res);
    if (path === '/_bench/count') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(downloads));
    if (counted(path)) {
      const end = res.end.bind(res);
      res.end = (body, ...rest) => {
        downloads.bytes += body ? body.length : 0;
        downloads.requests++;
        return end(body, ...rest);
      };
    }
    files(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}
const urlOf = async (run) => `${await origin()}${run.path}#${encodeURIComponent(JSON.stringify(run.spec))}`;
let current = 0;
let finished;
let watchdog;
const allDone = new Promise((resolve, reject) => {
  finished = { resolve, reject };
});
const armWatchdog = () => {
  clearTimeout(watchdog);
  watchdog = setTimeout(() => finished.reject(new Error(`run ${JSON.stringify(runs[current])} did not report within 60 s`)), 60_000);
};
async function reported(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const r = JSON.parse(body);
  if (r.error) {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    finished.reject(new Error(`run ${JSON.stringify(runs[current])} failed in the page:\n${r.error}`));
    return;
  }
  record(runs[current], r);
  current++;
  const next = current < runs.length ? await urlOf(runs[current]) : null;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ next }));
  if (next) armWatchdog();
  else finished.resolve();
}
const profile = mkdtempSync(join(tmpdir(), 'atlas-search-bench-profile-'));
const browser = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, await urlOf(runs[0])], { stdio: 'ignore', detached: true });
const gone = new Promise((resolve) => {
  browser.once('exit', (code, signal) => resolve(`exited (${signal || code})`));
  browser.once('error', (e) => resolve(`could not start: ${e.message}`));
});
gone.then((why) => finished.reject(new Error(`${CHROMIUM} ${why} before the runs were done`)));
armWatchdog();
try {
  await allDone;
} finally {
  clearTimeout(watchdog);
  // The whole process group: the browser's helper processes too.
  try {
    process.kill(-browser.pid);
  } catch {
    // Already gone.
  }
  await gone;
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const recordCount = readdirSync(join(root, 'content'), { withFileTypes: true, recursive: true }).filter((e) => e.name.endsWith('.md')).length;
console.log(`\nmedians over ${queries.length} queries, ${recordCount} records (first query: fresh origin, empty cache; engines from asking, the search page from navigation start):`);
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
