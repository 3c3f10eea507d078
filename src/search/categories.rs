//! Category results: every taxonomy term (of every taxonomy, so terms added
//! to the content later are included) and every source, with the page that
//! lists its records and the words a reader may type for it (name, label,
//! aliases, readings), normalized. The client offers those a query names
//! as links above the records; the words are also the vocabulary its
//! did-you-mean draws on, with the records' names.

use crate::site::Site;
use crate::text::normalize;
use crate::urls;
use serde::Serialize;

#[derive(Serialize)]
pub struct Category {
    /// Name as pages show it (段階⑤ 試作・治験).
    pub n: String,
    /// What kind of category: the taxonomy's title, or 出典.
    pub g: String,
    pub u: String,
    /// Records it lists.
    pub c: usize,
    /// Normalized words that name it, each once.
    pub k: Vec<String>,
    /// Of those, the readings (kana, romaji): the client also looks for its
    /// other words where a query word is one of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub r: Vec<String>,
    /// Known by a long title (a source): a query word that begins a
    /// phrase of it (after a space or punctuation) names it too, as a
    /// reader copies a few words of a document's title.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub p: bool,
}

/// The label of source categories.
const SOURCE: &str = "出典";

pub fn categories(site: &Site) -> Vec<Category> {
    let mut out = Vec::new();
    for t in &site.taxonomies.0 {
        for term in &t.terms {
            let count = site.members(&t.slug, &term.id).len();
            if count == 0 {
                continue;
            }
            let mut words = vec![term.name.clone(), term.display()];
            words.extend(term.label.iter().filter(|l| l.chars().count() > 1).cloned());
            words.extend(term.aliases.iter().cloned());
            words.extend(term.readings.iter().cloned());
            let readings = keys(term.readings.clone());
            out.push(Category {
                n: term.display(),
                g: t.title.clone(),
                u: urls::term(&t.slug, &term.id),
                c: count,
                k: keys(words),
                r: readings,
                p: false,
            });
        }
    }
    for s in &site.sources {
        let count = site.citing.get(&s.source.id).map_or(0, Vec::len);
        if count == 0 {
            continue;
        }
        let mut words = vec![s.source.title.clone()];
        words.extend(s.source.publisher.clone());
        out.push(Category {
            n: s.source.title.clone(),
            g: SOURCE.into(),
            u: urls::source(&s.source.id),
            c: count,
            k: keys(words),
            r: Vec::new(),
            p: true,
        });
    }
    out
}

fn keys(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let n = normalize(&w);
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// What did-you-mean suggests from: the names, short names and readings
/// of the records, as written, each once (the categories' words are in
/// the header already).
pub fn vocabulary(site: &Site, places: &super::document::PlaceReadings) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in &site.records {
        for w in super::document::names(site, r, places) {
            if seen.insert(normalize(&w)) {
                out.push(w);
            }
        }
    }
    out
}
