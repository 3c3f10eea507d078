//! Markdown bodies to HTML: tables, footnotes, strikethrough and heading
//! anchors. Raw HTML in a body is shown as text, never passed through.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_FOOTNOTES).union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_HEADING_ATTRIBUTES);

pub fn to_html(markdown: &str) -> String {
    let mut events: Vec<Event> = Parser::new_ext(markdown, OPTIONS)
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
