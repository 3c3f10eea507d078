//! The one place that parses YAML. serde_yaml is archived upstream; a
//! maintained fork with the same API can replace it by changing the `use`
//! below (and the dependency in Cargo.toml).

pub mod locate;

use serde::de::DeserializeOwned;
pub use serde_yaml::{Mapping, Value};

/// A YAML problem with its 1-based position inside the parsed text.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Upper bound on the nesting of YAML collections: deeper documents are
/// rejected before they can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// Parses a YAML document into an untyped value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some(line) = too_deep(text) {
        return Err(YamlError { message: format!("YAML is nested more than {MAX_DEPTH} levels deep"), line, column: 1 });
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let mut err = from_serde(&e);
        if let Some(line) = duplicate_key_line(text, &err.message) {
            err.line = line;
            err.column = 1;
            err.message.push_str("; a field may appear only once");
        }
        err
    })
}

/// serde_yaml reports a duplicate key at the start of its mapping; point at
/// the second occurrence instead.
fn duplicate_key_line(text: &str, message: &str) -> Option<usize> {
    let key = message.strip_prefix("duplicate entry with key \"")?.strip_suffix('"')?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            t.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

/// Deserializes an already parsed value into a typed structure, reporting the
/// path of the offending field (e.g. `budgets[0].fiscal_year`).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        (if path == "." { String::new() } else { path }, clean_message(&e.inner().to_string()))
    })
}

/// Parses a whole YAML file into a typed structure (config, seeds, taxonomies).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let value = parse(text)?;
    from_value(value).map_err(|(path, message)| {
        let (line, column) = locate::locate(text, &path);
        YamlError { message: if path.is_empty() { message } else { format!("{path}: {message}") }, line, column }
    })
}

fn from_serde(e: &serde_yaml::Error) -> YamlError {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    YamlError { message: clean_message(&e.to_string()), line, column }
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
    fn syntax_error_has_position() {
        let e = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(!e.message.contains(" at line "));
    }

    #[test]
    fn duplicate_key_points_at_second_occurrence() {
        let e = parse("id: a\nname: b\nid: c\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("only once"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "a: ".to_string() + &"[".repeat(200);
        assert!(parse(&text).unwrap_err().message.contains("nested"));
    }
}
