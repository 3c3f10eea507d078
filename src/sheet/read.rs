//! Reads a workbook (.xlsx, with calamine) or a published CSV file into
//! plain text grids, refusing hostile files before they cost memory: a
//! file, a zip member or a sheet larger than any atlas, a zip bomb, a
//! formula where a value belongs.

use super::cells;
use crate::messages::Message;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// A zip member may unpack to at most this many bytes, all of them together to twice as many.
pub const MAX_MEMBER_BYTES: u64 = 64 * 1024 * 1024;
/// Rows (the header included) and columns a sheet may use.
pub const MAX_ROWS: u32 = 20_000;
pub const MAX_COLUMNS: u32 = 200;

/// One sheet as text: `rows[0]` is the header row; cells are in order of
/// their columns, missing ones empty.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(column)).map(String::as_str).unwrap_or("")
    }
}

/// A problem of one cell (0-based row and column), of a sheet, or of the
/// whole file, with what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadProblem {
    pub sheet: Option<String>,
    pub cell: Option<(u32, u32)>,
    /// Boxed, as in `Diagnostic`: a message with its arguments is large.
    pub message: Box<Message>,
    pub help: Box<Message>,
}

impl ReadProblem {
    fn file(message: Message, help: Message) -> ReadProblem {
        ReadProblem { sheet: None, cell: None, message: Box::new(message), help: Box::new(help) }
    }
}

/// `A1` style name of a 0-based cell.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Reads `path` by its extension: .xlsx, or .csv (one sheet named after
/// the file, e.g. `programs.csv` is the sheet `programs`).
pub fn read(path: &Path) -> Result<Vec<Grid>, Vec<ReadProblem>> {
    let unreadable =
        |e: std::io::Error| vec![ReadProblem::file(Message::ImportUnreadable { error: e.to_string() }, Message::ImportUnreadableHelp)];
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(vec![ReadProblem::file(Message::ImportTooLarge { size, max: MAX_FILE_BYTES }, Message::ImportExportedOnlyHelp)]);
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let name = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    read_bytes(&name, bytes)
}

/// Reads the bytes of a file called `name` (its extension says the format).
pub fn read_bytes(name: &str, bytes: Vec<u8>) -> Result<Vec<Grid>, Vec<ReadProblem>> {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    match ext.to_ascii_lowercase().as_str() {
        "xlsx" => read_xlsx(bytes),
        "csv" => read_csv(stem.to_string(), &bytes).map(|g| vec![g]),
        _ => Err(vec![ReadProblem::file(Message::ImportNotASheetFile { file: name.to_string() }, Message::ImportNotASheetFileHelp)]),
    }
}

/// Checks every zip member's real unpacked size, whatever its header says.
fn check_zip(bytes: &[u8]) -> Result<(), ReadProblem> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    if zip.len() > 10_000 {
        return Err(ReadProblem::file(Message::ImportTooManyParts { parts: zip.len() }, Message::ImportExportedOnlyHelp));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).map_err(|e| damaged(&e))?;
        let part = member.name().map(|n| n.into_owned()).unwrap_or_default();
        let unpacked = std::io::copy(&mut (&mut member).take(MAX_MEMBER_BYTES + 1), &mut std::io::sink()).map_err(|e| damaged(&e))?;
        total += unpacked;
        if unpacked > MAX_MEMBER_BYTES || total > 2 * MAX_MEMBER_BYTES {
            return Err(ReadProblem::file(Message::ImportZipBomb { part, max: MAX_MEMBER_BYTES }, Message::ImportExportedOnlyHelp));
        }
    }
    Ok(())
}

fn damaged(e: &dyn std::fmt::Display) -> ReadProblem {
    ReadProblem::file(Message::ImportDamaged { error: e.to_string() }, Message::ImportDamagedHelp)
}

fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<Grid>, Vec<ReadProblem>> {
    use calamine::Reader;
    check_zip(&bytes).map_err(|p| vec![p])?;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| vec![damaged(&e)])?;
    let mut grids = Vec::new();
    let mut problems = Vec::new();
    for name in book.sheet_names() {
        match read_sheet(&mut book, &name) {
            Ok(grid) => grids.push(grid),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() { Ok(grids) } else { Err(problems) }
}

fn read_sheet(book: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Result<Grid, Vec<ReadProblem>> {
    let at = |cell: Option<(u32, u32)>, message: Message, help: Message| ReadProblem {
        sheet: Some(name.to_string()),
        cell,
        message: Box::new(message),
        help: Box::new(help),
    };
    let unreadable =
        |e: calamine::XlsxError| vec![at(None, Message::ImportSheetUnreadable { error: e.to_string() }, Message::ImportDamagedHelp)];
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut problems = Vec::new();
    loop {
        let cell = match reader.next_cell_with_formula() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(unreadable(e)),
        };
        let (row, column) = cell.pos;
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            if matches!(cell.value, calamine::DataRef::Empty) && cell.formula.is_none() {
                continue;
            }
            let message = Message::ImportSheetTooLarge { cell: cell_name(row, column), rows: MAX_ROWS, columns: MAX_COLUMNS };
            problems.push(at(Some((row, column)), message, Message::ImportSheetTooLargeHelp));
            return Err(problems);
        }
        if let Some(formula) = cell.formula.filter(|f| !f.is_empty()) {
            problems.push(at(Some((row, column)), Message::ImportFormula { formula }, Message::ImportFormulaHelp));
            continue;
        }
        match text(&cell.value) {
            Ok(t) if t.is_empty() => {}
            Ok(t) => {
                let (r, c) = (row as usize, column as usize);
                if rows.len() <= r {
                    rows.resize(r + 1, Vec::new());
                }
                if rows[r].len() <= c {
                    rows[r].resize(c + 1, String::new());
                }
                rows[r][c] = t;
            }
            Err(m) => problems.push(at(Some((row, column)), m, Message::ImportTypeValueHelp)),
        }
    }
    if problems.is_empty() { Ok(Grid { name: name.to_string(), rows }) } else { Err(problems) }
}

/// A cell's value as the text a person sees.
fn text(v: &calamine::DataRef) -> Result<String, Message> {
    use calamine::DataRef;
    Ok(match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(t) => t.format("%Y-%m-%d").to_string(),
            None => return Err(Message::ImportCellBadDate),
        },
        DataRef::DateTimeIso(s) => s.chars().take(10).collect(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => return Err(Message::ImportCellError { error: e.to_string() }),
        #[allow(unreachable_patterns)]
        _ => return Err(Message::ImportCellOther),
    })
}

/// A published CSV (UTF-8, BOM optional); cells are un-neutralized (see
/// `cells::neutralize`), and a cell that starts like a formula is refused.
pub fn read_csv(name: String, bytes: &[u8]) -> Result<Grid, Vec<ReadProblem>> {
    let at = |cell: Option<(u32, u32)>, message: Message, help: Message| ReadProblem {
        sheet: Some(name.clone()),
        cell,
        message: Box::new(message),
        help: Box::new(help),
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (r, record) in reader.records().enumerate() {
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                let (message, help) = if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    (Message::ImportCsvNotUtf8, Message::ImportCsvNotUtf8Help)
                } else {
                    (Message::ImportCsvUnreadable { error: e.to_string() }, Message::ImportCsvUnreadableHelp)
                };
                return Err(vec![at(Some((r as u32, 0)), message, help)]);
            }
        };
        if r as u32 >= MAX_ROWS || record.len() as u32 > MAX_COLUMNS {
            let message = Message::ImportCsvTooLarge { rows: MAX_ROWS, columns: MAX_COLUMNS };
            return Err(vec![at(Some((r as u32, 0)), message, Message::ImportExportedOnlyHelp)]);
        }
        let mut row = Vec::with_capacity(record.len());
        for (c, cell) in record.iter().enumerate() {
            if cells::looks_like_formula(cell) {
                let message = Message::ImportCsvFormula { cell: cell.to_string() };
                problems.push(at(Some((r as u32, c as u32)), message, Message::ImportCsvFormulaHelp));
            }
            row.push(cells::unneutralize(cell).to_string());
        }
        rows.push(row);
    }
    if problems.is_empty() { Ok(Grid { name, rows }) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 5), "F12");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
    }

    #[test]
    fn csv_cells_are_unneutralized_and_formulas_refused() {
        let g = read_csv("programs".into(), "\u{feff}id,name\r\na,'=x\r\n".as_bytes()).unwrap();
        assert_eq!(g.rows, vec![vec!["id", "name"], vec!["a", "=x"]]);
        let e = read_csv("programs".into(), b"id,name\na,=1+1\n").unwrap_err();
        assert_eq!(e[0].cell, Some((1, 1)));
    }
}
