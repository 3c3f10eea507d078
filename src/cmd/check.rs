use super::{CONTENT_ERROR, OK};
use crate::diagnostics::{self, Format};
use std::path::Path;

pub fn run(root: &Path, format: Format, color: bool) -> i32 {
    match crate::load_site(root) {
        Ok(site) => {
            match format {
                Format::Json => println!("[]"),
                Format::Human => eprintln!("No errors in {} records, {} sources.", site.records.len(), site.sources.len()),
                Format::Github => {}
            }
            OK
        }
        Err(diags) => {
            let text = diagnostics::render(&diags, format, color && format == Format::Human);
            match format {
                Format::Human => eprint!("{text}"),
                _ => print!("{text}"),
            }
            CONTENT_ERROR
        }
    }
}
