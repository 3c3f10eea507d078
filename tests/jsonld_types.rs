//! Every JSON-LD item of the shipped atlas keeps schema.org's type rules
//! (tests/schemaorg), and the pages that show lists or breadcrumbs say so.

mod schemaorg;
mod views_check;
use atlas::schema::Kind;
use atlas::urls;
use schemaorg::Vocabulary;
use serde_json::json;
use std::path::Path;

#[test]
fn the_checker_catches_what_schema_org_does_not_allow() {
    let v = Vocabulary::load();
    let ok = json!({"@context": "https://schema.org", "@type": "GovernmentService", "name": "x",
        "provider": [{"@type": "GovernmentOrganization", "name": "y", "url": "https://example.org/y/"}]});
    assert_eq!(v.check(&ok), Vec::<String>::new());
    let cases = [
        // A City is a Place, not an Organization or Person.
        (json!({"@type": "GovernmentService", "provider": {"@type": "City", "name": "さいたま市"}}), "is not one of Organization, Person"),
        (json!({"@type": "City", "provider": {"@type": "Organization", "name": "x"}}), "does not apply to City"),
        (json!({"@type": "Thing", "colour": "red"}), "not a schema.org property"),
        (json!({"@type": "Townhall"}), "not a schema.org type"),
        (json!({"@type": "ItemList", "numberOfItems": "three"}), "is not one of Integer"),
        (json!({"@type": "Thing", "url": "/relative/"}), "is not one of URL"),
        (json!({"@type": "ListItem", "item": "https://example.org/"}), "is not one of Thing"),
    ];
    for (mut item, expected) in cases {
        item["@context"] = json!("https://schema.org");
        let errors = v.check(&item);
        assert!(errors.iter().any(|e| e.contains(expected)), "{item}: {errors:?}");
    }
}

#[test]
fn every_json_ld_item_of_the_shipped_atlas_keeps_schema_orgs_type_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jsonld-types");
    atlas::build(root, &out, &|_| {}).unwrap_or_else(|e| panic!("the shipped atlas does not build: {e:?}"));
    let vocabulary = Vocabulary::load();
    let (mut pages, mut items) = (0, 0);
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        let html = views_check::read(&out, &rel);
        let found = views_check::jsonld(&rel, &html);
        if html.contains("aria-label=パンくずリスト") {
            assert!(found.iter().any(|i| i["@type"] == "BreadcrumbList"), "{rel} shows breadcrumbs but has no BreadcrumbList");
        }
        for item in &found {
            errors.extend(vocabulary.check(item).into_iter().map(|e| format!("{rel}: {}: {e}", item["@type"])));
        }
        pages += 1;
        items += found.len();
    }
    assert!(errors.is_empty(), "{} errors:\n{}", errors.len(), errors.iter().take(30).cloned().collect::<Vec<_>>().join("\n"));
    assert!(pages > 300 && items > 2 * 250, "{pages} pages, {items} items");

    // Every kind list, term page and source page is a CollectionPage of
    // all its records.
    let site = atlas::load_site(root).unwrap_or_else(|e| panic!("{e:?}"));
    let mut lists: Vec<(String, usize)> = Kind::ALL.iter().map(|&k| (urls::kind_list(k), site.kind_range(k).len())).collect();
    for tax in &site.taxonomies.0 {
        lists.extend(tax.terms.iter().map(|t| (urls::term(&tax.slug, &t.id), site.members(&tax.slug, &t.id).len())));
    }
    lists.extend(site.sources.iter().map(|s| (urls::source(&s.source.id), site.citing.get(&s.source.id).map_or(0, Vec::len))));
    for (url, count) in lists {
        let file = urls::file_for(&url);
        let found = views_check::jsonld(&file, &views_check::read(&out, &file));
        let page = found.iter().find(|i| i["@type"] == "CollectionPage").unwrap_or_else(|| panic!("{url}: no CollectionPage"));
        let list = &page["mainEntity"];
        assert_eq!(list["@type"], "ItemList", "{url}");
        assert_eq!(list["numberOfItems"], json!(count), "{url}");
        let shown = list["itemListElement"].as_array().unwrap();
        assert_eq!(shown.len(), count.min(site.config.page_size.get()), "{url}");
        for (n, element) in shown.iter().enumerate() {
            assert_eq!(element["position"], json!(n + 1), "{url}");
            assert!(element["item"]["url"].as_str().is_some_and(|u| u.starts_with(&site.config.base_url)), "{url}: {element}");
        }
    }
}
