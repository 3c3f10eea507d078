//! Incremental rebuilds (what `atlas serve` does after an edit) give exactly
//! the site a full build of the edited input gives.

mod common;
use atlas::serve::rebuild::{Files, Rebuilder};
use common::{CASE, Fixture, ORGANIZATION, PLACE, PROGRAM};

fn full_build(f: &Fixture) -> Files {
    let mut r = Rebuilder::new(f.root());
    r.rebuild(true).unwrap();
    (*r.files()).clone()
}

fn assert_same(incremental: &Files, full: &Files, what: &str) {
    let mut a: Vec<&String> = incremental.keys().collect();
    let mut b: Vec<&String> = full.keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "{what}: the same files");
    for (k, v) in full {
        assert!(incremental[k] == *v, "{what}: {k} differs from a full build");
    }
}

/// A change to the site root, made while it is served.
type Edit = Box<dyn Fn(&Fixture)>;

/// Applies each edit in turn to a served site and compares with full builds.
#[test]
fn incremental_rebuilds_equal_full_builds() {
    let f = Fixture::with_records();
    let mut served = Rebuilder::new(f.root());
    assert!(served.rebuild(true).unwrap().full);
    let edits: Vec<(&str, Edit)> = vec![
        ("edit a program's body", Box::new(|f| f.write("content/programs/test-lab.md", &format!("{PROGRAM}\n追記。\n")))),
        (
            "change a program's summary",
            Box::new(|f| f.write("content/programs/test-lab.md", &PROGRAM.replace("共同で開発する場", "共同で開発する拠点"))),
        ),
        (
            "change an organization's ministries (not on its card)",
            Box::new(|f| {
                f.write(
                    "content/organizations/test-zaidan.md",
                    &ORGANIZATION.replace("regional_hub: true", "regional_hub: true\nministries: [meti]"),
                )
            }),
        ),
        (
            "move a place from places to owner",
            Box::new(|f| {
                f.write(
                    "content/programs/test-lab.md",
                    &PROGRAM.replace("owner: city-saitama\n", "").replace("places: [city-saitama]", "places: []\nowner: city-saitama"),
                )
            }),
        ),
        ("restore the program", Box::new(|f| f.write("content/programs/test-lab.md", PROGRAM))),
        (
            "rename a place",
            Box::new(|f| f.write("content/places/city-saitama.md", &PLACE.replace("name: さいたま市", "name: さいたま市（改）"))),
        ),
        (
            "change a program's terms",
            Box::new(|f| f.write("content/programs/test-lab.md", &PROGRAM.replace("stages: [段階⑤, stage-4]", "stages: [stage-1]"))),
        ),
        (
            "add a program",
            Box::new(|f| {
                f.write(
                    "content/programs/new-prog.md",
                    &PROGRAM
                        .replace("id: test-lab", "id: new-prog")
                        .replace("name: 試作開発ラボ", "name: 新しい施策")
                        .replace("support_kinds: [soft]", "support_kinds: [funding]"),
                )
            }),
        ),
        (
            "link the case to it",
            Box::new(|f| f.write("content/cases/test-case.md", &CASE.replace("programs: [test-lab]", "programs: [test-lab, new-prog]"))),
        ),
        ("remove the case", Box::new(|f| std::fs::remove_file(f.path("content/cases/test-case.md")).unwrap())),
        (
            "change a record's id",
            Box::new(|f| f.write("content/programs/new-prog.md", &PROGRAM.replace("id: test-lab", "id: renamed-prog"))),
        ),
    ];
    for (what, edit) in edits {
        // Make sure the modification time changes even on coarse clocks.
        std::thread::sleep(std::time::Duration::from_millis(20));
        edit(&f);
        let outcome = served.rebuild(false).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert!(!outcome.full, "{what}: record edits rebuild incrementally");
        let site_wide = served.finish().unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert!(site_wide.is_some(), "{what}: a site-wide pass follows the pages");
        assert_same(&served.files(), &full_build(&f), what);
        if what == "edit a program's body" {
            // Its own page and the pages with site-wide figures, no lists.
            let full = full_build(&f).len();
            assert!(outcome.rendered < full / 2, "{what}: rendered {} of {full}", outcome.rendered);
        }
    }
}

#[test]
fn errors_keep_the_last_good_build() {
    let f = Fixture::with_records();
    let mut served = Rebuilder::new(f.root());
    served.rebuild(true).unwrap();
    let before = served.files();
    f.write("content/programs/test-lab.md", &PROGRAM.replace("stage-4", "stage-9"));
    let errors = served.rebuild(false).unwrap_err();
    assert_eq!(errors[0].field.as_deref(), Some("stages[1]"));
    assert!(std::sync::Arc::ptr_eq(&before, &served.files()));
    // Fixing it renders what changed since the last good build.
    f.write("content/programs/test-lab.md", &PROGRAM.replace("name: 試作開発ラボ", "name: 直した"));
    served.rebuild(false).unwrap();
    served.finish().unwrap();
    assert_same(&served.files(), &full_build(&f), "after a fix");
}

/// A site-wide pass that finishes after a newer build is dropped; the newer
/// build's pass covers both edits.
#[test]
fn a_stale_site_wide_pass_is_dropped_and_its_changes_carried_over() {
    let f = Fixture::with_records();
    let mut served = Rebuilder::new(f.root());
    served.rebuild(true).unwrap();
    assert!(served.site_wide().is_none(), "a full build renders everything at once");

    f.write("content/programs/test-lab.md", &PROGRAM.replace("name: 試作開発ラボ", "name: 一度目"));
    served.rebuild(false).unwrap();
    let stale = served.site_wide().expect("a site-wide pass after a record edit");
    let before = served.files();
    std::thread::sleep(std::time::Duration::from_millis(20));
    f.write("content/places/city-saitama.md", &PLACE.replace("name: さいたま市", "name: さいたま市（二度目）"));
    served.rebuild(false).unwrap();
    let before_stale = served.files();
    assert_eq!(served.complete(stale.run()).unwrap().map(|o| o.rendered), None, "the older pass is not merged");
    assert!(std::sync::Arc::ptr_eq(&before_stale, &served.files()));
    assert!(!std::sync::Arc::ptr_eq(&before, &served.files()));
    served.finish().unwrap().expect("the newer pass is merged");
    assert_same(&served.files(), &full_build(&f), "after both edits");
    assert!(served.finish().unwrap().is_none(), "nothing is left to render");
}

/// The serve loop tells the next rebuild which files changed; a new file,
/// an edited and a removed one are all seen without a scan of content/.
#[test]
fn known_changes_are_loaded_without_a_scan() {
    let f = Fixture::with_records();
    let mut served = Rebuilder::new(f.root());
    served.rebuild(true).unwrap();
    let added = "content/programs/added-prog.md";
    f.write(added, &PROGRAM.replace("id: test-lab", "id: added-prog").replace("name: 試作開発ラボ", "name: 追加した施策"));
    f.write("content/places/city-saitama.md", &PLACE.replace("name: さいたま市", "name: さいたま市（改）"));
    std::fs::remove_file(f.path("content/cases/test-case.md")).unwrap();
    served.expect_changes(&[added.to_string(), "content/places/city-saitama.md".into(), "content/cases/test-case.md".into()]);
    served.rebuild(false).unwrap();
    served.finish().unwrap();
    assert_same(&served.files(), &full_build(&f), "after known changes");
    assert!(served.files().contains_key("programs/added-prog/index.html"));
}

/// A change the watcher reports as a folder (moved or removed whole) is
/// not trusted as a list of files: the rebuild scans content/.
#[test]
fn a_reported_folder_makes_the_rebuild_scan() {
    let f = Fixture::with_records();
    let mut served = Rebuilder::new(f.root());
    served.rebuild(true).unwrap();
    f.write(
        "content/programs/added-prog.md",
        &PROGRAM.replace("id: test-lab", "id: added-prog").replace("name: 試作開発ラボ", "name: 追加した施策"),
    );
    served.expect_changes(&["content/programs".to_string()]);
    served.rebuild(false).unwrap();
    served.finish().unwrap();
    assert!(served.files().contains_key("programs/added-prog/index.html"), "the new file was found by a scan");
    assert_same(&served.files(), &full_build(&f), "after a folder change");
}
