//! The workbook `atlas export --xlsx` writes and /data/ publishes: one
//! sheet per kind (one row per record, the published CSVs' column names),
//! a frozen header row whose cells carry each field's label and help as a
//! note, drop-down lists for terms and record ids, and a sheet of choices.

use super::cells::{self, LIST_SEPARATOR, PART_SEPARATOR};
use super::columns::{self, Column, Form};
use crate::content::Record;
use crate::schema::Kind;
use crate::site::Site;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatBorder, Formula, Note, Workbook, XlsxError,
};

/// The sheet that lists the choices of the drop-down lists.
pub const CHOICES_SHEET: &str = "選択肢";
/// Rows below the records that get drop-downs too, for new records.
const SPARE_ROWS: u32 = 500;

/// A record's cells under `columns`.
pub fn record_cells(r: &Record, columns: &[Column]) -> Vec<String> {
    let common = serde_json::to_value(&r.common).unwrap_or_default();
    let data = serde_json::to_value(&r.data).unwrap_or_default();
    columns
        .iter()
        .map(|c| match c.form {
            Form::Body => r.body.clone(),
            _ => cells::to_cell(c, common.get(&c.name).or_else(|| data.get(&c.name))),
        })
        .collect()
}

/// How to write a column's cells, for its note and input message.
pub fn form_help(column: &Column) -> String {
    match &column.form {
        Form::List => format!("複数あるときは半角セミコロン「{LIST_SEPARATOR}」で区切る（例: a{LIST_SEPARATOR}b）。"),
        Form::Items(parts) => {
            let names: Vec<String> =
                parts.iter().map(|p| if p.required { p.label.clone() } else { format!("{}（省略可）", p.label) }).collect();
            format!("1行に1件。「{}」の順に「{}」で区切る（セル内の改行は Alt+Enter）。", names.join(PART_SEPARATOR), PART_SEPARATOR.trim())
        }
        Form::Date => "YYYY-MM-DD（例: 2026-04-01）。".into(),
        Form::FiscalYear => "西暦の年（例: 2023）または和暦（例: 令和5年度）。".into(),
        Form::Bool => "true または false。".into(),
        Form::Body => "Markdown。空行で段落を分ける。".into(),
        Form::Text | Form::Scalar => String::new(),
    }
}

/// The note on a header cell: label, whether required, meaning, form.
fn header_note(column: &Column) -> String {
    let required = if column.required { "（必須）" } else { "" };
    format!("{}{required}\n{}\n値: {}\n{}", column.label, column.description, column.takes, form_help(column)).trim_end().to_string()
}

/// One drop-down list: its choices as (value, meaning).
struct Choices {
    title: String,
    items: Vec<(String, String)>,
}

fn choices_of(site: &Site, column: &Column) -> Option<Choices> {
    if let Some(slug) = column.taxonomy {
        let t = site.taxonomies.get(slug)?;
        return Some(Choices {
            title: format!("{}（{slug}）", t.title),
            items: t.terms.iter().map(|x| (x.id.clone(), x.display())).collect(),
        });
    }
    let kinds = column.refers_to?;
    let items = kinds.iter().flat_map(|&k| site.of_kind(k).map(|(_, r)| (r.common.id.clone(), r.common.name.clone()))).collect();
    let title = kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join("・");
    Some(Choices { title: format!("{title}の ID"), items })
}

fn err(e: XlsxError) -> String {
    e.to_string()
}

/// The workbook of a site, as the bytes of an .xlsx file. The same site
/// gives the same bytes (no clock is read).
pub fn workbook(site: &Site) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let newest = site.records.iter().map(|r| r.common.updated.0).max().unwrap_or_default();
    let created = {
        use chrono::Datelike;
        ExcelDateTime::from_ymd(newest.year().clamp(1900, 9999) as u16, newest.month() as u8, newest.day() as u8).map_err(err)?
    };
    book.set_properties(&DocProperties::new().set_title(&site.config.title).set_author(&site.config.title).set_creation_datetime(&created));
    let header = Format::new().set_bold().set_background_color("#E8EEF7").set_border_bottom(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    let quoted = Format::new().set_num_format("@").set_quote_prefix();
    let mut lists: Vec<Choices> = Vec::new();
    for kind in Kind::ALL {
        let columns = columns::columns(kind);
        let sheet = book.add_worksheet();
        sheet.set_name(kind.folder()).map_err(err)?;
        let rows = site.kind_range(kind).len() as u32;
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(0, c, &column.name, &header).map_err(err)?;
            let note =
                Note::new(header_note(column)).set_author(&site.config.title).add_author_prefix(false).set_width(360).set_height(180);
            sheet.insert_note(0, c, &note).map_err(err)?;
            sheet.set_column_width(c, width(column)).map_err(err)?;
            sheet.set_column_format(c, &text).map_err(err)?;
            let prompt = format!("{}{}", column.label, if column.required { "（必須）" } else { "" });
            let message: String = format!("{}{}", column.takes, form_help(column)).chars().take(250).collect();
            let mut validation = DataValidation::new()
                .allow_any_value()
                .set_input_title(prompt.chars().take(30).collect::<String>())
                .map_err(err)?
                .set_input_message(message)
                .map_err(err)?;
            if let Some(choices) = choices_of(site, column) {
                let list = lists.len();
                let n = choices.items.len().max(1);
                lists.push(choices);
                let range = format!("='{CHOICES_SHEET}'!${col}$2:${col}${last}", col = column_letters(list * 2), last = n + 1);
                validation = validation.allow_list_formula(Formula::new(range));
                if column.is_multi() {
                    validation = validation
                        .set_error_style(DataValidationErrorStyle::Information)
                        .set_error_title("複数の値")
                        .map_err(err)?
                        .set_error_message(format!(
                            "一覧にない値です。複数の値は「{LIST_SEPARATOR}」で区切って書けます。正しければ OK を押してください（取り込み時に atlas が確かめます）。"
                        ))
                        .map_err(err)?;
                } else {
                    validation = validation
                        .set_error_title("一覧にない値")
                        .map_err(err)?
                        .set_error_message(format!("「{CHOICES_SHEET}」シートの一覧から選んでください。"))
                        .map_err(err)?;
                }
            }
            sheet.add_data_validation(1, c, rows + SPARE_ROWS, c, &validation).map_err(err)?;
        }
        for (i, (_, r)) in site.of_kind(kind).enumerate() {
            for (c, value) in record_cells(r, &columns).iter().enumerate() {
                let format = if cells::looks_like_formula(value) { &quoted } else { &text };
                if !value.is_empty() {
                    sheet.write_string_with_format(i as u32 + 1, c as u16, value, format).map_err(err)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 1).map_err(err)?;
        sheet.autofilter(0, 0, rows.max(1), columns.len() as u16 - 1).map_err(err)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(CHOICES_SHEET).map_err(err)?;
    for (i, list) in lists.iter().enumerate() {
        let (id_col, name_col) = ((i * 2) as u16, (i * 2 + 1) as u16);
        sheet.write_string_with_format(0, id_col, &list.title, &header).map_err(err)?;
        sheet.write_string_with_format(0, name_col, "意味", &header).map_err(err)?;
        sheet.set_column_width(id_col, 28).map_err(err)?;
        sheet.set_column_width(name_col, 36).map_err(err)?;
        for (r, (id, name)) in list.items.iter().enumerate() {
            sheet.write_string(r as u32 + 1, id_col, id).map_err(err)?;
            sheet.write_string(r as u32 + 1, name_col, name).map_err(err)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// `A`, `B`, … `AA` for a 0-based column.
fn column_letters(column: usize) -> String {
    let name = super::read::cell_name(0, column as u32);
    name.trim_end_matches('1').to_string()
}

fn width(column: &Column) -> f64 {
    match (&column.form, column.name.as_str()) {
        (Form::Body, _) => 80.0,
        (_, "summary") => 60.0,
        (Form::Items(_), _) => 50.0,
        (_, "name") => 40.0,
        (_, "id") => 28.0,
        (Form::List, _) => 30.0,
        (Form::Bool | Form::Date | Form::FiscalYear, _) => 14.0,
        _ => 24.0,
    }
}
