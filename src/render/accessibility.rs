//! The accessibility page (/accessibility/): target level, method, pages
//! tested and results, as Japanese public bodies publish them, from the
//! report the automated test run writes (content/accessibility.yaml).

use super::templates::meta;
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::site::Site;
use crate::urls::{self, SitePage};
use serde::Serialize;

pub struct AccessibilityRenderer;

/// A tested page as the report shows it.
#[derive(Serialize)]
struct TestedRow<'a> {
    kind: &'a str,
    url: &'a str,
    violations: u32,
    /// Whether the address is a page of the site, to be linked. The run
    /// also tests what readers see at an address that does not exist.
    linked: bool,
}

impl Renderer for AccessibilityRenderer {
    fn name(&self) -> &'static str {
        "accessibility"
    }
    fn pages(&self, site: &Site) -> Vec<SitePage> {
        site.accessibility.as_ref().map(|_| SitePage::html(urls::accessibility())).into_iter().collect()
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let Some(report) = &ctx.site.accessibility else { return Ok(()) };
        let rows: Vec<TestedRow> = report
            .pages
            .iter()
            .map(|p| {
                let path = p.url.split(['?', '#']).next().unwrap_or_default();
                TestedRow {
                    kind: &p.kind,
                    url: &p.url,
                    violations: p.violations,
                    linked: ctx.pages.get(path).is_some_and(|p| p.in_sitemap),
                }
            })
            .collect();
        let mut c = tera::Context::new();
        c.insert("report", report);
        c.insert("tested_pages", &rows);
        c.insert("tested", &report.tested.japanese());
        c.insert("passed", &report.pages.iter().all(|p| p.violations == 0));
        let url = urls::accessibility();
        let title = "ウェブアクセシビリティ方針と試験結果".to_string();
        let page = meta(ctx.site, title.clone(), format!("{}の達成状況と試験結果", report.target), url.clone(), &[(title, url.clone())]);
        ctx.templates.write(sink, &urls::file_for(&url), "accessibility.html", c, &page)
    }
}
