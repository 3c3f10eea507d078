//! The search index: character grams of normalized text, posting lists per
//! field, compact list encodings, and shards that a query fetches by gram.
//!
//! Japanese has no spaces between words, so the index does not tokenize by
//! words: every character (unigram) and every pair of adjacent characters
//! (bigram) of a normalized text is a key. A query word of two or more
//! characters matches a record when all of its bigrams occur in one field
//! of the record; a one-character word looks up its unigram. Grams never
//! span a space. For names and facet texts, lists also record which grams
//! begin and end a text, so that the client ranks exact names first.
//!
//! Binary format (little-endian LEB128 varints, "v" below):
//! - list: tag byte, then 0 = ascending ids as deltas (v count, v first,
//!   v gaps…), 1 = runs (v count, then per run v gap from the previous run's
//!   end and v length − 1), 2 = bitmap (v first byte, v byte count, bytes;
//!   bit i of byte j is id 8·(first + j) + i).
//! - shard: v entry count, then per entry v key length, UTF-8 key, v body
//!   length, body = one byte saying which of the `LISTS` follow, then those lists.

use crate::site::FastMap;
use rayon::prelude::*;

/// Lists kept per gram, in this order (bit i of an entry's mask is list i).
pub const LISTS: [&str; 7] = ["name", "name_start", "name_end", "facet", "facet_start", "facet_end", "body"];
pub const NAME: u8 = 0;
pub const FACET: u8 = 3;
pub const BODY: u8 = 6;
/// Offsets from a field's list to its start and end lists.
const START: u8 = 1;
const END: u8 = 2;

/// A unigram or bigram, packed: first char in the high bits, second (or 0).
pub type Gram = u64;

pub fn gram(a: char, b: Option<char>) -> Gram {
    ((a as u64) << 21) | b.map_or(0, |b| b as u64)
}

/// The gram as text: the key stored in shards and looked up by the client.
pub fn gram_text(g: Gram) -> String {
    [g >> 21, g & 0x1F_FFFF].iter().filter(|&&c| c != 0).filter_map(|&c| char::from_u32(c as u32)).collect()
}

/// Calls `f(gram, list)` for every gram of a normalized text of a field
/// whose contains-list is `field` (NAME, FACET or BODY).
pub fn text_grams(text: &str, field: u8, f: &mut impl FnMut(Gram, u8)) {
    let words: Vec<Vec<char>> = text.split(' ').filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    let marks = field != BODY;
    for (w, chars) in words.iter().enumerate() {
        let (first, last) = (w == 0, w + 1 == words.len());
        for (i, &c) in chars.iter().enumerate() {
            let uni = gram(c, None);
            f(uni, field);
            if marks && first && i == 0 {
                f(uni, field + START);
            }
            if marks && last && i + 1 == chars.len() {
                f(uni, field + END);
            }
            if let Some(&next) = chars.get(i + 1) {
                let bi = gram(c, Some(next));
                f(bi, field);
                if marks && first && i == 0 {
                    f(bi, field + START);
                }
                if marks && last && i + 2 == chars.len() {
                    f(bi, field + END);
                }
            }
        }
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
    /// Builds the postings of documents given as their (gram, list) sets;
    /// document numbers are positions in `docs`.
    pub fn build(docs: Vec<Vec<(Gram, u8)>>) -> Postings {
        let mut p = Postings::default();
        for (n, grams) in docs.into_iter().enumerate() {
            p.add(n as u32, grams);
        }
        p
    }

    /// Adds document `n`, which must be above every number added before.
    pub fn add(&mut self, n: u32, grams: Vec<(Gram, u8)>) {
        for key in grams {
            self.lists.entry(key).or_default().push(n);
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

/// The (gram, list) set of one document's texts by field.
pub fn document_grams(fields: &[(u8, &[String])]) -> Vec<(Gram, u8)> {
    // Sorted as one number each (gram above the list's three bits): a
    // body gives thousands.
    const _: () = assert!(LISTS.len() <= 8);
    let mut packed: Vec<u64> = Vec::new();
    for (field, texts) in fields {
        for t in texts.iter() {
            text_grams(t, *field, &mut |g, l| packed.push(g << 3 | l as u64));
        }
    }
    packed.sort_unstable();
    packed.dedup();
    packed.into_iter().map(|k| (k >> 3, (k & 7) as u8)).collect()
}

fn encode_entry(key: &str, lists: &[Option<Vec<u32>>]) -> Vec<u8> {
    let mut body = vec![0u8];
    for (i, list) in lists.iter().enumerate() {
        if let Some(ids) = list {
            body[0] |= 1 << i;
            body.extend(encode_list(ids));
        }
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

/// The smallest of the three encodings of an ascending id list.
pub fn encode_list(ids: &[u32]) -> Vec<u8> {
    [deltas(ids), runs(ids), bitmap(ids)].into_iter().min_by_key(Vec::len).unwrap_or_default()
}

fn deltas(ids: &[u32]) -> Vec<u8> {
    let mut out = vec![0];
    varint(&mut out, ids.len() as u64);
    let mut prev = 0;
    for (i, &id) in ids.iter().enumerate() {
        varint(&mut out, if i == 0 { id } else { id - prev } as u64);
        prev = id;
    }
    out
}

fn runs(ids: &[u32]) -> Vec<u8> {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &id in ids {
        match spans.last_mut() {
            Some((start, len)) if *start + *len == id => *len += 1,
            _ => spans.push((id, 1)),
        }
    }
    let mut out = vec![1];
    varint(&mut out, spans.len() as u64);
    let mut end = 0;
    for (start, len) in spans {
        varint(&mut out, (start - end) as u64);
        varint(&mut out, (len - 1) as u64);
        end = start + len;
    }
    out
}

fn bitmap(ids: &[u32]) -> Vec<u8> {
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return vec![2, 0, 0];
    };
    let (first_byte, last_byte) = (first / 8, last / 8);
    let mut bits = vec![0u8; (last_byte - first_byte + 1) as usize];
    for &id in ids {
        bits[(id / 8 - first_byte) as usize] |= 1 << (id % 8);
    }
    let mut out = vec![2];
    varint(&mut out, first_byte as u64);
    varint(&mut out, bits.len() as u64);
    out.extend(bits);
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
    fn bigrams_unigrams_and_marks() {
        let g = grams_of("医工連携", NAME);
        for (key, list) in
            [("医", "name"), ("医", "name_start"), ("医工", "name_start"), ("工連", "name"), ("連携", "name_end"), ("携", "name_end")]
        {
            assert!(g.contains(&(key.to_string(), list)), "{key} {list}: {g:?}");
        }
        assert!(!g.contains(&("工連".to_string(), "name_start")));
        assert_eq!(grams_of("ab cd", BODY).iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["a", "ab", "b", "c", "cd", "d"]);
    }

    #[test]
    fn compound_words_match_inside() {
        // Every bigram of the query is a bigram of the text: 医工連携 is found
        // inside 医工連携イノベーション推進事業 without word boundaries.
        let text = grams_of(&crate::text::normalize("医工連携イノベーション推進事業"), NAME);
        let query = grams_of("医工連携", BODY);
        assert!(query.iter().filter(|(k, _)| k.chars().count() == 2).all(|(k, _)| text.iter().any(|(t, l)| t == k && *l == "name")));
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
        let docs =
            vec![document_grams(&[(NAME, &["医工連携".to_string()][..])]), document_grams(&[(BODY, &["連携 連携".to_string()][..])])];
        let p = Postings::build(docs);
        assert_eq!(p.ids(gram('連', Some('携')), NAME), vec![0]);
        assert_eq!(p.ids(gram('連', Some('携')), BODY), vec![1]);
        let entries = p.entries();
        assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
