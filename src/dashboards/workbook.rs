//! A tab as an XLSX workbook: a first sheet with the headline figures (this period and the one
//! before), then one sheet per table. Counts are numbers and shares are fractions formatted as
//! percentages, so a spreadsheet can compute with them; durations and labels are text as the
//! page shows them.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{
    model::{Cell, Tab},
    period::Period,
};
use crate::i18n::{self, Lang};

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook.
/// With nothing left of `title`, `fallback` (ASCII) stands for it.
fn sheet_name(title: &str, fallback: &str, taken: &mut Vec<String>) -> String {
    let mut clean: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(31).collect();
    if clean.trim().is_empty() {
        clean = fallback.chars().take(31).collect();
    }
    let clean = clean.trim().to_string();
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" {n}");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", clean.chars().take(keep).collect::<String>().trim_end());
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    lang: Lang,
    percent: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Int(n) => sheet.write_number(row, col, *n as f64).map(|_| ()),
        Cell::Share(part, whole) if *whole != 0 => {
            sheet.write_number_with_format(row, col, *part as f64 / *whole as f64, percent).map(|_| ())
        }
        other => sheet.write_string(row, col, other.export(lang)).map(|_| ()),
    }
}

/// The workbook of tab `tab` (titled `title`) for `period`, in `lang`.
pub fn build(lang: Lang, title: &str, period: &Period, tab: &Tab) -> Result<Vec<u8>, XlsxError> {
    let t = |id: &str| i18n::t(lang, id);
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let mut book = Workbook::new();
    let mut taken = Vec::new();
    let summary = book.add_worksheet();
    summary.set_name(sheet_name(&t("dash-xlsx-summary"), "summary", &mut taken))?;
    summary.write_string_with_format(0, 0, title, &bold)?;
    let span = i18n::t_with(
        lang,
        "dash-xlsx-period",
        &[("from", period.from.to_string()), ("to", period.to.to_string())],
    );
    summary.write_string(1, 0, span)?;
    for (col, id) in ["dash-xlsx-figure", "dash-xlsx-now", "dash-xlsx-before"].iter().enumerate() {
        summary.write_string_with_format(3, col as u16, t(id), &bold)?;
    }
    for (i, card) in tab.cards.iter().enumerate() {
        let row = 4 + i as u32;
        summary.write_string(row, 0, t(card.label))?;
        write_cell(summary, row, 1, &card.value, lang, &percent)?;
        if let Some(before) = &card.before {
            write_cell(summary, row, 2, before, lang, &percent)?;
        }
    }
    summary.set_column_width(0, 44)?;
    summary.set_column_width(1, 16)?;
    summary.set_column_width(2, 16)?;
    for table in &tab.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&t(table.heading), table.id, &mut taken))?;
        for (col, id) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, t(id), &bold)?;
            sheet.set_column_width(col as u16, if col == 0 { 30 } else { 18 })?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                write_cell(sheet, 1 + r as u32, col as u16, cell, lang, &percent)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_ones_excel_accepts() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("Верификаторы", "a", &mut taken), "Верификаторы");
        assert_eq!(sheet_name("верификаторы", "b", &mut taken), "верификаторы 2");
        let long = sheet_name("Повторные проверки: совпадение решений по дням", "c", &mut taken);
        assert!(long.chars().count() <= 31 && !long.contains(':'), "{long}");
        let again = sheet_name("Повторные проверки: совпадение решений по дням", "c", &mut taken);
        assert!(again.chars().count() <= 31 && again.ends_with(" 2") && again != long, "{again}");
        assert_eq!(sheet_name("[]", "qa", &mut taken), "qa");
    }
}
