//! The field registry: every front matter field of every kind of record,
//! read once from the record types (`schema.rs`: the types, their doc
//! comments through schemars, and `schema::relations` for terms and
//! references). Everything that lists fields derives from it: the field
//! reference (`reference_markdown`, docs/fields.md), the `atlas new`
//! template (`scaffold`), the open-data columns (`render::opendata`), the
//! check for unknown and missing fields (`content`), and the spreadsheet
//! and browser-editor configurations. The JSON Schema
//! (`schema::json_schema`) is the same types' schema, from which this
//! registry is read; `tests/registry.rs` checks that every consumer lists
//! the same fields.
//!
//! One entry point: `fields(kind)`, the fields of a kind, common ones first,
//! in declaration order. Each `Field` has
//! - `name`: the YAML key (`support_areas`);
//! - `label`: a short Japanese label (`支援分野`) for column headings and
//!   form labels: the field's `#[schemars(title)]`, else its description up
//!   to the first `（` or `。`;
//! - `description`: the Japanese help text (the field's doc comment);
//! - `shape`: what the value looks like (`Shape`; a list of small mappings
//!   such as `budgets` carries its items' fields in `Shape::List`);
//! - `required`, `nullable` (may be left empty: `field:`);
//! - `taxonomy`: the taxonomy whose term ids it takes (`TaxonomySlug`);
//! - `refers_to`: the kinds of record whose ids it takes.
//!
//! `common_names()` says which fields every kind has; `takes(field)` says in
//! words what a field takes.

use crate::schema::relations::{self, TaxonomySlug};
use crate::schema::{self, Kind, KindData};
use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::sync::LazyLock;

/// One front matter field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// Short Japanese label, e.g. 支援分野.
    pub label: String,
    pub required: bool,
    /// The field's doc comment (Japanese).
    pub description: String,
    pub shape: Shape,
    /// Whether the field may be left empty (`field:` with no value).
    pub nullable: bool,
    /// Taxonomy whose terms the field takes, e.g. `TaxonomySlug::Stages`.
    pub taxonomy: Option<TaxonomySlug>,
    /// Kinds of record whose ids the field takes.
    pub refers_to: Option<&'static [Kind]>,
    /// Regular expression the value must match, when the schema gives one
    /// (a budget's amount, a fact's as_of_date).
    pub pattern: Option<String>,
}

/// What a field's value looks like.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Text,
    Date,
    FiscalYear,
    Bool,
    /// Text or a number (figures).
    Scalar,
    TextList,
    /// A list of small mappings with these fields.
    List(Vec<Field>),
}

impl Shape {
    pub fn label(&self) -> &'static str {
        match self {
            Shape::Text => "文字列",
            Shape::Date => "日付（YYYY-MM-DD）",
            Shape::FiscalYear => "年度（2023 または 令和5年度）",
            Shape::Bool => "true または false",
            Shape::Scalar => "文字列または数値",
            Shape::TextList => "リスト（[a, b] または - の行）",
            Shape::List(_) => "項目のリスト",
        }
    }
}

/// The fields of a kind, common ones first, in declaration order.
pub fn fields(kind: Kind) -> &'static [Field] {
    static REGISTRY: LazyLock<Vec<Vec<Field>>> = LazyLock::new(|| {
        let schema = schema::json_schema();
        Kind::ALL.iter().map(|&kind| read_fields(&schema, kind)).collect()
    });
    &REGISTRY[Kind::ALL.iter().position(|&k| k == kind).unwrap_or(0)]
}

fn read_fields(schema: &Value, kind: Kind) -> Vec<Field> {
    let defs = schema.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut out = object_fields(defs.get(kind.name()).unwrap_or(&Value::Null), &defs);
    if let Some(mut data) = sample(kind, &out) {
        let mut taxonomies = Vec::new();
        relations::visit_terms(&mut data, &mut |path, taxonomy, _| taxonomies.push((path.name.to_string(), taxonomy)));
        let references: Vec<(String, &'static [Kind])> =
            relations::references(&data).into_iter().map(|r| (r.path.name.to_string(), r.allowed)).collect();
        for f in &mut out {
            f.taxonomy = taxonomies.iter().find(|(name, _)| *name == f.name).map(|(_, t)| *t);
            f.refers_to = references.iter().find(|(name, _)| *name == f.name).map(|(_, k)| *k);
        }
    }
    out
}

/// The label of a kind's field, e.g. `label(Kind::Program, "owner")` is
/// 実施主体. Callers name fields the record types have, so a missing one
/// is a programming error caught by any test that renders such a record.
pub fn label(kind: Kind, name: &str) -> &'static str {
    let field = fields(kind).iter().find(|f| f.name == name);
    field.unwrap_or_else(|| panic!("{} has no field `{name}`", kind.name())).label.as_str()
}

/// Names of the fields every kind has.
pub fn common_names() -> Vec<String> {
    let all: Vec<&[Field]> = Kind::ALL.iter().map(|&k| fields(k)).collect();
    all[0].iter().map(|f| f.name.clone()).filter(|n| all.iter().all(|fs| fs.iter().any(|f| &f.name == n))).collect()
}

/// A field's short label: its schema title, else its description up to the
/// first `（` or `。`.
fn short_label(prop: &Value, description: &str) -> String {
    match prop.get("title").and_then(Value::as_str) {
        Some(title) => title.to_string(),
        None => description.split(['（', '。']).next().unwrap_or("").trim().to_string(),
    }
}

fn object_fields(object: &Value, defs: &Map<String, Value>) -> Vec<Field> {
    let required: Vec<&str> =
        object.get("required").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let Some(props) = object.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .map(|(name, prop)| {
            let description = description(prop, defs);
            Field {
                name: name.clone(),
                label: short_label(prop, &description),
                required: required.contains(&name.as_str()),
                description,
                shape: shape(prop, defs),
                nullable: nullable(prop),
                taxonomy: None,
                refers_to: None,
                pattern: pattern(prop, defs),
            }
        })
        .collect()
}

/// The schema a `$ref`, a one-element `allOf` or a nullable `anyOf` stands for.
fn resolve<'a>(v: &'a Value, defs: &'a Map<String, Value>) -> (&'a Value, Option<&'a str>) {
    if let Some(name) = v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/definitions/")) {
        return (defs.get(name).unwrap_or(&Value::Null), Some(name));
    }
    for key in ["allOf", "anyOf"] {
        if let Some(first) = v.get(key).and_then(Value::as_array).and_then(|a| a.iter().find(|x| x.get("type") != Some(&"null".into())))
            && first.get("$ref").is_some()
        {
            return resolve(first, defs);
        }
    }
    (v, None)
}

fn nullable(prop: &Value) -> bool {
    match prop.get("type") {
        Some(Value::Array(a)) => a.iter().any(|t| t == "null"),
        _ => prop.get("anyOf").and_then(Value::as_array).is_some_and(|a| a.iter().any(|x| x.get("type") == Some(&"null".into()))),
    }
}

fn pattern(prop: &Value, defs: &Map<String, Value>) -> Option<String> {
    let own = prop.get("pattern").and_then(Value::as_str);
    own.or_else(|| resolve(prop, defs).0.get("pattern").and_then(Value::as_str)).map(str::to_string)
}

fn description(prop: &Value, defs: &Map<String, Value>) -> String {
    let own = prop.get("description").and_then(Value::as_str);
    own.or_else(|| resolve(prop, defs).0.get("description").and_then(Value::as_str)).unwrap_or("").to_string()
}

fn shape(prop: &Value, defs: &Map<String, Value>) -> Shape {
    let (target, name) = resolve(prop, defs);
    match name {
        Some("Date") => return Shape::Date,
        Some("FiscalYear") => return Shape::FiscalYear,
        Some("ScalarSchema") => return Shape::Scalar,
        _ => {}
    }
    let types: Vec<&str> = match target.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"boolean") {
        Shape::Bool
    } else if types.contains(&"array") {
        let items = resolve(target.get("items").unwrap_or(&Value::Null), defs).0;
        if items.get("properties").is_some() { Shape::List(object_fields(items, defs)) } else { Shape::TextList }
    } else if target.get("format") == Some(&"date".into()) {
        Shape::Date
    } else {
        Shape::Text
    }
}

/// A sample record of `kind` with a value in every text field, for letting
/// the code that checks terms and references (`schema::relations`) say which fields it reads: no second list to keep in
/// sync.
fn sample(kind: Kind, fields: &[Field]) -> Option<KindData> {
    let mut sample = Map::new();
    for f in fields {
        match f.shape {
            Shape::Text => sample.insert(f.name.clone(), "x".into()),
            Shape::TextList => sample.insert(f.name.clone(), vec!["x"].into()),
            _ => None,
        };
    }
    let sample = Value::Object(sample);
    match kind {
        Kind::Program => serde_json::from_value(sample).map(KindData::Program),
        Kind::Organization => serde_json::from_value(sample).map(KindData::Organization),
        Kind::Place => serde_json::from_value(sample).map(KindData::Place),
        Kind::Case => serde_json::from_value(sample).map(KindData::Case),
    }
    .ok()
}

/// What a field takes, as one line of text.
pub fn takes(f: &Field) -> String {
    match (f.taxonomy, &f.shape) {
        (Some(t), Shape::TextList) => format!("分類 `{t}` の用語のリスト（content/taxonomies/{t}.yaml）"),
        (Some(t), _) => format!("分類 `{t}` の用語（content/taxonomies/{t}.yaml）"),
        (None, shape) => match f.refers_to {
            Some(kinds) => {
                let kinds: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
                let list = if *shape == Shape::TextList { " のリスト" } else { "" };
                format!("{}のレコード ID{list}", kinds.join("・"))
            }
            None => shape.label().to_string(),
        },
    }
}

fn table(out: &mut String, fields: &[&Field]) {
    out.push_str("| 項目 | 必須 | 値 | 説明 |\n|---|---|---|---|\n");
    for f in fields {
        let cell = |s: &str| s.replace('|', "\\|");
        let _ =
            writeln!(out, "| `{}` | {} | {} | {} |", f.name, if f.required { "必須" } else { "" }, cell(&takes(f)), cell(&f.description));
    }
}

fn sub_tables(out: &mut String, fields: &[&Field]) {
    for f in fields {
        if let Shape::List(items) = &f.shape {
            let _ = writeln!(out, "\n### `{}` の各項目\n", f.name);
            table(out, &items.iter().collect::<Vec<_>>());
        }
    }
}

/// The field reference, docs/fields.md.
pub fn reference_markdown() -> String {
    let common = common_names();
    let mut out = String::from(
        "<!-- `atlas schema --markdown` が src/schema.rs から生成したファイルです。直接編集しないでください（テストが生成結果との一致を確かめます）。 -->\n\n\
         # 項目リファレンス\n\n\
         レコード（content/ の Markdown ファイル）の先頭、`---` と `---` の間（front matter）に書く項目の一覧です。\
         書き方の手順は [authoring.md](authoring.md) を、エディタでの入力補完は [atlas.schema.json](atlas.schema.json) を参照してください。\
         「必須」の項目を省くと `atlas check` がエラーを出します。それ以外の項目は、出典に記載がなければ省略するか空のままにします。\n",
    );
    let shared: Vec<&Field> = fields(Kind::Program).iter().filter(|f| common.contains(&f.name)).collect();
    out.push_str("\n## すべての種類に共通の項目\n\n");
    table(&mut out, &shared);
    sub_tables(&mut out, &shared);
    for kind in Kind::ALL {
        let own: Vec<&Field> = fields(kind).iter().filter(|f| !common.contains(&f.name)).collect();
        let _ = writeln!(out, "\n## {}（{}） — `content/{}/`\n", kind.label(), kind.name(), kind.folder());
        table(&mut out, &own);
        sub_tables(&mut out, &own);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_fields_from_the_schema() {
        let f = fields(Kind::Program);
        assert_eq!(f[0].name, "id");
        assert!(f[0].required);
        let stages = f.iter().find(|f| f.name == "stages").unwrap();
        assert_eq!((stages.taxonomy, &stages.shape), (Some(TaxonomySlug::Stages), &Shape::TextList));
        let budgets = f.iter().find(|f| f.name == "budgets").unwrap();
        let Shape::List(items) = &budgets.shape else { panic!("{budgets:?}") };
        assert_eq!(items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["fiscal_year", "label", "amount"]);
        assert_eq!(items[0].shape, Shape::FiscalYear);
        assert_eq!(f.iter().find(|f| f.name == "updated").unwrap().shape, Shape::Date);
        assert_eq!(f.iter().find(|f| f.name == "device_specific").unwrap().shape, Shape::Bool);
        let place = fields(Kind::Place);
        assert_eq!(place.iter().find(|f| f.name == "place_type").unwrap().taxonomy, Some(TaxonomySlug::PlaceTypes));
        let label = |name: &str| f.iter().find(|f| f.name == name).unwrap().label.as_str();
        assert_eq!(
            [label("name"), label("short_name"), label("support_areas"), label("device_specific")],
            ["正式名称", "略称", "支援分野", "医療機器特化"]
        );
        assert_eq!(f.iter().find(|f| f.name == "owner").unwrap().refers_to, Some(&[Kind::Organization, Kind::Place][..]));
        assert!(f.iter().find(|f| f.name == "short_name").unwrap().nullable);
        assert!(common_names().contains(&"sources".to_string()));
        assert!(!common_names().contains(&"stages".to_string()));
    }
}
