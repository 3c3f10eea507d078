//! `atlas import`: reads a workbook or a published CSV, one row per record
//! keyed by id, turns changed rows into minimal edits of the record files
//! and new rows into new files, validates the result exactly as `atlas
//! check` does (every record, linked with the rest of the site), and writes
//! only if nothing is wrong: all files at once, or none.

use crate::content::{self, Inputs, Record};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::schema::Kind;
use crate::sheet::cells;
use crate::sheet::columns::{self, Column, Form};
use crate::sheet::edit::{self, RecordText};
use crate::sheet::read::{self, Grid, ReadProblem, cell_name};
use crate::sheet::workbook::record_cells;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One problem, located in the sheet (`programs!F12`) and field, or in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// `programs!F12`, `programs` (a whole sheet), or `content/…:12` (a file).
    pub place: String,
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl ImportError {
    /// As `atlas check` words its errors: `programs!F12: error [stages]: …`
    /// and a help line; `paint` wraps (error word, help word) in colour.
    pub fn render(&self, paint: &dyn Fn(&str, bool) -> String) -> String {
        let field = self.field.as_deref().map(|n| format!(" [{n}]")).unwrap_or_default();
        let mut out = format!("{}: {}{field}: {}", self.place, paint("error", true), self.message);
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  {}: {help}", paint("help", false)));
        }
        out
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(&|word, _| word.to_string()))
    }
}

fn at_read(p: ReadProblem) -> ImportError {
    let place = match (&p.sheet, p.cell) {
        (Some(s), Some((r, c))) => format!("{s}!{}", cell_name(r, c)),
        (Some(s), None) => s.clone(),
        (None, _) => "file".into(),
    };
    ImportError { place, field: None, message: p.message, help: Some(p.help) }
}

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportFailure {
    /// The command was used wrongly (no such file, not a site root).
    Usage(String),
    /// What is wrong with the file or the records it makes.
    Content(Vec<ImportError>),
    /// Writing failed; every file was restored.
    Io(String),
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub dry_run: bool,
    pub delete_missing: bool,
    /// The language of the checks' messages.
    pub lang: crate::messages::Lang,
}

/// What an import did (or would do).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub added: Vec<String>,
    /// Files and the fields changed in each.
    pub changed: Vec<(String, Vec<String>)>,
    pub unchanged: usize,
    pub deleted: Vec<String>,
    /// Sheets that are not a kind's and were not read.
    pub skipped_sheets: Vec<String>,
}

/// Where a row came from, to point back at its cells.
struct Origin {
    sheet: String,
    row: u32,
    /// Field name → 0-based column.
    columns: HashMap<String, u32>,
}

impl Origin {
    fn place(&self, field: Option<&str>) -> String {
        let column = field.and_then(|f| self.columns.get(f)).or_else(|| self.columns.get("id")).copied().unwrap_or(0);
        format!("{}!{}", self.sheet, cell_name(self.row, column))
    }
}

/// One row's outcome: the edits it makes to its record file (or the new
/// file), kept apart so that a field the checks refuse can be left out and
/// the rest of the record still checked.
struct Planned {
    kind: Kind,
    file: String,
    new: bool,
    /// The present file text (empty for a new record).
    base: String,
    /// The kind's field names in schema order.
    order: Vec<String>,
    /// Front matter fields set (`None`: removed), in column order.
    edits: Vec<(String, Option<crate::yaml::Value>)>,
    /// The new body, if it changed.
    body: Option<String>,
    /// Names of the fields changed (the body's too), for the report.
    fields: Vec<String>,
}

impl Planned {
    /// The file text with every edit but those of `skip`.
    fn text(&self, skip: &[String]) -> String {
        let edits = self.edits.iter().filter(|(name, _)| !skip.contains(name));
        if self.new {
            let fields: Vec<(String, crate::yaml::Value)> = edits.filter_map(|(n, v)| Some((n.clone(), v.clone()?))).collect();
            return edit::new_record(&fields, self.body.as_deref().unwrap_or(""));
        }
        let Some(parts) = RecordText::new(&self.base) else { return self.base.clone() };
        let front =
            edits.fold(parts.front().to_string(), |front, (name, value)| edit::set_field(&front, &self.order, name, value.as_ref()));
        parts.with(&front, self.body.as_deref().unwrap_or(parts.body()))
    }
}

/// Imports `file` into the site at `root`.
pub fn import(root: &Path, file: &Path, options: Options) -> Result<Report, ImportFailure> {
    if !root.join("atlas.yaml").is_file() {
        return Err(ImportFailure::Usage(format!(
            "{} is not a site root (no atlas.yaml); run atlas in the site folder or pass --root",
            root.display()
        )));
    }
    if !file.is_file() {
        return Err(ImportFailure::Usage(format!("{} does not exist or is not a file", file.display())));
    }
    let grids = read::read(file).map_err(|p| ImportFailure::Content(p.into_iter().map(at_read).collect()))?;
    let (inputs, errors) = content::load(root);
    let inputs = match inputs {
        Some(i) if errors.is_empty() => i,
        _ => return Err(ImportFailure::Content(errors.into_iter().map(|d| from_file(d, options.lang)).collect())),
    };
    let site = crate::link(inputs.clone(), crate::today(), Vec::new())
        .map_err(|d| ImportFailure::Content(d.into_iter().map(|d| from_file(d, options.lang)).collect()))?;
    let mut report = Report::default();
    let mut errors = Vec::new();
    let mut planned: Vec<Planned> = Vec::new();
    let mut origins: HashMap<String, Origin> = HashMap::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut deleted: Vec<Arc<Record>> = Vec::new();
    for grid in &grids {
        let Some(kind) = Kind::from_folder(&grid.name) else {
            if grid.name != crate::sheet::workbook::CHOICES_SHEET {
                report.skipped_sheets.push(grid.name.clone());
            }
            continue;
        };
        let columns = columns::columns(kind);
        let Some(header) = read_header(grid, &columns, &mut errors) else { continue };
        let mut ids_in_sheet = Vec::new();
        for (r, row) in grid.rows.iter().enumerate().skip(1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let origin =
                Origin { sheet: grid.name.clone(), row: r as u32, columns: header.iter().map(|(&c, col)| (col.name.clone(), c)).collect() };
            let id = header.iter().find(|(_, col)| col.name == "id").map(|(&c, _)| grid.cell(r, c as usize).trim()).unwrap_or("");
            if let Some(problem) = id_problem(id) {
                errors.push(ImportError {
                    place: origin.place(Some("id")),
                    field: Some("id".into()),
                    message: problem.0,
                    help: Some(problem.1),
                });
                continue;
            }
            if let Some(first) = seen.insert(id.to_string(), origin.place(Some("id"))) {
                errors.push(ImportError {
                    place: origin.place(Some("id")),
                    field: Some("id".into()),
                    message: format!("the id `{id}` is also on {first}"),
                    help: Some("one row per record: delete one of the two rows".into()),
                });
                continue;
            }
            ids_in_sheet.push(id.to_string());
            let existing = site.get(id);
            if let Some(other) = existing.filter(|e| e.kind != kind) {
                errors.push(ImportError {
                    place: origin.place(Some("id")),
                    field: Some("id".into()),
                    message: format!("the id `{id}` is used by {} (a {}), not by a {}", other.file, other.kind.name(), kind.name()),
                    help: Some("ids are unique across all records: choose another id, or move the row to its kind's sheet".into()),
                });
                continue;
            }
            let cells: Vec<(&Column, &str)> = header.iter().map(|(&c, col)| (*col, grid.cell(r, c as usize))).collect();
            // Cells that cannot be read are reported and left out; the rest
            // of the row is still checked, so that one run reports all.
            let (plan, problems) = plan_row(root, kind, &columns, existing, &cells);
            errors.extend(problems.into_iter().map(|(field, p)| ImportError {
                place: origin.place(Some(&field)),
                field: Some(field),
                message: p.message,
                help: Some(p.help),
            }));
            match plan {
                Some(p) => {
                    origins.insert(p.file.clone(), origin);
                    planned.push(p);
                }
                None => report.unchanged += 1,
            }
        }
        if options.delete_missing {
            deleted.extend(site.of_kind(kind).filter(|(_, r)| !ids_in_sheet.contains(&r.common.id)).map(|(i, _)| site.records[i].clone()));
        }
    }
    if let Err(mut found) = validate(inputs, &planned, &deleted, &origins, options.lang) {
        errors.append(&mut found);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| place_order(&e.place));
        return Err(ImportFailure::Content(errors));
    }
    for p in &planned {
        if p.new {
            report.added.push(p.file.clone());
        } else {
            report.changed.push((p.file.clone(), p.fields.clone()));
        }
    }
    report.deleted = deleted.iter().map(|r| r.file.clone()).collect();
    if !options.dry_run {
        let writes: Vec<(String, Option<String>)> = planned
            .into_iter()
            .map(|p| (p.file.clone(), Some(p.text(&[]))))
            .chain(deleted.iter().map(|r| (r.file.clone(), None)))
            .collect();
        write_all(root, &writes).map_err(ImportFailure::Io)?;
    }
    Ok(report)
}

/// Sheet, row, column of `programs!F12`, for listing errors as they sit in the sheet.
fn place_order(place: &str) -> (String, u32, usize, String) {
    let (sheet, cell) = place.split_once('!').unwrap_or((place, ""));
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    let row = cell[letters.len()..].parse().unwrap_or(0);
    (sheet.to_string(), row, letters.len(), letters)
}

fn from_file(d: Diagnostic, lang: crate::messages::Lang) -> ImportError {
    let (message, help) = (d.message.text(lang), d.help.map(|h| h.text(lang)));
    ImportError { place: format!("{}:{}", d.file, d.line), field: d.field, message, help }
}

/// The kind's columns by position in the sheet; header problems go to `errors`.
fn read_header<'c>(grid: &Grid, columns: &'c [Column], errors: &mut Vec<ImportError>) -> Option<BTreeMap<u32, &'c Column>> {
    let mut out = BTreeMap::new();
    let header = grid.rows.first().cloned().unwrap_or_default();
    for (c, name) in header.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() || columns::is_derived(name) {
            continue;
        }
        let place = format!("{}!{}", grid.name, cell_name(0, c as u32));
        match columns.iter().find(|col| col.name == name) {
            Some(col) if out.values().any(|seen: &&Column| seen.name == name) => errors.push(ImportError {
                place,
                field: Some(col.name.clone()),
                message: format!("the column `{name}` appears twice"),
                help: Some("delete one of the two columns".into()),
            }),
            Some(col) => {
                out.insert(c as u32, col);
            }
            None => {
                let suggestion = did_you_mean(name, columns.iter().map(|c| c.name.as_str()));
                errors.push(ImportError {
                    place,
                    field: None,
                    message: format!("`{name}` is not a field of a {}", grid.name.trim_end_matches('s')),
                    help: Some(match suggestion {
                        Some(s) => format!("did you mean `{s}`? Header cells hold the field names of the published CSVs"),
                        None => format!("the columns are: {}", columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")),
                    }),
                });
            }
        }
    }
    if !out.values().any(|c| c.name == "id") {
        errors.push(ImportError {
            place: format!("{}!A1", grid.name),
            field: Some("id".into()),
            message: "the sheet has no `id` column".into(),
            help: Some("keep the header row as `atlas export --xlsx` wrote it: each row is found by its id".into()),
        });
        return None;
    }
    Some(out)
}

fn id_problem(id: &str) -> Option<(String, String)> {
    if id.is_empty() {
        return Some(("the row has no id".into(), "every record needs an id, e.g. city-saitama; delete rows that are not records".into()));
    }
    (!crate::text::is_safe_slug(id)).then(|| {
        (
            format!("`{id}` is not a safe id"),
            "use lowercase ASCII letters, digits and single hyphens, at most 80 characters (e.g. city-saitama); the id becomes the page URL"
                .into(),
        )
    })
}

/// The edit a row makes to its record (`None`: no change), or the cells that cannot be read.
fn plan_row(
    root: &Path,
    kind: Kind,
    columns: &[Column],
    existing: Option<&Record>,
    cells: &[(&Column, &str)],
) -> (Option<Planned>, Vec<(String, cells::CellProblem)>) {
    let order: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for (column, text) in cells {
        if column.form == Form::Body {
            continue;
        }
        match cells::from_cell(column, text) {
            Ok(v) => values.push((*column, *text, v)),
            Err(p) => problems.push((column.name.clone(), p)),
        }
    }
    let body = cells.iter().find(|(c, _)| c.form == Form::Body).map(|(_, t)| *t);
    let Some(record) = existing else {
        let id = values.iter().find(|(c, _, _)| c.name == "id").map(|(_, t, _)| t.trim()).unwrap_or_default();
        let file = format!("content/{}/{id}.md", kind.folder());
        if root.join(&file).exists() {
            problems.push((
                "id".into(),
                cells::CellProblem {
                    message: format!("{file} exists but is not a record of the site"),
                    help: "move the file away or choose another id".into(),
                },
            ));
            return (None, problems);
        }
        let mut edits: Vec<(String, Option<crate::yaml::Value>)> = values.into_iter().map(|(c, _, v)| (c.name.clone(), v)).collect();
        edits.sort_by_key(|(n, _)| order.iter().position(|o| o == n));
        let body = Some(body_text(body.unwrap_or(""), "\n"));
        return (Some(Planned { kind, file, new: true, base: String::new(), order, edits, body, fields: Vec::new() }), problems);
    };
    let current = record_cells(record, columns);
    let base = std::fs::read_to_string(root.join(&record.file)).unwrap_or_default();
    let Some(parts) = RecordText::new(&base) else { return (None, problems) };
    let mut front = parts.front().to_string();
    let (mut edits, mut fields) = (Vec::new(), Vec::new());
    for (column, text, value) in values {
        let position = columns.iter().position(|c| c.name == column.name).unwrap_or(0);
        if current[position].trim() == text.trim() {
            continue;
        }
        let edited = edit::set_field(&front, &order, &column.name, value.as_ref());
        if edited != front {
            front = edited;
            fields.push(column.name.clone());
            edits.push((column.name.clone(), value));
        }
    }
    let mut new_body = None;
    if let Some(typed) = body
        && typed.trim() != record.body.trim()
    {
        let eol = if base.contains("\r\n") { "\r\n" } else { "\n" };
        new_body = Some(body_text(typed, eol));
        fields.push(columns::BODY.to_string());
    }
    if fields.is_empty() {
        return (None, problems);
    }
    let file = record.file.clone();
    (Some(Planned { kind, file, new: false, base, order, edits, body: new_body, fields }), problems)
}

/// A body as a record file holds it: a blank line after the front matter,
/// the text, a final line end.
fn body_text(text: &str, eol: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    format!("{eol}{}{eol}", lines.join(eol))
}

/// Checks the records as `atlas check` would, with the planned files in
/// place of (or beside) the present ones and the deleted ones gone.
fn validate(
    mut inputs: Inputs,
    planned: &[Planned],
    deleted: &[Arc<Record>],
    origins: &HashMap<String, Origin>,
    lang: crate::messages::Lang,
) -> Result<(), Vec<ImportError>> {
    let mut errors = Vec::new();
    let replaced: Vec<&str> = planned.iter().map(|p| p.file.as_str()).chain(deleted.iter().map(|r| r.file.as_str())).collect();
    inputs.records.retain(|r| !replaced.contains(&r.file.as_str()));
    for p in planned {
        // A field that cannot be read as its type stops the parse of the
        // record: it is reported and left out, and the rest is parsed again.
        let mut skip: Vec<String> = Vec::new();
        loop {
            match content::parse_record(p.kind, p.file.clone(), &p.text(&skip)) {
                Ok(r) => {
                    inputs.records.push(Arc::new(r));
                    break;
                }
                Err(d) => {
                    let head = d.first().and_then(|d| d.field.as_deref()).map(field_head);
                    let retry = d.len() == 1 && head.as_ref().is_some_and(|h| p.edits.iter().any(|(n, _)| n == h) && !skip.contains(h));
                    errors.extend(d);
                    match head {
                        Some(h) if retry => skip.push(h),
                        _ => {
                            inputs.unparsed.extend(Path::new(&p.file).file_stem().map(|s| s.to_string_lossy().into_owned()));
                            break;
                        }
                    }
                }
            }
        }
    }
    if let Err(d) = crate::link(inputs, crate::today(), Vec::new()) {
        errors.extend(d);
    }
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort();
    errors.dedup();
    // One error a field: leaving out a refused field may add another for it.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|d| seen.insert((d.file.clone(), d.field.as_deref().map(field_head))));
    Err(errors
        .into_iter()
        .map(|d| match origins.get(&d.file) {
            Some(origin) => {
                let head = d.field.as_deref().map(field_head);
                let (message, help) = (d.message.text(lang), d.help.map(|h| h.text(lang)));
                ImportError { place: origin.place(head.as_deref()), field: d.field, message, help }
            }
            None => from_file(d, lang),
        })
        .collect())
}

/// The top-level field of a field path: `budgets` of `budgets[1].label`.
fn field_head(path: &str) -> String {
    path.split(['[', '.']).next().unwrap_or(path).to_string()
}

/// Writes every file (`None` deletes it) or none: each new text is written
/// to a staging folder first, then the files are swapped in by renames; if
/// a rename fails, the files already swapped are put back.
fn write_all(root: &Path, writes: &[(String, Option<String>)]) -> Result<(), String> {
    let staging = root.join(format!(".atlas-import-{}", std::process::id()));
    let result = stage_and_swap(root, &staging, writes);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_swap(root: &Path, staging: &Path, writes: &[(String, Option<String>)]) -> Result<(), String> {
    let io = |what: &str, path: &Path, e: std::io::Error| format!("cannot {what} {}: {e}; nothing was changed", path.display());
    std::fs::create_dir_all(staging.join("new")).map_err(|e| io("create", staging, e))?;
    std::fs::create_dir_all(staging.join("old")).map_err(|e| io("create", staging, e))?;
    let mut staged: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for (i, (file, text)) in writes.iter().enumerate() {
        let target = root.join(file);
        let new = match text {
            Some(text) => {
                let path = staging.join("new").join(i.to_string());
                std::fs::write(&path, text).map_err(|e| io("write", &path, e))?;
                std::fs::File::open(&path).and_then(|f| f.sync_all()).map_err(|e| io("write", &path, e))?;
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| io("create", parent, e))?;
                }
                Some(path)
            }
            None => None,
        };
        staged.push((target, new));
    }
    // Swap: the present file moves aside, the new one into its place.
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for (i, (target, new)) in staged.iter().enumerate() {
        let old = staging.join("old").join(i.to_string());
        let moved_aside = target.exists();
        let step = (|| {
            if moved_aside {
                std::fs::rename(target, &old)?;
            }
            if let Some(new) = new {
                std::fs::rename(new, target)?;
            }
            Ok::<(), std::io::Error>(())
        })();
        done.push((target.clone(), moved_aside.then_some(old)));
        if let Err(e) = step {
            for (target, old) in done.iter().rev() {
                let _ = std::fs::remove_file(target);
                if let Some(old) = old {
                    let _ = std::fs::rename(old, target);
                }
            }
            return Err(io("replace", target, e));
        }
    }
    Ok(())
}
