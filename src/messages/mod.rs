//! Every text the tool prints for people — diagnostics, their help lines,
//! summary lines, the serve overlay — in Japanese and English, from one
//! table (`catalogue.rs`). A message is a typed value (`Message`) with a
//! stable id, its `code` in JSON output, and is put into words only when it
//! is shown, in the language of the run (`Lang::resolve`).
//!
//! Each entry of the table must give both texts (the `catalogue!` macro
//! does not accept an entry without them), and a test checks that both use
//! the same arguments and that the Japanese one is Japanese.

mod catalogue;

pub use catalogue::Message;

/// The language of the messages of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// Environment variables that can choose the language, strongest first:
/// the tool's own, then the POSIX locale variables in their precedence.
pub const LANG_VARIABLES: [&str; 4] = ["ATLAS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// The language's tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language a locale or language tag asks for: `ja`, `ja_JP.UTF-8`
    /// → Japanese; `C`, `POSIX` and empty say nothing (they are the
    /// default of servers and CI, not a person's choice); any other
    /// language → English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let language = tag.split(['_', '.', '@', '-']).next().unwrap_or("").trim().to_ascii_lowercase();
        match language.as_str() {
            "" | "c" | "posix" => None,
            "ja" => Some(Lang::Ja),
            _ => Some(Lang::En),
        }
    }

    /// The language of a run: `--lang`, else the first of `LANG_VARIABLES`
    /// that names a language, else the site's `language` in atlas.yaml,
    /// else Japanese.
    pub fn resolve(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>, site_language: Option<&str>) -> Lang {
        flag.or_else(|| LANG_VARIABLES.iter().find_map(|v| env(v).as_deref().and_then(Lang::from_tag)))
            .or_else(|| site_language.and_then(Lang::from_tag))
            .unwrap_or_default()
    }

    /// `resolve` with the process environment.
    pub fn for_run(flag: Option<Lang>, site_language: Option<&str>) -> Lang {
        Lang::resolve(flag, |name| std::env::var(name).ok(), site_language)
    }
}

/// Carries a message through an error type that holds only text (serde's
/// `Error::custom` in a `Deserialize` impl); `recover` gets it back.
pub fn carry(message: &Message) -> String {
    format!("{CARRIED}{}", serde_json::to_string(message).unwrap_or_default())
}

/// The message `carry` put into `text`, if it holds one.
pub fn recover(text: &str) -> Option<Message> {
    let start = text.find(CARRIED)? + CARRIED.len();
    let mut stream = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Message>();
    stream.next()?.ok()
}

const CARRIED: &str = "\u{1}atlas-message:";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// `{name}` arguments of a format string.
    fn arguments(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).expect("closed argument");
            out.insert(rest[open + 1..close].split(':').next().unwrap_or("").to_string());
            rest = rest[close + 1..].to_string();
        }
        out
    }

    #[test]
    fn every_message_is_in_both_languages_with_the_same_arguments() {
        let mut codes = BTreeSet::new();
        for (code, ja, en) in Message::TABLE {
            assert!(codes.insert(*code), "the id {code} is used twice");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'), "{code}");
            assert!(!ja.trim().is_empty() && !en.trim().is_empty(), "{code} lacks a text");
            assert_eq!(arguments(ja), arguments(en), "{code}: the two texts use different arguments");
            let japanese = ja.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
            assert!(japanese, "{code}: the Japanese text is not Japanese: {ja}");
            assert_ne!(ja, en, "{code}: the English text is the Japanese one");
        }
    }

    #[test]
    fn language_follows_flag_then_environment_then_site() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::resolve(Some(Lang::En), env(&[("ATLAS_LANG", "ja")]), Some("ja")), Lang::En);
        assert_eq!(Lang::resolve(None, env(&[("ATLAS_LANG", "en"), ("LANG", "ja_JP.UTF-8")]), Some("ja")), Lang::En);
        assert_eq!(Lang::resolve(None, env(&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")]), None), Lang::Ja);
        assert_eq!(Lang::resolve(None, env(&[("LANG", "en_US.UTF-8")]), Some("ja")), Lang::En);
        // A server's or CI's C locale is no choice of language: the site's counts.
        assert_eq!(Lang::resolve(None, env(&[("LANG", "C.UTF-8"), ("LC_ALL", "")]), Some("ja")), Lang::Ja);
        assert_eq!(Lang::resolve(None, env(&[("LANG", "C")]), Some("en")), Lang::En);
        assert_eq!(Lang::resolve(None, env(&[]), None), Lang::Ja);
    }

    #[test]
    fn a_message_survives_being_carried_through_text() {
        let m = Message::NotAFiscalYear { value: "来年度".into() };
        let carried = format!("{} at line 3", carry(&m));
        assert_eq!(recover(&carried), Some(m));
        assert_eq!(recover("invalid type: string"), None);
    }
}
