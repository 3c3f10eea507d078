//! The atlas views on a fixture site: stage pipeline, support matrix, map,
//! located members of prefectures and regions, back-links, open data,
//! JSON-LD, what's new and the feed.

mod common;
mod views_check;
use atlas::schema::Kind;
use common::{Fixture, stderr};
use views_check::{linked, sections};

const NATIONAL: &str = "---
id: test-kenkyu
name: テスト研究開発事業
summary: 国が大学等の基礎研究を支援する事業。
ministries: [meti]
implementers: [fuku-kiko]
support_areas: [research]
support_kinds: [funding]
phases: [basic-research]
budgets:
  - fiscal_year: 令和5年度
    label: 令和５年度予算額
    amount: 30.0億円
sources:
  - source: device-measures-r5
updated: 2026-10-01
---
";

const ORGANIZATION_NO_REGION: &str = "---
id: fuku-kiko
name: テスト医療機器機構
summary: 県内の医療機器産業を支援する機構。
organization_type: regional-support
prefecture: fukushima
sources:
  - source: fukushima-cluster-talk
updated: 2026-09-01
---
";

/// A case whose summary tries to close the JSON-LD script element.
const CASE_WITH_STAGE: &str = "---
id: test-case-idea
name: アイデア段階の事例
summary: \"</script><script>alert(1)</script> を含む要約\"
case_type: type-1
stages: [stage-1]
programs: [test-lab]
sources:
  - source: designated-cities-survey
updated: 2026-11-05
---
";

fn fixture() -> Fixture {
    let f = Fixture::with_records();
    f.write("content/programs/test-kenkyu.md", NATIONAL);
    f.write("content/organizations/fuku-kiko.md", ORGANIZATION_NO_REGION);
    f.write("content/cases/test-case-idea.md", CASE_WITH_STAGE);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

fn site(f: &Fixture) -> atlas::site::Site {
    atlas::load_site(f.root()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn pipeline_cells_follow_the_records() {
    let f = fixture();
    let site = site(&f);
    let html = f.read("public/stages/index.html");
    // Type-2's case used test-lab (stages 4 and 5); type-1's case used it too
    // and records stage 1 itself.
    assert_eq!(views_check::check_pipeline(&site, &html), 5);
    let rows = sections(&html, "<tr><th scope=row><a href=/case-types/", "</tr>");
    let cells = |row: &str| sections(row, "<td ", "</td>").into_iter().map(String::from).collect::<Vec<_>>();
    let type1 = cells(rows[0]);
    assert_eq!(linked(&type1[0], Kind::Case), ["test-case-idea"]);
    assert_eq!(linked(&type1[3], Kind::Program), ["test-lab"]);
    let type2 = cells(rows[1]);
    assert_eq!(linked(&type2[4], Kind::Program), ["test-lab"]);
    assert!(type2[0].contains("該当なし"));
    assert!(html.contains("印を推測せず"), "the page says what the cells mean");
    // The phases beside it.
    let basic = sections(&html, "<li class=stage id=basic-research>", "</li></ol>")[0].split("<li class=stage").next().unwrap();
    assert_eq!(linked(basic, Kind::Program), ["test-kenkyu"]);
    // The generic taxonomy index is replaced; term pages stay.
    assert!(!html.contains("class=term-list"));
    assert!(f.read("public/stages/stage-5/index.html").contains("/programs/test-lab/"));
}

#[test]
fn support_matrix_cells_list_their_programs() {
    let f = fixture();
    let html = f.read("public/matrix/index.html");
    let tables = sections(&html, "<table class=\"matrix", "</table>");
    assert_eq!(tables.len(), 2, "資金支援 and ソフト支援");
    let funding = tables[0];
    assert!(funding.contains("資金支援"));
    let research = sections(funding, "<th scope=row><a href=/support-areas/research/>", "</tr>")[0];
    let cells = sections(research, "<td ", "</td>");
    assert_eq!(cells.len(), 6, "one cell per ministry (文・経・厚・内閣府・内閣官房・総)");
    let meti = cells.iter().position(|c| c.contains("研究開発 × 経済産業省")).unwrap();
    assert_eq!(linked(cells[meti], Kind::Program), ["test-kenkyu"]);
    assert!(cells.iter().enumerate().all(|(i, c)| i == meti || linked(c, Kind::Program).is_empty()));
    assert!(!tables[1].contains("test-kenkyu"), "a funding program is not in the soft table");
    assert_eq!(linked(&html, Kind::Program), ["test-kenkyu"], "a municipal program without ministry is in no cell");
}

/// More programs in one matrix cell and one type × stage cell than a
/// cell names.
#[test]
fn crowded_cells_name_the_first_records_and_link_to_the_rest() {
    let f = fixture();
    let extra = atlas::render::views::CELL_LINKS + 2;
    let ids: Vec<String> = (1..=extra).map(|n| format!("crowd-{n:02}")).collect();
    for id in &ids {
        let text = NATIONAL.replace("id: test-kenkyu", &format!("id: {id}")).replace("phases: [basic-research]", "stages: [stage-2]");
        f.write(&format!("content/programs/{id}.md"), &text);
    }
    let case = CASE_WITH_STAGE
        .replace("id: test-case-idea", "id: crowd-case")
        .replace("programs: [test-lab]", &format!("programs: [{}]", ids.join(", ")));
    f.write("content/cases/crowd-case.md", &case);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let site = site(&f);

    let matrix = f.read("public/matrix/index.html");
    let research = sections(&matrix, "<th scope=row><a href=/support-areas/research/>", "</tr>")[0];
    let meti = sections(research, "<td ", "</td>").into_iter().find(|c| c.contains("研究開発 × 経済産業省")).unwrap();
    // test-kenkyu and the crowd: the first twenty by id, and the count of the rest.
    assert_eq!(linked(meti, Kind::Program).len(), atlas::render::views::CELL_LINKS);
    assert!(meti.contains("<li>ほか3件"), "{meti}");
    assert!(meti.contains("href=\"/search/?kind=program&support=funding&area=research&ministry=meti\""), "{meti}");

    // check_pipeline knows the cap; type-1 × stage-2 holds the crowd.
    views_check::check_pipeline(&site, &f.read("public/stages/index.html"));
    let stages = f.read("public/stages/index.html");
    assert!(stages.contains("<li>ほか2件（<a href=/stages/stage-2/>この段階のすべての支援施策</a>）"), "the rest at the stage's page");
}

#[test]
fn map_tiles_match_the_prefecture_data() {
    let f = fixture();
    let site = site(&f);
    let html = f.read("public/map/index.html");
    assert_eq!(views_check::check_map(&site, &html), 47);
    assert!(html.contains("aria-label=\"埼玉県: 支援機関1件、支援施策1件、事例1件、地域連携自立化推進拠点あり\""));
    assert!(html.contains("aria-label=\"福島県: 支援機関1件、支援施策0件、事例0件\""));
    assert!(html.contains("aria-label=\"北海道: 支援機関0件、支援施策0件、事例0件\""));
}

#[test]
fn prefecture_and_region_pages_list_everything_located_there() {
    let f = fixture();
    for page in ["prefectures/saitama", "regions/kanto"] {
        let html = f.read(&format!("public/{page}/index.html"));
        assert_eq!(linked(&html, Kind::Program), ["test-lab"], "{page}");
        assert_eq!(linked(&html, Kind::Organization), ["test-zaidan"], "{page}");
        assert_eq!(linked(&html, Kind::Place), ["city-saitama"], "{page}");
        assert_eq!(linked(&html, Kind::Case), ["test-case"], "{page}");
    }
    // An organization with a prefecture and no region is in the region of its prefecture.
    for page in ["prefectures/fukushima", "regions/hokkaido-tohoku"] {
        let html = f.read(&format!("public/{page}/index.html"));
        assert_eq!(linked(&html, Kind::Organization), ["fuku-kiko"], "{page}");
        assert!(linked(&html, Kind::Program).is_empty(), "{page}: the program has no places");
    }
    assert!(linked(&f.read("public/regions/kinki/index.html"), Kind::Organization).is_empty());
}

#[test]
fn records_link_both_ways() {
    let f = fixture();
    let program = f.read("public/programs/test-lab/index.html");
    for (what, href) in [
        ("owner", "/places/city-saitama/"),
        ("implementer", "/organizations/test-zaidan/"),
        ("stage", "/stages/stage-5/"),
        ("case that used it", "/cases/test-case/"),
        ("second case", "/cases/test-case-idea/"),
    ] {
        assert!(program.contains(&format!("href={href}")), "program shows its {what}");
    }
    let org = f.read("public/organizations/test-zaidan/index.html");
    assert!(org.contains("実施機関を務める支援施策") && org.contains("href=/programs/test-lab/"), "organization → its programs");
    assert!(org.contains("関わった事例") && org.contains("href=/cases/test-case/"), "organization → its cases");
    assert!(org.contains("<dt>地区</dt><dd><a href=/regions/kanto/>関東</a>"), "organization → its region (from its prefecture)");
    let fuku = f.read("public/organizations/fuku-kiko/index.html");
    assert!(fuku.contains("href=/regions/hokkaido-tohoku/"), "region derived from the prefecture");
    assert!(fuku.contains("実施機関を務める支援施策") && fuku.contains("href=/programs/test-kenkyu/"));
    let place = f.read("public/places/city-saitama/index.html");
    for href in ["/organizations/test-zaidan/", "/programs/test-lab/", "/cases/test-case/", "/prefectures/saitama/"] {
        assert!(place.contains(&format!("href={href}")), "place shows {href}");
    }
    let case = f.read("public/cases/test-case/index.html");
    assert!(case.contains("href=/programs/test-lab/"), "case → its programs");
    for page in [&program, &org, &place, &case] {
        assert!(page.contains("最終更新日") && page.contains("出典：<a href=/sources/"), "sources and date on every record page");
    }
}

#[test]
fn open_data_round_trips_every_record() {
    let f = fixture();
    let site = site(&f);
    assert_eq!(views_check::check_roundtrip(&site, &f.path("public")), 7);
    let budgets = f.read("public/data/budgets.csv");
    assert!(budgets.contains("test-kenkyu,1,2023,令和5年度,令和５年度予算額,30.0億円\r\n"), "{budgets}");
    assert!(budgets.contains("test-lab,1,2021,令和3年度,予算額,\"1,024百万円\""), "平成33年度 is FY2021: {budgets}");
    let programs = f.read("public/data/programs.csv");
    assert!(programs.contains(",city-saitama,test-zaidan,city-saitama,,soft,,,stage-5;stage-4,"), "lists joined with `;`: {programs}");

    let data = f.read("public/data/index.html");
    assert!(data.contains("UTF-8（BOM 付き）") && data.contains("Excel"), "the encoding is stated");
    for kind in Kind::ALL {
        for field in atlas::fields::fields(kind) {
            assert!(data.contains(&format!("<code>{}</code>", field.name)), "the data page describes {}", field.name);
        }
        let list = f.read(&format!("public/{}/index.html", kind.folder()));
        for ext in ["csv", "json"] {
            assert!(list.contains(&format!("href=/data/{}.{ext}", kind.folder())), "{kind:?} list links its {ext}");
        }
    }
    // Descriptions come from the schema's doc comments.
    assert!(data.contains("地域連携自立化推進拠点（★）なら true。"));
    assert!(data.contains("金額。出典の表記どおり"));
    assert!(data.contains("href=/data/all.json"));
}

#[test]
fn every_json_ld_block_parses() {
    let f = fixture();
    let site = site(&f);
    assert_eq!(views_check::check_jsonld(&site, &f.path("public")), 14);
    let case = f.read("public/cases/test-case-idea/index.html");
    let raw = sections(&case, "<script type=application/ld+json>", "</script>");
    assert_eq!(raw.len(), 2);
    assert!(raw.iter().all(|b| !b.contains('<')), "record text cannot close the JSON-LD element");
    let blocks = views_check::jsonld("case", &case);
    assert_eq!(blocks[0]["description"], "</script><script>alert(1)</script> を含む要約");
    let program = views_check::jsonld("program", &f.read("public/programs/test-lab/index.html"));
    assert_eq!(program[0]["@type"], "GovernmentService");
    assert_eq!(program[0]["provider"][0]["name"], "さいたま市");
    assert_eq!(program[0]["areaServed"][0]["@type"], "City");
}

#[test]
fn whats_new_and_the_atom_feed() {
    let f = fixture();
    let html = f.read("public/updates/index.html");
    let dates: Vec<&str> = sections(&html, "<h2 id=d-", "更新").iter().map(|s| s.split('>').nth(1).unwrap_or("")).collect();
    assert_eq!(dates.first(), Some(&"2026年11月5日"));
    assert_eq!(dates.last(), Some(&"2026年9月1日"));
    assert_eq!(dates.len(), 7, "{dates:?}");
    let feed: atom_syndication::Feed = f.read("public/feed.xml").parse().expect("the feed is Atom");
    assert_eq!(feed.entries().len(), 7);
    assert_eq!(feed.entries()[0].id(), "https://ikorenkei-atlas.netlify.app/cases/test-case-idea/");
    assert_eq!(feed.updated().to_rfc3339(), "2026-11-05T00:00:00+09:00");
    assert!(feed.entries().windows(2).all(|w| w[0].updated() >= w[1].updated()), "newest first");
    for page in ["index.html", "map/index.html", "programs/test-lab/index.html"] {
        assert!(f.read(&format!("public/{page}")).contains("<link href=/feed.xml rel=alternate"), "{page} announces the feed");
    }
}

#[test]
fn new_pages_need_no_inline_style_or_script() {
    let f = fixture();
    for entry in walkdir::WalkDir::new(f.path("public")).into_iter().map(|e| e.unwrap()) {
        // The adversarial summary of test-case-idea sits (harmlessly) in quoted
        // attribute values, where this plain text count would find it.
        let adversarial = entry.path().to_string_lossy().contains("test-case-idea");
        if entry.path().extension().is_some_and(|e| e == "html") && !adversarial {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            let page = entry.path().display();
            assert!(!html.contains(" style="), "{page} has an inline style");
            assert!(!html.contains("<style"), "{page} has a style element");
            let scripts = html.matches("<script").count();
            let data_blocks = html.matches("<script type=application/ld+json>").count();
            let external = html.matches("<script src=").count() + html.matches("<script defer src=").count();
            assert_eq!(scripts, data_blocks + external, "{page} has inline script");
        }
    }
}

/// A record's change log is shown on its page, newest first, and its feed
/// entry and its card on what's new say what the last update changed; a record whose log does not
/// reach its last update only gives the date.
#[test]
fn change_log_on_the_page_and_in_the_feed() {
    let f = Fixture::with_records();
    let logged = common::PROGRAM.replacen(
        "updated: 2026-11-03\n",
        "updated: 2026-11-03\nchanges:\n  - date: 2026-10-01\n    description: 事業期間を加えました。\n  - date: 2026-11-03\n    description: 予算額を令和5年度の額に改めました。\n",
        1,
    );
    assert_ne!(logged, common::PROGRAM);
    f.write("content/programs/test-lab.md", &logged);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = f.read("public/programs/test-lab/index.html");
    let newest = page.find("予算額を令和5年度の額に改めました。").expect("the newest change is shown");
    let older = page.find("事業期間を加えました。").expect("the older change is shown");
    assert!(newest < older, "newest first, whatever the order written");
    assert!(page.contains("<time datetime=2026-11-03>2026年11月3日</time>"), "dated");
    let feed: atom_syndication::Feed = f.read("public/feed.xml").parse().expect("the feed is Atom");
    let entry = |id: &str| feed.entries().iter().find(|e| e.id().ends_with(id)).and_then(|e| e.content()?.value.clone()).unwrap();
    assert!(entry("/programs/test-lab/").contains("<p>更新（2026年11月3日）: 予算額を令和5年度の額に改めました。</p>"));
    assert!(!entry("/programs/test-lab/").contains("事業期間"), "only the last update's change");
    assert!(entry("/cases/test-case/").contains("<p>最終更新: "), "no log: the date alone");
    let updates = f.read("public/updates/index.html");
    assert!(updates.contains("<strong>更新内容:</strong> 予算額を令和5年度の額に改めました。"), "what's new says it too");
    assert_eq!(updates.matches("更新内容:").count(), 1, "only for the record whose log describes its update");
}
