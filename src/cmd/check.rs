use super::{CONTENT_ERROR, OK};
use crate::diagnostics::{self, Format};
use crate::messages::{Lang, Message};
use std::path::Path;

pub fn run(root: &Path, format: Format, color: bool, lang: Lang) -> i32 {
    match crate::load_site(root) {
        Ok(site) => {
            match format {
                Format::Json => println!("[]"),
                Format::Human => {
                    eprintln!("{}", Message::CheckPassed { records: site.records.len(), sources: site.sources.len() }.text(lang))
                }
                Format::Github => {}
            }
            OK
        }
        Err(diags) => {
            let color = color && format == Format::Human;
            let text = diagnostics::render(&diags, format, color, lang);
            match format {
                Format::Human => {
                    // `check` never writes anything, so its summary says only what it found.
                    eprint!("{text}{}", diagnostics::error_summary(&Message::CheckFailed { count: diags.len() }, color, lang))
                }
                _ => print!("{text}"),
            }
            CONTENT_ERROR
        }
    }
}
