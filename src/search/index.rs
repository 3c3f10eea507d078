//! The search index: character grams of normalized text, posting lists per
//! field, compact list encodings, and shards that a query fetches by gram.
//!
//! Japanese has no spaces between words, so the index does not tokenize by
//! words: every character (unigram), every pair (bigram) and every triple
//! (trigram) of adjacent characters of a normalized text is a key. A query
//! word looks up its one character, its bigram, or, from three characters
//! on, trigrams that overlap by one character and cover it (a six-character
//! word: characters 1–3, 3–5 and 4–6); it matches a record when all of them
//! occur in one field of the record. Covering with trigrams rather than
//! every bigram halves the keys of a long word, and so the shards a query
//! fetches (tests/vectors/query-keys.json holds the client's keys for
//! sample queries; both test suites run it). Grams never span a space.
//! Each field has its list (name, facet, summary, body, note), so that the
//! client weighs where a word occurs; for names and facet texts, lists also
//! record which grams begin and end a text, so that it ranks exact names first.
//!
//! Binary format (little-endian LEB128 varints, "v" below):
//! - list: tag byte, then 0 = ascending ids as deltas (v count, v first,
//!   v gaps…), 1 = runs (v count, then per run v gap from the previous run's
//!   end and v length − 1), 2 = bitmap (v first byte, v byte count, bytes;
//!   bit i of byte j is id 8·(first + j) + i).
//! - shard: v entry count, then per entry v key length, UTF-8 key, v body
//!   length, body = v mask saying which of the `LISTS` follow (bit i: list
//!   i), then those lists.

use crate::site::FastMap;
use rayon::prelude::*;

/// Lists kept per gram, in this order (bit i of an entry's mask is list i).
/// The header names them, and the client finds its lists by these names.
pub const LISTS: [&str; 10] = ["name", "name_start", "name_end", "facet", "facet_start", "facet_end", "summary", "body", "note", "edge"];
pub const NAME: u8 = 0;
pub const FACET: u8 = 3;
pub const SUMMARY: u8 = 6;
pub const BODY: u8 = 7;
pub const NOTE: u8 = 8;
/// Grams of summary, body or note that begin or end a run of one script
/// (kanji, kana, Latin letters and digits): a word whose first or last key
/// is not among them only occurs inside longer words there (補助 in
/// 呼吸補助装置), which the client ranks low.
pub const EDGE: u8 = 9;
/// Offsets from a field's list to its start and end lists.
const START: u8 = 1;
const END: u8 = 2;

/// The longest gram, in characters.
const LONGEST: usize = 3;

/// One to three characters, packed 21 bits each, the last in the lowest.
pub type Gram = u64;

pub fn gram(chars: &[char]) -> Gram {
    chars.iter().fold(0, |g, &c| (g << 21) | c as u64)
}

/// The gram as text: the key stored in shards and looked up by the client.
pub fn gram_text(g: Gram) -> String {
    (0..LONGEST as u32).rev().map(|i| (g >> (21 * i)) & 0x1F_FFFF).filter(|&c| c != 0).filter_map(|c| char::from_u32(c as u32)).collect()
}

/// Calls `f(gram, list)` for every gram of a normalized text of a field
/// whose contains-list is `field` (NAME, FACET, SUMMARY, BODY or NOTE).
pub fn text_grams(text: &str, field: u8, f: &mut impl FnMut(Gram, u8)) {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let marks = field == NAME || field == FACET;
    let edges = !marks;
    let mut chars: Vec<char> = Vec::new();
    for (w, word) in words.iter().enumerate() {
        let (first, last) = (w == 0, w + 1 == words.len());
        chars.clear();
        chars.extend(word.chars());
        for i in 0..chars.len() {
            let starts_run = i == 0 || script(chars[i - 1]) != script(chars[i]);
            for len in 1..=LONGEST.min(chars.len() - i) {
                let g = gram(&chars[i..i + len]);
                f(g, field);
                let ends_run = i + len == chars.len() || script(chars[i + len]) != script(chars[i + len - 1]);
                if edges && len > 1 && (starts_run || ends_run) {
                    f(g, EDGE);
                }
                if marks && first && i == 0 {
                    f(g, field + START);
                }
                if marks && last && i + len == chars.len() {
                    f(g, field + END);
                }
            }
        }
    }
}

/// Which script a normalized character is written in, for word edges:
/// kanji, kana (hiragana is katakana by now), Latin letters and digits, or
/// anything else (each such character is a run of its own).
fn script(c: char) -> u32 {
    match c {
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '々' | '〆' => 0,
        '\u{30a1}'..='\u{30fa}' | 'ー' | 'ヽ' | 'ヾ' => 1,
        'a'..='z' | '0'..='9' => 2,
        _ => 3 + c as u32,
    }
}

/// Posting lists: (gram, list) → ascending document numbers, added one
/// document at a time and kept as gaps in varints (about a quarter of the
/// memory of plain numbers: at 100,000 records there are ~10⁸ postings).
#[derive(Default)]
pub struct Postings {
    lists: FastMap<(Gram, u8), GapList>,
}

/// Ascending numbers as varint gaps from the previous one.
#[derive(Default)]
struct GapList {
    bytes: Vec<u8>,
    last: Option<u32>,
}

impl GapList {
    fn push(&mut self, n: u32) {
        match self.last {
            Some(last) if last == n => return,
            Some(last) => varint(&mut self.bytes, (n - last) as u64),
            None => varint(&mut self.bytes, n as u64),
        }
        self.last = Some(n);
    }

    fn ids(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut at, mut prev) = (0, 0u32);
        while at < self.bytes.len() {
            let (gap, used) = read_varint(&self.bytes[at..]);
            at += used;
            prev = if out.is_empty() { gap as u32 } else { prev + gap as u32 };
            out.push(prev);
        }
        out
    }
}

fn read_varint(bytes: &[u8]) -> (u64, usize) {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        value |= ((b & 0x7f) as u64) << (7 * i);
        if b & 0x80 == 0 {
            return (value, i + 1);
        }
    }
    (value, bytes.len())
}

impl Postings {
    /// Builds the postings of documents; document numbers are positions
    /// in `docs` (the index adds them a chunk at a time instead).
    #[cfg(test)]
    pub fn build(docs: &[DocumentGrams]) -> Postings {
        let mut p = Postings::default();
        for (n, grams) in docs.iter().enumerate() {
            p.add(n as u32, grams);
        }
        p
    }

    /// Adds document `n`, which must be above every number added before.
    pub fn add(&mut self, n: u32, grams: &DocumentGrams) {
        for (list, grams) in grams.0.iter().enumerate() {
            for &g in grams {
                self.lists.entry((g, list as u8)).or_default().push(n);
            }
        }
    }

    /// The document numbers of a (gram, list), ascending.
    pub fn ids(&self, gram: Gram, list: u8) -> Vec<u32> {
        self.lists.get(&(gram, list)).map(GapList::ids).unwrap_or_default()
    }

    /// Every gram with its encoded shard entry, sorted by gram.
    pub fn entries(&self) -> Vec<(Gram, Vec<u8>)> {
        let mut by_gram: FastMap<Gram, [Option<&GapList>; LISTS.len()]> = FastMap::default();
        for ((g, l), ids) in &self.lists {
            by_gram.entry(*g).or_default()[*l as usize] = Some(ids);
        }
        let mut grams: Vec<(Gram, [Option<&GapList>; LISTS.len()])> = by_gram.into_iter().collect();
        grams.sort_unstable_by_key(|(g, _)| *g);
        grams
            .into_par_iter()
            .map(|(g, lists)| {
                let lists: Vec<Option<Vec<u32>>> = lists.iter().map(|l| l.map(GapList::ids)).collect();
                (g, encode_entry(&gram_text(g), &lists))
            })
            .collect()
    }
}

/// The grams of one document, by list: each sorted, without repeats.
pub struct DocumentGrams([Vec<Gram>; LISTS.len()]);

/// The grams of one document's texts by field.
pub fn document_grams(fields: &[(u8, &[String])]) -> DocumentGrams {
    let mut lists: [Vec<Gram>; LISTS.len()] = Default::default();
    for (field, texts) in fields {
        // About one gram per byte of Japanese text (three per character).
        lists[*field as usize].reserve(texts.iter().map(String::len).sum());
        for t in texts.iter() {
            text_grams(t, *field, &mut |g, l| lists[l as usize].push(g));
        }
    }
    // Sorting numbers is the cheapest way to drop repeats: a body gives
    // thousands.
    for grams in &mut lists {
        grams.sort_unstable();
        grams.dedup();
    }
    DocumentGrams(lists)
}

fn encode_entry(key: &str, lists: &[Option<Vec<u32>>]) -> Vec<u8> {
    let mask = lists.iter().enumerate().filter(|(_, l)| l.is_some()).fold(0u64, |m, (i, _)| m | 1 << i);
    let mut body = Vec::new();
    varint(&mut body, mask);
    for ids in lists.iter().flatten() {
        body.extend(encode_list(ids));
    }
    let mut out = Vec::with_capacity(body.len() + key.len() + 4);
    varint(&mut out, key.len() as u64);
    out.extend_from_slice(key.as_bytes());
    varint(&mut out, body.len() as u64);
    out.extend(body);
    out
}

/// A shard: its entries, counted.
pub fn encode_shard(entries: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.iter().map(|e| e.len()).sum::<usize>() + 4);
    varint(&mut out, entries.len() as u64);
    for e in entries {
        out.extend_from_slice(e);
    }
    out
}

pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7F) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The smallest of the three encodings of an ascending id list (sized
/// first, so that only that one is made: most lists have one or two ids).
pub fn encode_list(ids: &[u32]) -> Vec<u8> {
    let (delta_len, runs_len, bitmap_len) = encoded_lengths(ids);
    if delta_len <= runs_len && delta_len <= bitmap_len {
        deltas(ids)
    } else if runs_len <= bitmap_len {
        runs(ids)
    } else {
        bitmap(ids)
    }
}

/// The byte lengths of `deltas`, `runs` and `bitmap` of the same ids,
/// from the same pieces they write.
fn encoded_lengths(ids: &[u32]) -> (usize, usize, usize) {
    let delta_len = 1 + varint_len(ids.len() as u32) + gaps(ids).map(varint_len).sum::<usize>();
    let (count, span_bytes) = spans(ids).fold((0, 0), |(n, bytes), (gap, len)| (n + 1, bytes + varint_len(gap) + varint_len(len - 1)));
    let runs_len = 1 + varint_len(count) + span_bytes;
    let (first_byte, bytes) = bitmap_bytes(ids);
    let bitmap_len = 1 + varint_len(first_byte) + varint_len(bytes) + bytes as usize;
    (delta_len, runs_len, bitmap_len)
}

fn varint_len(v: u32) -> usize {
    (32 - v.max(1).leading_zeros() as usize).div_ceil(7)
}

/// Each id's distance from the one before (the first's from 0).
fn gaps(ids: &[u32]) -> impl Iterator<Item = u32> + '_ {
    ids.iter().scan(0, |prev, &id| Some(id - std::mem::replace(prev, id)))
}

/// Runs of consecutive ids: (gap from the previous run's end, length).
fn spans(ids: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let (mut at, mut end) = (0, 0);
    std::iter::from_fn(move || {
        let start = *ids.get(at)?;
        let mut len = 1;
        while ids.get(at + len as usize) == Some(&(start + len)) {
            len += 1;
        }
        at += len as usize;
        let gap = start - std::mem::replace(&mut end, start + len);
        Some((gap, len))
    })
}

/// The first byte a bitmap of the ids covers, and how many it covers.
fn bitmap_bytes(ids: &[u32]) -> (u32, u32) {
    match (ids.first(), ids.last()) {
        (Some(&first), Some(&last)) => (first / 8, last / 8 - first / 8 + 1),
        _ => (0, 0),
    }
}

fn deltas(ids: &[u32]) -> Vec<u8> {
    let mut out = vec![0];
    varint(&mut out, ids.len() as u64);
    gaps(ids).for_each(|gap| varint(&mut out, gap as u64));
    out
}

fn runs(ids: &[u32]) -> Vec<u8> {
    let mut out = vec![1];
    varint(&mut out, spans(ids).count() as u64);
    for (gap, len) in spans(ids) {
        varint(&mut out, gap as u64);
        varint(&mut out, (len - 1) as u64);
    }
    out
}

fn bitmap(ids: &[u32]) -> Vec<u8> {
    let (first_byte, bytes) = bitmap_bytes(ids);
    let mut out = vec![2];
    varint(&mut out, first_byte as u64);
    varint(&mut out, bytes as u64);
    let at = out.len();
    out.resize(at + bytes as usize, 0);
    for &id in ids {
        out[at + (id / 8 - first_byte) as usize] |= 1 << (id % 8);
    }
    out
}

/// FNV-1a (32 bit) of the key's UTF-8 bytes: which shard holds a gram.
/// The browser client computes the same.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Decodes a list (the inverse of `encode_list`) for the tests.
    pub fn decode_list(bytes: &[u8]) -> Vec<u32> {
        let mut pos = 1;
        let mut next = || {
            let (v, used) = read_varint(&bytes[pos..]);
            pos += used;
            v as u32
        };
        let mut out = Vec::new();
        match bytes[0] {
            0 => {
                let n = next();
                let mut prev = 0;
                for i in 0..n {
                    prev = if i == 0 { next() } else { prev + next() };
                    out.push(prev);
                }
            }
            1 => {
                let n = next();
                let mut end = 0;
                for _ in 0..n {
                    let start = end + next();
                    let len = next() + 1;
                    out.extend(start..start + len);
                    end = start + len;
                }
            }
            _ => {
                let first = next();
                let len = next() as usize;
                for j in 0..len {
                    let b = bytes[pos + j];
                    out.extend((0..8).filter(|i| b & (1 << i) != 0).map(|i| (first + j as u32) * 8 + i));
                }
            }
        }
        out
    }

    fn grams_of(text: &str, field: u8) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        text_grams(text, field, &mut |g, l| out.push((gram_text(g), LISTS[l as usize])));
        out
    }

    #[test]
    fn grams_up_to_three_characters_and_marks() {
        let g = grams_of("医工連携", NAME);
        for (key, list) in [
            ("医", "name"),
            ("医", "name_start"),
            ("医工", "name_start"),
            ("医工連", "name_start"),
            ("工連", "name"),
            ("連携", "name_end"),
            ("工連携", "name_end"),
            ("携", "name_end"),
        ] {
            assert!(g.contains(&(key.to_string(), list)), "{key} {list}: {g:?}");
        }
        assert!(!g.contains(&("工連".to_string(), "name_start")));
        assert!(!g.contains(&("医工連".to_string(), "name_end")));
        assert!(g.iter().all(|(k, _)| k.chars().count() <= 3));
        let body = grams_of("abc de", BODY);
        let listed = |list| body.iter().filter(|(_, l)| *l == list).map(|(k, _)| k.as_str()).collect::<Vec<_>>();
        assert_eq!(listed("body"), ["a", "ab", "abc", "b", "bc", "c", "d", "de", "e"]);
    }

    #[test]
    fn edges_are_grams_that_begin_or_end_a_run_of_one_script() {
        let edges = |text: &str| -> Vec<String> {
            grams_of(&crate::text::normalize(text), BODY).into_iter().filter(|(_, l)| *l == "edge").map(|(k, _)| k).collect()
        };
        // 補助 inside 呼吸補助装置 neither begins nor ends the kanji run.
        let inside = edges("呼吸補助装置");
        assert!(inside.contains(&"呼吸".to_string()) && inside.contains(&"装置".to_string()), "{inside:?}");
        assert!(!inside.contains(&"補助".to_string()) && !inside.contains(&"吸補助".to_string()), "{inside:?}");
        // Before kana it ends the run: a word of its own.
        assert!(edges("費用を補助する").contains(&"補助".to_string()));
        assert!(edges("AMEDの支援").contains(&"amed".chars().take(3).collect::<String>()));
        assert!(grams_of("医工連携", NAME).iter().all(|(_, l)| *l != "edge"), "names have start and end marks instead");
    }

    #[test]
    fn grams_pack_and_unpack() {
        for text in ["医", "医工", "医工連", "a", "ab", "abc", "𠮷野家"] {
            let chars: Vec<char> = text.chars().take(3).collect();
            assert_eq!(gram_text(gram(&chars)), chars.iter().collect::<String>());
        }
        // Grams of different lengths never collide: each longer one is
        // above every shorter one.
        assert!(gram(&['\u{10FFFF}']) < gram(&['\u{1}', '\u{1}']));
        assert!(gram(&['\u{10FFFF}', '\u{10FFFF}']) < gram(&['\u{1}', '\u{1}', '\u{1}']));
    }

    #[test]
    fn query_keys_are_keys_of_the_word() {
        // The keys the client looks up for each word (tests/vectors/query-keys.json,
        // which the client's tests run too) are keys of a name that is the
        // word, the first marked as its start and the last as its end.
        let file: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/query-keys.json")).unwrap();
        for v in file["vectors"].as_array().unwrap() {
            let strings = |x: &serde_json::Value| x.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect::<Vec<_>>();
            let words = strings(&v["words"]);
            let normalized = crate::text::normalize(v["query"].as_str().unwrap());
            assert_eq!(normalized.split(' ').collect::<Vec<_>>(), words, "{v}");
            for (word, keys) in words.iter().zip(v["keys"].as_array().unwrap()) {
                let keys = strings(keys);
                let grams = grams_of(word, NAME);
                let has = |key: &String, list| grams.contains(&(key.clone(), list));
                assert!(keys.iter().all(|k| has(k, "name")), "{word}: {keys:?}");
                assert!(has(&keys[0], "name_start") && has(&keys[keys.len() - 1], "name_end"), "{word}: {keys:?}");
            }
        }
    }

    #[test]
    fn pieces_of_a_word_apart_do_not_match_it() {
        // A text with 広域連携 and 地域 holds every bigram of 地域連携 (the
        // shipped atlas has one), but not 地域連, the word's first trigram.
        let text = grams_of(&crate::text::normalize("広域連携医療も、地域で取り組む"), BODY);
        let has = |key: &str| text.iter().any(|(t, _)| t == key);
        assert!(["地域", "域連", "連携"].into_iter().all(has));
        assert!(!has("地域連"));
    }

    #[test]
    fn compound_words_match_inside() {
        // Every key of the query is a key of the text: 医工連携 is found
        // inside 医工連携イノベーション推進事業 without word boundaries.
        let text = grams_of(&crate::text::normalize("医工連携イノベーション推進事業"), NAME);
        let query = grams_of("医工連携", BODY);
        assert!(query.iter().all(|(k, _)| text.iter().any(|(t, l)| t == k && *l == "name")));
    }

    #[test]
    fn gap_lists_keep_ascending_numbers_once() {
        let mut list = GapList::default();
        for n in [0, 1, 1, 5, 300, 70_000, 70_000, 4_000_000_000] {
            list.push(n);
        }
        assert_eq!(list.ids(), vec![0, 1, 5, 300, 70_000, 4_000_000_000]);
        assert_eq!(GapList::default().ids(), Vec::<u32>::new());
    }

    #[test]
    fn lists_round_trip_in_the_smallest_encoding() {
        let cases: Vec<Vec<u32>> = vec![
            vec![],
            vec![0],
            vec![5, 9, 1000, 70000],
            (100..3000).collect(),
            (0..4000).filter(|i| i % 3 != 0).collect(),
            (0..50).chain(80..90).chain(4000..4100).collect(),
        ];
        for ids in cases {
            let enc = encode_list(&ids);
            assert_eq!(decode_list(&enc), ids);
            assert!(enc.len() <= deltas(&ids).len() && enc.len() <= runs(&ids).len() && enc.len() <= bitmap(&ids).len());
        }
        assert_eq!(encode_list(&(100..3000).collect::<Vec<_>>())[0], 1, "a range is one run");
        for ids in [vec![], vec![0], vec![127, 128, 129, 16_384], (0..300).map(|i| i * 3).collect(), vec![7, 8, 9, 200, 201, 90_000]] {
            assert_eq!(encoded_lengths(&ids), (deltas(&ids).len(), runs(&ids).len(), bitmap(&ids).len()), "{ids:?}");
        }
        assert_eq!(encode_list(&(0..4000).filter(|i| i % 3 != 0).collect::<Vec<_>>())[0], 2, "dense lists are bitmaps");
    }

    #[test]
    fn shards_by_fnv1a() {
        // Known FNV-1a values; the client's tests check the same.
        // u32::MAX is above the offset basis, so the hash of "" is itself.
        assert_eq!(shard_of("", u32::MAX), 0x811c_9dc5);
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
        assert!(shard_of("医工", 64) < 64);
    }

    #[test]
    fn postings_are_ascending_and_deduplicated() {
        let docs = [document_grams(&[(NAME, &["医工連携".to_string()][..])]), document_grams(&[(BODY, &["連携 連携".to_string()][..])])];
        let p = Postings::build(&docs);
        assert_eq!(p.ids(gram(&['連', '携']), NAME), vec![0]);
        assert_eq!(p.ids(gram(&['連', '携']), BODY), vec![1]);
        let entries = p.entries();
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
