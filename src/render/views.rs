//! What templates see: small serializable views prepared from the site.
//! Templates receive only what they show (never whole records of a list).

use crate::content::Record;
use crate::schema::{Kind, KindData};
use crate::site::Site;
use crate::urls;
use serde::Serialize;

/// A link, or plain text when `url` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

impl Link {
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Link {
        Link { name: name.into(), url: url.into() }
    }
    pub fn text(name: impl Into<String>) -> Link {
        Link { name: name.into(), url: String::new() }
    }
}

/// Records named in one cell of a table view (/stages/, /matrix/): in a
/// large atlas the first ones, the count of the others and a link to a
/// list that has them.
pub const CELL_LINKS: usize = 20;

/// A link to the record at index `i`.
pub fn record_link(site: &Site, i: usize) -> Link {
    let r = &site.records[i];
    Link::new(&r.common.name, urls::record(r.kind, &r.common.id))
}

/// Links to the first `CELL_LINKS` of some records, and how many are left out.
pub fn cell_links(site: &Site, records: &[usize]) -> (Vec<Link>, usize) {
    let more = records.len().saturating_sub(CELL_LINKS);
    (records.iter().take(CELL_LINKS).map(|&i| record_link(site, i)).collect(), more)
}

/// A record as it appears in lists.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub url: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    /// What the record is, as its badge says: the kind, or for a record of
    /// the 事例 list its type (採択一覧, 調査結果, …).
    pub badge: String,
    pub summary: String,
    pub facets: Vec<String>,
    /// What the record's last update changed, on lists ordered by update
    /// (what's new); `None` elsewhere.
    pub change: Option<String>,
}

/// A labelled row of values on a record page.
#[derive(Debug, Clone, Serialize)]
pub struct Property {
    pub label: String,
    pub values: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    pub cards: Vec<Card>,
}

/// A group of a paged list (a term's members of one kind, the records
/// updated on one day), as far as one page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CountedGroup {
    pub title: String,
    /// Its members on all pages of the list.
    pub count: usize,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// As of when the figure holds.
    pub as_of: String,
    pub source: Link,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    pub title: String,
    pub url: String,
    pub section: Option<String>,
    pub publisher: Option<String>,
    pub date: String,
}

/// Everything a record page shows.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    /// See `Card::badge`.
    pub badge: String,
    pub name: String,
    pub short_name: Option<String>,
    pub summary: String,
    pub body_html: String,
    pub properties: Vec<Property>,
    pub budgets: Vec<Figure>,
    pub facts: Vec<Figure>,
    pub related: Vec<Group>,
    pub sources: Vec<CitationView>,
    pub official_url: Option<String>,
    pub note: Option<String>,
    pub updated_iso: String,
    pub updated: String,
    /// The change log, newest first.
    pub changes: Vec<ChangeView>,
    /// This record as JSON (open data).
    pub json_url: String,
}

/// One entry of a record's change log, as its page and feed entry show it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub date_iso: String,
    pub date: String,
    pub description: String,
}

/// What a record's last update changed: the newest entry of its change
/// log when it is dated the day of `updated` (an update the log does not
/// describe has none).
pub fn last_change(r: &Record) -> Option<ChangeView> {
    changes(r).into_iter().next().filter(|c| c.date_iso == r.common.updated.iso())
}

/// A record's change log, newest first whatever order it is written in.
pub fn changes(r: &Record) -> Vec<ChangeView> {
    let mut log: Vec<&crate::schema::Change> = r.common.changes.iter().collect();
    log.sort_by_key(|c| std::cmp::Reverse(c.date));
    log.into_iter().map(|c| ChangeView { date_iso: c.date.iso(), date: c.date.japanese(), description: c.description.clone() }).collect()
}

fn term_links(site: &Site, taxonomy: &str, ids: &[String]) -> Vec<Link> {
    let Some(t) = site.taxonomies.get(taxonomy) else {
        return Vec::new();
    };
    ids.iter().filter_map(|id| t.term(id)).map(|term| Link::new(term.display(), urls::term(taxonomy, &term.id))).collect()
}

fn record_links(site: &Site, ids: &[String]) -> Vec<Link> {
    ids.iter().filter_map(|id| site.get(id)).map(|r| Link::new(&r.common.name, urls::record(r.kind, &r.common.id))).collect()
}

fn one(x: &Option<String>) -> &[String] {
    x.as_slice()
}

/// Short facet labels shown on cards and in search results.
pub fn facets(site: &Site, r: &Record) -> Vec<String> {
    let names = |tax: &str, ids: &[String]| -> Vec<String> {
        let Some(t) = site.taxonomies.get(tax) else {
            return Vec::new();
        };
        ids.iter()
            .filter_map(|id| t.term(id))
            .map(|t| t.label.clone().filter(|l| l.chars().count() > 1).unwrap_or_else(|| t.name.clone()))
            .collect()
    };
    match &r.data {
        KindData::Program(p) => {
            let mut f = names("ministries", &p.ministries);
            if let Some(owner) = p.owner.as_ref().and_then(|o| site.get(o)) {
                f.push(owner.common.name.clone());
            }
            f.extend(names("support-kinds", &p.support_kinds));
            f.extend(names("stages", &p.stages));
            f
        }
        KindData::Organization(o) => {
            let mut f = names("prefectures", one(&o.prefecture));
            if o.regional_hub {
                f.push("★地域連携自立化推進拠点".into());
            }
            f
        }
        KindData::Place(p) => {
            let mut f = names("place-types", std::slice::from_ref(&p.place_type));
            f.extend(names("prefectures", std::slice::from_ref(&p.prefecture)));
            f
        }
        KindData::Case(c) => {
            let mut f = names("case-types", one(&c.case_type));
            f.extend(c.places.iter().filter_map(|p| site.get(p)).map(|p| p.common.name.clone()));
            f
        }
    }
}

/// The badge of a record: its record type where it has one, else its kind.
pub fn badge(site: &Site, r: &Record) -> String {
    let record_type = match &r.data {
        KindData::Case(c) => c.record_type.as_deref().and_then(|t| site.taxonomies.get("record-types")?.term(t)),
        _ => None,
    };
    record_type.map_or_else(|| r.kind.label().to_string(), |t| t.name.clone())
}

/// Names that more than one record bears (a prefecture as an organization
/// and as a place): their pages' titles add the kind, so that no two pages
/// of the site share a title.
pub struct SharedNames(std::collections::HashSet<String>);

pub fn shared_names(site: &Site) -> SharedNames {
    let mut seen = std::collections::HashSet::new();
    let shared = site.records.iter().filter(|r| !seen.insert(r.common.name.as_str())).map(|r| r.common.name.clone()).collect();
    SharedNames(shared)
}

impl SharedNames {
    /// 大分県（支援機関）, or the name alone when no other record has it.
    pub fn page_title(&self, r: &Record) -> String {
        if self.0.contains(&r.common.name) { format!("{}（{}）", r.common.name, r.kind.label()) } else { r.common.name.clone() }
    }
}

/// Every record's card, made when a page first shows it: an incremental
/// rebuild that renders a few pages makes only their cards.
pub struct Cards<'a> {
    site: &'a Site,
    made: Vec<std::sync::OnceLock<Card>>,
}

impl<'a> Cards<'a> {
    pub fn new(site: &'a Site) -> Cards<'a> {
        Cards { site, made: (0..site.records.len()).map(|_| std::sync::OnceLock::new()).collect() }
    }
}

impl std::ops::Index<usize> for Cards<'_> {
    type Output = Card;
    /// The card of the record at index `i`.
    fn index(&self, i: usize) -> &Card {
        self.made[i].get_or_init(|| card(self.site, &self.site.records[i]))
    }
}

pub fn card(site: &Site, r: &Record) -> Card {
    Card {
        id: r.common.id.clone(),
        name: r.common.name.clone(),
        url: urls::record(r.kind, &r.common.id),
        kind: r.kind,
        kind_label: r.kind.label(),
        badge: badge(site, r),
        summary: r.common.summary.clone(),
        facets: facets(site, r),
        change: None,
    }
}

/// A record's properties as its page lists them, each headed by its field's
/// label in the one field registry (the spreadsheet's headers and the
/// editor's form labels read the same).
fn properties(site: &Site, r: &Record) -> Vec<Property> {
    let mut props = Vec::new();
    let mut push = |label: &str, values: Vec<Link>| {
        if !values.is_empty() {
            props.push(Property { label: label.to_string(), values });
        }
    };
    let label = |field: &str| crate::fields::label(r.kind, field);
    if let Some(s) = &r.common.short_name {
        push(label("short_name"), vec![Link::text(s)]);
    }
    push(label("aliases"), r.common.aliases.iter().map(Link::text).collect());
    match &r.data {
        KindData::Program(p) => {
            push(label("ministries"), term_links(site, "ministries", &p.ministries));
            push(label("owner"), record_links(site, one(&p.owner)));
            push(label("implementers"), record_links(site, &p.implementers));
            push(label("places"), record_links(site, &p.places));
            push(label("support_areas"), term_links(site, "support-areas", &p.support_areas));
            push(label("support_kinds"), term_links(site, "support-kinds", &p.support_kinds));
            if let Some(d) = p.device_specific {
                push(label("device_specific"), vec![Link::text(if d { "● 医療機器に特化した事業" } else { "○ 医療機器に限定しない事業" })]);
            }
            push(label("phases"), term_links(site, "phases", &p.phases));
            push(label("stages"), term_links(site, "stages", &p.stages));
            push(label("stage_menus"), term_links(site, "stage-menus", &p.stage_menus));
            push(label("period"), p.period.iter().map(Link::text).collect());
            push(label("targets"), p.targets.iter().map(Link::text).collect());
        }
        KindData::Organization(o) => {
            push(label("organization_type"), term_links(site, "organization-types", one(&o.organization_type)));
            push(label("ministries"), term_links(site, "ministries", &o.ministries));
            // The region follows from the prefecture when the record leaves it out.
            let region = o.region.clone().or_else(|| prefecture_region(site, o.prefecture.as_deref()?));
            push(label("region"), term_links(site, "regions", region.as_slice()));
            push(label("prefecture"), term_links(site, "prefectures", one(&o.prefecture)));
            push(label("places"), record_links(site, &o.places));
            if o.regional_hub {
                let since = o.hub_since.map(|y| format!("（{}採択）", y)).unwrap_or_default();
                push(label("regional_hub"), vec![Link::new(format!("★ 拠点{since}"), "")]);
            }
        }
        KindData::Place(p) => {
            push(label("place_type"), term_links(site, "place-types", std::slice::from_ref(&p.place_type)));
            push(label("prefecture"), term_links(site, "prefectures", std::slice::from_ref(&p.prefecture)));
            // A place's region is no field of it but follows from its prefecture.
            let regions = site.taxonomies.get("regions").map_or("", |t| t.title.as_str());
            push(regions, term_links(site, "regions", prefecture_region(site, &p.prefecture).as_slice()));
        }
        KindData::Case(c) => {
            push(label("record_type"), term_links(site, "record-types", one(&c.record_type)));
            push(label("case_type"), term_links(site, "case-types", one(&c.case_type)));
            push(label("places"), record_links(site, &c.places));
            push(label("organizations"), record_links(site, &c.organizations));
            push(label("programs"), record_links(site, &c.programs));
            push(label("stages"), term_links(site, "stages", &c.stages));
            push(label("period"), c.period.iter().map(Link::text).collect());
        }
    }
    props
}

fn prefecture_region(site: &Site, prefecture: &str) -> Option<String> {
    site.taxonomies.get("prefectures")?.term(prefecture)?.region.clone()
}

/// "As of" of a source document, for figures that state none themselves.
pub fn source_date(site: &Site, id: &str) -> String {
    site.source(id)
        .map(|s| {
            let s = &s.source;
            s.date.map(|d| d.japanese()).or(s.fiscal_year.map(|y| y.to_string())).or(s.date_note.clone()).unwrap_or_default()
        })
        .unwrap_or_default()
}

fn source_link(site: &Site, id: &str) -> Link {
    match site.source(id) {
        Some(s) => Link::new(&s.source.title, urls::source(id)),
        None => Link::text(id),
    }
}

pub fn record_view(site: &Site, index: usize, body_html: String) -> RecordView {
    let r = &site.records[index];
    let first_source = r.common.sources.first().map(|c| c.source.as_str()).unwrap_or("");
    let budgets = match &r.data {
        KindData::Program(p) => p
            .budgets
            .iter()
            .map(|b| Figure {
                label: b.label.clone(),
                value: b.amount.clone(),
                as_of: b.fiscal_year.to_string(),
                source: source_link(site, first_source),
            })
            .collect(),
        _ => Vec::new(),
    };
    let facts = r
        .common
        .facts
        .iter()
        .map(|f| {
            let src = f.source.as_deref().unwrap_or(first_source);
            Figure {
                label: f.label.clone(),
                value: f.value.clone(),
                as_of: f.as_of.clone().unwrap_or_else(|| format!("資料時点（{}）", source_date(site, src))),
                source: source_link(site, src),
            }
        })
        .collect();
    let mut related: Vec<Group> = Vec::new();
    for &(relation, from) in &site.incoming[index] {
        let title = relation.incoming_label().to_string();
        let c = card(site, &site.records[from]);
        match related.iter_mut().find(|g| g.title == title) {
            Some(g) => g.cards.push(c),
            None => related.push(Group { title, cards: vec![c] }),
        }
    }
    let sources = r
        .common
        .sources
        .iter()
        .filter_map(|c| {
            let s = site.source(&c.source)?;
            Some(CitationView {
                title: s.source.title.clone(),
                url: urls::source(&c.source),
                section: c.section.clone(),
                publisher: s.source.publisher.clone(),
                date: source_date(site, &c.source),
            })
        })
        .collect();
    RecordView {
        id: r.common.id.clone(),
        kind: r.kind,
        kind_label: r.kind.label(),
        badge: badge(site, r),
        name: r.common.name.clone(),
        short_name: r.common.short_name.clone(),
        summary: r.common.summary.clone(),
        body_html,
        properties: properties(site, r),
        budgets,
        facts,
        related,
        sources,
        official_url: r.common.url.clone(),
        note: r.common.note.clone(),
        updated_iso: r.common.updated.iso(),
        updated: r.common.updated.japanese(),
        changes: changes(r),
        json_url: urls::record_json(r.kind, &r.common.id),
    }
}
