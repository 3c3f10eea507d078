//! `atlas serve`: builds the site into memory, serves it on 127.0.0.1,
//! watches the inputs and rebuilds on change. After a record edit the
//! affected pages are served first; the site-wide outputs (search index,
//! views, open data) follow from a background thread. Open pages reload
//! themselves when what they show changed and show build errors over the
//! page; the last good site stays served until the errors are fixed.

mod http;
pub mod rebuild;

use crate::diagnostics::{self, Diagnostic, Format};
use crate::messages::{Lang, Message};
use crate::schema::Kind;
use notify::{RecursiveMode, Watcher as _};
use rebuild::{Files, Outcome, Rebuilder, SiteWideFiles};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Inputs watched under the site root (atlas.yaml is watched too).
pub const WATCHED: [&str; 5] = ["content", "seeds", "themes", "templates", "static"];

/// Quiet time after the last file event before rebuilding: editors write a
/// file in several steps, within a few milliseconds of each other.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// What the HTTP side serves, replaced after every build.
pub struct State {
    pub files: Arc<Files>,
    /// Counts every change of this state (long polls wait for the next).
    pub revision: u64,
    /// Set while the site-wide outputs of the latest build are rendered.
    pub site_wide_pending: bool,
    /// Errors of the latest build; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
    /// Counts finished builds, good or not (long polls wait for a change).
    pub generation: u64,
    /// Counts good builds (pages reload when it changes); 0 = none yet.
    pub site_generation: u64,
    /// The policy /admin/ is served under, as netlify.toml publishes it
    /// (plus decap-server's origin), when the site has the editor.
    pub editor_policy: Option<String>,
}

pub struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// The language of the overlay and of the errors it shows.
    lang: Lang,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Why serving could not start.
#[derive(Debug)]
pub enum StartError {
    NotASiteRoot(PathBuf),
    PortInUse(u16),
    Bind(String),
}

impl StartError {
    pub fn message(&self) -> Message {
        match self {
            StartError::NotASiteRoot(root) => Message::NotASiteRoot { root: root.display().to_string() },
            StartError::PortInUse(port) => Message::PortInUse { port: *port },
            StartError::Bind(error) => Message::CannotListen { error: error.clone() },
        }
    }
}

/// Serves the site at `root` until the process is stopped.
pub fn serve(root: &Path, port: u16, color: bool, lang: Lang) -> Result<(), StartError> {
    if !root.join("atlas.yaml").is_file() {
        return Err(StartError::NotASiteRoot(root.to_path_buf()));
    }
    let server = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => StartError::PortInUse(port),
        _ => StartError::Bind(e.to_string()),
    })?;
    let port = server.local_addr().map(|a| a.port()).unwrap_or(port);
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            files: Arc::default(),
            revision: 0,
            site_wide_pending: false,
            errors: Vec::new(),
            generation: 0,
            site_generation: 0,
            editor_policy: None,
        }),
        changed: Condvar::new(),
        lang,
    });

    let mut rebuilder = Rebuilder::new(root);
    let result = rebuilder.rebuild(true);
    report(&result, &[], color, lang);
    publish(&shared, &rebuilder, result, false);

    // Watch before announcing the address, so that no edit made after it is missed.
    let watch = Watch::start(root);
    let title = rebuilder.title().map(str::to_string).unwrap_or_else(|| Message::ServeThisSite.text(lang));
    // The address stands between spaces in both languages: scripts read it from this line.
    println!("{}", Message::Serving { title, url: format!("http://127.0.0.1:{port}/") }.text(lang));
    let _ = std::io::stdout().flush();
    let http_shared = shared.clone();
    std::thread::spawn(move || http::run(server, http_shared));
    match watch {
        Ok(mut watch) => {
            eprintln!("{}", Message::Watching.text(lang));
            while let Some(input) = watch.next() {
                match input {
                    Input::Changes { paths, full } => {
                        rebuilder.expect_changes(&paths);
                        let result = rebuilder.rebuild(full);
                        report(&result, &paths, color, lang);
                        let pass = rebuilder.site_wide();
                        publish(&shared, &rebuilder, result, pass.is_some());
                        if let Some(pass) = pass {
                            let done = watch.sender();
                            std::thread::spawn(move || {
                                let _ = done.send(Event::SiteWide(pass.run()));
                            });
                        }
                    }
                    Input::SiteWide(files) => match rebuilder.complete(files) {
                        Ok(None) => {}
                        Ok(Some(outcome)) => {
                            let ms = outcome.elapsed.as_millis().to_string();
                            eprintln!("{}", Message::ServeSiteWide { files: outcome.rendered, ms }.text(lang));
                            publish_site_wide(&shared, &rebuilder, None);
                        }
                        Err(errors) => {
                            report(&Err(errors.clone()), &[], color, lang);
                            publish_site_wide(&shared, &rebuilder, Some(errors));
                        }
                    },
                }
            }
        }
        Err(e) => {
            eprintln!("{}: {}", Message::LabelWarning.text(lang), Message::CannotWatch { error: e.to_string() }.text(lang));
            loop {
                std::thread::park();
            }
        }
    }
    Ok(())
}

/// Makes the outcome of a build visible to the HTTP side.
/// `site_wide_pending`: a site-wide pass for it runs next.
fn publish(shared: &Shared, rebuilder: &Rebuilder, result: Result<Outcome, Vec<Diagnostic>>, site_wide_pending: bool) {
    let mut state = shared.lock();
    state.generation += 1;
    state.revision += 1;
    state.site_wide_pending = site_wide_pending;
    match result {
        Ok(_) => {
            state.files = rebuilder.files();
            state.editor_policy = rebuilder.editor_policy();
            state.errors.clear();
            state.site_generation += 1;
        }
        Err(errors) => state.errors = errors,
    }
    drop(state);
    shared.changed.notify_all();
}

/// Makes the site-wide outputs of the latest build visible (or the errors
/// that kept them from being rendered).
fn publish_site_wide(shared: &Shared, rebuilder: &Rebuilder, errors: Option<Vec<Diagnostic>>) {
    let mut state = shared.lock();
    state.revision += 1;
    state.site_wide_pending = false;
    match errors {
        None => state.files = rebuilder.files(),
        Some(errors) => state.errors = errors,
    }
    drop(state);
    shared.changed.notify_all();
}

fn report(result: &Result<Outcome, Vec<Diagnostic>>, changed: &[String], color: bool, lang: Lang) {
    let message = match result {
        Ok(o) => {
            let ms = o.elapsed.as_millis().to_string();
            match (o.full, changed.join(", ")) {
                (true, changed) if changed.is_empty() => Message::ServeBuilt { records: o.records, files: o.rendered, ms },
                (true, changed) => Message::ServeRebuilt { records: o.records, files: o.rendered, ms, changed },
                (false, changed) => Message::ServeUpdated { pages: o.rendered, ms, changed },
            }
        }
        Err(errors) => {
            // Nothing is ever written to disk here: the summary says what is shown instead.
            eprint!("{}", diagnostics::render(errors, Format::Human, color, lang));
            eprint!("{}", diagnostics::error_summary(&Message::ServeErrorsKept, color, lang));
            return;
        }
    };
    eprintln!("{}", message.text(lang));
}

/// How a changed path affects the site.
#[derive(Debug, PartialEq)]
enum Change {
    Ignored,
    Record,
    Other,
}

/// Classifies a changed path (relative to the root): record files allow an
/// incremental rebuild; config, taxonomies, sources and theme need a full one.
fn classify(rel: &Path) -> Change {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let Some(first) = parts.first() else { return Change::Ignored };
    // Editors' backup, swap and lock files.
    let name = parts.last().map(String::as_str).unwrap_or("");
    if parts.iter().any(|p| p.starts_with('.')) || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name == "4913"
    {
        return Change::Ignored;
    }
    match first.as_str() {
        "atlas.yaml" if parts.len() == 1 => Change::Other,
        "content" if parts.len() >= 2 && Kind::from_folder(&parts[1]).is_some() => {
            // Only Markdown files are records; other files there are not read.
            if parts.len() == 2 || name.ends_with(".md") { Change::Record } else { Change::Ignored }
        }
        f if WATCHED.contains(&f) => Change::Other,
        _ => Change::Ignored,
    }
}

/// What the watch loop receives: file events, and finished site-wide passes.
enum Event {
    File(notify::Result<notify::Event>),
    SiteWide(SiteWideFiles),
}

/// What the serve loop acts on next.
enum Input {
    /// Changed paths (relative to the root); `full` when anything but
    /// records changed, or when the watcher may have missed events.
    Changes {
        paths: Vec<String>,
        full: bool,
    },
    SiteWide(SiteWideFiles),
}

/// The file watcher on the inputs of a site root.
struct Watch {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    sender: mpsc::Sender<Event>,
    messages: mpsc::Receiver<Event>,
    watched: Vec<PathBuf>,
    /// A finished site-wide pass that arrived while file events were collected.
    site_wide: Option<SiteWideFiles>,
}

impl Watch {
    fn start(root: &Path) -> notify::Result<Watch> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (sender, messages) = mpsc::channel();
        let events = sender.clone();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = events.send(Event::File(e));
        })?;
        // The root itself, not recursively: atlas.yaml and input folders created later.
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch { root, watcher, sender, messages, watched: Vec::new(), site_wide: None };
        watch.add_folders();
        Ok(watch)
    }

    /// Where a background site-wide pass sends its files.
    fn sender(&self) -> mpsc::Sender<Event> {
        self.sender.clone()
    }

    /// Watches the input folders that exist and are not watched yet.
    fn add_folders(&mut self) {
        for dir in WATCHED.iter().map(|d| self.root.join(d)) {
            if dir.is_dir() && !self.watched.contains(&dir) && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                self.watched.push(dir);
            }
        }
    }

    /// The next burst of changes or finished site-wide pass. `None` when
    /// watching stopped.
    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(files) = self.site_wide.take() {
                return Some(Input::SiteWide(files));
            }
            let first = match self.messages.recv().ok()? {
                Event::SiteWide(files) => return Some(Input::SiteWide(files)),
                Event::File(event) => event,
            };
            // Debounce: collect events until the files have been quiet for a moment.
            let mut events = vec![first];
            while let Ok(message) = self.messages.recv_timeout(DEBOUNCE) {
                match message {
                    Event::File(event) => events.push(event),
                    Event::SiteWide(files) => self.site_wide = Some(files),
                }
            }
            if let Some(changes) = self.changes(events) {
                // A folder created after start (e.g. templates/) is watched from now on.
                self.add_folders();
                return Some(changes);
            }
        }
    }

    fn changes(&self, events: Vec<notify::Result<notify::Event>>) -> Option<Input> {
        let mut paths = Vec::new();
        let mut full = false;
        for event in events {
            let Ok(event) = event else {
                // The watcher lost track: check everything.
                full = true;
                continue;
            };
            // Reading files (our own builds do) is not a change.
            if matches!(event.kind, notify::EventKind::Access(_)) {
                continue;
            }
            full |= event.need_rescan();
            for path in &event.paths {
                let rel = path.strip_prefix(&self.root).unwrap_or(path);
                match classify(rel) {
                    Change::Ignored => continue,
                    Change::Record => {}
                    Change::Other => full = true,
                }
                paths.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        paths.sort();
        paths.dedup();
        (!paths.is_empty() || full).then_some(Input::Changes { paths, full })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        assert_eq!(classify(Path::new("content/programs/x.md")), Change::Record);
        assert_eq!(classify(Path::new("content/taxonomies/stages.yaml")), Change::Other);
        assert_eq!(classify(Path::new("atlas.yaml")), Change::Other);
        assert_eq!(classify(Path::new("themes/default/templates/base.html")), Change::Other);
        assert_eq!(classify(Path::new("content/programs/.x.md.swp")), Change::Ignored);
        assert_eq!(classify(Path::new("content/programs/x.md~")), Change::Ignored);
        assert_eq!(classify(Path::new("content/programs/sedAh3Cx6")), Change::Ignored);
        assert_eq!(classify(Path::new("target/debug/atlas")), Change::Ignored);
        assert_eq!(classify(Path::new("public/index.html")), Change::Ignored);
    }
}
