//! `atlas import`: reads a workbook or a published CSV, one row per record
//! keyed by id, turns changed rows into minimal edits of the record files
//! and new rows into new files, validates the result exactly as `atlas
//! check` does (every record, linked with the rest of the site), and writes
//! only if nothing is wrong: all files at once, or none.

use crate::calendar::Date;
use crate::content::{self, Inputs, Record};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::messages::{Lang, Message};
use crate::schema::Kind;
use crate::sheet::cells;
use crate::sheet::columns::{self, Column, Form};
use crate::sheet::edit::{self, RecordText};
use crate::sheet::read::{self, Grid, ReadProblem, cell_name};
use crate::sheet::workbook::record_cells;
use crate::yaml::Value as Yaml;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a problem is. Ordered as a person reads them: the file, then
/// sheet by sheet, row by row, then record files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The imported file as a whole.
    File,
    /// A sheet as a whole (for a CSV, the sheet is named after the file).
    Sheet(String),
    /// A cell of a sheet, 0-based.
    Cell { sheet: String, row: u32, column: u32 },
    /// A line of a record file that the import does not write, where the
    /// checks of the whole site found a problem (e.g. a reference to a
    /// deleted record).
    Record { file: String, line: usize, column: usize },
}

impl Place {
    fn cell(sheet: &str, row: u32, column: u32) -> Place {
        Place::Cell { sheet: sheet.to_string(), row, column }
    }

    /// `programs!F12`, `programs`, `content/programs/a.md:3:1`, or the imported file's name.
    pub fn show(&self, file: &str) -> String {
        match self {
            Place::File => file.to_string(),
            Place::Sheet(sheet) => sheet.clone(),
            Place::Cell { sheet, row, column } => format!("{sheet}!{}", cell_name(*row, *column)),
            Place::Record { file, line, column } => format!("{file}:{line}:{column}"),
        }
    }
}

/// One problem, located in a sheet's cell and field, or in a file; its
/// message and help are catalogue entries put into words when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub place: Place,
    pub field: Option<String>,
    pub message: Message,
    pub help: Option<Message>,
}

impl ImportError {
    fn new(place: Place, field: Option<&str>, message: Message, help: Message) -> ImportError {
        ImportError { place, field: field.map(str::to_string), message, help: Some(help) }
    }

    /// As `atlas check` words its errors: `programs!F12: エラー [stages]: …`
    /// and a help line; `file` names the imported file.
    pub fn render(&self, file: &str, lang: Lang, color: bool) -> String {
        crate::diagnostics::located(&self.place.show(file), self.field.as_deref(), &self.message, self.help.as_ref(), color, lang)
    }

    /// The error as JSON (`atlas import --format json`): `code` is the
    /// message id, stable across languages.
    pub fn to_json(&self, file: &str, lang: Lang) -> serde_json::Value {
        let mut out = serde_json::json!({
            "file": file,
            "place": self.place.show(file),
            "field": self.field,
            "code": self.message.code(),
            "message": self.message.text(lang),
            "help": self.help.as_ref().map(|h| h.text(lang)),
        });
        match &self.place {
            Place::File => {}
            Place::Sheet(sheet) => out["sheet"] = sheet.as_str().into(),
            Place::Cell { sheet, row, column } => {
                out["sheet"] = sheet.as_str().into();
                out["cell"] = cell_name(*row, *column).into();
            }
            Place::Record { file, line, column } => {
                out["file"] = file.as_str().into();
                out["line"] = (*line).into();
                out["column"] = (*column).into();
            }
        }
        out
    }
}

fn at_read(p: ReadProblem) -> ImportError {
    let place = match (p.sheet, p.cell) {
        (Some(sheet), Some((row, column))) => Place::Cell { sheet, row, column },
        (Some(sheet), None) => Place::Sheet(sheet),
        (None, _) => Place::File,
    };
    ImportError { place, field: None, message: *p.message, help: Some(*p.help) }
}

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportFailure {
    /// The command was used wrongly (no such file, not a site root, a date
    /// after today): what is wrong, and what to do.
    Usage(Box<Message>, Option<Box<Message>>),
    /// What is wrong with the file or the records it makes.
    Content(Vec<ImportError>),
    /// Writing failed; every file was restored.
    Io(Box<Message>),
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub dry_run: bool,
    pub delete_missing: bool,
    /// The date of the import: what `updated` becomes in a record a row
    /// changes or adds without a date of its own (see `plan_row`).
    pub date: Date,
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
    /// Records (changed or added) whose `updated` the import set to its date.
    pub dated: usize,
}

/// Where a row came from, to point back at its cells.
struct Origin {
    sheet: String,
    row: u32,
    /// Field name → 0-based column.
    columns: HashMap<String, u32>,
}

impl Origin {
    fn place(&self, field: Option<&str>) -> Place {
        let column = field.and_then(|f| self.columns.get(f)).or_else(|| self.columns.get("id")).copied().unwrap_or(0);
        Place::cell(&self.sheet, self.row, column)
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
    edits: Vec<(String, Option<Yaml>)>,
    /// The new body, if it changed.
    body: Option<String>,
    /// Names of the fields changed (the body's too), for the report.
    fields: Vec<String>,
    /// Whether `updated` was set to the day of the import.
    dated: bool,
}

impl Planned {
    /// The file text with every edit but those of `skip`.
    fn text(&self, skip: &[String]) -> String {
        let edits = self.edits.iter().filter(|(name, _)| !skip.contains(name));
        if self.new {
            let fields: Vec<(String, Yaml)> = edits.filter_map(|(n, v)| Some((n.clone(), v.clone()?))).collect();
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
        return Err(ImportFailure::Usage(Box::new(Message::NotASiteRoot { root: root.display().to_string() }), None));
    }
    if !file.is_file() {
        let message = Message::ImportNoSuchFile { file: file.display().to_string() };
        return Err(ImportFailure::Usage(Box::new(message), Some(Box::new(Message::ImportNoSuchFileHelp))));
    }
    let grids = read::read(file).map_err(|p| ImportFailure::Content(p.into_iter().map(at_read).collect()))?;
    let (inputs, errors) = content::load(root);
    let inputs = match inputs {
        Some(i) if errors.is_empty() => i,
        _ => return Err(ImportFailure::Content(errors.into_iter().map(from_file).collect())),
    };
    let site = crate::link(inputs.clone(), crate::today(), Vec::new())
        .map_err(|d| ImportFailure::Content(d.into_iter().map(from_file).collect()))?;
    let mut report = Report::default();
    let mut errors = Vec::new();
    let mut planned: Vec<Planned> = Vec::new();
    let mut origins: HashMap<String, Origin> = HashMap::new();
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut deleted: Vec<Arc<Record>> = Vec::new();
    let sheets = kind_sheets(&grids, &mut report, &mut errors);
    for (kind, grid) in sheets {
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
            let at_id = origin.place(Some("id"));
            if let Some((message, help)) = id_problem(id) {
                errors.push(ImportError::new(at_id, Some("id"), message, help));
                continue;
            }
            if let Some(first) = seen.insert(id.to_string(), at_id.clone()) {
                let message = Message::ImportDuplicateId { id: id.to_string(), first: first.show("") };
                errors.push(ImportError::new(at_id, Some("id"), message, Message::ImportDuplicateIdHelp));
                continue;
            }
            ids_in_sheet.push(id.to_string());
            let existing = site.get(id);
            if let Some(other) = existing.filter(|e| e.kind != kind) {
                let message =
                    Message::ImportIdOfOtherKind { id: id.to_string(), file: other.file.clone(), sheet: other.kind.folder().into() };
                errors.push(ImportError::new(at_id, Some("id"), message, Message::ImportIdOfOtherKindHelp));
                continue;
            }
            let cells: Vec<(&Column, &str)> = header.iter().map(|(&c, col)| (*col, grid.cell(r, c as usize))).collect();
            // Cells that cannot be read are reported and left out; the rest
            // of the row is still checked, so that one run reports all.
            let (plan, problems) = plan_row(root, kind, &columns, existing, &cells, options.date);
            errors.extend(
                problems.into_iter().map(|(field, p)| ImportError::new(origin.place(Some(&field)), Some(&field), *p.message, *p.help)),
            );
            match plan {
                Some(p) => {
                    report.dated += usize::from(p.dated);
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
    if let Err(mut found) = validate(inputs, &planned, &deleted, &origins) {
        errors.append(&mut found);
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.place.cmp(&b.place));
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
        write_all(root, &writes).map_err(|m| ImportFailure::Io(Box::new(m)))?;
    }
    Ok(report)
}

/// The sheets that hold a kind's records. Others are skipped (a workbook
/// may carry a sheet of notes), except a sheet whose name is near a kind's
/// that the file lacks: `programs (1).csv` as a browser saves a second
/// download, or a renamed sheet, would otherwise import nothing unnoticed.
fn kind_sheets<'g>(grids: &'g [Grid], report: &mut Report, errors: &mut Vec<ImportError>) -> Vec<(Kind, &'g Grid)> {
    let sheets: Vec<(Kind, &Grid)> = grids.iter().filter_map(|g| Some((Kind::from_folder(&g.name)?, g))).collect();
    for grid in grids.iter().filter(|g| Kind::from_folder(&g.name).is_none() && g.name != crate::sheet::workbook::CHOICES_SHEET) {
        let lower = grid.name.to_lowercase();
        let near =
            Kind::ALL.iter().map(|k| k.folder()).find(|f| lower.contains(f)).or_else(|| did_you_mean(&lower, Kind::ALL.map(Kind::folder)));
        match near.filter(|f| !sheets.iter().any(|(k, _)| k.folder() == *f)) {
            Some(suggestion) => errors.push(ImportError::new(
                Place::Sheet(grid.name.clone()),
                None,
                Message::ImportUnknownSheet { sheet: grid.name.clone() },
                Message::ImportUnknownSheetHelp { suggestion: suggestion.to_string() },
            )),
            None => report.skipped_sheets.push(grid.name.clone()),
        }
    }
    if sheets.is_empty() && errors.is_empty() {
        let help = if grids.len() == 1 { Message::ImportSheetNamesHelp } else { Message::ImportExportedOnlyHelp };
        errors.push(ImportError::new(Place::File, None, Message::ImportNoKindSheet, help));
    }
    sheets
}

fn from_file(d: Diagnostic) -> ImportError {
    ImportError {
        place: Place::Record { file: d.file, line: d.line, column: d.column },
        field: d.field,
        message: *d.message,
        help: d.help.map(|h| *h),
    }
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
        let place = Place::cell(&grid.name, 0, c as u32);
        match columns.iter().find(|col| col.name == name) {
            Some(col) if out.values().any(|seen: &&Column| seen.name == name) => errors.push(ImportError::new(
                place,
                Some(&col.name),
                Message::ImportColumnTwice { column: name.to_string() },
                Message::ImportColumnTwiceHelp,
            )),
            Some(col) => {
                out.insert(c as u32, col);
            }
            None => {
                let help = match did_you_mean(name, columns.iter().map(|c| c.name.as_str())) {
                    Some(s) => Message::ImportUnknownColumnDidYouMean { suggestion: s.to_string() },
                    None => Message::ImportColumnsAre { columns: columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ") },
                };
                let message = Message::ImportUnknownColumn { column: name.to_string(), sheet: grid.name.clone() };
                errors.push(ImportError::new(place, None, message, help));
            }
        }
    }
    if !out.values().any(|c| c.name == "id") {
        errors.push(ImportError::new(Place::cell(&grid.name, 0, 0), Some("id"), Message::ImportNoIdColumn, Message::ImportNoIdColumnHelp));
        return None;
    }
    Some(out)
}

fn id_problem(id: &str) -> Option<(Message, Message)> {
    if id.is_empty() {
        return Some((Message::ImportNoId, Message::ImportNoIdHelp));
    }
    (!crate::text::is_safe_slug(id)).then(|| (Message::IdNotSlug { id: id.to_string() }, Message::IdNotSlugHelp))
}

/// The edit a row makes to its record (`None`: no change), or the cells that cannot be read.
fn plan_row(
    root: &Path,
    kind: Kind,
    columns: &[Column],
    existing: Option<&Record>,
    cells: &[(&Column, &str)],
    date: Date,
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
            let message = Box::new(Message::ImportFileNotARecord { file });
            let problem = cells::CellProblem { message, help: Box::new(Message::ImportFileNotARecordHelp) };
            problems.push(("id".into(), problem));
            return (None, problems);
        }
        let mut values: Vec<(&Column, Option<Yaml>)> = values.into_iter().map(|(c, _, v)| (c, v)).collect();
        let new_change = date_new_changes(&mut values, &[], date);
        let mut edits: Vec<(String, Option<Yaml>)> = values.into_iter().map(|(c, v)| (c.name.clone(), v)).collect();
        let dating = new_change.unwrap_or(date);
        let dated = date_the_change(columns, &mut edits, &mut Vec::new(), None, dating) && dating == date;
        edits.sort_by_key(|(n, _)| order.iter().position(|o| o == n));
        let body = Some(body_text(body.unwrap_or(""), "\n"));
        let plan = Planned { kind, file, new: true, base: String::new(), order, edits, body, fields: Vec::new(), dated };
        return (Some(plan), problems);
    };
    let current = record_cells(record, columns);
    let base = std::fs::read_to_string(root.join(&record.file)).unwrap_or_default();
    let Some(parts) = RecordText::new(&base) else { return (None, problems) };
    let mut front = parts.front().to_string();
    let (mut edits, mut fields) = (Vec::new(), Vec::new());
    let mut values: Vec<(&Column, Option<Yaml>)> = values
        .into_iter()
        .filter(|(column, text, _)| current[columns.iter().position(|c| c.name == column.name).unwrap_or(0)].trim() != text.trim())
        .map(|(column, _, value)| (column, value))
        .collect();
    let new_change = date_new_changes(&mut values, &record.common.changes, date);
    for (column, value) in values {
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
    let updated = columns.iter().position(|c| c.name == UPDATED).map(|p| current[p].trim());
    drop_stale_date(&mut edits, &mut fields, updated);
    if fields.is_empty() {
        return (None, problems);
    }
    let dating = new_change.unwrap_or(date);
    let dated = date_the_change(columns, &mut edits, &mut fields, updated, dating) && dating == date;
    if fields.is_empty() {
        return (None, problems);
    }
    fields.sort_by_key(|n| order.iter().position(|o| o == n));
    let file = record.file.clone();
    (Some(Planned { kind, file, new: false, base, order, edits, body: new_body, fields, dated }), problems)
}

/// The field that says when a record last changed.
const UPDATED: &str = "updated";
/// The record's change log, whose newest entry is dated as `updated`.
const CHANGES: &str = "changes";

/// Completes the change log a row gives: an entry written without a date
/// (` | 何を改めたか`) is dated with the import's day (or keeps the date of
/// the record's entry with the same words). Returns the date of
/// the newest entry the record did not have (if not after the import's
/// day): the date of this update, as the registry wants the newest change
/// dated as `updated`.
fn date_new_changes(values: &mut [(&Column, Option<Yaml>)], before: &[crate::schema::Change], date: Date) -> Option<Date> {
    let (_, Some(Yaml::Sequence(items))) = values.iter_mut().find(|(c, _)| c.name == CHANGES)? else { return None };
    let (date_key, description_key) = (Yaml::String("date".into()), Yaml::String("description".into()));
    let mut newest = None;
    for item in items.iter_mut() {
        let Yaml::Mapping(map) = item else { continue };
        let description = map.get(&description_key).and_then(Yaml::as_str).unwrap_or("").trim().to_string();
        if map.get(&date_key).is_none() {
            // The entry the record has with these words keeps its date: the same workbook imported again dates nothing anew.
            let same = before.iter().find(|c| c.description.trim() == description).map(|c| c.date).unwrap_or(date);
            let mut dated = crate::yaml::Mapping::new();
            dated.insert(date_key.clone(), Yaml::String(same.iso()));
            dated.extend(std::mem::take(map));
            *map = dated;
        }
        let Some(when) = map.get(&date_key).and_then(Yaml::as_str).and_then(|d| Date::parse(d).ok()) else { continue };
        let known = before.iter().any(|c| c.date == when && c.description.trim() == description);
        if !known && when <= date {
            newest = newest.max(Some(when));
        }
    }
    newest
}

/// Forgets an `updated` cell that gives no date of the person's own: an
/// empty one, or one before the record's date, which comes from a
/// workbook exported before the record last changed (an import in between
/// dated it). `updated` never goes back; alone, such a cell changes nothing.
fn drop_stale_date(edits: &mut Vec<(String, Option<Yaml>)>, fields: &mut Vec<String>, current: Option<&str>) {
    let Some(current) = current.and_then(|c| Date::parse(c).ok()) else { return };
    let stale = edits.iter().find(|(n, _)| n == UPDATED).is_some_and(|(_, v)| match v {
        None => true,
        Some(v) => v.as_str().and_then(|t| Date::parse(t).ok()).is_some_and(|typed| typed < current),
    });
    if stale {
        edits.retain(|(n, _)| n != UPDATED);
        fields.retain(|n| n != UPDATED);
    }
}

/// Dates a changed or new record as a CMS dates what it saves, so that the
/// site and its feeds show the change: unless the row gives `updated` a
/// value of its own (a cell the person edited, or filled in a new row),
/// `updated` becomes the date of the import (an empty or stale cell was
/// left out by `drop_stale_date`). `current` is the record's present
/// `updated` cell; a kind without the field is left alone. Says whether it
/// set the date.
fn date_the_change(
    columns: &[Column],
    edits: &mut Vec<(String, Option<Yaml>)>,
    fields: &mut Vec<String>,
    current: Option<&str>,
    date: Date,
) -> bool {
    if !columns.iter().any(|c| c.name == UPDATED) || edits.iter().any(|(n, v)| n == UPDATED && v.is_some()) {
        return false;
    }
    edits.retain(|(n, _)| n != UPDATED);
    fields.retain(|n| n != UPDATED);
    if current.and_then(|c| Date::parse(c).ok()).is_some_and(|c| c >= date) {
        return false;
    }
    edits.push((UPDATED.into(), Some(Yaml::String(date.iso()))));
    fields.push(UPDATED.into());
    true
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
                ImportError { place: origin.place(head.as_deref()), field: d.field, message: *d.message, help: d.help.map(|h| *h) }
            }
            None => from_file(d),
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
fn write_all(root: &Path, writes: &[(String, Option<String>)]) -> Result<(), Message> {
    let staging = root.join(format!(".atlas-import-{}", std::process::id()));
    let result = stage_and_swap(root, &staging, writes);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_swap(root: &Path, staging: &Path, writes: &[(String, Option<String>)]) -> Result<(), Message> {
    let io = |path: &Path, e: std::io::Error| Message::ImportWriteFailed { path: path.display().to_string(), error: e.to_string() };
    std::fs::create_dir_all(staging.join("new")).map_err(|e| io(staging, e))?;
    std::fs::create_dir_all(staging.join("old")).map_err(|e| io(staging, e))?;
    let mut staged: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for (i, (file, text)) in writes.iter().enumerate() {
        let target = root.join(file);
        let new = match text {
            Some(text) => {
                let path = staging.join("new").join(i.to_string());
                std::fs::write(&path, text).map_err(|e| io(&path, e))?;
                std::fs::File::open(&path).and_then(|f| f.sync_all()).map_err(|e| io(&path, e))?;
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
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
            return Err(io(target, e));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn changes_are_dated_where_the_kind_has_updated() {
        let text = |s: &str| Some(Yaml::String(s.into()));
        let all = columns::columns(Kind::Place);
        let (mut edits, mut fields) = (vec![("name".to_string(), text("x"))], vec!["name".to_string()]);
        assert!(date_the_change(&all, &mut edits, &mut fields, Some("2026-11-01"), date("2026-12-01")));
        assert_eq!((fields.as_slice(), edits[1].1.clone()), (["name".to_string(), "updated".into()].as_slice(), text("2026-12-01")));
        // A kind whose registry has no `updated` is left as it is.
        let without: Vec<Column> = all.iter().filter(|c| c.name != UPDATED).cloned().collect();
        let (mut edits, mut fields) = (vec![("name".to_string(), text("x"))], vec!["name".to_string()]);
        assert!(!date_the_change(&without, &mut edits, &mut fields, None, date("2026-12-01")));
        assert_eq!((edits.len(), fields.len()), (1, 1));
        // A date the person typed is theirs; the record's own date, or a later one, is no change.
        let (mut edits, mut fields) = (vec![(UPDATED.to_string(), text("2026-11-20"))], vec![UPDATED.to_string()]);
        assert!(!date_the_change(&all, &mut edits, &mut fields, Some("2026-11-01"), date("2026-12-01")));
        assert_eq!(edits[0].1, text("2026-11-20"));
        for current in ["2026-12-01", "2026-12-05"] {
            let (mut edits, mut fields) = (vec![("name".to_string(), text("x"))], vec!["name".to_string()]);
            assert!(!date_the_change(&all, &mut edits, &mut fields, Some(current), date("2026-12-01")));
            assert_eq!(fields, ["name"]);
        }
    }

    #[test]
    fn empty_and_older_dates_are_no_edit() {
        for (typed, kept) in [(None, false), (Some("2026-10-01"), false), (Some("2026-11-20"), true), (Some("2025/01/01"), true)] {
            let mut edits = vec![(UPDATED.to_string(), typed.map(|t| Yaml::String(t.into())))];
            let mut fields = vec![UPDATED.to_string()];
            drop_stale_date(&mut edits, &mut fields, Some("2026-11-01"));
            assert_eq!(!fields.is_empty(), kept, "{typed:?}");
            assert_eq!(edits.len(), fields.len());
        }
    }
}
