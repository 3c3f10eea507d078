//! The record template `atlas new` writes: every field of the kind, each
//! preceded by its description from the schema, with placeholder values that
//! pass `atlas check` so that a new file never breaks the build.

use crate::calendar::Date;
use crate::fields::{self, Field, Shape};
use crate::schema::Kind;
use crate::taxonomy::Taxonomies;
use std::fmt::Write as _;

/// Where editors find the JSON Schema, relative to content/<kind>s/<id>.md.
pub const SCHEMA_PATH: &str = "../../docs/atlas.schema.json";

/// Placeholder for required text the author must replace.
const FILL_IN: &str = "（記入してください）";

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
    out.push_str(
        "---\n\n## 概要\n\n（本文: 対象者、支援の内容、実績などを、出典の文を写さずに自分の言葉で書きます。見出しは ## から始めます。）\n",
    );
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
                Some(term) => format!("{name}: {}   # 仮の値です。正しい用語に直してください\n", term.id),
                None => format!("{name}: {FILL_IN}\n"),
            }
        }
        Shape::List(items) if f.required => {
            let mut s = format!("{name}:\n");
            for (i, item) in items.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                let v = if item.name == "source" { site.first_source } else { "" };
                let req = if item.required { "【必須】" } else { "" };
                let _ = writeln!(s, "{lead}{}: {v}   # {req}{}", item.name, item.description);
            }
            s
        }
        Shape::TextList | Shape::List(_) => format!("{name}: []\n"),
        Shape::Bool if !f.nullable => format!("{name}: false\n"),
        _ => format!("{name}:\n"),
    }
}
