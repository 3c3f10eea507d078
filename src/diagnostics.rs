//! Content errors as the people who edit records see them: file, line,
//! column, field, what is wrong and what to do.

use crate::messages::{Lang, Message};
use std::fmt::Write as _;
use std::path::PathBuf;

/// A problem in an input file. Its message and help are catalogue entries,
/// put into words when shown (`render`), in the language of the run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    /// 1-based, in characters (as editors and GitHub count columns).
    pub column: usize,
    /// The front matter field concerned (e.g. `budgets[0].fiscal_year`), if any.
    pub field: Option<String>,
    /// Boxed, like `help`: diagnostics travel in `Result`s, and a message
    /// with its arguments is large.
    pub message: Box<Message>,
    /// What the author should do about it.
    pub help: Option<Box<Message>>,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: usize, message: Message) -> Self {
        Diagnostic { file: file.into(), line: line.max(1), column: 1, field: None, message: Box::new(message), help: None }
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
    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    /// The diagnostic as JSON (`atlas check --format json`, the serve
    /// overlay): `code` is the message id, stable across languages.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.message.code(),
            "message": self.message.text(lang),
            "help": self.help.as_ref().map(|h| h.text(lang)),
        })
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

/// The diagnostics in `format`; the summary line under them is the
/// command's (only it knows what was or was not written).
pub fn render(diags: &[Diagnostic], format: Format, color: bool, lang: Lang) -> String {
    match format {
        Format::Human => human(diags, color, lang),
        Format::Github => github(diags, lang),
        Format::Json => {
            let all: Vec<serde_json::Value> = diags.iter().map(|d| d.to_json(lang)).collect();
            serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
        }
    }
}

/// Colours of the human output (none off a terminal).
pub struct Style {
    pub red: &'static str,
    pub bold: &'static str,
    pub cyan: &'static str,
    pub reset: &'static str,
}

impl Style {
    pub fn new(color: bool) -> Style {
        if color {
            Style { red: "\x1b[1;31m", bold: "\x1b[1m", cyan: "\x1b[36m", reset: "\x1b[0m" }
        } else {
            Style { red: "", bold: "", cyan: "", reset: "" }
        }
    }
}

fn human(diags: &[Diagnostic], color: bool, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let place = format!("{}:{}:{}", d.file, d.line, d.column);
        out.push_str(&located(&place, d.field.as_deref(), &d.message, d.help.as_deref(), color, lang));
    }
    out
}

/// One error as people read it, at a place (`file:line:column`, or a
/// sheet's cell such as `programs!F12`): `place: error [field]: …` and a
/// help line, each ending with a line break.
pub fn located(place: &str, field: Option<&str>, message: &Message, help: Option<&Message>, color: bool, lang: Lang) -> String {
    let Style { red, bold, cyan, reset } = Style::new(color);
    let field = field.map(|f| format!(" [{f}]")).unwrap_or_default();
    let mut out = format!("{bold}{place}{reset}: {red}{}{reset}{field}: {}\n", Message::LabelError.text(lang), message.text(lang));
    if let Some(help) = help {
        let _ = writeln!(out, "  {cyan}{}{reset}: {}", Message::LabelHelp.text(lang), help.text(lang));
    }
    out
}

/// A summary line in the error colour (`N errors found…`).
pub fn error_summary(message: &Message, color: bool, lang: Lang) -> String {
    let Style { red, reset, .. } = Style::new(color);
    format!("{red}{}{reset}\n", message.text(lang))
}

/// A problem that has no place in a file (a usage error, a failed write):
/// `error: …` and its help line, in the run's language.
pub fn error_line(message: &Message, help: Option<&Message>, color: bool, lang: Lang) -> String {
    let Style { red, cyan, reset, .. } = Style::new(color);
    let mut out = format!("{red}{}{reset}: {}", Message::LabelError.text(lang), message.text(lang));
    if let Some(help) = help {
        let _ = write!(out, "\n  {cyan}{}{reset}: {}", Message::LabelHelp.text(lang), help.text(lang));
    }
    out
}

/// GitHub workflow commands need `%`, CR, LF escaped in the message and
/// additionally `,` and `:` in properties.
fn github(diags: &[Diagnostic], lang: Lang) -> String {
    fn esc(s: &str) -> String {
        s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
    }
    fn prop(s: &str) -> String {
        esc(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for d in diags {
        let title = d.field.as_deref().map(|f| format!(",title={}", prop(f))).unwrap_or_default();
        let mut msg = d.message.text(lang);
        if let Some(h) = &d.help {
            msg.push('\n');
            msg.push_str(&h.text(lang));
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
        let d = Diagnostic::new("content/a,b.md", 3, Message::EmptyText { field: "bad: 100%".into() }).field("x");
        let s = render(&[d], Format::Github, false, Lang::En);
        assert_eq!(s, "::error file=content/a%2Cb.md,line=3,col=1,title=x::`bad: 100%25` is empty\n");
    }

    #[test]
    fn suggestion() {
        assert_eq!(did_you_mean("stage-9", ["stage-1", "phase"]), Some("stage-1"));
        assert_eq!(did_you_mean("zzzz", ["stage-1"]), None);
    }
}
