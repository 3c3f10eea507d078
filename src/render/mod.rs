//! Stage 3, render: turns the linked `Site` into output files. Each kind of
//! output (HTML pages, sitemap, …) is a `Renderer`; all write into the same
//! `Sink`.

pub mod accessibility;
pub mod affected;
pub mod html;
pub mod jsonld;
pub mod map;
pub mod markdown;
pub mod matrix;
pub mod minify;
pub mod opendata;
pub mod pages;
pub mod paging;
pub mod stages;
pub mod updates;
pub mod views;

use crate::output::Sink;
use crate::site::Site;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub enum RenderError {
    Template(String),
    Io(std::io::Error),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template(m) => write!(f, "template error: {m}"),
            RenderError::Io(e) => write!(f, "cannot write the site: {e}"),
        }
    }
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        RenderError::Io(e)
    }
}

/// What renderers share.
pub struct Context<'a> {
    pub site: &'a Site,
    /// Original asset path (e.g. `style.css`) → URL with content hash.
    pub assets: BTreeMap<String, String>,
    /// The theme, ready to render pages.
    pub pages: pages::Pages,
    /// Every record as it appears in lists, by record index.
    pub cards: views::Cards<'a>,
}

/// The two passes of an incremental rebuild (`atlas serve`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// The pages of the changed records and of the lists showing them:
    /// what the person editing looks at, published first.
    Pages,
    /// Outputs over the whole site (search index, views over all records,
    /// open data, sitemap), published when ready, after the pages.
    SiteWide,
}

/// One kind of output.
pub trait Renderer: Sync {
    fn name(&self) -> &'static str;
    /// The pass of an incremental rebuild this renderer belongs to.
    fn pass(&self) -> Pass {
        Pass::SiteWide
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError>;
    /// Renders only the files that depend on `affected` (incremental
    /// rebuilds); by default everything, which suits small whole-site files.
    fn render_affected(&self, ctx: &Context, sink: &Sink, affected: &affected::Affected) -> Result<(), RenderError> {
        let _ = affected;
        self.render(ctx, sink)
    }
    /// A folder whose files this renderer rewrites whole on every render
    /// (e.g. a content-hashed index): an incremental rebuild drops the
    /// folder's previous files instead of keeping them beside the new ones.
    fn owned_folder(&self) -> Option<String> {
        None
    }
}

fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(html::HtmlRenderer),
        Box::new(crate::search::SearchRenderer),
        Box::new(stages::StagesRenderer),
        Box::new(matrix::MatrixRenderer),
        Box::new(map::MapRenderer),
        Box::new(updates::UpdatesRenderer),
        Box::new(accessibility::AccessibilityRenderer),
        Box::new(opendata::OpenDataRenderer),
        Box::new(Sitemap),
    ]
}

/// Folders that renderers rewrite whole (see `Renderer::owned_folder`).
pub fn owned_folders() -> Vec<String> {
    renderers().iter().filter_map(|r| r.owned_folder()).collect()
}

/// Renders the whole site into `sink` with every renderer.
/// Returns how long each renderer took (the first entry is the shared
/// setup: assets and templates).
pub fn render_site(site: &Site, sink: &Sink) -> Result<Vec<(&'static str, Duration)>, RenderError> {
    render_with(site, sink, None, &AtomicBool::new(false), pages::Minification::Templates)
}

/// Renders the whole site with the given way of minifying pages (for
/// comparing the two; `render_site` picks the fast one).
pub fn render_site_with(site: &Site, sink: &Sink, minification: pages::Minification) -> Result<(), RenderError> {
    render_with(site, sink, None, &AtomicBool::new(false), minification).map(|_| ())
}

/// Renders the outputs of one pass that depend on `affected` into `sink`;
/// the files written replace those of the previous build of the site.
/// Once `stop` is set, no further renderer starts (the result is then
/// incomplete, for a caller that no longer wants it).
pub fn render_affected(site: &Site, sink: &Sink, affected: &affected::Affected, pass: Pass, stop: &AtomicBool) -> Result<(), RenderError> {
    render_with(site, sink, Some((affected, pass)), stop, pages::Minification::Templates).map(|_| ())
}

fn render_with(
    site: &Site,
    sink: &Sink,
    affected: Option<(&affected::Affected, Pass)>,
    stop: &AtomicBool,
    minification: pages::Minification,
) -> Result<Vec<(&'static str, Duration)>, RenderError> {
    let started = Instant::now();
    let assets = write_assets(site, sink)?;
    let pages = pages::Pages::new(site, &assets, minification)?;
    let ctx = Context { site, assets, pages, cards: views::Cards::new(site) };
    let mut timings = vec![("assets, templates", started.elapsed())];
    let run = |r: &dyn Renderer| -> Result<Option<(&'static str, Duration)>, RenderError> {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let started = Instant::now();
        match affected {
            Some((a, pass)) if r.pass() == pass => r.render_affected(&ctx, sink, a)?,
            Some(_) => return Ok(None),
            None => r.render(&ctx, sink)?,
        }
        Ok(Some((r.name(), started.elapsed())))
    };
    let done: Vec<_> = renderers().par_iter().map(|r| run(r.as_ref())).collect::<Result<_, _>>()?;
    timings.extend(done.into_iter().flatten());
    Ok(timings)
}

/// Copies static assets under content-hashed names (`style.3f9a1c2e.css`) so
/// that they can be cached forever.
fn write_assets(site: &Site, sink: &Sink) -> Result<BTreeMap<String, String>, RenderError> {
    use sha2::Digest;
    let mut map = BTreeMap::new();
    for (path, bytes) in &site.theme.assets {
        let digest = sha2::Sha256::digest(bytes);
        let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        let hashed = match path.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
            _ => format!("{path}.{hash}"),
        };
        sink.write(&format!("assets/{hashed}"), bytes)?;
        map.insert(path.clone(), crate::urls::asset(&hashed));
    }
    Ok(map)
}

/// HTML/XML-escaped text.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// sitemap.xml and robots.txt.
struct Sitemap;

impl Renderer for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let base = &site.config.base_url;
        let mut xml =
            String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        let mut add = |url: String, lastmod: Option<String>| {
            xml.push_str("<url><loc>");
            xml.push_str(&escape(&crate::urls::absolute(base, &url)));
            xml.push_str("</loc>");
            if let Some(d) = lastmod {
                xml.push_str(&format!("<lastmod>{d}</lastmod>"));
            }
            xml.push_str("</url>\n");
        };
        for url in html::listing_urls(site) {
            add(url, None);
        }
        for r in &site.records {
            add(crate::urls::record(r.kind, &r.common.id), Some(r.common.updated.iso()));
        }
        xml.push_str("</urlset>\n");
        sink.write("sitemap.xml", xml.as_bytes())?;
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {}\n", crate::urls::absolute(base, "/sitemap.xml"));
        sink.write("robots.txt", robots.as_bytes())?;
        Ok(())
    }
}
