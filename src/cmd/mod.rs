//! One module per subcommand.

mod build;
mod check;
mod diff;
mod export;
mod import;
mod new;
mod schema;
mod serve;

use crate::cli::{Cli, ColorChoice, Command};
use crate::messages::Lang;
use clap::Parser;
use std::io::IsTerminal;

/// Exit codes.
pub const OK: i32 = 0;
pub const CONTENT_ERROR: i32 = 1;
pub const USAGE_ERROR: i32 = 2;

pub fn run() -> i32 {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let root = match &cli.command {
        Command::Build { root, .. }
        | Command::Check { root, .. }
        | Command::Diff { root, .. }
        | Command::Serve { root, .. }
        | Command::New { root, .. }
        | Command::Export { root, .. }
        | Command::Import { root, .. } => Some(root.as_path()),
        Command::Schema { .. } => None,
    };
    let lang = Lang::for_run(cli.lang, root.and_then(site_language).as_deref());
    match cli.command {
        Command::Build { root, out, quiet, timings } => build::run(&root, &out, quiet, timings, color, lang),
        Command::Check { root, format } => check::run(&root, format, color, lang),
        Command::Diff { old, new, root, format } => diff::run(&root, &old, new.as_deref(), format, color, lang),
        Command::Serve { root, port } => serve::run(&root, port, color, lang),
        Command::New { kind, id, root } => new::run(&root, &kind, &id, lang),
        Command::Export { xlsx, root } => export::run(&root, &xlsx, color, lang),
        Command::Import { file, root, dry_run, delete_missing, date, format } => {
            let args = import::Args { file: &file, dry_run, delete_missing, date: date.as_deref(), format };
            import::run(&root, args, color, lang)
        }
        Command::Schema { markdown } => schema::run(markdown),
    }
}

/// The `language` of the site root's atlas.yaml, if it can be read (a
/// broken file is reported by the command itself).
fn site_language(root: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("atlas.yaml")).ok()?;
    let value = crate::yaml::parse(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok()?;
    value.get("language")?.as_str().map(str::to_string)
}
