//! One rule says where a record is (`site::location`); search facets,
//! prefecture and region pages and the map all follow it. The fixture has
//! the two records for which the two rules the code had before disagreed:
//! an organization located only through its places (search ignored them),
//! and a program located only through its owner (term pages ignored it).

mod common;

use atlas::search::document::{DIMENSIONS, facet_terms};
use common::Fixture;

const CHIBA: &str = "---
id: city-chiba
name: 千葉市
summary: 千葉県の指定都市。
place_type: designated-city
prefecture: chiba
sources:
  - source: saitama-strategy-meeting-2017
updated: 2026-11-01
---
";

/// No `prefecture` of its own; one place.
const ORGANIZATION: &str = "---
id: test-center
name: テスト支援センター
summary: 市内で医療機器の開発を支援する機関。
organization_type: regional-support
places: [city-chiba]
sources:
  - source: saitama-strategy-meeting-2017
updated: 2026-11-02
---
";

/// No `places`; owned by a city.
const PROGRAM: &str = "---
id: test-grant
name: テスト補助金
summary: 市が実施する試作開発の補助。
owner: city-chiba
sources:
  - source: saitama-strategy-meeting-2017
updated: 2026-11-03
---
";

#[test]
fn search_facets_term_pages_and_the_map_agree_on_where_records_are() {
    let f = Fixture::new();
    f.write("content/places/city-chiba.md", CHIBA);
    f.write("content/organizations/test-center.md", ORGANIZATION);
    f.write("content/programs/test-grant.md", PROGRAM);
    let site = atlas::load_site(f.root()).unwrap_or_else(|e| panic!("{e:?}"));
    let pref = DIMENSIONS.iter().position(|d| d.key == "pref").unwrap();
    let region = DIMENSIONS.iter().position(|d| d.key == "region").unwrap();
    for id in ["city-chiba", "test-center", "test-grant"] {
        let i = site.index_of(id).unwrap();
        let r = &site.records[i];
        let location = site.location(r);
        assert_eq!(location.prefectures, ["chiba"], "{id}");
        assert_eq!(location.regions, ["kanto"], "{id}");
        let facets = facet_terms(&site, r);
        let of = |d: usize| facets.iter().filter(|(x, _)| *x == d).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
        assert_eq!((of(pref), of(region)), (vec!["chiba"], vec!["kanto"]), "search facets of {id}");
        assert!(site.members("prefectures", "chiba").contains(&i), "{id} on the page of 千葉県");
        assert!(site.members("regions", "kanto").contains(&i), "{id} on the page of 関東");
    }
    let map = atlas::render::map::map(&site);
    let tile = map.tiles.iter().find(|t| t.id == "chiba").expect("a tile for 千葉県");
    assert_eq!((tile.organizations, tile.programs), (1, 1), "the map counts the organization and the program in 千葉県");
}
