//! Rebuilding a site in memory as it is edited: the same pipeline as `atlas
//! build`, with parsed records cached by file (only changed files are parsed
//! again), linking redone in full (it is cheap and catches every broken
//! reference), and only the pages affected by changed records rendered.

use crate::content::{self, RecordCache};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::{self, affected::Affected};
use crate::site::Site;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    last: Option<Site>,
    files: Arc<Files>,
    /// Set when the next build must render everything (first build, or
    /// something other than records changed since the last good build).
    full_pending: bool,
}

impl Rebuilder {
    pub fn new(root: &Path) -> Rebuilder {
        Rebuilder { root: root.to_path_buf(), cache: RecordCache::default(), last: None, files: Arc::default(), full_pending: true }
    }

    /// The files of the last good build.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    /// The site's title, once a build succeeded.
    pub fn title(&self) -> Option<&str> {
        self.last.as_ref().map(|s| s.config.title.as_str())
    }

    /// Rebuilds after a change. `full` asks for every page to be rendered
    /// (use it when anything but record files changed: config, taxonomies,
    /// sources, theme). On error the last good build is kept.
    pub fn rebuild(&mut self, full: bool) -> Result<Outcome, Vec<Diagnostic>> {
        let started = Instant::now();
        self.full_pending |= full;
        let site = match content::load_cached(&self.root, &mut self.cache) {
            (Some(inputs), errors) => crate::site::link(inputs, crate::today(), errors)?,
            (None, mut errors) => {
                errors.sort();
                return Err(errors);
            }
        };
        let changed_files = self.cache.take_changed();
        let sink = Sink::memory();
        let incremental = match (&self.last, self.full_pending) {
            (Some(before), false) => {
                let ids = changed_ids(before, &site, &changed_files);
                let affected = Affected::compute(before, &site, &ids);
                Some((ids, affected))
            }
            _ => None,
        };
        let rendered = match &incremental {
            Some((_, affected)) => render::render_affected(&site, &sink, affected),
            None => render::render_site(&site, &sink),
        };
        if let Err(e) = rendered {
            // The records seen now are not in the served site yet.
            self.full_pending = true;
            return Err(vec![Diagnostic::new("themes/", 1, e.to_string()).help("fix the template named in the message")]);
        }
        let new_files = sink.into_files();
        let rendered = new_files.len();
        let mut files: Files = match (&incremental, &self.last) {
            (Some((ids, _)), Some(before)) => {
                let mut files = (*self.files).clone();
                let owned = crate::render::owned_folders();
                files.retain(|k, _| !owned.iter().any(|f| k.starts_with(f)));
                // Pages of records that no longer exist under that id.
                for id in ids.iter().filter(|id| site.get(id).is_none()) {
                    if let Some(r) = before.get(id) {
                        for file in crate::urls::record_files(r.kind, id) {
                            files.remove(&file);
                        }
                    }
                }
                files
            }
            _ => Files::new(),
        };
        files.extend(new_files.into_iter().map(|(k, v)| (k, Arc::from(v))));
        let outcome = Outcome { records: site.records.len(), rendered, full: incremental.is_none(), elapsed: started.elapsed() };
        self.files = Arc::new(files);
        self.last = Some(site);
        self.full_pending = false;
        Ok(outcome)
    }
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
