//! The Excel / CSV round trip: `atlas export --xlsx`, `atlas import`, the
//! workbook and CSVs published under /data/.

mod common;

use atlas::sheet::read::{self, Grid};
use common::{Fixture, REPO, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// The fixture with every shipped record.
fn shipped() -> Fixture {
    let f = Fixture::new();
    for entry in walkdir::WalkDir::new(Path::new(REPO).join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(REPO).unwrap().to_string_lossy().into_owned();
        if entry.file_type().is_file() && !rel.contains("taxonomies") {
            f.write(&rel, &std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    f
}

/// Every file under content/ with its bytes.
fn snapshot(f: &Fixture) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(f.path("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(f.root()).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn grids(path: &Path) -> Vec<Grid> {
    read::read(path).unwrap_or_else(|e| panic!("{e:?}"))
}

fn sheet<'a>(grids: &'a mut [Grid], name: &str) -> &'a mut Grid {
    grids.iter_mut().find(|g| g.name == name).unwrap()
}

/// `atlas export --xlsx atlas.xlsx` in the fixture, read back.
fn export(f: &Fixture) -> Vec<Grid> {
    let out = f.atlas(&["export", "--xlsx", "atlas.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    grids(&f.path("atlas.xlsx"))
}

/// Adds a copy of the first record's row with one cell changed.
fn add_copy(grid: &mut Grid, column: usize, value: &str) {
    let mut row = grid.rows[1].clone();
    row[column] = value.to_string();
    grid.rows.push(row);
}

/// Sets the cell of `column` in the row of record `id`.
fn set(grid: &mut Grid, id: &str, column: &str, value: &str) {
    let c = grid.rows[0].iter().position(|h| h == column).unwrap_or_else(|| panic!("no column {column}"));
    let r = grid.rows.iter().position(|row| row.first().map(String::as_str) == Some(id)).unwrap_or_else(|| panic!("no row {id}"));
    let row = &mut grid.rows[r];
    if row.len() <= c {
        row.resize(c + 1, String::new());
    }
    row[c] = value.to_string();
}

fn get(grid: &Grid, id: &str, column: &str) -> String {
    let c = grid.rows[0].iter().position(|h| h == column).unwrap();
    let r = grid.rows.iter().position(|row| row.first().map(String::as_str) == Some(id)).unwrap();
    grid.cell(r, c).to_string()
}

/// Writes grids as a workbook of text cells, as a person's edits would.
fn write_xlsx(grids: &[Grid], path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for g in grids {
        let sheet = book.add_worksheet();
        sheet.set_name(&g.name).unwrap();
        for (r, row) in g.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn import(f: &Fixture, file: &str, extra: &[&str]) -> (bool, String) {
    // The checks' messages in English, as the assertions quote them.
    let mut args = vec!["--lang", "en", "import", file];
    args.extend(extra);
    let out = f.atlas(&args);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    (out.status.success(), stderr(&out))
}

#[test]
fn export_then_import_changes_nothing() {
    let f = shipped();
    let before = snapshot(&f);
    let out = f.atlas(&["export", "--xlsx", "atlas.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (ok, text) = import(&f, "atlas.xlsx", &[]);
    assert!(ok, "{text}");
    assert!(text.contains("0 added, 0 changed, 251 unchanged, 0 deleted"), "{text}");
    assert_eq!(snapshot(&f), before);
    // The published CSVs of each kind and the published workbook come back unchanged too.
    assert!(f.build().status.success());
    for kind in ["programs", "organizations", "places", "cases"] {
        let (ok, text) = import(&f, &format!("public/data/{kind}.csv"), &[]);
        assert!(ok && text.contains(" 0 changed,"), "{kind}: {text}");
    }
    assert_eq!(std::fs::read(f.path("public/data/atlas.xlsx")).unwrap(), std::fs::read(f.path("atlas.xlsx")).unwrap());
    assert_eq!(snapshot(&f), before);
}

#[test]
fn workbook_has_notes_drop_downs_and_frozen_headers() {
    let f = Fixture::with_records();
    assert!(f.atlas(&["export", "--xlsx", "atlas.xlsx"]).status.success());
    let bytes = std::fs::read(f.path("atlas.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let programs = part("xl/worksheets/sheet1.xml");
    assert!(programs.contains(r#"<pane xSplit="1" ySplit="1""#), "frozen header row and id column");
    assert!(programs.contains(r#"type="list""#) && programs.contains("'選択肢'!$"), "drop-downs from the choices sheet");
    let notes = part("xl/comments1.xml");
    assert!(notes.contains("支援段階") && notes.contains("（必須）"), "header notes carry label and help");
    let mut g = grids(&f.path("atlas.xlsx"));
    assert_eq!(sheet(&mut g, "programs").rows[0][0], "id");
    let choices = sheet(&mut g, "選択肢");
    assert!(choices.rows.iter().any(|r| r.iter().any(|c| c == "stage-5")));
}

#[test]
fn edits_of_every_shape_come_back_exactly() {
    let f = Fixture::with_records();
    let before = snapshot(&f);
    let mut g = export(&f);
    let edits: Vec<(&str, &str, &str, &str)> = vec![
        ("programs", "test-lab", "name", "試作開発ラボ（改称）"),
        ("programs", "test-lab", "summary", "=医療機関と企業: 試作品を共同で開発する場。"),
        ("programs", "test-lab", "updated", "2026-11-20"),
        ("programs", "test-lab", "stages", "stage-5;stage-6"),
        ("programs", "test-lab", "device_specific", "true"),
        ("programs", "test-lab", "budgets", "2023 | 令和5年度予算額 | 1,024百万円\n2024 | 令和6年度予算額 | 30.0億円"),
        ("programs", "test-lab", "facts", "案件創出 | 160件以上 | 第1期行動計画\n相談件数 | 12\\|3件"),
        ("programs", "test-lab", "sources", "saitama-strategy-meeting-2017 | 第1期行動計画の成果\nfukushima-cluster-talk"),
        ("organizations", "test-zaidan", "regional_hub", "false"),
        ("organizations", "test-zaidan", "hub_since", "2021"),
        ("organizations", "test-zaidan", "places", ""),
        ("organizations", "test-zaidan", "note", "一行目\n二行目"),
        ("cases", "test-case", "body", "事例の本文。\n\n- 箇条書き"),
    ];
    for (s, id, column, value) in &edits {
        set(sheet(&mut g, s), id, column, value);
    }
    let places = sheet(&mut g, "places");
    let mut new_row = vec![String::new(); places.rows[0].len()];
    for (column, value) in [
        ("id", "city-kawaguchi"),
        ("name", "川口市"),
        ("summary", "県南部の市。"),
        ("sources", "saitama-strategy-meeting-2017"),
        ("updated", "2026-11-05"),
        ("place_type", "city"),
        ("prefecture", "saitama"),
    ] {
        new_row[places.rows[0].iter().position(|h| h == column).unwrap()] = value.into();
    }
    places.rows.push(new_row);
    write_xlsx(&g, &f.path("edited.xlsx"));

    let (ok, dry) = import(&f, "edited.xlsx", &["--dry-run", "--date", "2026-12-01"]);
    assert!(ok, "{dry}");
    assert!(dry.contains("Would import edited.xlsx: 1 added, 3 changed, 1 unchanged, 0 deleted"), "{dry}");
    assert_eq!(snapshot(&f), before, "a dry run writes nothing");
    let (ok, text) = import(&f, "edited.xlsx", &["--date", "2026-12-01"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("changed   content/programs/test-lab.md (name, summary, sources, facts, updated, device_specific, stages, budgets)"),
        "{text}"
    );
    // Rows whose `updated` cell was not edited get the date of the import.
    assert!(text.contains("changed   content/organizations/test-zaidan.md (updated, note, places, regional_hub, hub_since)"), "{text}");
    assert!(text.contains("changed   content/cases/test-case.md (updated, body)"), "{text}");
    assert!(text.contains("`updated` is 2026-12-01, the date of the import, in 2 changed or added record(s)"), "{text}");
    assert!(text.contains("added     content/places/city-kawaguchi.md"), "{text}");
    let check = f.atlas(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    // What was typed comes back in a new export, cell for cell.
    assert!(f.atlas(&["export", "--xlsx", "again.xlsx"]).status.success());
    let mut again = grids(&f.path("again.xlsx"));
    for (s, id, column, value) in &edits {
        let got = get(sheet(&mut again, s), id, column);
        let want = if *column == "body" { format!("\n{value}\n") } else { value.to_string() };
        assert_eq!(got, want, "{s} {id} {column}");
    }
    assert_eq!(get(sheet(&mut again, "places"), "city-kawaguchi", "prefecture"), "saitama");
    // The record's body and the lines of untouched fields stay as they were.
    let program = std::fs::read_to_string(f.path("content/programs/test-lab.md")).unwrap();
    assert!(program.ends_with(common::PROGRAM.split("---\n").nth(2).unwrap()), "{program}");
    let lines: Vec<&str> = program.lines().collect();
    for kept in ["owner: city-saitama", "implementers: [test-zaidan]", "support_kinds: [soft]"] {
        assert!(lines.contains(&kept), "{program}");
    }
    let order: Vec<&str> = lines.iter().filter_map(|l| l.split_once(':').map(|(k, _)| k)).filter(|k| !k.starts_with(' ')).collect();
    assert_eq!(
        &order[..10],
        ["id", "name", "summary", "owner", "implementers", "places", "support_kinds", "stages", "budgets", "facts"],
        "{program}"
    );
    let organization = std::fs::read_to_string(f.path("content/organizations/test-zaidan.md")).unwrap();
    assert!(!organization.contains("places:"), "an emptied cell removes the field: {organization}");
    assert_eq!(std::fs::read(f.path("content/places/city-saitama.md")).unwrap(), before["content/places/city-saitama.md"]);
}

#[test]
fn every_bad_cell_is_located_and_nothing_is_written() {
    let f = Fixture::with_records();
    let before = snapshot(&f);
    let mut g = export(&f);
    let programs = sheet(&mut g, "programs");
    set(programs, "test-lab", "stages", "stage-5;stage-9");
    set(programs, "test-lab", "device_specific", "たぶん");
    set(programs, "test-lab", "budgets", "2023 | 令和5年度予算額 | たくさん");
    set(programs, "test-lab", "facts", "a | b | c | d | e | f");
    set(programs, "test-lab", "owner", "city-saitma");
    set(programs, "test-lab", "updated", "2026/11/20");
    programs.rows[0].push("stagez".into());
    let organizations = sheet(&mut g, "organizations");
    set(organizations, "test-zaidan", "name", "");
    add_copy(organizations, 1, "二つ目");
    add_copy(organizations, 0, "Bad_Id");
    write_xlsx(&g, &f.path("bad.xlsx"));

    let (ok, text) = import(&f, "bad.xlsx", &[]);
    assert!(!ok);
    let expected = [
        "organizations!B2: error [name]: missing required field `name`",
        "organizations!A3: error [id]: the id `test-zaidan` is also on organizations!A2",
        "organizations!A4: error [id]: the id `Bad_Id` is not a safe slug",
        "programs!",
        "error [stages[1]]: `stage-9` is not a term of 支援段階 (stages)\n  help: did you mean `stage-",
        "error [device_specific]: `たぶん` is neither true nor false",
        "error [budgets[0].amount]: `たくさん` is not written as an amount of money",
        "error [facts]: line 1 has 6 parts; an item has at most 5 (label | value | as_of | as_of_date | source)",
        "error [owner]: no record has the id `city-saitma`",
        "error [updated]: `2026/11/20` is not a date",
        "`stagez` is not a field of the programs sheet\n  help: did you mean `stages`?",
        "nothing was written.",
    ];
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in:\n{text}");
    }
    // Cells are named by column: stages is column R of programs, row 2.
    let c = |name: &str| atlas::sheet::read::cell_name(1, g[0].rows[0].iter().position(|h| h == name).unwrap() as u32);
    assert!(text.contains(&format!("programs!{}: error [stages[1]]", c("stages"))), "{text}");
    assert!(text.contains(&format!("programs!{}: error [owner]", c("owner"))), "{text}");
    assert_eq!(snapshot(&f), before);
}

#[test]
fn formulas_and_hostile_files_are_refused_cleanly() {
    let f = Fixture::with_records();
    let before = snapshot(&f);
    assert!(f.atlas(&["export", "--xlsx", "atlas.xlsx"]).status.success());
    let good = std::fs::read(f.path("atlas.xlsx")).unwrap();

    // A formula where a value belongs.
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("programs").unwrap();
    s.write_string(0, 0, "id").unwrap();
    s.write_string(0, 1, "name").unwrap();
    s.write_string(1, 0, "test-lab").unwrap();
    s.write_formula(1, 1, "=HYPERLINK(\"http://example.com\",\"x\")").unwrap();
    book.save(f.path("formula.xlsx")).unwrap();
    // A sheet far larger than any atlas.
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("programs").unwrap();
    s.write_string(0, 0, "id").unwrap();
    s.write_string(900_000, 3, "x").unwrap();
    book.save(f.path("huge.xlsx")).unwrap();
    std::fs::write(f.path("truncated.xlsx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(f.path("text.xlsx"), "id,name\n").unwrap();
    std::fs::write(f.path("programs.csv"), "id,name\r\ntest-lab,=1+2\r\n").unwrap();
    std::fs::write(f.path("organizations.csv"), b"id,name\r\ntest-zaidan,\x83e\x83X\x83g\r\n").unwrap();
    std::fs::copy(Path::new(REPO).join("tests/fixtures/zip-bomb.xlsx"), f.path("bomb.xlsx")).unwrap();
    let big = std::fs::File::create(f.path("big.xlsx")).unwrap();
    big.set_len(read::MAX_FILE_BYTES + 1).unwrap();

    let cases = [
        ("formula.xlsx", "programs!B2: error: a formula (=HYPERLINK"),
        ("huge.xlsx", "programs!D900001: error: the sheet goes on to D900001"),
        ("truncated.xlsx", "the workbook is damaged or not an .xlsx file"),
        ("text.xlsx", "the workbook is damaged or not an .xlsx file"),
        ("programs.csv", "programs!B2: error: `=1+2` starts like a formula"),
        ("organizations.csv", "organizations!A2: error: the CSV is not UTF-8 (was it saved as Shift_JIS?)"),
        ("bomb.xlsx", "unpacks to more than"),
        ("big.xlsx", "an atlas workbook is far smaller"),
    ];
    for (file, message) in cases {
        let (ok, text) = import(&f, file, &[]);
        assert!(!ok && text.contains(message) && text.contains("nothing was written"), "{file}: {text}");
    }
    assert_eq!(snapshot(&f), before);
    assert!(!std::fs::read_dir(f.root()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with(".atlas-import")));
}

#[test]
fn missing_rows_are_kept_unless_asked() {
    let f = Fixture::with_records();
    let mut g = export(&f);
    sheet(&mut g, "cases").rows.truncate(1);
    write_xlsx(&g, &f.path("fewer.xlsx"));
    let (ok, text) = import(&f, "fewer.xlsx", &[]);
    assert!(ok && text.contains("0 deleted") && f.path("content/cases/test-case.md").exists(), "{text}");
    let (ok, text) = import(&f, "fewer.xlsx", &["--delete-missing"]);
    assert!(ok && text.contains("deleted   content/cases/test-case.md"), "{text}");
    assert!(!f.path("content/cases/test-case.md").exists());
    assert!(f.atlas(&["check"]).status.success());
    // A deletion that breaks a reference is refused like any other error.
    sheet(&mut g, "places").rows.truncate(1);
    write_xlsx(&g, &f.path("no-places.xlsx"));
    let (ok, text) = import(&f, "no-places.xlsx", &["--delete-missing"]);
    assert!(!ok && text.contains("content/programs/test-lab.md:") && text.contains("city-saitama"), "{text}");
    assert!(f.path("content/places/city-saitama.md").exists());
}

#[test]
fn published_csvs_and_workbook_neutralize_formulas() {
    let f = Fixture::with_records();
    let program = common::PROGRAM.replace("updated: 2026-11-03", "updated: 2026-11-03\nnote: '=HYPERLINK(\"http://example.com\")'");
    let program = program.replace("value: 160件以上", "value: \"-5%\"");
    f.write("content/programs/test-lab.md", &program);
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = f.read("public/data/programs.csv");
    assert!(csv.contains(r#""'=HYPERLINK(""http://example.com"")""#), "{csv}");
    assert!(f.read("public/data/facts.csv").contains(",'-5%,"));
    let mut g = grids(&f.path("public/data/atlas.xlsx"));
    assert_eq!(get(sheet(&mut g, "programs"), "test-lab", "note"), "=HYPERLINK(\"http://example.com\")");
    let bytes = std::fs::read(f.path("public/data/atlas.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"quotePrefix="1""#), "formula-like cells are marked as text");
    let before = snapshot(&f);
    let (ok, text) = import(&f, "public/data/programs.csv", &[]);
    assert!(ok && text.contains("0 changed"), "import undoes exactly what export did: {text}");
    assert_eq!(snapshot(&f), before);
}

/// LibreOffice, as editors use it: it reads every sheet as the workbook
/// means it, and a workbook it saved again imports with no change.
#[test]
fn libreoffice_reads_and_resaves_the_workbook() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|b| std::process::Command::new(b).arg("--version").output().is_ok())
    else {
        assert!(std::env::var_os("CI").is_none(), "scripts/test installs LibreOffice when CI=true");
        eprintln!("LibreOffice is not installed; skipped");
        return;
    };
    let f = Fixture::with_records();
    assert!(f.atlas(&["export", "--xlsx", "atlas.xlsx"]).status.success());
    let profile = format!("-env:UserInstallation=file://{}", f.path("lo-profile").display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(soffice)
            .args(["--headless", "--norestore", &profile])
            .args(args)
            .current_dir(f.root())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    run(&["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", "lo", "atlas.xlsx"]);
    let mut ours = grids(&f.path("atlas.xlsx"));
    for kind in ["programs", "organizations", "places", "cases"] {
        let theirs = read::read_csv(kind.into(), &std::fs::read(f.path(&format!("lo/atlas-{kind}.csv"))).unwrap()).unwrap();
        let mine = sheet(&mut ours, kind);
        for (r, row) in mine.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                assert_eq!(theirs.cell(r, c), cell, "{kind} {}", read::cell_name(r as u32, c as u32));
            }
        }
    }
    run(&["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", "resaved", "atlas.xlsx"]);
    let before = snapshot(&f);
    let (ok, text) = import(&f, "resaved/atlas.xlsx", &[]);
    assert!(ok && text.contains("0 changed"), "{text}");
    assert_eq!(snapshot(&f), before);
}

/// A record that an import changes or adds is dated with the day of the
/// import, as a CMS dates what it saves, so that its page and the feed show
/// the change; a date the person typed is theirs; unchanged rows stay
/// byte for byte.
#[test]
fn updated_is_the_date_of_the_import_unless_edited() {
    let f = Fixture::with_records();
    let before = snapshot(&f);
    let mut g = export(&f);
    set(sheet(&mut g, "organizations"), "test-zaidan", "name", "テスト医療産業財団");
    set(sheet(&mut g, "programs"), "test-lab", "summary", "医療機関と企業が試作品を共同で開発する拠点。");
    set(sheet(&mut g, "programs"), "test-lab", "updated", "2026-11-30");
    set(sheet(&mut g, "organizations"), "test-zaidan", "changes", " | 名称を改めました。");
    set(sheet(&mut g, "cases"), "test-case", "name", "事例（改題）");
    set(sheet(&mut g, "cases"), "test-case", "changes", "2026-11-25 | 題名を改めました。");
    set(sheet(&mut g, "cases"), "test-case", "updated", "");
    let places = sheet(&mut g, "places");
    let mut row = places.rows[1].clone();
    row[0] = "city-kawaguchi".into();
    row[1] = "川口市".into();
    row[places.rows[0].iter().position(|h| h == "updated").unwrap()] = String::new();
    places.rows.push(row);
    write_xlsx(&g, &f.path("edited.xlsx"));

    let (ok, text) = import(&f, "edited.xlsx", &["--date", "2026-12-01"]);
    assert!(ok, "{text}");
    assert!(text.contains("changed   content/organizations/test-zaidan.md (name, updated, changes)"), "{text}");
    assert!(text.contains("changed   content/programs/test-lab.md (summary, updated)"), "{text}");
    assert!(text.contains("changed   content/cases/test-case.md (name, updated, changes)"), "{text}");
    assert!(text.contains("`updated` is 2026-12-01, the date of the import, in 2 changed or added record(s)"), "{text}");
    // The date replaces the line in place; every other line is as it was.
    let organization = f.read("content/organizations/test-zaidan.md");
    let old = String::from_utf8(before["content/organizations/test-zaidan.md"].clone()).unwrap();
    let expected = old
        .replace("name: テスト産業創造財団", "name: テスト医療産業財団")
        .replace("updated: 2026-11-02\n", "updated: 2026-12-01\nchanges:\n  - date: 2026-12-01\n    description: 名称を改めました。\n");
    assert_ne!(old, expected, "the fixture's organization is dated 2026-11-02");
    assert_eq!(organization, expected);
    assert!(f.read("content/programs/test-lab.md").contains("\nupdated: 2026-11-30\n"), "the typed date is kept");
    // A change written into the log dates the update (the newest change is the last update).
    let case = f.read("content/cases/test-case.md");
    assert!(case.contains("\nupdated: 2026-11-25\nchanges:\n  - date: 2026-11-25\n    description: 題名を改めました。\n"), "{case}");
    assert!(f.read("content/places/city-kawaguchi.md").contains("\nupdated: 2026-12-01\n"), "a new row without a date gets it");
    assert_eq!(std::fs::read(f.path("content/places/city-saitama.md")).unwrap(), before["content/places/city-saitama.md"]);

    // Readers see it: the record's page and the feed's newest entries.
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read("public/organizations/test-zaidan/index.html").contains("datetime=2026-12-01"));
    let feed = f.read("public/feed.xml");
    let first = feed.split("<entry>").nth(1).unwrap();
    assert!(first.contains("2026-12-01"), "{first}");

    // The same workbook again, a day later: nothing changes. Its `updated`
    // cells hold the dates before the first import, which never take a
    // record's date back.
    let after = snapshot(&f);
    let (ok, text) = import(&f, "edited.xlsx", &["--date", "2026-12-02"]);
    assert!(ok && text.contains(" 0 changed,"), "{text}");
    assert_eq!(snapshot(&f), after);
    // Edited again in that workbook: the change is dated, not taken back to the old date.
    set(sheet(&mut g, "organizations"), "test-zaidan", "summary", "医療機器分野への参入を支援する財団。");
    write_xlsx(&g, &f.path("edited.xlsx"));
    let (ok, text) = import(&f, "edited.xlsx", &["--date", "2026-12-02"]);
    assert!(ok && text.contains("changed   content/organizations/test-zaidan.md (summary, updated)"), "{text}");
    assert!(f.read("content/organizations/test-zaidan.md").contains("\nupdated: 2026-12-02\n"));
}

#[test]
fn the_date_of_an_import_is_a_past_date() {
    let f = Fixture::with_records();
    assert!(f.atlas(&["export", "--xlsx", "atlas.xlsx"]).status.success());
    for (date, message) in [
        ("2999-01-01", "error: --date 2999-01-01 is after today"),
        ("2026/12/01", "error: `2026/12/01` is not a date; write it as YYYY-MM-DD"),
        ("2026-02-30", "error: `2026-02-30` is not a real calendar date"),
    ] {
        let out = f.atlas(&["import", "atlas.xlsx", "--date", date]);
        assert_eq!(out.status.code(), Some(2), "{date}: {}", stderr(&out));
        assert!(stderr(&out).starts_with(message), "{date}: {}", stderr(&out));
    }
    // The other usage errors of import and export, with what to do.
    for (args, message) in [
        (["import", "missing.xlsx"], "error: missing.xlsx does not exist or is not a file\n  help: check the file's name and folder"),
        (["export", "--xlsx"], "error: atlas.txt does not end in .xlsx\n  help: name the workbook e.g. atlas.xlsx"),
    ] {
        let mut args = args.to_vec();
        if args[0] == "export" {
            args.push("atlas.txt");
        }
        let out = f.atlas(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with(message), "{args:?}: {}", stderr(&out));
    }
}

/// The importer's messages as a person reads them, in Japanese (the
/// site's language): place, field, what is wrong, what to do.
#[test]
fn import_errors_read_in_japanese() {
    let f = Fixture::with_records();
    let mut g = export(&f);
    let programs = sheet(&mut g, "programs");
    set(programs, "test-lab", "device_specific", "はい");
    set(programs, "test-lab", "budgets", "2023 | 令和5年度予算額 | 1,024百万円 | 多い");
    let column = |name: &str| programs.rows[0].iter().position(|h| h == name).unwrap() as u32;
    let (device, budgets) = (read::cell_name(1, column("device_specific")), read::cell_name(1, column("budgets")));
    write_xlsx(&g, &f.path("bad.xlsx"));
    let out = f.atlas_in("", &["import", "bad.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "programs!{device}: エラー [device_specific]: `はい` は true でも false でもありません
  対処: true か false を書きます（空のセルはその項目を書かないことになります）
programs!{budgets}: エラー [budgets]: 1 行目が 4 個に分かれています。1 件は 3 個までです（fiscal_year | label | amount）
  対処: 1 行に 1 件を書き、その中の部分を ` | ` でつなぎます。部分の中の | は `\\|` と書きます
bad.xlsx に 2 件のエラーが見つかったため、何も書き込んでいません。
"
    );
    assert_eq!(stderr(&out), expected);

    std::fs::write(f.path("organizations.csv"), b"id,name\r\ntest-zaidan,\x83e\x83X\x83g\r\n").unwrap();
    let out = f.atlas_in("", &["import", "organizations.csv"]);
    assert_eq!(
        stderr(&out),
        "organizations!A2: エラー: CSV が UTF-8 ではありません（Shift_JIS で保存されていませんか）
  対処: 「名前を付けて保存」で「CSV UTF-8 (コンマ区切り) (*.csv)」を選んで保存し直します（「CSV (コンマ区切り)」は Shift_JIS です）
organizations.csv に 1 件のエラーが見つかったため、何も書き込んでいません。
"
    );
    std::fs::write(f.path("programs (1).csv"), "id,name\r\ntest-lab,試作開発ラボ\r\n").unwrap();
    let out = f.atlas_in("", &["import", "programs (1).csv"]);
    assert_eq!(
        stderr(&out).lines().take(2).collect::<Vec<_>>(),
        [
            "programs (1): エラー: `programs (1)` はレコードの種類のシートではありません",
            "  対処: `programs` のことではありませんか？ シート名（CSV ではファイル名）は programs、organizations、places、cases のいずれかにします（例: programs.csv）"
        ]
    );
}

/// One bad file of each class the importer refuses, with the codes of the
/// messages it gives (`--format json`).
fn bad_files(f: &Fixture) -> Vec<(&'static str, Vec<&'static str>)> {
    assert!(f.atlas(&["export", "--xlsx", "atlas.xlsx"]).status.success());
    let good = std::fs::read(f.path("atlas.xlsx")).unwrap();
    let mut g = grids(&f.path("atlas.xlsx"));
    let programs = sheet(&mut g, "programs");
    set(programs, "test-lab", "device_specific", "たぶん");
    set(programs, "test-lab", "facts", "a | b | c | d | e | f");
    set(programs, "test-lab", "stages", "stage-9");
    programs.rows[0].push("stagez".into());
    programs.rows[0].push("zzzzzz".into());
    programs.rows[0].push("name".into());
    let organizations = sheet(&mut g, "organizations");
    add_copy(organizations, 1, "二つ目");
    add_copy(organizations, 0, "Bad_Id");
    add_copy(organizations, 0, "");
    add_copy(organizations, 0, "city-saitama");
    sheet(&mut g, "cases").rows[0][0] = "ident".into();
    write_xlsx(&g, &f.path("cells.xlsx"));
    // A workbook with only a near-miss sheet name.
    let mut g = grids(&f.path("atlas.xlsx"));
    g.retain(|s| s.name == "places");
    g[0].name = "Place".into();
    write_xlsx(&g, &f.path("sheets.xlsx"));
    let mut g = grids(&f.path("atlas.xlsx"));
    g.retain(|s| s.name == "選択肢");
    write_xlsx(&g, &f.path("choices.xlsx"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet().set_name("programs").unwrap();
    s.write_string(0, 0, "id").unwrap();
    s.write_formula(1, 0, "=1+1").unwrap();
    s.write_string(900_000, 3, "x").unwrap();
    book.save(f.path("formula.xlsx")).unwrap();
    std::fs::write(f.path("truncated.xlsx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(f.path("programs.csv"), "id,name\r\ntest-lab,=1+2\r\n").unwrap();
    std::fs::write(f.path("organizations.csv"), b"id,name\r\ntest-zaidan,\x83e\x83X\x83g\r\n").unwrap();
    std::fs::write(f.path("notes.txt"), "id,name\n").unwrap();
    std::fs::copy(Path::new(REPO).join("tests/fixtures/zip-bomb.xlsx"), f.path("bomb.xlsx")).unwrap();
    std::fs::File::create(f.path("big.xlsx")).unwrap().set_len(read::MAX_FILE_BYTES + 1).unwrap();
    std::fs::write(f.path("cases.csv"), format!("id\r\n{}", "x\r\n".repeat(read::MAX_ROWS as usize))).unwrap();
    let mut parts = zip::ZipWriter::new(std::fs::File::create(f.path("parts.xlsx")).unwrap());
    for i in 0..10_001 {
        parts.start_file(format!("p{i}"), zip::write::SimpleFileOptions::default()).unwrap();
    }
    parts.finish().unwrap();
    vec![
        (
            "cells.xlsx",
            vec![
                "import.no-id-column",
                "import.duplicate-id",
                "id.not-a-slug",
                "import.no-id",
                "import.id-of-other-kind",
                "import.unknown-column",
                "import.column-twice",
                "import.not-true-false",
                "import.item-parts",
                "term.unknown",
            ],
        ),
        ("sheets.xlsx", vec!["import.unknown-sheet"]),
        ("choices.xlsx", vec!["import.no-kind-sheet"]),
        ("formula.xlsx", vec!["import.formula", "import.sheet-too-large"]),
        ("truncated.xlsx", vec!["import.damaged"]),
        ("programs.csv", vec!["import.csv-formula"]),
        ("organizations.csv", vec!["import.csv-not-utf8"]),
        ("notes.txt", vec!["import.not-a-sheet-file"]),
        ("bomb.xlsx", vec!["import.zip-bomb"]),
        ("big.xlsx", vec!["import.too-large"]),
        ("cases.csv", vec!["import.csv-too-large"]),
        ("parts.xlsx", vec!["import.too-many-parts"]),
    ]
}

/// Every message the importer gives comes from the ja/en catalogue: the
/// same codes in both languages, each in `Message::TABLE`, Japanese text
/// in Japanese, each with a help line saying what to do, each located.
#[test]
fn import_messages_come_from_the_catalogue_in_both_languages() {
    let f = Fixture::with_records();
    let before = snapshot(&f);
    let table: BTreeMap<&str, (&str, &str)> = atlas::messages::Message::TABLE.iter().map(|(c, ja, en)| (*c, (*ja, *en))).collect();
    let japanese = |s: &str| s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    for (file, codes) in bad_files(&f) {
        let run = |lang: &str| {
            let out = f.atlas(&["--lang", lang, "import", file, "--format", "json"]);
            assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
            let errors: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
            errors
        };
        let (ja, en) = (run("ja"), run("en"));
        assert_eq!(ja.len(), en.len(), "{file}");
        let mut seen = Vec::new();
        for (j, e) in ja.iter().zip(&en) {
            let code = j["code"].as_str().unwrap();
            assert_eq!(code, e["code"], "{file}: the languages give different errors");
            assert!(table.contains_key(code), "{file}: {code} is not in the catalogue");
            let (message, help) = (j["message"].as_str().unwrap(), j["help"].as_str().unwrap_or(""));
            assert!(japanese(message) && japanese(help), "{file}: {code} is not in Japanese: {message} / {help}");
            assert!(e["help"].as_str().is_some_and(|h| !h.is_empty()), "{file}: {code} says nothing of what to do");
            assert_ne!(j["message"], e["message"], "{file}: {code}");
            assert!(!j["place"].as_str().unwrap().is_empty(), "{file}: {code} has no place");
            seen.push(code);
        }
        for code in codes {
            assert!(seen.contains(&code), "{file}: no {code} among {seen:?}");
        }
    }
    assert_eq!(snapshot(&f), before);
}

/// `atlas import --help` and `atlas export --help` say every flag, the exit
/// codes, and show each flag in an example.
#[test]
fn import_and_export_help_is_complete() {
    use clap::CommandFactory;
    let f = Fixture::new();
    let cli = atlas::cli::Cli::command();
    for name in ["import", "export"] {
        let out = f.atlas(&[name, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        let help = String::from_utf8(out.stdout).unwrap();
        let (_, examples) = help.split_once("\nExamples:\n").unwrap_or_else(|| panic!("{name}: no examples:\n{help}"));
        let exits =
            help.split_once("Exit codes: ").map(|(_, rest)| rest.split("\n\n").next().unwrap().replace('\n', " ")).unwrap_or_default();
        for code in ["0 ", ", 1 ", ", 2 usage errors"] {
            assert!(exits.contains(code), "{name}: exit code {code:?} is not explained:\n{help}");
        }
        let command = cli.find_subcommand(name).unwrap();
        for arg in command.get_arguments().chain(cli.get_arguments()) {
            let Some(long) = arg.get_long() else { continue };
            if long == "help" || long == "version" {
                continue;
            }
            assert!(help.contains(&format!("--{long}")), "{name}: --{long} is not in the help");
            assert!(examples.contains(&format!("--{long}")), "{name}: no example uses --{long}:\n{examples}");
        }
    }
}

/// The code block under `<!-- import-example: NAME -->` in docs/authoring.md.
fn guide_example(name: &str) -> String {
    let guide = std::fs::read_to_string(Path::new(REPO).join("docs/authoring.md")).unwrap();
    let marker = format!("<!-- import-example: {name} -->\n```\n");
    let start = guide.find(&marker).unwrap_or_else(|| panic!("docs/authoring.md has no {marker}")) + marker.len();
    guide[start..start + guide[start..].find("```\n").unwrap()].to_string()
}

/// Counts of the whole atlas change as records are added; the examples'
/// other words and figures do not.
fn without_record_counts(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let end = at + rest[at..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - at);
        let (head, tail) = (&text[..text.len() - rest.len() + at], &rest[end..]);
        let count = tail.starts_with(" 件のレコードを") || (head.ends_with("変更なし ") && tail.starts_with(" 件"));
        out.push_str(&rest[..at]);
        out.push_str(if count { "N" } else { &rest[at..end] });
        rest = tail;
    }
    out + rest
}

/// Runs atlas in Japanese, as an editor of the shipped atlas does, and
/// checks the guide shows exactly the command and what it printed.
fn assert_guide_shows(f: &Fixture, example: &str, shown: &str, args: &[&str]) {
    let out = f.atlas_in("", args);
    let printed = format!("$ {shown}\n{}", stderr(&out));
    assert_eq!(
        without_record_counts(&guide_example(example)),
        without_record_counts(&printed),
        "docs/authoring.md's example {example} differs from what atlas prints now; write this in its place:\n{printed}"
    );
}

/// The guide's section 「Excel で更新する」 shows the export, a dry run,
/// an import and an import error exactly as atlas prints them for the
/// shipped atlas, and its cell forms are the importer's.
#[test]
fn the_guide_shows_a_round_trip_as_atlas_prints_it() {
    let f = shipped();
    let date = "2026-12-07";
    assert_guide_shows(&f, "export", "atlas export --xlsx atlas.xlsx", &["export", "--xlsx", "atlas.xlsx"]);
    let mut g = grids(&f.path("atlas.xlsx"));
    let summary = "科学技術振興機構（JST）のプログラム。2015年には採択課題の情報が医療機器開発支援ネットワークに提供された。";
    set(sheet(&mut g, "programs"), "a-step", "summary", summary);
    write_xlsx(&g, &f.path("atlas.xlsx"));
    let before = snapshot(&f);
    let dry = ["import", "atlas.xlsx", "--dry-run", "--date", date];
    assert_guide_shows(&f, "dry-run", "atlas import atlas.xlsx --dry-run", &dry);
    assert_eq!(snapshot(&f), before);
    assert_guide_shows(&f, "import", "atlas import atlas.xlsx", &["import", "atlas.xlsx", "--date", date]);
    let changed = f.read("content/programs/a-step.md");
    assert!(changed.contains(&format!("\nsummary: {summary}\n")) && changed.contains(&format!("\nupdated: {date}\n")), "{changed}");

    let programs = sheet(&mut g, "programs");
    set(programs, "a-step", "device_specific", "はい");
    set(programs, "a-step", "implementers", "JST");
    set(programs, "a-step", "stages", "stage-5;stage-9");
    write_xlsx(&g, &f.path("atlas.xlsx"));
    let before = snapshot(&f);
    assert_guide_shows(&f, "error", "atlas import atlas.xlsx", &["import", "atlas.xlsx", "--date", date]);
    assert_eq!(snapshot(&f), before);
}

#[test]
fn the_guide_gives_the_cell_forms_of_the_importer() {
    use atlas::sheet::cells::{from_cell, to_cell};
    use atlas::sheet::columns::{Form, columns};
    let mut items: BTreeMap<String, atlas::sheet::columns::Column> = BTreeMap::new();
    for kind in atlas::schema::Kind::ALL {
        for c in columns(kind).into_iter().filter(|c| matches!(c.form, Form::Items(_))) {
            items.entry(c.name.clone()).or_insert(c);
        }
    }
    let listed = guide_example("item-parts");
    let listed: BTreeMap<&str, &str> = listed.lines().map(|l| l.split_once(' ').map(|(n, p)| (n, p.trim())).unwrap()).collect();
    assert_eq!(listed.keys().copied().collect::<Vec<_>>(), items.keys().map(String::as_str).collect::<Vec<_>>(), "every field of items");
    for (name, column) in &items {
        let Form::Items(parts) = &column.form else { unreachable!() };
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(listed[name.as_str()], names.join(atlas::sheet::cells::PART_SEPARATOR), "{name}");
    }
    // Each example cell reads as its column's items and is written back as shown.
    let mut cells: Vec<(String, String)> = Vec::new();
    for line in guide_example("item-cells").lines() {
        match line.split_once(":  ") {
            Some((name, text)) if !name.starts_with(' ') => cells.push((name.to_string(), text.trim().to_string())),
            _ => cells.last_mut().unwrap().1.push_str(&format!("\n{}", line.trim())),
        }
    }
    assert_eq!(cells.len(), items.len(), "an example for each");
    for (name, text) in cells {
        let column = &items[&name];
        let value = from_cell(column, &text).unwrap_or_else(|p| panic!("{name}: {p:?}")).unwrap();
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(to_cell(column, Some(&json)), text, "{name}");
        assert!(json.as_array().unwrap().iter().all(|item| item.as_object().unwrap().len() >= 2), "{name}: {json}");
    }
    // Its pictures are in the repository, and small.
    let guide = std::fs::read_to_string(Path::new(REPO).join("docs/authoring.md")).unwrap();
    let pictures: Vec<&str> = guide.split("](images/").skip(1).map(|rest| rest.split(')').next().unwrap()).collect();
    assert!(pictures.len() >= 2);
    for picture in pictures {
        let size = std::fs::metadata(Path::new(REPO).join("docs/images").join(picture)).map(|m| m.len()).unwrap_or(0);
        assert!(size > 1000 && size < 200_000, "docs/images/{picture}: {size} bytes");
    }
    // The messages the guide's table quotes are the catalogue's, `…` for each argument.
    let section = &guide[guide.find("エラーのとき\n").unwrap()..guide.find("（`--delete-missing`）\n").unwrap()];
    let quotable: Vec<String> = atlas::messages::Message::TABLE
        .iter()
        .map(|(_, ja, _)| {
            let mut out = String::new();
            let mut inside = false;
            for c in ja.chars() {
                match c {
                    '{' => inside = true,
                    '}' => {
                        inside = false;
                        out.push('…');
                    }
                    c if !inside => out.push(c),
                    _ => {}
                }
            }
            out
        })
        .collect();
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| `")).collect();
    assert!(rows.len() >= 5, "{section}");
    for row in rows {
        for quoted in row.split(" | ").map(|c| c.trim_matches(['|', ' '])).filter(|c| c.starts_with('`')) {
            let text = quoted.trim_matches('`').trim();
            assert!(quotable.iter().any(|m| m == text), "docs/authoring.md quotes `{text}`, which no message of the catalogue says");
        }
    }
}
