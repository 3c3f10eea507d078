//! Search synonyms are content (content/synonyms.yaml), not code: groups of
//! words that find the same records (海外展開 ~ 国際展開). The search index
//! applies them at build time, so the browser client needs no synonym logic
//! to match, only the groups to highlight.

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::text::normalize;
use serde::Deserialize;

/// Where the synonyms live, relative to the site root.
pub const FILE: &str = "content/synonyms.yaml";

/// Variants per indexed text at most, so that a long text that mentions
/// many synonyms cannot multiply the index.
const MAX_VARIANTS: usize = 16;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[serde(default)]
    groups: Vec<Vec<String>>,
}

/// Validated synonym groups, each word normalized (`text::normalize`).
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    /// Every word of every group, in group order, to find in one pass over
    /// a text which of them it contains (the index asks this of every text).
    finder: Option<aho_corasick::AhoCorasick>,
}

impl Synonyms {
    /// Parses and validates the text of content/synonyms.yaml.
    pub fn parse(text: &str) -> Result<Synonyms, Vec<Diagnostic>> {
        let file: SynonymsFile = crate::yaml::from_str(text).map_err(|mut e| {
            // Syntax errors keep their own advice; a wrong shape gets the file's.
            if e.field.is_some() || matches!(*e.help, Message::WrongValueHelp) {
                e.help = Box::new(Message::SynonymsShapeHelp);
            }
            vec![e.diagnostic(FILE)]
        })?;
        let mut errors = Vec::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        let mut seen: std::collections::HashMap<String, (usize, String)> = std::collections::HashMap::new();
        for (g, words) in file.groups.iter().enumerate() {
            let mut group = Vec::new();
            for (w, word) in words.iter().enumerate() {
                let field = format!("groups[{g}][{w}]");
                let at = |message: Message| {
                    let (line, column) = crate::yaml::locate::locate(text, &field);
                    Diagnostic::new(FILE, line, message).column(column).field(&field)
                };
                let n = normalize(word);
                if n.chars().count() < 2 {
                    errors.push(at(Message::SynonymTooShort { word: word.clone() }).help(Message::SynonymTooShortHelp));
                } else if n.contains(' ') {
                    errors.push(at(Message::SynonymSpace { word: word.clone() }).help(Message::SynonymSpaceHelp));
                } else if let Some((other, written)) = seen.get(&n) {
                    let help = if *other == g {
                        Message::SynonymRepeatHelp
                    } else {
                        Message::SynonymMergeHelp { word: written.clone(), group: *other }
                    };
                    errors.push(at(Message::SynonymTwice { word: word.clone() }).help(help));
                } else {
                    seen.insert(n.clone(), (g, word.clone()));
                    group.push(n);
                }
            }
            if words.len() < 2 {
                let field = format!("groups[{g}]");
                let (line, column) = crate::yaml::locate::locate(text, &field);
                errors.push(
                    Diagnostic::new(FILE, line, Message::SynonymGroupSmall)
                        .column(column)
                        .field(field)
                        .help(Message::SynonymGroupSmallHelp),
                );
            }
            // Longest first, so that a word containing another is replaced whole.
            group.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
            groups.push(group);
        }
        if errors.is_empty() { Ok(Synonyms::new(groups)) } else { Err(errors) }
    }

    /// The groups, each sorted longest word first.
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    fn new(groups: Vec<Vec<String>>) -> Synonyms {
        let finder = aho_corasick::AhoCorasick::new(groups.iter().flatten()).ok();
        Synonyms { groups, finder }
    }

    /// The other ways of writing a normalized text: for every synonym word
    /// it contains, the text with that word replaced by each other word of
    /// its group. The text itself is not included.
    pub fn variants(&self, text: &str) -> Vec<String> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        // Which words occur, by their number in group order.
        let mut present = vec![false; finder.patterns_len()];
        let mut any = false;
        for m in finder.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
            any = true;
        }
        let mut out: Vec<String> = Vec::new();
        if !any {
            return out;
        }
        let mut first = 0;
        for group in &self.groups {
            let found = group.iter().enumerate().find(|(w, _)| present[first + w]).map(|(_, w)| w);
            first += group.len();
            let Some(found) = found else {
                continue;
            };
            for other in group.iter().filter(|w| *w != found) {
                let v = text.replace(found.as_str(), other);
                if !out.contains(&v) {
                    out.push(v);
                }
                if out.len() >= MAX_VARIANTS {
                    return out;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_normalized_and_applied() {
        let s = Synonyms::parse("groups:\n  - [海外展開, 国際展開]\n  - [経産省, 経済産業省, （経）]\n").unwrap();
        assert_eq!(s.groups[1], vec!["経済産業省", "(経)", "経産省"]);
        assert_eq!(s.variants("企業の海外展開を支援"), vec!["企業の国際展開を支援"]);
        let v = s.variants("経済産業省の事業");
        assert!(v.contains(&"経産省の事業".to_string()) && v.contains(&"(経)の事業".to_string()), "{v:?}");
        assert!(s.variants("関係のない文").is_empty());
    }

    #[test]
    fn problems_name_the_word() {
        let e = Synonyms::parse("groups:\n  - [海外展開, 国際展開]\n  - [国際展開, グローバル]\n  - [経]\n  - [医療 機器, 医療機器]\n")
            .unwrap_err();
        let text: Vec<String> =
            e.iter().map(|d| format!("{}:{} {:?} {}", d.file, d.line, d.field, d.message.text(crate::messages::Lang::En))).collect();
        assert!(text.iter().any(|t| t.contains(":3 ") && t.contains("groups[1][0]") && t.contains("appears twice")), "{text:?}");
        assert!(text.iter().any(|t| t.contains(":4 ") && t.contains("too short")), "{text:?}");
        assert!(text.iter().any(|t| t.contains(":4 ") && t.contains("at least two words")), "{text:?}");
        assert!(text.iter().any(|t| t.contains(":5 ") && t.contains("contains a space")), "{text:?}");
        assert!(Synonyms::parse("group: []\n").is_err());
    }
}
