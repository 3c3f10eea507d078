//! The dependency direction of the generator's modules, read from the
//! source: every `crate::x` path (in `use` lines, groups included, and in
//! code) is an edge from the file's top-level module to `x`. The data
//! flows one way (load → link → render → write), so no module may use one
//! of a later layer and there is no cycle.
//!
//! `cargo test --test module_graph -- --nocapture` prints the graph;
//! `MODULE_GRAPH_SRC=<dir>` prints it for another source tree (the test
//! then only prints).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, first to last: a module may use modules of its own layer or
/// earlier ones, never later ones. `crate` stands for the crate root
/// (lib.rs: `build`, `load_site`, `link`, …).
const LAYERS: &[(&str, &[&str])] = &[
    ("foundations", &["messages", "text", "calendar", "diagnostics", "yaml", "markdown", "schema", "urls", "output"]),
    ("data definitions", &["taxonomy", "synonyms", "fields", "scaffold"]),
    ("load", &["content"]),
    ("validate and link", &["site"]),
    ("spreadsheet forms and the workbook", &["sheet"]),
    ("render", &["render"]),
    ("search (a renderer)", &["search"]),
    ("the list of renderers", &["renderers"]),
    ("build", &["crate", "diff"]),
    ("commands", &["serve", "import", "cmd", "cli"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The top-level module a file belongs to (`src/render/html.rs` → `render`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    match first.strip_suffix(".rs") {
        Some("lib") => "crate".into(),
        Some(m) => m.into(),
        None => first,
    }
}

/// The source without comments and string literals, so that only code is read.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '\'' => {
                // A character literal ('"', '\n'), else a lifetime.
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            'r' if chars.peek() == Some(&'#') && !out.ends_with(|c: char| c.is_alphanumeric() || c == '_') => {
                // A raw string, r#"…"#.
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '#' && last == '"' {
                        break;
                    }
                    last = c;
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The first segments of every `crate::` path in `code`, groups included
/// (`use crate::{a, b::c}` → a, b).
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => items.push(std::mem::take(&mut item)),
                    _ if depth == 1 => item.push(c),
                    _ => {}
                }
                if depth == 0 {
                    items.push(std::mem::take(&mut item));
                    break;
                }
            }
            for item in items {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest_trim.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Whether `code` has `path` not preceded by a word character or `::`.
fn mentions(code: &str, path: &str) -> bool {
    code.match_indices(path).any(|(i, _)| !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':'))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Module → the modules it uses (edges to itself left out).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let modules: BTreeSet<String> = code_only(&lib)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';').trim().to_string())
        .collect();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let from = module_of(src, &file);
        if from == "main" {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&file).expect("readable source"));
        let uses = out.entry(from.clone()).or_default();
        let mut firsts = crate_paths(&code);
        if from == "crate" {
            // The crate root names its modules without `crate::`.
            firsts.extend(modules.iter().filter(|m| mentions(&code, &format!("{m}::"))).cloned());
        }
        for first in firsts {
            let to = if modules.contains(&first) { first } else { "crate".to_string() };
            if to != from {
                uses.insert(to);
            }
        }
    }
    out
}

/// A cycle in the graph, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut c = path[i..].to_vec();
            c.push(node.to_string());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

fn print(graph: &BTreeMap<String, BTreeSet<String>>) {
    println!("module graph (module -> modules it uses):");
    for (from, to) in graph {
        println!("  {from} -> {}", to.iter().cloned().collect::<Vec<_>>().join(", "));
    }
}

/// Edges that go from a layer to a later one.
fn backward_edges(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (from, tos) in graph {
        for to in tos {
            match (layer_of(from), layer_of(to)) {
                (Some(a), Some(b)) if b > a => out.push(format!("{from} ({}) uses {to} ({})", LAYERS[a].0, LAYERS[b].0)),
                (None, _) => out.push(format!("{from} is in no layer of tests/module_graph.rs")),
                (_, None) => out.push(format!("{to} is in no layer of tests/module_graph.rs")),
                _ => {}
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn dependencies_flow_one_way() {
    if let Ok(other) = std::env::var("MODULE_GRAPH_SRC") {
        let g = graph(Path::new(&other));
        print(&g);
        println!("cycle: {:?}", cycle(&g));
        println!("against the layers: {:#?}", backward_edges(&g));
        return;
    }
    let g = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    print(&g);
    assert_eq!(cycle(&g), None, "modules must not use each other in a cycle");
    let backward = backward_edges(&g);
    assert!(backward.is_empty(), "dependencies must flow one way:\n{}", backward.join("\n"));
}

#[test]
fn the_reader_sees_groups_and_paths() {
    let code = code_only(
        "use crate::{a, b::{c, d}};\nfn f<'a>() { crate::e::g('\"'); } // crate::h\nlet s = \"crate::i\"; x_crate::j; r#\"crate::k\"#; crate::l",
    );
    assert_eq!(crate_paths(&code).into_iter().collect::<Vec<_>>(), ["a", "b", "e", "l"]);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("render".into()).or_default().insert("search".into());
    g.entry("search".into()).or_default().insert("render".into());
    assert!(cycle(&g).is_some());
    assert_eq!(backward_edges(&g), ["render (render) uses search (search (a renderer))"]);
}
