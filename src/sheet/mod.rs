//! Spreadsheets: the record schema as workbook columns (`columns`, the one
//! reader of the schema here), how values sit in cells (`cells`), the
//! workbook `atlas export --xlsx` writes and /data/ publishes (`workbook`),
//! reading workbooks and CSVs safely (`read`) and minimal edits of record
//! files (`edit`). `atlas import` (src/import) puts them together.

pub mod cells;
pub mod columns;
pub mod edit;
pub mod read;
pub mod workbook;
