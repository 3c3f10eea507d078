use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::import::{self, ImportFailure, Options, Report};
use std::path::Path;

pub fn run(root: &Path, file: &Path, dry_run: bool, delete_missing: bool, color: bool, lang: crate::messages::Lang) -> i32 {
    let (red, cyan, reset) = if color { ("\x1b[1;31m", "\x1b[36m", "\x1b[0m") } else { ("", "", "") };
    match import::import(root, file, Options { dry_run, delete_missing, lang }) {
        Ok(report) => {
            eprint!("{}", summary(&report, file, dry_run));
            OK
        }
        Err(ImportFailure::Usage(m)) => {
            eprintln!("{red}error{reset}: {m}");
            USAGE_ERROR
        }
        Err(ImportFailure::Io(m)) => {
            eprintln!("{red}error{reset}: {m}");
            CONTENT_ERROR
        }
        Err(ImportFailure::Content(errors)) => {
            let paint = |word: &str, error: bool| format!("{}{word}{reset}", if error { red } else { cyan });
            for e in &errors {
                eprintln!("{}", e.render(&paint));
            }
            let n = errors.len();
            eprintln!("{red}{n} error{}{reset} in {}; nothing was written.", if n == 1 { "" } else { "s" }, file.display());
            CONTENT_ERROR
        }
    }
}

/// What was (or would be) done, a line per file and one line of counts.
fn summary(r: &Report, file: &Path, dry_run: bool) -> String {
    let mut out = String::new();
    for f in &r.added {
        out.push_str(&format!("  added     {f}\n"));
    }
    for (f, fields) in &r.changed {
        out.push_str(&format!("  changed   {f} ({})\n", fields.join(", ")));
    }
    for f in &r.deleted {
        out.push_str(&format!("  deleted   {f}\n"));
    }
    for s in &r.skipped_sheets {
        out.push_str(&format!("  skipped   sheet `{s}` (not a kind of record)\n"));
    }
    let counts = format!("{} added, {} changed, {} unchanged, {} deleted", r.added.len(), r.changed.len(), r.unchanged, r.deleted.len());
    if dry_run {
        out.push_str(&format!("Would import {}: {counts}. Nothing was written (--dry-run).\n", file.display()));
    } else {
        out.push_str(&format!("Imported {}: {counts}.\n", file.display()));
    }
    out
}
