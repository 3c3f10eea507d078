//! Splitting a record file into front matter and body, line by line (no
//! regular expressions): the file starts with a `---` line and the front
//! matter ends at the next line that is exactly `---`.

use crate::messages::Message;

/// A record file split into its parts.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub front: &'a str,
    /// 1-based file line of the first front matter line.
    pub front_line: usize,
    pub body: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SplitError {
    Empty,
    NoOpening,
    Unterminated,
}

impl SplitError {
    /// The message and its help.
    pub fn message(&self) -> (Message, Message) {
        match self {
            SplitError::Empty => (Message::FileEmpty, Message::FileEmptyHelp),
            SplitError::NoOpening => (Message::NoFrontMatter, Message::NoFrontMatterHelp),
            SplitError::Unterminated => (Message::FrontMatterUnclosed, Message::FrontMatterUnclosedHelp),
        }
    }
}

/// Splits `text` (already stripped of a byte-order mark). CRLF line ends work.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::NoOpening);
    }
    let front_start = (first_end + 1).min(text.len());
    let mut pos = front_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i).unwrap_or(text.len());
        if text[pos..end].trim_end_matches('\r') == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Split { front: &text[front_start..pos], front_line: 2, body: &text[body_start..] });
        }
        pos = end + 1;
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        let s = split("---\na: 1\n---\nbody\n").unwrap();
        assert_eq!(s.front, "a: 1\n");
        assert_eq!(s.body, "body\n");
        let s = split("---\r\na: 1\r\n---\r\nbody").unwrap();
        assert_eq!(s.front, "a: 1\r\n");
        assert_eq!(s.body, "body");
        assert_eq!(split("").unwrap_err(), SplitError::Empty);
        assert_eq!(split("a: 1\n").unwrap_err(), SplitError::NoOpening);
        assert_eq!(split("---\na: 1\n").unwrap_err(), SplitError::Unterminated);
        assert!(split("---\n---\n").is_ok());
    }
}
