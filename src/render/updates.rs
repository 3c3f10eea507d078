//! What's new: /updates/ lists every record by its `updated` date, newest
//! first, and /feed.xml carries the newest of them as an Atom feed. Both are
//! derived from the records alone, so two builds give the same bytes.

use super::pages::meta;
use super::views::Group;
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::site::Site;
use crate::urls;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

/// Entries in the feed.
pub const FEED_ENTRIES: usize = 50;
/// Records on /updates/: every record of an atlas of today's size, the
/// newest of a large one (a page of 100,000 cards helps no reader and
/// costs the build hundreds of megabytes; the data downloads have all).
pub const PAGE_RECORDS: usize = 1000;

/// Record indices, newest update first; ties in record order (kind, id).
pub fn by_update(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.records.len()).collect();
    order.sort_by(|&a, &b| site.records[b].common.updated.cmp(&site.records[a].common.updated).then(a.cmp(&b)));
    order
}

pub struct UpdatesRenderer;

impl Renderer for UpdatesRenderer {
    fn name(&self) -> &'static str {
        "updates"
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let order = by_update(site);
        let mut groups: Vec<Group> = Vec::new();
        let mut last = None;
        for &i in order.iter().take(PAGE_RECORDS) {
            let date = site.records[i].common.updated;
            if last != Some(date) {
                groups.push(Group { title: date.japanese(), cards: Vec::new() });
                last = Some(date);
            }
            if let Some(g) = groups.last_mut() {
                g.cards.push(ctx.cards[i].clone());
            }
        }
        let mut c = tera::Context::new();
        c.insert("groups", &groups);
        let shown = order.len().min(PAGE_RECORDS);
        c.insert("count", &order.len());
        c.insert("shown", &shown);
        c.insert("feed_entries", &FEED_ENTRIES);
        c.insert("data_url", &urls::data());
        let url = urls::updates();
        let title = "新着・更新情報".to_string();
        let desc = if shown < order.len() {
            format!("支援施策・支援機関・地域・事例の{}件のうち、更新日の新しい{shown}件の一覧", order.len())
        } else {
            format!("支援施策・支援機関・地域・事例の{}件を、更新日の新しい順に並べた一覧", order.len())
        };
        let page = meta(site, title.clone(), desc, url.clone(), &[(title, url.clone())]);
        ctx.pages.write(sink, &urls::file_for(&url), "updates.html", c, &page)?;
        sink.write(&urls::file_for(&urls::feed()), feed(site, &order).to_string().as_bytes())?;
        Ok(())
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
