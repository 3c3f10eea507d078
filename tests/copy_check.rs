//! Our own words: finds every run of 30 or more characters that the shipped
//! record text shares with the source documents (../shared/seeds/*.txt) and
//! fails when one of them is prose.
//!
//! What is compared: every text an author writes about a record — summary,
//! body, targets, period, note, facts (label and value), budget labels —
//! and the descriptions in the taxonomies, after NFKC normalization (full
//! width to half width) with white space and Markdown markup removed (the
//! sources are extracted slides whose lines break mid-sentence).
//!
//! What is not prose, and does not count towards the 30 characters:
//! 1. names: any record's name or short name and any source document's
//!    title, wherever they occur, and stretches in Latin script alone
//!    (English names and their abbreviations); taxonomy terms are words of
//!    the domain (研究開発, スタートアップ) and count as prose;
//! 2. titles and quotations: text inside 「」『』“” in the record, which is
//!    how the atlas quotes a program's, plan's or heading's own wording;
//! 3. lists: a stretch of three or more items separated by 、，,／/, none
//!    longer than 16 characters (a name with a few words around it);
//! 4. figures: a stretch of which at least a third are digits.
//!
//! A run shared with a source is split at those; any remaining piece of 30
//! characters or more is a finding. `COPY_CHECK_REPORT=1 cargo test --test
//! copy_check -- --nocapture` prints every shared run with what excused it.

use atlas::schema::KindData;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The length of a shared run that counts as copying.
const MIN_RUN: usize = 30;
/// The longest item of a list (a name with a few words around it).
const LIST_ITEM: usize = 16;

/// Where the source documents are: `ATLAS_SEEDS_DIR`, or `shared/seeds`
/// beside the repository or beside one of its parent folders (CI puts
/// ../shared beside the clone; worktrees sit deeper).
fn seeds_dir(root: &Path) -> PathBuf {
    if let Some(dir) = std::env::var_os("ATLAS_SEEDS_DIR") {
        return PathBuf::from(dir);
    }
    root.ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("seeds"))
        .find(|d| d.is_dir())
        .unwrap_or_else(|| panic!("the source documents (shared/seeds beside the repository) are missing; set ATLAS_SEEDS_DIR"))
}

/// A text normalized for comparison, with the position in the original
/// text of every normalized character.
struct Normalized {
    chars: Vec<char>,
    origin: Vec<usize>,
}

fn normalize(text: &str) -> Normalized {
    let mut chars = Vec::new();
    let mut origin = Vec::new();
    for (i, c) in text.chars().enumerate() {
        for n in c.to_string().nfkc() {
            if n.is_whitespace() || n == '*' {
                continue;
            }
            chars.push(n);
            origin.push(i);
        }
    }
    Normalized { chars, origin }
}

/// Markdown to the text a reader sees: link targets, images and emphasis
/// and heading marks dropped.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => out.push('\n'),
            pulldown_cmark::Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// A suffix automaton of the sources: finds the longest source substring
/// ending at each position of a text in linear time.
struct Automaton {
    next: Vec<HashMap<char, usize>>,
    link: Vec<Option<usize>>,
    len: Vec<usize>,
}

impl Automaton {
    fn new(text: &[char]) -> Automaton {
        let mut a = Automaton { next: vec![HashMap::new()], link: vec![None], len: vec![0] };
        let mut last = 0;
        for &c in text {
            let cur = a.len.len();
            a.next.push(HashMap::new());
            a.link.push(None);
            a.len.push(a.len[last] + 1);
            let mut p = Some(last);
            while let Some(q) = p {
                if a.next[q].contains_key(&c) {
                    break;
                }
                a.next[q].insert(c, cur);
                p = a.link[q];
            }
            match p {
                None => a.link[cur] = Some(0),
                Some(p) => {
                    let q = a.next[p][&c];
                    if a.len[p] + 1 == a.len[q] {
                        a.link[cur] = Some(q);
                    } else {
                        let clone = a.len.len();
                        a.next.push(a.next[q].clone());
                        a.link.push(a.link[q]);
                        a.len.push(a.len[p] + 1);
                        let mut p = Some(p);
                        while let Some(x) = p {
                            if a.next[x].get(&c) != Some(&q) {
                                break;
                            }
                            a.next[x].insert(c, clone);
                            p = a.link[x];
                        }
                        a.link[q] = Some(clone);
                        a.link[cur] = Some(clone);
                    }
                }
            }
            last = cur;
        }
        a
    }

    /// Maximal runs (start, end) of `text` of at least `min` characters
    /// that occur in the sources.
    fn shared_runs(&self, text: &[char], min: usize) -> Vec<(usize, usize)> {
        let (mut state, mut length) = (0, 0);
        let mut ends: Vec<usize> = Vec::with_capacity(text.len());
        for &c in text {
            while state != 0 && !self.next[state].contains_key(&c) {
                state = self.link[state].unwrap_or(0);
                length = self.len[state];
            }
            if let Some(&n) = self.next[state].get(&c) {
                state = n;
                length += 1;
            } else {
                length = 0;
            }
            ends.push(length);
        }
        // A run ending at i is maximal when the run ending at i + 1 does not extend it.
        let mut runs = Vec::new();
        for i in 0..text.len() {
            let l = ends[i];
            let extended = i + 1 < text.len() && ends[i + 1] == l + 1;
            if l >= min && !extended {
                runs.push((i + 1 - l, i + 1));
            }
        }
        runs
    }
}

/// One text of a record, named for the report.
struct Text {
    file: String,
    field: String,
    text: String,
}

fn texts(site: &atlas::site::Site) -> Vec<Text> {
    let mut out = Vec::new();
    for r in &site.records {
        let mut push = |field: String, text: &str| out.push(Text { file: r.file.clone(), field, text: text.to_string() });
        push("summary".into(), &r.common.summary);
        push("body".into(), &plain(&r.body));
        if let Some(n) = &r.common.note {
            push("note".into(), n);
        }
        for (i, f) in r.common.facts.iter().enumerate() {
            push(format!("facts[{i}].label"), &f.label);
            push(format!("facts[{i}].value"), &f.value);
        }
        match &r.data {
            KindData::Program(p) => {
                if let Some(t) = &p.targets {
                    push("targets".into(), t);
                }
                if let Some(t) = &p.period {
                    push("period".into(), t);
                }
                for (i, b) in p.budgets.iter().enumerate() {
                    push(format!("budgets[{i}].label"), &b.label);
                }
            }
            KindData::Case(c) => {
                if let Some(t) = &c.period {
                    push("period".into(), t);
                }
            }
            _ => {}
        }
    }
    for tax in &site.taxonomies.0 {
        let file = format!("content/taxonomies/{}.yaml", tax.slug);
        if let Some(d) = &tax.description {
            out.push(Text { file: file.clone(), field: "description".into(), text: d.clone() });
        }
        for t in &tax.terms {
            if let Some(d) = &t.description {
                out.push(Text { file: file.clone(), field: format!("{}.description", t.id), text: d.clone() });
            }
        }
    }
    for s in &site.sources {
        out.push(Text { file: s.file.clone(), field: "covers".into(), text: s.source.covers.clone() });
    }
    out
}

/// Names that may be shared with the sources wherever they occur.
fn names(site: &atlas::site::Site) -> Vec<Vec<char>> {
    let mut names: Vec<String> = Vec::new();
    for r in &site.records {
        names.push(r.common.name.clone());
        names.extend(r.common.short_name.clone());
    }
    names.extend(site.sources.iter().map(|s| s.source.title.clone()));
    let mut out: Vec<Vec<char>> = names.iter().map(|n| normalize(n).chars).filter(|n| n.len() >= 3).collect();
    out.sort_by_key(|n| std::cmp::Reverse(n.len()));
    out.dedup();
    out
}

/// Why a normalized position is not prose, if it is not.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Excuse {
    Name,
    Quoted,
    List,
    Figure,
}

/// Marks the positions of `text` that are names or quotations.
fn marks(text: &str, norm: &Normalized, names: &[Vec<char>]) -> Vec<Option<Excuse>> {
    let mut marks = vec![None; norm.chars.len()];
    // Quotations, by depth of brackets in the original text.
    let mut depth = 0i32;
    let quoted: Vec<bool> = text
        .chars()
        .map(|c| {
            let inside = depth > 0;
            match c {
                '「' | '『' | '“' => depth += 1,
                '」' | '』' | '”' => depth = (depth - 1).max(0),
                _ => {}
            }
            inside || matches!(c, '「' | '『' | '“')
        })
        .collect();
    for (i, &o) in norm.origin.iter().enumerate() {
        if quoted.get(o).copied().unwrap_or(false) {
            marks[i] = Some(Excuse::Quoted);
        }
    }
    for name in names {
        let n = name.len();
        if n > norm.chars.len() {
            continue;
        }
        for start in 0..=norm.chars.len() - n {
            if norm.chars[start..start + n] == name[..] {
                for m in &mut marks[start..start + n] {
                    m.get_or_insert(Excuse::Name);
                }
            }
        }
    }
    marks
}

/// Pieces of a run left when names and quotations are taken out, with
/// lists and figures recognized.
fn prose_pieces(chars: &[char], marks: &[Option<Excuse>]) -> Vec<(usize, usize, Option<Excuse>)> {
    let mut pieces = Vec::new();
    let mut start = None;
    for i in 0..=chars.len() {
        let free = i < chars.len() && marks[i].is_none();
        match (free, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                pieces.push((s, i, classify(&chars[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    pieces
}

fn classify(piece: &[char]) -> Option<Excuse> {
    let digits = piece.iter().filter(|c| c.is_ascii_digit()).count();
    if digits * 3 >= piece.len() {
        return Some(Excuse::Figure);
    }
    if piece.iter().all(|c| c.is_ascii()) {
        return Some(Excuse::Name);
    }
    let items: Vec<&[char]> = piece.split(|c| matches!(c, '、' | '，' | ',' | '／' | '/')).collect();
    if items.len() >= 3 && items.iter().all(|i| i.len() <= LIST_ITEM) {
        return Some(Excuse::List);
    }
    None
}

struct Finding {
    file: String,
    field: String,
    run: String,
    prose: Vec<String>,
    excused: Vec<(String, Excuse)>,
}

fn findings() -> Vec<Finding> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = atlas::load_site(root).unwrap_or_else(|e| panic!("the shipped atlas does not load: {e:?}"));
    let seeds = seeds_dir(root);
    let mut corpus: Vec<char> = Vec::new();
    for (n, s) in site.sources.iter().enumerate() {
        let file = s.source.file.as_deref().unwrap_or_else(|| panic!("{} names no file", s.file));
        let text = std::fs::read_to_string(seeds.join(file)).unwrap_or_else(|e| panic!("{}: {e}", seeds.join(file).display()));
        corpus.extend(normalize(&text).chars);
        // A separator no text contains, so that no run spans two documents.
        corpus.push(char::from_u32(0xE000 + n as u32).unwrap_or('\u{E000}'));
    }
    let automaton = Automaton::new(&corpus);
    let names = names(&site);
    let mut out = Vec::new();
    for t in texts(&site) {
        let norm = normalize(&t.text);
        let runs = automaton.shared_runs(&norm.chars, MIN_RUN);
        if runs.is_empty() {
            continue;
        }
        let marks = marks(&t.text, &norm, &names);
        for (s, e) in runs {
            let chars = &norm.chars[s..e];
            let mut prose = Vec::new();
            let mut excused = Vec::new();
            for (ps, pe, why) in prose_pieces(chars, &marks[s..e]) {
                let piece: String = chars[ps..pe].iter().collect();
                match why {
                    None if pe - ps >= MIN_RUN => prose.push(piece),
                    None => {}
                    Some(w) => excused.push((piece, w)),
                }
            }
            // Each stretch of names or quotations in the run, once.
            for i in s..e {
                let starts = i == s || marks[i - 1] != marks[i];
                if let (Some(w), true) = (marks[i], starts) {
                    let end = (i..e).find(|&j| marks[j] != Some(w)).unwrap_or(e);
                    excused.push((norm.chars[i..end].iter().collect(), w));
                }
            }
            out.push(Finding { file: t.file.clone(), field: t.field.clone(), run: chars.iter().collect(), prose, excused });
        }
    }
    out
}

#[test]
fn record_text_shares_no_prose_run_of_30_characters_with_the_sources() {
    let all = findings();
    if std::env::var_os("COPY_CHECK_REPORT").is_some() {
        for f in &all {
            println!("{} [{}] {} chars: {}", f.file, f.field, f.run.chars().count(), f.run);
            for p in &f.prose {
                println!("    PROSE {p}");
            }
            for (p, w) in &f.excused {
                println!("    {w:?}: {p}");
            }
        }
        println!("{} shared runs, {} with prose", all.len(), all.iter().filter(|f| !f.prose.is_empty()).count());
    }
    let copied: Vec<String> =
        all.iter().filter(|f| !f.prose.is_empty()).map(|f| format!("{} [{}]: {}", f.file, f.field, f.prose.join(" … "))).collect();
    assert!(
        copied.is_empty(),
        "{} passages repeat the sources' wording for 30 characters or more; write them in your own words:\n{}",
        copied.len(),
        copied.join("\n")
    );
}

#[test]
fn the_check_finds_a_copied_sentence_and_excuses_names_lists_and_figures() {
    let mut a =
        Automaton::new(&normalize("ああ本事業は地域の医療現場のニーズと地域の優れたシーズのマッチング体制を整備するものですいい").chars);
    let text = normalize("この事業は地域の医療現場のニーズと地域の優れたシーズのマッチング体制を整備するものです。");
    let runs = a.shared_runs(&text.chars, MIN_RUN);
    assert_eq!(runs.len(), 1);
    assert!(runs[0].1 - runs[0].0 >= MIN_RUN);
    let quoted = "「地域の医療現場のニーズと地域の優れたシーズのマッチング体制を整備するもの」です。";
    let norm = normalize(quoted);
    let m = marks(quoted, &norm, &[]);
    assert!(prose_pieces(&norm.chars, &m).iter().all(|(s, e, _)| e - s < MIN_RUN));
    assert_eq!(classify(&"札幌市、仙台市、さいたま市、千葉市、横浜市".chars().collect::<Vec<_>>()), Some(Excuse::List));
    assert_eq!(classify(&"1,024百万円（前年度 1,072百万円）".chars().collect::<Vec<_>>()), Some(Excuse::Figure));
    a = Automaton::new(&normalize("ａｂｃ").chars);
    assert_eq!(a.shared_runs(&normalize("abc").chars, 3), vec![(0, 3)]);
}

/// Names as the sources write them: every organization's name occurs in a
/// source document (an official name that no source states is an alias,
/// with a note saying so).
#[test]
fn organization_names_are_written_as_the_sources_write_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = atlas::load_site(root).unwrap_or_else(|e| panic!("the shipped atlas does not load: {e:?}"));
    let seeds = seeds_dir(root);
    let corpus: String = site
        .sources
        .iter()
        .filter_map(|s| std::fs::read_to_string(seeds.join(s.source.file.as_deref()?)).ok())
        .flat_map(|text| normalize(&text).chars)
        .collect();
    let unstated: Vec<String> = site
        .of_kind(atlas::schema::Kind::Organization)
        .filter(|(_, r)| !corpus.contains(&normalize(&r.common.name).chars.iter().collect::<String>()))
        .map(|(_, r)| format!("{}: {}", r.file, r.common.name))
        .collect();
    assert!(unstated.is_empty(), "names no source writes:\n{}", unstated.join("\n"));
}
