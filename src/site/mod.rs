//! Stage 2, validate and link: checks every record against the taxonomies,
//! the source registry and each other, resolves what authors wrote to
//! canonical ids, and computes every back-link. The result is the `Site`
//! that renderers read; they never see files.

mod checks;

pub use crate::schema::relations::{FieldPath, Reference, Relation, TaxonomySlug, references, visit_terms};
pub use checks::content_links;

use crate::calendar::Date;
use crate::content::{Inputs, Record, SourceDoc, Theme};
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::schema::{Kind, KindData, SiteConfig};
use crate::taxonomy::Taxonomies;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The maps linking builds on every rebuild, keyed by ids and terms that
/// authors write (not by untrusted network input): a fast hasher suits them.
pub type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// The linked site: what every renderer reads.
pub struct Site {
    pub config: SiteConfig,
    pub taxonomies: Taxonomies,
    pub sources: Vec<SourceDoc>,
    /// Sorted by kind, then id.
    pub records: Vec<Arc<Record>>,
    pub theme: Theme,
    /// Search synonyms, validated when loaded.
    pub synonyms: crate::synonyms::Synonyms,
    /// The accessibility test report, if the site has one.
    pub accessibility: Option<crate::schema::AccessibilityReport>,
    index: FastMap<String, usize>,
    /// For each record, the records pointing at it: (relation, record index), sorted.
    pub incoming: Vec<Vec<(Relation, usize)>>,
    /// (taxonomy slug, term id) → records using the term, in record order.
    pub members: FastMap<(String, String), Vec<usize>>,
    /// Source id → records citing it.
    pub citing: HashMap<String, Vec<usize>>,
}

impl Site {
    pub fn get(&self, id: &str) -> Option<&Record> {
        self.index.get(id).map(|&i| &*self.records[i])
    }
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
    /// The indices of the records of `kind`: records are sorted by kind
    /// (see `link`), so they are one run.
    pub fn kind_range(&self, kind: Kind) -> std::ops::Range<usize> {
        self.records.partition_point(|r| r.kind < kind)..self.records.partition_point(|r| r.kind <= kind)
    }
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = (usize, &Record)> {
        self.kind_range(kind).map(|i| (i, &*self.records[i]))
    }
    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.sources.iter().find(|s| s.source.id == id)
    }
    /// Where a record is (the one rule, see `location`).
    pub fn location(&self, record: &Record) -> Location {
        location(record, &|id| self.get(id), &self.taxonomies)
    }
    pub fn members(&self, taxonomy: &str, term: &str) -> &[usize] {
        self.members.get(&(taxonomy.to_string(), term.to_string())).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Validates and links loaded inputs; `today` bounds `updated` dates.
/// `errors` holds what loading found already; linking adds to it and
/// returns them (unsorted) with the site: links in bodies are checked
/// afterwards against the pages the renderers declare (`content_links`), even
/// when other errors were found, so that one run reports all.
pub fn link(inputs: Inputs, today: Date, mut errors: Vec<Diagnostic>) -> (Site, Vec<Diagnostic>) {
    let Inputs { config, taxonomies, sources, mut records, unparsed, theme, synonyms, accessibility } = inputs;
    records.sort_by(|a, b| (a.kind, &a.common.id).cmp(&(b.kind, &b.common.id)));

    let mut index: FastMap<String, usize> = FastMap::default();
    for (i, r) in records.iter().enumerate() {
        let id = &r.common.id;
        if !crate::text::is_safe_slug(id) {
            errors.push(r.error_at("id", Message::IdNotSlug { id: id.clone() }).help(Message::IdNotSlugHelp));
            continue;
        }
        if let Some(reason) = crate::urls::reserved_id(r.kind, id) {
            errors.push(r.error_at("id", reason).help(Message::ChooseAnotherId));
            continue;
        }
        if let Some(&j) = index.get(id) {
            errors.push(r.error_at("id", Message::IdTaken { id: id.clone(), file: records[j].file.clone() }).help(Message::IdTakenHelp));
            continue;
        }
        index.insert(id.clone(), i);
    }

    // Each record is checked on its own, in parallel; errors are sorted at the end.
    let checked: Vec<(Vec<Diagnostic>, Vec<RecordTerm>)> = records
        .par_iter_mut()
        .map(|r| {
            let mut found = Vec::new();
            let terms = check_terms(r, &taxonomies, &mut found);
            (found, terms)
        })
        .collect();
    let mut terms_of = Vec::with_capacity(checked.len());
    for (found, terms) in checked {
        errors.extend(found);
        terms_of.push(terms);
    }
    errors.par_extend(records.par_iter().flat_map_iter(|r| {
        let mut found = Vec::new();
        check_record(r, &records, &index, &unparsed, &sources, &taxonomies, today, &mut found);
        found
    }));
    let mut incoming = vec![Vec::new(); records.len()];
    // By taxonomy, then term, keyed by the taxonomies' own strings: no key
    // is made per use, only one per term in use when `members` is filled.
    let mut by_taxonomy: FastMap<&'static str, FastMap<&str, Vec<usize>>> = FastMap::default();
    let mut citing: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, (r, record_terms)) in records.iter().zip(terms_of).enumerate() {
        for reference in references(&r.data) {
            if let Some(&t) = index.get(reference.target) {
                incoming[t].push((reference.relation, i));
            }
        }
        for (tax, term) in record_terms {
            let terms = by_taxonomy.entry(tax).or_default();
            let v = terms.entry(term).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
        for c in &r.common.sources {
            let v = citing.entry(c.source.clone()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    for list in &mut incoming {
        list.sort();
        list.dedup();
    }
    let mut members: FastMap<(String, String), Vec<usize>> = FastMap::default();
    for (tax, terms) in by_taxonomy {
        members.extend(terms.into_iter().map(|(term, list)| ((tax.to_string(), term.to_string()), list)));
    }
    add_located_members(&records, &index, &taxonomies, &mut members);
    let site = Site {
        config,
        taxonomies,
        sources,
        records,
        theme,
        synonyms,
        accessibility,
        index,
        incoming,
        members,
        citing: citing.into_iter().collect(),
    };
    for tax in &site.taxonomies.0 {
        if let Some(c) = tax.source.as_ref().filter(|c| site.source(&c.source).is_none()) {
            errors.push(
                Diagnostic::new(format!("content/taxonomies/{}.yaml", tax.slug), 1, Message::NoSuchSource { id: c.source.clone() })
                    .field("source.source")
                    .help(Message::RegisterSource),
            );
        }
    }
    (site, errors)
}

/// Where a record is: the prefectures and regions (term ids, sorted) of
/// the one rule that search facets, prefecture and region pages and the
/// map all follow (`Site::location`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub prefectures: Vec<String>,
    pub regions: Vec<String>,
}

/// Where a record is located: a place in its prefecture; an organization in
/// its prefecture and those of its places; a program or case in those of
/// its places, and a program also where its owner (a place or an
/// organization) is. The regions are those of the prefectures, and an
/// organization's own region. `get` finds records by id.
pub fn location<'a>(record: &'a Record, get: &dyn Fn(&str) -> Option<&'a Record>, taxonomies: &Taxonomies) -> Location {
    fn own<'a>(record: &'a Record, get: &dyn Fn(&str) -> Option<&'a Record>, out: &mut Vec<String>) {
        let places = |ids: &'a [String], out: &mut Vec<String>| {
            for place in ids.iter().filter_map(|id| get(id)) {
                if let KindData::Place(p) = &place.data {
                    out.push(p.prefecture.clone());
                }
            }
        };
        match &record.data {
            KindData::Place(p) => out.push(p.prefecture.clone()),
            KindData::Organization(o) => {
                out.extend(o.prefecture.iter().cloned());
                places(&o.places, out);
            }
            KindData::Program(p) => {
                places(&p.places, out);
                // The owner's own location (a place or an organization: no
                // further owners to follow).
                if let Some(owner) =
                    p.owner.as_deref().and_then(get).filter(|o| matches!(o.data, KindData::Place(_) | KindData::Organization(_)))
                {
                    own(owner, get, out);
                }
            }
            KindData::Case(c) => places(&c.places, out),
        }
    }
    let mut prefectures = Vec::new();
    own(record, get, &mut prefectures);
    prefectures.sort();
    prefectures.dedup();
    let prefecture_terms = taxonomies.get("prefectures");
    let mut regions: Vec<String> = prefectures.iter().filter_map(|p| prefecture_terms?.term(p)?.region.clone()).collect();
    if let KindData::Organization(o) = &record.data {
        regions.extend(o.region.iter().cloned());
    }
    regions.sort();
    regions.dedup();
    Location { prefectures, regions }
}

/// Makes every record a member of the prefectures and regions it is
/// located in (`location`), so that prefecture and region pages and the
/// map list everything located there. Computed once here; renderers only
/// read `members`.
fn add_located_members(
    records: &[Arc<Record>],
    index: &FastMap<String, usize>,
    taxonomies: &Taxonomies,
    members: &mut FastMap<(String, String), Vec<usize>>,
) {
    let get = |id: &str| index.get(id).map(|&i| &*records[i]);
    for (i, r) in records.iter().enumerate() {
        let Location { prefectures, regions } = location(r, &get, taxonomies);
        let terms = prefectures.into_iter().map(|p| ("prefectures", p)).chain(regions.into_iter().map(|g| ("regions", g)));
        for (tax, term) in terms {
            members.entry((tax.to_string(), term)).or_default().push(i);
        }
    }
    for list in members.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
}

/// A term a record has: (taxonomy slug, canonical term id).
type RecordTerm<'t> = (&'static str, &'t str);

/// Resolves what a record wrote for its terms (段階⑤ → stage-5) and reports
/// unknown ones. Returns its terms as (taxonomy, canonical id). The terms
/// are visited on a copy of the record's kind data; the record itself is
/// copied only when a value was not written canonically (records are shared
/// with the cache of `atlas serve`).
fn check_terms<'t>(r: &mut Arc<Record>, taxonomies: &'t Taxonomies, errors: &mut Vec<Diagnostic>) -> Vec<RecordTerm<'t>> {
    let mut found = Vec::new();
    let mut terms = Vec::new();
    let mut rewritten = false;
    let mut data = r.data.clone();
    visit_terms(&mut data, &mut |field, tax, value| {
        let tax = tax.as_str();
        let Some(taxonomy) = taxonomies.get(tax) else {
            return;
        };
        match taxonomy.resolve(value) {
            Some(term) => {
                if *value != term.id {
                    *value = term.id.clone();
                    rewritten = true;
                }
                terms.push((tax, term.id.as_str()));
            }
            None => {
                let taxonomy_slug = tax.to_string();
                let help = match taxonomy.suggest(value) {
                    Some(suggestion) => Message::DidYouMeanTerm { suggestion, taxonomy: taxonomy_slug.clone() },
                    None => Message::UseOneOfTerms { ids: taxonomy.ids(), taxonomy: taxonomy_slug.clone() },
                };
                let message = Message::NotATerm { value: value.clone(), title: taxonomy.title.clone(), taxonomy: taxonomy_slug };
                found.push((field, message, help));
            }
        }
    });
    if rewritten {
        Arc::make_mut(r).data = data;
    }
    for (field, message, help) in found {
        errors.push(r.error_at(&field.to_string(), message).help(help));
    }
    terms
}

#[allow(clippy::too_many_arguments)]
fn check_record(
    r: &Record,
    records: &[Arc<Record>],
    index: &FastMap<String, usize>,
    unparsed: &[String],
    sources: &[SourceDoc],
    taxonomies: &Taxonomies,
    today: Date,
    errors: &mut Vec<Diagnostic>,
) {
    for reference in references(&r.data) {
        match index.get(reference.target) {
            // The file of that id has its own errors already.
            None if unparsed.iter().any(|u| u == reference.target) => {}
            None => {
                let ids = records.iter().filter(|o| reference.allowed.contains(&o.kind)).map(|o| o.common.id.as_str());
                let help = match crate::diagnostics::did_you_mean(reference.target, ids) {
                    Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                    None => Message::CreateRecordFirst { kind: reference.allowed[0].name().to_string(), id: reference.target.to_string() },
                };
                let message = Message::NoSuchRecord { id: reference.target.to_string() };
                errors.push(r.error_at(&reference.path.to_string(), message).help(help));
            }
            Some(&t) if !reference.allowed.contains(&records[t].kind) => {
                let allowed: Vec<&str> = reference.allowed.iter().map(|k| k.label()).collect();
                let message = Message::WrongKind {
                    id: reference.target.to_string(),
                    is: records[t].kind.label().to_string(),
                    takes: allowed.join("・"),
                };
                errors.push(r.error_at(&reference.path.to_string(), message).help(Message::WrongKindHelp));
            }
            Some(_) => {}
        }
    }
    let source_ids: Vec<&str> = sources.iter().map(|s| s.source.id.as_str()).collect();
    let mut missing = Vec::new();
    let mut check_source = |field: String, id: &str| {
        if !source_ids.contains(&id) {
            let help = match crate::diagnostics::did_you_mean(id, source_ids.iter().copied()) {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::RegisterSource,
            };
            missing.push(r.error_at(&field, Message::NoSuchSource { id: id.to_string() }).help(help));
        }
    };
    if r.common.sources.is_empty() {
        errors.push(r.error_at("sources", Message::NoSources).help(Message::NoSourcesHelp));
    }
    for (i, c) in r.common.sources.iter().enumerate() {
        check_source(format!("sources[{i}].source"), &c.source);
    }
    for (i, f) in r.common.facts.iter().enumerate() {
        if let Some(s) = &f.source {
            check_source(format!("facts[{i}].source"), s);
        }
    }
    errors.append(&mut missing);
    if let Some(url) = &r.common.url
        && let Err(m) = check_url(url)
    {
        errors.push(r.error_at("url", m).help(Message::FullAddressHelp));
    }
    if r.common.updated > today {
        errors.push(r.error_at("updated", Message::UpdatedInFuture { date: r.common.updated.iso() }).help(Message::UpdatedInFutureHelp));
    }
    for (field, text) in [("name", &r.common.name), ("summary", &r.common.summary)] {
        if text.trim().is_empty() {
            errors.push(r.error_at(field, Message::EmptyText { field: field.to_string() }).help(Message::EmptyTextHelp));
        }
    }
    checks::budgets(r, errors);
    checks::fact_dates(r, errors);
    checks::changes(r, errors);
    if let KindData::Organization(o) = &r.data
        && let (Some(region), Some(pref)) = (&o.region, &o.prefecture)
    {
        let expected = taxonomies.get("prefectures").and_then(|t| t.term(pref)).and_then(|t| t.region.clone());
        if expected.as_ref().is_some_and(|e| e != region) {
            let message =
                Message::RegionMismatch { prefecture: pref.clone(), expected: expected.unwrap_or_default(), region: region.clone() };
            errors.push(r.error_at("region", message).help(Message::RegionMismatchHelp));
        }
    }
}

/// Checks an external address's syntax: scheme, host, no spaces.
pub fn check_url(url: &str) -> Result<(), Message> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| Message::NotAWebAddress { url: url.to_string() })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = !host.is_empty() && host.contains('.') && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !host_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Message::InvalidWebAddress { url: url.to_string() });
    }
    Ok(())
}
