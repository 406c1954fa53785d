//! Charts as SVG drawn here, on the server: columns per day (stacked, with lines over them)
//! and horizontal bars. Hand-written rather than a plotting crate: two chart kinds need a
//! hundred lines, every label goes through Fluent and the locale's number format, and the
//! markup is plain enough to read and test. Colours are the Okabe–Ito set (told apart with
//! any colour vision), every series is named in a legend, and the table beside each chart holds
//! the same numbers for screen readers and copying.

use std::fmt::Write;

use super::model::{Cell, Chart, Table};
use crate::i18n::{self, Lang};

/// Okabe–Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue.
const COLOURS: [&str; 6] = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9"];
const WIDTH: f64 = 720.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A round step for an axis of four steps that reaches `max`: 1, 2 or 5 times a power of ten.
fn step_for(max: i64) -> i64 {
    nice((max + 3) / 4)
}

/// A round value: 1, 2 or 5 times a power of ten, at least `max`.
fn nice(max: i64) -> i64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= max {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// `5 дек` / `5 жел.`: a day for an axis.
fn short_day(lang: Lang, cell: &Cell) -> String {
    match cell {
        Cell::Day(d) => {
            let month = i18n::t(lang, &format!("dash-month-short-{}", u8::from(d.month())));
            format!("{} {month}", d.day())
        }
        other => other.show(lang),
    }
}

/// The chart of `table`, or nothing if it has none or no rows.
pub fn svg(lang: Lang, table: &Table) -> Option<String> {
    if table.rows.is_empty() {
        return None;
    }
    let title = i18n::t_with(lang, "dash-chart-title", &[("name", i18n::t(lang, table.heading))]);
    match &table.chart {
        Chart::None => None,
        Chart::Columns { stacked, line } => Some(columns(lang, table, stacked, line, &title)),
        Chart::Bars { value } => Some(bars(lang, table, *value, &title)),
    }
}

fn open(out: &mut String, height: f64, title: &str) {
    let _ = write!(
        out,
        r##"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">"##,
        esc(title)
    );
}

fn columns(lang: Lang, table: &Table, stacked: &[usize], line: &[usize], title: &str) -> String {
    let (left, top, bottom, right) = (56.0, 36.0, 28.0, 8.0);
    let height = 260.0;
    let plot_h = height - top - bottom;
    let plot_w = WIDTH - left - right;
    let n = table.rows.len();
    let max = table
        .rows
        .iter()
        .map(|r| {
            stacked
                .iter()
                .map(|c| r[*c].value())
                .sum::<i64>()
                .max(line.iter().map(|c| r[*c].value()).max().unwrap_or(0))
        })
        .max()
        .unwrap_or(0);
    let step = step_for(max.max(1));
    let top_value = step * 4;
    let y = |v: i64| top + plot_h - plot_h * v as f64 / top_value as f64;
    let slot = plot_w / n as f64;
    let mut out = String::new();
    open(&mut out, height, title);
    // The legend: a swatch and the series' name, every series.
    let mut x = left;
    for (i, c) in stacked.iter().chain(line).enumerate() {
        let name = esc(&i18n::t(lang, table.columns[*c]));
        let colour = COLOURS[i % COLOURS.len()];
        if line.contains(c) {
            let _ = write!(
                out,
                r#"<line x1="{x}" y1="12" x2="{}" y2="12" stroke="{colour}" stroke-width="3"/>"#,
                x + 14.0
            );
        } else {
            let _ = write!(out, r#"<rect x="{x}" y="6" width="14" height="12" fill="{colour}"/>"#);
        }
        let _ = write!(out, r##"<text x="{}" y="16" fill="#222">{name}</text>"##, x + 18.0);
        x += 26.0 + 7.0 * name.chars().count() as f64;
    }
    // The axis: four steps, numbers in the locale's format.
    for k in 0..=4 {
        let v = step * k;
        let yy = y(v);
        let _ = write!(
            out,
            r##"<line x1="{left}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end" fill="#444">{}</text>"##,
            WIDTH - right,
            left - 6.0,
            yy + 4.0,
            i18n::format_int(v)
        );
    }
    let every = n.div_ceil(12).max(1);
    for (i, row) in table.rows.iter().enumerate() {
        let x0 = left + slot * i as f64;
        let w = (slot * 0.7).max(1.0);
        let mut base = 0;
        for (k, c) in stacked.iter().enumerate() {
            let v = row[*c].value();
            if v > 0 {
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}" stroke="white" stroke-width="0.5"/>"#,
                    x0 + slot * 0.15,
                    y(base + v),
                    y(base) - y(base + v),
                    COLOURS[k % COLOURS.len()]
                );
            }
            base += v;
        }
        if i % every == 0 {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{}" text-anchor="middle" fill="#444">{}</text>"##,
                x0 + slot / 2.0,
                height - 8.0,
                esc(&short_day(lang, &row[0]))
            );
        }
    }
    for (k, c) in line.iter().enumerate() {
        let colour = COLOURS[(stacked.len() + k) % COLOURS.len()];
        let points: Vec<String> = table
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{:.1},{:.1}", left + slot * (i as f64 + 0.5), y(r[*c].value())))
            .collect();
        let _ = write!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            points.join(" ")
        );
        for p in &points {
            let (px, py) = p.split_once(',').unwrap_or(("0", "0"));
            let _ = write!(out, r#"<circle cx="{px}" cy="{py}" r="2.5" fill="{colour}"/>"#);
        }
    }
    out.push_str("</svg>");
    out
}

fn bars(lang: Lang, table: &Table, value: usize, title: &str) -> String {
    let (left, row_h, right) = (240.0, 26.0, 80.0);
    let height = row_h * table.rows.len() as f64 + 8.0;
    let max = table.rows.iter().map(|r| r[value].value()).max().unwrap_or(0).max(1);
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, row) in table.rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let label: String = row[0].show(lang);
        let short: String = if label.chars().count() > 34 {
            format!("{}…", label.chars().take(33).collect::<String>())
        } else {
            label
        };
        let v = row[value].value();
        let w = (WIDTH - left - right) * v as f64 / max as f64;
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#222">{}</text><rect x="{left}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            left - 8.0,
            y + 16.0,
            esc(&short),
            y + 3.0,
            row_h - 8.0,
            COLOURS[0],
            left + w + 6.0,
            y + 16.0,
            i18n::format_int(v)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn charts_name_every_series_and_use_the_locales_numbers() {
        let mut t = Table::new(
            "daily",
            "dash-kyc-daily",
            &["dash-col-day", "dash-col-received", "dash-col-approved"],
        )
        .chart(Chart::Columns { stacked: vec![2], line: vec![1] });
        t.rows = vec![
            vec![Cell::Day(date!(2026 - 12 - 05)), Cell::Int(1500), Cell::Int(700)],
            vec![Cell::Day(date!(2026 - 12 - 06)), Cell::Int(10), Cell::Int(3)],
        ];
        let svg = svg(Lang::Kk, &t).expect("a chart");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(&i18n::t(Lang::Kk, "dash-col-received")));
        assert!(svg.contains(&i18n::t(Lang::Kk, "dash-col-approved")));
        assert!(svg.contains("2\u{a0}000"), "the axis's top, grouped");
        assert_eq!((step_for(32), step_for(1500), step_for(1)), (10, 500, 1), "whole steps");
        assert!(svg.contains(&format!("5 {}", i18n::t(Lang::Kk, "dash-month-short-12"))));
        assert!(!svg.contains("style="), "no inline style (the CSP forbids it)");
    }
}
