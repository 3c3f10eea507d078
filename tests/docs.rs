//! Hand-written docs that describe data are checked against the data:
//! docs/content-model.md against the taxonomies, docs/search-normalization.md
//! against the shared test vectors.

use atlas::schema::Kind;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `backticked` pieces of a Markdown text.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The cells of the table rows of a Markdown text (header and rule left out).
fn table_rows(markdown: &str) -> Vec<Vec<&str>> {
    markdown
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .filter(|cells: &Vec<&str>| cells.first().is_some_and(|c| c.starts_with('`')))
        .collect()
}

/// Every row of the content model for a field that takes a taxonomy names
/// the taxonomy, and the term ids it lists are the taxonomy's: all of them,
/// or some of them when the row says `…`.
#[test]
fn the_content_model_lists_the_taxonomies_terms() {
    let site = atlas::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e:?}"));
    let doc = read("docs/content-model.md");
    let mut checked = 0;
    for row in table_rows(&doc) {
        let [field, .., meaning] = row.as_slice() else { continue };
        let field = field.trim_matches('`');
        let taxonomy = Kind::ALL.iter().flat_map(|&k| atlas::fields::fields(k)).find(|f| f.name == field).and_then(|f| f.taxonomy);
        let Some(slug) = taxonomy else { continue };
        let Some(tax) = site.taxonomies.get(slug.as_str()) else { panic!("no taxonomy {slug}") };
        let ids: BTreeSet<&str> = tax.terms.iter().map(|t| t.id.as_str()).collect();
        let listed: BTreeSet<&str> = code_spans(meaning).into_iter().filter(|s| *s != slug.as_str()).collect();
        if listed.is_empty() {
            continue;
        }
        assert!(code_spans(meaning).contains(&slug.as_str()), "the row of `{field}` names its taxonomy `{slug}`: {meaning}");
        if meaning.contains('…') {
            assert!(listed.is_subset(&ids), "`{field}` lists terms {slug} does not have: {:?}", listed.difference(&ids));
        } else {
            assert_eq!(listed, ids, "the terms of `{field}` in docs/content-model.md are those of content/taxonomies/{slug}.yaml");
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} rows checked");
}

fn vectors(file: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(&read(&format!("tests/vectors/{file}"))).unwrap();
    v["vectors"].as_array().unwrap().clone()
}

/// The examples of the search normalization spec are shared test vectors.
#[test]
fn the_search_normalization_examples_are_test_vectors() {
    let doc = read("docs/search-normalization.md");
    let normalize = vectors("normalize.json");
    let query_keys = vectors("query-keys.json");
    let (mut texts, mut queries) = (0, 0);
    for row in table_rows(&doc) {
        match row.as_slice() {
            [text, normalized] => {
                let (text, normalized) = (text.trim_matches('`'), normalized.trim_matches('`'));
                assert!(
                    normalize.iter().any(|v| v["input"] == text && v["expected"] == normalized),
                    "`{text}` → `{normalized}` is not a vector of tests/vectors/normalize.json"
                );
                assert_eq!(atlas::text::normalize(text), normalized);
                texts += 1;
            }
            [query, words, keys] => {
                let query = query.trim_matches('`');
                let words: Vec<&str> = code_spans(words);
                let keys: Vec<Vec<&str>> = keys.split(" · ").map(code_spans).collect();
                let vector = query_keys.iter().find(|v| v["query"] == query).unwrap_or_else(|| panic!("no vector for `{query}`"));
                assert_eq!(vector["words"], serde_json::json!(words), "{query}");
                assert_eq!(vector["keys"], serde_json::json!(keys), "{query}");
                queries += 1;
            }
            _ => {}
        }
    }
    assert!(texts >= 5 && queries >= 3, "{texts} normalizations and {queries} queries checked");
}
