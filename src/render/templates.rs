//! Rendering one page through the theme: the Tera instance with the
//! site-wide context, and minification (see `minify`). Shared by every HTML
//! renderer.

use super::RenderError;
use super::minify;
use super::views::Link;
use crate::output::Sink;
use crate::site::Site;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// Page metadata every template receives as `page`.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub breadcrumbs: Vec<Link>,
    /// Keep the page out of search engines (and give it no canonical
    /// address): the page served for addresses that do not exist.
    pub noindex: bool,
}

/// Site-wide values every template receives as `site`.
#[derive(Serialize)]
struct SiteMeta<'a> {
    title: &'a str,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    lang: &'a str,
    nav: Vec<Link>,
    search_url: String,
    sources_url: String,
    feed_url: String,
    updates_url: String,
    data_url: String,
    /// Link to the accessibility page, when the site has a test report.
    accessibility_url: Option<String>,
    assets: &'a BTreeMap<String, String>,
}

/// How rendered pages get minified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minification {
    /// The templates, once, when every one can be (see `minify`); else
    /// each page.
    Templates,
    /// Each rendered page (for comparing the two).
    EachPage,
}

/// The theme's templates, ready to render pages.
pub struct Templates {
    tera: tera::Tera,
    /// Minify each rendered page (the templates were not minified).
    minify_each_page: bool,
    base_url: String,
}

impl Templates {
    pub fn new(site: &Site, assets: &BTreeMap<String, String>, minification: Minification) -> Result<Templates, RenderError> {
        let names = || site.theme.templates.iter().map(|(n, _)| n.as_str());
        let minified: Option<Vec<String>> = match minification {
            Minification::Templates => site.theme.templates.iter().map(|(_, t)| minify::minify_template(t)).collect(),
            Minification::EachPage => None,
        };
        // Minified templates that Tera does not take (a tag the scan split
        // wrongly) are dropped for the theme's own, whose errors are the
        // author's to see.
        let mut tera = tera::Tera::new();
        let minified = minified.filter(|m| tera.add_raw_templates(names().zip(m.iter().map(String::as_str))).is_ok());
        if minified.is_none() {
            tera = tera::Tera::new();
            tera.add_raw_templates(names().zip(site.theme.templates.iter().map(|(_, t)| t.as_str())))
                .map_err(|e| RenderError::Template(error_chain(&e)))?;
        }
        let meta = SiteMeta {
            title: &site.config.title,
            description: site.config.description.as_deref(),
            publisher: site.config.publisher.as_deref(),
            lang: &site.config.language,
            nav: nav(site),
            search_url: urls::search(),
            sources_url: urls::sources(),
            feed_url: urls::feed(),
            updates_url: urls::updates(),
            data_url: urls::data(),
            accessibility_url: site.accessibility.as_ref().map(|_| urls::accessibility()),
            assets,
        };
        tera.global_context().insert("site", &meta);
        Ok(Templates { tera, minify_each_page: minified.is_none(), base_url: site.config.base_url.clone() })
    }

    /// Renders `template` with `context` and `page`, minified, into `file`.
    /// A page that shows breadcrumbs and brings no JSON-LD of its own gets
    /// them as a BreadcrumbList.
    pub fn write(&self, sink: &Sink, file: &str, template: &str, mut context: tera::Context, page: &PageMeta) -> Result<(), RenderError> {
        context.insert("page", page);
        if !context.contains_key("jsonld") && page.breadcrumbs.len() > 1 {
            context.insert("jsonld", &[super::jsonld::script_text(&super::jsonld::breadcrumbs(&self.base_url, &page.breadcrumbs))]);
        }
        // Rendered as bytes: Tera's output is UTF-8 already.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| RenderError::Template(format!("{template}: {}", error_chain(&e))))?;
        if self.minify_each_page {
            sink.write(file, &minify_html::minify(&html, &minify::config()))?;
        } else {
            sink.write(file, &html)?;
        }
        Ok(())
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

/// The main menu: labels and pages from atlas.yaml (`nav`).
fn nav(site: &Site) -> Vec<Link> {
    site.config.nav.iter().map(|item| Link::new(&item.label, &item.url)).collect()
}

fn crumbs(site: &Site, trail: &[(String, String)]) -> Vec<Link> {
    let mut out = vec![Link::new(&site.config.home_label, urls::home())];
    out.extend(trail.iter().map(|(n, u)| Link::new(n, u)));
    out
}

pub fn meta(site: &Site, title: String, description: String, url: String, trail: &[(String, String)]) -> PageMeta {
    PageMeta {
        canonical: urls::absolute(&site.config.base_url, &url),
        breadcrumbs: crumbs(site, trail),
        title,
        description,
        url,
        noindex: false,
    }
}
