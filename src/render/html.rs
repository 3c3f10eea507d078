//! The HTML renderer: every page of the site through the theme's Tera
//! templates, rendered and minified in parallel.

use super::affected::Affected;
use super::paging::Page;
use super::templates::{PageMeta, meta};
use super::views::{self, Card, Cards, CountedGroup};
use super::{Context, RenderError, Renderer};
use crate::output::Sink;
use crate::schema::Kind;
use crate::site::Site;
use crate::urls::{self, SitePage};
use rayon::prelude::*;
use serde::Serialize;

pub struct HtmlRenderer;

/// One page to render; contexts are built lazily, on the rendering thread.
#[derive(Debug, Clone, Copy)]
enum Job {
    Home,
    KindList(Kind, Page),
    Record(usize),
    Taxonomy(usize),
    Term(usize, usize, Page),
    Sources,
    Source(usize, Page),
    NotFound,
}

/// The pages of a list of `count` cards.
fn list_pages(site: &Site, count: usize) -> impl Iterator<Item = Page> {
    Page::all(count, site.config.page_size.get())
}

fn citing_count(site: &Site, source: usize) -> usize {
    site.citing.get(&site.sources[source].source.id).map_or(0, Vec::len)
}

fn jobs(site: &Site) -> Vec<Job> {
    // The search page is written by the search renderer, with its index.
    let mut jobs = vec![Job::Home, Job::Sources, Job::NotFound];
    for kind in Kind::ALL {
        jobs.extend(list_pages(site, site.kind_range(kind).len()).map(|p| Job::KindList(kind, p)));
    }
    jobs.extend((0..site.records.len()).map(Job::Record));
    for (t, tax) in site.taxonomies.0.iter().enumerate() {
        // The stage pipeline (stages.rs) is the index page of the stages.
        if tax.slug != super::stages::TAXONOMY {
            jobs.push(Job::Taxonomy(t));
        }
        for (i, term) in tax.terms.iter().enumerate() {
            jobs.extend(list_pages(site, site.members(&tax.slug, &term.id).len()).map(|p| Job::Term(t, i, p)));
        }
    }
    for s in 0..site.sources.len() {
        jobs.extend(list_pages(site, citing_count(site, s)).map(|p| Job::Source(s, p)));
    }
    jobs
}

/// The URL of a job's page.
fn url_of(site: &Site, job: Job) -> String {
    match job {
        Job::Home => urls::home(),
        Job::KindList(kind, page) => urls::paged(&urls::kind_list(kind), page.number),
        Job::Record(i) => urls::record(site.records[i].kind, &site.records[i].common.id),
        Job::Taxonomy(t) => urls::taxonomy(&site.taxonomies.0[t].slug),
        Job::Term(t, i, page) => {
            let tax = &site.taxonomies.0[t];
            urls::paged(&urls::term(&tax.slug, &tax.terms[i].id), page.number)
        }
        Job::Sources => urls::sources(),
        Job::Source(i, page) => urls::paged(&urls::source(&site.sources[i].source.id), page.number),
        Job::NotFound => urls::not_found(),
    }
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn pass(&self) -> super::Pass {
        super::Pass::Pages
    }

    fn pages(&self, site: &Site) -> Vec<SitePage> {
        let page = |job: Job| {
            let url = url_of(site, job);
            match job {
                Job::Record(i) => SitePage { lastmod: Some(site.records[i].common.updated), record: Some(i), ..SitePage::html(url) },
                Job::NotFound => SitePage::file(url),
                _ => SitePage::html(url),
            }
        };
        jobs(site).into_iter().map(page).collect()
    }

    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        render_jobs(ctx, sink, jobs(ctx.site))
    }

    fn render_affected(&self, ctx: &Context, sink: &Sink, affected: &Affected) -> Result<(), RenderError> {
        let site = ctx.site;
        let wanted = |job: &Job| match *job {
            Job::KindList(kind, _) => affected.kinds.contains(&kind),
            Job::Record(i) => affected.records.contains(&site.records[i].common.id),
            Job::Term(t, i, _) => {
                let tax = &site.taxonomies.0[t];
                affected.terms.contains(&(tax.slug.clone(), tax.terms[i].id.clone()))
            }
            Job::Source(i, _) => affected.sources.contains(&site.sources[i].source.id),
            // Pages with site-wide counts or nothing record-specific.
            _ => true,
        };
        render_jobs(ctx, sink, jobs(site).into_iter().filter(wanted).collect())
    }
}

fn render_jobs(ctx: &Context, sink: &Sink, jobs: Vec<Job>) -> Result<(), RenderError> {
    let shared = views::shared_names(ctx.site);
    jobs.into_par_iter().try_for_each(|job| {
        let (template, context, page) = build(ctx.site, &ctx.cards, &shared, job);
        ctx.templates.write(sink, &urls::file_for(&page.url), template, context, &page)
    })
}

#[derive(Serialize)]
struct TermRow {
    name: String,
    url: String,
    description: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct KindCount {
    label: &'static str,
    url: String,
    count: usize,
    /// What the count is made of when the kind holds more than one record
    /// type (the 事例 count includes adoption lists, a survey and plans).
    types: Vec<TermRow>,
}

fn build(site: &Site, cards: &Cards, shared: &views::SharedNames, job: Job) -> (&'static str, tera::Context, PageMeta) {
    let mut c = tera::Context::new();
    let pick = |idx: &[usize]| -> Vec<Card> { idx.iter().map(|&i| cards[i].clone()).collect() };
    match job {
        Job::Home => {
            let counts: Vec<KindCount> = Kind::ALL
                .iter()
                .map(|&k| KindCount {
                    label: k.label(),
                    url: urls::kind_list(k),
                    count: site.kind_range(k).len(),
                    types: mixed_record_types(site, k),
                })
                .collect();
            c.insert("counts", &counts);
            c.insert("browse", &taxonomy_rows(site));
            let mut recent: Vec<usize> = (0..site.records.len()).collect();
            recent.sort_by(|&a, &b| site.records[b].common.updated.cmp(&site.records[a].common.updated).then(a.cmp(&b)));
            recent.truncate(10);
            c.insert("recent", &pick(&recent));
            let desc = site.config.description.clone().unwrap_or_default();
            ("home.html", c, meta(site, site.config.title.clone(), desc, urls::home(), &[]))
        }
        Job::KindList(kind, page) => {
            let first = site.kind_range(kind).start;
            let shown: Vec<usize> = page.items().map(|n| first + n).collect();
            c.insert("kind_label", kind.label());
            c.insert("types", &record_types(site, kind));
            c.insert("cards", &pick(&shown));
            c.insert("downloads", &super::opendata::kind_downloads(kind));
            c.insert("data_url", &urls::data());
            c.insert("feed", &super::feeds::kind_feed(site, kind));
            let list = urls::kind_list(kind);
            c.insert("pager", &page.pager(&list));
            let desc = format!("{}の一覧（{}件）", kind.label(), page.count);
            let title = format!("{}一覧", kind.label());
            let trail = [(kind.label().to_string(), list.clone())];
            let meta = page.meta(site, title, desc, &list, &trail);
            c.insert("jsonld", &super::jsonld::collection_blocks(site, &meta, &shown, page.items().start + 1, page.count));
            ("list.html", c, meta)
        }
        Job::Record(i) => {
            let r = &site.records[i];
            let view = views::record_view(site, i, super::minify::minify_fragment(&crate::markdown::to_html(&r.body)));
            let url = urls::record(r.kind, &r.common.id);
            c.insert("record", &view);
            let trail = [(r.kind.label().to_string(), urls::kind_list(r.kind)), (r.common.name.clone(), url.clone())];
            let page = meta(site, shared.page_title(r), r.common.summary.clone(), url, &trail);
            c.insert("jsonld", &super::jsonld::blocks(site, i, &page.breadcrumbs));
            ("record.html", c, page)
        }
        Job::Taxonomy(t) => {
            let tax = &site.taxonomies.0[t];
            c.insert("taxonomy_title", &tax.title);
            c.insert("description", &tax.description);
            c.insert("terms", &term_rows(site, t));
            c.insert("source", &taxonomy_source(site, tax));
            let url = urls::taxonomy(&tax.slug);
            let desc = tax.description.clone().unwrap_or_else(|| format!("{}の一覧", tax.title));
            ("taxonomy.html", c, meta(site, tax.title.clone(), desc, url.clone(), &[(tax.title.clone(), url)]))
        }
        Job::Term(t, i, page) => {
            let tax = &site.taxonomies.0[t];
            let term = &tax.terms[i];
            let members = site.members(&tax.slug, &term.id);
            // Members are in record order, which is by kind: each kind's
            // members are one run, and a page shows a run of them.
            let shown = page.items();
            let groups: Vec<CountedGroup> = Kind::ALL
                .iter()
                .map(|&k| {
                    let kind = site.kind_range(k);
                    let of_kind = members.partition_point(|&m| m < kind.start)..members.partition_point(|&m| m < kind.end);
                    let on_page = of_kind.start.max(shown.start)..of_kind.end.min(shown.end);
                    CountedGroup { title: k.label().into(), count: of_kind.len(), cards: pick(members.get(on_page).unwrap_or_default()) }
                })
                .filter(|g| !g.cards.is_empty())
                .collect();
            c.insert("taxonomy_title", &tax.title);
            c.insert("taxonomy_url", &urls::taxonomy(&tax.slug));
            c.insert(
                "stage",
                &stage_of(site, term).map(|(link, pipeline_url, programs)| StageView { link, pipeline_url, programs: pick(&programs) }),
            );
            c.insert("stage_menus", &stage_menus_of(site, &tax.slug, &term.id));
            c.insert("source", &taxonomy_source(site, tax));
            c.insert("term_name", &term.display());
            c.insert("description", &term.description);
            c.insert("groups", &groups);
            c.insert("count", &members.len());
            c.insert("feed", &super::feeds::term_feed(site, t, i));
            let list = urls::term(&tax.slug, &term.id);
            c.insert("pager", &page.pager(&list));
            let desc = format!("{}「{}」に該当する{}件", tax.title, term.display(), members.len());
            let title = format!("{}（{}）", term.display(), tax.title);
            let trail = [(tax.title.clone(), urls::taxonomy(&tax.slug)), (term.display(), list.clone())];
            let meta = page.meta(site, title, desc, &list, &trail);
            let on_page = members.get(page.items()).unwrap_or_default();
            c.insert("jsonld", &super::jsonld::collection_blocks(site, &meta, on_page, page.items().start + 1, members.len()));
            ("term.html", c, meta)
        }
        Job::Sources => {
            let rows: Vec<TermRow> = site
                .sources
                .iter()
                .map(|s| TermRow {
                    name: s.source.title.clone(),
                    url: urls::source(&s.source.id),
                    description: Some(s.source.covers.clone()),
                    count: site.citing.get(&s.source.id).map_or(0, Vec::len),
                })
                .collect();
            c.insert("sources", &rows);
            let url = urls::sources();
            (
                "sources.html",
                c,
                meta(site, "出典一覧".into(), "このサイトの内容の出典となった資料の一覧".into(), url.clone(), &[("出典".into(), url)]),
            )
        }
        Job::Source(i, page) => {
            let s = &site.sources[i].source;
            let on_page = site.citing.get(&s.id).map(|v| &v[page.items()]).unwrap_or_default();
            let citing = pick(on_page);
            c.insert("source", s);
            c.insert("source_date", &views::source_date(site, &s.id));
            c.insert("cards", &citing);
            c.insert("count", &citing_count(site, i));
            let list = urls::source(&s.id);
            c.insert("pager", &page.pager(&list));
            let trail = [("出典".to_string(), urls::sources()), (s.title.clone(), list.clone())];
            let meta = page.meta(site, s.title.clone(), s.covers.clone(), &list, &trail);
            c.insert("jsonld", &super::jsonld::collection_blocks(site, &meta, on_page, page.items().start + 1, citing_count(site, i)));
            ("source.html", c, meta)
        }
        Job::NotFound => {
            let desc = "お探しのページは見つかりませんでした。ホーム、サイト内検索、支援施策の一覧から探せます。".to_string();
            let page = PageMeta { noindex: true, ..meta(site, "ページが見つかりません".into(), desc, urls::not_found(), &[]) };
            ("404.html", c, page)
        }
    }
}

/// The record types (記録の種別) of a kind's records with their counts, for
/// its list: the 事例 list holds adoption lists, a survey and plans besides
/// cases, and says so before its cards.
fn record_types(site: &Site, kind: Kind) -> Vec<TermRow> {
    const TAXONOMY: &str = "record-types";
    let Some(t) = site.taxonomies.0.iter().position(|t| t.slug == TAXONOMY) else {
        return Vec::new();
    };
    let range = site.kind_range(kind);
    term_rows(site, t)
        .into_iter()
        .zip(&site.taxonomies.0[t].terms)
        .filter(|(_, term)| site.members(TAXONOMY, &term.id).iter().any(|i| range.contains(i)))
        .map(|(row, _)| row)
        .collect()
}

/// A kind's record types when it holds more than one, for the home page's
/// counts: one type says nothing the kind's label does not.
fn mixed_record_types(site: &Site, kind: Kind) -> Vec<TermRow> {
    let types = record_types(site, kind);
    if types.len() > 1 { types } else { Vec::new() }
}

/// Where a taxonomy's terms come from, for its pages.
fn taxonomy_source(site: &Site, tax: &crate::taxonomy::Taxonomy) -> Option<views::CitationView> {
    let c = tax.source.as_ref()?;
    let s = site.source(&c.source)?;
    Some(views::CitationView {
        title: s.source.title.clone(),
        url: urls::source(&c.source),
        section: c.section.clone(),
        publisher: s.source.publisher.clone(),
        date: views::source_date(site, &c.source),
    })
}

/// The stage a term belongs to (a stage menu's), with the programs the
/// source gives as the stage's examples, for the term's page.
#[derive(Serialize)]
struct StageView {
    link: views::Link,
    /// The stage's column on the pipeline page.
    pipeline_url: String,
    programs: Vec<Card>,
}

fn stage_of(site: &Site, term: &crate::taxonomy::Term) -> Option<(views::Link, String, Vec<usize>)> {
    let slug = super::stages::TAXONOMY;
    let stage = site.taxonomies.get(slug)?.term(term.stage.as_deref()?)?;
    let programs = site.members(slug, &stage.id).iter().copied().filter(|&i| site.records[i].kind == Kind::Program).collect();
    let link = views::Link::new(stage.display(), urls::term(slug, &stage.id));
    Some((link, format!("{}#{}", urls::taxonomy(slug), stage.id), programs))
}

/// On a stage's page, the terms of every taxonomy that belong to the stage
/// (its stage menu), with how many records use each.
fn stage_menus_of(site: &Site, taxonomy: &str, term: &str) -> Vec<TermRow> {
    if taxonomy != super::stages::TAXONOMY {
        return Vec::new();
    }
    site.taxonomies
        .0
        .iter()
        .flat_map(|tax| tax.terms.iter().filter(|t| t.stage.as_deref() == Some(term)).map(move |t| (tax, t)))
        .map(|(tax, t)| TermRow {
            name: t.display(),
            url: urls::term(&tax.slug, &t.id),
            description: t.description.clone(),
            count: site.members(&tax.slug, &t.id).len(),
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct TaxonomyRow {
    title: String,
    url: String,
    terms: Vec<TermRow>,
}

fn term_rows(site: &Site, t: usize) -> Vec<TermRow> {
    let tax = &site.taxonomies.0[t];
    tax.terms
        .iter()
        .map(|term| TermRow {
            name: term.display(),
            url: urls::term(&tax.slug, &term.id),
            description: term.description.clone(),
            count: site.members(&tax.slug, &term.id).len(),
        })
        .collect()
}

pub(crate) fn taxonomy_rows(site: &Site) -> Vec<TaxonomyRow> {
    ["stages", "support-areas", "support-kinds", "phases", "ministries", "case-types", "regions"]
        .iter()
        .filter_map(|slug| {
            let t = site.taxonomies.0.iter().position(|x| x.slug == *slug)?;
            let tax = &site.taxonomies.0[t];
            Some(TaxonomyRow { title: tax.title.clone(), url: urls::taxonomy(slug), terms: term_rows(site, t) })
        })
        .collect()
}
