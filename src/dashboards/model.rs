//! What a tab shows, apart from how: headline figures with the period before, and tables, each
//! with an optional chart drawn from its own rows. The page, the CSV and the workbook all render
//! these, so a number is computed once.

use time::Date;

use super::buckets;
use crate::i18n::{self, Lang};

/// One value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Int(i64),
    /// A share: part of whole (shown as a percentage; a dash when the whole is nothing).
    Share(i64, i64),
    /// A duration read from the rollups' buckets (its upper end), or none.
    Bucket(Option<i64>),
    /// A duration measured now, in seconds, or none.
    Secs(Option<i64>),
    Text(String),
    /// A Fluent id, shown in the reader's language.
    Label(String),
    /// A day (its weekday and date).
    Day(Date),
}

fn dash() -> String {
    "—".to_string()
}

/// A duration in words: minutes under an hour, hours and minutes under a day, then days.
pub fn duration(lang: Lang, secs: i64) -> String {
    let minutes = (secs + 59) / 60;
    if minutes < 60 {
        return i18n::t_with(lang, "dash-dur-minutes", &[("n", minutes.to_string())]);
    }
    if minutes < 24 * 60 {
        let (h, m) = (minutes / 60, minutes % 60);
        return if m == 0 {
            i18n::t_with(lang, "dash-dur-hours", &[("h", h.to_string())])
        } else {
            i18n::t_with(lang, "dash-dur-hours-minutes", &[("h", h.to_string()), ("m", m.to_string())])
        };
    }
    let days = secs as f64 / 86_400.0;
    let digits = if days < 10.0 && (days * 10.0).round() % 10.0 != 0.0 { 1 } else { 0 };
    i18n::t_with(lang, "dash-dur-days", &[("d", i18n::format_decimal(days, digits))])
}

/// `сб, 05.12.2026`.
pub fn day_label(lang: Lang, d: Date) -> String {
    let weekday = i18n::t(lang, &format!("dash-weekday-{}", d.weekday().number_from_monday()));
    format!("{weekday}, {}", i18n::format_date(lang, d.midnight().assume_offset(i18n::ALMATY)))
}

impl Cell {
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Cell::Int(n) => i18n::format_int(*n),
            Cell::Share(_, 0) => dash(),
            Cell::Share(part, whole) => {
                format!("{}\u{a0}%", i18n::format_decimal(*part as f64 * 100.0 / *whole as f64, 1))
            }
            Cell::Bucket(None) | Cell::Secs(None) => dash(),
            Cell::Bucket(Some(b)) => match buckets::upper(*b) {
                Some(s) => duration(lang, s),
                None => i18n::t(lang, "dash-dur-over-year"),
            },
            Cell::Secs(Some(s)) => duration(lang, *s),
            Cell::Text(t) => t.clone(),
            Cell::Label(id) => i18n::t(lang, id),
            Cell::Day(d) => day_label(lang, *d),
        }
    }

    /// As a spreadsheet should read it: whole numbers without spaces, the rest as shown.
    pub fn export(&self, lang: Lang) -> String {
        match self {
            Cell::Int(n) => n.to_string(),
            Cell::Day(d) => d.to_string(),
            other => other.show(lang),
        }
    }

    /// The number a chart draws (counts only).
    pub fn value(&self) -> i64 {
        match self {
            Cell::Int(n) => *n,
            _ => 0,
        }
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Label(_) | Cell::Day(_))
    }
}

/// A headline figure: this period's value and the one before it (`None` for a live figure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub label: &'static str,
    pub value: Cell,
    pub before: Option<Cell>,
    /// Shown as a warning (a missed legal deadline, overdue work).
    pub alert: bool,
}

impl Card {
    pub fn new(label: &'static str, value: Cell, before: Cell) -> Card {
        Card { label, value, before: Some(before), alert: false }
    }

    /// A figure of the present moment (no period before it).
    pub fn now(label: &'static str, value: Cell) -> Card {
        Card { label, value, before: None, alert: false }
    }

    pub fn alert_if(mut self, alert: bool) -> Card {
        self.alert = alert;
        self
    }
}

/// How a table's rows are drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chart {
    None,
    /// Columns per row (the first column is the label): `stacked` columns stack, `line`
    /// columns are drawn as lines over them.
    Columns {
        stacked: Vec<usize>,
        line: Vec<usize>,
    },
    /// One horizontal bar per row, of column `value`.
    Bars {
        value: usize,
    },
}

/// A table with its column headings (Fluent ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub id: &'static str,
    pub heading: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: Chart,
    /// A Fluent id of a line under the table.
    pub note: Option<&'static str>,
}

impl Table {
    pub fn new(id: &'static str, heading: &'static str, columns: &[&'static str]) -> Table {
        Table { id, heading, columns: columns.to_vec(), rows: Vec::new(), chart: Chart::None, note: None }
    }

    pub fn chart(mut self, chart: Chart) -> Table {
        self.chart = chart;
        self
    }

    pub fn note(mut self, id: &'static str) -> Table {
        self.note = Some(id);
        self
    }
}

/// One tab: its headline figures and tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tab {
    pub cards: Vec<Card>,
    pub tables: Vec<Table>,
}

impl Tab {
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_people_write_them() {
        assert_eq!(Cell::Share(1, 3).show(Lang::Ru), "33,3\u{a0}%");
        assert_eq!(Cell::Share(0, 0).show(Lang::Kk), "—");
        assert_eq!(Cell::Int(1234).show(Lang::Ru), "1\u{a0}234");
        assert_eq!(Cell::Int(1234).export(Lang::Ru), "1234");
        assert_eq!(duration(Lang::Ru, 300), "5 мин");
        assert_eq!(duration(Lang::Ru, 4500), "1 ч 15 мин");
        assert_eq!(duration(Lang::Kk, 7200), "2 сағ");
        assert_eq!(duration(Lang::Ru, 129_600), "1,5 дн.");
        assert_eq!(duration(Lang::Kk, 864_000), "10 күн");
    }
}
