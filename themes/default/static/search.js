/* 医工連携支援アトラス: the search page's client. No dependencies.
 *
 * Reads the index the build writes under /search/<version>/ (see
 * src/search/mod.rs and src/search/index.rs for the format): index.bin
 * first (facets, shard count, synonyms), then only the shards holding the
 * query's character grams, then the result files it shows. Record text is
 * only ever inserted with textContent and createElement.
 *
 * Also loaded by the node tests (tests/js/), which use the exports at the end.
 */
(function () {
  'use strict';

  // ---- Normalization: the same specification as src/text.rs ----------------
  // (docs/search-normalization.md; tests/vectors/normalize.json runs on both)

  const WHITE_SPACE = /\p{White_Space}/u;
  const MARK = /[\p{M}\uFF9E\uFF9F]/u;

  const isMiddleDot = (c) => c === 0x30fb || c === 0x00b7 || c === 0x2027;
  const isDash = (c) => c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
  const isKatakana = (c) => (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x30fc && c <= 0x30fe);
  const toKatakana = (c) => ((c >= 0x3041 && c <= 0x3096) || c === 0x309d || c === 0x309e ? c + 0x60 : c);

  /* Characters that NFKC and lowercasing leave alone and that are neither
   * whitespace nor marks: most of a Japanese text takes this fast path. */
  const isPlain = (c) =>
    (c >= 0x21 && c <= 0x7e && !(c >= 0x41 && c <= 0x5a) && c !== 0x2d) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    c === 0x30fc ||
    c === 0x3001 ||
    c === 0x3002;

  /* Steps 2–6, fed NFKC text a piece at a time with the source range each
   * piece came from; keeps, for every UTF-16 unit of the output, that range
   * (for highlighting). */
  class Folder {
    constructor(mapped) {
      this.out = [];
      this.from = mapped ? [] : null;
      this.to = mapped ? [] : null;
      this.pending = false;
      this.pendingFrom = 0;
      this.pendingTo = 0;
      this.last = 0;
    }
    emit(c, start, end) {
      if (this.pending) {
        this.out.push(' ');
        if (this.from) this.from.push(this.pendingFrom), this.to.push(this.pendingTo);
        this.pending = false;
      }
      const s = c < 0x10000 ? String.fromCharCode(c) : String.fromCodePoint(c);
      this.out.push(s);
      if (this.from) for (let i = 0; i < s.length; i++) this.from.push(start), this.to.push(end);
      this.last = c;
    }
    push(piece, start, end) {
      for (const ch of piece) {
        const plain = ch.codePointAt(0);
        if (isPlain(plain)) {
          this.emit(toKatakana(plain), start, end);
          continue;
        }
        // Lowercase code point by code point, as Rust's char::to_lowercase.
        for (const lc of ch.toLowerCase()) {
          if (WHITE_SPACE.test(lc)) {
            this.pending = this.out.length > 0;
            this.pendingFrom = start;
            this.pendingTo = end;
            continue;
          }
          let c = lc.codePointAt(0);
          if (isMiddleDot(c)) continue;
          c = toKatakana(c);
          if (isDash(c) && !this.pending && isKatakana(this.last)) c = 0x30fc;
          this.emit(c, start, end);
        }
      }
    }
    result() {
      return { text: this.out.join(''), from: this.from, to: this.to };
    }
  }

  function normalize(text) {
    const f = new Folder(false);
    f.push(String(text).normalize('NFKC'), 0, 0);
    return f.result().text;
  }

  /* Normalizes cluster by cluster (a character with its combining marks), so
   * that every normalized unit knows its source range. */
  function normalizeWithMap(text) {
    const f = new Folder(true);
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isPlain(c)) {
        // Not followed by a combining mark: NFKC leaves it as it is.
        const n = text.charCodeAt(i + 1);
        if (!(n >= 0x3099 && n <= 0x309a) && !(n >= 0x300 && n <= 0x36f)) {
          f.emit(toKatakana(c), i, i + 1);
          i++;
          continue;
        }
      }
      let j = i + (text.codePointAt(i) > 0xffff ? 2 : 1);
      while (j < text.length && !isPlain(text.charCodeAt(j)) && MARK.test(String.fromCodePoint(text.codePointAt(j)))) {
        j += text.codePointAt(j) > 0xffff ? 2 : 1;
      }
      f.push(text.slice(i, j).normalize('NFKC'), i, j);
      i = j;
    }
    return f.result();
  }

  // ---- Query words and grams (src/search/index.rs) -------------------------

  /* Distinct normalized words of a query; AND between them. */
  function queryWords(query) {
    const words = normalize(query || '').split(' ').filter(Boolean);
    return words.filter((w, i) => words.indexOf(w) === i);
  }

  /* The keys a word needs: the word itself up to two characters, else
   * trigrams overlapping by one character that cover it, the last one
   * ending with the word (tests/vectors/query-keys.json, which the Rust
   * tests check against the keys the index has). */
  function gramsOf(word) {
    const chars = Array.from(word);
    if (chars.length <= 2) return [chars.join('')];
    const out = [];
    const last = chars.length - 3;
    for (let i = 0; i < last; i += 2) out.push(chars.slice(i, i + 3).join(''));
    out.push(chars.slice(last).join(''));
    return out;
  }

  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();

  /* FNV-1a (32 bit) of the key's UTF-8 bytes, as src/search/index.rs. */
  function fnv1a(key) {
    let h = 0x811c9dc5;
    for (const b of utf8.encode(key)) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // ---- Binary index --------------------------------------------------------

  class Reader {
    constructor(bytes, pos) {
      this.b = bytes;
      this.p = pos || 0;
    }
    v() {
      let x = 0;
      let scale = 1;
      let byte;
      do {
        byte = this.b[this.p++];
        if (byte === undefined) throw new Error('truncated search index');
        x += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte >= 0x80);
      return x;
    }
  }

  /* Bit sets over document numbers. */
  const newSet = (words) => new Uint32Array(words);
  function setBit(bits, id) {
    if (id >>> 5 < bits.length) bits[id >>> 5] |= 1 << (id & 31);
  }
  const hasBit = (bits, id) => (bits[id >>> 5] & (1 << (id & 31))) !== 0;

  /* Reads one list (tag, then deltas, runs or bitmap) into a new bit set. */
  function readList(r, words) {
    const bits = newSet(words);
    const tag = r.b[r.p++];
    if (tag === 0) {
      const n = r.v();
      let id = 0;
      for (let i = 0; i < n; i++) {
        id = i === 0 ? r.v() : id + r.v();
        setBit(bits, id);
      }
    } else if (tag === 1) {
      const n = r.v();
      let end = 0;
      for (let i = 0; i < n; i++) {
        const start = end + r.v();
        end = start + r.v() + 1;
        for (let id = start; id < end; id++) setBit(bits, id);
      }
    } else if (tag === 2) {
      const first = r.v();
      const len = r.v();
      for (let j = 0; j < len; j++) {
        const byte = r.b[r.p + j];
        const bit = (first + j) * 8;
        if (byte && bit >>> 5 < bits.length) bits[bit >>> 5] |= byte << (bit & 31);
      }
      r.p += len;
    } else {
      throw new Error('unknown list encoding ' + tag);
    }
    return bits;
  }

  /* index.bin: JSON header, then one list per facet term. */
  function parseIndex(buffer) {
    const bytes = new Uint8Array(buffer);
    const r = new Reader(bytes);
    const len = r.v();
    const header = JSON.parse(fromUtf8.decode(bytes.subarray(r.p, r.p + len)));
    r.p += len;
    const words = Math.ceil(header.docs / 32);
    const facets = header.facets.map((f) => ({
      key: f.key,
      terms: f.terms.map((id) => ({ id, bits: readList(r, words) })),
    }));
    // One byte per document after the facet lists: its name's length.
    const nameLength = bytes.subarray(r.p, r.p + header.docs);
    const categories = (header.categories || []).map((c) => ({ name: c.n, group: c.g, url: c.u, count: c.c, keys: c.k, readings: c.r || [], phrases: Boolean(c.p) }));
    return { docs: header.docs, shards: header.shards, words, lists: header.lists || LIST_NAMES, facets, synonyms: header.synonyms || [], categories, nameLength };
  }

  /* A shard: key → offset of its entry body; bodies are decoded on use. */
  function parseShard(buffer) {
    const bytes = new Uint8Array(buffer);
    const r = new Reader(bytes);
    const n = r.v();
    const entries = new Map();
    for (let i = 0; i < n; i++) {
      const klen = r.v();
      const key = fromUtf8.decode(bytes.subarray(r.p, r.p + klen));
      r.p += klen;
      const blen = r.v();
      entries.set(key, r.p);
      r.p += blen;
    }
    return { bytes, entries, decoded: new Map() };
  }

  /* The lists of every key, in this order (src/search/index.rs LISTS; the
   * header names them). */
  const LIST_NAMES = ['name', 'name_start', 'name_end', 'facet', 'facet_start', 'facet_end', 'summary', 'body', 'note'];

  /* The lists of one key by name (a bit set or null each), or null if absent. */
  function shardLists(shard, key, words, names) {
    if (shard.decoded.has(key)) return shard.decoded.get(key);
    const at = shard.entries.get(key);
    let lists = null;
    if (at !== undefined) {
      const r = new Reader(shard.bytes, at);
      const mask = r.v();
      lists = {};
      names.forEach((name, i) => (lists[name] = Math.floor(mask / 2 ** i) % 2 ? readList(r, words) : null));
    }
    shard.decoded.set(key, lists);
    return lists;
  }

  // ---- Set algebra ---------------------------------------------------------

  function and(sets, words) {
    const out = newSet(words);
    if (sets.some((s) => !s)) return out;
    out.set(sets[0]);
    for (let k = 1; k < sets.length; k++) for (let i = 0; i < words; i++) out[i] &= sets[k][i];
    return out;
  }
  function or(sets, words) {
    const out = newSet(words);
    for (const s of sets) if (s) for (let i = 0; i < words; i++) out[i] |= s[i];
    return out;
  }
  function all(docs, words) {
    const out = newSet(words).fill(0xffffffff);
    if (docs % 32) out[words - 1] = (1 << docs % 32) - 1;
    return out;
  }
  /* How many documents two sets share. */
  function popcountAnd(a, b) {
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      let x = a[i] & b[i];
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      n += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return n;
  }
  function members(bits) {
    const out = [];
    for (let i = 0; i < bits.length; i++) {
      let x = bits[i];
      while (x) {
        const low = x & -x;
        out.push(i * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
    return out;
  }

  // ---- Ranking -------------------------------------------------------------
  // Where a word occurs decides most: name (exact, then at its start, then
  // inside) far above the record's classification, summary above body,
  // body above the editor's note. A word found in further fields of the
  // summary and body adds a little, so that ties are rarer.
  // A word found in summary, body or note only inside longer words (補助 in
  // 呼吸補助装置) counts as little as a note.
  const SCORE = { nameExact: 100, namePrefix: 60, name: 40, facetExact: 24, facet: 14, summary: 8, body: 3, note: 1, inside: 1 };
  /* A word matched as separate parts counts this share of a whole match. */
  const PARTS = 0.9;

  /* What a word's gram lists say: per field, the documents holding every
   * gram, and those where the field's text starts and ends with the word. */
  function wordSets(lists, words, oneCharacter) {
    const first = lists[0];
    const lastOne = lists[lists.length - 1];
    const field = (f) => and(lists.map((l) => l[f]), words);
    const name = field('name');
    const facet = field('facet');
    const summary = field('summary');
    const body = field('body');
    const note = field('note');
    const nameStart = and([name, first.name_start], words);
    const facetStart = and([facet, first.facet_start], words);
    return {
      any: or([name, facet, summary, body, note], words),
      name,
      nameStart,
      nameExact: and([nameStart, lastOne.name_end], words),
      facet,
      facetExact: and([facetStart, lastOne.facet_end], words),
      summary,
      body,
      note,
      // Documents where the word begins or ends a run of its script (a
      // single character is a word of its own).
      edge: oneCharacter ? or([summary, body, note], words) : or([first.edge, lastOne.edge], words),
    };
  }

  function wordScore(s, id) {
    const extra = (hasBit(s.summary, id) ? 1 : 0) + (hasBit(s.body, id) ? 1 : 0);
    if (hasBit(s.nameExact, id)) return SCORE.nameExact + extra;
    if (hasBit(s.nameStart, id)) return SCORE.namePrefix + extra;
    if (hasBit(s.name, id)) return SCORE.name + extra;
    if (hasBit(s.facetExact, id)) return SCORE.facetExact + extra;
    if (hasBit(s.facet, id)) return SCORE.facet + extra;
    if (!hasBit(s.edge, id)) return hasBit(s.any, id) ? SCORE.inside : 0;
    if (hasBit(s.summary, id)) return SCORE.summary + (hasBit(s.body, id) ? 1 : 0);
    if (hasBit(s.body, id)) return SCORE.body;
    return hasBit(s.note, id) ? SCORE.note : 0;
  }

  /* Document numbers by descending score; ties go to the shorter name (the
   * record most nearly about the words), then to document order (kind, then
   * prefecture from north to south). */
  function rank(ids, scores, nameLength) {
    const keys = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      keys[i] = ((1000000 - Math.round(scores[i] * 100)) * 256 + (nameLength[id] || 0)) * 16777216 + id;
    }
    keys.sort();
    const out = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) out[i] = keys[i] % 16777216;
    return out;
  }

  /* The scores of documents `ids` for several words: the geometric mean of
   * each word's score (a record that matches every word well ranks above
   * one that matches one word very well). Computed in one pass per word,
   * without allocating per document: this is the hot path of a query. */
  function combinedScores(ids, wordScores) {
    const out = new Float64Array(ids.length);
    if (!wordScores.length) return out;
    for (const score of wordScores) {
      for (let i = 0; i < ids.length; i++) out[i] += Math.log(Math.max(score(ids[i]), 0.01));
    }
    for (let i = 0; i < ids.length; i++) out[i] = Math.exp(out[i] / wordScores.length);
    return out;
  }

  // ---- Query understanding -------------------------------------------------

  /* Ways to cut a word into parts of two or more characters, fewest parts
   * first: [[start, end], ...] per way. */
  function partitions(length, parts) {
    const out = [];
    const cut = (from, left, acc) => {
      if (left === 1) {
        if (length - from >= 2) out.push([...acc, [from, length]]);
        return;
      }
      for (let end = from + 2; end <= length - 2 * (left - 1); end++) cut(end, left - 1, [...acc, [from, end]]);
    };
    cut(0, parts, []);
    return out;
  }

  /* The word and its synonym variants (content/synonyms.yaml). */
  function variants(word, synonyms) {
    const out = [word];
    for (const group of synonyms) {
      const found = group.find((s) => word.includes(s));
      if (found) for (const other of group) if (other !== found) out.push(word.split(found).join(other));
    }
    return out;
  }

  /* Other words of the categories the word is a reading of (ふくおか: 福岡県,
   * 福岡), to look for as well. */
  function readingOf(word, categories) {
    const out = [];
    for (const c of categories) {
      if (!(c.readings || []).includes(word)) continue;
      for (const k of c.keys) if (!c.readings.includes(k) && !out.includes(k) && !k.includes(' ')) out.push(k);
    }
    return out;
  }

  /* The longest word cut into parts (a longer one is left whole). */
  const MAX_PARTS_WORD = 16;

  /* Where a phrase of a category's title may begin: at its start or after
   * a character that is neither a letter nor a digit (a space, a bracket,
   * punctuation). */
  const phraseStart = (key, at) => at === 0 || !/[\p{L}\p{N}]/u.test(key[at - 1]);
  function beginsPhrase(key, w) {
    for (let at = key.indexOf(w); at >= 0; at = key.indexOf(w, at + 1)) if (phraseStart(key, at)) return true;
    return false;
  }

  /* How strongly a word names a category: the reader's whole word (or a
   * synonym of it) above a part of it cut from a longer run; being one of
   * the category's words above beginning one (熊本: 熊本県), and for a
   * category known by a long title (a source), beginning a phrase of it
   * (講演資料 in 「…部長 講演資料）」). `word` is {whole, pieces}, each a
   * list of variants. */
  function categoryStrength(c, word) {
    let best = 0;
    const long = (w) => Array.from(w).length >= 2;
    for (const k of c.keys) {
      for (const w of word.whole) {
        if (k === w) best = Math.max(best, 6);
        else if (long(w) && k.startsWith(w)) best = Math.max(best, 5);
        else if (c.phrases && Array.from(w).length >= 3 && beginsPhrase(k, w)) best = Math.max(best, 4);
      }
      for (const w of word.pieces) {
        if (k === w) best = Math.max(best, 2);
        else if (long(w) && k.startsWith(w)) best = Math.max(best, 1);
      }
    }
    return best;
  }

  /* Categories a query names, best first (categoryStrength, summed over
   * the words; then the category with more records). With several words,
   * only if every word names some category: otherwise the query is about
   * records, not a category. `words` holds each query word as {whole,
   * pieces}. */
  function matchCategories(words, categories, limit) {
    const strength = categoryStrength;
    const scored = categories.map((c) => ({ c, each: words.map((v) => strength(c, v)) }));
    if (!words.every((_, i) => scored.some((x) => x.each[i]))) return [];
    return scored
      .map((x) => ({ c: x.c, sum: x.each.reduce((a, b) => a + b, 0) }))
      .filter((x) => x.sum)
      .sort((a, b) => b.sum - a.sum || b.c.count - a.c.count)
      .slice(0, limit || 4)
      .map((x) => x.c);
  }

  /* Character pairs of a text, for similarity. */
  function pairs(text) {
    const chars = Array.from(text.replace(/ /g, ''));
    const out = new Set();
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
    if (chars.length === 1) out.add(chars[0]);
    return out;
  }
  function dice(a, b) {
    let shared = 0;
    for (const x of a) if (b.has(x)) shared++;
    return a.size + b.size ? (2 * shared) / (a.size + b.size) : 0;
  }

  /* Levenshtein distance of two short arrays of characters, or more than
   * `limit` once it must be. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        low = Math.min(low, row[j]);
      }
      if (low > limit) return limit + 1;
      prev = row;
    }
    return prev[b.length];
  }

  /* Did-you-mean: pieces of the vocabulary (names, short names, readings,
   * category words) one or two edits from a word of the query, the most
   * common first. */
  function suggest(query, vocabulary, limit) {
    const found = new Map();
    for (const word of queryWords(query)) {
      const w = Array.from(word);
      if (w.length < 2) continue;
      const edits = w.length >= 6 ? 2 : 1;
      for (const entry of vocabulary) {
        const e = Array.from(normalize(entry));
        for (let len = Math.max(1, w.length - edits); len <= w.length + edits; len++) {
          for (let i = 0; i + len <= e.length; i++) {
            const piece = e.slice(i, i + len);
            const d = distance(w, piece, edits);
            if (d === 0 || d > edits) continue;
            // Whole words of the entry only: not a piece that cuts a run of
            // Latin letters or digits.
            const cutsLatin = (x, y) => /[a-z0-9]/.test(x || '') && /[a-z0-9]/.test(y || '');
            if (cutsLatin(e[i - 1], e[i]) || cutsLatin(e[i + len - 1], e[i + len])) continue;
            const text = piece.join('');
            const seen = found.get(text);
            if (seen) seen.count++;
            else found.set(text, { text: queryWords(query).map((x) => (x === word ? text : x)).join(' '), d, off: Math.abs(len - w.length), count: 1 });
          }
        }
      }
    }
    return Array.from(found.values())
      .sort((a, b) => a.d - b.d || a.off - b.off || b.count - a.count)
      .map((x) => x.text)
      .filter((t, i, all) => all.indexOf(t) === i)
      .slice(0, limit || 3);
  }

  // ---- Engine --------------------------------------------------------------

  /* Results shown at a time. */
  const PAGE = 10;

  /* A search engine over the index at `indexUrl`; `load(url)` resolves to an
   * ArrayBuffer (fetch in the browser, files in the tests). Downloads are
   * cached, so a repeated or refined query fetches nothing new. */
  function createEngine(indexUrl, load, sizes) {
    const base = indexUrl.replace(/[^/]*$/, '');
    // With the sizes known from the page, shards load alongside index.bin.
    const known = sizes && sizes.docs >= 0 && sizes.shards > 0 ? { shards: sizes.shards, words: Math.ceil(sizes.docs / 32) } : null;
    let index = null;
    const shards = new Map();
    const results = new Map();
    let vocabulary = null;
    const cached = (map, key, make) => {
      if (!map.has(key)) {
        const p = make();
        map.set(key, p);
        p.catch(() => map.delete(key));
      }
      return map.get(key);
    };
    const header = () => index || (index = load(indexUrl).then(parseIndex, (e) => {
      index = null;
      throw e;
    }));
    const shard = (n) => cached(shards, n, () => load(base + 's/' + n + '.bin').then(parseShard));

    /* The shard holding `key`, and the sizes. */
    async function shardOf(key) {
      const h = known || (await header());
      return [await shard(fnv1a(key) % h.shards), h];
    }

    /* A key's lists; decoding needs the header (which names the lists),
     * though the shard may download before it. */
    async function lists(key) {
      const [s] = await shardOf(key);
      const h = await header();
      return shardLists(s, key, h.words, h.lists);
    }

    /* The sets of a word matched whole (null if some key is absent). */
    async function wholeWord(word, h) {
      const ls = await Promise.all(gramsOf(word).map(lists));
      return ls.some((l) => !l) ? null : wordSets(ls, h.words, Array.from(word).length === 1);
    }

    /* How one query word matches: whole, and, when fewer than a page of
     * records have it whole, also as parts of two or more characters that
     * records have, in any order, with the fewest parts some record has all
     * of (every way of cutting it into that many), ranked below the whole
     * matches. A reading of a category (ふくおか) also finds the category's
     * other words (福岡). Null when it matches no way. */
    async function interpret(word, h) {
      const ways = [];
      const whole = await wholeWord(word, h);
      if (whole && members(whole.any).length) ways.push({ any: whole.any, score: (id) => wordScore(whole, id), needles: [word] });
      for (const alias of readingOf(word, h.categories)) {
        const found = await wholeWord(alias, h);
        if (found && members(found.any).length) ways.push({ any: found.any, score: (id) => wordScore(found, id), needles: [alias] });
      }
      const known = ways.length ? members(or(ways.map((w) => w.any), h.words)).length : 0;
      const split = known < PAGE ? await inParts(word, h) : null;
      if (split) ways.push(split);
      if (!ways.length) return null;
      const any = or(ways.map((w) => w.any), h.words);
      const score = (id) => {
        let best = 0;
        for (const w of ways) if (hasBit(w.any, id)) best = Math.max(best, w.score(id));
        return best;
      };
      // A word that is (in) a record's name is about that record; else its
      // parts may name categories.
      const aName = whole && members(whole.name).length > 0;
      return { word, any, score, needles: ways.flatMap((w) => w.needles), parts: split && !known ? split.parts : null, pieces: split && !aName ? split.needles : [] };
    }

    /* The word as parts (see interpret), or null. */
    async function inParts(word, h) {
      const chars = Array.from(word);
      if (chars.length < 4 || chars.length > MAX_PARTS_WORD) return null;
      // Every part's keys are bigrams and trigrams of the word: fetched once.
      const pieces = new Map();
      const sets = (a, b) => {
        const key = a + ':' + b;
        if (!pieces.has(key)) pieces.set(key, wholeWord(chars.slice(a, b).join(''), h));
        return pieces.get(key);
      };
      for (let count = 2; count <= Math.floor(chars.length / 2); count++) {
        const ways = [];
        for (const cuts of partitions(chars.length, count)) {
          const found = await Promise.all(cuts.map(([a, b]) => sets(a, b)));
          if (found.some((f) => !f)) continue;
          const any = and(found.map((f) => f.any), h.words);
          if (members(any).length) ways.push({ found, any, texts: cuts.map(([a, b]) => chars.slice(a, b).join('')), lengths: cuts.map(([a, b]) => b - a) });
        }
        if (!ways.length) continue;
        // Parts count as their geometric mean, a little below a whole match;
        // a longer part (more of what the reader typed) counts more.
        const score = (id) => {
          let best = 0;
          for (const w of ways) {
            if (!hasBit(w.any, id)) continue;
            let sum = 0;
            let total = 0;
            for (let k = 0; k < w.found.length; k++) {
              sum += w.lengths[k] * Math.log(Math.max(wordScore(w.found[k], id), 0.01));
              total += w.lengths[k];
            }
            best = Math.max(best, PARTS * Math.exp(sum / total));
          }
          return best;
        };
        const parts = ways.map((w) => w.texts);
        return { any: or(ways.map((w) => w.any), h.words), score, needles: parts.flat(), parts };
      }
      return null;
    }

    /* Runs a query: `filters` maps a facet key to the selected term ids
     * (OR within a facet, AND between facets and with the words). Records
     * must have every word (AND, in any order); when none has all, those
     * with the most of them are the results and `dropped` names the words
     * left out. Returns the ranked document numbers, facet counts, the
     * words, how they were read, and the categories they name. */
    async function search(query, filters) {
      const words = queryWords(query);
      const pending = Promise.all(words.map((w) => Promise.all(gramsOf(w).map(lists))));
      const h = await header();
      await pending;
      const read = await Promise.all(words.map((w) => interpret(w, h)));
      let used = read;
      let text = words.length ? and(read.map((r) => r && r.any), h.words) : all(h.docs, h.words);
      let dropped = [];
      if (words.length > 1 && !members(text).length) {
        const best = mostWords(read, words, h.words);
        if (best) ({ used, text, dropped } = best);
      }
      const selected = h.facets.map((f) => {
        const chosen = (filters && filters[f.key]) || [];
        const terms = f.terms.filter((t) => chosen.includes(t.id));
        return terms.length ? or(terms.map((t) => t.bits), h.words) : null;
      });
      const within = (skip) => and([text, ...selected.filter((s, i) => s && i !== skip)], h.words);
      const matched = within(-1);
      const counts = {};
      h.facets.forEach((f, d) => {
        // A facet's counts leave its own selection out; without any, all
        // facets count within the text matches.
        const base = selected.some((s, i) => s && i !== d) ? within(d) : text;
        counts[f.key] = {};
        for (const t of f.terms) counts[f.key][t.id] = popcountAnd(base, t.bits);
      });
      const scoring = used.filter(Boolean);
      const hits = members(matched);
      const ids = rank(hits, combinedScores(hits, scoring.map((r) => r.score)), h.nameLength);
      // A word names a category itself or through one of its parts
      // (海外展開支援: 海外展開).
      const named = words.map((w, i) => ({
        whole: variants(w, h.synonyms),
        pieces: ((read[i] && read[i].pieces) || []).flatMap((x) => variants(x, h.synonyms)),
      }));
      const categories = matchCategories(named, h.categories);
      const extra = categories.map((c) => normalize(c.name));
      const parts = read.filter((r) => r && r.parts && !dropped.includes(r.word)).map((r) => ({ word: r.word, parts: r.parts }));
      return {
        ids,
        total: ids.length,
        counts,
        words,
        dropped,
        parts,
        categories,
        needles: needles(
          [...words.filter((w) => !dropped.includes(w)), ...scoring.flatMap((r) => r.needles), ...extra],
          h.synonyms,
        ),
      };
    }

    /* Did-you-mean for a query: names, readings and category words close to
     * its words (the vocabulary file loads on first use). */
    async function suggestions(query) {
      const h = await header();
      vocabulary = vocabulary || load(base + 'v.json').then((b) => JSON.parse(fromUtf8.decode(b)));
      const words = [...(await vocabulary), ...h.categories.flatMap((c) => [c.name, ...c.keys])];
      return suggest(query, words, 3);
    }

    /* The categories nearest a query that names none: most shared pairs of
     * characters. */
    async function nearCategories(query) {
      const h = await header();
      const q = pairs(normalize(query));
      return h.categories
        .map((c) => ({ c, d: Math.max(...c.keys.map((k) => dice(q, pairs(k)))) }))
        .filter((x) => x.d >= 0.3)
        .sort((a, b) => b.d - a.d || b.c.count - a.c.count)
        .slice(0, 3)
        .map((x) => x.c);
    }

    /* Starts downloading what a query will need while it is still being
     * typed: the shards of its words, then, if `still()` says the reader
     * has not typed on meanwhile, those of the parts of its rarer words
     * and what its first `results` results show. The search that follows
     * finds them loaded. */
    async function prefetch(query, filters, results, still) {
      const words = queryWords(query);
      await Promise.all(words.flatMap(gramsOf).map((g) => shardOf(g).catch(() => null)));
      if (!words.length || (still && !still())) return;
      const found = await search(query, filters);
      await Promise.all(found.ids.slice(0, results || 0).map((id) => result(id).catch(() => null)));
    }

    /* What result `n` shows: {n: name, u: URL, k: kind, f: facets, t: text}. */
    function result(n) {
      return cached(results, n, () => load(base + 'd/' + n + '.json').then((b) => JSON.parse(fromUtf8.decode(b))));
    }

    return { search, prefetch, result, header, suggestions, nearCategories };
  }

  /* When no record has every word: the records with the most of them. Of
   * the sets of words as large as possible that records share, the one
   * with the most records wins; the other words are dropped. */
  function mostWords(read, typed, words) {
    const n = read.length;
    if (n > 8) return null;
    for (let size = n - 1; size >= 1; size--) {
      let best = null;
      for (let mask = 0; mask < 1 << n; mask++) {
        if (popcount(mask) !== size) continue;
        const used = read.map((r, i) => (mask & (1 << i) ? r : null));
        if (used.some((r, i) => mask & (1 << i) && !r)) continue;
        const text = and(used.filter(Boolean).map((r) => r.any), words);
        const count = members(text).length;
        if (count && (!best || count > best.count)) best = { used, text, count, dropped: typed.filter((w, i) => !(mask & (1 << i))) };
      }
      if (best) return best;
    }
    return null;
  }
  function popcount(x) {
    let n = 0;
    for (; x; x &= x - 1) n++;
    return n;
  }

  /* Strings to highlight: the words and their synonym variants (the index
   * matched those at build time). */
  function needles(words, synonyms) {
    const out = new Set(words);
    for (const w of words) {
      for (const group of synonyms) {
        const found = group.find((s) => w.includes(s));
        if (found) for (const other of group) out.add(w.split(found).join(other));
      }
    }
    return Array.from(out).sort((a, b) => b.length - a.length);
  }

  // ---- Snippets ------------------------------------------------------------

  /* Recently mapped texts: showing the same results again maps nothing. */
  const mappedCache = new Map();
  function mapped(text) {
    let m = mappedCache.get(text);
    if (!m) {
      m = normalizeWithMap(text);
      if (mappedCache.size >= 100) mappedCache.delete(mappedCache.keys().next().value);
      mappedCache.set(text, m);
    }
    return m;
  }

  /* Source ranges of `text` where any needle occurs (normalized), merged. */
  function matchRanges(text, needleList) {
    const m = mapped(text);
    const ranges = [];
    for (const needle of needleList) {
      if (!needle) continue;
      for (let i = m.text.indexOf(needle); i >= 0; i = m.text.indexOf(needle, i + needle.length)) {
        ranges.push([m.from[i], m.to[i + needle.length - 1]]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    }
    return merged;
  }

  const BEFORE = 30;
  const LENGTH = 120;

  /* A window of `text` around the first match, as parts [text, isMatch]. */
  function snippet(text, needleList) {
    const ranges = matchRanges(text, needleList);
    let start = ranges.length ? Math.max(0, ranges[0][0] - BEFORE) : 0;
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    let end = Math.min(text.length, start + LENGTH);
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
    const parts = [];
    let at = start;
    for (const [a, b] of ranges) {
      if (b <= start || a >= end) continue;
      const s = Math.max(a, start);
      const e = Math.min(b, end);
      if (s > at) parts.push([text.slice(at, s), false]);
      parts.push([text.slice(s, e), true]);
      at = e;
    }
    if (at < end) parts.push([text.slice(at, end), false]);
    if (start > 0) parts.unshift(['…', false]);
    if (end < text.length) parts.push(['…', false]);
    return parts.map(([t, m]) => [t.replace(/\s+/g, ' '), m]);
  }

  // ---- URL state -----------------------------------------------------------

  /* {q, filters} from a query string such as ?q=試作+補助&stage=stage-5. */
  function readState(search, keys) {
    const p = new URLSearchParams(search);
    const filters = {};
    for (const k of keys) {
      const v = p.getAll(k).filter(Boolean);
      if (v.length) filters[k] = v;
    }
    return { q: (p.get('q') || '').trim(), filters };
  }

  function stateToSearch(state, keys) {
    const p = new URLSearchParams();
    if (state.q) p.append('q', state.q);
    for (const k of keys) for (const v of state.filters[k] || []) p.append(k, v);
    const s = p.toString();
    return s ? '?' + s : '';
  }

  // ---- The page ------------------------------------------------------------

  function init(doc, win) {
    const form = doc.getElementById('search');
    const facetForm = doc.getElementById('search-facets');
    const status = doc.getElementById('search-status');
    const list = doc.getElementById('results');
    const more = doc.getElementById('more');
    const categoryBlock = doc.getElementById('search-categories');
    const notice = doc.getElementById('search-notice');
    const browse = doc.getElementById('search-browse');
    const layout = list && list.closest('.search-layout');
    const chosen = doc.getElementById('facets-chosen');
    if (!form || !form.dataset.index || !list) return;
    const input = form.elements.q;
    const boxes = facetForm ? Array.from(facetForm.querySelectorAll('input[type="checkbox"]')) : [];
    const keys = Array.from(new Set(boxes.map((b) => b.name)));
    const load = (url) =>
      win.fetch(url).then((r) => {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.arrayBuffer();
      });
    const engine = createEngine(form.dataset.index, load, { docs: Number(form.dataset.docs), shards: Number(form.dataset.shards) });
    const baseTitle = doc.title;
    let run = 0;
    let current = null;
    let shown = 0;
    let timer = 0;
    // Counts updates, so that a superseded one leaves the address alone.
    let addressed = 0;

    // The facets start folded (so on narrow screens, where they sit above
    // the results, they stay so); on wide screens they have a column of
    // their own and open.
    const panel = facetForm && facetForm.querySelector('.facet-panel');
    const narrow = win.matchMedia && win.matchMedia('(max-width: 47.99rem)').matches;

    const formState = () => {
      const filters = {};
      for (const b of boxes) if (b.checked) (filters[b.name] = filters[b.name] || []).push(b.value);
      return { q: input.value.trim(), filters };
    };
    const showState = (state) => {
      input.value = state.q;
      for (const b of boxes) b.checked = (state.filters[b.name] || []).includes(b.value);
    };

    async function execute(state) {
      const mine = ++run;
      const started = win.performance.now();
      const active = state.q || Object.keys(state.filters).length;
      list.setAttribute('aria-busy', 'true');
      // Results take the place of the browse lists, in a reserved height.
      if (browse) browse.hidden = Boolean(active);
      if (layout) layout.classList.toggle('searching', Boolean(active));
      try {
        const found = await engine.search(state.q, state.filters);
        // With nothing found, what to offer instead: spellings the index
        // knows and the nearest categories.
        const empty = active && !found.total && state.q;
        const [offers, near] = empty ? await Promise.all([engine.suggestions(state.q), found.categories.length ? [] : engine.nearCategories(state.q)]) : [[], []];
        if (mine !== run) return;
        showCounts(found.counts);
        list.textContent = '';
        shown = 0;
        current = active ? found : null;
        if (current) await showMore(false);
        if (mine !== run) return;
        showCategories(state.q ? (found.categories.length ? found.categories : near) : [], !found.categories.length);
        showNotice(state, found, offers);
        status.textContent = statusText(state, found.total);
        doc.title = state.q ? '「' + state.q + '」の検索結果 | ' + baseTitle.split(' | ').pop() : baseTitle;
      } catch (e) {
        if (mine !== run) return;
        if (win.console) win.console.error(e);
        status.textContent = '検索データを読み込めませんでした。通信環境を確かめて、ページを再読み込みしてください。';
      }
      list.setAttribute('aria-busy', 'false');
      list.dispatchEvent(new win.CustomEvent('search:done', { detail: { ms: win.performance.now() - started } }));
    }

    function statusText(state, total) {
      if (!state.q && !Object.keys(state.filters).length) return 'キーワードを入力するか、分類で絞り込んでください。';
      const what = state.q ? '「' + state.q + '」' : '選んだ分類';
      if (!total) {
        // Advice only where it applies: the filters are what can be undone.
        const filtered = Object.keys(state.filters).length;
        return what + 'に当てはまるものは見つかりませんでした。' + (filtered ? '絞り込みを解除すると見つかるかもしれません。' : '');
      }
      return what + 'の検索結果: ' + total + '件';
    }

    /* Links to the categories the words name (or, when they name none and
     * nothing is found, the nearest ones). */
    function showCategories(categories, nearest) {
      if (!categoryBlock) return;
      categoryBlock.textContent = '';
      categoryBlock.hidden = !categories.length;
      if (!categories.length) return;
      const title = doc.createElement('h3');
      title.className = 'search-categories-title';
      title.textContent = nearest ? '近い分類' : '分類・出典';
      const ul = doc.createElement('ul');
      for (const c of categories) {
        const li = doc.createElement('li');
        const a = doc.createElement('a');
        a.href = c.url;
        a.textContent = c.name;
        const about = doc.createElement('span');
        about.className = 'muted';
        about.textContent = c.group + '・' + c.count + '件';
        li.append(a, ' ', about);
        ul.appendChild(li);
      }
      categoryBlock.append(title, ul);
    }

    /* How the words were read: parts of a word, words left out, and
     * did-you-mean links. */
    function showNotice(state, found, offers) {
      if (!notice) return;
      notice.textContent = '';
      const lines = [];
      for (const p of found.parts) {
        lines.push(['「' + p.word + '」は続けて書かれた箇所がないため、' + p.parts.map((x) => x.map((w) => '「' + w + '」').join('と')).join('、または') + 'を含むものを表示しています。']);
      }
      if (found.dropped.length && found.total) {
        lines.push([found.dropped.map((w) => '「' + w + '」').join('') + 'を含むものは見つからなかったため、この語を除いた結果を表示しています。']);
      }
      if (offers.length) {
        const parts = ['もしかして: '];
        offers.forEach((o, i) => {
          const a = doc.createElement('a');
          a.href = win.location.pathname + stateToSearch({ q: o, filters: state.filters }, keys);
          a.textContent = o;
          parts.push(a);
          if (i < offers.length - 1) parts.push('、');
        });
        lines.push(parts);
      }
      for (const parts of lines) {
        const p = doc.createElement('p');
        p.append(...parts);
        notice.appendChild(p);
      }
      notice.hidden = !lines.length;
    }

    /* Counts per term; a term without results stays in its place, muted,
     * so that the facets never move under the reader. */
    function showCounts(counts) {
      for (const b of boxes) {
        const n = (counts[b.name] || {})[b.value] || 0;
        const label = b.labels && b.labels[0];
        const out = label && label.querySelector('[data-count]');
        if (out) out.textContent = n + '件';
        b.closest('li').classList.toggle('empty', n === 0 && !b.checked);
      }
      const picked = boxes.filter((b) => b.checked).length;
      if (chosen) chosen.textContent = picked ? '（' + picked + '件選択中）' : '';
    }

    async function showMore(focus) {
      if (!current) return;
      const ids = current.ids.slice(shown, shown + PAGE);
      const docs = await Promise.all(ids.map((id) => engine.result(id)));
      const items = docs.map((d) => resultItem(doc, d, current.needles));
      items.forEach((li) => list.appendChild(li));
      shown += ids.length;
      more.hidden = shown >= current.total;
      more.textContent = 'さらに表示（残り' + (current.total - shown) + '件）';
      if (focus && items[0]) items[0].querySelector('a').focus();
    }

    /* Searches the form's state, then puts it in the address bar. */
    function update(mode) {
      const state = formState();
      const mine = ++addressed;
      return execute(state).then(() => afterPaint(() => mine === addressed && remember(state, mode)));
    }

    /* A new history entry for the state; typing on replaces its own. */
    function remember(state, mode) {
      const search = stateToSearch(state, keys);
      if (search === win.location.search) return;
      const url = win.location.pathname + search;
      const typing = mode === 'typing';
      if (typing && win.history.state && win.history.state.typing) win.history.replaceState({ typing }, '', url);
      else win.history.pushState({ typing }, '', url);
    }

    /* Runs `f` once the results are on screen: updating the history blocks
     * the page for several milliseconds in Chromium, which would otherwise
     * come before they are painted. */
    function afterPaint(f) {
      if (doc.hidden || !win.requestAnimationFrame) win.setTimeout(f, 0);
      else win.requestAnimationFrame(() => win.setTimeout(f, 0));
    }

    // Typing searches once the reader pauses; the index parts the words
    // need start downloading at once.
    const typed = () => {
      const typedNow = input.value;
      engine.prefetch(typedNow, formState().filters, PAGE, () => input.value === typedNow).catch(() => null);
      win.clearTimeout(timer);
      timer = win.setTimeout(() => update('typing'), 200);
    };
    input.addEventListener('input', (e) => {
      if (!e.isComposing) typed();
    });
    input.addEventListener('compositionend', typed);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      win.clearTimeout(timer);
      update('submit');
    });
    if (facetForm) {
      facetForm.addEventListener('change', () => update('facet'));
      facetForm.addEventListener('submit', (e) => e.preventDefault());
    }
    const clear = doc.getElementById('clear-facets');
    if (clear) {
      clear.addEventListener('click', () => {
        boxes.forEach((b) => (b.checked = false));
        update('facet');
      });
    }
    more.addEventListener('click', () => showMore(true));
    win.addEventListener('popstate', () => {
      addressed++;
      const state = readState(win.location.search, keys);
      showState(state);
      execute(state);
    });

    const initial = readState(win.location.search, keys);
    if (panel && !narrow) panel.open = true;
    showState(initial);
    execute(initial);
  }

  /* One result: linked name, kind, facets and the snippet, with matches in <mark>. */
  function resultItem(doc, d, needleList) {
    const li = doc.createElement('li');
    li.className = 'result';
    const a = doc.createElement('a');
    a.className = 'result-title';
    a.href = d.u;
    appendParts(doc, a, snippetWhole(d.n, needleList));
    const kind = doc.createElement('span');
    kind.className = 'badge';
    kind.textContent = d.k;
    li.append(a, ' ', kind);
    if (d.f && d.f.length) {
      const ul = doc.createElement('ul');
      ul.className = 'facets';
      ul.setAttribute('aria-label', '分類');
      for (const f of d.f) {
        const item = doc.createElement('li');
        appendParts(doc, item, snippetWhole(f, needleList));
        ul.appendChild(item);
      }
      li.appendChild(ul);
    }
    const p = doc.createElement('p');
    p.className = 'snippet';
    const [label, text] = matchedField(d, needleList);
    if (label) {
      const span = doc.createElement('span');
      span.className = 'snippet-field';
      span.textContent = label;
      p.append(span, ' ');
    }
    appendParts(doc, p, snippet(text, needleList));
    li.appendChild(p);
    return li;
  }

  /* The field a result's snippet comes from: summary and body if a word is
   * there, else the first other field that has one, labelled (備考, 読み…). */
  function matchedField(d, needleList) {
    const main = d.t || '';
    if (matchRanges(main, needleList).length) return ['', main];
    for (const [label, text] of d.x || []) if (matchRanges(text, needleList).length) return [label, text];
    return ['', main];
  }

  /* The whole text as parts, matches marked. */
  function snippetWhole(text, needleList) {
    const parts = [];
    let at = 0;
    for (const [a, b] of matchRanges(text, needleList)) {
      if (a > at) parts.push([text.slice(at, a), false]);
      parts.push([text.slice(a, b), true]);
      at = b;
    }
    if (at < text.length) parts.push([text.slice(at), false]);
    return parts;
  }

  function appendParts(doc, parent, parts) {
    for (const [text, isMatch] of parts) {
      if (isMatch) {
        const mark = doc.createElement('mark');
        mark.textContent = text;
        parent.appendChild(mark);
      } else {
        parent.appendChild(doc.createTextNode(text));
      }
    }
  }

  const api = {
    normalize,
    normalizeWithMap,
    queryWords,
    gramsOf,
    fnv1a,
    parseIndex,
    parseShard,
    readList,
    Reader,
    members,
    createEngine,
    needles,
    matchRanges,
    snippet,
    snippetWhole,
    matchedField,
    partitions,
    matchCategories,
    suggest,
    readState,
    stateToSearch,
    resultItem,
    init,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    init(document, window);
  }
})();
