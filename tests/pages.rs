//! The list of pages the renderers declare (`atlas::renderers::pages`) is
//! the site: the sitemap lists every HTML page for readers (not the 404
//! page, not the pages a renderer declares as for the site's editors, such
//! as the browser editor at /admin/, which carry `noindex` instead), every
//! sitemap URL is a file, and every file written is declared (except
//! content-hashed assets and search index files).

use atlas::urls;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn shipped() -> (atlas::site::Site, HashMap<String, Vec<u8>>) {
    let site = atlas::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e:?}"));
    let sink = atlas::output::Sink::memory();
    atlas::renderers::render_site(&site, &sink).expect("renders");
    (site, sink.into_files())
}

/// The site-relative URLs of sitemap.xml.
fn sitemap_urls(site: &atlas::site::Site, files: &HashMap<String, Vec<u8>>) -> Vec<String> {
    let xml = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    let base = site.config.base_url.trim_end_matches('/');
    xml.split("<loc>")
        .skip(1)
        .map(|rest| {
            let loc = &rest[..rest.find("</loc>").unwrap()];
            loc.strip_prefix(base).unwrap_or_else(|| panic!("{loc} is not under {base}")).replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_and_only_pages() {
    let (site, files) = shipped();
    let listed = sitemap_urls(&site, &files);
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "a URL is listed twice");
    let listed_files: BTreeSet<String> = listed.iter().map(|u| urls::file_for(u)).collect();
    for url in &listed {
        assert!(files.contains_key(&urls::file_for(url)), "the sitemap lists {url}, which is no file");
    }
    let not_found = urls::file_for(&urls::not_found());
    let pages = atlas::renderers::pages(&site);
    let for_editors: BTreeSet<String> = pages.iter().filter(|p| p.for_editors).map(|p| urls::file_for(&p.url)).collect();
    let html: BTreeSet<&String> = files.keys().filter(|f| f.ends_with(".html") && **f != not_found && !for_editors.contains(*f)).collect();
    for file in &html {
        assert!(listed_files.contains(*file), "{file} is not in the sitemap");
    }
    assert!(!listed_files.contains(&not_found), "the 404 page is not a page to index");
    // Pages for editors: declared, written, never listed, and `noindex`.
    assert!(for_editors.contains(&urls::file_for(&urls::admin())), "the shipped atlas has the browser editor");
    for file in &for_editors {
        assert!(!listed_files.contains(file), "{file} is for editors, not in the sitemap");
        let page = scraper::Html::parse_document(&String::from_utf8_lossy(&files[file]));
        let robots = scraper::Selector::parse("meta[name=robots]").unwrap();
        let content = page.select(&robots).next().and_then(|m| m.value().attr("content"));
        assert!(content.is_some_and(|c| c.starts_with("noindex")), "{file} asks not to be indexed");
    }
    for page in ["/stages/", "/accessibility/", "/search/", "/data/", "/map/", "/matrix/", "/updates/"] {
        assert!(listed.iter().any(|u| u == page), "{page} missing from the sitemap");
    }
}

#[test]
fn every_file_written_is_a_declared_page() {
    let (site, files) = shipped();
    let declared: BTreeSet<String> = atlas::renderers::pages(&site).files().collect();
    for file in &declared {
        assert!(files.contains_key(file), "{file} is declared but not written");
    }
    let hashed = |f: &str| f.starts_with("assets/") || (f.starts_with(&urls::search_folder()) && f != "search/index.html");
    for file in files.keys().filter(|f| !hashed(f)) {
        assert!(declared.contains(file), "{file} is written but no renderer declares it");
    }
}

#[test]
fn the_menu_links_to_declared_pages() {
    let site = atlas::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e:?}"));
    let pages = atlas::renderers::pages(&site);
    assert!(!site.config.nav.is_empty(), "atlas.yaml has a menu");
    for item in &site.config.nav {
        assert!(pages.get(&item.url).is_some_and(|p| p.in_sitemap), "the menu item {} links to {}, which is no page", item.label, item.url);
    }
}
