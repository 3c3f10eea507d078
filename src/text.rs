//! Japanese text normalization: the one specification used for matching
//! taxonomy terms and, in the search index and the browser client, for
//! matching queries (see docs/search-normalization.md and
//! tests/vectors/normalize.json, which both implementations run).
//!
//! 1. Unicode NFKC (full-width ASCII and half-width katakana become their
//!    canonical forms: ＡＭＥＤ → AMED, ﾏｰｹﾃｨﾝｸﾞ → マーケティング).
//! 2. Lowercase, character by character.
//! 3. Hiragana → katakana (すたーとあっぷ → スタートアップ).
//! 4. Middle dots (・ · ‧) are dropped, so that 試作・治験 = 試作治験.
//! 5. A hyphen, dash or minus right after katakana or ー becomes the
//!    prolonged sound mark ー (スタ−トアップ → スタートアップ).
//! 6. Every run of whitespace becomes one ASCII space; ends trimmed.

use unicode_normalization::UnicodeNormalization;

pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    let mut fold = |c: char| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            return;
        }
        if is_middle_dot(c) {
            return;
        }
        let c = hiragana_to_katakana(c);
        let c = if is_dash(c) && !pending_space && out.chars().next_back().is_some_and(is_katakana) { '\u{30FC}' } else { c };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    };
    // Steps 1 and 2 leave most characters of a Japanese text as they are:
    // only the runs around the others go through NFKC. A run may end
    // before a plain character that another plain one follows: no
    // character composes with what precedes it, nor a plain one with a
    // plain one after it.
    let mut run = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if is_plain(c) && chars.peek().is_none_or(|&n| is_plain(n)) {
            run.nfkc().flat_map(char::to_lowercase).for_each(&mut fold);
            run.clear();
            fold(c);
        } else {
            run.push(c);
        }
    }
    run.nfkc().flat_map(char::to_lowercase).for_each(&mut fold);
    out
}

/// Characters that NFKC and lowercasing leave as they are and that compose
/// with nothing that follows a plain character: ASCII but capitals, kanji,
/// kana, 、 and 。 (the client's `isPlain`, which also leaves out whitespace
/// and `-` because its fast path skips steps 5 and 6; here they still go
/// through them).
fn is_plain(c: char) -> bool {
    matches!(c, '\0'..='@' | '['..='\u{7F}' | '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{3001}' | '\u{3002}')
}

fn hiragana_to_katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// ・ (U+30FB), · (U+00B7), ‧ (U+2027); half-width ･ is ・ after NFKC.
fn is_middle_dot(c: char) -> bool {
    matches!(c, '\u{30FB}' | '\u{00B7}' | '\u{2027}')
}

/// Hyphen-minus (also full-width －, after NFKC), hyphens, dashes, minus sign.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Katakana letters, ー and the katakana iteration marks.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}')
}

/// An ASCII slug for heading anchors; `None` when the text has no ASCII
/// letters or digits (Japanese headings get numbered anchors instead of
/// transliterations).
pub fn ascii_slug(input: &str) -> Option<String> {
    let mut slug = String::new();
    for c in input.nfkc().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    (!slug.is_empty()).then_some(slug)
}

/// Whether an id is a safe slug: lowercase ASCII letters and digits in
/// groups joined by single hyphens, at most 80 characters.
pub fn is_safe_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_kana() {
        assert_eq!(normalize("ﾏｰｹﾃｨﾝｸﾞ"), "マーケティング");
        assert_eq!(normalize("ＡＭＥＤ"), "amed");
        assert_eq!(normalize("すたーとあっぷ"), "スタートアップ");
        assert_eq!(normalize("  医工\u{3000}連携  "), "医工 連携");
    }

    /// The vectors the browser client's tests run too.
    #[test]
    fn shared_vectors() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../tests/vectors/normalize.json")).unwrap();
        let vectors = file["vectors"].as_array().unwrap();
        assert!(vectors.len() >= 20);
        for v in vectors {
            let (input, expected) = (v["input"].as_str().unwrap(), v["expected"].as_str().unwrap());
            assert_eq!(normalize(input), expected, "{}: {input:?}", v["note"]);
        }
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        for s in ["ﾏｰｹﾃｨﾝｸﾞ・ＡＭＥＤ", "すた－と あっぷ", "（経）段階⑤", "ア ー"] {
            assert_eq!(normalize(&normalize(s)), normalize(s));
        }
    }

    #[test]
    fn slugs() {
        assert!(is_safe_slug("city-saitama"));
        assert!(!is_safe_slug("City"));
        assert!(!is_safe_slug("../x"));
        assert!(!is_safe_slug("a--b"));
        assert!(!is_safe_slug("-a"));
        assert!(!is_safe_slug("ａ"));
        assert_eq!(ascii_slug("MEDISO の概要"), Some("mediso".into()));
        assert_eq!(ascii_slug("概要"), None);
    }
}
