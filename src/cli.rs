//! Command-line interface definition.

use crate::diagnostics::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Build and check 医工連携支援アトラス, a static site of Japan's support
/// programs for medical, care and health products.
///
/// Exit codes: 0 success, 1 content or build errors, 2 usage errors.
#[derive(Debug, Parser)]
#[command(name = "atlas", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour in messages: auto (only on a terminal, and not when NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: validate every record, render all pages and the search
    /// index, and replace the output folder only if everything succeeded.
    Build {
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (replaced as a whole when the build succeeds).
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Validate every record, taxonomy and source document without writing
    /// anything; exits with 1 if any error is found.
    Check {
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format: human (readable), github (GitHub Actions annotations), json.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}
