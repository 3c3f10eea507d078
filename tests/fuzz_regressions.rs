//! Inputs the fuzzer (fuzz/fuzz_targets/record.rs) kept as interesting: none
//! may panic in front matter splitting, YAML parsing, record validation,
//! field location, fiscal-year parsing or Markdown rendering.

include!("../fuzz/exercise.rs");

#[test]
fn fuzz_corpus_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/record");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            exercise(text);
            n += 1;
        }
    }
    assert!(n >= 10, "the corpus is there ({n} inputs)");
}

include!("../fuzz/exercise_import.rs");

/// Inputs of the importer's fuzz target (fuzz/fuzz_targets/import.rs):
/// workbooks and CSVs, whole and damaged, never panic the reader, the cell
/// forms or the front matter edits.
#[test]
fn import_fuzz_corpus_never_panics() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/import");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        exercise_import(&bytes);
        // Every prefix too: truncated files are the commonest damage.
        for cut in [bytes.len() / 3, bytes.len() / 2, bytes.len().saturating_sub(1)] {
            exercise_import(&bytes[..cut]);
        }
        n += 1;
    }
    assert!(n >= 5, "the corpus is there ({n} inputs)");
}
