//! schema.org's type rules, from its own definitions (a vendored subset,
//! `vocabulary.json`, derived by `derive.py`): every node's type exists,
//! every property exists and applies to the node's type (domainIncludes),
//! and every value is of a type the property takes (rangeIncludes), nested
//! nodes checked the same way.
#![allow(dead_code)]

use serde_json::{Map, Value};
use std::collections::HashMap;

#[derive(serde::Deserialize)]
struct Property {
    domain: Vec<String>,
    range: Vec<String>,
}

#[derive(serde::Deserialize)]
pub struct Vocabulary {
    types: HashMap<String, Vec<String>>,
    properties: HashMap<String, Property>,
}

/// Data types whose values are JSON strings, numbers or booleans.
const DATA_TYPES: [&str; 9] = ["Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"];

impl Vocabulary {
    pub fn load() -> Vocabulary {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemaorg/vocabulary.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// Whether `t` is `ancestor` or one of its subtypes.
    fn is_a(&self, t: &str, ancestor: &str) -> bool {
        let mut todo = vec![t];
        while let Some(t) = todo.pop() {
            if t == ancestor {
                return true;
            }
            todo.extend(self.types.get(t).into_iter().flatten().map(String::as_str));
        }
        false
    }

    /// What is wrong with a top-level JSON-LD item (empty when nothing).
    pub fn check(&self, item: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        match item.as_object() {
            Some(o) if o.get("@context") == Some(&Value::from("https://schema.org")) => self.check_node(o, "", &mut errors),
            _ => errors.push("not a schema.org item (no @context https://schema.org)".into()),
        }
        errors
    }

    fn check_node(&self, node: &Map<String, Value>, at: &str, errors: &mut Vec<String>) {
        let Some(t) = node.get("@type").and_then(Value::as_str) else {
            errors.push(format!("{at}: no @type"));
            return;
        };
        if !self.types.contains_key(t) {
            errors.push(format!("{at}: {t} is not a schema.org type"));
            return;
        }
        for (key, value) in node {
            if key.starts_with('@') {
                continue;
            }
            let here = format!("{at}/{key}");
            let Some(p) = self.properties.get(key) else {
                errors.push(format!("{here}: `{key}` is not a schema.org property"));
                continue;
            };
            if !p.domain.iter().any(|d| self.is_a(t, d)) {
                errors.push(format!("{here}: `{key}` does not apply to {t} (only to {})", p.domain.join(", ")));
            }
            let values = match value {
                Value::Array(items) => items.iter().collect(),
                one => vec![one],
            };
            for v in values {
                self.check_value(p, v, &here, errors);
            }
        }
    }

    fn check_value(&self, p: &Property, v: &Value, at: &str, errors: &mut Vec<String>) {
        let takes = |t: &str| p.range.iter().any(|r| self.is_a(t, r) || r == t);
        let ok = match v {
            Value::Object(o) => match o.get("@type").and_then(Value::as_str) {
                Some(t) => {
                    let fits = p.range.iter().any(|r| self.is_a(t, r));
                    self.check_node(o, at, errors);
                    fits
                }
                // A bare reference to a node (`{"@id": …}`) stands for a Thing.
                None => o.contains_key("@id") && p.range.iter().any(|r| !DATA_TYPES.contains(&r.as_str())),
            },
            Value::String(s) => {
                let url = s.starts_with("https://") || s.starts_with("http://");
                let date = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
                takes("Text") || (url && takes("URL")) || (date && takes("Date"))
            }
            Value::Number(n) => takes("Number") || (n.is_i64() && takes("Integer")),
            Value::Bool(_) => takes("Boolean"),
            Value::Null | Value::Array(_) => false,
        };
        if !ok {
            errors.push(format!("{at}: {v} is not one of {}", p.range.join(", ")));
        }
    }
}
