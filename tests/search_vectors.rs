//! The index side of the shared search vectors (tests/vectors/search.json;
//! tests/js/search-vectors.test.mjs runs their queries through the client):
//! for every vector, the texts each record has by field, the categories
//! and their words, and the vocabulary hold what the expected answer rests
//! on. A change to what the indexer writes that the client would read
//! otherwise fails here; a change to how the client reads fails there.

mod common;
use atlas::search::{categories, document};
use atlas::text::normalize;
use common::{Fixture, REPO};
use serde_json::Value;
use std::path::Path;

/// The shipped configuration, taxonomies, synonyms, theme and sources with
/// the records of tests/fixtures/search (as tests/support/site.mjs makes it).
fn corpus() -> Fixture {
    let f = Fixture::new();
    std::fs::copy(Path::new(REPO).join("content/synonyms.yaml"), f.path("content/synonyms.yaml")).unwrap();
    let records = Path::new(REPO).join("tests/fixtures/search");
    for entry in walkdir::WalkDir::new(&records) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&records).unwrap().to_str().unwrap().to_string();
            f.write(&rel, &std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    f
}

/// A record as the index holds it: its URL and its texts by field.
struct Doc {
    url: String,
    doc: document::SearchDoc,
}

/// How strongly a record has a word, by field, in the client's order
/// (search.js SCORE): its name exactly, a name starting with it, a name
/// holding it, a classification, the summary, the body, the note.
fn level(d: &Doc, word: &str) -> u8 {
    let has = |texts: &[String]| texts.iter().any(|t| t.contains(word));
    let doc = &d.doc;
    if doc.name.iter().any(|t| t == word) {
        7
    } else if doc.name.iter().any(|t| t.starts_with(word)) {
        6
    } else if has(&doc.name) {
        5
    } else if has(&doc.facets) {
        4
    } else if has(&doc.summary) {
        3
    } else if has(&doc.body) {
        2
    } else if has(&doc.note) {
        1
    } else {
        0
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default()
}

#[test]
fn the_index_holds_what_the_search_vectors_rest_on() {
    let f = corpus();
    let site = atlas::load_site(f.root()).unwrap_or_else(|e| panic!("{e:?}"));
    let shared = document::Shared::new(&site);
    let docs: Vec<Doc> = (0..site.records.len())
        .map(|i| {
            let r = &site.records[i];
            Doc { url: atlas::urls::record(r.kind, &r.common.id), doc: document::search_doc(&site, i, &shared) }
        })
        .collect();
    let cats = categories::categories(&site);
    let vocabulary: Vec<String> = categories::vocabulary(&site, &shared.places).iter().map(|w| normalize(w)).collect();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(Path::new(REPO).join("tests/vectors/search.json")).unwrap()).unwrap();
    let vectors = file["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 8);
    for v in vectors {
        let query = v["query"].as_str().unwrap();
        let words: Vec<String> = normalize(query).split(' ').map(String::from).collect();
        let dropped = strings(&v["dropped"]);
        let parts = strings(&v["parts"].as_array().and_then(|p| p.first()).cloned().unwrap_or(Value::Null));
        // The words a result must have: the parts of a word cut, less
        // those dropped.
        let needed: Vec<String> =
            if parts.is_empty() { words.iter().filter(|w| !dropped.contains(w)).cloned().collect() } else { parts.clone() };
        let has_all = |d: &Doc| needed.iter().all(|w| level(d, w) > 0);
        if !parts.is_empty() {
            assert!(docs.iter().all(|d| level(d, &words[0]) == 0), "{query}: some record has the word whole, so it is not cut");
        }
        for w in &dropped {
            assert!(docs.iter().all(|d| level(d, w) == 0), "{query}: some record has {w}, which is dropped");
        }
        if let Some(results) = v["results"].as_array() {
            let results: Vec<&str> = results.iter().map(|r| r.as_str().unwrap()).collect();
            let mut matching: Vec<&str> = docs.iter().filter(|d| has_all(d)).map(|d| d.url.as_str()).collect();
            let mut expected = results.clone();
            matching.sort();
            expected.sort();
            if results.is_empty() {
                assert!(docs.iter().all(|d| words.iter().all(|w| level(d, w) == 0)), "{query}: a record has a word");
            } else {
                assert_eq!(matching, expected, "{query}: the records that have every word");
            }
            // Ranked by field: the weakest word's field never rises down the list.
            let strength = |url: &str| {
                let d = docs.iter().find(|d| d.url == url).unwrap();
                needed.iter().map(|w| level(d, w)).min().unwrap_or(0)
            };
            for pair in results.windows(2) {
                assert!(strength(pair[0]) >= strength(pair[1]), "{query}: {} ranks above {} with a weaker field", pair[0], pair[1]);
            }
        }
        for url in strings(&v["categories"]) {
            let c = cats.iter().find(|c| c.u == url).unwrap_or_else(|| panic!("{query}: no category {url}"));
            assert!(
                words.iter().all(|w| c.k.iter().any(|k| k == w || k.starts_with(w.as_str()))),
                "{query}: the words of {url} are {:?}",
                c.k
            );
        }
        if let Some(first) = v["first"].as_str() {
            // A reading finds what the category's other words find: the
            // first result is named after one of them.
            let d = docs.iter().find(|d| d.url == first).unwrap();
            let named: Vec<&String> =
                cats.iter().filter(|c| c.r.contains(&words[0])).flat_map(|c| c.k.iter().filter(|k| !c.r.contains(k))).collect();
            assert!(!named.is_empty(), "{query}: is a reading of no category");
            assert!(named.iter().any(|k| level(d, k) >= 6), "{query}: {first} is not named after any of {named:?}");
        }
        for s in strings(&v["suggest"]) {
            let known = vocabulary.iter().chain(cats.iter().flat_map(|c| c.k.iter())).any(|w| w.contains(&normalize(&s)));
            assert!(known, "{query}: did-you-mean {s} is no word of the index's vocabulary");
        }
    }
}
