use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::diagnostics::{self, Format};
use crate::{BuildError, Stage};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(root: &Path, out: &Path, quiet: bool, timings: bool, color: bool) -> i32 {
    // Progress goes to a terminal only, on one line that the summary replaces.
    let live = !quiet && std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if live {
            match stage {
                Stage::Loading => eprint!("\rLoading and checking records…\x1b[K"),
                Stage::Rendering { records } => eprint!("\rRendering {records} records…\x1b[K"),
            }
        }
    };
    let result = crate::build(root, out, &progress);
    if live {
        eprint!("\r\x1b[K");
    }
    match result {
        Ok(s) => {
            if !quiet {
                eprintln!(
                    "Built {} records into {} pages ({} files, {}; search index {}) in {:.2}s → {}",
                    s.records,
                    s.pages,
                    s.files,
                    human_bytes(s.bytes),
                    human_bytes(s.index_bytes),
                    s.elapsed.as_secs_f64(),
                    out.display()
                );
            }
            if timings {
                eprintln!("  (renderers run side by side: their times overlap)");
                for (stage, took) in &s.timings {
                    eprintln!("  {stage:<16} {:>8.3}s", took.as_secs_f64());
                }
            }
            OK
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", diagnostics::render(&diags, Format::Human, color));
            CONTENT_ERROR
        }
        Err(BuildError::Render(e)) => {
            eprintln!("error: {e}\nThe previous site in {} was left as it was.", out.display());
            CONTENT_ERROR
        }
        Err(BuildError::Usage(m)) => {
            eprintln!("error: {m}");
            USAGE_ERROR
        }
    }
}

pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}
