//! Atom feeds: the site's (/feed.xml: the newest records of every kind),
//! one per kind list (`/programs/feed.xml`) and one per term page
//! (`/prefectures/saitama/feed.xml`), so that a reader or a municipal team
//! can follow one prefecture, one stage or one ministry. Every feed is
//! derived from the records alone, so two builds give the same bytes.
//!
//! Order: newest `updated` first; within a day the kinds take turns
//! (支援施策, 支援機関, 地域, 事例, 支援施策, …), each kind in record
//! order, so that a day on which many records changed shows every kind
//! in the newest entries instead of the first fifty of one kind.

use super::{Context, RenderError, Renderer};
use crate::content::Record;
use crate::output::Sink;
use crate::schema::Kind;
use crate::site::Site;
use crate::urls::{self, SitePage};
use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use rayon::prelude::*;

/// Entries in a feed.
pub const FEED_ENTRIES: usize = 50;

/// `records` (indices in record order) newest first, the kinds taking
/// turns within a day.
pub fn feed_order(site: &Site, records: &[usize]) -> Vec<usize> {
    let mut keyed: Vec<(std::cmp::Reverse<crate::calendar::Date>, usize, Kind, usize)> = Vec::with_capacity(records.len());
    let mut turn: std::collections::HashMap<(crate::calendar::Date, Kind), usize> = Default::default();
    for &i in records {
        let r = &site.records[i];
        let n = turn.entry((r.common.updated, r.kind)).or_default();
        keyed.push((std::cmp::Reverse(r.common.updated), *n, r.kind, i));
        *n += 1;
    }
    keyed.sort_unstable();
    keyed.into_iter().map(|(.., i)| i).collect()
}

/// A feed: what it follows, where, and the page it follows.
#[derive(serde::Serialize)]
pub struct FeedSpec {
    /// The feed's title, e.g. 埼玉県（都道府県）.
    pub title: String,
    /// The feed's URL.
    pub url: String,
    /// The page the feed follows.
    pub page: String,
}

/// The feed of the list at `list` (a kind list or a term page).
fn list_feed(list: &str) -> String {
    format!("{list}feed.xml")
}

/// The feed of a kind's list.
pub fn kind_feed(site: &Site, kind: Kind) -> FeedSpec {
    let list = urls::kind_list(kind);
    FeedSpec { title: format!("{}：{}の新着・更新", site.config.title, kind.label()), url: list_feed(&list), page: list }
}

/// The feed of a term's page (taxonomy `t`, term `i`).
pub fn term_feed(site: &Site, t: usize, i: usize) -> FeedSpec {
    let tax = &site.taxonomies.0[t];
    let term = &tax.terms[i];
    let list = urls::term(&tax.slug, &term.id);
    FeedSpec {
        title: format!("{}：{}（{}）の新着・更新", site.config.title, term.display(), tax.title), url: list_feed(&list), page: list
    }
}

pub struct FeedsRenderer;

/// What a feed follows.
#[derive(Clone, Copy)]
enum Followed {
    Site,
    Kind(Kind),
    /// Taxonomy and term, by index.
    Term(usize, usize),
}

/// Every feed of the site.
fn all_feeds(site: &Site) -> Vec<(FeedSpec, Followed)> {
    let site_feed = FeedSpec { title: format!("{}：新着・更新情報", site.config.title), url: urls::feed(), page: urls::updates() };
    let mut feeds = vec![(site_feed, Followed::Site)];
    feeds.extend(Kind::ALL.map(|kind| (kind_feed(site, kind), Followed::Kind(kind))));
    for (t, tax) in site.taxonomies.0.iter().enumerate() {
        feeds.extend((0..tax.terms.len()).map(|i| (term_feed(site, t, i), Followed::Term(t, i))));
    }
    feeds
}

/// The records a feed follows, in record order (`all` is every index).
fn followed<'a>(site: &'a Site, all: &'a [usize], what: Followed) -> &'a [usize] {
    match what {
        Followed::Site => all,
        Followed::Kind(kind) => &all[site.kind_range(kind)],
        Followed::Term(t, i) => {
            let tax = &site.taxonomies.0[t];
            site.members(&tax.slug, &tax.terms[i].id)
        }
    }
}

impl Renderer for FeedsRenderer {
    fn name(&self) -> &'static str {
        "feeds"
    }
    fn pages(&self, site: &Site) -> Vec<SitePage> {
        all_feeds(site).into_iter().map(|(spec, _)| SitePage::file(spec.url)).collect()
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let all: Vec<usize> = (0..site.records.len()).collect();
        all_feeds(site).par_iter().try_for_each(|(spec, what)| {
            let xml = feed(site, spec, &feed_order(site, followed(site, &all, *what))).to_string();
            sink.write(&urls::file_for(&spec.url), xml.as_bytes()).map_err(RenderError::from)
        })
    }
}

/// Midnight in Japan on the date, the moment an `updated` date stands for.
fn jst_midnight(date: crate::calendar::Date) -> FixedDateTime {
    let naive = date.0.and_time(chrono::NaiveTime::MIN);
    chrono::FixedOffset::east_opt(9 * 3600)
        .and_then(|jst| naive.and_local_timezone(jst).single())
        .unwrap_or_else(|| naive.and_utc().fixed_offset())
}

fn alternate(href: String, mime: &str) -> Link {
    Link { href, rel: "alternate".into(), mime_type: Some(mime.into()), ..Default::default() }
}

/// What an entry says besides the summary: what the update changed when
/// the record's change log says so for its last update, else the date it
/// was last updated; and the documents it is written from, with their dates.
fn entry_content(site: &Site, r: &Record) -> String {
    let updated = r.common.updated.japanese();
    let when = match super::views::last_change(r) {
        Some(c) => format!("<p>更新（{updated}）: {}</p>", super::escape(&c.description)),
        None => format!("<p>最終更新: {updated}</p>"),
    };
    let mut html = format!("<p>{}</p>{when}", super::escape(&r.common.summary));
    let sources: Vec<String> = r
        .common
        .sources
        .iter()
        .filter_map(|c| site.source(&c.source))
        .map(|s| {
            let date = super::views::source_date(site, &s.source.id);
            let dated = if date.is_empty() { String::new() } else { format!("（{date}）") };
            format!("{}{}", super::escape(&s.source.title), super::escape(&dated))
        })
        .collect();
    if !sources.is_empty() {
        html.push_str(&format!("<p>出典: {}</p>", sources.join("、")));
    }
    html
}

/// The Atom feed of `order` (newest first), the first `FEED_ENTRIES` of it.
pub fn feed(site: &Site, spec: &FeedSpec, order: &[usize]) -> Feed {
    let base = &site.config.base_url;
    let entries: Vec<Entry> = order
        .iter()
        .take(FEED_ENTRIES)
        .map(|&i| {
            let r = &site.records[i];
            let url = urls::absolute(base, &urls::record(r.kind, &r.common.id));
            Entry {
                title: Text::plain(format!("{}（{}）", r.common.name, r.kind.label())),
                id: url.clone(),
                updated: jst_midnight(r.common.updated),
                summary: Some(Text::plain(r.common.summary.clone())),
                content: Some(Content { value: Some(entry_content(site, r)), content_type: Some("html".into()), ..Default::default() }),
                links: vec![alternate(url, "text/html")],
                categories: vec![Category { term: r.kind.name().into(), label: Some(r.kind.label().into()), ..Default::default() }],
                ..Default::default()
            }
        })
        .collect();
    // An empty feed is as new as the newest record of the site.
    let newest = order.first().map(|&i| site.records[i].common.updated).or_else(|| site.records.iter().map(|r| r.common.updated).max());
    let updated = newest.map(jst_midnight).unwrap_or_default();
    let publisher = site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone());
    Feed {
        title: Text::plain(spec.title.clone()),
        id: urls::absolute(base, &spec.url),
        updated,
        authors: vec![Person { name: publisher, ..Default::default() }],
        links: vec![
            alternate(urls::absolute(base, &spec.page), "text/html"),
            Link {
                href: urls::absolute(base, &spec.url),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
        ],
        subtitle: site.config.description.clone().map(Text::plain),
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    }
}
