// The browser client's normalization runs the same vectors as src/text.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, builtClient } from '../support/site.mjs';

// The client as published: minified by the build.
const search = builtClient();
const { vectors } = JSON.parse(readFileSync(join(REPO, 'tests/vectors/normalize.json'), 'utf8'));

test('there are vectors to run', () => {
  assert.ok(vectors.length >= 20);
});

for (const v of vectors) {
  test(`normalize: ${v.note}`, () => {
    assert.equal(search.normalize(v.input), v.expected, JSON.stringify(v.input));
    // The cluster-by-cluster form used for highlighting agrees with the spec.
    const mapped = search.normalizeWithMap(v.input);
    assert.equal(mapped.text, v.expected, 'normalizeWithMap ' + JSON.stringify(v.input));
    assert.equal(mapped.from.length, mapped.text.length);
    for (let i = 0; i < mapped.from.length; i++) {
      assert.ok(mapped.from[i] < mapped.to[i] && mapped.to[i] <= v.input.length, `range of unit ${i}`);
    }
  });
}

test('matches map back to the source text', () => {
  assert.deepEqual(search.matchRanges('ﾏｰｹﾃｨﾝｸﾞ支援', ['マーケティング']), [[0, 8]]);
  assert.deepEqual(search.matchRanges('ＡＭＥＤの事業', ['amed']), [[0, 4]]);
  assert.deepEqual(search.matchRanges('すたーとあっぷ', ['スタートアップ']), [[0, 7]]);
  assert.deepEqual(search.matchRanges('試作・治験', ['作治']), [[1, 4]]);
  assert.deepEqual(search.matchRanges('a 医工連携 医工', ['医工連携', '医工']), [[2, 6], [7, 9]]);
});
