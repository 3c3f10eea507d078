//! The browser editor's publication: /admin/ exists exactly when atlas.yaml
//! has a `cms:` section, and a `cms:` section that cannot work is refused
//! where it is written, with what to write instead. (The editor itself is
//! driven in Chromium by tests/browser/cms.test.mjs.)

mod common;
use common::{Fixture, stderr};

/// The shipped config without its cms: section, and the section's text.
fn without_cms(f: &Fixture) -> (String, String) {
    let config = f.read("atlas.yaml");
    let at = config.find("\ncms:\n").expect("the shipped atlas.yaml has a cms: section") + 1;
    let end = config[at..].find("\n\n").map_or(config.len(), |i| at + i + 1);
    let section = config[at..end].to_string();
    // The comment lines just above the section go with it.
    let head: Vec<&str> = config[..at].lines().collect();
    let keep = head.iter().rposition(|l| !l.starts_with('#')).map_or(0, |i| i + 1);
    (format!("{}\n{}", head[..keep].join("\n"), &config[end..]), section)
}

#[test]
fn admin_is_published_only_with_a_cms_section() {
    let f = Fixture::with_records();
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let config = f.read("public/admin/config.yml");
    assert!(config.contains("name: git-gateway"), "{config}");
    assert!(config.contains("folder: content/programs"), "{config}");
    let page = f.read("public/admin/index.html");
    assert!(page.contains("noindex"), "{page}");
    let script = page.split("src=").nth(1).and_then(|s| s.split(['>', ' ']).next()).unwrap().trim_matches('"');
    assert!(script.starts_with("/assets/decap-cms."), "{script}");
    assert!(f.path(&format!("public{script}")).is_file());
    assert!(f.read("public/admin/LICENSE.txt").starts_with("Decap CMS "));
    assert!(!f.read("public/sitemap.xml").contains("/admin/"));

    let (plain, _) = without_cms(&f);
    f.write("atlas.yaml", &plain);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.path("public/admin").exists(), "no cms: section, no /admin/");
    let assets: Vec<String> =
        std::fs::read_dir(f.path("public/assets")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!assets.iter().any(|a| a.starts_with("decap-cms.")), "{assets:?}");
}

/// Builds with `section` as the cms: section; (line of the section's first
/// line, stderr).
fn refused(section: &str) -> (usize, String) {
    let f = Fixture::with_records();
    let (plain, _) = without_cms(&f);
    let plain = plain.trim_end().to_string() + "\n";
    f.write("atlas.yaml", &format!("{plain}{section}"));
    let out = f.build();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!f.path("public").exists(), "a refused build writes nothing");
    (plain.lines().count() + 1, stderr(&out))
}

#[test]
fn an_unknown_backend_is_refused_where_it_is_written() {
    let (line, err) = refused("cms:\n  backend: githb\n  repo: city/atlas\n");
    assert!(err.contains(&format!("atlas.yaml:{}", line + 1)), "{err}");
    assert!(err.contains("githb") && err.contains("github") && err.contains("git-gateway"), "{err}");
}

#[test]
fn a_backend_that_needs_a_repository_without_one_is_refused() {
    let (line, err) = refused("cms:\n  backend: github\n  branch: main\n");
    assert!(err.contains(&format!("atlas.yaml:{}", line + 1)), "{err}");
    assert!(err.contains("needs `repo`") && err.contains("git-gateway"), "{err}");
}

#[test]
fn a_repository_url_instead_of_its_name_is_refused() {
    let (line, err) = refused("cms:\n  backend: github\n  repo: https://github.com/city/atlas\n");
    assert!(err.contains(&format!("atlas.yaml:{}", line + 2)), "{err}");
    assert!(err.contains("owner/name"), "{err}");
}

#[test]
fn a_local_backend_elsewhere_than_this_computer_is_refused() {
    let (line, err) = refused("cms:\n  backend: git-gateway\n  local_backend: https://cms.example.com/api/v1\n");
    assert!(err.contains(&format!("atlas.yaml:{}", line + 2)), "{err}");
    assert!(err.contains("local_backend") && err.contains("http://localhost"), "{err}");
}

#[test]
fn an_unknown_key_in_the_cms_section_is_refused_with_a_suggestion() {
    let (line, err) = refused("cms:\n  backend: git-gateway\n  brnch: main\n");
    assert!(err.contains(&format!("atlas.yaml:{}", line + 2)), "{err}");
    assert!(err.contains("branch"), "{err}");
}
