//! Minification. Pages are minified with minify-html, but not page by page:
//! each template is minified once, when the theme is loaded, with its Tera
//! tags held out as opaque placeholders, so that a page rendered from it
//! comes out minified. Minifying every rendered page instead took two fifths
//! of a build's CPU time. HTML inserted unescaped (record bodies) is
//! minified where it is made (`minify_fragment`). Stylesheets and scripts
//! of the theme are minified once, before they are hashed (`minify_asset`).
//!
//! A template is minified this way only when that is safe: its Tera tags
//! stand in text or inside quoted attribute values, never between a tag's
//! attributes (minify-html reorders attributes), and every tag survives
//! minification unchanged. A theme with a template that is not safe is
//! minified page by page instead (same output, slower).

/// The settings every page is minified with.
pub fn config() -> minify_html::Cfg {
    minify_html::Cfg { minify_css: true, keep_closing_tags: true, keep_html_and_head_opening_tags: true, ..Default::default() }
}

/// Minifies an HTML fragment (or page) as it will be published.
pub fn minify_fragment(html: &str) -> String {
    String::from_utf8(minify_html::minify(html.as_bytes(), &config())).unwrap_or_else(|_| html.to_string())
}

/// A theme asset as published: stylesheets minified with lightningcss,
/// scripts with oxc's minifier (whitespace, comments, local names), other
/// files as they are. An asset that does not parse is an error naming the
/// file and place, not a file shipped as it was.
pub fn minify_asset(path: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = || std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text: {e}"));
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => minify_css(text()?).map(String::into_bytes).map_err(|e| format!("{path}:{e}")),
        Some("js") => minify_js(text()?).map(String::into_bytes).map_err(|e| format!("{path}: {e}")),
        _ => Ok(bytes.to_vec()),
    }
}

fn minify_css(source: &str) -> Result<String, String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let mut sheet = StyleSheet::parse(source, ParserOptions::default()).map_err(|e| e.to_string())?;
    sheet.minify(MinifyOptions::default()).map_err(|e| e.to_string())?;
    Ok(sheet.to_css(PrinterOptions { minify: true, ..Default::default() }).map_err(|e| e.to_string())?.code)
}

/// A classic script (not a module): oxc's safest compression, local names
/// mangled, comments and whitespace removed.
fn minify_js(source: &str) -> Result<String, String> {
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::cjs()).parse();
    if let Some(error) = parsed.errors.first() {
        let at = error.labels.as_ref().and_then(|l| l.first()).map(|l| l.offset()).unwrap_or(0);
        let line = source[..at.min(source.len())].matches('\n').count() + 1;
        return Err(format!("line {line}: {error}"));
    }
    let mut program = parsed.program;
    let options = MinifierOptions { mangle: Some(MangleOptions::default()), compress: Some(CompressOptions::safest()) };
    let minified = Minifier::new(options).minify(&allocator, &mut program);
    // The mangled names live in the scoping the minifier returns.
    Ok(oxc_codegen::Codegen::new().with_options(oxc_codegen::CodegenOptions::minify()).with_scoping(minified.scoping).build(&program).code)
}

// A placeholder is the tag's number between two private-use characters.
// The space inside keeps an attribute value that holds a tag quoted (the
// rendered value may contain spaces). In text, a statement (`{% … %}`) or a
// comment (`{# … #}`) renders nothing: its placeholder is an HTML comment,
// which minify-html keeps but looks through, so that whitespace around it is
// removed wherever whitespace between the elements would be.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The template minified, or `None` when it cannot be minified without
/// changing what it renders.
pub fn minify_template(source: &str) -> Option<String> {
    if source.contains(OPEN) || source.contains(CLOSE) || source.contains("{% raw") || source.contains("{%- raw") {
        return None;
    }
    let (text, tags) = hold_out_tags(source)?;
    let cfg = minify_html::Cfg { keep_comments: true, ..config() };
    let minified = String::from_utf8(minify_html::minify(text.as_bytes(), &cfg)).ok()?;
    put_back_tags(&minified, &tags)
}

/// Where the scan of a template stands.
#[derive(Clone, Copy, PartialEq)]
enum At {
    Text,
    /// Between `<name` and `>`; with the name of a raw-text element
    /// (`script`, `style`) whose content follows.
    Tag(Option<&'static str>),
    Quoted(char, Option<&'static str>),
    Comment,
    /// Inside a `script` or `style` element, where `<` and `<!--` are text.
    Raw(&'static str),
}

/// The raw-text element (`script`, `style`) whose start or end tag (after
/// `<` or `</`) begins `s`.
fn raw_element(s: &str) -> Option<&'static str> {
    ["script", "style"].into_iter().find(|name| {
        s.get(..name.len()).is_some_and(|p| p.eq_ignore_ascii_case(name))
            && !s[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The template with every `{{ … }}`, `{% … %}` and `{# … #}` replaced by a
/// placeholder and its HTML comments dropped (the placeholders of
/// statements are comments that must stay), with the tags in order. `None`
/// for a tag between a tag's attributes (minify-html reorders attributes),
/// a tag inside an HTML comment or a tag that is not closed.
fn hold_out_tags(source: &str) -> Option<(String, Vec<&str>)> {
    let mut text = String::with_capacity(source.len() + 64);
    let mut tags = Vec::new();
    let mut at = At::Text;
    let mut i = 0;
    while let Some(c) = source[i..].chars().next() {
        let rest = &source[i..];
        if rest.starts_with("{{") || rest.starts_with("{%") || rest.starts_with("{#") {
            let tag = &rest[..tag_length(rest)?];
            let n = tags.len();
            match at {
                At::Text if !tag.starts_with("{{") => text.push_str(&format!("<!--{OPEN}{n} {CLOSE}-->")),
                At::Text | At::Quoted(..) | At::Raw(_) => text.push_str(&format!("{OPEN}{n} {CLOSE}")),
                At::Tag(_) | At::Comment => return None,
            }
            tags.push(tag);
            i += tag.len();
            continue;
        }
        let next = rest[c.len_utf8()..].chars().next();
        at = match at {
            At::Text if rest.starts_with("<!--") => {
                i += 4;
                At::Comment
            }
            At::Comment if rest.starts_with("-->") => {
                i += 3;
                At::Text
            }
            At::Comment => {
                i += c.len_utf8();
                At::Comment
            }
            _ => {
                text.push(c);
                i += c.len_utf8();
                let after = &source[i..];
                match at {
                    At::Text if c == '<' && next.is_some_and(|n| n.is_ascii_alphabetic()) => At::Tag(raw_element(after)),
                    At::Text if c == '<' && next == Some('/') => At::Tag(None),
                    At::Raw(name) if c == '<' && after.strip_prefix('/').and_then(raw_element) == Some(name) => At::Tag(None),
                    At::Tag(raw) if c == '>' => raw.map_or(At::Text, At::Raw),
                    At::Tag(raw) if c == '"' || c == '\'' => At::Quoted(c, raw),
                    At::Quoted(q, raw) if c == q => At::Tag(raw),
                    other => other,
                }
            }
        };
    }
    Some((text, tags))
}

/// Length of the Tera tag at the start of `s`, string literals skipped;
/// `None` if it is not closed.
fn tag_length(s: &str) -> Option<usize> {
    let close = match &s[..2] {
        "{{" => "}}",
        "{%" => "%}",
        _ => return s.find("#}").map(|i| i + 2),
    };
    let mut quote = None;
    for (i, c) in s.char_indices().skip(2) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if s[i..].starts_with(close) => return Some(i + 2),
            None => {}
        }
    }
    None
}

/// The minified text with its tags back in place; `None` unless every
/// placeholder came through once and unchanged.
fn put_back_tags(minified: &str, tags: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(minified.len() + tags.iter().map(|t| t.len()).sum::<usize>());
    let mut seen = vec![false; tags.len()];
    let unwrapped = minified.replace(&format!("<!--{OPEN}"), &OPEN.to_string()).replace(&format!("{CLOSE}-->"), &CLOSE.to_string());
    let mut rest = unwrapped.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let end = after.find(CLOSE)?;
        let n: usize = after[..end].strip_suffix(' ')?.parse().ok()?;
        if std::mem::replace(seen.get_mut(n)?, true) {
            return None;
        }
        out.push_str(tags[n]);
        rest = &after[end + CLOSE.len_utf8()..];
    }
    if rest.contains(CLOSE) || seen.contains(&false) {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_come_back_in_minified_markup() {
        let t = "<ul class=\"list\">\n  {% for x in xs %}\n  <li><a href=\"{{ x.url }}\" title='{{ x[\"t\"] }}'>{{ x.name }}</a></li>\n  {% endfor %}\n</ul>\n";
        let m = minify_template(t).unwrap();
        assert_eq!(
            m,
            "<ul class=list>{% for x in xs %}<li><a href=\"{{ x.url }}\" title=\"{{ x[\"t\"] }}\">{{ x.name }}</a></li>{% endfor %}</ul>"
        );
    }

    #[test]
    fn attribute_values_holding_tags_stay_quoted() {
        let m = minify_template("<meta name=\"description\" content=\"{{ d }}\">").unwrap();
        assert!(m.contains("content=\"{{ d }}\""), "{m}");
    }

    #[test]
    fn string_literals_may_hold_closing_braces() {
        let m = minify_template("<p>{{ \"}}\" ~ a }} {% if b == \"%}\" %}x{% endif %}</p>").unwrap();
        assert_eq!(m, "<p>{{ \"}}\" ~ a }} {% if b == \"%}\" %}x{% endif %}</p>");
    }

    #[test]
    fn script_content_is_text() {
        let t = "<script type=\"application/ld+json\">{{ a | safe }}</script><script>if (a<b) { x('<!-- {{ c }} -->'); }</script><p>{{ d }}</p>";
        let m = minify_template(t).unwrap();
        assert_eq!(
            m,
            "<script type=application/ld+json>{{ a | safe }}</script><script>if (a<b) { x('<!-- {{ c }} -->'); }</script><p>{{ d }}</p>"
        );
    }

    #[test]
    fn unsafe_templates_are_left_alone() {
        // Between attributes: minify-html would reorder the pieces.
        assert_eq!(minify_template("<a href=\"/\"{% if c %} aria-current=\"page\"{% endif %}>x</a>"), None);
        // A tag inside an HTML comment (minify-html drops comments).
        assert_eq!(minify_template("<!-- {{ x }} --><p>y</p>"), None);
        // Not closed.
        assert_eq!(minify_template("<p>{{ x </p>"), None);
        assert_eq!(minify_template("{% raw %}{{ x }}{% endraw %}"), None);
    }

    #[test]
    fn assets_are_minified_and_broken_ones_named() {
        let css = minify_asset("a.css", b"/* c */\n.a {\n  color: #ff0000;\n}\n").unwrap();
        assert_eq!(String::from_utf8(css).unwrap(), ".a{color:red}");
        let js = String::from_utf8(
            minify_asset("a.js", b"// c\n(function () {\n  const longName = 1;\n  window.x = longName + 1;\n})();\n").unwrap(),
        )
        .unwrap();
        assert!(!js.contains("longName") && !js.contains("// c") && js.len() < 40, "{js}");
        assert_eq!(minify_asset("a.svg", b"<svg/>\n").unwrap(), b"<svg/>\n");
        let err = minify_asset("s.js", b"let a = 1;\nlet = = 2;\n").unwrap_err();
        assert!(err.starts_with("s.js: line 2"), "{err}");
    }

    #[test]
    fn the_default_theme_is_minified_template_by_template() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut failed = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if minify_template(&std::fs::read_to_string(&path).unwrap()).is_none() {
                failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
        assert!(failed.is_empty(), "templates minified page by page: {failed:?}");
    }
}
