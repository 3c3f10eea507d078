//! Lists split into pages: which cards a page shows and the pager that
//! links its pages. Long lists (a kind's list, a term, a source at tens of
//! thousands of records) would otherwise be pages of many megabytes, too
//! much for a phone. Page 1 keeps the list's URL; the others are at
//! `urls::paged`.

use super::templates::{self, PageMeta};
use crate::site::Site;
use crate::urls;
use serde::Serialize;
use std::ops::Range;

/// Page `number` (from 1) of `count` items shown `size` at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub number: usize,
    pub count: usize,
    pub size: usize,
}

impl Page {
    /// Every page of a list of `count` items; an empty list has one page.
    pub fn all(count: usize, size: usize) -> impl Iterator<Item = Page> {
        let pages = count.div_ceil(size).max(1);
        (1..=pages).map(move |number| Page { number, count, size })
    }

    pub fn pages(&self) -> usize {
        self.count.div_ceil(self.size).max(1)
    }

    /// The positions of the items this page shows.
    pub fn items(&self) -> Range<usize> {
        let start = ((self.number - 1) * self.size).min(self.count);
        start..(start + self.size).min(self.count)
    }

    /// The pager for a page of the list at `url`; none when it has one page.
    pub fn pager(&self, url: &str) -> Option<Pager> {
        let pages = self.pages();
        if pages == 1 {
            return None;
        }
        // The first and last pages, and two on each side of this one; a gap
        // (a link without URL) stands for the pages in between.
        let near = self.number.saturating_sub(2).max(1)..=(self.number + 2).min(pages);
        let mut numbers: Vec<usize> = [1, pages].into_iter().chain(near).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut links = Vec::new();
        for (k, &n) in numbers.iter().enumerate() {
            if k > 0 && n > numbers[k - 1] + 1 {
                links.push(PagerLink { label: "…".into(), url: String::new(), current: false });
            }
            links.push(PagerLink { label: n.to_string(), url: urls::paged(url, n), current: n == self.number });
        }
        let items = self.items();
        Some(Pager {
            current: self.number,
            pages,
            first: items.start + 1,
            last: items.end,
            count: self.count,
            prev: (self.number > 1).then(|| urls::paged(url, self.number - 1)),
            next: (self.number < pages).then(|| urls::paged(url, self.number + 1)),
            links,
        })
    }

    /// The metadata of this page of the list at `list`, whose breadcrumb
    /// trail `trail` ends with the list itself: later pages add their
    /// number to the title (`（2ページ目）`) and a crumb of their own.
    pub fn meta(&self, site: &Site, mut title: String, description: String, list: &str, trail: &[(String, String)]) -> PageMeta {
        let url = urls::paged(list, self.number);
        let mut trail = trail.to_vec();
        if self.number > 1 {
            title.push_str(&format!("（{}ページ目）", self.number));
            trail.push((format!("{}ページ目", self.number), url.clone()));
        }
        templates::meta(site, title, description, url, &trail)
    }
}

/// What the theme's pager shows.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub current: usize,
    pub pages: usize,
    /// Positions (from 1) of the first and last item on this page.
    pub first: usize,
    pub last: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub links: Vec<PagerLink>,
}

/// A page number: a link, the current page, or a gap (`…`, no URL).
#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub label: String,
    pub url: String,
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(p: &Pager) -> String {
        p.links.iter().map(|l| if l.current { format!("[{}]", l.label) } else { l.label.clone() }).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn splits_items() {
        let pages: Vec<Page> = Page::all(250, 100).collect();
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].items(), 0..100);
        assert_eq!(pages[2].items(), 200..250);
        assert_eq!(Page::all(0, 100).count(), 1);
        assert_eq!(Page::all(100, 100).count(), 1);
        assert!(Page::all(100, 100).next().unwrap().pager("/programs/").is_none());
    }

    #[test]
    fn pager_links_ends_and_neighbours() {
        let page = |n| Page { number: n, count: 2000, size: 100 };
        assert_eq!(labels(&page(1).pager("/x/").unwrap()), "[1] 2 3 … 20");
        assert_eq!(labels(&page(4).pager("/x/").unwrap()), "1 2 3 [4] 5 6 … 20");
        assert_eq!(labels(&page(10).pager("/x/").unwrap()), "1 … 8 9 [10] 11 12 … 20");
        assert_eq!(labels(&page(20).pager("/x/").unwrap()), "1 … 18 19 [20]");
        let p = page(2).pager("/x/").unwrap();
        assert_eq!((p.prev.as_deref(), p.next.as_deref()), (Some("/x/"), Some("/x/page/3/")));
        assert_eq!((p.first, p.last, p.count), (101, 200, 2000));
        assert!(p.links.iter().all(|l| l.url.is_empty() == (l.label == "…")));
    }
}
