//! Stage 3, render: turns the linked `Site` into output files. Each kind of
//! output (HTML pages, sitemap, …) is a `Renderer`; all write into the same
//! `Sink`. Each renderer declares the pages it writes (`Renderer::pages`);
//! together they are the site's `PageList`, which the sitemap, the body-link
//! check, incremental rebuilds and `atlas serve` read. The list of renderers
//! itself is `crate::renderers`, above this module: the search renderer
//! (`crate::search`) builds on this one, never the reverse.

pub mod accessibility;
pub mod admin;
pub mod affected;
pub mod feeds;
pub mod html;
pub mod jsonld;
pub mod map;
pub mod matrix;
pub mod minify;
pub mod opendata;
pub mod paging;
pub mod stages;
pub mod templates;
pub mod updates;
pub mod views;

use crate::output::Sink;
use crate::site::Site;
use crate::urls::{PageList, SitePage};
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
    pub templates: templates::Templates,
    /// Every page the renderers declare.
    pub pages: &'a PageList,
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
    /// Every page and file this renderer writes that readers or links may
    /// address (not hashed assets or index shards): the one list the
    /// sitemap, the body-link check and incremental rebuilds read.
    fn pages(&self, site: &Site) -> Vec<SitePage>;
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

/// The pages the renderers declare, in their order.
/// The Content-Security-Policy pages for readers run under (netlify.toml's
/// `/*` rule; `atlas serve` sends it, so previews break where the published
/// site would): nothing from another origin, no inline script or style.
pub const SITE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
                               connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub fn page_list(site: &Site, renderers: &[Box<dyn Renderer>]) -> PageList {
    PageList::new(renderers.iter().flat_map(|r| r.pages(site)).collect())
}

/// Folders that renderers rewrite whole (see `Renderer::owned_folder`).
pub fn owned_folders(renderers: &[Box<dyn Renderer>]) -> Vec<String> {
    renderers.iter().filter_map(|r| r.owned_folder()).collect()
}

/// Renders `site` into `sink` with `renderers`: everything, or (with
/// `affected`) the outputs of one pass that depend on the change. Once
/// `stop` is set, no further renderer starts (the result is then
/// incomplete, for a caller that no longer wants it). Returns how long each
/// renderer took (the first entry is the shared setup: assets and
/// templates).
pub fn render_with(
    site: &Site,
    sink: &Sink,
    renderers: &[Box<dyn Renderer>],
    affected: Option<(&affected::Affected, Pass)>,
    stop: &AtomicBool,
    minification: templates::Minification,
) -> Result<Vec<(&'static str, Duration)>, RenderError> {
    let started = Instant::now();
    let assets = write_assets(site, sink)?;
    let templates = templates::Templates::new(site, &assets, minification)?;
    let pages = page_list(site, renderers);
    let ctx = Context { site, assets, templates, pages: &pages, cards: views::Cards::new(site) };
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
    let done: Vec<_> = renderers.par_iter().map(|r| run(r.as_ref())).collect::<Result<_, _>>()?;
    timings.extend(done.into_iter().flatten());
    Ok(timings)
}

/// Copies static assets, stylesheets and scripts minified, under
/// content-hashed names (`style.3f9a1c2e.css`) so that they can be cached
/// forever.
fn write_assets(site: &Site, sink: &Sink) -> Result<BTreeMap<String, String>, RenderError> {
    let mut map = BTreeMap::new();
    for (path, source) in &site.theme.assets {
        let bytes = &minify::minify_asset(path, source).map_err(|e| RenderError::Template(format!("asset {e}")))?;
        map.insert(path.clone(), write_hashed_asset(sink, path, bytes)?);
    }
    Ok(map)
}

/// Writes an asset under its content-hashed name (`style.3f9a1c2e.css`); its URL.
pub fn write_hashed_asset(sink: &Sink, path: &str, bytes: &[u8]) -> Result<String, RenderError> {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    let hashed = match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{path}.{hash}"),
    };
    sink.write(&format!("assets/{hashed}"), bytes)?;
    Ok(crate::urls::asset(&hashed))
}

/// HTML/XML-escaped text.
pub fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// sitemap.xml and robots.txt.
pub struct Sitemap;

impl Renderer for Sitemap {
    fn name(&self) -> &'static str {
        "sitemap"
    }
    fn pages(&self, _: &Site) -> Vec<SitePage> {
        vec![SitePage::file(crate::urls::sitemap()), SitePage::file(crate::urls::robots())]
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let base = &ctx.site.config.base_url;
        let mut xml =
            String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        // Listings first, then the records with their update dates.
        let listed = || ctx.pages.iter().filter(|p| p.in_sitemap);
        for page in listed().filter(|p| p.record.is_none()).chain(listed().filter(|p| p.record.is_some())) {
            xml.push_str("<url><loc>");
            xml.push_str(&escape(&crate::urls::absolute(base, &page.url)));
            xml.push_str("</loc>");
            if let Some(d) = page.lastmod {
                xml.push_str(&format!("<lastmod>{}</lastmod>", d.iso()));
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        sink.write(&crate::urls::file_for(&crate::urls::sitemap()), xml.as_bytes())?;
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {}\n", crate::urls::absolute(base, &crate::urls::sitemap()));
        sink.write(&crate::urls::file_for(&crate::urls::robots()), robots.as_bytes())?;
        Ok(())
    }
}
