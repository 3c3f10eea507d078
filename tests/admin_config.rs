//! The browser editor's configuration (/admin/config.yml) is generated
//! from the field registry: every field of every kind has a form field of
//! the right widget, in the registry's order, then the body (a new field
//! fails here until the configuration handles it); every option is a real
//! term, record or seed document; the output is deterministic; netlify.toml
//! publishes /admin/ under the policy `atlas serve` sends; the vendored
//! Decap script is the release its README records.

use atlas::fields::{self, Field, Shape};
use atlas::render::admin::*;
use atlas::schema::{CmsBackend, CmsConfig, Kind, LocalBackend};
use atlas::site::Site;
use serde_json::{Value, json};
use sha2::Digest;
use std::collections::BTreeSet;

const BODY: &str = "body";

fn shipped() -> Site {
    atlas::load_site(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e:?}"))
}

fn cms() -> CmsConfig {
    CmsConfig { backend: CmsBackend::GitGateway, repo: None, branch: "main".into(), local_backend: Some(LocalBackend::On(true)) }
}

fn collection_of(config: &Value, kind: Kind) -> &Value {
    config["collections"].as_array().unwrap().iter().find(|c| c["name"] == kind.folder()).unwrap()
}

/// Every field of the registry has a form field of the right widget,
/// in registry order, then the body; a new field fails here until the
/// configuration handles it.
#[test]
fn the_config_covers_every_registry_field_of_every_kind() {
    let site = shipped();
    let config = decap_config(&site, &cms());
    for kind in Kind::ALL {
        let collection = collection_of(&config, kind);
        assert_eq!(collection["folder"], format!("content/{}", kind.folder()));
        assert_eq!((collection["extension"].as_str(), collection["format"].as_str()), (Some("md"), Some("yaml-frontmatter")));
        let form = collection["fields"].as_array().unwrap();
        let registry = fields::fields(kind);
        let names: Vec<&str> = form.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let expected: Vec<&str> = registry.iter().map(|f| f.name.as_str()).chain([BODY]).collect();
        assert_eq!(names, expected, "{kind:?}: the form's fields are the registry's, in its order, then the body");
        for (f, form_field) in registry.iter().zip(form) {
            assert_handles(f, form_field, &format!("{}.{}", kind.name(), f.name));
        }
    }
}

fn assert_handles(f: &Field, out: &Value, at: &str) {
    assert_eq!(out["required"], json!(f.required), "{at}: required");
    assert_eq!(out["label"], json!(f.label), "{at}: label");
    let widget = out["widget"].as_str().unwrap_or_else(|| panic!("{at}: no widget"));
    let expected = match (&f.shape, f.taxonomy, f.refers_to) {
        (_, Some(_), _) => "select",
        (_, None, Some([_])) => "relation",
        (_, None, Some(_)) => "select",
        (Shape::List(_) | Shape::TextList, None, None) => "list",
        (Shape::Date, None, None) => "datetime",
        (Shape::Bool, None, None) => "boolean",
        (Shape::Text | Shape::FiscalYear | Shape::Scalar, None, None) => "string",
    };
    // Citations' sources are seed documents, offered as a select.
    let expected = if f.name == "source" { "select" } else { expected };
    assert_eq!(widget, expected, "{at}: widget");
    if f.taxonomy.is_some() || f.refers_to.is_some() {
        assert_eq!(out["multiple"], json!(f.shape == Shape::TextList), "{at}: multiple");
    }
    if let Some(pattern) = &f.pattern {
        assert_eq!(out["pattern"][0], json!(pattern), "{at}: the schema's pattern");
    }
    if let Shape::List(parts) = &f.shape {
        let form_parts = out["fields"].as_array().unwrap_or_else(|| panic!("{at}: no parts"));
        let names: Vec<&str> = form_parts.iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), "{at}: parts");
        for (p, form_part) in parts.iter().zip(form_parts) {
            assert_handles(p, form_part, &format!("{at}.{}", p.name));
        }
    }
}

/// Every option of every select is a real term, record or source, and
/// every relation points at a collection.
#[test]
fn every_option_is_a_real_term_record_or_source() {
    let site = shipped();
    let config = decap_config(&site, &cms());
    let collections: BTreeSet<&str> = config["collections"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    for kind in Kind::ALL {
        let form = collection_of(&config, kind)["fields"].as_array().unwrap();
        for f in fields::fields(kind) {
            let out = form.iter().find(|o| o["name"] == f.name.as_str()).unwrap();
            let values = |out: &Value| -> Vec<String> {
                out["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap().to_string()).collect()
            };
            if let Some(slug) = f.taxonomy {
                let taxonomy = site.taxonomies.get(slug.as_str()).unwrap();
                let terms: Vec<String> = taxonomy.terms.iter().map(|t| t.id.clone()).collect();
                assert_eq!(values(out), terms, "{}: the options are the terms of {slug}", f.name);
                for o in out["options"].as_array().unwrap() {
                    let term = taxonomy.terms.iter().find(|t| t.id == o["value"].as_str().unwrap()).unwrap();
                    assert_eq!(o["label"], json!(term.display()), "{}: labelled with the term's Japanese name", f.name);
                }
            } else if let Some(kinds) = f.refers_to {
                if out["widget"] == "relation" {
                    assert!(collections.contains(out["collection"].as_str().unwrap()), "{}", f.name);
                    assert_eq!(out["value_field"], "id");
                } else {
                    for id in values(out) {
                        assert!(site.get(&id).is_some_and(|r| kinds.contains(&r.kind)), "{}: {id} is no record it takes", f.name);
                    }
                }
            }
            if let Shape::List(parts) = &f.shape {
                for p in parts.iter().filter(|p| p.name == "source") {
                    let sub = out["fields"].as_array().unwrap().iter().find(|o| o["name"] == p.name.as_str()).unwrap();
                    let ids = values(sub);
                    assert!(!ids.is_empty());
                    assert!(ids.iter().all(|id| site.source(id).is_some()), "{}.source: a seed document", f.name);
                }
            }
        }
    }
}

#[test]
fn the_config_is_deterministic_and_yaml() {
    let site = shipped();
    let a = config_yaml(&site, &cms());
    assert_eq!(a, config_yaml(&site, &cms()));
    let parsed: Value = serde_yaml::from_str(&a).unwrap();
    assert_eq!(parsed["locale"], "ja");
    assert_eq!(parsed["local_backend"]["url"], DEFAULT_LOCAL_BACKEND);
    assert_eq!(parsed["backend"]["name"], "git-gateway");
}

/// netlify.toml publishes /admin/ under the policy `atlas serve` sends
/// (without the local backend), after the site's rule so that it
/// replaces the site's policy there.
#[test]
fn netlify_toml_gives_admin_this_policy() {
    let toml = include_str!("../netlify.toml");
    let rules: Vec<&str> = toml.split("[[headers]]").skip(1).collect();
    fn policy(rule: &str) -> Option<&str> {
        rule.lines().find_map(|l| l.trim().strip_prefix("Content-Security-Policy = \"")?.strip_suffix('"'))
    }
    let at = |pattern: &str| {
        rules.iter().position(|r| r.contains(&format!("for = \"{pattern}\""))).unwrap_or_else(|| panic!("no {pattern} rule"))
    };
    let (site, admin) = (at("/*"), at("/admin/*"));
    assert!(site < admin, "the /admin/* rule comes after /*");
    let shipped = shipped().config.cms.expect("the shipped atlas has a cms: section");
    assert_eq!(policy(rules[admin]), Some(content_security_policy(&shipped, false).as_str()));
    assert!(rules[admin].contains("X-Robots-Tag = \"noindex, nofollow\""));
    assert_ne!(policy(rules[site]), policy(rules[admin]));
}

/// The vendored script is the release its README names, unaltered.
#[test]
fn the_vendored_script_is_the_recorded_release() {
    let readme = include_str!("../vendor/decap-cms/README.md");
    assert!(readme.contains(&format!("- version: {DECAP_VERSION}\n")), "vendor/decap-cms/README.md names {DECAP_VERSION}");
    let sum: String = sha2::Sha256::digest(DECAP_SCRIPT).iter().map(|b| format!("{b:02x}")).collect();
    assert!(
        readme.contains(&format!("- decap-cms.js sha256: {sum}\n")),
        "vendor/decap-cms/decap-cms.js has sha256 {sum}, not the recorded one"
    );
    assert!(String::from_utf8_lossy(DECAP_SCRIPT).contains(&format!("decap-cms {DECAP_VERSION}")));
}
