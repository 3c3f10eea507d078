// Everything the fuzzer drives with one input; included by the fuzz target
// and by tests/fuzz_regressions.rs, which replays the kept corpus.
fn exercise(text: &str) {
    for kind in atlas::schema::Kind::ALL {
        let _ = atlas::content::parse_record(kind, "content/x.md".into(), text);
    }
    let _ = atlas::yaml::parse(text);
    let _ = atlas::yaml::locate::locate(text, "budgets[1].label");
    let _ = atlas::calendar::FiscalYear::parse(text);
    let _ = atlas::markdown::to_html(text);
}
