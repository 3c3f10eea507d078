//! The atlas views on the shipped content: the pipeline cells, the map and
//! the open data agree with the ~250 records, and every JSON-LD block parses.

mod views_check;
use atlas::schema::Kind;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

struct Built {
    site: atlas::site::Site,
    out: PathBuf,
}

/// The shipped atlas, built once for all tests of this file.
static BUILT: LazyLock<Built> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped-views");
    atlas::build(root, &out, &|_| {}).unwrap_or_else(|e| panic!("the shipped atlas does not build: {e:?}"));
    let site = atlas::load_site(root).unwrap_or_else(|e| panic!("{e:?}"));
    Built { site, out }
});

#[test]
fn pipeline_cells_match_the_records() {
    let b = &*BUILT;
    let hits = views_check::check_pipeline(&b.site, &views_check::read(&b.out, "stages/index.html"));
    // Each of the source's model cases used a 段階③ award program, except 類型②'s.
    assert!(hits >= 2, "type × stage cells computed from the model cases: {hits}");
}

#[test]
fn map_has_47_tiles_with_the_right_counts() {
    let b = &*BUILT;
    let html = views_check::read(&b.out, "map/index.html");
    assert_eq!(views_check::check_map(&b.site, &html), 47);
    // Every ★ hub that names its prefecture marks that tile.
    let hub_prefectures: std::collections::BTreeSet<&str> = b
        .site
        .records
        .iter()
        .filter_map(|r| match &r.data {
            atlas::schema::KindData::Organization(o) if o.regional_hub => o.prefecture.as_deref(),
            _ => None,
        })
        .collect();
    assert!(hub_prefectures.len() >= 5);
    assert_eq!(html.matches("、地域連携自立化推進拠点あり\" class=tile-link").count(), hub_prefectures.len());
}

#[test]
fn open_data_round_trips_every_shipped_record() {
    let b = &*BUILT;
    assert_eq!(views_check::check_roundtrip(&b.site, &b.out), b.site.records.len());
}

#[test]
fn every_json_ld_block_of_the_shipped_atlas_parses() {
    let b = &*BUILT;
    assert_eq!(views_check::check_jsonld(&b.site, &b.out), 2 * b.site.records.len());
}

#[test]
fn every_record_is_in_the_feed_or_on_the_updates_pages() {
    let b = &*BUILT;
    let pages: Vec<String> = atlas::render::updates::pages(&b.site)
        .map(|page| atlas::urls::file_for(&atlas::urls::paged(&atlas::urls::updates(), page.number)))
        .collect();
    assert!(pages.len() > 1, "the shipped atlas has more records than a page holds");
    let html: String = pages.iter().map(|file| views_check::read(&b.out, file)).collect();
    for kind in Kind::ALL {
        let listed = views_check::linked(&html, kind).len();
        assert_eq!(listed, b.site.of_kind(kind).count(), "{kind:?} on the updates pages");
    }
    let feed: atom_syndication::Feed = views_check::read(&b.out, "feed.xml").parse().expect("Atom");
    assert_eq!(feed.entries().len(), atlas::render::feeds::FEED_ENTRIES.min(b.site.records.len()));
}

/// No two pages of the shipped atlas share a `<title>`: a reader (and a
/// search engine, a bookmark list, a screen reader's window list) tells
/// every page apart by it — a prefecture as an organization and as a
/// place included.
#[test]
fn every_page_has_a_title_of_its_own() {
    let b = &*BUILT;
    let title = scraper::Selector::parse("title").unwrap();
    let mut seen: std::collections::HashMap<String, PathBuf> = std::collections::HashMap::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&b.out).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let Some(t) = doc.select(&title).next() else { panic!("{} has no <title>", path.display()) };
        let text: String = t.text().collect();
        if let Some(other) = seen.insert(text.clone(), path.to_path_buf()) {
            panic!("{} and {} share the title {text:?}", other.display(), path.display());
        }
        pages += 1;
    }
    assert!(pages > b.site.records.len(), "{pages} pages");
}

/// The home page offers no category that has nothing in it: a term no
/// record uses is not a destination there (its own page says why it is
/// empty).
#[test]
fn home_links_no_empty_category() {
    let b = &*BUILT;
    let home = views_check::read(&b.out, "index.html");
    let mut empty = 0;
    for tax in &b.site.taxonomies.0 {
        for term in tax.terms.iter().filter(|t| b.site.members(&tax.slug, &t.id).is_empty()) {
            let url = atlas::urls::term(&tax.slug, &term.id);
            assert!(!home.contains(&format!("href={url}>")) && !home.contains(&format!("href=\"{url}\"")), "home links the empty {url}");
            empty += 1;
        }
    }
    assert!(empty > 0, "the shipped atlas has empty terms (phases 実用化, 事業展開), so this test checks something");
}

/// The home page's count of a kind that holds several record types says
/// what it is made of, so 「事例 13」 does not claim thirteen case studies
/// when some are adoption lists, a survey and plans; the parts add up.
#[test]
fn home_counts_say_what_a_mixed_kind_holds() {
    let b = &*BUILT;
    let home = views_check::read(&b.out, "index.html");
    let kind = Kind::Case;
    let range = b.site.kind_range(kind);
    let types = b.site.taxonomies.0.iter().find(|t| t.slug == "record-types").expect("record-types taxonomy");
    let mut parts = Vec::new();
    for term in &types.terms {
        let n = b.site.members("record-types", &term.id).iter().filter(|&&i| range.contains(&i)).count();
        if n > 0 {
            parts.push(format!("{} {n}", term.display()));
        }
    }
    assert!(parts.len() > 1, "the shipped 事例 hold several record types: {parts:?}");
    let line =
        format!("<span class=count>{}</span> {}</a> <span class=types>（うち{}）</span>", range.len(), kind.label(), parts.join("・"));
    assert!(home.contains(&line), "home should show {line}");
}
