//! A corpus of bad inputs, each with the error it must give: file, line,
//! field and what to do. None may panic, hang, write partial output or
//! write outside the output folder.

mod common;
use common::{Fixture, stderr};
use serde_json::Value;
use std::time::Duration;

/// (case, file content, expected line, expected field, words the message or help must contain)
type Case = (&'static str, &'static str, usize, Option<&'static str>, &'static [&'static str]);
const CORPUS: &[Case] = &[
    ("empty file", "", 1, None, &["empty", "atlas new"]),
    ("only whitespace", "  \n\n", 1, None, &["empty"]),
    ("no front matter", "本文だけのファイル\n", 1, None, &["does not start with front matter", "---"]),
    ("unterminated", "---\nid: x\nname: y\n", 1, None, &["not closed", "---"]),
    ("tab indentation", "---\nid: x\nplaces:\n\t- a\n---\n", 4, None, &["tab", "spaces"]),
    ("scalar front matter", "---\njust text\n---\n", 2, None, &["field: value"]),
    ("duplicate key", "---\nid: x\nid: y\n---\n", 3, None, &["appears twice", "only once"]),
    ("unquoted colon", "---\nid: x\nname: a: b\n---\n", 3, None, &["`name`", "quotes"]),
    (
        "deep nesting",
        "---\nid: x\nname: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n---\n",
        3,
        None,
        &["nested"],
    ),
    (
        "id escaping with ../",
        "---\nid: ../../etc/passwd\nname: a\nsummary: b\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2026-01-01\n---\n",
        2,
        Some("id"),
        &["not a safe slug"],
    ),
    (
        "absolute id",
        "---\nid: /tmp/x\nname: a\nsummary: b\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2026-01-01\n---\n",
        2,
        Some("id"),
        &["not a safe slug"],
    ),
    (
        "windows separator id",
        "---\nid: 'a\\b'\nname: a\nsummary: b\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2026-01-01\n---\n",
        2,
        Some("id"),
        &["not a safe slug"],
    ),
    (
        "look-alike id",
        "---\nid: сity-saitama\nname: a\nsummary: b\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2026-01-01\n---\n",
        2,
        Some("id"),
        &["not a safe slug"],
    ),
    (
        "future update date",
        "---\nid: x\nname: a\nsummary: b\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2999-01-01\n---\n",
        8,
        Some("updated"),
        &["future"],
    ),
    (
        "javascript url",
        "---\nid: x\nname: a\nsummary: b\nurl: javascript:alert(1)\nplace_type: city\nprefecture: saitama\nsources: [{source: designated-cities-survey}]\nupdated: 2026-01-01\n---\n",
        5,
        Some("url"),
        &["not a web address", "https://"],
    ),
];

fn diagnostics_for(content: &[u8]) -> Vec<Value> {
    let f = Fixture::with_records();
    std::fs::write(f.path("content/places/bad.md"), content).unwrap();
    f.check_json().into_iter().filter(|d| d["file"] == "content/places/bad.md").collect()
}

#[test]
fn corpus_gives_precise_errors() {
    for (case, content, line, field, words) in CORPUS {
        let d = diagnostics_for(content.as_bytes());
        assert!(!d.is_empty(), "{case}: no error");
        let first = &d[0];
        assert_eq!(first["line"], *line as u64, "{case}: {first}");
        if let Some(field) = field {
            assert!(d.iter().any(|d| d["field"] == *field), "{case}: field {field} in {d:#?}");
        }
        let text: String = d.iter().map(|d| format!("{} {}", d["message"], d["help"])).collect();
        for w in *words {
            assert!(text.contains(w), "{case}: `{w}` not in {text}");
        }
    }
}

#[test]
fn invalid_utf8_names_the_line() {
    let d = diagnostics_for(b"---\nid: x\nname: \xff\xfe\n---\n");
    assert_eq!(d[0]["line"], 3);
    assert!(d[0]["help"].as_str().unwrap().contains("UTF-8"));
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut bomb = String::from("---\nid: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 0..9 {
        let prev = (b'a' + i) as char;
        let next = (b'a' + i + 1) as char;
        bomb.push_str(&format!("{next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("---\n");
    let f = Fixture::with_records();
    f.write("content/places/bomb.md", &bomb);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_atlas"))
        .args(["check", "--format", "json"])
        .current_dir(f.root())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_bounded(child, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let d: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(d.iter().any(|d| d["file"] == "content/places/bomb.md"), "{d:#?}");
}

/// Waits for a child with a generous bound, so that a hang fails the test
/// instead of blocking CI; this is not a speed assertion.
fn wait_bounded(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("atlas did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn huge_file_is_refused_before_reading() {
    let f = Fixture::with_records();
    let file = std::fs::File::create(f.path("content/places/huge.md")).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let d = f.check_json();
    let huge = d.iter().find(|d| d["file"] == "content/places/huge.md").unwrap();
    assert!(huge["message"].as_str().unwrap().contains("bytes"), "{huge}");
    assert!(huge["help"].as_str().unwrap().contains("split"), "{huge}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let f = Fixture::with_records();
    std::os::unix::fs::symlink(f.path("content"), f.path("content/places/loop")).unwrap();
    std::os::unix::fs::symlink(f.path("content/cases/self"), f.path("content/cases/self")).unwrap_or(());
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn record_outside_kind_folders_is_reported() {
    let f = Fixture::with_records();
    f.write("content/misc/x.md", common::PLACE);
    let d = f.check_json();
    assert!(d.iter().any(|d| d["file"] == "content/misc/x.md" && d["message"].as_str().unwrap().contains("not a record folder")));
}

#[test]
fn taxonomy_taking_a_reserved_url_is_refused() {
    let f = Fixture::with_records();
    f.write("content/taxonomies/programs.yaml", "title: x\nterms: []\n");
    let d = f.check_json();
    assert!(d.iter().any(|d| d["file"] == "content/taxonomies/programs.yaml"), "{d:#?}");
}

#[test]
fn nothing_is_written_when_input_is_bad() {
    for (case, content, ..) in CORPUS {
        let f = Fixture::with_records();
        f.write("content/places/bad.md", content);
        let out = f.build();
        assert_eq!(out.status.code(), Some(1), "{case}");
        let entries: Vec<_> = std::fs::read_dir(f.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(!entries.iter().any(|e| e == "public" || e.starts_with(".public")), "{case}: {entries:?}");
    }
}
