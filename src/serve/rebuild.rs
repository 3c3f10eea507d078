//! Rebuilding a site in memory as it is edited: the same pipeline as `atlas
//! build`, with parsed records cached by file (only changed files are parsed
//! again), linking redone in full (it catches every broken reference), and
//! only the outputs affected by changed records rendered, in two passes:
//! first the pages (`rebuild`), then the site-wide outputs (`SiteWide`,
//! which may run on another thread while the pages are already served).

use crate::content::{self, RecordCache};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::{Pass, RenderError, affected::Affected};
use crate::renderers;
use crate::site::Site;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The built site: relative file path (`programs/x/index.html`) → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub records: usize,
    /// Files rendered by this rebuild (all of them for a full build).
    pub rendered: usize,
    pub full: bool,
    pub elapsed: Duration,
}

/// The last good build of a site and what is needed to update it.
pub struct Rebuilder {
    root: PathBuf,
    cache: RecordCache,
    last: Option<Arc<Site>>,
    files: Arc<Files>,
    /// The files of the pages the last good build declared
    /// (`renderers::pages`).
    pages: HashSet<String>,
    /// Set when the next build must render everything (first build, or
    /// something other than records changed since the last good build).
    full_pending: bool,
    /// Counts good builds, so that a site-wide pass finished after a newer
    /// build is recognised as stale.
    generation: u64,
    /// What good builds changed that no site-wide pass has rendered yet.
    site_wide_pending: Option<Affected>,
    /// Set to stop the site-wide pass handed out last, once a newer
    /// rebuild makes its result stale.
    stop_site_wide: Arc<AtomicBool>,
}

/// The site-wide pass of an incremental rebuild, ready to run on any thread.
pub struct SiteWide {
    site: Arc<Site>,
    affected: Affected,
    generation: u64,
    stop: Arc<AtomicBool>,
}

/// The files a site-wide pass rendered, to be merged by `Rebuilder::complete`.
pub struct SiteWideFiles {
    generation: u64,
    /// Stopped before every renderer ran: incomplete, never merged.
    stopped: bool,
    files: Result<HashMap<String, Vec<u8>>, RenderError>,
    started: Instant,
}

impl SiteWide {
    pub fn run(self) -> SiteWideFiles {
        let started = Instant::now();
        let sink = Sink::memory();
        let files = renderers::render_affected(&self.site, &sink, &self.affected, Pass::SiteWide, &self.stop).map(|()| sink.into_files());
        SiteWideFiles { generation: self.generation, stopped: self.stop.load(Ordering::Relaxed), files, started }
    }
}

impl Rebuilder {
    pub fn new(root: &Path) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            cache: RecordCache::default(),
            last: None,
            files: Arc::default(),
            pages: HashSet::new(),
            full_pending: true,
            generation: 0,
            site_wide_pending: None,
            stop_site_wide: Arc::default(),
        }
    }

    /// The files of the last good build.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    /// The Content-Security-Policy of the browser editor (/admin/), with
    /// decap-server's origin, when the last good build has one.
    pub fn editor_policy(&self) -> Option<String> {
        let cms = self.last.as_ref()?.config.cms.as_ref()?;
        Some(crate::render::admin::content_security_policy(cms, true))
    }

    /// The site's title, once a build succeeded.
    pub fn title(&self) -> Option<&str> {
        self.last.as_ref().map(|s| s.config.title.as_str())
    }

    /// Tells the next rebuild which files (relative to the root) a file
    /// watcher saw change, so that it need not check every record file
    /// (see `RecordCache::expect_changes`; a full rebuild checks them all).
    pub fn expect_changes(&mut self, records: &[String]) {
        self.cache.expect_changes(records.iter().map(|rel| self.root.join(rel)));
    }

    /// Rebuilds after a change. `full` asks for every output to be rendered
    /// (use it when anything but record files changed: config, taxonomies,
    /// sources, theme). An incremental rebuild renders the affected pages
    /// and leaves the site-wide outputs to `site_wide`. On error the last
    /// good build is kept.
    pub fn rebuild(&mut self, full: bool) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        // A site-wide pass still running is for an older state: stop it, so
        // that it does not compete with this build for the cores.
        self.stop_site_wide.store(true, Ordering::Relaxed);
        self.full_pending |= full;
        if self.full_pending {
            // Not only records changed: check every file.
            self.cache.expect_anything();
        }
        let site = match content::load_cached(&self.root, &mut self.cache) {
            (Some(inputs), errors) => crate::link(inputs, crate::today(), errors)?,
            (None, mut errors) => {
                errors.sort();
                return Err(errors);
            }
        };
        let changed_files = self.cache.take_changed();
        let sink = Sink::memory();
        let incremental = match (&self.last, self.full_pending) {
            (Some(before), false) => Some(Affected::compute(before, &site, &changed_ids(before, &site, &changed_files))),
            _ => None,
        };
        let rendered = match &incremental {
            Some(affected) => renderers::render_affected(&site, &sink, affected, Pass::Pages, &AtomicBool::new(false)),
            None => renderers::render_site(&site, &sink).map(|_| ()),
        };
        if let Err(e) = rendered {
            // The records seen now are not in the served site yet.
            self.full_pending = true;
            return Err(vec![template_error(&e)]);
        }
        let new_files = sink.into_files();
        let rendered = new_files.len();
        let pages: HashSet<String> = renderers::pages(&site).files().collect();
        let mut files: Files = match &incremental {
            // Files of pages the site no longer has (records that went away,
            // later pages of lists that got shorter) go; pages it still has
            // and files that are no pages (assets, the search index) stay
            // until rendered again.
            Some(_) => self
                .files
                .iter()
                .filter(|(file, _)| pages.contains(*file) || !self.pages.contains(*file))
                .map(|(file, bytes)| (file.clone(), bytes.clone()))
                .collect(),
            None => Files::new(),
        };
        files.extend(new_files.into_iter().map(|(k, v)| (k, Arc::from(v))));
        let outcome = Outcome { records: site.records.len(), rendered, full: incremental.is_none(), elapsed: started.elapsed() };
        self.files = Arc::new(files);
        self.pages = pages;
        self.last = Some(Arc::new(site));
        self.full_pending = false;
        self.generation += 1;
        self.site_wide_pending = match incremental {
            Some(affected) => {
                let mut pending = self.site_wide_pending.take().unwrap_or_default();
                pending.merge(&affected);
                Some(pending)
            }
            None => None,
        };
        Ok(outcome)
    }

    /// The site-wide pass the last good build still needs, if any. It
    /// covers every change since the last completed site-wide pass.
    pub fn site_wide(&mut self) -> Option<SiteWide> {
        let site = self.last.clone()?;
        let affected = self.site_wide_pending.clone()?;
        self.stop_site_wide = Arc::default();
        Some(SiteWide { site, affected, generation: self.generation, stop: self.stop_site_wide.clone() })
    }

    /// Merges the files of a finished site-wide pass. `Ok(None)` when a
    /// newer build came in meanwhile (its own pass covers these changes).
    pub fn complete(&mut self, done: SiteWideFiles) -> Result<Option<Outcome>, Vec<Diagnostic>> {
        if done.stopped || done.generation != self.generation || self.site_wide_pending.is_none() {
            return Ok(None);
        }
        let new_files = match done.files {
            Ok(files) => files,
            Err(e) => {
                self.full_pending = true;
                return Err(vec![template_error(&e)]);
            }
        };
        let mut files = (*self.files).clone();
        // Renderers that rewrite a folder whole (the hashed search index).
        let owned = renderers::owned_folders();
        files.retain(|k, _| !owned.iter().any(|f| k.starts_with(f)));
        let rendered = new_files.len();
        files.extend(new_files.into_iter().map(|(k, v)| (k, Arc::from(v))));
        self.files = Arc::new(files);
        self.site_wide_pending = None;
        let records = self.last.as_ref().map_or(0, |s| s.records.len());
        Ok(Some(Outcome { records, rendered, full: false, elapsed: done.started.elapsed() }))
    }

    /// Runs the pending site-wide pass here and now (for callers that do
    /// not serve pages meanwhile).
    pub fn finish(&mut self) -> Result<Option<Outcome>, Vec<Diagnostic>> {
        match self.site_wide() {
            Some(pass) => self.complete(pass.run()),
            None => Ok(None),
        }
    }
}

fn template_error(e: &RenderError) -> Diagnostic {
    let detail = match e {
        RenderError::Template(m) => m.clone(),
        RenderError::Io(e) => e.to_string(),
    };
    Diagnostic::new("themes/", 1, crate::messages::Message::TemplateError { detail }).help(crate::messages::Message::TemplateErrorHelp)
}

/// Ids of the records in `changed_files`, before and after the change (an
/// edit may change a record's id).
fn changed_ids(before: &Site, after: &Site, changed_files: &[String]) -> Vec<String> {
    let mut ids = Vec::new();
    for site in [before, after] {
        ids.extend(site.records.iter().filter(|r| changed_files.binary_search(&r.file).is_ok()).map(|r| r.common.id.clone()));
    }
    ids.sort();
    ids.dedup();
    ids
}
