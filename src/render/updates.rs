//! What's new: /updates/ lists the records by their `updated` date, newest
//! first and in pages, in the order of the feeds (`feeds::feed_order`);
//! /feed.xml (written by the feeds renderer) carries the newest of them.
//! Derived from the records alone, so two builds give the same bytes.

use super::paging::Page;
use super::views::CountedGroup;
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::site::Site;
use crate::urls::{self, SitePage};
use rayon::prelude::*;
use std::ops::Range;

/// Records on /updates/ (in pages of `page_size`): every record of an atlas
/// of today's size, the newest of a large one (a thousand pages of
/// updates help no reader; the data downloads have all).
pub const PAGE_RECORDS: usize = 1000;

/// Record indices, newest update first, as the feeds order them.
pub fn by_update(site: &Site) -> Vec<usize> {
    super::feeds::feed_order(site, &(0..site.records.len()).collect::<Vec<_>>())
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
        pages(site).map(|page| SitePage::html(urls::paged(&urls::updates(), page.number))).collect()
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
            c.insert("feed_entries", &super::feeds::FEED_ENTRIES);
            c.insert("data_url", &urls::data());
            c.insert("pager", &page.pager(&list));
            let meta = page.meta(site, title.clone(), desc.clone(), &list, &[(title.clone(), list.clone())]);
            ctx.templates.write(sink, &urls::file_for(&meta.url), "updates.html", c, &meta)
        })?;
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
            let change = super::views::last_change(&ctx.site.records[i]).map(|c| c.description);
            g.cards.push(super::views::Card { change, ..ctx.cards[i].clone() });
        }
    }
    groups
}
