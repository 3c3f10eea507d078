use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::diagnostics::{self, Format};
use crate::messages::{Lang, Message};
use crate::{BuildError, Stage};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(root: &Path, out: &Path, quiet: bool, timings: bool, color: bool, lang: Lang) -> i32 {
    // Progress goes to a terminal only, on one line that the summary replaces.
    let live = !quiet && std::io::stderr().is_terminal();
    let progress = |stage: Stage| {
        if live {
            let message = match stage {
                Stage::Loading => Message::ProgressLoading,
                Stage::Rendering { records } => Message::ProgressRendering { records },
            };
            eprint!("\r{}\x1b[K", message.text(lang));
        }
    };
    let result = crate::build(root, out, &progress);
    if live {
        eprint!("\r\x1b[K");
    }
    let out_name = out.display().to_string();
    match result {
        Ok(s) => {
            if !quiet {
                let built = Message::Built {
                    records: s.records,
                    pages: s.pages,
                    files: s.files,
                    size: human_bytes(s.bytes),
                    index: human_bytes(s.index_bytes),
                    seconds: format!("{:.2}", s.elapsed.as_secs_f64()),
                    out: out_name,
                };
                eprintln!("{}", built.text(lang));
            }
            if timings {
                eprintln!("  {}", Message::TimingsNote.text(lang));
                for (stage, took) in &s.timings {
                    eprintln!("  {stage:<16} {:>8.3}s", took.as_secs_f64());
                }
            }
            OK
        }
        Err(BuildError::Content(diags)) => {
            let summary = Message::BuildFailed { count: diags.len(), out: out_name };
            eprint!("{}{}", diagnostics::render(&diags, Format::Human, color, lang), diagnostics::error_summary(&summary, color, lang));
            CONTENT_ERROR
        }
        Err(BuildError::Render(e)) => {
            let failed = Message::BuildRenderFailed { detail: e.to_string(), out: out_name };
            eprintln!("{}: {}", Message::LabelError.text(lang), failed.text(lang));
            CONTENT_ERROR
        }
        Err(BuildError::Usage(m)) => {
            eprintln!("{}: {}", Message::LabelError.text(lang), m.text(lang));
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
