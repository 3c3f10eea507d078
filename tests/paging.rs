//! Long lists are split into pages (`page_size` in atlas.yaml): a kind's
//! list, a term's page, a source's page and what's new, with a pager, in the sitemap
//! and kept in step by incremental rebuilds.

mod common;
use atlas::serve::rebuild::Rebuilder;
use common::{Fixture, PROGRAM, stderr};

/// The fixture with `programs` more programs (p1, p2, …), all with the
/// support kind `soft`, and lists of two cards a page.
fn fixture(programs: usize) -> Fixture {
    let f = Fixture::with_records();
    let config = f.read("atlas.yaml");
    f.write("atlas.yaml", &format!("{config}page_size: 2\n"));
    for n in 1..=programs {
        add_program(&f, n);
    }
    f
}

fn add_program(f: &Fixture, n: usize) {
    let text = PROGRAM.replace("id: test-lab", &format!("id: p{n}")).replace("name: 試作開発ラボ", &format!("name: 追加施策{n}"));
    f.write(&format!("content/programs/p{n}.md"), &text);
}

fn cards(page: &str) -> usize {
    page.matches("class=card-title").count()
}

#[test]
fn lists_continue_on_numbered_pages() {
    let f = fixture(4);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    // Five programs: pages of 2, 2 and 1, in record order.
    let first = f.read("public/programs/index.html");
    assert_eq!(cards(&first), 2);
    assert!(first.contains("全5件のうち1〜2件目（1/3ページ）"), "the pager says where the reader is");
    assert!(first.contains("<a href=/programs/page/2/ rel=next>"), "{first}");
    assert!(!first.contains("rel=prev"));
    let last = f.read("public/programs/page/3/index.html");
    assert_eq!(cards(&last), 1);
    assert!(last.contains("<title>支援施策一覧（3ページ目） |"), "later pages say their number");
    assert!(last.contains("<a aria-current=page href=/programs/page/3/>3"), "{last}");
    assert!(last.contains("<a href=/programs/page/2/ rel=prev>"), "{last}");
    assert!(last.contains("href=https://ikorenkei-atlas.netlify.app/programs/page/3/"), "canonical: {last}");
    assert!(!f.path("public/programs/page/4/index.html").exists());
    // Page 1 has the list's own URL only.
    assert!(!f.path("public/programs/page/1/index.html").exists());

    // A term: its members of every kind, grouped by kind on each page,
    // with the kind's count over all pages.
    let term = f.read("public/support-kinds/soft/index.html");
    assert_eq!(cards(&term), 2);
    assert!(term.contains("支援施策（5件）"), "{term}");
    assert!(f.path("public/support-kinds/soft/page/3/index.html").exists());

    // A source cited by all of them.
    let source = f.read("public/sources/saitama-strategy-meeting-2017/index.html");
    assert!(source.contains("この資料を出典とする情報（"), "{source}");
    assert_eq!(cards(&source), 2);

    // What's new: eight records, newest first, two a page; each day's
    // heading counts its records on every page.
    let updates = f.read("public/updates/index.html");
    assert_eq!(cards(&updates), 2);
    assert!(updates.contains("全8件のうち1〜2件目（1/4ページ）"), "{updates}");
    assert!(updates.contains("2026年11月4日更新（1件）"), "{updates}");
    assert!(updates.contains("2026年11月3日更新（5件）"), "the five programs of that day: {updates}");
    let second = f.read("public/updates/page/2/index.html");
    assert!(second.contains("2026年11月3日更新（5件）"), "{second}");
    assert!(second.contains("<title>新着・更新情報（2ページ目） |"), "{second}");
    assert!(f.path("public/updates/page/4/index.html").exists());
    assert!(!f.path("public/updates/page/5/index.html").exists());

    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://ikorenkei-atlas.netlify.app/updates/page/2/</loc>"));
    assert!(sitemap.contains("<loc>https://ikorenkei-atlas.netlify.app/programs/page/3/</loc>"));
    assert!(sitemap.contains("<loc>https://ikorenkei-atlas.netlify.app/support-kinds/soft/page/2/</loc>"));
    // Lists shorter than a page have no pager.
    assert!(!f.read("public/cases/index.html").contains("class=pager"));
}

#[test]
fn shortened_lists_lose_their_later_pages_when_served() {
    let f = fixture(4);
    let mut served = Rebuilder::new(f.root());
    served.rebuild(true).unwrap();
    assert!(served.files().contains_key("programs/page/3/index.html"));
    for n in 2..=4 {
        std::fs::remove_file(f.path(&format!("content/programs/p{n}.md"))).unwrap();
    }
    served.expect_changes(&(2..=4).map(|n| format!("content/programs/p{n}.md")).collect::<Vec<_>>());
    let outcome = served.rebuild(false).unwrap();
    assert!(!outcome.full);
    served.finish().unwrap();
    let files = served.files();
    assert!(files.contains_key("programs/index.html"));
    assert!(!files.contains_key("programs/page/2/index.html"), "two programs fit on one page");
    assert!(!files.keys().any(|k| k.starts_with("support-kinds/soft/page/")));
    // Five records left: what's new has three pages (a site-wide output).
    assert!(files.contains_key("updates/page/3/index.html"));
    assert!(!files.contains_key("updates/page/4/index.html"));
    let mut full = Rebuilder::new(f.root());
    full.rebuild(true).unwrap();
    let (mut a, mut b): (Vec<_>, Vec<_>) = (files.keys().collect(), full.files().keys().cloned().collect());
    a.sort();
    b.sort();
    assert_eq!(a, b.iter().collect::<Vec<_>>(), "the same files as a full build");
}

#[test]
fn a_record_cannot_take_the_page_folder_as_its_id() {
    let f = Fixture::with_records();
    f.write("content/programs/page.md", &PROGRAM.replace("id: test-lab", "id: page"));
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("content/programs/page.md:2"), "{err}");
    assert!(err.contains("the id `page` is taken by the list pages"), "{err}");
}

#[test]
fn a_page_size_of_zero_is_refused_where_it_is_written() {
    let f = Fixture::with_records();
    let config = f.read("atlas.yaml");
    f.write("atlas.yaml", &format!("{config}page_size: 0\n"));
    let out = f.build();
    assert_eq!(out.status.code(), Some(1));
    let line = config.lines().count() + 1;
    let err = stderr(&out);
    assert!(err.contains(&format!("atlas.yaml:{line}")), "{err}");
    assert!(err.contains("page_size"), "{err}");
}
