//! The URL scheme, in one place. Every page is a folder with index.html so
//! that URLs end in `/`; every segment is an ASCII id.

use crate::calendar::Date;
use crate::schema::Kind;
use std::collections::HashMap;

pub fn home() -> String {
    "/".into()
}
pub fn kind_list(kind: Kind) -> String {
    format!("/{}/", kind.folder())
}
pub fn record(kind: Kind, id: &str) -> String {
    format!("/{}/{id}/", kind.folder())
}
pub fn taxonomy(slug: &str) -> String {
    format!("/{slug}/")
}
pub fn term(slug: &str, id: &str) -> String {
    format!("/{slug}/{id}/")
}
/// The folder segment of a list's later pages (`/programs/page/2/`); no
/// record may take it as its id, since record pages sit beside it.
pub const PAGE_SEGMENT: &str = "page";

/// Why a record of `kind` cannot have the id `id` in this URL scheme, if it
/// cannot: its page would take the place of a list's later pages.
pub fn reserved_id(kind: Kind, id: &str) -> Option<crate::messages::Message> {
    (id == PAGE_SEGMENT).then(|| crate::messages::Message::IdReserved { id: id.to_string(), folder: kind.folder().to_string() })
}

/// Page `n` (from 1) of the list at `url`; page 1 is the list's own URL.
pub fn paged(url: &str, n: usize) -> String {
    if n <= 1 { url.to_string() } else { format!("{url}{PAGE_SEGMENT}/{n}/") }
}

/// The output folder holding the later pages of the list at `url`, e.g.
/// `programs/page/`: a list's pages are written whole into it.
pub fn later_pages_folder(url: &str) -> String {
    format!("{}{PAGE_SEGMENT}/", url.trim_start_matches('/'))
}

pub fn sources() -> String {
    "/sources/".into()
}
pub fn source(id: &str) -> String {
    format!("/sources/{id}/")
}
pub fn search() -> String {
    "/search/".into()
}
/// A facet of the search page: its query parameter and where its terms
/// come from. Part of the URL scheme, since other pages link to searches
/// (`search_with`).
pub struct Dimension {
    /// Query parameter (`/search/?stage=stage-5`).
    pub key: &'static str,
    /// Taxonomy of the terms; `None` for the record kind.
    pub taxonomy: Option<&'static str>,
}

/// The facets, in the order the search page shows them.
pub const DIMENSIONS: [Dimension; 9] = [
    Dimension { key: "kind", taxonomy: None },
    Dimension { key: "ministry", taxonomy: Some("ministries") },
    Dimension { key: "stage", taxonomy: Some("stages") },
    Dimension { key: "phase", taxonomy: Some("phases") },
    Dimension { key: "area", taxonomy: Some("support-areas") },
    Dimension { key: "support", taxonomy: Some("support-kinds") },
    Dimension { key: "region", taxonomy: Some("regions") },
    Dimension { key: "pref", taxonomy: Some("prefectures") },
    Dimension { key: "type", taxonomy: Some("record-types") },
];

/// The query parameter of the facet over `taxonomy` (`None`: the record kind).
pub fn facet_key(taxonomy: Option<&str>) -> &'static str {
    DIMENSIONS.iter().find(|d| d.taxonomy == taxonomy).map_or_else(|| panic!("no search facet over {taxonomy:?}"), |d| d.key)
}

/// The search page with facets selected, e.g. `/search/?kind=program&area=research`
/// (keys from `DIMENSIONS`, values ASCII ids).
pub fn search_with(filters: &[(&str, &str)]) -> String {
    let query: Vec<String> = filters.iter().map(|(key, value)| format!("{key}={value}")).collect();
    format!("{}?{}", search(), query.join("&"))
}

/// The output folder of the search page and its index, e.g. `search/`.
pub fn search_folder() -> String {
    search().trim_start_matches('/').to_string()
}
pub fn asset(name: &str) -> String {
    format!("/assets/{name}")
}

pub fn accessibility() -> String {
    "/accessibility/".into()
}
pub fn map() -> String {
    "/map/".into()
}
pub fn matrix() -> String {
    "/matrix/".into()
}
pub fn updates() -> String {
    "/updates/".into()
}
pub fn feed() -> String {
    "/feed.xml".into()
}
/// The page served for addresses the site does not have.
pub fn not_found() -> String {
    "/404.html".into()
}
pub fn sitemap() -> String {
    "/sitemap.xml".into()
}
pub fn robots() -> String {
    "/robots.txt".into()
}
/// The browser editor (Decap CMS), for the site's editors.
pub fn admin() -> String {
    "/admin/".into()
}
/// The editor's configuration, generated from the record schema.
pub fn admin_config() -> String {
    "/admin/config.yml".into()
}
/// The licences of the editor's script.
pub fn admin_licenses() -> String {
    "/admin/LICENSE.txt".into()
}
/// The open-data page.
pub fn data() -> String {
    "/data/".into()
}
/// A download under /data/, e.g. `programs.csv` or `all.json`.
pub fn data_file(name: &str) -> String {
    format!("/data/{name}")
}
/// One record as JSON.
pub fn record_json(kind: Kind, id: &str) -> String {
    format!("/data/{}/{id}.json", kind.folder())
}

/// First URL segments the generator itself uses; taxonomies may not take them.
pub const RESERVED: [&str; 15] = [
    "programs",
    "organizations",
    "places",
    "cases",
    "sources",
    "search",
    "assets",
    "data",
    "feed",
    "map",
    "matrix",
    "updates",
    "accessibility",
    "404",
    "admin",
];

/// The output file for a URL: `/a/b/` → `a/b/index.html`, `/x.xml` → `x.xml`.
pub fn file_for(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// One address of the built site, as the renderer that writes it declares
/// it (`render::Renderer::pages`).
#[derive(Debug, Clone, PartialEq)]
pub struct SitePage {
    pub url: String,
    /// Listed in sitemap.xml: an HTML page a reader may land on (not the
    /// 404 page, not data files or feeds).
    pub in_sitemap: bool,
    /// When the page last changed, for the sitemap (record pages).
    pub lastmod: Option<Date>,
    /// The record the page shows (its anchors come from the record's body).
    pub record: Option<usize>,
    /// A page for the site's editors, not its readers (the browser editor
    /// at /admin/): it carries `noindex` and is never in the sitemap.
    pub for_editors: bool,
}

impl SitePage {
    /// An HTML page for the sitemap.
    pub fn html(url: String) -> SitePage {
        SitePage { url, in_sitemap: true, lastmod: None, record: None, for_editors: false }
    }
    /// A file that is not a page for the sitemap (feed, data file, 404).
    pub fn file(url: String) -> SitePage {
        SitePage { url, in_sitemap: false, lastmod: None, record: None, for_editors: false }
    }
    /// An HTML page for the site's editors: `noindex`, not in the sitemap.
    pub fn editor(url: String) -> SitePage {
        SitePage { url, in_sitemap: false, lastmod: None, record: None, for_editors: true }
    }
}

/// Every address the site's renderers write, in their order: what the
/// sitemap lists, what body links may point at, what an incremental
/// rebuild keeps. Renderers own it (`render::Renderer::pages`); nothing
/// else lists pages.
#[derive(Debug, Clone, Default)]
pub struct PageList {
    pages: Vec<SitePage>,
    by_url: HashMap<String, usize>,
}

impl PageList {
    pub fn new(pages: Vec<SitePage>) -> PageList {
        let by_url = pages.iter().enumerate().map(|(i, p)| (p.url.clone(), i)).collect();
        PageList { pages, by_url }
    }
    pub fn get(&self, url: &str) -> Option<&SitePage> {
        self.by_url.get(url).map(|&i| &self.pages[i])
    }
    pub fn contains(&self, url: &str) -> bool {
        self.by_url.contains_key(url)
    }
    pub fn iter(&self) -> impl Iterator<Item = &SitePage> {
        self.pages.iter()
    }
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|p| p.url.as_str())
    }
    /// The output files of the pages (`programs/x/index.html`).
    pub fn files(&self) -> impl Iterator<Item = String> + '_ {
        self.pages.iter().map(|p| file_for(&p.url))
    }
}

/// Absolute URL for canonical links, feeds and the sitemap.
pub fn absolute(base_url: &str, url: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/programs/mediso/"), "programs/mediso/index.html");
        assert_eq!(file_for("/sitemap.xml"), "sitemap.xml");
        assert_eq!(absolute("https://x.jp/", "/a/"), "https://x.jp/a/");
        assert_eq!(paged("/programs/", 1), "/programs/");
        assert_eq!(file_for(&paged("/stages/stage-1/", 3)), "stages/stage-1/page/3/index.html");
        assert!(file_for(&paged("/programs/", 2)).starts_with(&later_pages_folder("/programs/")));
    }
}
