//! What a change does to the published site: two builds compared, for a
//! reviewer before it goes live (`atlas diff`). Reads only what a build
//! writes: the records from `data/all.json` (every field of every record),
//! the pages (`*.html`) byte for byte, and the links of the new pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A record named in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordRef {
    /// Kind folder, e.g. `programs`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// The record's page on the site, e.g. `/programs/mediso/`.
    pub url: String,
}

/// A link of a new page to an address of the site that has no file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
}

/// Added, changed and removed things of one sort.
#[derive(Debug)]
pub struct Changes<T, C = T> {
    pub added: Vec<T>,
    pub changed: Vec<C>,
    pub removed: Vec<T>,
}

impl<T, C> Default for Changes<T, C> {
    fn default() -> Self {
        Changes { added: Vec::new(), changed: Vec::new(), removed: Vec::new() }
    }
}

impl<T, C> Changes<T, C> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What changed between two builds.
#[derive(Debug)]
pub struct Report {
    /// Names of the two sides as the user gave them.
    pub old: String,
    pub new: String,
    /// Changed records with the fields that changed.
    pub records: Changes<RecordRef, (RecordRef, Vec<String>)>,
    /// Page URLs.
    pub pages: Changes<String>,
    /// Links of the new build that do not resolve and did not fail before.
    pub broken_links: Vec<BrokenLink>,
}

/// Compares the built sites in the folders `old` and `new`.
pub fn compare(old_name: &str, old: &Path, new_name: &str, new: &Path) -> Result<Report, String> {
    let (old_records, new_records) = (records(old)?, records(new)?);
    let (old_pages, new_pages) = (pages(old)?, pages(new)?);
    let mut report = Report {
        old: old_name.to_string(),
        new: new_name.to_string(),
        records: Changes::default(),
        pages: Changes::default(),
        broken_links: Vec::new(),
    };
    for (key, (r, fields)) in &new_records {
        match old_records.get(key) {
            None => report.records.added.push(r.clone()),
            Some((_, before)) => {
                let changed: Vec<String> = before
                    .keys()
                    .chain(fields.keys())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .filter(|k| before.get(*k) != fields.get(*k))
                    .cloned()
                    .collect();
                if !changed.is_empty() {
                    report.records.changed.push((r.clone(), changed));
                }
            }
        }
    }
    report.records.removed = old_records.iter().filter(|(k, _)| !new_records.contains_key(*k)).map(|(_, (r, _))| r.clone()).collect();
    for (url, file) in &new_pages {
        match old_pages.get(url) {
            None => report.pages.added.push(url.clone()),
            Some(before) if std::fs::read(before).ok() != std::fs::read(file).ok() => report.pages.changed.push(url.clone()),
            Some(_) => {}
        }
    }
    report.pages.removed = old_pages.keys().filter(|u| !new_pages.contains_key(*u)).cloned().collect();
    let before = broken_links(old, &old_pages)?;
    report.broken_links = broken_links(new, &new_pages)?.into_iter().filter(|l| !before.contains(l)).collect();
    Ok(report)
}

type Fields = serde_json::Map<String, serde_json::Value>;
/// Records by (kind folder, id).
type Records = BTreeMap<(String, String), (RecordRef, Fields)>;

/// Every record of a build, from `data/all.json`.
fn records(site: &Path) -> Result<Records, String> {
    let path = site.join("data/all.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e} (is this a site built by atlas build?)", path.display()))?;
    let all: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for (kind, list) in all["records"].as_object().into_iter().flatten() {
        for record in list.as_array().into_iter().flatten() {
            let Some(fields) = record.as_object() else { continue };
            let text = |k: &str| fields.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let id = text("id");
            let r = RecordRef { kind: kind.clone(), name: text("name"), url: format!("/{kind}/{id}/"), id: id.clone() };
            // Where the record's files are is not a field of it.
            let fields: Fields = fields.iter().filter(|(k, _)| !k.ends_with("_url")).map(|(k, v)| (k.clone(), v.clone())).collect();
            out.insert((kind.clone(), id), (r, fields));
        }
    }
    Ok(out)
}

/// Every page of a build: URL (`/a/b/` for `a/b/index.html`) → file.
fn pages(site: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("{}: {e}", site.display()))?;
        let rel = entry.path().strip_prefix(site).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && rel.ends_with(".html") {
            let url = match rel.strip_suffix("index.html") {
                Some(folder) => format!("/{folder}"),
                None => format!("/{rel}"),
            };
            out.insert(url, entry.into_path());
        }
    }
    Ok(out)
}

/// Links of the pages to addresses of the same site (`/…`) that no file
/// answers: `href` and `src` values, query and fragment left out.
fn broken_links(site: &Path, pages: &BTreeMap<String, PathBuf>) -> Result<BTreeSet<BrokenLink>, String> {
    static LINK: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#).expect("valid pattern"));
    let mut out = BTreeSet::new();
    for (url, file) in pages {
        let html = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        for m in LINK.captures_iter(&html) {
            let value = m.get(1).or(m.get(2)).or(m.get(3)).map_or("", |v| v.as_str()).replace("&amp;", "&");
            if !value.starts_with('/') || value.starts_with("//") {
                continue;
            }
            let path = value.split(['?', '#']).next().unwrap_or_default();
            let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let rel = decoded.trim_start_matches('/');
            let exists =
                if rel.is_empty() || rel.ends_with('/') { site.join(rel).join("index.html").is_file() } else { site.join(rel).is_file() };
            if !exists {
                out.insert(BrokenLink { page: url.clone(), target: value.clone() });
            }
        }
    }
    Ok(out)
}

/// How many items of each list a report names before "and N more".
pub const LISTED: usize = 100;

fn listed<T>(items: &[T]) -> (&[T], usize) {
    (&items[..items.len().min(LISTED)], items.len().saturating_sub(LISTED))
}

impl Report {
    /// Nothing changed that a reader could see.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.pages.is_empty() && self.broken_links.is_empty()
    }

    /// Plain text, for a terminal or a log.
    pub fn text(&self) -> String {
        let mut s = format!("atlas diff {} → {}\n", self.old, self.new);
        let r = &self.records;
        s.push_str(&format!("Records: {} added, {} changed, {} removed\n", r.added.len(), r.changed.len(), r.removed.len()));
        let line = |s: &mut String, mark: char, r: &RecordRef, extra: &str| s.push_str(&format!("  {mark} {} {}{extra}\n", r.url, r.name));
        for x in listed(&r.added).0 {
            line(&mut s, '+', x, "");
        }
        for (x, fields) in listed(&r.changed).0 {
            line(&mut s, '~', x, &format!(" (fields: {})", fields.join(", ")));
        }
        for x in listed(&r.removed).0 {
            line(&mut s, '-', x, "");
        }
        let p = &self.pages;
        s.push_str(&format!("Pages: {} added, {} changed, {} removed\n", p.added.len(), p.changed.len(), p.removed.len()));
        for (mark, list) in [('+', &p.added), ('~', &p.changed), ('-', &p.removed)] {
            let (shown, more) = listed(list);
            shown.iter().for_each(|u| s.push_str(&format!("  {mark} {u}\n")));
            if more > 0 {
                s.push_str(&format!("  {mark} … and {more} more\n"));
            }
        }
        s.push_str(&format!("Broken links introduced: {}\n", self.broken_links.len()));
        for l in &self.broken_links {
            s.push_str(&format!("  {} → {}\n", l.page, l.target));
        }
        s
    }

    /// Markdown, for a pull-request comment or a job summary.
    pub fn markdown(&self) -> String {
        let code = |t: &str| format!("`{}`", t.replace('`', "'"));
        let mut s = format!("### atlas diff: {} → {}\n\n", code(&self.old), code(&self.new));
        if self.is_empty() {
            s.push_str("No change to the published site.\n");
            return s;
        }
        let (r, p) = (&self.records, &self.pages);
        s.push_str("| | added | changed | removed |\n|---|---:|---:|---:|\n");
        s.push_str(&format!("| records | {} | {} | {} |\n", r.added.len(), r.changed.len(), r.removed.len()));
        s.push_str(&format!("| pages | {} | {} | {} |\n\n", p.added.len(), p.changed.len(), p.removed.len()));
        if self.broken_links.is_empty() {
            s.push_str("No broken links introduced.\n\n");
        } else {
            s.push_str(&format!(
                "**Broken links introduced: {}**\n\n| page | links to (no such page) |\n|---|---|\n",
                self.broken_links.len()
            ));
            for l in &self.broken_links {
                s.push_str(&format!("| {} | {} |\n", code(&l.page), code(&l.target)));
            }
            s.push('\n');
        }
        let esc = |t: &str| t.replace('|', "\\|").replace('[', "\\[").replace(']', "\\]");
        if !r.is_empty() {
            s.push_str("#### Records\n\n| | record | fields changed |\n|---|---|---|\n");
            for x in listed(&r.added).0 {
                s.push_str(&format!("| added | {} {} | |\n", esc(&x.name), code(&x.url)));
            }
            for (x, fields) in listed(&r.changed).0 {
                let fields: Vec<String> = fields.iter().map(|f| code(f)).collect();
                s.push_str(&format!("| changed | {} {} | {} |\n", esc(&x.name), code(&x.url), fields.join(", ")));
            }
            for x in listed(&r.removed).0 {
                s.push_str(&format!("| removed | {} {} | |\n", esc(&x.name), code(&x.url)));
            }
            let more = listed(&r.added).1 + listed(&r.changed).1 + listed(&r.removed).1;
            if more > 0 {
                s.push_str(&format!("\n… and {more} more records.\n"));
            }
            s.push('\n');
        }
        for (title, list) in [("Pages added", &p.added), ("Pages changed", &p.changed), ("Pages removed", &p.removed)] {
            if list.is_empty() {
                continue;
            }
            s.push_str(&format!("<details><summary>{title} ({})</summary>\n\n", list.len()));
            let (shown, more) = listed(list);
            shown.iter().for_each(|u| s.push_str(&format!("- {}\n", code(u))));
            if more > 0 {
                s.push_str(&format!("- … and {more} more\n"));
            }
            s.push_str("\n</details>\n\n");
        }
        s
    }
}
