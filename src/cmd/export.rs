use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::diagnostics::{self, Format};
use crate::messages::{Lang, Message};
use std::path::Path;

pub fn run(root: &Path, file: &Path, color: bool, lang: Lang) -> i32 {
    let name = file.display().to_string();
    if file.extension().is_none_or(|e| !e.eq_ignore_ascii_case("xlsx")) {
        eprintln!("{}", diagnostics::error_line(&Message::ExportNotXlsx { file: name }, Some(&Message::ExportNotXlsxHelp), color, lang));
        return USAGE_ERROR;
    }
    let site = match crate::load_site(root) {
        Ok(site) => site,
        Err(diags) => {
            eprint!("{}", diagnostics::render(&diags, Format::Human, color, lang));
            eprint!("{}", diagnostics::error_summary(&Message::CheckFailed { count: diags.len() }, color, lang));
            return CONTENT_ERROR;
        }
    };
    let written = crate::sheet::workbook::workbook(&site)
        .map_err(|e| (Box::new(Message::ExportFailed { error: e.to_string() }), None))
        .and_then(|bytes| {
            // Written beside the target and renamed: a failed export leaves no half-written workbook.
            let staging = file.with_extension("xlsx.partial");
            std::fs::write(&staging, &bytes).and_then(|()| std::fs::rename(&staging, file)).map_err(|e| {
                let _ = std::fs::remove_file(&staging);
                (
                    Box::new(Message::ExportCannotWrite { file: name.clone(), error: e.to_string() }),
                    Some(Box::new(Message::ExportCannotWriteHelp)),
                )
            })
        });
    match written {
        Ok(()) => {
            eprintln!("{}", Message::Exported { records: site.records.len(), file: name }.text(lang));
            OK
        }
        Err((message, help)) => {
            eprintln!("{}", diagnostics::error_line(&message, help.as_deref(), color, lang));
            CONTENT_ERROR
        }
    }
}
