//! Checks of the atlas views against the records, shared by the fixture
//! tests (tests/views.rs) and the shipped-atlas tests (tests/shipped_views.rs).
//! Expected values are computed here from the records directly, not through
//! the renderers' own helpers, so that a wrong renderer fails.
#![allow(dead_code)]

use atlas::calendar::FiscalYear;
use atlas::render::opendata::{self, Column, ColumnShape};
use atlas::render::views::CELL_LINKS;
use atlas::schema::{self, Kind, KindData};
use atlas::site::Site;
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file of the built site; a page in minify-html's form (see
/// `common::Fixture::read`).
pub fn read(out: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    if rel.ends_with(".html") { atlas::render::minify::minify_fragment(&text) } else { text }
}

/// The text from each `start` up to the following `end` (exclusive).
pub fn sections<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(start) {
        let after = &rest[i + start.len()..];
        let j = after.find(end).unwrap_or(after.len());
        out.push(&after[..j]);
        rest = &after[j..];
    }
    out
}

/// The value of attribute `name` in a (minified) tag's text.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let i = tag.find(&format!(" {name}="))? + name.len() + 2;
    let v = &tag[i..];
    let value = match v.strip_prefix('"') {
        Some(q) => &q[..q.find('"')?],
        None => &v[..v.find([' ', '>']).unwrap_or(v.len())],
    };
    Some(value.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">"))
}

/// Record ids linked from `html` as `/<folder>/<id>/`, in order, deduplicated.
pub fn linked(html: &str, kind: Kind) -> Vec<String> {
    let prefix = format!("href=/{}/", kind.folder());
    let mut out: Vec<String> = Vec::new();
    for s in sections(html, &prefix, "/") {
        let is_id = !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if is_id && !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    }
    out
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn program<'a>(site: &'a Site, id: &str) -> Option<&'a schema::Program> {
    match &site.get(id)?.data {
        KindData::Program(p) => Some(p),
        _ => None,
    }
}

/// Programs at `stage` (ids, sorted).
pub fn expected_stage_programs(site: &Site, stage: &str) -> Vec<String> {
    sorted(
        site.records
            .iter()
            .filter(|r| matches!(&r.data, KindData::Program(p) if p.stages.iter().any(|s| s == stage)))
            .map(|r| r.common.id.clone())
            .collect(),
    )
}

/// The type × stage cell: programs at `stage` used by cases of `case_type`,
/// and cases of the type that record the stage.
pub fn expected_cell(site: &Site, case_type: &str, stage: &str) -> (Vec<String>, Vec<String>) {
    let mut programs = BTreeSet::new();
    let mut cases = BTreeSet::new();
    for r in &site.records {
        let KindData::Case(c) = &r.data else { continue };
        if c.case_type.as_deref() != Some(case_type) {
            continue;
        }
        if c.stages.iter().any(|s| s == stage) {
            cases.insert(r.common.id.clone());
        }
        for p in &c.programs {
            if program(site, p).is_some_and(|prog| prog.stages.iter().any(|s| s == stage)) {
                programs.insert(p.clone());
            }
        }
    }
    (programs.into_iter().collect(), cases.into_iter().collect())
}

/// Checks /stages/: every stage column and every type × stage cell links
/// exactly the programs (and cases) the records put there. Returns the
/// number of non-empty type cells.
pub fn check_pipeline(site: &Site, html: &str) -> usize {
    let stages: Vec<String> = site.taxonomies.get("stages").unwrap().terms.iter().map(|t| t.id.clone()).collect();
    assert_eq!(stages.len(), 8);
    for stage in &stages {
        let column = sections(html, &format!("<li class=stage id={stage}>"), "<li class=stage ");
        assert_eq!(column.len(), 1, "one column for {stage}");
        let column = column[0].split("</ol>").next().unwrap();
        assert_eq!(sorted(linked(column, Kind::Program)), expected_stage_programs(site, stage), "programs of {stage}");
    }
    let table = sections(html, "<table class=\"type-stage", "</table>");
    assert_eq!(table.len(), 1);
    let body = table[0].split("<tbody>").nth(1).expect("table body");
    let rows = sections(body, "<tr>", "</tr>");
    let types = &site.taxonomies.get("case-types").unwrap().terms;
    assert_eq!(rows.len(), types.len(), "one row per case type");
    let mut hits = 0;
    for (row, t) in rows.iter().zip(types) {
        assert!(row.contains(&format!("href=/case-types/{}/", t.id)), "row of {}", t.id);
        let cells = sections(row, "<td ", "</td>");
        assert_eq!(cells.len(), stages.len(), "a cell per stage in {}", t.id);
        for (cell, stage) in cells.iter().zip(&stages) {
            let (programs, cases) = expected_cell(site, &t.id, stage);
            // A crowded cell names the first ones (in id order) and counts the rest.
            for (kind, all, more) in [(Kind::Program, &programs, "ほか"), (Kind::Case, &cases, "ほか事例")] {
                let shown = &all[..all.len().min(CELL_LINKS)];
                assert_eq!(sorted(linked(cell, kind)), shown, "{kind:?} of {} × {stage}", t.id);
                let rest = all.len() - shown.len();
                assert_eq!(cell.contains(&format!("<li>{more}{rest}件")), rest > 0, "{} × {stage}: {rest} more {kind:?}", t.id);
            }
            let empty = programs.is_empty() && cases.is_empty();
            assert_eq!(cell.contains("class=empty"), empty, "{} × {stage} marked empty", t.id);
            hits += usize::from(!empty);
        }
    }
    for phase in &site.taxonomies.get("phases").unwrap().terms {
        let column = sections(html, &format!("<li class=stage id={}>", phase.id), "<li class=stage ");
        let column = column[0].split("</ol>").next().unwrap();
        let expected: Vec<String> = sorted(
            site.records
                .iter()
                .filter(|r| matches!(&r.data, KindData::Program(p) if p.phases.contains(&phase.id)))
                .map(|r| r.common.id.clone())
                .collect(),
        );
        assert_eq!(sorted(linked(column, Kind::Program)), expected, "programs of phase {}", phase.id);
    }
    hits
}

/// Prefectures a record is located in, computed from the records.
fn located(site: &Site, r: &atlas::content::Record) -> BTreeSet<String> {
    let of_place = |id: &String| match site.get(id).map(|p| &p.data) {
        Some(KindData::Place(p)) => Some(p.prefecture.clone()),
        _ => None,
    };
    match &r.data {
        KindData::Place(p) => [p.prefecture.clone()].into(),
        KindData::Organization(o) => o.prefecture.iter().cloned().chain(o.places.iter().filter_map(of_place)).collect(),
        KindData::Program(p) => p.places.iter().filter_map(of_place).collect(),
        KindData::Case(c) => c.places.iter().filter_map(of_place).collect(),
    }
}

/// Per prefecture: (organizations, programs, cases, hub), from the records.
pub fn expected_counts(site: &Site) -> BTreeMap<String, (usize, usize, usize, bool)> {
    let mut out: BTreeMap<String, (usize, usize, usize, bool)> = BTreeMap::new();
    for r in &site.records {
        for pref in located(site, r) {
            let e = out.entry(pref).or_default();
            match &r.data {
                KindData::Organization(o) => {
                    e.0 += 1;
                    e.3 |= o.regional_hub;
                }
                KindData::Program(_) => e.1 += 1,
                KindData::Case(_) => e.2 += 1,
                KindData::Place(_) => {}
            }
        }
    }
    out
}

/// Checks /map/: 47 tiles at the positions of prefectures.yaml, each a link
/// to its prefecture with the right counts in its accessible name, and the
/// table beside it with the same figures. Returns the number of tiles.
pub fn check_map(site: &Site, html: &str) -> usize {
    let prefs = &site.taxonomies.get("prefectures").unwrap().terms;
    let counts = expected_counts(site);
    assert!(!html.contains("style="), "no inline styles");
    let svg = sections(html, "<svg ", "</svg>");
    assert_eq!(svg.len(), 1, "one inline SVG map");
    let tiles = sections(svg[0], "<a", "</a>");
    assert_eq!(tiles.len(), 47, "47 tiles");
    let step = 60; // tile 56 + gap 4
    for (tile, term) in tiles.iter().zip(prefs) {
        assert_eq!(attr(tile, "href").as_deref(), Some(format!("/prefectures/{}/", term.id).as_str()));
        let [col, row] = term.tile.expect("tile position");
        let rect = sections(tile, "<rect", ">")[0];
        assert_eq!(attr(rect, "x"), Some((col * step).to_string()), "x of {}", term.id);
        assert_eq!(attr(rect, "y"), Some((row * step).to_string()), "y of {}", term.id);
        let (orgs, programs, cases, hub) = counts.get(&term.id).copied().unwrap_or_default();
        let mut label = format!("{}: 支援機関{orgs}件、支援施策{programs}件、事例{cases}件", term.name);
        if hub {
            label.push_str("、地域連携自立化推進拠点あり");
        }
        assert_eq!(attr(tile, "aria-label"), Some(label.clone()), "accessible name of {}", term.id);
        assert_eq!(tile.contains('★'), hub, "★ on {}", term.id);
        let total = orgs + programs + cases;
        let shade = attr(rect, "class").unwrap();
        assert_eq!(shade.contains("shade-0"), total == 0, "{} with {total} is shaded {shade}", term.id);
        // The table row with the same figures.
        let row = sections(html, &format!("<th scope=row><a href=/prefectures/{}/>", term.id), "</tr>");
        assert_eq!(row.len(), 1, "table row of {}", term.id);
        let nums: Vec<&str> = sections(row[0], "<td class=num>", "</td>");
        assert_eq!(nums, [orgs.to_string(), programs.to_string(), cases.to_string()], "table figures of {}", term.id);
    }
    tiles.len()
}

/// Every JSON-LD block of a page, parsed.
pub fn jsonld(page: &str, html: &str) -> Vec<Value> {
    sections(html, "<script type=application/ld+json>", "</script>")
        .into_iter()
        .map(|text| serde_json::from_str(text).unwrap_or_else(|e| panic!("{page}: JSON-LD does not parse: {e}\n{text}")))
        .collect()
}

/// Checks every record page's JSON-LD: an item of the right schema.org type
/// naming the record, and a BreadcrumbList ending at the page.
pub fn check_jsonld(site: &Site, out: &Path) -> usize {
    let mut blocks = 0;
    for r in &site.records {
        let page = format!("{}/{}/index.html", r.kind.folder(), r.common.id);
        let found = jsonld(&page, &read(out, &page));
        assert_eq!(found.len(), 2, "{page}: item and breadcrumbs");
        let item = &found[0];
        let types: &[&str] = match r.kind {
            Kind::Program => &["GovernmentService"],
            Kind::Organization => &["GovernmentOrganization", "Organization"],
            Kind::Place => &["AdministrativeArea", "City"],
            Kind::Case => &["Article"],
        };
        assert!(types.contains(&item["@type"].as_str().unwrap_or("")), "{page}: {}", item["@type"]);
        assert_eq!(item["@context"], "https://schema.org");
        assert_eq!(item["name"], r.common.name.as_str(), "{page}");
        let url = format!("{}/{}/{}/", site.config.base_url.trim_end_matches('/'), r.kind.folder(), r.common.id);
        assert_eq!(item["url"], url.as_str());
        let crumbs = &found[1];
        assert_eq!(crumbs["@type"], "BreadcrumbList");
        let list = crumbs["itemListElement"].as_array().unwrap();
        assert_eq!(list.len(), 3, "{page}");
        assert_eq!(list[2]["item"]["@id"], url.as_str());
        assert_eq!(list[2]["position"], 3);
        blocks += found.len();
    }
    blocks
}

fn csv_rows(out: &Path, file: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(out.join("data").join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or_else(|| panic!("{file} starts with a UTF-8 BOM"));
    assert!(text.windows(2).any(|w| w == b"\r\n"), "{file} has CRLF line ends");
    assert_line_breaks_as_promised(file, text);
    let mut reader = csv::Reader::from_reader(text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert!(header.iter().all(|h| h.is_ascii()), "{file}: ASCII column names {header:?}");
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

/// The data page's promise: rows end with CRLF, a line break inside a
/// (quoted) cell is LF, and no CR stands anywhere else.
fn assert_line_breaks_as_promised(file: &str, text: &[u8]) {
    let mut quoted = false;
    for (at, &b) in text.iter().enumerate() {
        match b {
            // An escaped quote ("") toggles twice: the state comes out right.
            b'"' => quoted = !quoted,
            b'\r' => assert!(!quoted && text.get(at + 1) == Some(&b'\n'), "{file}: a CR at byte {at} that does not end a row"),
            b'\n' if !quoted => assert!(at > 0 && text[at - 1] == b'\r', "{file}: a row ending in a bare LF at byte {at}"),
            _ => {}
        }
    }
}

/// A CSV cell back to its JSON value, by the rules of the data page.
fn cell_value(field: &Column, cell: &str) -> Value {
    match field.shape {
        _ if cell.is_empty() && field.shape == ColumnShape::List => json!([]),
        _ if cell.is_empty() => Value::Null,
        ColumnShape::Text | ColumnShape::Date => json!(cell),
        ColumnShape::Bool => json!(cell.parse::<bool>().unwrap_or_else(|_| panic!("{}: `{cell}` is not true/false", field.name))),
        ColumnShape::List => json!(cell.split(opendata::LIST_SEPARATOR).collect::<Vec<_>>()),
        ColumnShape::FiscalYear => json!(cell.parse::<i64>().unwrap_or_else(|_| panic!("{}: `{cell}` is not a year", field.name))),
        ColumnShape::Table => unreachable!("tables have files of their own"),
    }
}

/// Reads the cells of `fields` from a row by column name; checks 和暦 columns.
fn object(fields: &[Column], header: &[String], row: &[String]) -> Map<String, Value> {
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"));
    let mut obj = Map::new();
    for f in fields.iter().filter(|f| f.shape != ColumnShape::Table) {
        let value = cell_value(f, &row[col(&f.name)]);
        if f.shape == ColumnShape::FiscalYear {
            let wareki = &row[col(&format!("{}{}", f.name, opendata::WAREKI_SUFFIX))];
            let expected = value.as_i64().map(|y| FiscalYear(y as i32).wareki()).unwrap_or_default();
            assert_eq!(wareki, &expected, "和暦 beside {}", f.name);
        }
        obj.insert(f.name.clone(), value);
    }
    obj
}

/// Rebuilds every record from the CSV files alone and from the JSON files
/// alone and compares both with the site's records. Returns the number of
/// records checked.
pub fn check_roundtrip(site: &Site, out: &Path) -> usize {
    let tables = opendata::tables();
    let mut items: BTreeMap<(String, String), Vec<(usize, Value)>> = BTreeMap::new();
    for spec in &tables {
        let (header, rows) = csv_rows(out, &spec.file);
        assert_eq!(&header[..2], ["record_id", "position"]);
        for row in rows {
            let position: usize = row[1].parse().unwrap();
            let item = Value::Object(object(&spec.fields, &header, &row));
            items.entry((spec.field.clone(), row[0].clone())).or_default().push((position, item));
        }
    }
    let all: Value = serde_json::from_str(&read(out, "data/all.json")).expect("all.json parses");
    let mut checked = 0;
    for kind in Kind::ALL {
        let fields = opendata::record_fields(kind);
        let (header, rows) = csv_rows(out, &format!("{}.csv", kind.folder()));
        let json: Vec<Value> = serde_json::from_str(&read(out, &format!("data/{}.json", kind.folder()))).expect("kind JSON parses");
        let records: Vec<_> = site.of_kind(kind).map(|(_, r)| r).collect();
        assert_eq!(rows.len(), records.len(), "{kind:?}: one CSV row per record");
        assert_eq!(json.len(), records.len(), "{kind:?}: one JSON object per record");
        assert_eq!(all["records"][kind.folder()].as_array().map(Vec::len), Some(records.len()));
        for ((row, from_json), r) in rows.iter().zip(&json).zip(&records) {
            // From the CSV: the row, then its tables in position order.
            let mut obj = object(&fields, &header, row);
            for f in fields.iter().filter(|f| f.shape == ColumnShape::Table) {
                let mut list = items.remove(&(f.name.clone(), r.common.id.clone())).unwrap_or_default();
                list.sort_by_key(|(p, _)| *p);
                assert!(list.iter().enumerate().all(|(i, (p, _))| *p == i + 1), "{}: positions 1..n", r.common.id);
                obj.insert(f.name.clone(), Value::Array(list.into_iter().map(|(_, v)| v).collect()));
            }
            for (extra, _) in opendata::RECORD_EXTRAS {
                let i = header.iter().position(|h| h == extra).unwrap();
                obj.insert(extra.to_string(), json!(row[i]));
            }
            let mut expected = from_json.as_object().unwrap().clone();
            assert_eq!(expected.remove("kind"), Some(json!(kind.name())));
            assert_eq!(Value::Object(obj), Value::Object(expected.clone()), "{}: CSV and JSON differ", r.common.id);

            // From the JSON: the schema's own types, compared with the site.
            let common: schema::Common = serde_json::from_value(from_json.clone()).expect("JSON reads as a record");
            assert_eq!(serde_json::to_value(&common).unwrap(), serde_json::to_value(&r.common).unwrap(), "{}", r.common.id);
            let data = match kind {
                Kind::Program => serde_json::to_value(serde_json::from_value::<schema::Program>(from_json.clone()).unwrap()),
                Kind::Organization => serde_json::to_value(serde_json::from_value::<schema::Organization>(from_json.clone()).unwrap()),
                Kind::Place => serde_json::to_value(serde_json::from_value::<schema::Place>(from_json.clone()).unwrap()),
                Kind::Case => serde_json::to_value(serde_json::from_value::<schema::Case>(from_json.clone()).unwrap()),
            };
            assert_eq!(data.unwrap(), serde_json::to_value(&r.data).unwrap(), "{}", r.common.id);
            assert_eq!(from_json["body"], r.body.as_str());

            // The record's own JSON file, linked from its page.
            let own = format!("data/{}/{}.json", kind.folder(), r.common.id);
            assert_eq!(&serde_json::from_str::<Value>(&read(out, &own)).unwrap(), from_json, "{own}");
            let page = read(out, &format!("{}/{}/index.html", kind.folder(), r.common.id));
            assert!(page.contains(&format!("href=/{own}")), "{} links to its JSON", r.common.id);
            checked += 1;
        }
    }
    assert!(items.is_empty(), "table rows of unknown records: {:?}", items.keys().collect::<Vec<_>>());
    checked
}
