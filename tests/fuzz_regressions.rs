//! Inputs the fuzzer (fuzz/fuzz_targets/record.rs) kept as interesting: none
//! may panic in front matter splitting, YAML parsing, record validation,
//! field location, fiscal-year parsing or Markdown rendering.

use atlas::schema::Kind;

#[test]
fn fuzz_corpus_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/record");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        for kind in Kind::ALL {
            let _ = atlas::content::parse_record(kind, "content/x.md".into(), text);
        }
        let _ = atlas::yaml::parse(text);
        let _ = atlas::content::locate::locate(text, "budgets[1].label");
        let _ = atlas::calendar::FiscalYear::parse(text);
        let _ = atlas::render::markdown::to_html(text);
        n += 1;
    }
    assert!(n >= 10, "the corpus is there ({n} inputs)");
}
