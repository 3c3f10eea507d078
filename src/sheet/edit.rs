//! Minimal edits of a record file: one top-level front matter field is
//! replaced, added or removed as text, so that every other line (order,
//! comments, quoting, the Markdown body) stays byte for byte as it was.

use crate::content::frontmatter;
use crate::yaml::Value;

/// A record file's text with its front matter located.
pub struct RecordText<'a> {
    text: &'a str,
    front: std::ops::Range<usize>,
    body_start: usize,
}

impl<'a> RecordText<'a> {
    pub fn new(text: &'a str) -> Option<RecordText<'a>> {
        let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        let split = frontmatter::split(&text[bom..]).ok()?;
        let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
        let front_start = offset(split.front);
        Some(RecordText { text, front: front_start..front_start + split.front.len(), body_start: offset(split.body) })
    }
    pub fn front(&self) -> &'a str {
        &self.text[self.front.clone()]
    }
    pub fn body(&self) -> &'a str {
        &self.text[self.body_start..]
    }
    /// The file with another front matter and body.
    pub fn with(&self, front: &str, body: &str) -> String {
        let closing = &self.text[self.front.end..self.body_start];
        format!("{}{front}{closing}{body}", &self.text[..self.front.start])
    }
}

/// The text of a new record file.
pub fn new_record(fields: &[(String, Value)], body: &str) -> String {
    let mut front = String::new();
    for (name, value) in fields {
        front.push_str(&emit_field(name, value));
        front.push('\n');
    }
    format!("---\n{front}---\n{body}")
}

/// Lines [start, end) of each top-level field of `lines`: the key's line
/// and the lines that continue its value (indented, or list items); blank
/// lines and comments that follow stay outside.
fn blocks(lines: &[&str]) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let top_key = |l: &str| {
        if l.starts_with([' ', '\t', '#', '-']) {
            return None;
        }
        let (key, _) = l.split_once(':')?;
        Some(key.trim().trim_matches(['"', '\'']).to_string())
    };
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if let Some(key) = top_key(line) {
            out.push((key, i, i + 1));
            open = true;
        } else if line.trim().is_empty() {
            // A blank line neither ends a value nor belongs to it.
        } else if open && line.starts_with([' ', '\t', '-']) {
            if let Some(last) = out.last_mut() {
                last.2 = i + 1;
            }
        } else {
            // A comment (or anything else) at the margin.
            open = false;
        }
    }
    out
}

/// `front` with the field `name` set to `value` (`None` removes it). A new
/// field goes after the nearest field before it in `order` (the schema's
/// order), so files keep the order `atlas new` writes.
pub fn set_field(front: &str, order: &[String], name: &str, value: Option<&Value>) -> String {
    let eol = if front.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = front.lines().collect();
    let found = blocks(&lines);
    let new_lines: Vec<String> = value.map(|v| emit_field(name, v).lines().map(str::to_string).collect()).unwrap_or_default();
    let (start, end) = match found.iter().find(|b| b.0 == name) {
        Some(&(_, s, e)) => (s, e),
        None if value.is_none() => return front.to_string(),
        None => {
            let position = order.iter().position(|n| n == name).unwrap_or(order.len());
            let before = found.iter().filter(|b| order.iter().position(|n| *n == b.0).is_some_and(|p| p < position)).map(|b| b.2).max();
            let at = before.unwrap_or_else(|| found.first().map(|b| b.1).unwrap_or(lines.len()));
            (at, at)
        }
    };
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    out.extend(new_lines);
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    let mut text = out.join(eol);
    if !text.is_empty() {
        text.push_str(eol);
    }
    text
}

/// `name: value` as YAML lines (joined with `\n`), in the style of the
/// shipped records: short lists of plain values in flow style, lists of
/// mappings as indented block items.
pub fn emit_field(name: &str, value: &Value) -> String {
    match value {
        Value::Sequence(items) if items.iter().all(|v| !matches!(v, Value::Mapping(_))) => {
            let texts: Vec<String> = items.iter().map(scalar).collect();
            if items.iter().zip(&texts).all(|(v, t)| flow_safe(v, t)) {
                format!("{name}: [{}]", texts.join(", "))
            } else {
                let mut out = format!("{name}:");
                for t in texts {
                    out.push_str(&format!("\n  - {t}"));
                }
                out
            }
        }
        Value::Sequence(items) => {
            let mut out = format!("{name}:");
            for item in items {
                let Value::Mapping(map) = item else { continue };
                let mut first = true;
                for (k, v) in map {
                    let key = k.as_str().unwrap_or_default();
                    out.push_str(&format!("\n{}{key}: {}", if first { "  - " } else { "    " }, scalar(v)));
                    first = false;
                }
            }
            out
        }
        v => format!("{name}: {}", scalar(v)),
    }
}

/// One scalar on one line: plain or quoted as serde_yaml writes it, or a
/// double-quoted string (JSON's escapes are YAML's) if it spans lines.
fn scalar(v: &Value) -> String {
    let text = serde_yaml::to_string(v).unwrap_or_default();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if text.contains('\n') {
        match v {
            Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
            _ => text.replace('\n', " "),
        }
    } else {
        text.to_string()
    }
}

/// Whether a plain scalar may stand inside `[…]` as it is.
fn flow_safe(v: &Value, text: &str) -> bool {
    match v {
        Value::String(s) => s == text && !s.contains([',', '[', ']', '{', '}', '#', ':', '"', '\'']),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Vec<String> {
        ["id", "name", "summary", "sources", "updated", "implementers", "stages", "budgets"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn replaces_adds_and_removes_fields() {
        let front = "id: a\nname: A  # kept\nsources:\n  - source: s\n    section: p\n\n# comment\nupdated: 2024-01-01\n";
        let v = Value::Sequence(vec![Value::String("stage-1".into()), Value::String("段階②".into())]);
        let added = set_field(front, &order(), "stages", Some(&v));
        assert_eq!(added, format!("{front}stages: [stage-1, 段階②]\n"));
        let replaced = set_field(&added, &order(), "name", Some(&Value::String("B: c".into())));
        assert!(replaced.starts_with("id: a\nname: 'B: c'\nsources:\n  - source: s\n"), "{replaced}");
        let removed = set_field(front, &order(), "sources", None);
        assert_eq!(removed, "id: a\nname: A  # kept\n\n# comment\nupdated: 2024-01-01\n");
        let implementers = set_field(front, &order(), "implementers", Some(&Value::Sequence(vec![Value::String("amed".into())])));
        assert!(implementers.ends_with("updated: 2024-01-01\nimplementers: [amed]\n"), "{implementers}");
        let crlf = set_field("id: a\r\nname: A\r\n", &order(), "name", Some(&Value::String("B".into())));
        assert_eq!(crlf, "id: a\r\nname: B\r\n");
    }

    #[test]
    fn block_lists_of_mappings_and_multiline_text() {
        let mut m = crate::yaml::Mapping::new();
        m.insert(Value::String("source".into()), Value::String("s".into()));
        m.insert(Value::String("section".into()), Value::String("1. 概要".into()));
        assert_eq!(emit_field("sources", &Value::Sequence(vec![Value::Mapping(m)])), "sources:\n  - source: s\n    section: 1. 概要");
        assert_eq!(emit_field("note", &Value::String("a\nb".into())), "note: \"a\\nb\"");
        let parsed: crate::yaml::Value = crate::yaml::parse(&emit_field("note", &Value::String("a\n\"b\"".into()))).unwrap();
        assert_eq!(parsed.get("note").and_then(Value::as_str), Some("a\n\"b\""));
    }

    #[test]
    fn record_text_keeps_the_body() {
        let text = "---\nid: a\n---\n\nbody\n";
        let r = RecordText::new(text).unwrap();
        assert_eq!((r.front(), r.body()), ("id: a\n", "\nbody\n"));
        assert_eq!(r.with(r.front(), r.body()), text);
        assert_eq!(r.with("id: b\n", r.body()), "---\nid: b\n---\n\nbody\n");
    }
}
