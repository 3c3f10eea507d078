//! Front matter splitting, YAML parsing and record validation must never
//! panic, whatever the bytes.
#![no_main]

use atlas::schema::Kind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in Kind::ALL {
        let _ = atlas::content::parse_record(kind, "content/x.md".into(), text);
    }
    let _ = atlas::yaml::parse(text);
    let _ = atlas::content::locate::locate(text, "budgets[1].label");
    let _ = atlas::calendar::FiscalYear::parse(text);
    let _ = atlas::render::markdown::to_html(text);
});
