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
    return { docs: header.docs, shards: header.shards, words, facets, synonyms: header.synonyms || [] };
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

  const LISTS = 7;
  const [NAME, NAME_START, NAME_END, FACET, FACET_START, FACET_END, BODY] = [0, 1, 2, 3, 4, 5, 6];

  /* The lists of one key (a bit set or null each), or null if absent. */
  function shardLists(shard, key, words) {
    if (shard.decoded.has(key)) return shard.decoded.get(key);
    const at = shard.entries.get(key);
    let lists = null;
    if (at !== undefined) {
      const r = new Reader(shard.bytes, at);
      const mask = shard.bytes[r.p++];
      lists = [];
      for (let i = 0; i < LISTS; i++) lists.push(mask & (1 << i) ? readList(r, words) : null);
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
  // Name before facets before body text; exact before partial.
  const SCORE = { nameExact: 100, namePrefix: 60, name: 40, facetExact: 20, facet: 12, body: 4 };

  /* What a word's gram lists say: per field, the documents holding every
   * gram, and those where the field's text starts and ends with the word. */
  function wordSets(lists, words) {
    const first = lists[0];
    const lastOne = lists[lists.length - 1];
    const field = (i) => and(lists.map((l) => l[i]), words);
    const name = field(NAME);
    const facet = field(FACET);
    const body = field(BODY);
    const nameStart = and([name, first[NAME_START]], words);
    const facetStart = and([facet, first[FACET_START]], words);
    return {
      any: or([name, facet, body], words),
      name,
      nameStart,
      nameExact: and([nameStart, lastOne[NAME_END]], words),
      facet,
      facetExact: and([facetStart, lastOne[FACET_END]], words),
      body,
    };
  }

  /* Ascending document numbers by descending score, ties in number order:
   * scores take few values, so documents are grouped by score instead of
   * sorted one by one. */
  function rank(ids, score) {
    const groups = new Map();
    for (const id of ids) {
      const sc = score(id);
      const g = groups.get(sc);
      if (g) g.push(id);
      else groups.set(sc, [id]);
    }
    const out = [];
    for (const sc of Array.from(groups.keys()).sort((a, b) => b - a)) for (const id of groups.get(sc)) out.push(id);
    return out;
  }

  function wordScore(s, id) {
    if (hasBit(s.nameExact, id)) return SCORE.nameExact;
    if (hasBit(s.nameStart, id)) return SCORE.namePrefix;
    if (hasBit(s.name, id)) return SCORE.name;
    if (hasBit(s.facetExact, id)) return SCORE.facetExact;
    if (hasBit(s.facet, id)) return SCORE.facet;
    return hasBit(s.body, id) ? SCORE.body : 0;
  }

  // ---- Engine --------------------------------------------------------------

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

    async function lists(key) {
      const [s, h] = await shardOf(key);
      return shardLists(s, key, h.words);
    }

    /* Runs a query: `filters` maps a facet key to the selected term ids
     * (OR within a facet, AND between facets and with the words). Returns
     * the ranked document numbers, facet counts and the words. */
    async function search(query, filters) {
      const words = queryWords(query);
      const pending = Promise.all(words.map((w) => Promise.all(gramsOf(w).map(lists))));
      const h = await header();
      const keyLists = await pending;
      const sets = keyLists.map((ls) => (ls.some((l) => !l) ? null : wordSets(ls, h.words)));
      const text = words.length ? and(sets.map((s) => s && s.any), h.words) : all(h.docs, h.words);
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
      const ids = rank(members(matched), (id) => sets.reduce((sum, s) => sum + (s ? wordScore(s, id) : 0), 0));
      return { ids, total: ids.length, counts, words, needles: needles(words, h.synonyms) };
    }

    /* Starts downloading what a query will need while it is still being
     * typed: the shards of its words, then, if `still()` says the reader
     * has not typed on meanwhile, what its first `results` results show.
     * The search that follows finds them loaded. */
    async function prefetch(query, filters, results, still) {
      const words = queryWords(query);
      await Promise.all(words.flatMap(gramsOf).map((g) => shardOf(g).catch(() => null)));
      if (!results || !words.length || (still && !still())) return;
      const found = await search(query, filters);
      await Promise.all(found.ids.slice(0, results).map((id) => result(id).catch(() => null)));
    }

    /* What result `n` shows: {n: name, u: URL, k: kind, f: facets, t: text}. */
    function result(n) {
      return cached(results, n, () => load(base + 'd/' + n + '.json').then((b) => JSON.parse(fromUtf8.decode(b))));
    }

    return { search, prefetch, result, header };
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

  const PAGE = 10;

  function init(doc, win) {
    const form = doc.getElementById('search');
    const facetForm = doc.getElementById('search-facets');
    const status = doc.getElementById('search-status');
    const list = doc.getElementById('results');
    const more = doc.getElementById('more');
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

    if (facetForm) facetForm.hidden = false;
    // On narrow screens the facets start folded so that results stay in view.
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
      try {
        const found = await engine.search(state.q, state.filters);
        if (mine !== run) return;
        showCounts(found.counts);
        list.textContent = '';
        shown = 0;
        current = active ? found : null;
        if (current) await showMore(false);
        if (mine !== run) return;
        status.textContent = statusText(state, found.total);
        doc.title = state.q ? '「' + state.q + '」の検索結果 | ' + baseTitle.split(' | ').pop() : baseTitle;
      } catch (e) {
        if (mine !== run) return;
        status.textContent = '検索データを読み込めませんでした。通信環境を確かめて、ページを再読み込みしてください。';
      }
      list.setAttribute('aria-busy', 'false');
      list.dispatchEvent(new win.CustomEvent('search:done', { detail: { ms: win.performance.now() - started } }));
    }

    function statusText(state, total) {
      if (!state.q && !Object.keys(state.filters).length) return 'キーワードを入力するか、分類で絞り込んでください。';
      const what = state.q ? '「' + state.q + '」' : '選んだ分類';
      if (!total) return what + 'に当てはまるものは見つかりませんでした。語を減らすか、絞り込みを解除してください。';
      return what + 'の検索結果: ' + total + '件';
    }

    function showCounts(counts) {
      for (const b of boxes) {
        const n = (counts[b.name] || {})[b.value] || 0;
        const label = b.labels && b.labels[0];
        const out = label && label.querySelector('[data-count]');
        if (out) out.textContent = n + '件';
        b.closest('li').hidden = n === 0 && !b.checked;
      }
      for (const d of facetForm ? facetForm.querySelectorAll('details.facet') : []) {
        d.hidden = !d.querySelector('li:not([hidden])');
      }
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
    if (panel && narrow && !Object.keys(initial.filters).length) panel.open = false;
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
        item.textContent = f;
        ul.appendChild(item);
      }
      li.appendChild(ul);
    }
    const p = doc.createElement('p');
    p.className = 'snippet';
    appendParts(doc, p, snippet(d.t || '', needleList));
    li.appendChild(p);
    return li;
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
