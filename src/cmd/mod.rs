//! One module per subcommand.

mod build;
mod check;
mod diff;
mod new;
mod schema;
mod serve;

use crate::cli::{Cli, ColorChoice, Command};
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
    match cli.command {
        Command::Build { root, out, quiet, timings } => build::run(&root, &out, quiet, timings, color),
        Command::Check { root, format } => check::run(&root, format, color),
        Command::Diff { old, new, root, format } => diff::run(&root, &old, new.as_deref(), format, color),
        Command::Serve { root, port } => serve::run(&root, port, color),
        Command::New { kind, id, root } => new::run(&root, &kind, &id),
        Command::Schema { markdown } => schema::run(markdown),
    }
}
