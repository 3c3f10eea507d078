//! JSON-LD (schema.org) for record pages: the record as GovernmentService,
//! (Government)Organization, Place/City or Article, and the page's
//! BreadcrumbList. Emitted as `<script type="application/ld+json">` data
//! blocks, which a Content-Security-Policy without inline script allows
//! because browsers never execute them.

use super::views::Link;
use crate::content::Record;
use crate::schema::KindData;
use crate::site::Site;
use crate::urls;
use serde_json::{Map, Value, json};

fn absolute(site: &Site, url: &str) -> String {
    urls::absolute(&site.config.base_url, url)
}

/// A reference to another record by name and page.
fn reference(site: &Site, id: &str) -> Option<Value> {
    let r = site.get(id)?;
    Some(json!({"@type": schema_type(r), "name": r.common.name, "url": absolute(site, &urls::record(r.kind, &r.common.id))}))
}

fn references(site: &Site, ids: &[String]) -> Vec<Value> {
    ids.iter().filter_map(|id| reference(site, id)).collect()
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
            let mut providers = references(site, p.owner.as_slice());
            providers.extend(references(site, &p.implementers));
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
                put("containedInPlace", json!({"@type": "AdministrativeArea", "name": pref}));
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
            let publisher = site.config.publisher.clone().unwrap_or_else(|| site.config.title.clone());
            put("publisher", json!({"@type": "Organization", "name": publisher}));
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

/// The page's breadcrumbs as a BreadcrumbList.
pub fn breadcrumbs(site: &Site, crumbs: &[Link]) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, l)| json!({"@type": "ListItem", "position": i + 1, "name": l.name, "item": absolute(site, &l.url)}))
        .collect();
    json!({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
}

/// JSON text safe inside a `<script>` element: `<`, `>` and `&` are written
/// as \u escapes, so no text can close the element or open a comment.
pub fn script_text(v: &Value) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The JSON-LD blocks of a record page.
pub fn blocks(site: &Site, index: usize, crumbs: &[Link]) -> Vec<String> {
    vec![script_text(&item(site, index)), script_text(&breadcrumbs(site, crumbs))]
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
