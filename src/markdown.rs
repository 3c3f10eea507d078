//! Markdown bodies to HTML: tables, footnotes, strikethrough and heading
//! anchors. Raw HTML in a body is allowed only as far as the sanitizer
//! (ammonia) lets it through: no scripts, event handlers, styles, frames or
//! `javascript:` links.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_FOOTNOTES).union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_HEADING_ATTRIBUTES);

pub fn to_html(markdown: &str) -> String {
    let mut events: Vec<Event> = Parser::new_ext(markdown, OPTIONS)
        .map(|event| match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !is_safe_link(&dest_url) => {
                Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed("#"), title, id })
            }
            // Images would load from other origins: show them as links.
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = if is_safe_link(&dest_url) { dest_url } else { CowStr::Borrowed("#") };
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            other => other,
        })
        .collect();
    add_heading_anchors(&mut events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if may_contain_html(markdown) { sanitizer().clean(&out).to_string() } else { out }
}

/// Bodies without `<` cannot contain raw HTML; they skip the sanitizer,
/// which re-parses the whole document.
fn may_contain_html(markdown: &str) -> bool {
    markdown.contains('<')
}

/// The sanitizer for bodies with raw HTML: ammonia's safe defaults, plus the
/// attributes our own Markdown output uses (heading anchors, footnotes,
/// table alignment).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        // Images would load from other origins; bodies are text.
        b.rm_tags(["img"]);
        b.add_generic_attributes(["id", "class"]).add_tag_attributes("th", ["align"]).add_tag_attributes("td", ["align"]);
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        b
    });
    &BUILDER
}

/// Links may be relative, fragments, or http(s)/mailto/tel.
fn is_safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(i) => {
            let scheme = &lower[..i];
            // A colon after a slash, ? or # is part of a path, not a scheme.
            scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Gives every heading without an explicit `{#id}` an ASCII anchor: a slug
/// of its ASCII words, or `section-N` for Japanese-only headings.
fn add_heading_anchors(events: &mut [Event]) {
    let mut used = std::collections::HashSet::new();
    let mut n = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, level, .. }) = &events[i] {
            let level: HeadingLevel = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            n += 1;
            let mut anchor = crate::text::ascii_slug(&text).unwrap_or_else(|| format!("section-{n}"));
            if !used.insert(anchor.clone()) {
                anchor = format!("{anchor}-{n}");
                used.insert(anchor.clone());
            }
            if let Event::Start(Tag::Heading { classes, attrs, .. }) = &events[i] {
                events[i] = Event::Start(Tag::Heading { level, id: Some(anchor.into()), classes: classes.clone(), attrs: attrs.clone() });
            }
        } else if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[i] {
            used.insert(id.to_string());
        }
        i += 1;
    }
}

/// The text of a body without markup, one line per block (paragraph,
/// heading, list item, table cell), for search indexing and snippets.
pub fn to_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock)
                if !out.ends_with('\n') && !out.is_empty() =>
            {
                out.push('\n');
            }
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Anchors (`id` attributes) a rendered body defines, for link checking.
pub fn anchors(html: &str) -> Vec<String> {
    html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}

/// Destinations of the links and images of a body, with the byte offset
/// where each starts, for link checking.
pub fn links(markdown: &str) -> Vec<(String, usize)> {
    Parser::new_ext(markdown, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some((dest_url.into_string(), range.start)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features() {
        let html = to_html("## 概要\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n注[^1]\n\n[^1]: 脚注\n\n## MEDISO とは\n");
        assert!(html.contains("<h2 id=\"section-1\">概要</h2>"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("footnote"));
        assert!(html.contains("id=\"mediso\""));
        let img = to_html("![図](https://example.com/a.png)");
        assert!(!img.contains("<img") && img.contains("<a href=\"https://example.com/a.png\">図</a>"), "{img}");
    }

    #[test]
    fn plain_text() {
        assert_eq!(to_text("## 概要\n\n**医工**連携の\n`AMED` 事業。\n\n- 一\n- 二\n"), "概要\n医工連携の AMED 事業。\n一\n二");
    }

    #[test]
    fn raw_html_is_sanitized() {
        let html = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <a href=\"JaVaScRiPt:alert(1)\">y</a>\n\n<b style=\"color:red\" onclick=\"x()\">太字</b><iframe src=\"https://evil.example\"></iframe>\n\n## 見出し\n",
        );
        for bad in ["<script", "onerror", "javascript:", "JaVaScRiPt", "onclick", "style=", "<iframe"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<b>太字</b>"), "harmless markup stays: {html}");
        assert!(html.contains("<h2 id=\"section-1\">見出し</h2>"), "anchors survive sanitizing: {html}");
    }
}
