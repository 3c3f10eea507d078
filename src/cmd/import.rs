use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::calendar::Date;
use crate::cli::ImportFormat as Format;
use crate::diagnostics::{self, error_summary};
use crate::import::{self, ImportError, ImportFailure, Options, Report};
use crate::messages::{Lang, Message};
use std::path::Path;

/// `atlas import`'s arguments.
pub struct Args<'a> {
    pub file: &'a Path,
    pub dry_run: bool,
    pub delete_missing: bool,
    /// `--date`, as typed (default: today).
    pub date: Option<&'a str>,
    pub format: Format,
}

pub fn run(root: &Path, args: Args, color: bool, lang: Lang) -> i32 {
    let color = color && args.format == Format::Human;
    let today = crate::today();
    let date = match args.date.map(Date::parse).transpose() {
        Ok(Some(date)) if date > today => {
            let message = Message::ImportDateInFuture { date: date.iso(), today: today.iso() };
            return usage(&message, Some(&Message::ImportDateInFutureHelp), color, lang);
        }
        Ok(date) => date.unwrap_or(today),
        Err(message) => return usage(&message, None, color, lang),
    };
    let file = args.file.display().to_string();
    let result = import::import(root, args.file, Options { dry_run: args.dry_run, delete_missing: args.delete_missing, date });
    if args.format == Format::Json {
        let errors: &[ImportError] = match &result {
            Err(ImportFailure::Content(errors)) => errors,
            _ => &[],
        };
        let json: Vec<serde_json::Value> = errors.iter().map(|e| e.to_json(&file, lang)).collect();
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    }
    match result {
        Ok(report) => {
            eprint!("{}", summary(&report, &file, args.dry_run, date, lang));
            OK
        }
        Err(ImportFailure::Usage(message, help)) => usage(&message, help.as_deref(), color, lang),
        Err(ImportFailure::Io(message)) => {
            eprintln!("{}", diagnostics::error_line(&message, Some(&Message::ImportWriteFailedHelp), color, lang));
            CONTENT_ERROR
        }
        Err(ImportFailure::Content(errors)) => {
            if args.format == Format::Human {
                for e in &errors {
                    eprint!("{}", e.render(&file, lang, color));
                }
            }
            eprint!("{}", error_summary(&Message::ImportFailed { count: errors.len(), file }, color, lang));
            CONTENT_ERROR
        }
    }
}

fn usage(message: &Message, help: Option<&Message>, color: bool, lang: Lang) -> i32 {
    eprintln!("{}", diagnostics::error_line(message, help, color, lang));
    USAGE_ERROR
}

/// What was (or would be) done, a line per file and one line of counts.
fn summary(r: &Report, file: &str, dry_run: bool, date: Date, lang: Lang) -> String {
    let lines = r
        .added
        .iter()
        .map(|f| Message::ImportAdded { file: f.clone() })
        .chain(r.changed.iter().map(|(f, fields)| Message::ImportChanged { file: f.clone(), fields: fields.join(", ") }));
    let lines = lines
        .chain(r.deleted.iter().map(|f| Message::ImportDeleted { file: f.clone() }))
        .chain(r.skipped_sheets.iter().map(|s| Message::ImportSkipped { sheet: s.clone() }));
    let mut out: String = lines.map(|m| format!("  {}\n", m.text(lang))).collect();
    if r.dated > 0 {
        out.push_str(&format!("{}\n", Message::ImportUpdatedSet { count: r.dated, date: date.iso() }.text(lang)));
    }
    let (file, added, changed, unchanged, deleted) = (file.to_string(), r.added.len(), r.changed.len(), r.unchanged, r.deleted.len());
    let counts = if dry_run {
        Message::ImportDryRun { file, added, changed, unchanged, deleted }
    } else {
        Message::Imported { file, added, changed, unchanged, deleted }
    };
    out.push_str(&format!("{}\n", counts.text(lang)));
    out
}
