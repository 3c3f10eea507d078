//! End-to-end builds of fixture sites.

mod common;
use common::{Fixture, stderr};
use std::collections::BTreeMap;
use std::path::Path;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn timings_name_every_stage_after_the_summary() {
    let f = Fixture::with_records();
    let out = f.atlas(&["build", "--timings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("Built 4 records"), "{err}");
    for stage in ["load and link", "html", "search", "opendata", "sitemap", "swap in"] {
        assert!(lines.iter().any(|l| l.trim_start().starts_with(stage) && l.trim_end().ends_with('s')), "{stage} in {err}");
    }
    assert_eq!(f.atlas(&["build", "--timings", "--quiet"]).status.code(), Some(2), "--timings and --quiet conflict");
}

#[test]
fn builds_every_page_type() {
    let f = Fixture::with_records();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stderr(&out);
    assert!(summary.contains("Built 4 records into") && summary.contains("search index"), "{summary}");
    assert_eq!(summary.lines().count(), 1, "one summary line: {summary}");

    let program = f.read("public/programs/test-lab/index.html");
    assert!(program.contains("<h1>試作開発ラボ</h1>"));
    assert!(program.contains("<table>"), "Markdown tables render");
    assert!(program.contains("href=/places/city-saitama/>さいたま市</a>"), "owner links to the place");
    assert!(program.contains("href=/stages/stage-5/>段階⑤ 試作・治験</a>"), "alias 段階⑤ resolved");
    assert!(program.contains("令和3年度（2021年度）"), "平成33年度 shown as FY2021");
    assert!(program.contains("160件以上") && program.contains("第1期行動計画"), "figure with its as-of");
    assert!(program.contains("出典：<a href=/sources/saitama-strategy-meeting-2017/>"), "source credit");
    assert!(program.contains("を加工して作成"));
    assert!(program.contains("この施策を活用した事例") && program.contains("/cases/test-case/"), "back-link from the case");

    let place = f.read("public/places/city-saitama/index.html");
    assert!(place.contains("実施する支援施策") && place.contains("/programs/test-lab/"));
    assert!(place.contains("この地域の支援機関") && place.contains("/organizations/test-zaidan/"));

    let term = f.read("public/stages/stage-5/index.html");
    assert!(term.contains("/programs/test-lab/"));
    assert!(!f.read("public/stages/stage-1/index.html").contains("/programs/test-lab/"));

    for page in [
        "index.html",
        "programs/index.html",
        "organizations/index.html",
        "places/index.html",
        "cases/index.html",
        "stages/index.html",
        "sources/index.html",
        "sources/saitama-strategy-meeting-2017/index.html",
        "search/index.html",
        "404.html",
    ] {
        let html = f.read(&format!("public/{page}"));
        assert!(html.starts_with("<!doctype html><html lang=ja>"), "{page} is minified HTML in Japanese");
    }
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://ikorenkei-atlas.netlify.app/programs/test-lab/</loc><lastmod>2026-11-03</lastmod>"));
    assert!(f.read("public/robots.txt").contains("Sitemap: https://ikorenkei-atlas.netlify.app/sitemap.xml"));
    let assets: Vec<String> =
        std::fs::read_dir(f.path("public/assets")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let css = assets.iter().find(|a| a.starts_with("style.") && a.ends_with(".css")).expect("hashed stylesheet");
    assert!(css.len() > "style..css".len() + 8, "{css} has a content hash");
    assert!(program.contains(&format!("/assets/{css}")));
}

#[test]
fn builds_are_deterministic() {
    let f = Fixture::with_records();
    assert!(f.atlas(&["build", "--out", "one"]).status.success());
    assert!(f.atlas(&["build", "--out", "two"]).status.success());
    let (one, two) = (tree(&f.path("one")), tree(&f.path("two")));
    assert!(one.len() > 50);
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (k, v) in &one {
        assert!(two[k] == *v, "{k} differs between builds");
    }
}

#[test]
fn failed_build_leaves_previous_site() {
    let f = Fixture::with_records();
    assert!(f.build().status.success());
    let before = tree(&f.path("public"));
    f.write("content/programs/broken.md", "---\nid: broken\nname: [unclosed\n---\n");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(tree(&f.path("public")), before, "previous output untouched");
    let leftovers: Vec<_> =
        std::fs::read_dir(f.root()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().starts_with('.')).collect();
    assert!(leftovers.is_empty(), "no staging folders left: {leftovers:?}");
}

#[test]
fn template_override_from_site_folder() {
    let f = Fixture::with_records();
    f.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>独自の404</h1>{% endblock content %}");
    assert!(f.build().status.success());
    assert!(f.read("public/404.html").contains("独自の404"));
}

#[test]
fn template_error_is_reported_and_nothing_written() {
    let f = Fixture::with_records();
    f.write("templates/list.html", "{% extends \"base.html\" %}{% block content %}{{ no_such_variable }}{% endblock content %}");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("list.html"), "{}", stderr(&out));
    assert!(!f.path("public").exists());
}

#[test]
fn output_inside_content_is_refused() {
    let f = Fixture::with_records();
    let out = f.atlas(&["build", "--out", "content/public"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("inside content/"));
}

#[test]
fn usage_errors_exit_2_and_help_is_complete() {
    let f = Fixture::new();
    assert_eq!(f.atlas(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(f.atlas(&["frobnicate"]).status.code(), Some(2));
    let help = String::from_utf8(f.atlas(&["--help"]).stdout).unwrap();
    for cmd in ["build", "check"] {
        assert!(help.contains(cmd), "{help}");
        let sub = String::from_utf8(f.atlas(&[cmd, "--help"]).stdout).unwrap();
        assert!(sub.contains("--root"), "{sub}");
    }
}

#[test]
fn crlf_and_bom_files_work() {
    let f = Fixture::with_records();
    let crlf = format!("\u{feff}{}", common::PLACE.replace('\n', "\r\n"));
    f.write("content/places/city-saitama.md", &crlf);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read("public/places/city-saitama/index.html").contains("<h1>さいたま市</h1>"));
}

#[test]
fn accessibility_page_from_the_report() {
    let f = Fixture::with_records();
    assert!(f.build().status.success());
    assert!(!f.path("public/accessibility").exists(), "no report, no page");
    f.write(
        "content/accessibility.yaml",
        "target: JIS X 8341-3:2016 レベルAA\ntested: 2026-11-01\nmethod: 自動試験\npages:\n  - kind: ホーム\n    url: /\n    violations: 0\n",
    );
    assert!(f.build().status.success());
    let page = f.read("public/accessibility/index.html");
    assert!(page.contains("JIS X 8341-3:2016 レベルAA") && page.contains("2026年11月1日") && page.contains("不適合は見つかりませんでした"));
    assert!(f.read("public/index.html").contains("href=/accessibility/>アクセシビリティ</a>"), "linked from every page");
    f.write("content/accessibility.yaml", "target: x\ntested: 2026-13-01\nmethod: y\npages: []\n");
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/accessibility.yaml:2:"), "{}", stderr(&out));
}

#[test]
fn every_page_has_one_h1_and_headings_in_order() {
    let f = Fixture::with_records();
    assert!(f.build().status.success());
    let headings = scraper::Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
    // Pages for the site's editors (the browser editor) are an application's shell, not pages to read.
    let site = atlas::load_site(f.root()).unwrap_or_else(|e| panic!("{e:?}"));
    let for_editors: Vec<String> =
        atlas::renderers::pages(&site).iter().filter(|p| p.for_editors).map(|p| atlas::urls::file_for(&p.url)).collect();
    let pages =
        tree(&f.path("public")).into_iter().filter(|(p, _)| p.ends_with(".html") && !for_editors.iter().any(|e| p.ends_with(e.as_str())));
    for (path, bytes) in pages {
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        let levels: Vec<usize> = doc.select(&headings).map(|h| h.value().name()[1..].parse().unwrap()).collect();
        assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{path}: one h1 ({levels:?})");
        assert_eq!(levels.first(), Some(&1), "{path}: h1 first");
        assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{path}: no skipped level ({levels:?})");
    }
}
