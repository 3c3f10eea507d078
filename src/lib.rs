//! atlas: the static-site generator of 医工連携支援アトラス.
//!
//! The data flows one way: `content::load` (files → typed records) →
//! `site::link` (validate, resolve, back-links) → `render` (pages and data,
//! with `search` as one more renderer; `renderers` lists them all) →
//! `output` (staged write and swap). Each module uses only modules below it
//! in that order and the shared foundations (`text`, `calendar`, `yaml`,
//! `markdown`, `schema`, `urls`, …); `tests/module_graph.rs` holds it so.

pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod content;
pub mod diagnostics;
pub mod diff;
pub mod fields;
pub mod import;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod render;
pub mod renderers;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod synonyms;
pub mod taxonomy;
pub mod text;
pub mod urls;
pub mod yaml;

use diagnostics::Diagnostic;
use std::path::Path;
use std::time::{Duration, Instant};

/// Today's date (UTC), the upper bound for `updated` dates.
pub fn today() -> calendar::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    calendar::Date(chrono::DateTime::from_timestamp(secs, 0).map(|t| t.date_naive()).unwrap_or_default())
}

/// Loads and links a site root: everything `check` validates.
pub fn load_site(root: &Path) -> Result<site::Site, Vec<Diagnostic>> {
    match content::load(root) {
        (Some(inputs), errors) => link(inputs, today(), errors),
        (None, mut errors) => {
            errors.sort();
            Err(errors)
        }
    }
}

/// Links loaded inputs (`site::link`) and checks the links in bodies
/// against the pages the renderers declare; `errors` holds what loading
/// found already. Errors come back sorted, every one of them.
pub fn link(inputs: content::Inputs, today: calendar::Date, errors: Vec<Diagnostic>) -> Result<site::Site, Vec<Diagnostic>> {
    let (site, mut errors) = site::link(inputs, today, errors);
    site::content_links(&site, || renderers::pages(&site), &mut errors);
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(errors);
    }
    Ok(site)
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    Content(Vec<Diagnostic>),
    Render(render::RenderError),
    Usage(messages::Message),
}

impl From<std::io::Error> for BuildError {
    fn from(e: std::io::Error) -> Self {
        BuildError::Render(render::RenderError::Io(e))
    }
}

impl From<render::RenderError> for BuildError {
    fn from(e: render::RenderError) -> Self {
        BuildError::Render(e)
    }
}

/// Figures of a finished build, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub records: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    /// Bytes of the search index.
    pub index_bytes: u64,
    pub elapsed: Duration,
    /// How long each stage took, in order (`atlas build --timings`).
    pub timings: Vec<(String, Duration)>,
}

/// Stages of a build, reported to a progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    Rendering { records: usize },
}

/// Builds the site at `root` into `out`; `out` changes only on success.
pub fn build(root: &Path, out: &Path, progress: &dyn Fn(Stage)) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    check_output_location(root, out)?;
    progress(Stage::Loading);
    let site = load_site(root).map_err(BuildError::Content)?;
    let mut timings = vec![("load and link".to_string(), started.elapsed())];
    progress(Stage::Rendering { records: site.records.len() });
    let mut rendered = Instant::now();
    let (pages, files, bytes, index_bytes) = output::build_atomically(out, |sink| -> Result<_, BuildError> {
        timings.extend(renderers::render_site(&site, sink)?.into_iter().map(|(name, took)| (name.to_string(), took)));
        rendered = Instant::now();
        Ok((sink.pages(), sink.files(), sink.bytes(), sink.bytes_under(&crate::urls::search_folder())))
    })?;
    timings.push(("swap in".to_string(), rendered.elapsed()));
    Ok(BuildSummary { records: site.records.len(), pages, files, bytes, index_bytes, elapsed: started.elapsed(), timings })
}

/// The output folder must not be inside the inputs (it would be read back
/// as content) nor be the site root itself.
fn check_output_location(root: &Path, out: &Path) -> Result<(), BuildError> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out));
    let root = root.canonicalize().unwrap_or(root);
    let out = out.parent().and_then(|p| p.canonicalize().ok()).map(|p| p.join(out.file_name().unwrap_or_default())).unwrap_or(out);
    if out == root || root.starts_with(&out) {
        return Err(BuildError::Usage(messages::Message::OutputReplacesRoot { out: out.display().to_string() }));
    }
    for input in ["content", "seeds", "themes", "templates", "static"] {
        if out.starts_with(root.join(input)) {
            return Err(BuildError::Usage(messages::Message::OutputInsideInput {
                out: out.display().to_string(),
                input: input.to_string(),
            }));
        }
    }
    Ok(())
}
