//! Hostile content: XSS payloads in every kind of field and in Markdown must
//! come out as text, never as markup.

mod common;
use common::{Fixture, stderr};

const PAYLOADS: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "</title></script><script>alert(3)</script>",
    "<svg onload=alert(4)>",
    "</textarea><iframe src=javascript:alert(5)>",
];

fn yaml_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn hostile_site() -> Fixture {
    let f = Fixture::with_records();
    let p = |i: usize| yaml_quoted(&format!("攻撃{i} {}", PAYLOADS[i % PAYLOADS.len()]));
    // A label that starts with words of its own, the payload inside one pair of quotes.
    let budget_label = format!("\"予算額 {}\"", &p(6)[1..p(6).len() - 1]);
    f.write(
        "content/programs/hostile.md",
        &format!(
            "---\nid: hostile\nname: {}\nshort_name: {}\nsummary: {}\nowner: city-saitama\nperiod: {}\ntargets: {}\nnote: {}\n\
             budgets:\n  - fiscal_year: 2023\n    label: {}\n    amount: 1,024百万円\n\
             facts:\n  - label: {}\n    value: {}\n    as_of: {}\n\
             sources:\n  - source: saitama-strategy-meeting-2017\n    section: {}\nupdated: 2026-01-01\n---\n\
             ## 本文\n\n<script>alert(5)</script>\n\n<a href=\"#x\" onmouseover=\"alert(6)\">リンク</a>\n\n<img src=x onerror=alert(8)>\n\n<div onclick=\"alert(9)\" style=\"x\">div</div>\n",
            p(0), p(1), p(2), p(3), p(4), p(5), budget_label, p(8), p(9), p(10), p(11)
        ),
    );
    f
}

#[test]
fn payloads_are_escaped_everywhere() {
    let f = hostile_site();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(f.path("public")).into_iter().map(|e| e.unwrap()) {
        let name = entry.path().to_string_lossy().into_owned();
        if !name.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        for el in doc.select(&scraper::Selector::parse("*").unwrap()) {
            let tag = el.value().name();
            assert!(!matches!(tag, "img" | "iframe" | "object" | "embed"), "<{tag}> in {name}");
            // The only SVG is the map the generator draws.
            assert!(tag != "svg" || name.ends_with("/map/index.html"), "<svg> in {name}");
            if tag == "script" {
                let v = el.value();
                assert!(v.attr("src").is_some() || v.attr("type") == Some("application/ld+json"), "inline script in {name}: {}", el.html());
                // Data blocks must stay data: valid JSON, with no markup inside.
                let inner = el.inner_html();
                if v.attr("src").is_some() {
                    assert!(inner.trim().is_empty(), "script with src and a body in {name}");
                } else {
                    assert!(!inner.contains('<'), "markup inside JSON-LD in {name}");
                    serde_json::from_str::<serde_json::Value>(&inner).unwrap_or_else(|e| panic!("JSON-LD in {name}: {e}"));
                }
            }
            for (attr, value) in el.value().attrs() {
                assert!(!attr.starts_with("on"), "event handler {attr} in {name}");
                assert!(attr != "style", "style attribute in {name}");
                assert!(!value.trim().to_ascii_lowercase().starts_with("javascript:"), "javascript: URL in {name}");
            }
        }
        checked += 1;
    }
    assert!(checked > 50);
    let page = f.read("public/programs/hostile/index.html");
    assert!(
        page.contains("攻撃0 &lt;script>alert(1)&lt;/script>") || page.contains("攻撃0 &lt;script&gt;alert(1)&lt;/script&gt;"),
        "name shown as text"
    );
    assert!(page.contains("リンク"), "harmless text of sanitized markup stays");
}
