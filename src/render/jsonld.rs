//! JSON-LD (schema.org): on record pages the record as GovernmentService,
//! (Government)Organization, Place/City or Article; on list, term and
//! source pages a CollectionPage whose main entity is the ItemList of the
//! records the page shows; on both the page's BreadcrumbList. Emitted as
//! `<script type="application/ld+json">` data blocks, which a
//! Content-Security-Policy without inline script allows because browsers
//! never execute them. Every value is of a type schema.org allows for its
//! property (tests/jsonld_types.rs checks against schema.org's own
//! definitions); nested items carry the `url` of their page.

use super::templates::PageMeta;
use super::views::Link;
use crate::content::Record;
use crate::schema::KindData;
use crate::site::Site;
use crate::urls;
use serde_json::{Map, Value, json};

fn absolute(site: &Site, url: &str) -> String {
    urls::absolute(&site.config.base_url, url)
}

/// A reference to a record by type, name and page.
fn record_reference(site: &Site, r: &Record) -> Value {
    json!({"@type": schema_type(r), "name": r.common.name, "url": absolute(site, &urls::record(r.kind, &r.common.id))})
}

/// A reference to another record by name and page.
fn reference(site: &Site, id: &str) -> Option<Value> {
    site.get(id).map(|r| record_reference(site, r))
}

fn references(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter().filter_map(|id| reference(site, id)).collect()
}

/// A record that provides a program, as an Organization: schema.org's
/// `provider` takes an Organization or a Person. A place record that runs
/// a program stands for its local government (県・市 name both the area
/// and its government), so it is a GovernmentOrganization named like the
/// place, with the place's page as its url.
fn provider(site: &Site, id: &str) -> Option<Value> {
    let r = site.get(id)?;
    let url = absolute(site, &urls::record(r.kind, &r.common.id));
    Some(match &r.data {
        KindData::Place(_) => json!({"@type": "GovernmentOrganization", "name": r.common.name, "url": url}),
        _ => record_reference(site, r),
    })
}

/// The site's publisher, with the site's address.
fn publisher(site: &Site) -> Value {
    let name = site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone());
    json!({"@type": "Organization", "name": name, "url": absolute(site, &urls::home())})
}

fn term_name(site: &Site, taxonomy: &str, id: &str) -> Option<String> {
    site.taxonomies.get(taxonomy)?.term(id).map(|t| t.name.clone())
}

pub fn schema_type(r: &Record) -> &'static str {
    match &r.data {
        KindData::Program(_) => "GovernmentService",
        KindData::Organization(o) => match o.organization_type.as_deref() {
            Some("national-body" | "municipality") => "GovernmentOrganization",
            _ => "Organization",
        },
        KindData::Place(p) if p.place_type == "prefecture" => "AdministrativeArea",
        KindData::Place(_) => "City",
        KindData::Case(_) => "Article",
    }
}

/// The record as a schema.org item.
pub fn item(site: &Site, index: usize) -> Value {
    let r = &site.records[index];
    let c = &r.common;
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!(schema_type(r)));
    o.insert("@id".into(), json!(absolute(site, &urls::record(r.kind, &c.id))));
    o.insert("name".into(), json!(c.name));
    let alternate: Vec<&String> = c.short_name.iter().chain(&c.aliases).collect();
    match alternate.as_slice() {
        [] => {}
        [one] => {
            o.insert("alternateName".into(), json!(one));
        }
        many => {
            o.insert("alternateName".into(), json!(many));
        }
    }
    o.insert("description".into(), json!(c.summary));
    o.insert("url".into(), json!(absolute(site, &urls::record(r.kind, &c.id))));
    if let Some(u) = &c.url {
        o.insert("sameAs".into(), json!(u));
    }
    let mut put = |key: &str, v: Value| {
        let empty = v.is_null() || v.as_array().is_some_and(Vec::is_empty);
        if !empty {
            o.insert(key.into(), v);
        }
    };
    match &r.data {
        KindData::Program(p) => {
            let providers: Vec<Value> = p.owner.iter().chain(&p.implementers).filter_map(|id| provider(site, id)).collect();
            put("provider", json!(providers));
            put("areaServed", json!(references(site, &p.places)));
            let kinds: Vec<String> = p.support_kinds.iter().filter_map(|k| term_name(site, "support-kinds", k)).collect();
            put("serviceType", json!(kinds));
            if let Some(t) = &p.targets {
                put("audience", json!({"@type": "Audience", "audienceType": t}));
            }
        }
        KindData::Organization(org) => {
            if let Some(region) = org.prefecture.as_deref().and_then(|p| term_name(site, "prefectures", p)) {
                put("address", json!({"@type": "PostalAddress", "addressRegion": region, "addressCountry": "JP"}));
            }
            put("location", json!(references(site, &org.places)));
        }
        KindData::Place(p) => {
            if let Some(pref) = term_name(site, "prefectures", &p.prefecture).filter(|_| p.place_type != "prefecture") {
                let url = absolute(site, &urls::term("prefectures", &p.prefecture));
                put("containedInPlace", json!({"@type": "AdministrativeArea", "name": pref, "url": url}));
            }
        }
        KindData::Case(case) => {
            put("headline", json!(c.name));
            put("dateModified", json!(c.updated.iso()));
            put("inLanguage", json!(site.config.language));
            put("about", json!(references(site, &case.programs)));
            let mut mentions = references(site, &case.organizations);
            mentions.extend(references(site, &case.places));
            put("mentions", json!(mentions));
            put("publisher", publisher(site));
            let cited: Vec<Value> = c
                .sources
                .iter()
                .filter_map(|s| site.source(&s.source))
                .map(|s| json!({"@type": "CreativeWork", "name": s.source.title, "url": absolute(site, &urls::source(&s.source.id))}))
                .collect();
            put("isBasedOn", json!(cited));
        }
    }
    Value::Object(o)
}

/// The page's breadcrumbs as a BreadcrumbList. Each crumb's item is the
/// WebPage it links to (schema.org's `item` takes a Thing).
pub fn breadcrumbs(base_url: &str, crumbs: &[Link]) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let url = urls::absolute(base_url, &l.url);
            json!({"@type": "ListItem", "position": i + 1, "name": l.name, "item": {"@type": "WebPage", "@id": url, "url": url}})
        })
        .collect();
    json!({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
}

/// A list page (a kind's list, a term's or a source's page, one page of
/// it): a CollectionPage whose main entity is the ItemList of all
/// `total` records, with the ones `shown` on this page at their positions
/// from `first_position` on.
pub fn collection(site: &Site, page: &PageMeta, shown: &[usize], first_position: usize, total: usize) -> Value {
    let elements: Vec<Value> = shown
        .iter()
        .enumerate()
        .map(|(n, &i)| json!({"@type": "ListItem", "position": first_position + n, "item": record_reference(site, &site.records[i])}))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": page.canonical,
        "url": page.canonical,
        "name": page.title,
        "description": page.description,
        "inLanguage": site.config.language,
        "isPartOf": {"@type": "WebSite", "name": site.config.title, "url": absolute(site, &urls::home())},
        "publisher": publisher(site),
        "mainEntity": {"@type": "ItemList", "numberOfItems": total, "itemListElement": elements},
    })
}

/// The JSON-LD blocks of a list page.
pub fn collection_blocks(site: &Site, page: &PageMeta, shown: &[usize], first_position: usize, total: usize) -> Vec<String> {
    vec![
        script_text(&collection(site, page, shown, first_position, total)),
        script_text(&breadcrumbs(&site.config.base_url, &page.breadcrumbs)),
    ]
}

/// JSON text safe inside a `<script>` element: `<`, `>` and `&` are written
/// as \u escapes, so no text can close the element or open a comment.
pub fn script_text(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The JSON-LD blocks of a record page.
pub fn blocks(site: &Site, index: usize, crumbs: &[Link]) -> Vec<String> {
    vec![script_text(&item(site, index)), script_text(&breadcrumbs(&site.config.base_url, crumbs))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let v = json!({"name": "</script><!-- & -->"});
        let text = script_text(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }
}
