//! What's new: /updates/ lists the records by their `updated` date, newest
//! first and in pages, and /feed.xml carries the newest of them as an Atom
//! feed. Both are derived from the records alone, so two builds give the
//! same bytes.

use super::paging::Page;
use super::views::CountedGroup;
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::site::Site;
use crate::urls::{self, SitePage};
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};
use rayon::prelude::*;
use std::ops::Range;

/// Entries in the feed.
pub const FEED_ENTRIES: usize = 50;
/// Records on /updates/ (in pages of `page_size`): every record of an atlas
/// of today's size, the newest of a large one (a thousand pages of
/// updates help no reader; the data downloads have all).
pub const PAGE_RECORDS: usize = 1000;

/// Record indices, newest update first; ties in record order (kind, id).
pub fn by_update(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.records.len()).collect();
    order.sort_by(|&a, &b| site.records[b].common.updated.cmp(&site.records[a].common.updated).then(a.cmp(&b)));
    order
}

/// The pages of /updates/: the newest `PAGE_RECORDS` records, `page_size`
/// cards a page.
pub fn pages(site: &Site) -> impl Iterator<Item = Page> {
    Page::all(site.records.len().min(PAGE_RECORDS), site.config.page_size.get())
}

pub struct UpdatesRenderer;

impl Renderer for UpdatesRenderer {
    fn name(&self) -> &'static str {
        "updates"
    }
    fn pages(&self, site: &Site) -> Vec<SitePage> {
        let mut out: Vec<SitePage> = pages(site).map(|page| SitePage::html(urls::paged(&urls::updates(), page.number))).collect();
        out.push(SitePage::file(urls::feed()));
        out
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let order = by_update(site);
        let pages: Vec<Page> = pages(site).collect();
        // Every page counts the same list: the records shown on all pages.
        let shown = &order[..pages[0].count];
        let list = urls::updates();
        let title = "新着・更新情報".to_string();
        let desc = if shown.len() < order.len() {
            format!("支援施策・支援機関・地域・事例の{}件のうち、更新日の新しい{}件の一覧", order.len(), shown.len())
        } else {
            format!("支援施策・支援機関・地域・事例の{}件を、更新日の新しい順に並べた一覧", order.len())
        };
        pages.par_iter().try_for_each(|page| {
            let mut c = tera::Context::new();
            c.insert("groups", &day_groups(ctx, shown, page.items()));
            c.insert("count", &order.len());
            c.insert("shown", &shown.len());
            c.insert("feed_entries", &FEED_ENTRIES);
            c.insert("data_url", &urls::data());
            c.insert("pager", &page.pager(&list));
            let meta = page.meta(site, title.clone(), desc.clone(), &list, &[(title.clone(), list.clone())]);
            ctx.templates.write(sink, &urls::file_for(&meta.url), "updates.html", c, &meta)
        })?;
        sink.write(&urls::file_for(&urls::feed()), feed(site, &order).to_string().as_bytes())?;
        Ok(())
    }

    fn owned_folder(&self) -> Option<String> {
        // Later pages go when the list gets shorter.
        Some(urls::later_pages_folder(&urls::updates()))
    }
}

/// The records at `on_page` of `shown` (newest first) by the day they were
/// updated; each day counts its records on every page.
fn day_groups(ctx: &Context, shown: &[usize], on_page: Range<usize>) -> Vec<CountedGroup> {
    let updated = |i: usize| ctx.site.records[i].common.updated;
    let mut groups: Vec<CountedGroup> = Vec::new();
    let mut last = None;
    for &i in &shown[on_page] {
        let day = updated(i);
        if last != Some(day) {
            // Newest first: a day's records are one run of `shown`.
            let count = shown.partition_point(|&j| updated(j) >= day) - shown.partition_point(|&j| updated(j) > day);
            groups.push(CountedGroup { title: day.japanese(), count, cards: Vec::new() });
            last = Some(day);
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(ctx.cards[i].clone());
        }
    }
    groups
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

/// The Atom feed of the newest records.
pub fn feed(site: &Site, order: &[usize]) -> Feed {
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
                links: vec![alternate(url, "text/html")],
                categories: vec![Category { term: r.kind.name().into(), label: Some(r.kind.label().into()), ..Default::default() }],
                ..Default::default()
            }
        })
        .collect();
    let updated = order.first().map(|&i| jst_midnight(site.records[i].common.updated)).unwrap_or_default();
    let publisher = site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone());
    Feed {
        title: Text::plain(format!("{}：新着・更新情報", site.config.title)),
        id: urls::absolute(base, &urls::feed()),
        updated,
        authors: vec![Person { name: publisher, ..Default::default() }],
        links: vec![
            alternate(urls::absolute(base, &urls::updates()), "text/html"),
            Link { href: urls::absolute(base, &urls::feed()), rel: "self".into(), ..Default::default() },
        ],
        subtitle: site.config.description.clone().map(Text::plain),
        lang: Some(site.config.language.clone()),
        entries,
        ..Default::default()
    }
}
