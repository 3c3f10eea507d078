//! The site's renderers, in one list, and what is read from all of them:
//! the pages they declare (`pages`) and the folders they own. This module
//! sits above `render` and `search` so that `render` never names the search
//! renderer: search is a renderer like the others, built on `render`.

use crate::output::Sink;
use crate::render::{self, Pass, RenderError, Renderer, affected::Affected, templates::Minification};
use crate::site::Site;
use crate::urls::PageList;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// Every renderer, in the order their pages are listed.
pub fn all() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(render::html::HtmlRenderer),
        Box::new(crate::search::SearchRenderer),
        Box::new(render::stages::StagesRenderer),
        Box::new(render::matrix::MatrixRenderer),
        Box::new(render::map::MapRenderer),
        Box::new(render::updates::UpdatesRenderer),
        Box::new(render::feeds::FeedsRenderer),
        Box::new(render::accessibility::AccessibilityRenderer),
        Box::new(render::opendata::OpenDataRenderer),
        Box::new(render::admin::AdminRenderer),
        Box::new(render::Sitemap),
    ]
}

/// Every page and file of the site that readers or links may address.
pub fn pages(site: &Site) -> PageList {
    render::page_list(site, &all())
}

/// Folders that renderers rewrite whole (see `Renderer::owned_folder`).
pub fn owned_folders() -> Vec<String> {
    render::owned_folders(&all())
}

/// Renders the whole site into `sink` with every renderer.
/// Returns how long each renderer took (the first entry is the shared
/// setup: assets and templates).
pub fn render_site(site: &Site, sink: &Sink) -> Result<Vec<(&'static str, Duration)>, RenderError> {
    render::render_with(site, sink, &all(), None, &AtomicBool::new(false), Minification::Templates)
}

/// Renders the whole site with the given way of minifying pages (for
/// comparing the two; `render_site` picks the fast one).
pub fn render_site_with(site: &Site, sink: &Sink, minification: Minification) -> Result<(), RenderError> {
    render::render_with(site, sink, &all(), None, &AtomicBool::new(false), minification).map(|_| ())
}

/// Renders the outputs of one pass that depend on `affected` into `sink`;
/// the files written replace those of the previous build of the site.
/// Once `stop` is set, no further renderer starts.
pub fn render_affected(site: &Site, sink: &Sink, affected: &Affected, pass: Pass, stop: &AtomicBool) -> Result<(), RenderError> {
    render::render_with(site, sink, &all(), Some((affected, pass)), stop, Minification::Templates).map(|_| ())
}
