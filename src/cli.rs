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
    /// Language of messages: ja (Japanese) or en (English). Without it, the
    /// first of ATLAS_LANG, LC_ALL, LC_MESSAGES and LANG that names a
    /// language decides (C and POSIX name none), then the site's `language`
    /// in atlas.yaml. JSON output keeps a stable `code` in both.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<crate::messages::Lang>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How `atlas import` shows its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Human,
    Json,
}

const EXPORT_HELP: &str = "\
Exit codes: 0 written, 1 the records have errors (run `atlas check`) or the
file cannot be written (nothing was replaced), 2 usage errors (e.g. a name
not ending in .xlsx).

Examples:
  atlas export --xlsx atlas.xlsx
  atlas export --xlsx ~/Desktop/atlas.xlsx --root path/to/site
  atlas --lang en export --xlsx atlas.xlsx --color never";

const IMPORT_HELP: &str = "\
Exit codes: 0 imported (or, with --dry-run, nothing wrong), 1 errors in the
file or its rows, or a failed write (nothing was written either way), 2 usage
errors (no such file, not a site root, a --date that is not a past date).

Cell forms (docs/authoring.md, \"Excel で更新する\"): several values joined
with ; (stage-4;stage-5); budgets, facts and sources one per line, their parts
joined with \" | \" (2023 | 令和5年度予算額 | 1,024百万円); \\| for a | inside a
part; dates YYYY-MM-DD; true or false.

Examples:
  atlas import atlas.xlsx --dry-run     what would change, writing nothing
  atlas import atlas.xlsx               write the changes
  atlas import programs.csv             one kind, from the site's /data/
  atlas import atlas.xlsx --delete-missing
  atlas import atlas.xlsx --date 2026-12-01 --root path/to/site
  atlas --lang en import atlas.xlsx --format json --color never";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: validate every record, render all pages and the search
    /// index, and replace the output folder only if everything succeeded.
    /// With a `cms:` section in atlas.yaml (backend, repo, branch,
    /// local_backend; see docs/authoring.md), also the browser editor at
    /// /admin/, its form generated from the record schema.
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
        /// After the summary, print how long each stage took: loading and
        /// linking, each renderer (html, search, open data, …; they run side
        /// by side, so their times overlap), and swapping the output folder
        /// in.
        #[arg(long, conflicts_with = "quiet")]
        timings: bool,
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
    /// Show what a change does to the published site: records added,
    /// changed (with the fields that changed) and removed, pages added,
    /// changed and removed, and links to missing pages that the change
    /// introduces. OLD and NEW are each a built site (a folder with
    /// index.html), a site root (a folder with atlas.yaml) or a Git
    /// revision of the repository holding --root (e.g. main, HEAD~1,
    /// origin/main), built into a temporary folder with this atlas.
    Diff {
        /// The site before the change.
        old: String,
        /// The site after the change (default: the site root as it is on disk).
        new: Option<String>,
        /// Site root: the folder with atlas.yaml; Git revisions are read from its repository.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format: text (for a terminal or log) or markdown (for a pull-request comment or a job summary).
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Build the site into memory and serve it at http://127.0.0.1:PORT/ for
    /// previewing; rebuild on every change to content/, seeds/, themes/,
    /// templates/, static/ or atlas.yaml and reload the open page. Errors
    /// are shown in the terminal and over the page; the last good site stays
    /// served. Nothing is written to disk.
    Serve {
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port on 127.0.0.1; 0 picks any free port.
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Write a new record, content/<kind>s/<id>.md, with every field present
    /// and explained. Its placeholders, provisional values and template body
    /// are refused by `atlas check` and `atlas build` until they are replaced.
    New {
        /// Kind of record.
        #[arg(value_parser = ["program", "organization", "place", "case"])]
        kind: String,
        /// Id of the new record: lowercase ASCII letters, digits and single hyphens (e.g. city-saitama).
        id: String,
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write every record into one Excel workbook: a sheet per kind
    /// (programs, organizations, places, cases), a row per record, the
    /// published CSVs' column names, each header explained in its note
    /// (Japanese label, whether required, what it takes), drop-down lists of
    /// terms and record ids (from the sheet 選択肢), the header row and id
    /// column frozen. Cells that start like a formula are kept as text.
    /// Edit it and bring the changes back with `atlas import`. The built
    /// site publishes the same workbook as /data/atlas.xlsx.
    #[command(after_help = EXPORT_HELP)]
    Export {
        /// The workbook to write (a name ending in .xlsx); an existing file
        /// is replaced only once the new one is complete.
        #[arg(long, value_name = "FILE")]
        xlsx: PathBuf,
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Bring edits back from a workbook written by `atlas export --xlsx` or
    /// downloaded from /data/atlas.xlsx (or from a published CSV such as
    /// programs.csv): one row per record, found by its id. Every row is
    /// checked as `atlas check` does; if any cell is wrong, every error is
    /// shown with its sheet, cell and field (`programs!F12 [stages]: …`)
    /// and what to do, and nothing is written. Unchanged records are left
    /// untouched byte for byte; changed ones keep their body and the order
    /// of their fields; new rows become new records. A record that a row
    /// changes or adds gets `updated` set to the date of the import (today,
    /// or --date), unless the row's `updated` cell gives a later date of
    /// its own: an empty cell, or one older than the record's (from a
    /// workbook exported before an earlier import), is no edit, and
    /// `updated` never goes back. A row that adds an entry to `changes`
    /// dates the update with that entry's date; an entry written without a
    /// date (` | what changed`) gets the day of the import. Sheets that are
    /// not a kind's are skipped;
    /// one named almost like a kind's missing sheet (a download saved as
    /// `programs (1).csv`) is an error.
    #[command(after_help = IMPORT_HELP)]
    Import {
        /// The .xlsx workbook or .csv file to read (a CSV is the sheet its
        /// name says: programs.csv, organizations.csv, places.csv, cases.csv).
        file: PathBuf,
        /// Site root: the folder with atlas.yaml, content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check everything and say what would be added, changed and
        /// deleted, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Delete the records of the kinds in the file whose rows are
        /// missing (without it, they are kept). A deletion that leaves a
        /// reference to the deleted record is refused like any other error.
        #[arg(long)]
        delete_missing: bool,
        /// The date of the import, YYYY-MM-DD (default: today; not later
        /// than today): what `updated` becomes in the records the import
        /// changes or adds whose `updated` cell was not edited.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Output of errors: human (readable, on stderr) or json (one JSON
        /// array on stdout, each error with its sheet, cell, field and a
        /// `code` that stays the same in every language). The summary line
        /// goes to stderr in both.
        #[arg(long, value_enum, default_value_t = ImportFormat::Human)]
        format: ImportFormat,
    },
    /// Print the JSON Schema of record front matter (for editors such as the
    /// YAML language server); docs/atlas.schema.json is a copy of it.
    Schema {
        /// Print the field reference in Markdown instead (docs/fields.md).
        #[arg(long)]
        markdown: bool,
    },
}
