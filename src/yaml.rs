//! The one place that parses YAML. serde_yaml is archived upstream; a
//! maintained fork with the same API can replace it by changing the `use`
//! below (and the dependency in Cargo.toml). No parser reports the place
//! an author went wrong by itself (an unclosed quote is only noticed at the
//! end of the document, since quoted text may span lines), so when parsing
//! fails `syntax` finds that place in the text (see `diagnose`).

pub mod locate;
mod syntax;

use crate::diagnostics::Diagnostic;
use crate::messages::{self, Message};
use serde::de::DeserializeOwned;
pub use serde_yaml::{Mapping, Value};

/// A YAML problem with its 1-based position (column in characters) inside
/// the parsed text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Boxed (as in `Diagnostic`): errors travel in `Result`s.
    pub message: Box<Message>,
    pub help: Box<Message>,
    pub line: usize,
    pub column: usize,
    /// The field concerned, for errors found in typed values.
    pub field: Option<String>,
}

impl YamlError {
    /// The error of a text that starts on line `first_line` of its file.
    fn starting_at(mut self, first_line: usize) -> YamlError {
        let offset = first_line.saturating_sub(1);
        self.line += offset;
        match (&mut *self.message, &mut *self.help) {
            (Message::YamlDuplicateKey { first, .. }, _) => *first += offset,
            (_, Message::YamlBadIndentHelp { line, .. }) => *line += offset,
            _ => {}
        }
        self
    }

    /// The error as a diagnostic of `file` (lines counted from the text's first).
    pub fn diagnostic(self, file: &str) -> Diagnostic {
        let d = Diagnostic::new(file, self.line, *self.message).column(self.column).help(*self.help);
        match self.field {
            Some(field) => d.field(field),
            None => d,
        }
    }
}

/// A typed value that does not fit its field: the field's path (e.g.
/// `budgets[0].fiscal_year`, empty for the whole document) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueError {
    pub path: String,
    pub message: Box<Message>,
    pub help: Box<Message>,
}

/// Upper bound on the nesting of YAML collections: deeper documents are
/// rejected before they can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Parses a YAML document into an untyped value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some(line) = too_deep(text) {
        return Err(YamlError {
            message: Box::new(Message::YamlTooDeep { max: MAX_DEPTH }),
            help: Box::new(Message::YamlTooDeepHelp),
            line,
            column: 1,
            field: None,
        });
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
        let found = syntax::diagnose(text, &clean_message(&e.to_string()), (line, column));
        YamlError { message: Box::new(found.message), help: Box::new(found.help), line: found.line, column: found.column, field: None }
    })
}

/// `parse` for a text that starts on line `first_line` of its file (front
/// matter): lines in the error are the file's.
pub fn parse_from(text: &str, first_line: usize) -> Result<Value, YamlError> {
    parse(text).map_err(|e| e.starting_at(first_line))
}

/// Deserializes an already parsed value into a typed structure, reporting the
/// path of the offending field (e.g. `budgets[0].fiscal_year`).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ValueError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let (message, help) = value_message(&e.inner().to_string());
        ValueError { path: if path == "." { String::new() } else { path }, message: Box::new(message), help: Box::new(help) }
    })
}

/// Parses a whole YAML file into a typed structure (config, seeds, taxonomies).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let value = parse(text)?;
    from_value(value).map_err(|e| {
        let (line, column) = locate::locate(text, &e.path);
        YamlError { message: e.message, help: e.help, line, column, field: (!e.path.is_empty()).then_some(e.path) }
    })
}

/// The catalogue message for what serde says about a value: a message our
/// own `Deserialize` impls carried (`messages::carry`), or one of serde's
/// own forms; anything else is shown as serde wrote it.
fn value_message(text: &str) -> (Message, Message) {
    let text = clean_message(text);
    if let Some(m) = messages::recover(&text) {
        return (m, Message::WrongValueHelp);
    }
    let ticked = |s: &str| s.split('`').nth(1).map(str::to_string);
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // `string "maybe"`, `integer `5``, `boolean `true``: the value as written.
        let written = found.split_once('"').map(|(_, v)| v.trim_end_matches('"').to_string()).or_else(|| ticked(found));
        let written = written.unwrap_or_else(|| found.to_string());
        return match expected {
            e if e.contains("boolean") => (Message::NotABoolean { found: written }, Message::WrongValueHelp),
            e if e.contains("sequence") => (Message::NotAList, Message::NotAListHelp),
            e if e.contains("string") => (Message::NotText, Message::WrongValueHelp),
            e if e.contains("integer") || e.starts_with('u') || e.starts_with('i') => {
                (Message::NotANumber { found: written }, Message::WrongValueHelp)
            }
            e if e.contains("struct") || e.contains("map") => (Message::NotAMapping, Message::WrongValueHelp),
            _ => (Message::WrongValue { detail: text.clone() }, Message::WrongValueHelp),
        };
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let (value, allowed) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let value = ticked(value).unwrap_or_else(|| value.to_string());
        let allowed = allowed.trim_start_matches("one of ").to_string();
        return (Message::NotOneOf { value, allowed }, Message::WrongValueHelp);
    }
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let field = ticked(field).unwrap_or_else(|| field.to_string());
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let help = match crate::diagnostics::did_you_mean(&field, names.iter().copied()) {
            Some(s) => Message::DidYouMean { suggestion: s.to_string() },
            // Inside a list row or a nested mapping serde names no kind: say where.
            None => Message::RemoveNestedField { fields: names.join(", ") },
        };
        return (Message::UnknownField { field }, help);
    }
    if let Some(field) = text.strip_prefix("missing field ").and_then(ticked) {
        return (Message::MissingField { field: field.clone() }, Message::MissingFieldHelp { field });
    }
    (Message::WrongValue { detail: text }, Message::WrongValueHelp)
}

/// serde_yaml appends " at line X column Y" to messages; positions are
/// reported separately, so strip it.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Cheap pre-scan for pathological nesting (flow or block), so that hostile
/// input is refused in linear time.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth: usize = 0;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent / 2 > MAX_DEPTH {
            return Some(n + 1);
        }
        for c in line.chars() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(n + 1);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused() {
        let text = "a: ".to_string() + &"[".repeat(200);
        assert_eq!(*parse(&text).unwrap_err().message, Message::YamlTooDeep { max: MAX_DEPTH });
    }

    #[test]
    fn serde_messages_become_catalogue_messages() {
        let e = from_value::<bool>(parse("maybe").unwrap()).unwrap_err();
        assert_eq!(*e.message, Message::NotABoolean { found: "maybe".into() });
        let e = from_value::<Vec<String>>(parse("a: 1").unwrap()).unwrap_err();
        assert_eq!(*e.message, Message::NotAList);
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Row {
            label: String,
            amount: String,
        }
        let e = from_value::<Row>(parse("label: a\namout: b").unwrap()).unwrap_err();
        assert_eq!(*e.message, Message::UnknownField { field: "amout".into() });
        assert_eq!(*e.help, Message::DidYouMean { suggestion: "amount".into() });
        let e = from_value::<Row>(parse("label: a").unwrap()).unwrap_err();
        assert_eq!(*e.message, Message::MissingField { field: "amount".into() });
    }
}
