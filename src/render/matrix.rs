//! The support matrix at /matrix/: support area × ministry, one table per
//! kind of support (資金支援, ソフト支援), as the national catalogue of
//! medical-device measures organizes it. Cells are computed from the
//! programs' `support_areas`, `ministries` and `support_kinds`.

use super::templates::meta;
use super::views::{Link, cell_links, record_link};
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::schema::{Kind, KindData, Program};
use crate::site::Site;
use crate::taxonomy::Term;
use crate::urls::{self, SitePage, facet_key};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MatrixCell {
    /// Row and column headings, for the stacked layout on phones.
    pub label: String,
    /// The first `views::CELL_LINKS` programs of the cell.
    pub programs: Vec<Link>,
    /// How many it leaves out, and the search that lists them all.
    pub more: usize,
    pub search_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    pub area: Link,
    pub cells: Vec<MatrixCell>,
}

/// One table: the programs of one kind of support.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub kind: Link,
    pub description: Option<String>,
    pub ministries: Vec<Link>,
    pub rows: Vec<MatrixRow>,
    /// Programs of this kind in at least one cell.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub tables: Vec<Table>,
    /// National programs (with a ministry) that lack an area or a kind and
    /// so sit in no cell.
    pub unplaced: Vec<Link>,
    /// Programs without a ministry (municipal and regional ones), left out.
    pub without_ministry: usize,
}

fn terms<'a>(site: &'a Site, slug: &str) -> &'a [Term] {
    site.taxonomies.get(slug).map(|t| t.terms.as_slice()).unwrap_or(&[])
}

fn term_link(slug: &str, t: &Term) -> Link {
    Link::new(&t.name, urls::term(slug, &t.id))
}

fn programs(site: &Site) -> impl Iterator<Item = (usize, &Program)> {
    site.of_kind(Kind::Program).filter_map(|(i, r)| match &r.data {
        KindData::Program(p) => Some((i, p)),
        _ => None,
    })
}

/// Programs in the cell (support kind, area, ministry).
pub fn cell(site: &Site, kind: &str, area: &str, ministry: &str) -> Vec<usize> {
    let has = |list: &[String], id: &str| list.iter().any(|x| x == id);
    programs(site)
        .filter(|(_, p)| has(&p.support_kinds, kind) && has(&p.support_areas, area) && has(&p.ministries, ministry))
        .map(|(i, _)| i)
        .collect()
}

/// The search for the programs of a cell: AND between the facets.
fn cell_search(kind: &str, area: &str, ministry: &str) -> String {
    urls::search_with(&[
        (facet_key(None), Kind::Program.name()),
        (facet_key(Some("support-kinds")), kind),
        (facet_key(Some("support-areas")), area),
        (facet_key(Some("ministries")), ministry),
    ])
}

pub fn matrix(site: &Site) -> Matrix {
    let (areas, ministries) = (terms(site, "support-areas"), terms(site, "ministries"));
    let tables = terms(site, "support-kinds")
        .iter()
        .map(|kind| {
            let mut placed: Vec<usize> = Vec::new();
            let rows = areas
                .iter()
                .map(|area| MatrixRow {
                    area: term_link("support-areas", area),
                    cells: ministries
                        .iter()
                        .map(|m| {
                            let ids = cell(site, &kind.id, &area.id, &m.id);
                            placed.extend(&ids);
                            let (programs, more) = cell_links(site, &ids);
                            MatrixCell {
                                label: format!("{} × {}", area.name, m.name),
                                programs,
                                more,
                                search_url: cell_search(&kind.id, &area.id, &m.id),
                            }
                        })
                        .collect(),
                })
                .collect();
            placed.sort_unstable();
            placed.dedup();
            Table {
                kind: term_link("support-kinds", kind),
                description: kind.description.clone(),
                ministries: ministries.iter().map(|m| term_link("ministries", m)).collect(),
                rows,
                count: placed.len(),
            }
        })
        .collect();
    let unplaced = programs(site)
        .filter(|(_, p)| !p.ministries.is_empty() && (p.support_areas.is_empty() || p.support_kinds.is_empty()))
        .map(|(i, _)| record_link(site, i))
        .collect();
    let without_ministry = programs(site).filter(|(_, p)| p.ministries.is_empty()).count();
    Matrix { tables, unplaced, without_ministry }
}

pub struct MatrixRenderer;

impl Renderer for MatrixRenderer {
    fn name(&self) -> &'static str {
        "matrix"
    }
    fn pages(&self, _: &Site) -> Vec<SitePage> {
        vec![SitePage::html(urls::matrix())]
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let mut c = tera::Context::new();
        c.insert("matrix", &matrix(site));
        c.insert("stages_url", &urls::taxonomy(super::stages::TAXONOMY));
        c.insert("map_url", &urls::map());
        let url = urls::matrix();
        let title = "支援分野×府省の一覧表".to_string();
        let desc = "国の支援施策を、支援分野（研究開発、実用化・事業化、スタートアップ、人材育成、国際展開）と所管府省の表で、資金支援とソフト支援に分けて示します。";
        let page = meta(site, title.clone(), desc.into(), url.clone(), &[(title, url.clone())]);
        ctx.templates.write(sink, &urls::file_for(&url), "matrix.html", c, &page)
    }
}
