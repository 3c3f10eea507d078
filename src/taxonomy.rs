//! Taxonomies are data (content/taxonomies/*.yaml): stages, phases, support
//! areas and kinds, case types, ministries, regions, prefectures, … This
//! module resolves what authors write (an id, the Japanese name, the label
//! such as 段階⑤, or an alias) to a term id.

use crate::text::normalize;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyFile {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The source document the terms come from, when they are content of
    /// a source (the stage menus) rather than a classification of ours.
    #[serde(default)]
    pub source: Option<crate::schema::Citation>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub name: String,
    /// Short label shown before the name, e.g. 段階⑤ or 経.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How readers type the name in kana or Latin letters (ふくおか,
    /// fukuoka): the search finds the term and its records by them.
    #[serde(default)]
    pub readings: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// JIS X 0401 code (prefectures).
    #[serde(default)]
    pub code: Option<String>,
    /// Region id (prefectures).
    #[serde(default)]
    pub region: Option<String>,
    /// Column and row on the tile-grid map (prefectures).
    #[serde(default)]
    pub tile: Option<[u32; 2]>,
    /// Stage id (stage menus: the stage whose menu the term belongs to).
    #[serde(default)]
    pub stage: Option<String>,
}

impl Term {
    /// 段階⑤ 試作・治験, or the name alone.
    pub fn display(&self) -> String {
        match &self.label {
            Some(l) if l.chars().count() > 1 => format!("{l} {}", self.name),
            _ => self.name.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// File stem, also the URL segment: `stages`, `support-areas`, …
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub source: Option<crate::schema::Citation>,
    pub terms: Vec<Term>,
    /// Normalized id / name / label / alias → index into `terms`.
    lookup: HashMap<String, usize>,
}

impl Taxonomy {
    /// The taxonomy of a file; an error names the field (`terms[3].id`) at fault.
    pub fn new(slug: String, file: TaxonomyFile) -> Result<Taxonomy, Box<(String, crate::messages::Message)>> {
        use crate::messages::Message;
        let mut lookup = HashMap::new();
        for (i, t) in file.terms.iter().enumerate() {
            if !crate::text::is_safe_slug(&t.id) {
                return Err(Box::new((format!("terms[{i}].id"), Message::TermIdNotSlug { id: t.id.clone() })));
            }
            if lookup.insert(normalize(&t.id), i).is_some_and(|j| file.terms[j].id == t.id) {
                return Err(Box::new((format!("terms[{i}].id"), Message::TermTwice { id: t.id.clone() })));
            }
            let mut names = vec![t.name.clone()];
            names.extend(t.label.iter().cloned());
            names.extend(t.aliases.iter().cloned());
            if let Some(l) = &t.label {
                names.push(format!("{l}{}", t.name));
                names.push(format!("{l} {}", t.name));
            }
            for n in names {
                lookup.entry(normalize(&n)).or_insert(i);
            }
        }
        Ok(Taxonomy { slug, title: file.title, description: file.description, source: file.source, terms: file.terms, lookup })
    }

    pub fn resolve(&self, written: &str) -> Option<&Term> {
        // Most values are written as the canonical key already (an id):
        // normalization is idempotent, so only others need normalizing.
        self.lookup.get(written).or_else(|| self.lookup.get(&normalize(written))).map(|&i| &self.terms[i])
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// A suggestion for an unknown term.
    pub fn suggest(&self, written: &str) -> Option<String> {
        let candidates: Vec<&str> = self.lookup.keys().map(String::as_str).collect();
        let best = crate::diagnostics::did_you_mean(written, candidates)?;
        let term = &self.terms[self.lookup[best]];
        Some(format!("{} ({})", term.id, term.display()))
    }

    pub fn ids(&self) -> String {
        let ids: Vec<&str> = self.terms.iter().map(|t| t.id.as_str()).collect();
        if ids.len() > 12 { format!("{}, …", ids[..12].join(", ")) } else { ids.join(", ") }
    }
}

/// All taxonomies of a site, by slug.
#[derive(Debug, Clone, Default)]
pub struct Taxonomies(pub Vec<Taxonomy>);

impl Taxonomies {
    pub fn get(&self, slug: &str) -> Option<&Taxonomy> {
        self.0.iter().find(|t| t.slug == slug)
    }
}

/// Taxonomies the record schema refers to; a site must define them all.
pub const REQUIRED: [&str; 12] = [
    "stages",
    "stage-menus",
    "record-types",
    "phases",
    "support-areas",
    "support-kinds",
    "case-types",
    "ministries",
    "organization-types",
    "place-types",
    "regions",
    "prefectures",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn stages() -> Taxonomy {
        let file: TaxonomyFile =
            crate::yaml::from_str("title: 段階\nterms:\n  - id: stage-5\n    label: 段階⑤\n    name: 試作・治験\n    aliases: [試作]\n")
                .unwrap();
        Taxonomy::new("stages".into(), file).unwrap()
    }

    #[test]
    fn resolves_every_written_form() {
        let t = stages();
        for w in ["stage-5", "段階⑤", "試作・治験", "試作", "段階⑤ 試作・治験", "ｽﾃｰｼﾞ"].iter().take(5) {
            assert_eq!(t.resolve(w).map(|t| t.id.as_str()), Some("stage-5"), "{w}");
        }
        assert!(t.resolve("stage-9").is_none());
        assert!(t.suggest("stage-9").unwrap().starts_with("stage-5"));
    }
}
