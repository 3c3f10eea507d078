//! The columns of a kind's sheet (workbook and importer): the field
//! registry's fields (`fields::fields`, patterns included) in their order,
//! then the body.

use crate::fields::{self, Field, Shape};
use crate::schema::Kind;

/// The column that holds a record's Markdown body (as in the published CSVs).
pub const BODY: &str = "body";

/// One column of a kind's sheet: a front matter field, or the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The field name, also the column's ASCII header.
    pub name: String,
    /// Short Japanese label, e.g. 支援段階.
    pub label: String,
    /// The field's explanation (Japanese).
    pub description: String,
    pub required: bool,
    pub form: Form,
    /// Taxonomy whose terms the column takes.
    pub taxonomy: Option<&'static str>,
    /// Kinds of record whose ids the column takes.
    pub refers_to: Option<&'static [Kind]>,
    /// What the field takes, as one line (from the field reference).
    pub takes: String,
}

/// How a value is written in one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Text,
    Date,
    FiscalYear,
    Bool,
    /// Text or a number.
    Scalar,
    /// Several values, joined with `;`.
    List,
    /// Several small records, one a line, their parts joined with ` | `.
    Items(Vec<Part>),
    /// The Markdown body.
    Body,
}

/// One part of an item of an `Items` column, e.g. a budget's `amount`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub label: String,
    pub required: bool,
    pub form: Form,
    /// Regular expression the value must match, if the schema gives one.
    pub pattern: Option<String>,
}

impl Column {
    pub fn is_multi(&self) -> bool {
        matches!(self.form, Form::List | Form::Items(_))
    }
}

fn form(shape: &Shape) -> Form {
    match shape {
        Shape::Text => Form::Text,
        Shape::Date => Form::Date,
        Shape::FiscalYear => Form::FiscalYear,
        Shape::Bool => Form::Bool,
        Shape::Scalar => Form::Scalar,
        Shape::TextList => Form::List,
        Shape::List(items) => Form::Items(items.iter().map(part).collect()),
    }
}

fn part(f: &Field) -> Part {
    Part { name: f.name.clone(), label: f.label.clone(), required: f.required, form: form(&f.shape), pattern: f.pattern.clone() }
}

/// The columns of a kind: its fields in schema order, then the body.
pub fn columns(kind: Kind) -> Vec<Column> {
    let mut out: Vec<Column> = fields::fields(kind)
        .iter()
        .map(|f| Column {
            name: f.name.clone(),
            label: f.label.clone(),
            description: f.description.clone(),
            required: f.required,
            form: form(&f.shape),
            taxonomy: f.taxonomy.map(|t| t.as_str()),
            refers_to: f.refers_to,
            takes: fields::takes(f),
        })
        .collect();
    out.push(Column {
        name: BODY.into(),
        label: "本文".into(),
        description: "本文（Markdown）。見出し・段落・箇条書き・リンクを書ける。".into(),
        required: false,
        form: Form::Body,
        taxonomy: None,
        refers_to: None,
        takes: "Markdown".into(),
    });
    out
}

/// Columns of the published CSVs that are made from others and are not
/// read back: the record's URLs and the 和暦 beside a fiscal year.
pub fn is_derived(name: &str) -> bool {
    matches!(name, "page_url" | "json_url") || name.ends_with("_wareki")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_schema() {
        let c = columns(Kind::Program);
        assert_eq!(c[0].name, "id");
        assert_eq!(c.last().unwrap().form, Form::Body);
        let stages = c.iter().find(|c| c.name == "stages").unwrap();
        assert_eq!((stages.form.clone(), stages.taxonomy, stages.label.as_str()), (Form::List, Some("stages"), "支援段階"));
        let Form::Items(parts) = &c.iter().find(|c| c.name == "budgets").unwrap().form else { panic!() };
        assert_eq!(parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["fiscal_year", "label", "amount"]);
        assert!(parts[2].pattern.is_some());
    }
}
