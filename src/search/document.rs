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
    /// Normalized texts by field, synonym variants included: name, short
    /// name and readings; its own classification (facet terms); summary;
    /// body, stated details and the names of the records it links to (a
    /// linked name says what the record mentions, not what it is, so it
    /// ranks as body text: a case that used a program does not outrank the
    /// program on the program's name); editor's note.
    pub name: Vec<String>,
    pub facets: Vec<String>,
    pub summary: Vec<String>,
    pub body: Vec<String>,
    pub note: Vec<String>,
    /// (dimension index, term id) of every facet term the record has.
    pub terms: Vec<(usize, String)>,
}

pub fn search_doc(site: &Site, record: usize, shared: &Shared) -> SearchDoc {
    let r = &site.records[record];
    let terms = facet_terms(site, r);
    let own = |texts: Vec<String>| with_variants(site, texts.iter().map(|t| shared.boilerplate.strip(&normalize(t))).collect());
    let mut name = names(site, r, &shared.places);
    // Readers leave out the legal form (国立研究開発法人, 株式会社…): the
    // name without it is a name too, so that it can match exactly.
    name.extend(name.iter().filter_map(|n| without_legal_form(n)).collect::<Vec<_>>());
    SearchDoc {
        record,
        name: with_variants(site, name.iter().map(|t| normalize(t)).collect()),
        facets: with_variants(site, facet_texts(site, r, &terms).iter().map(|t| normalize(t)).collect()),
        summary: own(vec![r.common.summary.clone()]),
        body: own(body_texts(r))
            .into_iter()
            .chain(with_variants(site, linked_names(site, r).iter().map(|t| normalize(t)).collect()))
            .collect(),
        note: own(r.common.note.iter().cloned().collect()),
        terms,
    }
}

/// What every document of an index shares: the boilerplate left out, and
/// the readings of places, which records named after a place take too.
#[derive(Default)]
pub struct Shared {
    pub boilerplate: Boilerplate,
    pub places: PlaceReadings,
}

impl Shared {
    pub fn new(site: &Site) -> Shared {
        Shared { boilerplate: Boilerplate::find(site), places: PlaceReadings::new(site) }
    }
}

/// Name, short name, aliases and readings.
pub fn names(site: &Site, r: &Record, places: &PlaceReadings) -> Vec<String> {
    let mut out = vec![r.common.name.clone()];
    out.extend(r.common.short_name.clone());
    out.extend(r.common.aliases.iter().cloned());
    out.extend(readings(site, r, places));
    out
}

/// Legal forms written before a name, which readers leave out.
const LEGAL_FORMS: [&str; 12] = [
    "国立研究開発法人",
    "地方独立行政法人",
    "独立行政法人",
    "国立大学法人",
    "一般財団法人",
    "公益財団法人",
    "一般社団法人",
    "公益社団法人",
    "学校法人",
    "株式会社",
    "㈱",
    "（株）",
];

fn without_legal_form(name: &str) -> Option<String> {
    let rest = LEGAL_FORMS.iter().find_map(|f| name.strip_prefix(f))?.trim_start();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Readings of place names by the name's stem (横浜 of 横浜市, 熊本 of 熊本県):
/// the readings of the place records and of the prefectures.
#[derive(Default)]
pub struct PlaceReadings(std::collections::HashMap<String, Vec<String>>);

/// Endings of place names that the stem leaves out.
const PLACE_ENDINGS: [char; 5] = ['市', '県', '府', '都', '区'];
/// Stems are this many characters at most (鹿児島, 北九州).
const LONGEST_STEM: usize = 4;

impl PlaceReadings {
    pub fn new(site: &Site) -> PlaceReadings {
        let mut map: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        let mut add = |name: &str, readings: &[String]| {
            let stem = name.strip_suffix(PLACE_ENDINGS).unwrap_or(name);
            if readings.is_empty() || stem.chars().count() < 2 || stem.chars().count() > LONGEST_STEM {
                return;
            }
            let entry = map.entry(stem.to_string()).or_default();
            entry.extend(readings.iter().filter(|x| !entry.contains(x)).cloned().collect::<Vec<_>>());
        };
        if let Some(t) = site.taxonomies.get("prefectures") {
            t.terms.iter().for_each(|term| add(&term.name, &term.readings));
        }
        for (_, r) in site.of_kind(crate::schema::Kind::Place) {
            add(&r.common.name, &r.common.readings);
        }
        PlaceReadings(map)
    }

    /// Readings of the place a name begins with (横浜企業経営支援財団: よこはま).
    fn of(&self, name: &str) -> &[String] {
        let chars: Vec<char> = name.chars().take(LONGEST_STEM).collect();
        (2..=chars.len()).rev().find_map(|n| self.0.get(&chars[..n].iter().collect::<String>())).map_or(&[], Vec::as_slice)
    }
}

/// The record's readings, those of the term it is named after (the place
/// 福岡県 has the prefecture's), and those of the place its name begins
/// with (横浜企業経営支援財団 is found by よこはま).
pub fn readings(site: &Site, r: &Record, places: &PlaceReadings) -> Vec<String> {
    let mut out = r.common.readings.clone();
    let mut add = |xs: &[String]| out.extend(xs.iter().filter(|x| !r.common.readings.contains(x)).cloned().collect::<Vec<_>>());
    for t in &site.taxonomies.0 {
        for term in t.terms.iter().filter(|term| term.name == r.common.name) {
            add(&term.readings);
        }
    }
    add(places.of(&r.common.name));
    out.dedup();
    let mut seen = std::collections::HashSet::new();
    out.retain(|x| seen.insert(x.clone()));
    out
}

/// Normalized texts (each once) plus their synonym variants.
fn with_variants(site: &Site, texts: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(texts.len());
    for n in texts {
        if n.trim().is_empty() || out.contains(&n) {
            continue;
        }
        out.extend(site.synonyms.variants(&n));
        out.push(n);
    }
    out
}

/// Clauses (text between 。 and 、) that many records repeat word for word,
/// such as a credit to the same source or a fixed sentence about what a
/// list does not say: they tell one record from another no better than
/// nothing, so the index leaves them out (the page still shows them).
#[derive(Default)]
pub struct Boilerplate(std::collections::HashSet<String>);

/// A clause shorter than this is a word or a name, not boilerplate.
const MIN_CLAUSE: usize = 8;
/// A clause is boilerplate once this many records, and one in 40, repeat it.
const MIN_REPEATS: usize = 8;

impl Boilerplate {
    pub fn find(site: &Site) -> Boilerplate {
        use rayon::prelude::*;
        let per_record: Vec<Vec<String>> = site
            .records
            .par_iter()
            .map(|r| {
                let mut texts = vec![r.common.summary.clone()];
                texts.extend(body_texts(r));
                texts.extend(r.common.note.clone());
                let mut found: Vec<String> =
                    texts.iter().flat_map(|t| clauses(&normalize(t)).map(str::to_string).collect::<Vec<_>>()).collect();
                found.sort_unstable();
                found.dedup();
                found
            })
            .collect();
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for c in per_record.iter().flatten() {
            *counts.entry(c).or_default() += 1;
        }
        let floor = MIN_REPEATS.max(site.records.len() / 40);
        Boilerplate(counts.into_iter().filter(|(_, n)| *n >= floor).map(|(c, _)| c.to_string()).collect())
    }

    /// The normalized text with its boilerplate clauses blanked out.
    pub fn strip(&self, text: &str) -> String {
        if self.0.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        for piece in text.split_inclusive(CLAUSE_ENDS) {
            let clause = piece.trim_end_matches(CLAUSE_ENDS).trim();
            if self.0.contains(clause) {
                out.push(' ');
            } else {
                out.push_str(piece);
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

const CLAUSE_ENDS: [char; 2] = ['。', '、'];

fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split(CLAUSE_ENDS).map(str::trim).filter(|c| c.chars().count() >= MIN_CLAUSE)
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

/// Names (with aliases and readings) of the record's facet terms and of
/// the records it points at: what a reader would call the record's
/// classification.
fn facet_texts(site: &Site, r: &Record, terms: &[(usize, String)]) -> Vec<String> {
    let mut out = vec![r.kind.label().to_string()];
    for term in record_terms(site, r, terms) {
        out.push(term.display());
        out.extend(term.aliases.iter().cloned());
        out.extend(term.readings.iter().cloned());
    }
    if matches!(&r.data, KindData::Organization(o) if o.regional_hub) {
        out.push(REGIONAL_HUB.into());
    }
    out
}

const REGIONAL_HUB: &str = "地域連携自立化推進拠点";

/// Every taxonomy term the record has: its facet terms, then its types.
fn record_terms<'a>(site: &'a Site, r: &Record, terms: &[(usize, String)]) -> Vec<&'a crate::taxonomy::Term> {
    let term = |taxonomy: &str, id: &str| site.taxonomies.get(taxonomy).and_then(|t| t.term(id));
    let mut out: Vec<_> = terms.iter().filter_map(|(d, id)| term(DIMENSIONS[*d].taxonomy?, id)).collect();
    match &r.data {
        KindData::Organization(o) => out.extend(o.organization_type.iter().filter_map(|t| term("organization-types", t))),
        KindData::Place(p) => out.extend(term("place-types", &p.place_type)),
        KindData::Case(c) => out.extend(c.case_type.iter().filter_map(|t| term("case-types", t))),
        KindData::Program(p) => out.extend(p.stage_menus.iter().filter_map(|t| term("stage-menus", t))),
    }
    out
}

/// Names of the records this one points at (owner, implementers, places…).
fn linked_names(site: &Site, r: &Record) -> Vec<String> {
    crate::schema::relations::references(&r.data).iter().filter_map(|x| site.get(x.target)).map(|t| t.common.name.clone()).collect()
}

/// What a search result shows besides its name, summary and body, each
/// with its label: everything else the index reads from the record, so
/// that a result can always show why it matched.
pub fn result_details(site: &Site, r: &Record, places: &PlaceReadings) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut add = |label: &'static str, texts: Vec<String>| {
        let texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
        if !texts.is_empty() {
            out.push((label, texts.join("、")));
        }
    };
    add("別名", r.common.aliases.clone());
    add("読み", readings(site, r, places));
    let mut classes = vec![r.kind.label().to_string()];
    classes.extend(record_terms(site, r, &facet_terms(site, r)).iter().map(|t| t.display()));
    if matches!(&r.data, KindData::Organization(o) if o.regional_hub) {
        classes.push(REGIONAL_HUB.into());
    }
    add("分類", classes);
    add("関連", linked_names(site, r));
    add("数値", r.common.facts.iter().map(|f| format!("{} {}", f.label, f.value)).collect());
    if let KindData::Program(p) = &r.data {
        add("対象", p.targets.iter().cloned().collect());
        add("予算", p.budgets.iter().map(|b| format!("{} {}", b.label, b.amount)).collect());
    }
    let period = match &r.data {
        KindData::Program(p) => p.period.clone(),
        KindData::Case(c) => c.period.clone(),
        _ => None,
    };
    add("期間", period.into_iter().collect());
    add("備考", r.common.note.iter().cloned().collect());
    out
}

/// The record's own words: body and stated details.
fn body_texts(r: &Record) -> Vec<String> {
    let mut out: Vec<String> = crate::markdown::to_text(&r.body).lines().map(str::to_string).collect();
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
