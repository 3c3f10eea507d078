//! Pages are minified template by template (src/render/minify.rs): what
//! that publishes must be what minifying each rendered page publishes.

use atlas::output::Sink;
use atlas::render::minify::minify_fragment;
use atlas::render::templates::Minification;
use std::path::Path;

/// Renders the site at `root` both ways and compares every HTML file; the
/// template-minified page minified once more must be the page minified
/// after rendering (same markup, at most some redundant whitespace or
/// quotes left).
fn check(root: &Path) {
    let site = atlas::load_site(root).unwrap_or_else(|e| panic!("{} does not load: {e:?}", root.display()));
    let render = |m: Minification| {
        let sink = Sink::memory();
        atlas::renderers::render_site_with(&site, &sink, m).expect("renders");
        sink.into_files()
    };
    let by_templates = render(Minification::Templates);
    let by_pages = render(Minification::EachPage);
    assert_eq!(by_templates.len(), by_pages.len());
    let (mut html, mut bytes_templates, mut bytes_pages) = (0, 0, 0);
    for (file, page) in &by_pages {
        let other = &by_templates[file];
        if !file.ends_with(".html") {
            assert_eq!(other, page, "{file} differs");
            continue;
        }
        html += 1;
        bytes_templates += other.len();
        bytes_pages += page.len();
        let again = minify_fragment(std::str::from_utf8(other).unwrap());
        let page = std::str::from_utf8(page).unwrap();
        if again != page {
            let at = again.bytes().zip(page.bytes()).take_while(|(a, b)| a == b).count();
            let from = at.saturating_sub(80);
            panic!(
                "{file} differs at byte {at}:\n  template-minified: …{}…\n  page-minified:     …{}…",
                again.get(from..(at + 80).min(again.len())).unwrap_or(""),
                page.get(from..(at + 80).min(page.len())).unwrap_or("")
            );
        }
    }
    assert!(html > 0);
    // Left-over whitespace and quotes cost little.
    assert!(bytes_templates * 100 <= bytes_pages * 103, "{bytes_templates} bytes against {bytes_pages} minified page by page");
}

/// The shipped atlas, or the site root in `ATLAS_MINIFY_CHECK_ROOT` (e.g. a
/// corpus written by `examples/synth`).
#[test]
fn minified_templates_publish_what_minified_pages_do() {
    match std::env::var_os("ATLAS_MINIFY_CHECK_ROOT") {
        Some(root) => check(Path::new(&root)),
        None => check(Path::new(env!("CARGO_MANIFEST_DIR"))),
    }
}
