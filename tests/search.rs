//! The search index and page as a build writes them, and synonym errors.

mod common;
use common::{Fixture, stderr};

fn index_folder(f: &Fixture) -> String {
    let page = f.read("public/search/index.html");
    let start = page.find("data-index=").expect("the search page names its index") + "data-index=".len();
    let url: String = page[start..].chars().take_while(|c| !matches!(c, ' ' | '>' | '"')).collect();
    assert!(url.starts_with("/search/") && url.ends_with("/index.bin"), "{url}");
    url.trim_start_matches('/').trim_end_matches("index.bin").to_string()
}

#[test]
fn build_writes_a_versioned_index_and_the_search_page() {
    let f = Fixture::with_records();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = index_folder(&f);
    assert!(f.path(&format!("public/{folder}index.bin")).is_file());
    assert!(f.path(&format!("public/{folder}s/0.bin")).is_file());
    let docs: Vec<serde_json::Value> =
        (0..4).map(|n| serde_json::from_str(&f.read(&format!("public/{folder}d/{n}.json"))).unwrap()).collect();
    assert!(docs.iter().any(|d| d["n"] == "試作開発ラボ" && d["u"] == "/programs/test-lab/" && d["k"] == "支援施策"), "{docs:?}");

    let page = f.read("public/search/index.html");
    assert!(page.contains("<script defer src=/assets/search."), "the client, deferred, from a file");
    assert!(!page.contains("<script>") && !page.contains(" onclick") && !page.contains("style="), "no inline script or style");
    assert!(page.contains("id=results") && page.contains("role=status"));
    assert!(page.contains("name=stage") && page.contains("value=stage-5"), "facets are form controls");
    assert!(page.contains("<noscript>") && page.contains("href=/programs/"), "without JavaScript: links to browse");

    // Another record: another folder, so cached index files are never stale.
    f.write("content/places/city-chiba.md", &common::PLACE.replace("city-saitama", "city-chiba").replace("さいたま市", "千葉市"));
    assert!(f.build().status.success());
    assert_ne!(index_folder(&f), folder);
}

#[test]
fn synonym_errors_name_file_line_and_word() {
    let f = Fixture::with_records();
    f.write("content/synonyms.yaml", "groups:\n  - [海外展開, 国際展開]\n  - [国際展開, グローバル展開]\n  - [経]\n");
    let diags = f.check_json();
    let find = |needle: &str| diags.iter().find(|d| d["message"].as_str().unwrap_or("").contains(needle)).cloned();
    let twice = find("appears twice").expect("duplicate word reported");
    assert_eq!(twice["file"], "content/synonyms.yaml");
    assert_eq!(twice["line"], 3);
    assert_eq!(twice["field"], "groups[1][0]");
    assert!(twice["help"].as_str().unwrap().contains("merge"));
    assert!(find("at least two words").is_some());
    assert!(!f.build().status.success(), "a build refuses invalid synonyms");
}
