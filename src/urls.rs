//! The URL scheme, in one place. Every page is a folder with index.html so
//! that URLs end in `/`; every segment is an ASCII id.

use crate::schema::Kind;

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
pub fn reserved_id(kind: Kind, id: &str) -> Option<String> {
    (id == PAGE_SEGMENT).then(|| format!("the id `{id}` is taken by the list pages (/{}/{id}/2/ is page 2 of the list)", kind.folder()))
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
/// The search page with facets selected, e.g. `/search/?kind=program&area=research`
/// (keys from `search::document::DIMENSIONS`, values ASCII ids).
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
/// The open-data page.
pub fn data() -> String {
    "/data/".into()
}
/// A download under /data/, e.g. `programs.csv` or `all.json`.
pub fn data_file(name: &str) -> String {
    format!("/data/{name}")
}
/// One record as JSON.
/// Every file a record produces on its own (its page and its JSON), for
/// removing them when the record goes away.
pub fn record_files(kind: Kind, id: &str) -> [String; 2] {
    [file_for(&record(kind, id)), file_for(&record_json(kind, id))]
}

pub fn record_json(kind: Kind, id: &str) -> String {
    format!("/data/{}/{id}.json", kind.folder())
}

/// First URL segments the generator itself uses; taxonomies may not take them.
pub const RESERVED: [&str; 14] = [
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
];

/// The output file for a URL: `/a/b/` → `a/b/index.html`, `/x.xml` → `x.xml`.
pub fn file_for(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
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
