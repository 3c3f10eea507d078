//! The stage pipeline at /stages/ (it replaces the generic index of the
//! `stages` taxonomy): the eight municipal stages with the programs at each,
//! the three case types against the stages, and beside them the national R&D
//! phases with their programs. Every figure is computed from the records.

use super::templates::meta;
use super::views::{CELL_LINKS, Link, cell_links, record_link};
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::schema::{Kind, KindData};
use crate::site::Site;
use crate::urls::{self, SitePage};
use serde::Serialize;

/// The taxonomy whose generic index page this view replaces.
pub const TAXONOMY: &str = "stages";

/// One stage or phase with the programs placed there.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Anchor on the page, e.g. `stage-3`.
    pub id: String,
    pub label: String,
    pub name: String,
    /// The term page, which lists every program placed there.
    pub url: String,
    /// The first `COLUMN_PROGRAMS` of them.
    pub programs: Vec<Link>,
    /// How many programs are placed there in all, and how many of them
    /// `programs` leaves out.
    pub count: usize,
    pub more: usize,
    /// The stage's menu: the terms of any taxonomy that belong to it
    /// (`stage` in the term), in their order.
    pub menus: Vec<MenuItem>,
}

/// One item of a stage's menu, as its column lists it.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    /// The source's numbering (段階④-1), or the stage alone for items the
    /// survey's overview chart adds without a number.
    pub label: String,
    pub name: String,
    pub url: String,
}

/// Programs named under one stage or phase on the page: all of them in an
/// atlas of today's size; in a large one the first ones and a link to the
/// term page with the rest (a page naming every program under every stage
/// would be tens of megabytes).
pub const COLUMN_PROGRAMS: usize = 200;

/// What links one case type to one stage: the programs at that stage that
/// the type's cases used, and the cases that record the stage themselves.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Cell {
    /// The stage, as its column heading reads (段階③ ビジネスプラン表彰、…).
    pub stage: String,
    /// The stage's term page, which lists every program at the stage.
    pub stage_url: String,
    pub programs: Vec<Link>,
    pub cases: Vec<Link>,
    /// Programs and cases beyond `views::CELL_LINKS` left out of the cell.
    pub more_programs: usize,
    pub more_cases: usize,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.programs.is_empty() && self.cases.is_empty()
    }
}

/// A case type with one cell per stage, in stage order.
#[derive(Debug, Clone, Serialize)]
pub struct TypeRow {
    pub label: String,
    pub name: String,
    pub url: String,
    /// The type's cases (the model cases of the source), the first
    /// `views::CELL_LINKS` of them; `url` lists them all.
    pub cases: Vec<Link>,
    pub more_cases: usize,
    pub cells: Vec<Cell>,
}

/// Everything the pipeline page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Pipeline {
    pub stages: Vec<Column>,
    pub types: Vec<TypeRow>,
    pub phases: Vec<Column>,
}

fn columns(site: &Site, taxonomy: &str) -> Vec<Column> {
    let Some(tax) = site.taxonomies.get(taxonomy) else {
        return Vec::new();
    };
    tax.terms
        .iter()
        .map(|t| {
            let programs = programs_with(site, taxonomy, &t.id);
            Column {
                id: t.id.clone(),
                label: t.label.clone().unwrap_or_default(),
                name: t.name.clone(),
                url: urls::term(taxonomy, &t.id),
                count: programs.len(),
                more: programs.len().saturating_sub(COLUMN_PROGRAMS),
                programs: programs.into_iter().take(COLUMN_PROGRAMS).map(|i| record_link(site, i)).collect(),
                menus: menus(site, &t.id),
            }
        })
        .collect()
}

fn menus(site: &Site, stage: &str) -> Vec<MenuItem> {
    let of_stage = |tax: &'_ crate::taxonomy::Taxonomy| {
        tax.terms
            .iter()
            .filter(|t| t.stage.as_deref() == Some(stage))
            .map(|t| MenuItem { label: t.label.clone().unwrap_or_default(), name: t.name.clone(), url: urls::term(&tax.slug, &t.id) })
            .collect::<Vec<_>>()
    };
    site.taxonomies.0.iter().flat_map(of_stage).collect()
}

fn programs_with(site: &Site, taxonomy: &str, term: &str) -> Vec<usize> {
    site.members(taxonomy, term).iter().copied().filter(|&i| site.records[i].kind == Kind::Program).collect()
}

/// The cell of case type `case_type` at `stage`.
pub fn cell(site: &Site, case_type: &str, stage: &Column) -> Cell {
    let heading = format!("{} {}", stage.label, stage.name);
    let stage = stage.id.as_str();
    let mut programs: Vec<usize> = Vec::new();
    let mut cases: Vec<usize> = Vec::new();
    for &c in site.members("case-types", case_type) {
        let KindData::Case(case) = &site.records[c].data else {
            continue;
        };
        if case.stages.iter().any(|s| s == stage) {
            cases.push(c);
        }
        for p in case.programs.iter().filter_map(|id| site.index_of(id)) {
            let at_stage = matches!(&site.records[p].data, KindData::Program(prog) if prog.stages.iter().any(|s| s == stage));
            if at_stage && !programs.contains(&p) {
                programs.push(p);
            }
        }
    }
    programs.sort_unstable();
    let (programs, more_programs) = cell_links(site, &programs);
    let (cases, more_cases) = cell_links(site, &cases);
    Cell { stage: heading, stage_url: urls::term(TAXONOMY, stage), programs, cases, more_programs, more_cases }
}

pub fn pipeline(site: &Site) -> Pipeline {
    let stages = columns(site, TAXONOMY);
    let types = site
        .taxonomies
        .get("case-types")
        .map(|tax| {
            tax.terms
                .iter()
                .map(|t| {
                    let (cases, more_cases) = cell_links(site, site.members("case-types", &t.id));
                    TypeRow {
                        label: t.label.clone().unwrap_or_default(),
                        name: t.name.clone(),
                        url: urls::term("case-types", &t.id),
                        cases,
                        more_cases,
                        cells: stages.iter().map(|s| cell(site, &t.id, s)).collect(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Pipeline { stages, types, phases: columns(site, "phases") }
}

pub struct StagesRenderer;

impl Renderer for StagesRenderer {
    fn name(&self) -> &'static str {
        "stages"
    }
    fn pages(&self, site: &Site) -> Vec<SitePage> {
        site.taxonomies.get(TAXONOMY).map(|_| SitePage::html(urls::taxonomy(TAXONOMY))).into_iter().collect()
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        let site = ctx.site;
        let Some(tax) = site.taxonomies.get(TAXONOMY) else {
            return Ok(());
        };
        let mut c = tera::Context::new();
        c.insert("pipeline", &pipeline(site));
        c.insert("cell_links", &CELL_LINKS);
        c.insert("description", &tax.description);
        c.insert("phases_title", &site.taxonomies.get("phases").map(|t| t.title.clone()));
        c.insert("types_title", &site.taxonomies.get("case-types").map(|t| t.title.clone()));
        let url = urls::taxonomy(TAXONOMY);
        let desc =
            "アイデアから生産・販売までの8つの支援段階ごとに、利用できる支援施策と事例の類型、国の研究開発フェーズを一覧にしたページ";
        let page = meta(site, tax.title.clone(), desc.into(), url.clone(), &[(tax.title.clone(), url.clone())]);
        ctx.templates.write(sink, &urls::file_for(&url), "stages.html", c, &page)
    }
}
