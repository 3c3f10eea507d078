// The search client against the index the build writes for the shipped atlas.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, builtClient, indexUrl } from '../support/site.mjs';

// The client as published: minified by the build.
const site = buildSite();
const search = builtClient(site);

let engine;
let fetched;
before(() => {
  ({ engine, loaded: fetched } = recordingEngine());
});

const run = (q, filters = {}) => engine.search(q, filters);
const docs = (found, n = found.total) => Promise.all(found.ids.slice(0, n).map(engine.result));
const sameSet = (a, b) => assert.deepEqual([...a].sort((x, y) => x - y), [...b].sort((x, y) => x - y));

test('query words and the keys they look up (tests/vectors/query-keys.json)', () => {
  const { vectors } = JSON.parse(readFileSync(join(REPO, 'tests/vectors/query-keys.json'), 'utf8'));
  for (const v of vectors) {
    const words = search.queryWords(v.query);
    assert.deepEqual(words, v.words, v.note);
    assert.deepEqual(words.map(search.gramsOf), v.keys, v.note);
  }
});

test('query words are distinct', () => {
  assert.deepEqual(search.queryWords('  試作　補助 試作 '), ['試作', '補助']);
});

test('FNV-1a agrees with src/search/index.rs', () => {
  assert.equal(search.fnv1a(''), 0x811c9dc5);
  assert.equal(search.fnv1a('a'), 0xe40c292c);
});

test('lists decode from each encoding', () => {
  const bits = (bytes) => search.members(search.readList(new search.Reader(Uint8Array.from(bytes)), 4));
  assert.deepEqual(bits([0, 3, 5, 4, 91]), [5, 9, 100], 'deltas');
  assert.deepEqual(bits([1, 2, 3, 2, 4, 0]), [3, 4, 5, 10], 'runs');
  assert.deepEqual(bits([2, 1, 2, 0b101, 0b10000000]), [8, 10, 23], 'bitmap');
});

test('a word inside a compound matches without word boundaries', async () => {
  const found = await run('医工連携');
  const names = (await docs(found)).map((d) => d.n);
  assert.ok(names.includes('医工連携イノベーション推進事業'), names.slice(0, 20).join(' / '));
});

test('a one-character word looks up single characters', async () => {
  const [one, word] = [await run('経'), await run('経済産業省')];
  assert.ok(word.total > 0 && one.total >= word.total);
  assert.ok(word.ids.every((id) => one.ids.includes(id)));
});

test('widths, case and kana do not matter', async () => {
  for (const [a, b] of [
    ['すたーとあっぷ', 'スタートアップ'],
    ['ﾏｰｹﾃｨﾝｸﾞ', 'マーケティング'],
    ['ＡＭＥＤ', 'amed'],
    ['AMED', 'amed'],
  ]) {
    const [x, y] = [await run(a), await run(b)];
    assert.ok(x.total > 0, a);
    assert.deepEqual(x.ids, y.ids, `${a} = ${b}`);
  }
});

test('several words narrow the result (AND)', async () => {
  const [a, b, ab] = [await run('試作'), await run('支援'), await run('試作 支援')];
  const both = a.ids.filter((id) => b.ids.includes(id));
  assert.ok(ab.total > 0 && ab.total < a.total);
  sameSet(ab.ids, both);
});

test('an exact name ranks first, names before facets before body text', async () => {
  const amed = await run('AMED');
  assert.equal((await docs(amed, 1))[0].u, '/organizations/amed/', 'short name AMED is exact');
  const found = await run('イノベーション');
  const inName = (await docs(found)).map((d) => search.normalize(d.n).includes('イノベーション'));
  const firstOther = inName.indexOf(false);
  assert.ok(firstOther > 0, 'some names match');
  assert.ok(inName.slice(firstOther).every((x) => !x), 'every name match comes before the other matches');
});

test('synonyms from content/synonyms.yaml find each other', async () => {
  for (const [a, b] of [
    ['海外展開', '国際展開'],
    ['経産省', '経済産業省'],
    ['ベンチャー', 'スタートアップ'],
  ]) {
    const [x, y] = [await run(a), await run(b)];
    assert.ok(x.total > 0);
    sameSet(x.ids, y.ids);
  }
  const found = await run('海外展開');
  assert.ok(found.needles.includes('国際展開'), 'synonyms are highlighted too');
  const texts = (await docs(found)).map((d) => d.n + d.t);
  assert.ok(texts.some((t) => t.includes('国際展開') && !t.includes('海外展開')), 'found through the synonym only');
});

test('facets filter, combine with text and each other, and count', async () => {
  const text = await run('医工連携');
  const programs = await run('医工連携', { kind: ['program'] });
  assert.equal(programs.total, text.counts.kind.program);
  assert.ok(programs.total > 0 && programs.total < text.total);
  assert.ok((await docs(programs)).every((d) => d.u.startsWith('/programs/')));
  // Counts of a facet ignore its own selection (OR within a facet).
  assert.deepEqual(programs.counts.kind, text.counts.kind);
  const either = await run('医工連携', { kind: ['program', 'case'] });
  assert.equal(either.total, text.counts.kind.program + text.counts.kind.case);
  const stage = Object.keys(programs.counts.stage).find((s) => programs.counts.stage[s] > 0);
  const both = await run('医工連携', { kind: ['program'], stage: [stage] });
  assert.equal(both.total, programs.counts.stage[stage]);
  const place = await run('', { pref: ['saitama'] });
  assert.ok(place.total > 0, 'facets alone list records');
  assert.ok((await docs(place)).some((d) => d.n === 'さいたま市'));
  const none = await run('');
  assert.equal(none.total, (await engine.header()).docs, 'no words and no facets: every record');
  assert.equal(Object.values(none.counts.kind).reduce((a, b) => a + b), none.total, 'every record has one kind');
});

test('a query downloads only the shards of its grams, once', async () => {
  await run('医工連携');
  const before = fetched.length;
  await run('医工連携');
  assert.equal(fetched.length, before, 'a repeated query fetches nothing');
  // A word a page of records has whole needs only its own keys.
  await run('医療機器');
  const shards = fetched.slice(before).filter((u) => u.includes('/s/'));
  assert.ok(shards.length >= 1 && shards.length <= 3, shards.join(' '));
});

/* A fresh engine over the built site, and the URLs it loads. */
function recordingEngine() {
  const loaded = [];
  const engine = search.createEngine(indexUrl(site), async (url) => {
    loaded.push(url);
    const b = readFileSync(join(site, url));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
  });
  return { engine, loaded };
}

test('prefetching while typing loads the shards the search then uses', async () => {
  const { engine: typing, loaded } = recordingEngine();
  await typing.prefetch('手術支援 ロボット');
  const shards = loaded.filter((u) => u.includes('/s/'));
  assert.ok(shards.length >= 2, shards.join(' '));
  await typing.search('手術支援 ロボット', {});
  assert.deepEqual(loaded.filter((u) => u.includes('/s/')), shards, 'the search fetched no other shard');
});

test('prefetching a query the reader stays on also loads its first results', async () => {
  const { engine: typing, loaded } = recordingEngine();
  // Typed on: no results are fetched for the passing text.
  await typing.prefetch('手術', {}, 10, () => false);
  assert.equal(loaded.filter((u) => u.includes('/d/')).length, 0);
  await typing.prefetch('医工連携', {}, 3, () => true);
  const before = loaded.length;
  const found = await typing.search('医工連携', {});
  await Promise.all(found.ids.slice(0, 3).map((id) => typing.result(id)));
  assert.equal(loaded.length, before, 'the search and its first results needed no download');
  assert.equal(loaded.filter((u) => u.includes('/d/')).length, Math.min(3, found.total));
});

test('snippets mark the matched text and keep the rest as text', () => {
  const parts = search.snippet('前置き。'.repeat(20) + 'ここで医工連携を進める。', ['医工連携']);
  assert.deepEqual(parts.filter((p) => p[1]).map((p) => p[0]), ['医工連携']);
  assert.equal(parts[0][0], '…');
  const plain = search.snippet('短い文。', ['なし']);
  assert.deepEqual(plain, [['短い文。', false]]);
});

test('state round-trips through the URL', () => {
  const keys = ['kind', 'stage'];
  const state = search.readState('?q=試作+補助&stage=stage-5&stage=stage-4&other=x', keys);
  assert.deepEqual(state, { q: '試作 補助', filters: { stage: ['stage-5', 'stage-4'] } });
  assert.equal(search.stateToSearch(state, keys), '?q=%E8%A9%A6%E4%BD%9C+%E8%A3%9C%E5%8A%A9&stage=stage-5&stage=stage-4');
  assert.equal(search.stateToSearch({ q: '', filters: {} }, keys), '');
});

/* Just enough of a DOM to see what resultItem builds. */
function fakeDocument() {
  const node = (tag) => ({
    tag,
    children: [],
    attrs: {},
    append(...xs) {
      for (const x of xs) this.children.push(typeof x === 'string' ? { text: x } : x);
    },
    appendChild(x) {
      this.children.push(x);
      return x;
    },
    setAttribute(k, v) {
      this.attrs[k] = v;
    },
    set textContent(t) {
      this.children = [{ text: t }];
    },
  });
  return { createElement: node, createTextNode: (text) => ({ text }) };
}

test('results insert record text as text, never as markup', () => {
  const d = { n: '<img src=x onerror=alert(1)>医工連携', u: '/programs/x/', k: '支援施策', f: ['<b>経</b>'], t: '<script>alert(1)</script>医工連携の説明' };
  const li = search.resultItem(fakeDocument(), d, ['医工連携']);
  const tags = [];
  const walk = (n) => {
    if (n.tag) tags.push(n.tag);
    (n.children || []).forEach(walk);
  };
  walk(li);
  assert.deepEqual([...new Set(tags)].sort(), ['a', 'li', 'mark', 'p', 'span', 'ul']);
  const a = li.children[0];
  assert.equal(a.href, '/programs/x/');
  assert.equal(a.children[0].text, '<img src=x onerror=alert(1)>');
  assert.equal(a.children[1].tag, 'mark');
  const source = readFileSync(join(REPO, 'themes/default/static/search.js'), 'utf8');
  assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});
