//! `atlas diff OLD [NEW]`: what a change does to the published site. Each
//! side is a built site (a folder with index.html), a site root (a folder
//! with atlas.yaml, built into a temporary folder), or a Git revision of
//! the repository holding --root (its tree at that revision, built the
//! same way). NEW defaults to the site root as it is on disk.

use super::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::cli::DiffFormat;
use crate::diagnostics::{self, Format};
use crate::messages::Lang;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Why a side could not be built.
enum Failure {
    Usage(String),
    Content(String),
}

pub fn run(root: &Path, old: &str, new: Option<&str>, format: DiffFormat, color: bool, lang: Lang) -> i32 {
    let scratch = Scratch(std::env::temp_dir().join(format!("atlas-diff-{}", std::process::id())));
    let new_name = new.unwrap_or("working tree");
    let sides = (|| -> Result<(PathBuf, PathBuf), Failure> {
        let old_site = resolve(root, old, &scratch.0.join("old"), color, lang)?;
        let new_site = match new {
            Some(new) => resolve(root, new, &scratch.0.join("new"), color, lang)?,
            None => build(root, &scratch.0.join("new"), "the working tree", color, lang)?,
        };
        Ok((old_site, new_site))
    })();
    let (old_site, new_site) = match sides {
        Ok(s) => s,
        Err(Failure::Usage(m)) => {
            eprintln!("error: {m}");
            return USAGE_ERROR;
        }
        Err(Failure::Content(m)) => {
            eprint!("{m}");
            return CONTENT_ERROR;
        }
    };
    match crate::diff::compare(old, &old_site, new_name, &new_site) {
        Ok(report) => {
            print!("{}", if format == DiffFormat::Markdown { report.markdown() } else { report.text() });
            OK
        }
        Err(m) => {
            eprintln!("error: {m}");
            USAGE_ERROR
        }
    }
}

/// The built site that `side` names, building it into `scratch` if needed.
fn resolve(root: &Path, side: &str, scratch: &Path, color: bool, lang: Lang) -> Result<PathBuf, Failure> {
    let path = Path::new(side);
    if path.join("index.html").is_file() {
        return Ok(path.to_path_buf());
    }
    if path.join("atlas.yaml").is_file() {
        return build(path, scratch, side, color, lang);
    }
    let tree = checkout(root, side, &scratch.join("tree"))?;
    build(&tree, scratch, &format!("revision {side}"), color, lang)
}

/// Builds the site root `root` into `scratch/public`.
fn build(root: &Path, scratch: &Path, what: &str, color: bool, lang: Lang) -> Result<PathBuf, Failure> {
    let out = scratch.join("public");
    match crate::build(root, &out, &|_| {}) {
        Ok(_) => Ok(out),
        Err(crate::BuildError::Content(diags)) => {
            Err(Failure::Content(format!("{what} does not build:\n{}", diagnostics::render(&diags, Format::Human, color, lang))))
        }
        Err(crate::BuildError::Render(e)) => Err(Failure::Content(format!("{what} does not build: {e}\n"))),
        Err(crate::BuildError::Usage(m)) => Err(Failure::Usage(format!("{what}: {}", m.text(lang)))),
    }
}

/// The site root at Git revision `rev` of the repository holding `root`,
/// written into `into` (`git archive`, so the repository is not touched).
fn checkout(root: &Path, rev: &str, into: &Path) -> Result<PathBuf, Failure> {
    let git = |args: &[&str]| -> Result<String, Failure> {
        let out =
            Command::new("git").arg("-C").arg(root).args(args).output().map_err(|e| Failure::Usage(format!("cannot run git: {e}")))?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Err(Failure::Usage(format!(
                "`{rev}` is neither a built site (a folder with index.html), a site root (a folder with atlas.yaml) nor a Git revision of {}: {why}",
                root.display()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--verify", "--end-of-options", &format!("{rev}^{{commit}}")])?;
    // The site root may be a folder inside the repository.
    let prefix = git(&["rev-parse", "--show-prefix"])?;
    std::fs::create_dir_all(into).map_err(|e| Failure::Usage(format!("{}: {e}", into.display())))?;
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", &commit])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::Usage(format!("cannot run git archive: {e}")))?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(into)
        .stdin(archive.stdout.take().ok_or_else(|| Failure::Usage("git archive gave no output".into()))?)
        .status()
        .map_err(|e| Failure::Usage(format!("cannot run tar: {e}")))?;
    let archived = archive.wait().map_err(|e| Failure::Usage(format!("git archive: {e}")))?;
    if !archived.success() || !tar.success() {
        return Err(Failure::Usage(format!("could not unpack revision {rev} into {}", into.display())));
    }
    Ok(into.join(prefix))
}
