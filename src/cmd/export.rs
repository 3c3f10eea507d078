use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::diagnostics::{self, Format};
use std::path::Path;

pub fn run(root: &Path, file: &Path, color: bool, lang: crate::messages::Lang) -> i32 {
    if file.extension().is_none_or(|e| !e.eq_ignore_ascii_case("xlsx")) {
        eprintln!("error: {} does not end in .xlsx; name the workbook e.g. atlas.xlsx", file.display());
        return USAGE_ERROR;
    }
    let site = match crate::load_site(root) {
        Ok(site) => site,
        Err(diags) => {
            eprint!("{}", diagnostics::render(&diags, Format::Human, color, lang));
            return CONTENT_ERROR;
        }
    };
    let written = crate::sheet::workbook::workbook(&site).map_err(|e| format!("cannot make the workbook: {e}")).and_then(|bytes| {
        // Written beside the target and renamed: a failed export leaves no half-written workbook.
        let staging = file.with_extension("xlsx.partial");
        std::fs::write(&staging, &bytes).and_then(|()| std::fs::rename(&staging, file)).map_err(|e| {
            let _ = std::fs::remove_file(&staging);
            format!("cannot write {}: {e}", file.display())
        })
    });
    match written {
        Ok(()) => {
            eprintln!(
                "Wrote {} records to {} (a sheet per kind). Edit it in Excel or LibreOffice, then run `atlas import {}`.",
                site.records.len(),
                file.display(),
                file.display()
            );
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            CONTENT_ERROR
        }
    }
}
