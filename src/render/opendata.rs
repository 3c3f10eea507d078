//! Open data under /data/: every record as JSON (one file per kind, one per
//! record and one of everything) and as CSV (one file per kind, plus one
//! table per list-of-objects field such as `facts`), and the data page that
//! describes every field. Columns and their descriptions come from the field
//! registry (`crate::fields`, read from the record types), so nothing is
//! written twice.
//!
//! CSV rules, stated on the data page: UTF-8 with BOM and CRLF between rows
//! (for Excel on Japanese Windows), LF for a line break inside a cell (as
//! Excel writes it; record text has LF line ends once loaded); ASCII column names; one value per cell; lists
//! of ids joined with `;` (ids are ASCII slugs and never contain it); fiscal
//! years as Western years with a `_wareki` column beside them; lists of
//! objects in their own file keyed by `record_id` and `position`.

use super::affected::Affected;
use super::templates::meta;
use super::{Context, RenderError, Renderer};
use crate::calendar::FiscalYear;
use crate::content::Record;
use crate::fields;
use crate::output::Sink;
use crate::schema::{self, Kind};
use crate::site::Site;
use crate::urls::{self, SitePage};
use serde::Serialize;
use serde_json::{Map, Value, json};

/// Joins the values of a list column in a CSV cell.
pub use crate::sheet::cells::LIST_SEPARATOR;
/// Suffix of the column holding a fiscal year in 和暦.
pub const WAREKI_SUFFIX: &str = "_wareki";

/// How a field is written to CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnShape {
    Text,
    Date,
    Bool,
    /// List of ids or terms: one cell, joined with `LIST_SEPARATOR`.
    List,
    /// Western year; a `<name>_wareki` column follows.
    FiscalYear,
    /// List of objects: a table of its own.
    Table,
}

impl ColumnShape {
    /// The column form of a field of the registry.
    fn of(shape: &fields::Shape) -> ColumnShape {
        match shape {
            fields::Shape::Text | fields::Shape::Scalar => ColumnShape::Text,
            fields::Shape::Date => ColumnShape::Date,
            fields::Shape::Bool => ColumnShape::Bool,
            fields::Shape::FiscalYear => ColumnShape::FiscalYear,
            fields::Shape::TextList => ColumnShape::List,
            fields::Shape::List(_) => ColumnShape::Table,
        }
    }

    fn format(self) -> &'static str {
        match self {
            ColumnShape::Text => "文字列",
            ColumnShape::Date => "日付（西暦、YYYY-MM-DD）",
            ColumnShape::Bool => "true または false（空欄は資料に記載なし）",
            ColumnShape::List => "ID のリスト（CSV では半角セミコロン「;」区切り、JSON では配列）",
            ColumnShape::FiscalYear => "年度（西暦の整数。CSV では次の列に和暦）",
            ColumnShape::Table => "一覧（JSON では配列。CSV では別ファイル）",
        }
    }
}

/// One field of the registry as open data publishes it.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    pub description: String,
    pub required: bool,
    pub shape: ColumnShape,
    pub format: &'static str,
    /// For `ColumnShape::Table`: the file of the table.
    pub table: Option<String>,
}

/// The workbook of every record (`atlas export --xlsx` writes the same).
pub const WORKBOOK: &str = "atlas.xlsx";

/// Columns the generator adds to the schema's fields, with their meaning.
pub const RECORD_EXTRAS: [(&str, &str); 3] =
    [("body", "本文（Markdown）。"), ("page_url", "このサイトでのページの URL。"), ("json_url", "このレコード単体の JSON の URL。")];
/// Columns that key the rows of a table file to their record.
pub const TABLE_KEYS: [(&str, &str); 2] =
    [("record_id", "このデータが属するレコードの id。"), ("position", "レコード内での順番（1から）。")];

/// The columns of registry fields.
fn columns_of(fields: &[fields::Field]) -> Vec<Column> {
    fields
        .iter()
        .map(|f| {
            let shape = ColumnShape::of(&f.shape);
            Column {
                name: f.name.clone(),
                description: f.description.clone(),
                required: f.required,
                shape,
                format: shape.format(),
                table: (shape == ColumnShape::Table).then(|| table_file(&f.name)),
            }
        })
        .collect()
}

/// File of the table of a list-of-objects field; `sources` becomes
/// `record_sources.csv` so as not to be taken for the source documents.
pub fn table_file(field: &str) -> String {
    if field == "sources" { "record_sources.csv".into() } else { format!("{field}.csv") }
}

/// The fields every record has, then those of `kind` (the registry's).
pub fn record_fields(kind: Kind) -> Vec<Column> {
    columns_of(fields::fields(kind))
}

/// A list-of-objects field and the fields of its items.
#[derive(Debug, Clone, Serialize)]
pub struct TableSpec {
    pub field: String,
    pub file: String,
    pub description: String,
    pub fields: Vec<Column>,
}

/// Every table file: one per list-of-objects field of any kind.
pub fn tables() -> Vec<TableSpec> {
    let mut out: Vec<TableSpec> = Vec::new();
    for f in Kind::ALL.iter().flat_map(|&kind| fields::fields(kind)) {
        let fields::Shape::List(items) = &f.shape else { continue };
        if out.iter().any(|t| t.field == f.name) {
            continue;
        }
        out.push(TableSpec {
            field: f.name.clone(),
            file: table_file(&f.name),
            description: f.description.clone(),
            fields: columns_of(items),
        });
    }
    out
}

/// CSV column names of a list of fields (tables left out, 和暦 columns added).
pub fn columns(fields: &[Column]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| f.shape != ColumnShape::Table) {
        out.push(f.name.clone());
        if f.shape == ColumnShape::FiscalYear {
            out.push(format!("{}{WAREKI_SUFFIX}", f.name));
        }
    }
    out
}

/// One record as it is published in JSON: the schema's fields, then the
/// body and its URLs. Serialized as it is written into the JSON files; the
/// CSV files read it as a value (`record_json`).
#[derive(Serialize)]
struct RecordJson<'a> {
    kind: &'static str,
    #[serde(flatten)]
    common: &'a schema::Common,
    #[serde(flatten)]
    data: &'a schema::KindData,
    body: &'a str,
    page_url: String,
    json_url: String,
}

impl<'a> RecordJson<'a> {
    fn new(site: &Site, r: &'a Record) -> RecordJson<'a> {
        RecordJson {
            kind: r.kind.name(),
            common: &r.common,
            data: &r.data,
            body: &r.body,
            page_url: urls::absolute(&site.config.base_url, &urls::record(r.kind, &r.common.id)),
            json_url: urls::absolute(&site.config.base_url, &urls::record_json(r.kind, &r.common.id)),
        }
    }
}

/// One record as a JSON value (see `RecordJson`).
pub fn record_json(site: &Site, r: &Record) -> Value {
    serde_json::to_value(RecordJson::new(site, r)).unwrap_or(Value::Null)
}

/// A JSON value in one CSV cell.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a.iter().map(|x| cell(Some(x))).collect::<Vec<_>>().join(LIST_SEPARATOR),
        Some(other) => other.to_string(),
    }
}

/// The cells of one object under `fields`, with 和暦 beside fiscal years.
fn row(obj: &Value, fields: &[Column]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields.iter().filter(|f| f.shape != ColumnShape::Table) {
        let v = obj.get(&f.name);
        out.push(cell(v));
        if f.shape == ColumnShape::FiscalYear {
            let year = v.and_then(Value::as_i64).and_then(|y| i32::try_from(y).ok());
            out.push(year.map(|y| FiscalYear(y).wareki()).unwrap_or_default());
        }
    }
    out
}

fn write_csv(out: &mut dyn std::io::Write, header: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(header)?;
    for r in rows {
        // Cells that a spreadsheet would run as a formula are kept as text
        // (OWASP's CSV injection guidance); `atlas import` undoes it.
        w.write_record(r.iter().map(|c| crate::sheet::cells::neutralize(c).into_owned()))?;
    }
    w.flush()
}

/// The CSV of one kind: one row per record.
pub fn kind_csv(out: &mut dyn std::io::Write, site: &Site, kind: Kind) -> std::io::Result<()> {
    let fields = record_fields(kind);
    let mut header = columns(&fields);
    header.extend(RECORD_EXTRAS.iter().map(|(n, _)| n.to_string()));
    let rows = site.of_kind(kind).map(|(_, r)| {
        let obj = record_json(site, r);
        let mut cells = row(&obj, &fields);
        cells.extend(RECORD_EXTRAS.iter().map(|(n, _)| cell(obj.get(*n))));
        cells
    });
    write_csv(out, &header, rows)
}

/// The items of `field` of every record, by record id.
fn table_items<'a>(site: &'a Site, field: &'a str) -> impl Iterator<Item = (&'a str, Vec<Value>)> + 'a {
    site.records.iter().map(move |r| {
        // Only the part of the record that can hold the field, not all of
        // record_json: every table reads every record.
        let part = |v: serde_json::Result<Value>| match v {
            Ok(Value::Object(mut obj)) => match obj.remove(field) {
                Some(Value::Array(items)) => Some(items),
                _ => None,
            },
            _ => None,
        };
        let items = part(serde_json::to_value(&r.common)).or_else(|| part(serde_json::to_value(&r.data))).unwrap_or_default();
        (r.common.id.as_str(), items)
    })
}

/// The CSV of one table: the items of `spec.field` of every record; the number of rows.
pub fn table_csv(out: &mut dyn std::io::Write, site: &Site, spec: &TableSpec) -> std::io::Result<usize> {
    let mut header: Vec<String> = TABLE_KEYS.iter().map(|(n, _)| n.to_string()).collect();
    header.extend(columns(&spec.fields));
    let mut count = 0;
    let fields = &spec.fields;
    let rows = table_items(site, &spec.field).flat_map(|(id, items)| {
        items.into_iter().enumerate().map(move |(i, item)| {
            let mut cells = vec![id.to_string(), (i + 1).to_string()];
            cells.extend(row(&item, fields));
            cells
        })
    });
    write_csv(out, &header, rows.inspect(|_| count += 1))?;
    Ok(count)
}

/// The records of one kind as a JSON array, made as it is written.
struct RecordsOf<'a> {
    site: &'a Site,
    kind: Kind,
}

impl Serialize for RecordsOf<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.site.of_kind(self.kind).map(|(_, r)| RecordJson::new(self.site, r)))
    }
}

/// Every kind's records, by folder name.
struct ByKind<'a>(&'a Site);

impl Serialize for ByKind<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(Kind::ALL.iter().map(|&kind| (kind.folder(), RecordsOf { site: self.0, kind })))
    }
}

/// all.json: everything, written record by record.
#[derive(Serialize)]
struct All<'a> {
    title: &'a str,
    base_url: &'a str,
    records: ByKind<'a>,
    sources: Vec<Value>,
    taxonomies: Value,
}

fn taxonomies_json(site: &Site) -> Value {
    let mut obj = Map::new();
    for t in &site.taxonomies.0 {
        let terms: Vec<Value> =
            t.terms.iter().map(|term| json!({"id": term.id, "label": term.label, "name": term.name, "region": term.region})).collect();
        obj.insert(t.slug.clone(), json!({"title": t.title, "terms": terms}));
    }
    Value::Object(obj)
}

/// `v` as indented JSON and a final newline.
fn pretty(v: &impl Serialize) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_pretty(&mut out, v);
    out
}

/// Writes `v` as indented JSON and a final newline.
fn write_pretty(out: &mut dyn std::io::Write, v: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    out.write_all(b"\n")
}

/// A download on the data page.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub name: String,
    pub url: String,
    pub what: String,
    pub rows: usize,
    pub bytes: usize,
    /// The size for people, e.g. 117.2 KB.
    pub size: String,
}

fn size(bytes: usize) -> String {
    if bytes < 1024 { format!("{bytes} バイト") } else { format!("{:.1} KB", bytes as f64 / 1024.0) }
}

/// The downloads of one kind, for its list page: format name and URL.
pub fn kind_downloads(kind: Kind) -> Vec<super::views::Link> {
    ["csv", "json"]
        .iter()
        .map(|ext| super::views::Link::new(ext.to_uppercase(), urls::data_file(&format!("{}.{ext}", kind.folder()))))
        .collect()
}

#[derive(Serialize)]
struct KindFields {
    label: &'static str,
    csv: String,
    fields: Vec<Column>,
}

pub struct OpenDataRenderer;

impl Renderer for OpenDataRenderer {
    fn name(&self) -> &'static str {
        "opendata"
    }
    fn pages(&self, site: &Site) -> Vec<SitePage> {
        let mut out = vec![SitePage::html(urls::data())];
        out.extend(download_files(&tables()).iter().map(|f| SitePage::file(urls::data_file(&f.name().0))));
        out.extend(site.records.iter().map(|r| SitePage::file(urls::record_json(r.kind, &r.common.id))));
        out
    }
    fn render(&self, ctx: &Context, sink: &Sink) -> Result<(), RenderError> {
        render_data(ctx, sink, |_| true)
    }
    /// The files of all records are rewritten (any record may change a
    /// download's figures); a record's own JSON only when it was affected.
    fn render_affected(&self, ctx: &Context, sink: &Sink, affected: &Affected) -> Result<(), RenderError> {
        render_data(ctx, sink, |r| affected.records.contains(&r.common.id))
    }
}

/// One download of the data page, written by a pass over the records.
enum DownloadFile<'a> {
    KindCsv(Kind),
    KindJson(Kind),
    Table(&'a TableSpec),
    All,
    Workbook,
}

fn render_data(ctx: &Context, sink: &Sink, own_file: impl Fn(&Record) -> bool + Sync) -> Result<(), RenderError> {
    use rayon::prelude::*;
    let site = ctx.site;
    site.records
        .par_iter()
        .filter(|r| own_file(r))
        .try_for_each(|r| sink.write(&urls::file_for(&urls::record_json(r.kind, &r.common.id)), &pretty(&RecordJson::new(site, r))))?;
    let specs = tables();
    let files = download_files(&specs);
    // Each file is streamed to the sink as its records are made; the
    // files are independent passes, written in parallel.
    let downloads = files.par_iter().map(|f| write_download(site, sink, f)).collect::<Result<Vec<Download>, RenderError>>()?;
    data_page(ctx, sink, downloads, &specs)
}

/// Every download, in the order of the data page.
fn download_files(specs: &[TableSpec]) -> Vec<DownloadFile<'_>> {
    let mut files: Vec<DownloadFile> = Kind::ALL.iter().flat_map(|&k| [DownloadFile::KindCsv(k), DownloadFile::KindJson(k)]).collect();
    files.extend(specs.iter().map(DownloadFile::Table));
    files.push(DownloadFile::All);
    files.push(DownloadFile::Workbook);
    files
}

impl DownloadFile<'_> {
    /// File name under /data/ and what it holds.
    fn name(&self) -> (String, String) {
        match self {
            DownloadFile::KindCsv(k) => (format!("{}.csv", k.folder()), format!("{}（CSV）", k.label())),
            DownloadFile::KindJson(k) => (format!("{}.json", k.folder()), format!("{}（JSON）", k.label())),
            DownloadFile::Table(spec) => (spec.file.clone(), format!("{}（CSV、{}）", spec.description, spec.field)),
            DownloadFile::All => ("all.json".into(), "すべてのレコード・出典資料・分類（JSON）".into()),
            DownloadFile::Workbook => {
                (WORKBOOK.into(), "すべてのレコード（Excel ブック。種類ごとのシート、項目の説明と選択肢つき）".into())
            }
        }
    }
}

fn write_download(site: &Site, sink: &Sink, file: &DownloadFile) -> Result<Download, RenderError> {
    let (name, what) = file.name();
    let url = urls::data_file(&name);
    let mut rows = 0;
    let bytes = sink.write_streamed(&urls::file_for(&url), |out| match file {
        DownloadFile::KindCsv(k) => {
            rows = site.kind_range(*k).len();
            kind_csv(out, site, *k)
        }
        DownloadFile::KindJson(k) => {
            rows = site.kind_range(*k).len();
            write_pretty(out, &RecordsOf { site, kind: *k })
        }
        DownloadFile::Table(spec) => {
            rows = table_csv(out, site, spec)?;
            Ok(())
        }
        DownloadFile::Workbook => {
            rows = site.records.len();
            let bytes = crate::sheet::workbook::workbook(site).map_err(std::io::Error::other)?;
            out.write_all(&bytes)
        }
        DownloadFile::All => {
            rows = site.records.len();
            let sources = site.sources.iter().filter_map(|s| serde_json::to_value(&s.source).ok()).collect();
            let all = All {
                title: &site.config.title,
                base_url: &site.config.base_url,
                records: ByKind(site),
                sources,
                taxonomies: taxonomies_json(site),
            };
            write_pretty(out, &all)
        }
    })? as usize;
    Ok(Download { name, url, what, rows, bytes, size: size(bytes) })
}

/// /data/: the downloads and the meaning of every field.
fn data_page(ctx: &Context, sink: &Sink, downloads: Vec<Download>, specs: &[TableSpec]) -> Result<(), RenderError> {
    let site = ctx.site;
    let kinds: Vec<KindFields> = Kind::ALL
        .iter()
        .map(|&k| KindFields { label: k.label(), csv: urls::data_file(&format!("{}.csv", k.folder())), fields: record_fields(k) })
        .collect();
    let mut c = tera::Context::new();
    c.insert("downloads", &downloads);
    c.insert("kinds", &kinds);
    c.insert("tables", specs);
    c.insert("extras", &RECORD_EXTRAS.iter().map(|(n, d)| json!({"name": n, "description": d})).collect::<Vec<_>>());
    c.insert("table_keys", &TABLE_KEYS.iter().map(|(n, d)| json!({"name": n, "description": d})).collect::<Vec<_>>());
    c.insert("separator", LIST_SEPARATOR);
    c.insert("workbook", WORKBOOK);
    c.insert("wareki_suffix", WAREKI_SUFFIX);
    let url = urls::data();
    let title = "オープンデータ".to_string();
    let desc = "このサイトのすべての情報を CSV と JSON でダウンロードできます。文字コード・区切り・各項目の意味を説明します。";
    let page = meta(site, title.clone(), desc.into(), url.clone(), &[(title, url.clone())]);
    ctx.templates.write(sink, &urls::file_for(&url), "data.html", c, &page)
}
