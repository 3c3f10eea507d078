//! Checks of what records say beyond their types: links in Markdown bodies
//! (internal pages and their anchors, external addresses) and the form of
//! budget figures.

use super::{Site, check_url};
use crate::content::Record;
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::markdown;
use crate::messages::Message;
use crate::schema::{self, KindData};
use crate::urls::PageList;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(schema::BUDGET_AMOUNT_PATTERN).expect("valid pattern"));
static LABEL: LazyLock<Regex> = LazyLock::new(|| Regex::new(schema::BUDGET_LABEL_PATTERN).expect("valid pattern"));

/// Budget amounts must be a money figure as the sources write it, and labels
/// must say which kind of figure it is (see `schema::BUDGET_*_PATTERN`).
pub fn budgets(r: &Record, errors: &mut Vec<Diagnostic>) {
    let KindData::Program(p) = &r.data else { return };
    for (i, b) in p.budgets.iter().enumerate() {
        if !AMOUNT.is_match(&b.amount) {
            errors.push(
                r.error_at(&format!("budgets[{i}].amount"), Message::AmountForm { amount: b.amount.clone() }).help(Message::AmountFormHelp),
            );
        }
        if !LABEL.is_match(&b.label) {
            errors.push(
                r.error_at(&format!("budgets[{i}].label"), Message::BudgetLabel { label: b.label.clone() }).help(Message::BudgetLabelHelp),
            );
        }
    }
}

/// A fact's `as_of_date` must name the years its `as_of` label names (the
/// label is the source's wording; 平成27年4月末時点 is 2015-04-30), must be
/// there when the label names a year, and needs a label to date.
pub fn fact_dates(r: &Record, errors: &mut Vec<Diagnostic>) {
    for (i, f) in r.common.facts.iter().enumerate() {
        let label_years = f.as_of.as_deref().map(crate::calendar::years_in_label).unwrap_or_default();
        match &f.as_of_date {
            None if !label_years.is_empty() => errors.push(
                r.error_at(&format!("facts[{i}].as_of"), Message::FactWithoutDate { as_of: f.as_of.clone().unwrap_or_default() })
                    .help(Message::FactWithoutDateHelp),
            ),
            Some(date) if f.as_of.is_none() => errors.push(
                r.error_at(&format!("facts[{i}].as_of_date"), Message::FactWithoutLabel { date: date.to_string() })
                    .help(Message::FactWithoutLabelHelp),
            ),
            Some(date) if !label_years.is_empty() && date.years().iter().any(|y| !label_years.contains(y)) => {
                let named: Vec<String> = label_years.iter().map(i32::to_string).collect();
                errors.push(
                    r.error_at(
                        &format!("facts[{i}].as_of_date"),
                        Message::FactDateMismatch {
                            date: date.to_string(),
                            as_of: f.as_of.clone().unwrap_or_default(),
                            years: named.join(", "),
                        },
                    )
                    .help(Message::FactDateMismatchHelp),
                );
            }
            _ => {}
        }
    }
}

/// A record's change log: every change happened on or before the day the
/// record was last updated, and says what it changed.
pub fn changes(r: &Record, errors: &mut Vec<Diagnostic>) {
    let updated = r.common.updated;
    for (i, change) in r.common.changes.iter().enumerate() {
        if change.date > updated {
            let message = Message::ChangeAfterUpdate { date: change.date.iso(), updated: updated.iso() };
            errors
                .push(r.error_at(&format!("changes[{i}].date"), message).help(Message::ChangeAfterUpdateHelp { date: change.date.iso() }));
        }
        if change.description.trim().is_empty() {
            let field = format!("changes[{i}].description");
            errors.push(r.error_at(&field, Message::EmptyText { field: field.clone() }).help(Message::EmptyTextHelp));
        }
    }
}

/// A page of the site a body may link to, with the ids it defines.
#[derive(Clone, Copy)]
enum LinkTarget {
    Record(usize),
    Other,
}

/// The site's pages and their anchors, computed once per check.
struct LinkTargets<'a> {
    site: &'a Site,
    pages: PageList,
    /// Ids the templates define on every page (`main`, …).
    template_ids: HashSet<String>,
    /// Anchors of record bodies, computed when first needed.
    anchors: HashMap<usize, HashSet<String>>,
}

impl<'a> LinkTargets<'a> {
    fn new(site: &'a Site, pages: PageList) -> Self {
        let template_ids =
            site.theme.templates.iter().flat_map(|(_, text)| markdown::anchors(text)).filter(|id| !id.contains(['{', '}', ' '])).collect();
        LinkTargets { site, pages, template_ids, anchors: HashMap::new() }
    }

    fn get(&self, url: &str) -> Option<LinkTarget> {
        self.pages.get(url).map(|p| p.record.map_or(LinkTarget::Other, LinkTarget::Record))
    }

    fn has_anchor(&mut self, page: LinkTarget, anchor: &str) -> bool {
        if self.template_ids.contains(anchor) {
            return true;
        }
        let LinkTarget::Record(i) = page else {
            // Other pages' ids come from templates only.
            return false;
        };
        let site = self.site;
        self.anchors
            .entry(i)
            .or_insert_with(|| markdown::anchors(&markdown::to_html(&site.records[i].body)).into_iter().collect())
            .contains(anchor)
    }
}

/// Every link the content makes leads somewhere: the menu's in atlas.yaml
/// and every body's. Internal links go to a page the renderers declare
/// (`pages`, asked for only when there is a link to check) and to an anchor
/// on it, external ones to a well-formed address.
pub fn content_links(site: &Site, pages: impl FnOnce() -> PageList, errors: &mut Vec<Diagnostic>) {
    if site.config.nav.is_empty() && site.records.iter().all(|r| r.links.is_empty()) {
        return;
    }
    let targets = &mut LinkTargets::new(site, pages());
    for item in &site.config.nav {
        if let Some((message, help)) = link_problem(targets, &crate::urls::home(), &item.url) {
            errors.push(Diagnostic::new("atlas.yaml", item.line, message).field("nav.url").help(help));
        }
    }
    for r in site.records.iter().filter(|r| !r.links.is_empty()) {
        let own = crate::urls::record(r.kind, &r.common.id);
        for (dest, offset) in &r.links {
            if let Some((message, help)) = link_problem(targets, &own, dest) {
                let before = &r.body[..*offset];
                let line = r.body_line + before.matches('\n').count();
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                errors.push(Diagnostic::new(&r.file, line, message).column(column).field("body").help(help));
            }
        }
    }
}

/// What is wrong with a link written on the page `own`, with advice; `None`
/// when it leads somewhere.
fn link_problem(targets: &mut LinkTargets, own: &str, dest: &str) -> Option<(Message, Message)> {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        let full = if lower.starts_with("//") { format!("https:{dest}") } else { dest.to_string() };
        return check_url(&full).err().map(|_| (Message::LinkBadAddress { url: dest.to_string() }, Message::FullAddressHelp));
    }
    if let Some(colon) = dest.find(':') {
        let scheme = &lower[..colon];
        if !scheme.contains(['/', '?', '#']) {
            return match scheme {
                "mailto" | "tel" => None,
                _ => Some((Message::LinkScheme { scheme: scheme.to_string() }, Message::LinkSchemeHelp)),
            };
        }
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let url = if path.is_empty() { own.to_string() } else { resolve(own, path) };
    let Some(page) = targets.get(&url) else {
        // Content-hashed assets, whose names change with every edit of
        // the theme, are taken on trust.
        if url.starts_with(&crate::urls::asset("")) {
            return None;
        }
        let slash = format!("{url}/");
        let help = if targets.pages.contains(&slash) {
            Message::AddSlash { url: slash }
        } else {
            match did_you_mean(&url, targets.pages.urls()) {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::LinkExistingPage,
            }
        };
        return Some((Message::NoSuchPage { url }, help));
    };
    match fragment {
        Some(anchor) if !anchor.is_empty() && !targets.has_anchor(page, anchor) => {
            let anchor = anchor.to_string();
            let message = if url == own { Message::NoAnchorHere { anchor } } else { Message::NoAnchor { url, anchor } };
            Some((message, Message::NoAnchorHelp))
        }
        _ => None,
    }
}

/// Resolves a path against the URL of the page it is written on.
fn resolve(base: &str, path: &str) -> String {
    let mut segments: Vec<&str> = if path.starts_with('/') { Vec::new() } else { base.split('/').filter(|s| !s.is_empty()).collect() };
    for s in path.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == "." || path == "..";
    let mut url = format!("/{}", segments.join("/"));
    if trailing && url != "/" {
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("/programs/a/", "/cases/b/"), "/cases/b/");
        assert_eq!(resolve("/programs/a/", "../b/"), "/programs/b/");
        assert_eq!(resolve("/programs/a/", "../../cases/"), "/cases/");
        assert_eq!(resolve("/programs/a/", "../../../.."), "/");
        assert_eq!(resolve("/programs/a/", "x"), "/programs/a/x");
    }

    #[test]
    fn budget_forms() {
        for ok in ["1,024百万円", "30.0億円", "63,968千円", "1.8億円", "約5億円", "１，０２４百万円", "500万円", "1200千円"]
        {
            assert!(AMOUNT.is_match(ok), "{ok}");
        }
        for bad in ["1024", "1,024", "百万円", "1,02百万円", "10億ドル", "未定", "1,024百万円程度"] {
            assert!(!AMOUNT.is_match(bad), "{bad}");
        }
        for ok in ["令和5年度予算額", "前年度予算額", "平成27年度概算要求額", "令和4年度補正予算額", "決算額"]
        {
            assert!(LABEL.is_match(ok), "{ok}");
        }
        assert!(!LABEL.is_match("金額"));
    }
}
