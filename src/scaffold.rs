//! The record template `atlas new` writes: every field of the kind, each
//! preceded by its description from the schema, with placeholders where the
//! author must write something — and how to recognise them: a record that
//! still holds one is refused by `atlas check` and `atlas build`
//! (`unfinished`), so that no placeholder is ever published.

use crate::calendar::Date;
use crate::fields::{self, Field, Shape};
use crate::messages::Message;
use crate::schema::Kind;
use crate::taxonomy::Taxonomies;
use crate::yaml::Value;
use crate::yaml::locate;
use std::fmt::Write as _;

/// Where editors find the JSON Schema, relative to content/<kind>s/<id>.md.
pub const SCHEMA_PATH: &str = "../../docs/atlas.schema.json";

/// Placeholder for required text the author must replace.
pub const FILL_IN: &str = "（記入してください）";

/// Comment after a value `atlas new` had to choose (the first term of a
/// taxonomy, the first source document): the value is valid, so the comment
/// marks it as not chosen by the author yet.
pub const PROVISIONAL: &str = "仮の値です。正しい値に直して、このコメントを消してください";

/// The body of a new record.
pub const BODY: &str = "（本文: 対象者、支援の内容、実績などを、出典の文を写さずに自分の言葉で書きます。見出しは ## から始めます。）";

/// Taxonomies with at most this many terms are listed in the comment.
const LIST_TERMS_UP_TO: usize = 12;

/// What the template needs from the site.
pub struct SiteFacts<'a> {
    pub taxonomies: &'a Taxonomies,
    /// Id of the source document new records cite until the author changes it.
    pub first_source: &'a str,
    pub today: Date,
}

/// The text of a new record file.
pub fn record(kind: Kind, id: &str, site: &SiteFacts) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# yaml-language-server: $schema={SCHEMA_PATH}");
    let _ = writeln!(
        out,
        "# {}（{}）のレコードです。「#」で始まる行は説明のためのコメントで、サイトには表示されません。\n\
         # 各項目の説明は docs/fields.md、書き方の手順は docs/authoring.md にあります。\n\
         # 【必須】の項目は必ず書きます。それ以外は、出典に記載がなければ空のままにします。\n\
         # 書き終えたら `atlas check` で確かめ、`atlas serve` で表示を確認してください。",
        kind.label(),
        kind.name()
    );
    for f in fields::fields(kind) {
        out.push('\n');
        comment(&mut out, f, site);
        out.push_str(&value(f, id, site));
    }
    let _ = writeln!(out, "---\n\n## 概要\n\n{BODY}");
    out
}

fn comment(out: &mut String, f: &Field, site: &SiteFacts) {
    let required = if f.required { "【必須】" } else { "" };
    let _ = writeln!(out, "# {required}{}", f.description);
    let _ = writeln!(out, "# 値: {}", fields::takes(f));
    if let Some(t) = f.taxonomy.and_then(|slug| site.taxonomies.get(slug.as_str()))
        && t.terms.len() <= LIST_TERMS_UP_TO
    {
        let terms: Vec<String> = t.terms.iter().map(|term| format!("{}（{}）", term.id, term.display())).collect();
        let _ = writeln!(out, "#   {}", terms.join("、"));
    }
    if let Shape::List(items) = &f.shape
        && !f.required
    {
        out.push_str("# 書くときは [] を消して、次の形で 1 件ずつ並べます（行頭の # を外す）:\n");
        for (i, item) in items.iter().enumerate() {
            let lead = if i == 0 { "  - " } else { "    " };
            let req = if item.required { "【必須】" } else { "" };
            let _ = writeln!(out, "# {lead}{}:   # {req}{}", item.name, item.description);
        }
    }
}

fn value(f: &Field, id: &str, site: &SiteFacts) -> String {
    let name = &f.name;
    match &f.shape {
        _ if name == "id" => format!("{name}: {id}\n"),
        Shape::Date if f.required => format!("{name}: {}\n", site.today.iso()),
        Shape::Text if f.required => {
            let first_term = f.taxonomy.and_then(|t| site.taxonomies.get(t.as_str())).and_then(|t| t.terms.first());
            match first_term {
                Some(term) => format!("{name}: {}   # {PROVISIONAL}\n", term.id),
                None => format!("{name}: {FILL_IN}\n"),
            }
        }
        Shape::List(items) if f.required => {
            let mut s = format!("{name}:\n");
            for (i, item) in items.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                let req = if item.required { "【必須】" } else { "" };
                if item.name == "source" {
                    let _ = writeln!(s, "{lead}{}: {}   # {PROVISIONAL}（{req}{}）", item.name, site.first_source, item.description);
                } else {
                    let _ = writeln!(s, "{lead}{}:   # {req}{}", item.name, item.description);
                }
            }
            s
        }
        Shape::TextList | Shape::List(_) => format!("{name}: []\n"),
        Shape::Bool if !f.nullable => format!("{name}: false\n"),
        _ => format!("{name}:\n"),
    }
}

/// A placeholder of `atlas new` left in a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfinished {
    /// 1-based line and column inside the front matter, or inside the body.
    pub line: usize,
    pub column: usize,
    pub in_body: bool,
    /// The field holding it (`body` for the body).
    pub field: String,
    pub message: Message,
    pub help: Message,
}

/// The placeholders `record` writes that are still in a record of `kind`:
/// `FILL_IN` as a value, a value marked `PROVISIONAL`, the `BODY` text.
pub fn unfinished(kind: Kind, front: &str, value: &Value, body: &str) -> Vec<Unfinished> {
    let mut out = Vec::new();
    if front.contains(FILL_IN) || front.contains(PROVISIONAL) {
        let mut scalars = Vec::new();
        scalar_paths(value, String::new(), &mut scalars);
        let fields = fields::fields(kind);
        for (path, v) in &scalars {
            let (line, column) = locate::locate(front, path);
            let what = description(fields, path);
            let on_line = front.lines().nth(line - 1).unwrap_or("");
            // The placeholder itself, where the author writes.
            let column = on_line.find(FILL_IN).map_or(column, |at| on_line[..at].chars().count() + 1);
            let (message, help) = if v.as_str() == Some(FILL_IN) {
                (Message::PlaceholderLeft { field: path.clone(), placeholder: FILL_IN.into() }, Message::PlaceholderLeftHelp { what })
            } else if on_line.contains(PROVISIONAL) {
                (Message::ProvisionalValue { field: path.clone() }, Message::ProvisionalValueHelp { what, marker: PROVISIONAL.into() })
            } else {
                continue;
            };
            out.push(Unfinished { line, column, in_body: false, field: path.clone(), message, help });
        }
    }
    for (i, text) in body.lines().enumerate() {
        if let Some(at) = text.find(BODY) {
            let column = text[..at].chars().count() + 1;
            let (message, help) = (Message::BodyPlaceholder, Message::BodyPlaceholderHelp);
            out.push(Unfinished { line: i + 1, column, in_body: true, field: "body".into(), message, help });
        }
    }
    out
}

/// Every scalar of a parsed front matter with its field path (`sources[0].source`).
fn scalar_paths<'v>(value: &'v Value, path: String, out: &mut Vec<(String, &'v Value)>) {
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = k.as_str().unwrap_or_default();
                scalar_paths(v, if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }, out);
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                scalar_paths(v, format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((path, value)),
    }
}

/// The description of the field at `path` (a field of a list's rows too).
fn description(fields: &[Field], path: &str) -> String {
    let mut parts = path.split('.');
    let top = parts.next().unwrap_or("").split('[').next().unwrap_or("");
    let Some(field) = fields.iter().find(|f| f.name == top) else { return String::new() };
    match (&field.shape, parts.next()) {
        (Shape::List(items), Some(item)) => items.iter().find(|f| f.name == item).map(|f| f.description.clone()).unwrap_or_default(),
        _ => field.description.clone(),
    }
}
