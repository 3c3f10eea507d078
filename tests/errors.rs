//! Each class of bad input gives an error naming the file, line, column and
//! field, with advice.

mod common;
use common::{Fixture, PROGRAM};
use serde_json::Value;

/// Replaces `from` with `to` in the fixture program and returns the diagnostics.
fn diagnose(from: &str, to: &str) -> Vec<Value> {
    let f = Fixture::with_records();
    assert!(PROGRAM.contains(from), "{from}");
    f.write("content/programs/test-lab.md", &PROGRAM.replacen(from, to, 1));
    f.check_json()
}

fn only(diags: &[Value]) -> &Value {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    &diags[0]
}

fn assert_at(d: &Value, line: u64, field: &str, message: &str) {
    assert_eq!(d["file"], "content/programs/test-lab.md", "{d}");
    assert_eq!(d["line"], line, "{d}");
    assert_eq!(d["field"], field, "{d}");
    assert!(d["message"].as_str().unwrap().contains(message), "{d}");
    assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
}

#[test]
fn yaml_syntax_error() {
    let d = diagnose("name: 試作開発ラボ", "name: [試作開発ラボ");
    let d = only(&d);
    assert_eq!(d["file"], "content/programs/test-lab.md");
    assert!(d["message"].as_str().unwrap().contains("YAML syntax error"), "{d}");
    assert!(d["line"].as_u64().unwrap() >= 3, "points into the front matter, not line 1: {d}");
}

#[test]
fn unknown_field_with_suggestion() {
    let d = diagnose("summary:", "sumary:");
    // The misspelt field is unknown, and `summary` is then missing.
    let unknown = d.iter().find(|d| d["message"].as_str().unwrap().contains("unknown field")).unwrap();
    assert_at(unknown, 4, "sumary", "unknown field `sumary`");
    assert!(unknown["help"].as_str().unwrap().contains("`summary`"));
    assert!(d.iter().any(|d| d["field"] == "summary" && d["message"].as_str().unwrap().contains("missing required field")));
}

#[test]
fn wrong_type() {
    let d = diagnose("  - fiscal_year: 平成33年度", "  - fiscal_year: 来年度");
    assert_at(only(&d), 11, "budgets[0].fiscal_year", "not a fiscal year");
}

#[test]
fn wrong_type_bool() {
    let d = diagnose("support_kinds: [soft]", "device_specific: maybe\nsupport_kinds: [soft]");
    assert_at(only(&d), 8, "device_specific", "wrong value");
}

#[test]
fn missing_required_field() {
    let d = diagnose("updated: 2026-11-03\n", "");
    let d = only(&d);
    assert_eq!(d["field"], "updated");
    assert_eq!(d["line"], 1);
}

#[test]
fn impossible_date() {
    let d = diagnose("updated: 2026-11-03", "updated: 2017-13-45");
    assert_at(only(&d), 21, "updated", "not a real calendar date");
}

#[test]
fn unknown_taxonomy_term_with_suggestion() {
    let d = diagnose("stages: [段階⑤, stage-4]", "stages: [段階⑤, stage-9]");
    let d = only(&d);
    assert_at(d, 9, "stages[1]", "`stage-9` is not a term");
    assert!(d["help"].as_str().unwrap().contains("did you mean"), "{d}");
}

#[test]
fn reference_to_missing_record() {
    let d = diagnose("implementers: [test-zaidan]", "implementers: [test-zaidann]");
    let d = only(&d);
    assert_at(d, 6, "implementers[0]", "no record has the id `test-zaidann`");
    assert!(d["help"].as_str().unwrap().contains("test-zaidan"));
}

#[test]
fn reference_to_wrong_kind() {
    let d = diagnose("implementers: [test-zaidan]", "implementers: [test-case]");
    assert_at(only(&d), 6, "implementers[0]", "is a 事例");
}

#[test]
fn unknown_source() {
    let d = diagnose("  - source: saitama-strategy-meeting-2017\n    section: 第1期", "  - source: saitama-meeting\n    section: 第1期");
    assert_at(only(&d), 19, "sources[0].source", "no source document");
}

#[test]
fn unsafe_slugs() {
    for bad in ["../escape", "Test-Lab", "試作", "a/b", "c:\\x", "ｔｅｓｔ"] {
        let d = diagnose("id: test-lab", &format!("id: '{bad}'"));
        let slug = d.iter().find(|d| d["field"] == "id").unwrap_or_else(|| panic!("{bad}: {d:#?}"));
        assert_eq!(slug["line"], 2, "{bad}");
        assert!(slug["message"].as_str().unwrap().contains("not a safe slug"), "{bad}: {slug}");
    }
}

#[test]
fn duplicate_id() {
    let f = Fixture::with_records();
    f.write("content/programs/copy.md", PROGRAM);
    let d = f.check_json();
    let dup = d.iter().find(|d| d["message"].as_str().unwrap().contains("already used")).expect("duplicate reported");
    assert_eq!(dup["field"], "id");
    assert_eq!(dup["line"], 2);
}

#[test]
fn every_error_in_one_run() {
    let f = Fixture::with_records();
    f.write("content/programs/a.md", &PROGRAM.replace("id: test-lab", "id: a").replace("stage-4", "stage-0"));
    f.write("content/programs/b.md", &PROGRAM.replace("id: test-lab", "id: b").replace("test-zaidan", "nobody"));
    f.write("content/cases/c.md", "---\nid: c\n");
    let d = f.check_json();
    let files: std::collections::BTreeSet<&str> = d.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["content/cases/c.md", "content/programs/a.md", "content/programs/b.md"]);
}

#[test]
fn front_matter_problems() {
    let f = Fixture::with_records();
    f.write("content/cases/empty.md", "");
    f.write("content/cases/nofm.md", "# 見出し\n");
    f.write("content/cases/open.md", "---\nid: open\n");
    f.write("content/cases/tabs.md", "---\nid: tabs\nplaces:\n\t- city-saitama\n---\n");
    std::fs::write(f.path("content/cases/sjis.md"), b"---\nid: sjis\nname: \x82\xa0\n---\n").unwrap();
    let d = f.check_json();
    let msg = |file: &str| -> String {
        let d = d.iter().find(|d| d["file"] == format!("content/cases/{file}")).unwrap_or_else(|| panic!("{file}: {d:#?}"));
        format!("{} {}", d["message"], d["help"])
    };
    assert!(msg("empty.md").contains("empty"));
    assert!(msg("nofm.md").contains("does not start with front matter"));
    assert!(msg("open.md").contains("not closed"));
    assert!(msg("tabs.md").contains("tabs"), "{}", msg("tabs.md"));
    assert!(msg("sjis.md").contains("UTF-8"));
    let sjis = d.iter().find(|d| d["file"] == "content/cases/sjis.md").unwrap();
    assert_eq!(sjis["line"], 3);
}

#[test]
fn formats() {
    let f = Fixture::with_records();
    f.write("content/programs/test-lab.md", &PROGRAM.replace("stage-4", "stage-9"));
    let gh = f.atlas(&["check", "--format", "github"]);
    assert_eq!(gh.status.code(), Some(1));
    let text = String::from_utf8(gh.stdout).unwrap();
    assert!(text.starts_with("::error file=content/programs/test-lab.md,line=9,col=1,title=stages[1]::"), "{text}");
    let human = f.atlas(&["check"]);
    let text = common::stderr(&human);
    assert!(text.contains("content/programs/test-lab.md:9:1: error [stages[1]]"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    let ok = Fixture::with_records().atlas(&["check", "--format", "json"]);
    assert_eq!(ok.status.code(), Some(0));
}
