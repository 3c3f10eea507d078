//! What authors use besides `build`: `atlas new`, `atlas schema` and the
//! checks of bodies and budgets.

mod common;
use atlas::scaffold;
use atlas::schema::Kind;
use common::{Fixture, PROGRAM, REPO};
use serde_json::Value;
use std::path::Path;

fn front_matter_json(text: &str) -> Value {
    let split = atlas::content::frontmatter::split(text.trim_start_matches('\u{feff}')).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(split.front).unwrap();
    serde_json::to_value(yaml).unwrap()
}

/// A validator for one kind's front matter, from the shipped schema file.
fn validator(kind: Kind) -> jsonschema::Validator {
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(REPO).join("docs/atlas.schema.json")).unwrap()).unwrap();
    schema.as_object_mut().unwrap().remove("anyOf");
    schema["$ref"] = format!("#/definitions/{}", kind.name()).into();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn shipped_schema_and_field_reference_are_up_to_date() {
    let f = Fixture::new();
    let out = f.atlas(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let shipped = std::fs::read_to_string(Path::new(REPO).join("docs/atlas.schema.json")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == shipped,
        "docs/atlas.schema.json is stale: run `atlas schema > docs/atlas.schema.json`"
    );
    let out = f.atlas(&["schema", "--markdown"]);
    let shipped = std::fs::read_to_string(Path::new(REPO).join("docs/fields.md")).unwrap();
    assert!(String::from_utf8_lossy(&out.stdout) == shipped, "docs/fields.md is stale: run `atlas schema --markdown > docs/fields.md`");
    // Every field of every kind is in the reference.
    for kind in Kind::ALL {
        for field in atlas::fields::fields(kind) {
            assert!(shipped.contains(&format!("| `{}` |", field.name)), "{}", field.name);
        }
    }
}

#[test]
fn the_schema_validates_every_shipped_record() {
    let mut count = 0;
    for kind in Kind::ALL {
        let v = validator(kind);
        let any = jsonschema::validator_for(
            &serde_json::from_str(&std::fs::read_to_string(Path::new(REPO).join("docs/atlas.schema.json")).unwrap()).unwrap(),
        )
        .unwrap();
        for entry in std::fs::read_dir(Path::new(REPO).join("content").join(kind.folder())).unwrap() {
            let path = entry.unwrap().path();
            let json = front_matter_json(&std::fs::read_to_string(&path).unwrap());
            let errors: Vec<String> = v.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            assert!(any.is_valid(&json), "{}", path.display());
            count += 1;
        }
    }
    assert!(count > 200, "{count}");
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let v = validator(Kind::Program);
    assert!(v.is_valid(&front_matter_json(PROGRAM)));
    for (from, to) in [
        ("summary:", "sumary:"),
        ("amount: 1,024百万円", "amount: 1024"),
        ("label: 予算額", "label: 金額"),
        ("updated: 2026-11-03\n", ""),
        ("support_kinds: [soft]", "support_kinds: soft"),
    ] {
        let json = front_matter_json(&PROGRAM.replace(from, to));
        assert!(!v.is_valid(&json), "{to} must be invalid");
    }
}

fn new_record(f: &Fixture, kind: &str, id: &str) -> std::process::Output {
    f.atlas(&["new", kind, id])
}

#[test]
fn new_records_explain_every_field_and_are_refused_until_finished() {
    let f = Fixture::with_records();
    for kind in Kind::ALL {
        let id = format!("new-{}", kind.name());
        let out = new_record(&f, kind.name(), &id);
        assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
        let text = f.read(&format!("content/{}/{id}.md", kind.folder()));
        assert!(text.contains("# yaml-language-server: $schema=../../docs/atlas.schema.json"), "{text}");
        for field in atlas::fields::fields(kind) {
            let line = text
                .lines()
                .position(|l| l.starts_with(&format!("{}:", field.name)))
                .unwrap_or_else(|| panic!("{} missing:\n{text}", field.name));
            let above = text.lines().nth(line - 1).unwrap();
            assert!(above.starts_with("# "), "{} has a comment above: {above}", field.name);
            assert!(text.contains(&field.description), "{}", field.name);
        }
        assert!(text.contains(&format!("updated: {}", atlas::today().iso())));
        // The schema accepts it too.
        assert!(validator(kind).is_valid(&front_matter_json(&text)), "{text}");
    }
    // Every placeholder is an error at its own line and column, saying what to write.
    let diags = f.check_json();
    assert!(!diags.is_empty());
    for kind in Kind::ALL {
        let file = format!("content/{}/new-{}.md", kind.folder(), kind.name());
        let text = f.read(&file);
        let lines: Vec<&str> = text.lines().collect();
        let mine: Vec<&Value> = diags.iter().filter(|d| d["file"] == file.as_str()).collect();
        assert!(mine.iter().any(|d| d["code"] == "placeholder.body" && d["field"] == "body"), "{file}: {mine:#?}");
        for d in &mine {
            let code = d["code"].as_str().unwrap();
            assert!(code.starts_with("placeholder."), "only placeholders are wrong in {file}: {d}");
            let line = lines[d["line"].as_u64().unwrap() as usize - 1];
            let at: String = line.chars().skip(d["column"].as_u64().unwrap() as usize - 1).collect();
            match code {
                "placeholder.left" => {
                    assert!(at.starts_with(scaffold::FILL_IN) || at.contains(&format!(": {}", scaffold::FILL_IN)), "{d} {line}")
                }
                "placeholder.provisional" => assert!(line.contains(scaffold::PROVISIONAL), "{d} {line}"),
                _ => assert!(at.starts_with(scaffold::BODY), "{d} {line}"),
            }
            // The help says what to write: the field's description from the schema.
            let help = d["help"].as_str().unwrap();
            assert!(help.len() > 20, "{d}");
        }
        let placeholders = text.matches(scaffold::FILL_IN).count() + text.matches(scaffold::PROVISIONAL).count() + 1;
        assert_eq!(mine.len(), placeholders, "every placeholder of {file} is reported: {mine:#?}");
    }
    // A build refuses them too and writes nothing.
    let out = f.build();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("placeholder"), "{}", common::stderr(&out));
    assert!(!f.path("public").exists());
    // Finished as the comments ask: the records pass.
    for kind in Kind::ALL {
        let file = format!("content/{}/new-{}.md", kind.folder(), kind.name());
        let text = f.read(&file).replace(scaffold::FILL_IN, "記入済みの文").replace(&format!("   # {}", scaffold::PROVISIONAL), "   #");
        let text = text.replace(&format!("# {}", scaffold::PROVISIONAL), "#").replace(scaffold::BODY, "本文です。");
        f.write(&file, &text);
    }
    assert_eq!(f.check_json(), Vec::<Value>::new());
    let out = f.build();
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
}

#[test]
fn the_guide_names_the_placeholders_atlas_new_writes() {
    let guide = std::fs::read_to_string(Path::new(REPO).join("docs/authoring.md")).unwrap();
    for text in [scaffold::FILL_IN, scaffold::PROVISIONAL] {
        assert!(guide.contains(text), "docs/authoring.md does not name {text}");
    }
    assert!(guide.contains("（本文: …）"));
}

#[test]
fn new_refuses_taken_and_unsafe_ids() {
    let f = Fixture::with_records();
    // Ids are unique across kinds.
    let out = new_record(&f, "program", "test-case");
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("already used by content/cases/test-case.md"), "{}", common::stderr(&out));
    assert_eq!(f.read("content/cases/test-case.md"), common::CASE, "nothing overwritten");
    for bad in ["Test", "a_b", "../x", "a--b", "a-", "ｔｅｓｔ"] {
        let out = new_record(&f, "case", bad);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(common::stderr(&out).contains("not a safe id"), "{bad}: {}", common::stderr(&out));
    }
    // The folder of a list's later pages, with the message `atlas build` gives.
    let out = new_record(&f, "program", "page");
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("the id `page` is taken by the list pages (/programs/page/2/"), "{}", common::stderr(&out));
    assert!(!f.path("content/programs/page.md").exists());
    let out = new_record(&f, "widget", "x");
    assert_eq!(out.status.code(), Some(2));
    assert!(!f.path("content/cases/Test.md").exists());
}

/// Diagnostics of the fixture with the program's body (or front) replaced.
fn diagnose(from: &str, to: &str) -> Vec<Value> {
    let f = Fixture::with_records();
    assert!(PROGRAM.contains(from), "{from}");
    f.write("content/programs/test-lab.md", &PROGRAM.replacen(from, to, 1));
    f.check_json()
}

fn one<'a>(diags: &'a [Value], field: &str, line: u64, message: &str) -> &'a Value {
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(d["file"], "content/programs/test-lab.md", "{d}");
    assert_eq!(d["field"], field, "{d}");
    assert_eq!(d["line"], line, "{d}");
    assert!(d["message"].as_str().unwrap().contains(message), "{d}");
    assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    d
}

/// Line 25 of the fixture program is "試作品の開発を支援します。"
const BODY_LINE: &str = "試作品の開発を支援します。";

#[test]
fn body_links_must_lead_somewhere() {
    let ok = "[事例](/cases/test-case/) [地域](../../places/city-saitama/) [概要](#section-1) [段階](/stages/stage-5/) \
              [一覧](/programs/) [検索](/search/?q=試作) [外部](https://www.example.go.jp/a?b=c#d) [メール](mailto:a@example.jp) \
              [データ](/data/programs.json) [本文](/cases/test-case/#main)";
    assert_eq!(diagnose(BODY_LINE, ok), Vec::<Value>::new());

    let d = diagnose(BODY_LINE, "前の文。[事例](/cases/no-such-case/)");
    let d = one(&d, "body", 25, "no page `/cases/no-such-case/`");
    assert_eq!(d["column"], 5, "points at the link");
    assert!(d["help"].as_str().unwrap().contains("/cases/test-case/"), "{d}");

    let d = diagnose(BODY_LINE, "[事例](/cases/test-case)");
    assert!(one(&d, "body", 25, "no page")["help"].as_str().unwrap().contains("`/cases/test-case/`"));

    let d = diagnose(BODY_LINE, "\n\n[概要](#no-such-heading)");
    one(&d, "body", 27, "this page has no anchor `#no-such-heading`");
    let d = diagnose(BODY_LINE, "[事例](/cases/test-case/#section-3)");
    one(&d, "body", 25, "`/cases/test-case/` has no anchor `#section-3`");
    let d = diagnose(BODY_LINE, "[外部](https://intranet/)");
    one(&d, "body", 25, "`https://intranet/` is not a valid web address");
    let d = diagnose(BODY_LINE, "<https://例え.jp/>");
    one(&d, "body", 25, "not a valid web address");
    let d = diagnose(BODY_LINE, "[x](javascript:alert(1))");
    one(&d, "body", 25, "`javascript:` links are not allowed");
}

#[test]
fn budgets_must_be_written_as_in_the_sources() {
    let d = diagnose("amount: 1,024百万円", "amount: 1024");
    one(&d, "budgets[0].amount", 13, "`1024` is not written as an amount of money");
    let d = diagnose("amount: 1,024百万円", "amount: 約10億ドル");
    one(&d, "budgets[0].amount", 13, "not written as an amount");
    let d = diagnose("label: 予算額", "label: 金額");
    one(&d, "budgets[0].label", 12, "does not say what kind of figure");
    for ok in ["30.0億円", "63,968千円", "１，０２４百万円"] {
        assert_eq!(diagnose("amount: 1,024百万円", &format!("amount: {ok}")), Vec::<Value>::new(), "{ok}");
    }
}

#[test]
fn update_dates_in_the_future_are_refused() {
    let d = diagnose("updated: 2026-11-03", "updated: 2999-01-01");
    one(&d, "updated", 21, "in the future");
}

#[test]
fn check_reports_in_github_format() {
    let f = Fixture::with_records();
    f.write("content/programs/test-lab.md", &PROGRAM.replace(BODY_LINE, "[x](/cases/nothing/)"));
    let out = f.atlas(&["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("::error file=content/programs/test-lab.md,line=25,col=1,title=body::"), "{text}");
}

#[test]
fn the_example_workflow_checks_builds_and_publishes() {
    let text = std::fs::read_to_string(Path::new(REPO).join("docs/examples/github-workflow.yml")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let on = &yaml["on"];
    for event in ["push", "pull_request"] {
        let paths: Vec<&str> = on[event]["paths"].as_sequence().unwrap().iter().filter_map(|p| p.as_str()).collect();
        assert!(paths.contains(&"content/**") && paths.contains(&"seeds/**"), "{event}: {paths:?}");
    }
    let steps: Vec<String> = yaml["jobs"]["check-build-publish"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    let position = |needle: &str| steps.iter().position(|s| s.contains(needle)).unwrap_or_else(|| panic!("{needle}: {steps:?}"));
    assert!(position("atlas check --format github") < position("atlas build"));
    assert!(position("atlas build") < position("netlify-cli deploy"));
}

/// The menu in atlas.yaml is checked like a body's links: a page that does
/// not exist is an error at the line of its `url`, with the nearest page.
#[test]
fn menu_links_must_lead_somewhere() {
    let f = common::Fixture::with_records();
    assert_eq!(f.check_json(), Vec::<Value>::new(), "the shipped menu leads somewhere");
    let config = f.read("atlas.yaml");
    let line = config.lines().position(|l| l.trim() == "url: /stages/").expect("the menu links /stages/") + 1;
    f.write("atlas.yaml", &config.replacen("url: /stages/", "url: /stage/", 1));
    let d = f.check_json();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0]["file"].as_str(), d[0]["line"].as_u64(), d[0]["field"].as_str()),
        (Some("atlas.yaml"), Some(line as u64), Some("nav.url"))
    );
    assert!(d[0]["message"].as_str().unwrap().contains("no page `/stage/`"), "{}", d[0]);
    assert!(d[0]["help"].as_str().unwrap().contains("/stages/"), "{}", d[0]);
}
