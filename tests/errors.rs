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

/// (line, column, code) of a diagnostic.
fn place(d: &Value) -> (u64, u64, &str) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), d["code"].as_str().unwrap())
}

#[test]
fn yaml_mistakes_at_their_line_and_column() {
    // (replace, with, line, column, code, words of the help)
    let cases: &[(&str, &str, u64, u64, &str, &str)] = &[
        // An unclosed quote is found where it opens, not at the end of the front matter.
        ("summary: 医療機関", "summary: \"医療機関", 4, 10, "yaml.unclosed-quote", "end the value with \""),
        ("summary: 医療機関", "summary: '医療機関", 4, 10, "yaml.unclosed-quote", "end the value with '"),
        ("name: 試作開発ラボ", "name: [試作開発ラボ", 3, 7, "yaml.unclosed-bracket", "write `]`"),
        ("stages: [段階⑤, stage-4]", "stages: [段階⑤, stage-4", 9, 9, "yaml.unclosed-bracket", "write `]`"),
        ("stages: [段階⑤, stage-4]", "stages: [段階⑤, stage-4]]", 9, 23, "yaml.unexpected-bracket", "remove the extra bracket"),
        ("places: [city-saitama]", "places:\n\t- city-saitama", 8, 1, "yaml.tab", "indent with spaces"),
        ("summary: 医療機関", "summary: 注: 医療機関", 4, 11, "yaml.colon-in-value", "quotes"),
        ("    label: 予算額", "   label: 予算額", 12, 4, "yaml.bad-indent", "like `fiscal_year` on line 11"),
        ("summary: 医療機関", " summary: 医療機関", 4, 2, "yaml.bad-indent", "like `name` on line 3"),
        ("updated: 2026-11-03", "updated: 2026-11-03\nname: 二つ目", 22, 1, "yaml.duplicate-key", "only once"),
        ("    label: 予算額", "    label: 予算額\n    label: 二つ目", 13, 5, "yaml.duplicate-key", "only once"),
    ];
    for (from, to, line, column, code, help) in cases {
        let d = diagnose(from, to);
        let d = only(&d);
        assert_eq!(d["file"], "content/programs/test-lab.md");
        assert_eq!(place(d), (*line, *column, *code), "{to}: {d}");
        assert!(d["help"].as_str().unwrap().contains(help), "{to}: {d}");
    }
}

#[test]
fn list_items_map_entries_and_budget_rows_at_their_own_column() {
    // An item of an inline list, at the item.
    let d = diagnose("stages: [段階⑤, stage-4]", "stages: [段階⑤, stage-9]");
    assert_eq!(place(only(&d)), (9, 15, "term.unknown"));
    let d = diagnose("implementers: [test-zaidan]", "implementers: [test-zaidann]");
    assert_eq!(place(only(&d)), (6, 16, "reference.no-such-record"));
    // A field of a row written inline, at the field.
    let d = diagnose(
        "  - fiscal_year: 平成33年度\n    label: 予算額\n    amount: 1,024百万円",
        "  - {fiscal_year: 平成33年度, label: 予算額, amount: 1024}",
    );
    assert_eq!(place(only(&d)), (11, 39, "budget.amount"));
    // A row's field in block style, at the field; a map entry in a list, at its key.
    let d = diagnose("    amount: 1,024百万円", "    amount: 1024");
    assert_eq!(place(only(&d)), (13, 5, "budget.amount"));
    let d = diagnose("  - source: saitama-strategy-meeting-2017\n    section: 第1期", "  - source: saitama-meeting\n    section: 第1期");
    assert_eq!(place(only(&d)), (19, 5, "source.no-such-source"));
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

/// A field with no near name inside a list row: the help lists what the
/// row takes, not the fields of a record kind (serde names none there).
#[test]
fn unknown_field_in_a_row_lists_the_rows_fields() {
    let d = diagnose("    label: 予算額", "    label: 予算額\n    zzqqx: 1");
    let d = only(&d);
    assert_at(d, 13, "budgets[0].zzqqx", "unknown field `zzqqx`");
    assert_eq!(d["help"], "remove it; the fields allowed here are: fiscal_year, label, amount", "{d}");
}

/// A change dated after the record's last update is an error at its date.
#[test]
fn change_after_the_update_date() {
    let d =
        diagnose("updated: 2026-11-03\n", "updated: 2026-11-03\nchanges:\n  - date: 2026-11-04\n    description: 予算額を改めました。\n");
    let d = only(&d);
    assert_at(d, 23, "changes[0].date", "the change dated 2026-11-04 is later than the record's update date 2026-11-03");
    assert!(d["help"].as_str().unwrap().contains("set `updated:` to 2026-11-04"), "{d}");
}

#[test]
fn wrong_type() {
    let d = diagnose("  - fiscal_year: 平成33年度", "  - fiscal_year: 来年度");
    assert_at(only(&d), 11, "budgets[0].fiscal_year", "not a fiscal year");
}

#[test]
fn wrong_type_bool() {
    let d = diagnose("support_kinds: [soft]", "device_specific: maybe\nsupport_kinds: [soft]");
    assert_at(only(&d), 8, "device_specific", "`maybe` is not a yes/no value");
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
    assert!(text.starts_with("::error file=content/programs/test-lab.md,line=9,col=15,title=stages[1]::"), "{text}");
    let human = f.atlas(&["check"]);
    let text = common::stderr(&human);
    assert!(text.contains("content/programs/test-lab.md:9:15: error [stages[1]]"), "{text}");
    // `check` writes nothing and does not claim otherwise.
    assert!(text.ends_with("1 error(s) found.\n") && !text.contains("written"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    let ok = Fixture::with_records().atlas(&["check", "--format", "json"]);
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn messages_follow_the_site_language_with_stable_codes() {
    let f = Fixture::with_records();
    f.write("content/programs/test-lab.md", &PROGRAM.replace("stage-4", "stage-9"));
    // No language in the environment: the site's `language: ja` decides.
    let human = common::stderr(&f.atlas_in("", &["check"]));
    assert!(
        human.contains("content/programs/test-lab.md:9:15: エラー [stages[1]]: `stage-9` は支援段階（stages）の用語ではありません"),
        "{human}"
    );
    assert!(human.contains("  対処: `stage-1 (段階① アイデア・企画検討)` のことではありませんか？"), "{human}");
    assert!(human.ends_with("1 件のエラーが見つかりました。\n"), "{human}");
    let github = String::from_utf8(f.atlas_in("", &["check", "--format", "github"]).stdout).unwrap();
    assert!(github.contains("title=stages[1]::`stage-9` は支援段階（stages）の用語ではありません%0A"), "{github}");
    // JSON: the same code in both languages, the words in the chosen one.
    let json = |lang: &str, extra: &[&str]| -> Value {
        let out = f.atlas_in(lang, &[&["check", "--format", "json"], extra].concat());
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap().remove(0)
    };
    let (ja, en) = (json("", &[]), json("en", &[]));
    assert_eq!((ja["code"].as_str(), en["code"].as_str()), (Some("term.unknown"), Some("term.unknown")));
    assert!(ja["message"].as_str().unwrap().contains("の用語ではありません"), "{ja}");
    assert!(en["message"].as_str().unwrap().contains("is not a term of"), "{en}");
    // --lang wins over the environment.
    assert_eq!(json("ja", &["--lang", "en"])["message"], en["message"]);
    assert_eq!(json("en", &["--lang", "ja"])["message"], ja["message"]);
    // A build says that nothing was built and the output was left as it was.
    let build = common::stderr(&f.atlas_in("", &["build", "--out", "public"]));
    assert!(build.ends_with("1 件のエラーが見つかったため、ビルドしませんでした。public は元のままです。\n"), "{build}");
}
