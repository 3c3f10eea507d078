//! Where an author went wrong in YAML that does not parse. The parser
//! notices a mistake only where the document stops making sense (an
//! unclosed quote at its very end); this scan of the text, line by line,
//! finds the mistakes records are written with — tabs, unclosed quotes and
//! brackets, `: ` in an unquoted value, keys indented unlike their
//! siblings, a field written twice — at their own line and column. It runs
//! only after the parser failed, and only its findings on or before the
//! parser's line count: the parser stops at the first mistake.

use crate::messages::Message;
use std::collections::HashMap;

/// A located syntax error; line and column 1-based, the column in characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub message: Message,
    pub help: Message,
    pub line: usize,
    pub column: usize,
}

/// The mistake in `text`, given what the parser said and where.
pub fn diagnose(text: &str, parser_message: &str, (line, column): (usize, usize)) -> Found {
    let found = Scan::new(text).run();
    // A duplicate key is reported at its mapping's start, before the
    // second occurrence; any other mistake stops the parser at or after it.
    let duplicate = parser_message.contains("duplicate entry with key");
    let first = found.into_iter().find(|f| duplicate || f.line <= line);
    first.unwrap_or_else(|| Found {
        message: Message::YamlSyntax { detail: parser_message.to_string() },
        help: Message::YamlSyntaxHelp,
        line,
        column,
    })
}

/// What a line holds, for the indentation check.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// `- …`
    Item,
    /// `key: …`
    Key,
    /// Anything else (text continuing a value).
    Text,
}

/// An open block: its indentation, its shape, and the keys seen in it.
struct Level {
    indent: usize,
    shape: Shape,
    /// Key → (line, column) of its first occurrence.
    keys: HashMap<String, usize>,
    /// Line and key that opened the level (for the indentation help).
    line: usize,
    key: String,
}

struct Scan {
    lines: Vec<Vec<char>>,
    found: Vec<Found>,
    levels: Vec<Level>,
}

impl Scan {
    fn new(text: &str) -> Scan {
        Scan { lines: text.lines().map(|l| l.trim_end_matches('\r').chars().collect()).collect(), found: Vec::new(), levels: Vec::new() }
    }

    fn push(&mut self, line: usize, column: usize, message: Message, help: Message) {
        self.found.push(Found { message, help, line: line + 1, column: column + 1 });
    }

    /// Every finding, in the order of the text.
    fn run(mut self) -> Vec<Found> {
        let mut n = 0;
        // The previous line ended with a key whose value is on the lines below.
        let mut opens: Option<usize> = None;
        while n < self.lines.len() {
            let line = self.lines[n].clone();
            let indent = line.iter().take_while(|&&c| c == ' ').count();
            let rest = &line[indent..];
            if rest.first() == Some(&'\t') {
                self.push(n, indent, Message::YamlTab, Message::YamlTabHelp);
                n += 1;
                continue;
            }
            if rest.is_empty() || rest[0] == '#' || (indent == 0 && (starts(rest, "---") || starts(rest, "..."))) {
                n += 1;
                continue;
            }
            // Items `- ` (several on one line: `- - a`) and then the key, if any.
            let mut at = indent;
            let mut item = false;
            while line.get(at) == Some(&'-') && line.get(at + 1).is_none_or(|c| *c == ' ') {
                item = true;
                at += 1;
                while line.get(at) == Some(&' ') {
                    at += 1;
                }
            }
            let key = key_at(&line, at);
            let shape = if item {
                Shape::Item
            } else if key.is_some() {
                Shape::Key
            } else {
                Shape::Text
            };
            self.indentation(n, indent, shape, opens);
            if item && let Some((k, _)) = &key {
                // The item's own mapping starts at its first key.
                self.levels.push(Level { indent: at, shape: Shape::Key, keys: HashMap::new(), line: n, key: k.clone() });
            }
            if let Some((k, _)) = &key {
                self.key(n, at, k);
            }
            let value_start = match &key {
                Some((_, v)) => *v,
                None if item => at,
                None => {
                    // Text continuing a plain value of the line above.
                    opens = None;
                    n += 1;
                    continue;
                }
            };
            let (next, open) = self.value(n, value_start, key.as_ref().map(|(k, _)| k.as_str()).unwrap_or(""), indent);
            opens = if open { Some(if item { at } else { indent }) } else { None };
            n = next;
        }
        self.found
    }

    /// Checks a line's indentation against the open blocks and updates them.
    fn indentation(&mut self, n: usize, indent: usize, shape: Shape, opens: Option<usize>) {
        if shape == Shape::Text {
            return;
        }
        if let Some(parent) = opens {
            // A block value: deeper, or a list at its key's own indentation.
            if indent > parent || (indent == parent && shape == Shape::Item) {
                self.levels.push(Level { indent, shape, keys: HashMap::new(), line: n, key: String::new() });
                return;
            }
        }
        let mut popped = None;
        while let Some(top) = self.levels.last() {
            let deeper = top.indent > indent;
            // An item list written at its key's indentation ends where a key is.
            let list_ends = top.indent == indent && top.shape == Shape::Item && shape == Shape::Key;
            if !(deeper || list_ends) {
                break;
            }
            popped = self.levels.pop();
        }
        match self.levels.last() {
            Some(top) if top.indent == indent => {}
            Some(top) if top.indent < indent || popped.is_some() => {
                // Deeper than its siblings while nothing opened a block, or
                // between two levels: point at the sibling it should match.
                let like = popped.filter(|p| p.indent > indent).unwrap_or(Level {
                    indent: top.indent,
                    shape: top.shape,
                    keys: HashMap::new(),
                    line: top.line,
                    key: top.key.clone(),
                });
                let (line, key, spaces) = (like.line + 1, like.key.clone(), like.indent);
                if shape == Shape::Key || shape == Shape::Item {
                    self.push(n, indent, Message::YamlBadIndent, Message::YamlBadIndentHelp { key, line, spaces });
                }
                self.levels.push(like);
            }
            _ => self.levels.push(Level { indent, shape, keys: HashMap::new(), line: n, key: String::new() }),
        }
    }

    /// Records a key in the mapping it belongs to; a second one is an error.
    fn key(&mut self, n: usize, column: usize, key: &str) {
        let Some(level) = self.levels.last_mut() else { return };
        // The level's latest key: the sibling a wrongly indented line is compared with.
        level.key = key.to_string();
        level.line = n;
        if let Some(&first) = level.keys.get(key) {
            self.push(n, column, Message::YamlDuplicateKey { key: key.to_string(), first: first + 1 }, Message::YamlDuplicateKeyHelp);
        } else {
            level.keys.insert(key.to_string(), n);
        }
    }

    /// Checks the value starting at `start` on line `n`; returns the next
    /// line to scan and whether the value is a block on the lines below.
    fn value(&mut self, n: usize, start: usize, key: &str, indent: usize) -> (usize, bool) {
        let line = self.lines[n].clone();
        let mut at = start;
        while line.get(at) == Some(&' ') {
            at += 1;
        }
        match line.get(at) {
            None | Some('#') => (n + 1, true),
            Some(&q @ ('"' | '\'')) => (self.quoted(n, at, q, indent), false),
            Some('[' | '{') => (self.flow(n, at, indent), false),
            Some('|' | '>') => (self.skip_block_scalar(n, indent), false),
            Some(_) => {
                // A plain value: `: ` inside it (before a ` #` comment) is an error.
                let mut i = at;
                while i < line.len() {
                    if line[i] == '#' && line[i - 1] == ' ' {
                        break;
                    }
                    if line[i] == ':' && line.get(i + 1).is_none_or(|c| *c == ' ') {
                        self.push(n, i, Message::YamlColonInValue { key: key.to_string() }, Message::YamlColonInValueHelp);
                        break;
                    }
                    i += 1;
                }
                (n + 1, false)
            }
        }
    }

    /// A quoted value opened at (n, at): it must close before the next key
    /// of its mapping or the end. Returns the line after it.
    fn quoted(&mut self, n: usize, at: usize, quote: char, indent: usize) -> usize {
        let (mut line, mut i) = (n, at + 1);
        loop {
            let chars = &self.lines[line];
            while i < chars.len() {
                match chars[i] {
                    '\\' if quote == '"' => i += 1,
                    c if c == quote && quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
                    c if c == quote => return line + 1,
                    _ => {}
                }
                i += 1;
            }
            line += 1;
            if self.value_ended(line, indent) {
                let q = format!("{quote}");
                self.push(n, at, Message::YamlUnclosedQuote { quote: q.clone() }, Message::YamlUnclosedQuoteHelp { quote: q });
                return line;
            }
            i = 0;
        }
    }

    /// A flow collection opened at (n, at): brackets must pair up before the
    /// next key of its mapping or the end. Returns the line after it.
    fn flow(&mut self, n: usize, at: usize, indent: usize) -> usize {
        let mut open: Vec<(usize, usize, char)> = Vec::new();
        let (mut line, mut i) = (n, at);
        let mut quote: Option<char> = None;
        loop {
            let chars = self.lines[line].clone();
            while i < chars.len() {
                let c = chars[i];
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None => match c {
                        '"' | '\'' if i == 0 || matches!(chars[i - 1], '[' | '{' | ',' | ' ' | ':') => quote = Some(c),
                        '[' | '{' => open.push((line, i, c)),
                        ']' | '}' => {
                            let expected = if c == ']' { '[' } else { '{' };
                            if open.last().map(|o| o.2) != Some(expected) {
                                let (message, help) =
                                    (Message::YamlUnexpectedBracket { bracket: c.to_string() }, Message::YamlUnexpectedBracketHelp);
                                self.push(line, i, message, help);
                                return line + 1;
                            }
                            open.pop();
                            if open.is_empty() {
                                self.after_flow(line, i + 1);
                                return line + 1;
                            }
                        }
                        '#' if i > 0 && chars[i - 1] == ' ' => break,
                        _ => {}
                    },
                }
                i += 1;
            }
            line += 1;
            if self.value_ended(line, indent) {
                let (l, c, bracket) = open[0];
                let close = if bracket == '[' { "]" } else { "}" };
                let message = Message::YamlUnclosedBracket { open: bracket.to_string() };
                self.push(l, c, message, Message::YamlUnclosedBracketHelp { close: close.to_string() });
                return line;
            }
            i = 0;
        }
    }

    /// Whether a value of a key indented by `indent`, still open, cannot go
    /// on at `line`: the text ends there, or the next key or item of the
    /// mapping starts (authors never mean a quote or bracket to span those).
    fn value_ended(&self, line: usize, indent: usize) -> bool {
        self.lines.get(line).is_none_or(|l| {
            let ind = l.iter().take_while(|&&c| c == ' ').count();
            ind <= indent && (key_at(l, ind).is_some() || l.get(ind) == Some(&'-'))
        })
    }

    /// After a closed flow collection only a comment may follow; an extra
    /// closing bracket is the usual mistake.
    fn after_flow(&mut self, n: usize, from: usize) {
        let chars = &self.lines[n];
        let Some(at) = (from..chars.len()).find(|&i| chars[i] != ' ') else { return };
        if matches!(chars[at], ']' | '}') {
            let message = Message::YamlUnexpectedBracket { bracket: chars[at].to_string() };
            self.push(n, at, message, Message::YamlUnexpectedBracketHelp);
        }
    }

    /// The lines of a `|` or `>` block scalar: deeper than its key, or blank.
    fn skip_block_scalar(&self, n: usize, indent: usize) -> usize {
        let mut line = n + 1;
        while let Some(l) = self.lines.get(line) {
            let blank = l.iter().all(|c| *c == ' ');
            if !blank && l.iter().take_while(|&&c| c == ' ').count() <= indent {
                break;
            }
            line += 1;
        }
        line
    }
}

fn starts(chars: &[char], prefix: &str) -> bool {
    prefix.chars().enumerate().all(|(i, c)| chars.get(i) == Some(&c))
}

/// A `key:` at `at` (plain or quoted, followed by a space or the line's
/// end): the key and the column where its value starts.
fn key_at(line: &[char], at: usize) -> Option<(String, usize)> {
    let first = *line.get(at)?;
    if matches!(first, '[' | '{' | '#' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`') {
        return None;
    }
    let end = if first == '"' || first == '\'' {
        let close = line[at + 1..].iter().position(|&c| c == first)? + at + 1;
        (line.get(close + 1) == Some(&':')).then_some(close + 1)?
    } else {
        let mut i = at;
        loop {
            match line.get(i) {
                None => return None,
                Some(':') if line.get(i + 1).is_none_or(|c| *c == ' ') => break i,
                Some('#') if i > at && line[i - 1] == ' ' => return None,
                _ => i += 1,
            }
        }
    };
    let key: String = line[at..end].iter().collect();
    let key = key.trim().trim_matches(['"', '\'']).to_string();
    Some((key, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The finding for a text that does not parse (the parser's own
    /// position is taken from serde_yaml, as in `yaml::parse`).
    fn found(text: &str) -> Found {
        let e = crate::yaml::parse(text).unwrap_err();
        Found { message: *e.message, help: *e.help, line: e.line, column: e.column }
    }

    #[test]
    fn unclosed_quote_is_reported_at_its_opening() {
        let f = found("id: a\nname: b\nsummary: \"医療機器の開発を支援する。\nowner: c\nstages: [stage-1]\nupdated: 2026-11-01\n");
        assert_eq!((f.line, f.column), (3, 10), "{f:?}");
        assert_eq!(f.message, Message::YamlUnclosedQuote { quote: "\"".into() });
        let f = found("id: a\nnote: '資料の記載\n");
        assert_eq!((f.line, f.column, f.message.code()), (2, 7, "yaml.unclosed-quote"), "{f:?}");
    }

    #[test]
    fn unclosed_bracket_is_reported_at_its_opening() {
        let f = found("id: a\nname: [試作開発ラボ\nsummary: b\n");
        assert_eq!((f.line, f.column, f.message.code()), (2, 7, "yaml.unclosed-bracket"), "{f:?}");
        assert_eq!(f.help, Message::YamlUnclosedBracketHelp { close: "]".into() });
        let f = found("id: a\nstages: [stage-2, stage-9\nupdated: 2026-11-01\n");
        assert_eq!((f.line, f.column), (2, 9), "{f:?}");
        let f = found("id: a\nstages: [stage-2, stage-9]]\n");
        assert_eq!((f.line, f.column, f.message.code()), (2, 27, "yaml.unexpected-bracket"), "{f:?}");
    }

    #[test]
    fn tab_is_reported_where_it_is() {
        let f = found("id: a\nplaces:\n\t- city-saitama\n");
        assert_eq!((f.line, f.column, f.message.code()), (3, 1, "yaml.tab"), "{f:?}");
        let f = found("id: a\nbudgets:\n  - fiscal_year: 2023\n  \tlabel: x\n");
        assert_eq!((f.line, f.column, f.message.code()), (4, 3, "yaml.tab"), "{f:?}");
    }

    #[test]
    fn colon_in_an_unquoted_value() {
        let f = found("id: a\nnote: 注記: 2023年時点の資料による\nupdated: 2026-11-01\n");
        assert_eq!((f.line, f.column), (2, 9), "{f:?}");
        assert_eq!(f.message, Message::YamlColonInValue { key: "note".into() });
        let f = found("sources:\n  - source: a\n    section: 第1章: 概要\n");
        assert_eq!((f.line, f.column, f.message.code()), (3, 17, "yaml.colon-in-value"), "{f:?}");
    }

    #[test]
    fn bad_indentation_points_at_the_line_and_its_sibling() {
        // A sibling key indented one space too deep.
        let f = found("id: a\nname: b\n summary: c\nupdated: 2026-11-01\n");
        assert_eq!((f.line, f.column, f.message.code()), (3, 2, "yaml.bad-indent"), "{f:?}");
        assert_eq!(f.help, Message::YamlBadIndentHelp { key: "name".into(), line: 2, spaces: 0 });
        // A budget row's second key between the item's indentation and its keys'.
        let f = found("id: a\nbudgets:\n  - fiscal_year: 2023\n   label: x\n    amount: 1円\n");
        assert_eq!((f.line, f.column, f.message.code()), (4, 4, "yaml.bad-indent"), "{f:?}");
        assert_eq!(f.help, Message::YamlBadIndentHelp { key: "fiscal_year".into(), line: 3, spaces: 4 });
    }

    #[test]
    fn duplicate_key_points_at_the_second_occurrence() {
        let f = found("id: a\nname: b\nid: c\n");
        assert_eq!((f.line, f.column), (3, 1), "{f:?}");
        assert_eq!(f.message, Message::YamlDuplicateKey { key: "id".into(), first: 1 });
        let f = found("budgets:\n  - label: a\n    amount: 1円\n    label: b\n");
        assert_eq!((f.line, f.column), (4, 5), "{f:?}");
        assert_eq!(f.message, Message::YamlDuplicateKey { key: "label".into(), first: 2 });
        // The same key in two list items is no duplicate.
        assert!(crate::yaml::parse("budgets:\n  - label: a\n  - label: b\nlabel: c\n").is_ok());
    }

    #[test]
    fn other_errors_keep_the_parser_position() {
        let f = found("id: a\nname: b\n- c\n");
        assert_eq!(f.message.code(), "yaml.syntax", "{f:?}");
        assert_eq!(f.line, 3, "{f:?}");
    }

    #[test]
    fn valid_documents_give_no_finding() {
        for text in [
            "id: a\nsummary: \"引用: あり\"\nnote: 'it''s'\nurl: https://example.jp/a:b\n",
            "stages: [stage-1, \"stage-2\"]\nbudgets:\n  - {label: a, amount: 1円}\nsources:\n- source: a\n  section: b\nupdated: 2026-11-01\n",
            "summary: >\n  折り返した\n  文: です\nnote: |\n  a: b\n",
            "name: 長い名前が\n  次の行に続く\nid: a\n",
        ] {
            assert!(crate::yaml::parse(text).is_ok(), "{text}");
            assert_eq!(Scan::new(text).run(), vec![], "{text}");
        }
    }
}
