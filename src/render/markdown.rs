//! Markdown bodies to HTML: tables, footnotes, strikethrough and heading
//! anchors. Raw HTML in a body is shown as text, never passed through.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options)
        .map(|event| match event {
            // Raw HTML becomes visible text: record bodies are written by many
            // people and must not be able to inject markup or scripts.
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !is_safe_link(&dest_url) => {
                Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed("#"), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) if !is_safe_link(&dest_url) => {
                Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id })
            }
            other => other,
        })
        .collect();
    add_heading_anchors(&mut events);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
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
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock) => {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
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
    }

    #[test]
    fn plain_text() {
        assert_eq!(to_text("## 概要\n\n**医工**連携の\n`AMED` 事業。\n\n- 一\n- 二\n"), "概要\n医工連携の AMED 事業。\n一\n二");
    }

    #[test]
    fn raw_html_and_script_links_are_neutralized() {
        let html = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }
}
