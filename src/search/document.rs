//! What the search index knows about a record: its texts by field (name,
//! facets, body), normalized and with synonym variants, and its facet terms.

use crate::content::Record;
use crate::schema::{Kind, KindData};
use crate::site::Site;
use crate::text::normalize;

pub use crate::urls::{DIMENSIONS, Dimension, facet_key};

/// Legend and (term id, label) of every term of a dimension.
pub fn dimension_terms(site: &Site, dim: &Dimension) -> (String, Vec<(String, String)>) {
    match dim.taxonomy.and_then(|slug| site.taxonomies.get(slug)) {
        Some(t) => (t.title.clone(), t.terms.iter().map(|term| (term.id.clone(), term.display())).collect()),
        None => ("種類".into(), Kind::ALL.iter().map(|k| (k.name().to_string(), k.label().to_string())).collect()),
    }
}

/// One record as the index sees it.
pub struct SearchDoc {
    pub record: usize,
    /// Normalized texts by field, synonym variants included.
    pub name: Vec<String>,
    pub facets: Vec<String>,
    pub body: Vec<String>,
    /// (dimension index, term id) of every facet term the record has.
    pub terms: Vec<(usize, String)>,
}

pub fn search_doc(site: &Site, record: usize) -> SearchDoc {
    let r = &site.records[record];
    let mut name = vec![r.common.name.clone()];
    name.extend(r.common.short_name.clone());
    name.extend(r.common.aliases.iter().cloned());
    let terms = facet_terms(site, r);
    SearchDoc {
        record,
        name: with_variants(site, name),
        facets: with_variants(site, facet_texts(site, r, &terms)),
        body: with_variants(site, body_texts(r)),
        terms,
    }
}

/// Normalized texts plus their synonym variants.
fn with_variants(site: &Site, texts: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(texts.len());
    for t in texts {
        let n = normalize(&t);
        if n.is_empty() || out.contains(&n) {
            continue;
        }
        out.extend(site.synonyms.variants(&n));
        out.push(n);
    }
    out
}

/// (dimension index, term id) of every facet term of a record.
pub fn facet_terms(site: &Site, r: &Record) -> Vec<(usize, String)> {
    let dim = |key: &str| DIMENSIONS.iter().position(|d| d.key == key).unwrap_or(0);
    let mut out = vec![(dim("kind"), r.kind.name().to_string())];
    let mut add = |key: &str, ids: &[String]| out.extend(ids.iter().map(|id| (dim(key), id.clone())));
    match &r.data {
        KindData::Program(p) => {
            add("ministry", &p.ministries);
            add("stage", &p.stages);
            add("phase", &p.phases);
            add("area", &p.support_areas);
            add("support", &p.support_kinds);
        }
        KindData::Organization(o) => add("ministry", &o.ministries),
        KindData::Place(_) => {}
        KindData::Case(c) => {
            add("type", c.record_type.as_slice());
            add("stage", &c.stages);
        }
    }
    let location = site.location(r);
    add("pref", &location.prefectures);
    add("region", &location.regions);
    out
}

/// Names (with aliases) of the record's facet terms and of the records it
/// points at: what a reader would call the record's classification.
fn facet_texts(site: &Site, r: &Record, terms: &[(usize, String)]) -> Vec<String> {
    let mut out = vec![r.kind.label().to_string()];
    let mut term_names = |taxonomy: &str, id: &str| {
        if let Some(term) = site.taxonomies.get(taxonomy).and_then(|t| t.term(id)) {
            out.push(term.display());
            out.extend(term.aliases.iter().cloned());
        }
    };
    for (d, id) in terms {
        if let Some(tax) = DIMENSIONS[*d].taxonomy {
            term_names(tax, id);
        }
    }
    match &r.data {
        KindData::Organization(o) => {
            o.organization_type.iter().for_each(|t| term_names("organization-types", t));
            if o.regional_hub {
                out.push("地域連携自立化推進拠点".into());
            }
        }
        KindData::Place(p) => term_names("place-types", &p.place_type),
        KindData::Case(c) => c.case_type.iter().for_each(|t| term_names("case-types", t)),
        KindData::Program(p) => p.stage_menus.iter().for_each(|t| term_names("stage-menus", t)),
    }
    out.extend(crate::site::references(&r.data).iter().filter_map(|x| site.get(x.target)).map(|t| t.common.name.clone()));
    out
}

/// The record's own words: summary, body, and stated details.
fn body_texts(r: &Record) -> Vec<String> {
    let mut out = vec![r.common.summary.clone()];
    out.extend(crate::markdown::to_text(&r.body).lines().map(str::to_string));
    out.extend(r.common.note.clone());
    out.extend(r.common.facts.iter().map(|f| format!("{} {}", f.label, f.value)));
    match &r.data {
        KindData::Program(p) => {
            out.extend(p.targets.clone());
            out.extend(p.period.clone());
            out.extend(p.budgets.iter().map(|b| format!("{} {}", b.label, b.amount)));
        }
        KindData::Case(c) => out.extend(c.period.clone()),
        _ => {}
    }
    out
}

/// The text a result's snippet is cut from: summary, then body.
pub fn snippet_source(r: &Record) -> String {
    let body = crate::markdown::to_text(&r.body);
    if body.is_empty() { r.common.summary.clone() } else { format!("{}\n{}", r.common.summary, body) }
}
