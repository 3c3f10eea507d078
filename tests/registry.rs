//! Every consumer of the record schema lists the same fields as the field
//! registry (`atlas::fields::fields`), in the same order: the JSON Schema,
//! docs/fields.md, the `atlas new` template and the open-data columns.

use atlas::fields::{Field, Shape, fields};
use atlas::render::opendata;
use atlas::schema::Kind;
use std::path::Path;

fn names(fields: &[Field]) -> Vec<String> {
    fields.iter().map(|f| f.name.clone()).collect()
}

#[test]
fn the_json_schema_has_the_registry_fields() {
    let schema = atlas::schema::json_schema();
    for kind in Kind::ALL {
        let def = &schema["definitions"][kind.name()];
        let properties: Vec<String> = def["properties"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(properties, names(fields(kind)), "{kind:?}");
        let required: Vec<&str> = def["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let registry_required: Vec<&str> = fields(kind).iter().filter(|f| f.required).map(|f| f.name.as_str()).collect();
        assert_eq!(required, registry_required, "{kind:?}");
    }
}

/// The field names of the first table after `heading` in docs/fields.md.
fn reference_table(markdown: &str, heading: &str) -> Vec<String> {
    let section = &markdown[markdown.find(heading).unwrap_or_else(|| panic!("no section {heading}"))..];
    section
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next().map(str::to_string))
        .collect()
}

#[test]
fn the_field_reference_has_the_registry_fields() {
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fields.md")).unwrap();
    let common = atlas::fields::common_names();
    assert_eq!(reference_table(&shipped, "## すべての種類に共通の項目"), common);
    for kind in Kind::ALL {
        let own: Vec<String> = names(fields(kind)).into_iter().filter(|n| !common.contains(n)).collect();
        assert_eq!(reference_table(&shipped, &format!("## {}（{}）", kind.label(), kind.name())), own, "{kind:?}");
        for f in fields(kind) {
            if let Shape::List(items) = &f.shape {
                assert_eq!(reference_table(&shipped, &format!("### `{}` の各項目", f.name)), names(items), "{}", f.name);
            }
        }
    }
}

#[test]
fn the_new_record_template_has_the_registry_fields() {
    let site = atlas::load_site(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| panic!("{e:?}"));
    let facts = atlas::scaffold::SiteFacts { taxonomies: &site.taxonomies, first_source: "x", today: atlas::today() };
    for kind in Kind::ALL {
        let text = atlas::scaffold::record(kind, "new-record", &facts);
        let keys: Vec<String> = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(':').map(|(k, _)| k.to_string()))
            .collect();
        assert_eq!(keys, names(fields(kind)), "{kind:?}");
    }
}

#[test]
fn the_open_data_columns_are_the_registry_fields() {
    for kind in Kind::ALL {
        let columns = opendata::record_fields(kind);
        assert_eq!(columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>(), names(fields(kind)), "{kind:?}");
        for (c, f) in columns.iter().zip(fields(kind)) {
            assert_eq!((&c.description, c.required), (&f.description, f.required), "{}", f.name);
            assert_eq!(c.shape == opendata::ColumnShape::Table, matches!(f.shape, Shape::List(_)), "{}", f.name);
        }
    }
    for table in opendata::tables() {
        let field = Kind::ALL.iter().flat_map(|&k| fields(k)).find(|f| f.name == table.field).expect("a field of the registry");
        let Shape::List(items) = &field.shape else { panic!("{} is no list of items", field.name) };
        assert_eq!(table.fields.iter().map(|c| c.name.clone()).collect::<Vec<_>>(), names(items), "{}", table.field);
    }
}

#[test]
fn every_field_has_a_short_label() {
    for kind in Kind::ALL {
        for f in fields(kind) {
            let n = f.label.chars().count();
            assert!((1..=24).contains(&n) && !f.label.contains(['。', '（']), "{}: label `{}`", f.name, f.label);
        }
    }
}
