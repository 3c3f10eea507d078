//! Cell forms: how a field's value is written in one spreadsheet or CSV
//! cell, and read back. Documented for editors in docs/authoring.md.
//!
//! - one value: as written (dates YYYY-MM-DD, fiscal years as Western
//!   years, true / false);
//! - several values (terms, record ids): joined with `;`;
//! - several small records (budgets, facts, sources): one a line, their
//!   parts in schema order joined with ` | `; empty trailing parts may be
//!   left out; `\` escapes `|`, `\` and a line break (`\n`) inside a part.

use super::columns::{Column, Form, Part};
use crate::messages::Message;
use crate::yaml::{Mapping, Value as Yaml};
use serde_json::Value as Json;
use std::borrow::Cow;

/// Joins the values of a list column.
pub const LIST_SEPARATOR: &str = ";";
/// Joins the parts of one item of an `Items` column.
pub const PART_SEPARATOR: &str = " | ";

/// The cell text of a column for a record's value (as serialized to JSON).
pub fn to_cell(column: &Column, value: Option<&Json>) -> String {
    match (&column.form, value) {
        (Form::Items(parts), Some(Json::Array(items))) => items.iter().map(|item| item_line(parts, item)).collect::<Vec<_>>().join("\n"),
        (_, v) => scalar_text(v),
    }
}

fn scalar_text(v: Option<&Json>) -> String {
    match v {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(s)) => s.clone(),
        Some(Json::Array(a)) => a.iter().map(|x| scalar_text(Some(x))).collect::<Vec<_>>().join(LIST_SEPARATOR),
        Some(other) => other.to_string(),
    }
}

fn item_line(parts: &[Part], item: &Json) -> String {
    let mut cells: Vec<String> = parts.iter().map(|p| escape_part(&scalar_text(item.get(&p.name)))).collect();
    while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells.join(PART_SEPARATOR)
}

fn escape_part(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', "\\n")
}

/// Splits an item line at unescaped `|` and undoes the escapes.
fn split_parts(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.last_mut().unwrap_or(&mut String::new()).push('\n'),
                Some(other) => out.last_mut().unwrap_or(&mut String::new()).push(other),
                None => out.last_mut().unwrap_or(&mut String::new()).push('\\'),
            },
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap_or(&mut String::new()).push(c),
        }
    }
    out.into_iter().map(|p| p.trim().to_string()).collect()
}

/// What is wrong with a cell, said to the person who typed it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// Boxed, as in `Diagnostic`: a message with its arguments is large.
    pub message: Box<Message>,
    pub help: Box<Message>,
}

/// The YAML value a cell stands for; `None` for an empty cell (the field
/// is left out). Whether the value is allowed is for `atlas check` to say;
/// this only reads the cell form.
pub fn from_cell(column: &Column, text: &str) -> Result<Option<Yaml>, CellProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(match &column.form {
        Form::List => Yaml::Sequence(
            text.split([';', '；', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(|s| Yaml::String(s.to_string())).collect(),
        ),
        Form::Items(parts) => {
            let mut items = Vec::new();
            for (n, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
                items.push(item(parts, line, n + 1)?);
            }
            Yaml::Sequence(items)
        }
        form => scalar(form, text)?,
    }))
}

fn scalar(form: &Form, text: &str) -> Result<Yaml, CellProblem> {
    Ok(match form {
        Form::Bool => match text.to_ascii_lowercase().as_str() {
            "true" => Yaml::Bool(true),
            "false" => Yaml::Bool(false),
            _ => {
                let message = Message::ImportNotTrueFalse { value: text.to_string() };
                return Err(CellProblem { message: Box::new(message), help: Box::new(Message::ImportNotTrueFalseHelp) });
            }
        },
        Form::FiscalYear if text.bytes().all(|b| b.is_ascii_digit()) && text.len() <= 4 => {
            Yaml::Number(text.parse::<u64>().unwrap_or(0).into())
        }
        _ => Yaml::String(text.to_string()),
    })
}

fn item(parts: &[Part], line: &str, n: usize) -> Result<Yaml, CellProblem> {
    let values = split_parts(line);
    if values.len() > parts.len() {
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        let message = Message::ImportItemParts { line: n, found: values.len(), max: parts.len(), parts: names.join(PART_SEPARATOR) };
        return Err(CellProblem { message: Box::new(message), help: Box::new(Message::ImportItemPartsHelp) });
    }
    let mut map = Mapping::new();
    for (part, value) in parts.iter().zip(values) {
        if !value.is_empty() {
            map.insert(Yaml::String(part.name.clone()), scalar(&part.form, &value)?);
        }
    }
    Ok(Yaml::Mapping(map))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's
/// CSV injection guidance: `=`, `+`, `-`, `@`, tab and carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell that a spreadsheet shows as text: a value starting like a
/// formula gets a leading `'`. Values already starting with `'`s before
/// such a character get one more, so that `unneutralize` undoes exactly this.
pub fn neutralize(value: &str) -> Cow<'_, str> {
    if value.trim_start_matches('\'').starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{value}")) } else { Cow::Borrowed(value) }
}

/// Undoes `neutralize`.
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Whether a cell starts like a formula (and needs `neutralize` in a CSV,
/// or the quote prefix in a workbook).
pub fn looks_like_formula(value: &str) -> bool {
    value.starts_with(FORMULA_STARTS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Kind;

    fn column(kind: Kind, name: &str) -> Column {
        super::super::columns::columns(kind).into_iter().find(|c| c.name == name).unwrap()
    }

    #[test]
    fn neutralizing_is_undone_exactly() {
        for v in ["=1+1", "+81", "-", "@x", "'=x", "''-y", "'plain", "plain", "", "\tx", "a=b"] {
            let n = neutralize(v);
            assert!(!looks_like_formula(&n), "{v:?} → {n:?}");
            assert_eq!(unneutralize(&n), v);
        }
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("plain"), "plain");
    }

    #[test]
    fn items_round_trip() {
        let c = column(Kind::Program, "budgets");
        let json = serde_json::json!([{"fiscal_year": 2023, "label": "令和5年度予算額", "amount": "1,024百万円"}]);
        let text = to_cell(&c, Some(&json));
        assert_eq!(text, "2023 | 令和5年度予算額 | 1,024百万円");
        let back = from_cell(&c, &text).unwrap().unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
        let facts = column(Kind::Program, "facts");
        let json = serde_json::json!([{"label": "a|b\\c", "value": "x\ny"}, {"label": "n", "value": "1", "as_of": "令和4年度"}]);
        let text = to_cell(&facts, Some(&json));
        assert_eq!(text, "a\\|b\\\\c | x\\ny\nn | 1 | 令和4年度");
        assert_eq!(serde_json::to_value(from_cell(&facts, &text).unwrap().unwrap()).unwrap(), json);
        assert!(matches!(
            *from_cell(&facts, "a | b | c | d | e | f").unwrap_err().message,
            Message::ImportItemParts { found: 6, max: 5, .. }
        ));
    }

    #[test]
    fn lists_and_scalars() {
        let stages = column(Kind::Program, "stages");
        assert_eq!(to_cell(&stages, Some(&serde_json::json!(["stage-1", "stage-2"]))), "stage-1;stage-2");
        let v = from_cell(&stages, " stage-1 ; stage-2；").unwrap().unwrap();
        assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(["stage-1", "stage-2"]));
        let hub = column(Kind::Organization, "regional_hub");
        assert_eq!(from_cell(&hub, "TRUE").unwrap(), Some(Yaml::Bool(true)));
        assert!(from_cell(&hub, "はい").is_err());
        assert_eq!(from_cell(&hub, "  ").unwrap(), None);
    }
}
