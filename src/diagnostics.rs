//! Content errors as the people who edit records see them: file, line,
//! column, field, what is wrong and what to do.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The front matter field concerned (e.g. `budgets[0].fiscal_year`), if any.
    pub field: Option<String>,
    pub message: String,
    /// What the author should do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), line: line.max(1), column: 1, field: None, message: message.into(), help: None }
    }
    pub fn column(mut self, column: usize) -> Self {
        self.column = column.max(1);
        self
    }
    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f = field.into();
        self.field = if f.is_empty() { None } else { Some(f) };
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Display path of a file relative to the site root.
pub fn display_path(root: &std::path::Path, path: &std::path::Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(|p| p.to_path_buf()).unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable messages, coloured on a terminal.
    Human,
    /// GitHub Actions `::error` annotations.
    Github,
    /// One JSON array of diagnostics.
    Json,
}

pub fn render(diags: &[Diagnostic], format: Format, color: bool) -> String {
    match format {
        Format::Human => human(diags, color),
        Format::Github => github(diags),
        Format::Json => serde_json::to_string_pretty(diags).unwrap_or_default() + "\n",
    }
}

fn human(diags: &[Diagnostic], color: bool) -> String {
    let (red, bold, cyan, reset) = if color { ("\x1b[1;31m", "\x1b[1m", "\x1b[36m", "\x1b[0m") } else { ("", "", "", "") };
    let mut out = String::new();
    for d in diags {
        let field = d.field.as_deref().map(|f| format!(" [{f}]")).unwrap_or_default();
        let _ = writeln!(out, "{bold}{}:{}:{}{reset}: {red}error{reset}{field}: {}", d.file, d.line, d.column, d.message);
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  {cyan}help{reset}: {help}");
        }
    }
    if !diags.is_empty() {
        let n = diags.len();
        let _ = writeln!(out, "{red}{n} error{}{reset} found; nothing was written.", if n == 1 { "" } else { "s" });
    }
    out
}

/// GitHub workflow commands need `%`, CR, LF escaped in the message and
/// additionally `,` and `:` in properties.
fn github(diags: &[Diagnostic]) -> String {
    fn esc(s: &str) -> String {
        s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    fn prop(s: &str) -> String {
        esc(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in diags {
        let title = d.field.as_deref().map(|f| format!(",title={}", prop(f))).unwrap_or_default();
        let mut msg = d.message.clone();
        if let Some(h) = &d.help {
            msg.push('\n');
            msg.push_str(h);
        }
        let _ = writeln!(out, "::error file={},line={},col={}{}::{}", prop(&d.file), d.line, d.column, title, esc(&msg));
    }
    out
}

/// "Did you mean …?" among candidates, by edit distance on normalized text.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = crate::text::normalize(word);
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&w, &crate::text::normalize(c)), c))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_format_escapes() {
        let d = Diagnostic::new("content/a,b.md", 3, "bad: 100%").field("x");
        let s = render(&[d], Format::Github, false);
        assert_eq!(s, "::error file=content/a%2Cb.md,line=3,col=1,title=x::bad: 100%25\n");
    }

    #[test]
    fn suggestion() {
        assert_eq!(did_you_mean("stage-9", ["stage-1", "phase"]), Some("stage-1"));
        assert_eq!(did_you_mean("zzzz", ["stage-1"]), None);
    }
}
