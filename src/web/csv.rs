//! CSV exports: fields that a spreadsheet reads as text (never as a formula), a byte-order mark
//! so Cyrillic and Kazakh letters read as UTF-8, and the download's headers.

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

/// A CSV field: quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`
/// or `@` is prefixed with `'` so a spreadsheet does not run it as a formula.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// A CSV document being written: a header row, then rows.
pub struct Csv(String);

impl Csv {
    pub fn new(header: &[String]) -> Csv {
        let mut csv = Csv(String::from("\u{feff}"));
        csv.row(header);
        csv
    }

    pub fn row(&mut self, values: &[String]) {
        self.0.push_str(&values.iter().map(|v| field(v)).collect::<Vec<_>>().join(","));
        self.0.push_str("\r\n");
    }

    /// The download, named `filename` (ASCII).
    pub fn download(self, filename: &str) -> Response {
        let disposition = format!("attachment; filename=\"{filename}\"");
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            self.0,
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("Әбенова"), "Әбенова");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
    }
}
