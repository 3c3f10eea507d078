// The shared search vectors (tests/vectors/search.json) through the
// published client over the index the build writes for their corpus:
// parts of a word, words left out, categories, ranking and did-you-mean.
// tests/search_vectors.rs checks the index side of the same vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, builtClient, indexUrl, searchFixtureRoot } from '../support/site.mjs';

const { vectors } = JSON.parse(readFileSync(join(REPO, 'tests/vectors/search.json'), 'utf8'));
const site = buildSite(searchFixtureRoot());
const search = builtClient(site);
const engine = search.createEngine(indexUrl(site), async (url) => {
  const b = readFileSync(join(site, url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
});

test('there are vectors of every kind', () => {
  for (const key of ['parts', 'dropped', 'categories', 'results', 'first', 'suggest']) {
    assert.ok(vectors.some((v) => key in v), key);
  }
});

for (const v of vectors) {
  test(`${v.query}: ${v.note}`, async () => {
    const found = await engine.search(v.query, {});
    const urls = (await Promise.all(found.ids.map(engine.result))).map((d) => d.u);
    if (v.results) assert.deepEqual(urls, v.results, 'results in order');
    if (v.first) assert.equal(urls[0], v.first, 'first result');
    if (v.parts) assert.deepEqual(found.parts.flatMap((p) => p.parts), v.parts, 'parts');
    if (v.dropped) assert.deepEqual(found.dropped, v.dropped, 'dropped words');
    if (v.categories) assert.deepEqual(found.categories.map((c) => c.url), v.categories, 'categories');
    if (v.suggest) {
      const offers = await engine.suggestions(v.query);
      assert.deepEqual(offers.slice(0, v.suggest.length), v.suggest, 'did-you-mean');
    }
  });
}
