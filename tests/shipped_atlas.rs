//! The shipped atlas (content/ and seeds/) is complete and consistent.

use atlas::schema::{Kind, KindData};
use std::path::Path;

fn site() -> atlas::site::Site {
    atlas::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|errors| {
        panic!(
            "atlas check fails on the shipped content:\n{}",
            atlas::diagnostics::render(&errors, atlas::diagnostics::Format::Human, false, atlas::messages::Lang::En)
        )
    })
}

#[test]
fn every_source_is_cited_and_every_record_cites_one() {
    let site = site();
    for s in &site.sources {
        assert!(site.citing.get(&s.source.id).is_some_and(|v| !v.is_empty()), "no record cites {}", s.source.id);
    }
    for r in &site.records {
        assert!(!r.common.sources.is_empty(), "{} cites nothing", r.file);
    }
    assert_eq!(site.sources.len(), 5, "one record per source document in ../shared/seeds");
}

/// Terms that no record can truthfully use: the prefecture list is the fixed
/// JIS X 0401 reference list (the sources name no organization in every
/// prefecture), and the national catalogue's phase chart lost the column
/// positions of 実用化 and 事業展開 in extraction, so no program is placed
/// there without guessing.
const UNUSED_BY_DESIGN: [(&str, &str); 2] = [("phases", "practical-use"), ("phases", "business-expansion")];

/// Whether a stage menu term's page shows an example: the survey gives one
/// example per stage, not per item of the stage's menu, so an item no
/// program is tagged with still leads to the programs of its stage.
fn stage_has_program(site: &atlas::site::Site, term: &atlas::taxonomy::Term) -> bool {
    term.stage.as_deref().is_some_and(|s| site.members("stages", s).iter().any(|&i| site.records[i].kind == Kind::Program))
}

#[test]
fn every_taxonomy_term_is_used() {
    let site = site();
    for tax in site.taxonomies.0.iter().filter(|t| t.slug != "prefectures") {
        for term in &tax.terms {
            let used = !site.members(&tax.slug, &term.id).is_empty() || (tax.slug == "stage-menus" && stage_has_program(&site, term));
            let exempt = UNUSED_BY_DESIGN.contains(&(tax.slug.as_str(), term.id.as_str()));
            assert!(used || exempt, "no record uses {}:{}", tax.slug, term.id);
            assert!(!(used && exempt), "{}:{} is used now; drop its exemption", tax.slug, term.id);
        }
    }
}

#[test]
fn covers_every_kind_and_the_designated_cities() {
    let site = site();
    for kind in Kind::ALL {
        assert!(site.of_kind(kind).count() >= 3, "too few {kind:?} records");
    }
    let designated = site.records.iter().filter(|r| matches!(&r.data, KindData::Place(p) if p.place_type == "designated-city")).count();
    assert_eq!(designated, 20, "the 20 designated cities");
    let hubs = site.records.iter().filter(|r| matches!(&r.data, KindData::Organization(o) if o.regional_hub)).count();
    assert!(hubs >= 6, "the ★ regional hubs of the nationwide list");
    for stage in 1..=8 {
        let programs = site.members("stages", &format!("stage-{stage}"));
        assert!(programs.iter().any(|&i| site.records[i].kind == Kind::Program), "a program at stage {stage}");
    }
}

/// The survey's stage menus (１（１）段階別支援施策): every stage has its
/// numbered items, in the source's order, and the items its overview chart
/// adds; programs are tagged only with items of their own stage.
#[test]
fn stage_menus_follow_the_survey() {
    let site = site();
    let menus = site.taxonomies.get("stage-menus").expect("content/taxonomies/stage-menus.yaml");
    let per_stage: Vec<usize> =
        (1..=8).map(|n| menus.terms.iter().filter(|t| t.stage.as_deref() == Some(format!("stage-{n}").as_str())).count()).collect();
    assert_eq!(per_stage, [3, 2, 2, 3, 2, 2, 3, 1], "items per stage");
    assert_eq!(menus.terms.len(), 18);
    for t in &menus.terms {
        let stage = t.stage.as_deref().expect("every menu item has its stage");
        let n = &stage["stage-".len()..];
        let circled = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧'][n.parse::<usize>().unwrap() - 1];
        assert!(t.label.as_deref().is_some_and(|l| l.starts_with(&format!("段階{circled}"))), "{}: label names its stage", t.id);
        assert!(t.description.as_deref().is_some_and(|d| !d.is_empty()), "{}: a one-line description", t.id);
    }
    let mut tagged = 0;
    for r in &site.records {
        if let KindData::Program(p) = &r.data {
            for m in &p.stage_menus {
                let stage = menus.term(m).and_then(|t| t.stage.clone()).unwrap();
                assert!(p.stages.contains(&stage), "{}: {m} is not at one of its stages", r.file);
                tagged += 1;
            }
        }
    }
    assert_eq!(tagged, 8, "the stage examples that implement a menu item");
}

/// The 事例 list says what each record is: cases, adoption lists, a survey
/// result, an action plan, a regional 構想.
#[test]
fn every_case_record_has_a_type() {
    let site = site();
    let mut counts = std::collections::BTreeMap::new();
    for (_, r) in site.of_kind(Kind::Case) {
        let KindData::Case(c) = &r.data else { unreachable!() };
        let t = c.record_type.clone().unwrap_or_else(|| panic!("{} has no record_type", r.file));
        *counts.entry(t).or_insert(0) += 1;
    }
    let counts: Vec<(&str, i32)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(counts, [("action-plan", 1), ("adoption-list", 2), ("case-study", 8), ("regional-concept", 1), ("survey-result", 1)]);
}

/// A fact that names a year in its label carries the machine-readable date.
#[test]
fn facts_with_dated_labels_carry_an_iso_date() {
    let site = site();
    let mut dated = 0;
    for r in &site.records {
        for f in &r.common.facts {
            if f.as_of.as_deref().is_some_and(|l| !atlas::calendar::years_in_label(l).is_empty()) {
                assert!(f.as_of_date.is_some(), "{}: {:?}", r.file, f.as_of);
            }
            dated += usize::from(f.as_of_date.is_some());
        }
    }
    assert!(dated >= 80, "{dated} dated facts");
}
