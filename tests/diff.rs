//! `atlas diff` on fixture revisions: a record added, one changed, one
//! removed and a link to a missing page, between two Git commits.

mod common;
use common::{Fixture, PROGRAM};
use std::process::Command;

fn git(f: &Fixture, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=atlas test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(f.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A repository with two commits: the fixture, then the change.
fn repository() -> Fixture {
    let f = Fixture::with_records();
    git(&f, &["init", "-q"]);
    git(&f, &["add", "-A"]);
    git(&f, &["commit", "-q", "-m", "before"]);
    // Added: a second program.
    f.write(
        "content/programs/test-lab-two.md",
        &PROGRAM.replace("id: test-lab", "id: test-lab-two").replace("name: 試作開発ラボ", "name: 第二試作ラボ"),
    );
    // Changed: the organization's summary.
    let org = f.read("content/organizations/test-zaidan.md");
    f.write(
        "content/organizations/test-zaidan.md",
        &org.replace("市内企業の医療機器分野への参入を支援する財団。", "市内企業の医療機器分野への参入と販路開拓を支援する財団。"),
    );
    // Removed: the case.
    std::fs::remove_file(f.path("content/cases/test-case.md")).unwrap();
    // A broken link: the home page (a site template) links a missing page.
    let home = std::fs::read_to_string(f.path("themes/default/templates/home.html")).unwrap();
    f.write(
        "templates/home.html",
        &home.replace("<h1>{{ site.title }}</h1>", "<h1>{{ site.title }}</h1><p><a href=\"/no-such-page/\">x</a></p>"),
    );
    git(&f, &["add", "-A"]);
    git(&f, &["commit", "-q", "-m", "after"]);
    f
}

#[test]
fn reports_records_pages_and_broken_links_between_revisions() {
    let f = repository();
    let out = f.atlas(&["diff", "HEAD~1", "HEAD"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(text.contains("Records: 1 added, 1 changed, 1 removed"), "{text}");
    assert!(text.contains("+ /programs/test-lab-two/ 第二試作ラボ"), "{text}");
    assert!(text.contains("~ /organizations/test-zaidan/ テスト産業創造財団 (fields: summary)"), "{text}");
    assert!(text.contains("- /cases/test-case/"), "{text}");
    assert!(text.contains("  + /programs/test-lab-two/\n"), "{text}");
    assert!(text.contains("  - /cases/test-case/\n"), "{text}");
    assert!(text.contains("  ~ /organizations/test-zaidan/\n"), "{text}");
    assert!(text.contains("Broken links introduced: 1\n  / → /no-such-page/\n"), "{text}");

    let md = String::from_utf8_lossy(&f.atlas(&["diff", "HEAD~1", "HEAD", "--format", "markdown"]).stdout).into_owned();
    assert!(md.starts_with("### atlas diff: `HEAD~1` → `HEAD`"), "{md}");
    assert!(md.contains("| records | 1 | 1 | 1 |"), "{md}");
    assert!(md.contains("**Broken links introduced: 1**"), "{md}");
    assert!(md.contains("| `/` | `/no-such-page/` |"), "{md}");
    assert!(md.contains("| changed | テスト産業創造財団 `/organizations/test-zaidan/` | `summary` |"), "{md}");
    assert!(md.contains("<details><summary>Pages added"), "{md}");
}

#[test]
fn the_same_revision_twice_changes_nothing_and_the_working_tree_is_the_default() {
    let f = repository();
    let md = String::from_utf8_lossy(&f.atlas(&["diff", "HEAD", "HEAD", "--format", "markdown"]).stdout).into_owned();
    assert!(md.contains("No change to the published site."), "{md}");
    // The working tree against its last commit: nothing; against the one before: the change.
    let text = String::from_utf8_lossy(&f.atlas(&["diff", "HEAD"]).stdout).into_owned();
    assert!(text.contains("Records: 0 added, 0 changed, 0 removed") && text.contains("Broken links introduced: 0"), "{text}");
    // Two built sites compare the same way as revisions.
    assert!(f.atlas(&["build", "--out", "built/after"]).status.success());
    git(&f, &["checkout", "-q", "HEAD~1"]);
    assert!(f.atlas(&["build", "--out", "built/before"]).status.success());
    let built = String::from_utf8_lossy(&f.atlas(&["diff", "built/before", "built/after"]).stdout).into_owned();
    assert!(built.contains("Records: 1 added, 1 changed, 1 removed"), "{built}");
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    let f = repository();
    let out = f.atlas(&["diff", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("neither a built site"), "{}", common::stderr(&out));
}
