// Everything the importer fuzz target drives with one input; included by
// fuzz/fuzz_targets/import.rs and by tests/fuzz_regressions.rs, which
// replays the kept corpus (fuzz/corpus/import).
fn exercise_import(data: &[u8]) {
    use atlas::sheet::{cells, columns, edit, read};
    let mut grids = Vec::new();
    for name in ["atlas.xlsx", "programs.csv"] {
        if let Ok(mut g) = read::read_bytes(name, data.to_vec()) {
            grids.append(&mut g);
        }
    }
    let columns = columns::columns(atlas::schema::Kind::Program);
    let order: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
    for grid in &grids {
        for row in grid.rows.iter().take(50) {
            for (cell, column) in row.iter().zip(columns.iter().cycle()) {
                if let Ok(Some(value)) = cells::from_cell(column, cell) {
                    let front = edit::set_field(cell, &order, &column.name, Some(&value));
                    let _ = atlas::yaml::parse(&front);
                }
                let _ = cells::unneutralize(&cells::neutralize(cell));
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(record) = edit::RecordText::new(text) {
            let _ = edit::set_field(record.front(), &order, "stages", None);
        }
        for column in &columns {
            let _ = cells::from_cell(column, text);
        }
    }
}
