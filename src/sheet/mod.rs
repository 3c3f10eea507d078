//! Spreadsheets: the record schema as workbook columns (`columns`, the one
//! reader of the schema here), how values sit in cells (`cells`), the
//! workbook `atlas export --xlsx` writes and /data/ publishes (`workbook`),
//! reading workbooks and CSVs safely (`read`), and `atlas import`
//! (`import`, with minimal record edits in `edit`).

pub mod cells;
pub mod columns;
pub mod edit;
pub mod import;
pub mod read;
pub mod workbook;
