//! Stage 1, load: reads every input file of a site root (config, taxonomies,
//! source documents, records, theme) in parallel and parses it into typed
//! values. Nothing after this stage touches the file system for input.

pub mod frontmatter;

use crate::diagnostics::{Diagnostic, display_path};
use crate::messages::Message;
use crate::schema::{Common, Kind, KindData, SiteConfig, Source};
use crate::taxonomy::{Taxonomies, Taxonomy, TaxonomyFile};
use crate::yaml::{self, Value};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use walkdir::WalkDir;

/// Record files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A parsed record, with what is needed to point at its lines later.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    /// Path relative to the site root, e.g. `content/programs/mediso.md`.
    pub file: String,
    pub common: Common,
    pub data: KindData,
    /// Markdown body.
    pub body: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// Link destinations in the body with their byte offsets, found once
    /// when the file is parsed (and cached with it); `site` checks them.
    pub links: Vec<(String, usize)>,
    /// Front matter text, for locating fields in later diagnostics.
    front: String,
    front_line: usize,
}

impl Record {
    /// A diagnostic pointing at `field` (a path like `stages[2]`) in this record.
    pub fn error_at(&self, field: &str, message: Message) -> Diagnostic {
        let (line, column) = crate::yaml::locate::locate(&self.front, field);
        Diagnostic::new(&self.file, self.front_line + line - 1, message).column(column).field(field)
    }
}

/// A source document of `seeds/`.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub file: String,
    pub source: Source,
}

/// Templates and static files of the theme, with site-level overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// (template name, text), sorted by name.
    pub templates: Vec<(String, String)>,
    /// (path relative to the static folder, bytes), sorted by path.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Everything a site root holds.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub config: SiteConfig,
    pub taxonomies: Taxonomies,
    pub sources: Vec<SourceDoc>,
    /// Shared with the record cache of `atlas serve`: a rebuild copies no
    /// record that did not change.
    pub records: Vec<Arc<Record>>,
    /// File stems of record files that could not be parsed; references to
    /// them are not reported again as missing.
    pub unparsed: Vec<String>,
    pub theme: Theme,
    /// Search synonyms (content/synonyms.yaml, optional).
    pub synonyms: crate::synonyms::Synonyms,
    /// The accessibility test report (content/accessibility.yaml, optional).
    pub accessibility: Option<crate::schema::AccessibilityReport>,
}

/// Loads a site root: what could be parsed (if the configuration could),
/// and every problem found in any file.
pub fn load(root: &Path) -> (Option<Inputs>, Vec<Diagnostic>) {
    load_with(root, None)
}

/// Record files parsed earlier, by path, reused as long as a file's size and
/// modification time stay the same (`atlas serve` reloads often).
#[derive(Default)]
pub struct RecordCache {
    entries: HashMap<PathBuf, Cached>,
    /// Files (relative to the root) parsed anew or removed since `take_changed`.
    changed: BTreeSet<String>,
    /// Whether `entries` holds every record file (a scan of content/ filled it).
    scanned: bool,
    /// The only files the next load needs to look at, when a file watcher
    /// said which changed; `None` scans content/ and checks every file.
    expected: Option<Vec<PathBuf>>,
}

struct Cached {
    stamp: Stamp,
    parsed: Parsed,
}

impl RecordCache {
    /// Record files that changed since the last call, relative to the root.
    pub fn take_changed(&mut self) -> Vec<String> {
        std::mem::take(&mut self.changed).into_iter().collect()
    }

    /// Tells the next load that only these files (absolute paths) may have
    /// changed, been added or removed, so that it reads them and trusts the
    /// cache for every other file instead of scanning content/. Anything
    /// but Markdown files (a folder moved or removed whole) needs the scan.
    pub fn expect_changes(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        let paths: Vec<PathBuf> = paths.into_iter().collect();
        let only_records = paths.iter().all(|p| p.extension().is_some_and(|x| x == "md"));
        self.expected = only_records.then_some(paths);
    }

    /// Forgets what `expect_changes` said: the next load scans content/.
    pub fn expect_anything(&mut self) {
        self.expected = None;
    }

    /// The files the watcher reported, if the cache holds every other file.
    fn take_expected(&mut self) -> Option<Vec<PathBuf>> {
        let expected = self.expected.take()?;
        self.scanned.then_some(expected)
    }
}

/// `load`, re-parsing only the record files that changed since `cache` saw them.
pub fn load_cached(root: &Path, cache: &mut RecordCache) -> (Option<Inputs>, Vec<Diagnostic>) {
    load_with(root, Some(cache))
}

fn load_with(root: &Path, cache: Option<&mut RecordCache>) -> (Option<Inputs>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let config = load_config(root).map_err(|e| errors.push(e)).ok();
    // The inputs are read side by side (records also among themselves,
    // see `load_records`), each with its own errors, kept in this order.
    let theme_name = config.as_ref().map(|c| c.theme.as_str());
    let ((taxonomies, sources), (records, (theme, (synonyms, accessibility)))) = rayon::join(
        || rayon::join(|| noting(|e| load_taxonomies(root, e)), || noting(|e| load_sources(root, e))),
        || {
            rayon::join(
                || noting(|e| load_records(root, e, cache)),
                || {
                    rayon::join(
                        || noting(|e| theme_name.map(|t| load_theme(root, t, e)).unwrap_or_default()),
                        || rayon::join(|| noting(|e| load_synonyms(root, e)), || noting(|e| load_accessibility(root, e))),
                    )
                },
            )
        },
    );
    let taxonomies = taxonomies.into(&mut errors);
    let sources = sources.into(&mut errors);
    let (records, unparsed) = records.into(&mut errors);
    let theme = theme.into(&mut errors);
    let synonyms = synonyms.into(&mut errors);
    let accessibility = accessibility.into(&mut errors);
    let inputs = config.map(|config| Inputs { config, taxonomies, sources, records, unparsed, theme, synonyms, accessibility });
    (inputs, errors)
}

/// What one loader read and the problems it found.
struct Noted<T> {
    value: T,
    errors: Vec<Diagnostic>,
}

impl<T> Noted<T> {
    /// The value; its problems go to `errors`.
    fn into(self, errors: &mut Vec<Diagnostic>) -> T {
        errors.extend(self.errors);
        self.value
    }
}

fn noting<T>(load: impl FnOnce(&mut Vec<Diagnostic>) -> T) -> Noted<T> {
    let mut errors = Vec::new();
    let value = load(&mut errors);
    Noted { value, errors }
}

fn load_config(root: &Path) -> Result<SiteConfig, Diagnostic> {
    let path = root.join("atlas.yaml");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::new("atlas.yaml", 1, Message::ConfigUnreadable { error: e.to_string() })
            .help(Message::ConfigUnreadableHelp { root: root.display().to_string() })
    })?;
    let text = strip_bom(&text);
    let mut config: SiteConfig = yaml::from_str(text).map_err(|e| e.diagnostic("atlas.yaml"))?;
    for (i, item) in config.nav.iter_mut().enumerate() {
        item.line = yaml::locate::locate(text, &format!("nav[{i}].url")).0;
    }
    if let Some((path, message, help)) = config.cms.as_ref().and_then(|cms| cms.problems().into_iter().next()) {
        let (line, column) = yaml::locate::locate(text, path);
        return Err(Diagnostic::new("atlas.yaml", line, message).column(column).field(path).help(help));
    }
    Ok(config)
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
}

fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let display = display_path(root, path);
    let meta = std::fs::metadata(path).map_err(|e| Diagnostic::new(&display, 1, Message::FileUnreadable { error: e.to_string() }))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(
            Diagnostic::new(&display, 1, Message::FileTooLarge { size: meta.len(), max: MAX_FILE_BYTES }).help(Message::FileTooLargeHelp)
        );
    }
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::new(&display, 1, Message::FileUnreadable { error: e.to_string() }))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
            // Columns count characters: the valid part of the line is UTF-8.
            let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            Err(Diagnostic::new(&display, line, Message::NotUtf8).column(column).help(Message::NotUtf8Help))
        }
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn load_taxonomies(root: &Path, errors: &mut Vec<Diagnostic>) -> Taxonomies {
    let mut out = Vec::new();
    let mut texts = HashMap::new();
    for path in yaml_files(&root.join("content").join("taxonomies")) {
        let display = display_path(root, &path);
        let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !crate::text::is_safe_slug(&slug) || crate::urls::RESERVED.contains(&slug.as_str()) {
            errors.push(
                Diagnostic::new(&display, 1, Message::TaxonomyBadName { slug: slug.clone() })
                    .help(Message::TaxonomyBadNameHelp { reserved: crate::urls::RESERVED.join(", ") }),
            );
            continue;
        }
        let parsed = read_text(root, &path).and_then(|text| {
            let file: TaxonomyFile = yaml::from_str(strip_bom(&text)).map_err(|e| e.diagnostic(&display))?;
            let taxonomy = Taxonomy::new(slug.clone(), file).map_err(|e| {
                let (field, m) = *e;
                let (line, column) = crate::yaml::locate::locate(strip_bom(&text), &field);
                Diagnostic::new(&display, line, m).column(column).field(field)
            })?;
            texts.insert(slug.clone(), (display.clone(), text));
            Ok(taxonomy)
        });
        match parsed {
            Ok(t) => out.push(t),
            Err(d) => errors.push(d),
        }
    }
    let mut taxonomies = Taxonomies(out);
    resolve_term_stages(&mut taxonomies, &texts, errors);
    for slug in crate::taxonomy::REQUIRED {
        if taxonomies.get(slug).is_none() {
            errors.push(
                Diagnostic::new(format!("content/taxonomies/{slug}.yaml"), 1, Message::TaxonomyMissing { slug: slug.to_string() })
                    .help(Message::TaxonomyMissingHelp),
            );
        }
    }
    taxonomies
}

/// Resolves the `stage` of every term (a stage menu's stage) to the id of a
/// term of `stages`, as written in records (段階④ or stage-4), and reports
/// stages that do not exist at the line that names them.
fn resolve_term_stages(taxonomies: &mut Taxonomies, texts: &HashMap<String, (String, String)>, errors: &mut Vec<Diagnostic>) {
    let stages = taxonomies.get("stages").cloned();
    for tax in &mut taxonomies.0 {
        for (i, term) in tax.terms.iter_mut().enumerate() {
            let Some(written) = term.stage.clone() else { continue };
            match stages.as_ref().and_then(|s| s.resolve(&written)) {
                Some(stage) => term.stage = Some(stage.id.clone()),
                None => {
                    let (file, text) = texts.get(&tax.slug).map(|(f, t)| (f.as_str(), t.as_str())).unwrap_or(("", ""));
                    let path = format!("terms[{i}].stage");
                    let (line, column) = yaml::locate::locate(text, &path);
                    errors.push(
                        Diagnostic::new(file, line, Message::NotAStage { value: written })
                            .column(column)
                            .field(path)
                            .help(Message::NotAStageHelp),
                    );
                }
            }
        }
    }
}

/// Where the accessibility test report lives.
pub const ACCESSIBILITY_FILE: &str = "content/accessibility.yaml";

fn load_accessibility(root: &Path, errors: &mut Vec<Diagnostic>) -> Option<crate::schema::AccessibilityReport> {
    let path = root.join(ACCESSIBILITY_FILE);
    if !path.exists() {
        return None;
    }
    let parsed = read_text(root, &path).and_then(|text| yaml::from_str(strip_bom(&text)).map_err(|e| e.diagnostic(ACCESSIBILITY_FILE)));
    parsed.map_err(|d| errors.push(d)).ok()
}

fn load_synonyms(root: &Path, errors: &mut Vec<Diagnostic>) -> crate::synonyms::Synonyms {
    let path = root.join(crate::synonyms::FILE);
    if !path.exists() {
        return Default::default();
    }
    let parsed = read_text(root, &path).map_err(|d| vec![d]).and_then(|text| crate::synonyms::Synonyms::parse(strip_bom(&text)));
    parsed.unwrap_or_else(|mut e| {
        errors.append(&mut e);
        Default::default()
    })
}

fn load_sources(root: &Path, errors: &mut Vec<Diagnostic>) -> Vec<SourceDoc> {
    let mut out = Vec::new();
    for path in yaml_files(&root.join("seeds")) {
        let file = display_path(root, &path);
        let parsed = read_text(root, &path).and_then(|text| yaml::from_str::<Source>(strip_bom(&text)).map_err(|e| e.diagnostic(&file)));
        match parsed {
            Ok(source) => {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                if source.id != stem {
                    errors.push(
                        Diagnostic::new(&file, 1, Message::SourceIdMismatch { id: source.id.clone(), stem })
                            .field("id")
                            .help(Message::SourceIdMismatchHelp),
                    );
                }
                out.push(SourceDoc { file, source });
            }
            Err(d) => errors.push(d),
        }
    }
    out
}

fn load_records(root: &Path, errors: &mut Vec<Diagnostic>, mut cache: Option<&mut RecordCache>) -> (Vec<Arc<Record>>, Vec<String>) {
    if let Some(cache) = cache.as_deref_mut()
        && let Some(expected) = cache.take_expected()
    {
        return load_known_changes(root, errors, cache, &expected);
    }
    let content = root.join("content");
    let paths = record_paths(root, &content, errors);
    let cached = cache.as_deref();
    let results: Vec<(&PathBuf, Parsed, Option<Stamp>)> = paths
        .par_iter()
        .filter_map(|path| {
            let stamp = cached.map(|_| stamp(path));
            if let Some(hit) = cached.and_then(|c| c.entries.get(path)).filter(|c| Some(c.stamp) == stamp && c.stamp.1.is_some()) {
                return Some((path, hit.parsed.clone(), None));
            }
            Some((path, read_record(root, &content, path)?, stamp))
        })
        .collect();
    if let Some(cache) = cache.as_deref_mut() {
        let seen: HashSet<&PathBuf> = results.iter().map(|(p, _, _)| *p).collect();
        for gone in cache.entries.keys().filter(|p| !seen.contains(p)) {
            cache.changed.insert(display_path(root, gone));
        }
        cache.entries.retain(|p, _| seen.contains(p));
        cache.scanned = true;
    }
    let mut records = Vec::new();
    let mut unparsed = Vec::new();
    for (path, r, stamp) in results {
        if let (Some(cache), Some(stamp)) = (cache.as_deref_mut(), stamp) {
            cache.changed.insert(display_path(root, path));
            cache.entries.insert(path.clone(), Cached { stamp, parsed: r.clone() });
        }
        collect_record(path, r, &mut records, &mut unparsed, errors);
    }
    (records, unparsed)
}

/// `load_records` when a watcher said which files changed: those are read
/// again (or dropped), every other record comes from the cache unchecked.
fn load_known_changes(
    root: &Path,
    errors: &mut Vec<Diagnostic>,
    cache: &mut RecordCache,
    expected: &[PathBuf],
) -> (Vec<Arc<Record>>, Vec<String>) {
    let content = root.join("content");
    for path in expected {
        let known = cache.entries.remove(path).is_some();
        let read = path.is_file().then(|| read_record(root, &content, path)).flatten();
        if known || read.is_some() {
            cache.changed.insert(display_path(root, path));
        }
        if let Some(parsed) = read {
            cache.entries.insert(path.clone(), Cached { stamp: stamp(path), parsed });
        }
    }
    let (mut records, mut unparsed) = (Vec::with_capacity(cache.entries.len()), Vec::new());
    for (path, c) in &cache.entries {
        collect_record(path, c.parsed.clone(), &mut records, &mut unparsed, errors);
    }
    (records, unparsed)
}

type Stamp = (u64, Option<SystemTime>);

/// A record file as parsed: the record, or what is wrong with it.
type Parsed = Result<Arc<Record>, Vec<Diagnostic>>;

/// Size and modification time: a cached parse is reused while both stay.
fn stamp(path: &Path) -> Stamp {
    std::fs::metadata(path).map(|m| (m.len(), m.modified().ok())).unwrap_or((0, None))
}

/// Reads and parses the record file at `path`; `None` for Markdown files
/// that are not records (loose files at the top of content/).
fn read_record(root: &Path, content: &Path, path: &Path) -> Option<Parsed> {
    if path.extension().is_none_or(|x| x != "md") {
        return None;
    }
    let rel = path.strip_prefix(content).ok()?;
    let display = display_path(root, path);
    let folder = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    if rel.components().count() == 1 {
        // Loose Markdown files at the top of content/ (a README) are not records.
        return None;
    }
    let Some(kind) = Kind::from_folder(&folder) else {
        return Some(Err(vec![Diagnostic::new(&display, 1, Message::NotARecordFolder { folder }).help(Message::NotARecordFolderHelp)]));
    };
    Some(read_text(root, path).map_err(|d| vec![d]).and_then(|text| parse_record(kind, display, &text)).map(Arc::new))
}

/// Adds a parsed file to the records, or its errors to the errors.
fn collect_record(path: &Path, parsed: Parsed, records: &mut Vec<Arc<Record>>, unparsed: &mut Vec<String>, errors: &mut Vec<Diagnostic>) {
    match parsed {
        Ok(rec) => records.push(rec),
        Err(mut d) => {
            errors.append(&mut d);
            unparsed.extend(path.file_stem().map(|s| s.to_string_lossy().into_owned()));
        }
    }
}

/// Every Markdown file under content/, in file-name order.
fn record_paths(root: &Path, content: &Path, errors: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for entry in WalkDir::new(content).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => paths.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(Diagnostic::new(
                e.path().map(|p| display_path(root, p)).unwrap_or_else(|| "content".into()),
                1,
                Message::CannotRead { error: e.to_string() },
            )),
        }
    }
    paths
}

/// Parses one record file's text.
pub fn parse_record(kind: Kind, file: String, text: &str) -> Result<Record, Vec<Diagnostic>> {
    let text = strip_bom(text);
    let split = frontmatter::split(text).map_err(|e| {
        let (message, help) = e.message();
        vec![Diagnostic::new(&file, 1, message).help(help)]
    })?;
    let front_line = split.front_line;
    let value = yaml::parse_from(split.front, front_line).map_err(|e| vec![e.diagnostic(&file)])?;
    let Value::Mapping(map) = &value else {
        return Err(vec![
            Diagnostic::new(&file, front_line, Message::YamlNotMapping).help(Message::YamlNotMappingHelp { kind: kind.name().to_string() }),
        ]);
    };
    let mut errors = Vec::new();
    let known = crate::fields::fields(kind);
    for key in map.keys() {
        let Some(key) = key.as_str() else {
            errors.push(Diagnostic::new(&file, front_line, Message::FieldNameNotText));
            continue;
        };
        if !known.iter().any(|f| f.name == key) {
            let (line, column) = crate::yaml::locate::locate(split.front, key);
            let suggestion = crate::diagnostics::did_you_mean(key, known.iter().map(|f| f.name.as_str()));
            let help = match suggestion {
                Some(s) => Message::DidYouMean { suggestion: s.to_string() },
                None => Message::RemoveField {
                    kind: kind.name().to_string(),
                    fields: known.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", "),
                },
            };
            errors.push(
                Diagnostic::new(&file, front_line + line - 1, Message::UnknownField { field: key.to_string() })
                    .column(column)
                    .field(key)
                    .help(help),
            );
        }
    }
    for left in crate::scaffold::unfinished(kind, split.front, &value, split.body) {
        let line = if left.in_body { front_line + split.front.lines().count() + left.line } else { front_line + left.line - 1 };
        errors.push(Diagnostic::new(&file, line, left.message).column(left.column).field(left.field).help(left.help));
    }
    for crate::fields::Field { name, required, .. } in known {
        if *required && !map.contains_key(name.as_str()) {
            errors.push(
                Diagnostic::new(&file, 1, Message::MissingField { field: name.clone() })
                    .field(name.as_str())
                    .help(Message::MissingFieldHelp { field: name.clone() }),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let typed_error = |e: yaml::ValueError| {
        let (line, column) = crate::yaml::locate::locate(split.front, &e.path);
        vec![Diagnostic::new(&file, front_line + line - 1, *e.message).column(column).field(e.path).help(*e.help)]
    };
    let common: Common = yaml::from_value(value.clone()).map_err(typed_error)?;
    let data = match kind {
        Kind::Program => yaml::from_value(value).map(KindData::Program),
        Kind::Organization => yaml::from_value(value).map(KindData::Organization),
        Kind::Place => yaml::from_value(value).map(KindData::Place),
        Kind::Case => yaml::from_value(value).map(KindData::Case),
    }
    .map_err(typed_error)?;
    let body_line = front_line + split.front.lines().count() + 1;
    // Most bodies have no links at all; they need no parsing.
    let links = if split.body.contains(['[', '<']) { crate::markdown::links(split.body) } else { Vec::new() };
    Ok(Record {
        kind,
        file: file.clone(),
        common,
        data,
        body: split.body.to_string(),
        body_line,
        links,
        front: split.front.to_string(),
        front_line,
    })
}

fn load_theme(root: &Path, theme: &str, errors: &mut Vec<Diagnostic>) -> Theme {
    let theme_dir = root.join("themes").join(theme);
    if !theme_dir.is_dir() {
        errors.push(
            Diagnostic::new("atlas.yaml", 1, Message::ThemeMissing { theme: theme.to_string() })
                .field("theme")
                .help(Message::ThemeMissingHelp { theme: theme.to_string() }),
        );
        return Theme::default();
    }
    // Later folders override earlier ones file by file.
    let mut templates = std::collections::BTreeMap::new();
    for dir in [theme_dir.join("templates"), root.join("templates")] {
        for (name, bytes) in read_tree(root, &dir, errors) {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    templates.insert(name, text);
                }
                Err(_) => errors.push(Diagnostic::new(display_path(root, &dir.join(&name)), 1, Message::TemplateNotUtf8)),
            }
        }
    }
    let mut assets = std::collections::BTreeMap::new();
    for dir in [theme_dir.join("static"), root.join("static")] {
        assets.extend(read_tree(root, &dir, errors));
    }
    Theme { templates: templates.into_iter().collect(), assets: assets.into_iter().collect() }
}

/// Every file under `dir` as (relative path with `/`, bytes).
fn read_tree(root: &Path, dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = display_path(dir, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push((rel, bytes)),
            Err(e) => errors.push(Diagnostic::new(display_path(root, entry.path()), 1, Message::CannotRead { error: e.to_string() })),
        }
    }
    out
}
