//! Reading a screening list file, streamed: the OpenSanctions `targets.simple.csv` layout or a
//! plain CSV (name, aliases, birth date, country, position, list), in UTF-8 or Windows-1251.
//!
//! A file that is not such a list (no such header, another encoding, a quote that never closes)
//! is refused whole with a [`FileError`]; a bad row (empty name, duplicate id, wrong number of
//! fields, a birth date that is not a date) is reported by line number and skipped.

use std::{
    collections::HashMap,
    io::{self, Chain, Cursor, Read},
};

use sha2::{Digest, Sha256};

use super::{names, score};

/// Longest field accepted; a longer one means a quote that never closes.
const MAX_FIELD: usize = 64 * 1024;
/// Bytes looked at to recognise the encoding.
const SNIFF: usize = 64 * 1024;
/// Row errors kept for the report (all are counted).
pub const MAX_REPORTED: usize = 200;

/// The layout of a list file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    OpenSanctions,
    Plain,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::OpenSanctions => "opensanctions",
            Format::Plain => "plain",
        }
    }
}

/// The text encoding of a list file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1251,
}

impl Encoding {
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1251 => "windows-1251",
        }
    }
}

/// Why a whole file is refused: a Fluent id and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl FileError {
    fn new(id: &'static str) -> FileError {
        FileError { id, args: Vec::new() }
    }

    fn with(mut self, name: &'static str, value: impl ToString) -> FileError {
        self.args.push((name, value.to_string()));
        self
    }
}

impl From<io::Error> for FileError {
    fn from(e: io::Error) -> Self {
        FileError::new("list-error-io").with("error", e)
    }
}

/// A skipped row: its line and why, as a Fluent id and arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// One person of a list file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListEntry {
    pub line: u64,
    pub external_id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub birth_dates: Vec<String>,
    pub countries: Vec<String>,
    pub position: String,
    pub dataset: String,
}

impl ListEntry {
    /// A hash of the content: a changed hash makes a changed entry (and brings dismissed hits
    /// of it back to review).
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.name.as_str(),
            &self.aliases.join(";"),
            &self.birth_dates.join(";"),
            &self.countries.join(";"),
            &self.position,
            &self.dataset,
        ] {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        hex::encode(&h.finalize()[..16])
    }

    /// The entry as the scorer sees it.
    pub fn scored(&self) -> score::Entry {
        entry_for_scoring(
            &self.name,
            &self.aliases.join(";"),
            &self.birth_dates.join(";"),
            &self.countries.join(";"),
        )
    }

    /// Index keys of the name and its aliases.
    pub fn keys(&self) -> Vec<String> {
        keys_of(&self.name, &self.aliases.join(";"))
    }
}

/// The scorer's view of a stored entry (aliases, dates and countries joined with `;`).
pub fn entry_for_scoring(name: &str, aliases: &str, birth_dates: &str, countries: &str) -> score::Entry {
    score::Entry {
        names: std::iter::once(name.to_string()).chain(split(aliases)).collect(),
        birth_dates: split(birth_dates).iter().filter_map(|d| score::ListDate::parse(d)).collect(),
        countries: split(countries),
    }
}

/// Index keys an entry has at most: its name's first, then its aliases' in order.
pub const MAX_KEYS: usize = 64;

/// Index keys of a name and its aliases (`;`-separated), at most [`MAX_KEYS`]: first the keys of
/// every name's words in their primary readings (the name's, then each alias's), then the
/// other readings' keys, so a cap drops the least likely.
pub fn keys_of(name: &str, aliases: &str) -> Vec<String> {
    let mut primary = Vec::new();
    let mut rest = Vec::new();
    for n in std::iter::once(name.to_string()).chain(split(aliases)) {
        let (p, r) = names::entry_keys_ranked(&names::words(&n));
        primary.extend(p);
        rest.extend(r);
        if primary.len() >= MAX_KEYS {
            break;
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut keys: Vec<String> = primary.into_iter().chain(rest).filter(|k| seen.insert(k.clone())).collect();
    keys.truncate(MAX_KEYS);
    keys
}

fn split(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Text of a Windows-1251 file as UTF-8, converted as it is read (one byte is one character,
/// so any cut between reads is safe).
pub struct Decoded<R> {
    inner: R,
    cp1251: bool,
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.cp1251 {
            return self.inner.read(buf);
        }
        if self.pos >= self.out.len() {
            let mut raw = [0u8; 16 * 1024];
            let n = self.inner.read(&mut raw)?;
            if n == 0 {
                return Ok(0);
            }
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&raw[..n]);
            self.out = text.into_owned().into_bytes();
            self.pos = 0;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

type Sniffed<R> = Decoded<Chain<Cursor<Vec<u8>>, R>>;

/// Recognises the encoding from the start of the file: UTF-8 (with or without a byte-order
/// mark) or Windows-1251 (bytes that are not UTF-8 but read as Cyrillic text); anything else
/// is refused.
pub fn decode<R: Read>(mut input: R) -> Result<(Encoding, Sniffed<R>), FileError> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut input).take(SNIFF as u64).read_to_end(&mut head)?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::new("list-error-utf16"));
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        head.drain(..3);
    }
    let utf8 = match std::str::from_utf8(&head) {
        Ok(_) => true,
        // Cut in the middle of a character at the end of the sniffed part.
        Err(e) => e.error_len().is_none() && head.len() >= SNIFF - 3,
    };
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&head);
        let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
        let cyrillic = text.chars().filter(|c| ('\u{400}'..='\u{4FF}').contains(c)).count();
        let controls = head.iter().filter(|b| **b < 0x09 || (0x0E..0x20).contains(*b)).count();
        if controls == 0 && non_ascii > 0 && cyrillic * 10 >= non_ascii * 9 {
            Encoding::Windows1251
        } else {
            return Err(FileError::new("list-error-encoding"));
        }
    };
    let reader = Decoded {
        inner: Cursor::new(head).chain(input),
        cp1251: encoding == Encoding::Windows1251,
        out: Vec::new(),
        pos: 0,
    };
    Ok((encoding, reader))
}

/// Column positions of the header.
struct Columns {
    format: Format,
    index: HashMap<String, usize>,
    count: usize,
}

impl Columns {
    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        self.index.get(name).and_then(|i| record.get(*i)).map(str::trim).unwrap_or("")
    }
}

const OPENSANCTIONS: [&str; 6] = ["id", "schema", "name", "aliases", "birth_date", "countries"];
const PLAIN: [&str; 6] = ["name", "aliases", "birth_date", "country", "position", "list"];

fn columns(header: &csv::StringRecord) -> Result<Columns, FileError> {
    let index: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_lowercase().replace(' ', "_"), i))
        .collect();
    let has_all = |cols: &[&str]| cols.iter().all(|c| index.contains_key(*c));
    let format = if has_all(&OPENSANCTIONS) {
        Format::OpenSanctions
    } else if has_all(&PLAIN) {
        Format::Plain
    } else {
        let found: Vec<&str> = header.iter().take(8).collect();
        return Err(FileError::new("list-error-header").with("found", found.join(", ")));
    };
    Ok(Columns { format, index, count: header.len() })
}

/// What reading a file gave, besides its entries.
#[derive(Clone, Debug, Default)]
pub struct ReadSummary {
    /// Data rows read (not counting the header).
    pub rows: u64,
    /// Rows of other kinds than a person (organisations, vessels) in an OpenSanctions file.
    pub not_persons: u64,
    /// Bad rows skipped.
    pub skipped: u64,
    /// The first [`MAX_REPORTED`] of them.
    pub errors: Vec<RowError>,
}

/// A streaming reader of list entries.
pub struct ListReader<R: Read> {
    csv: csv::Reader<Sniffed<R>>,
    columns: Columns,
    pub encoding: Encoding,
    seen: HashMap<String, u64>,
    record: csv::StringRecord,
    pub summary: ReadSummary,
}

impl<R: Read> ListReader<R> {
    /// Recognises the encoding and the layout from the start of `input`.
    pub fn new(input: R) -> Result<ListReader<R>, FileError> {
        let (encoding, decoded) = decode(input)?;
        let mut csv = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(decoded);
        let header = match csv.headers() {
            Ok(h) if h.iter().any(|f| !f.trim().is_empty()) => h.clone(),
            Ok(_) => return Err(FileError::new("list-error-empty")),
            Err(e) => return Err(csv_error(&e, 1)),
        };
        let columns = columns(&header)?;
        Ok(ListReader {
            csv,
            columns,
            encoding,
            seen: HashMap::new(),
            record: csv::StringRecord::new(),
            summary: ReadSummary::default(),
        })
    }

    pub fn format(&self) -> Format {
        self.columns.format
    }

    fn reject(&mut self, line: u64, id: &'static str, args: Vec<(&'static str, String)>) {
        self.summary.skipped += 1;
        if self.summary.errors.len() < MAX_REPORTED {
            self.summary.errors.push(RowError { line, id, args });
        }
    }

    /// The next entry, skipping (and reporting) bad rows; `None` at the end of the file.
    pub fn next_entry(&mut self) -> Result<Option<ListEntry>, FileError> {
        loop {
            let line = self.csv.position().line();
            match self.csv.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => {
                    if let csv::ErrorKind::Utf8 { .. } = e.kind() {
                        self.summary.rows += 1;
                        self.reject(line, "list-row-not-utf8", Vec::new());
                        continue;
                    }
                    return Err(csv_error(&e, line));
                }
            }
            let line = self.record.position().map_or(line, |p| p.line());
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            self.summary.rows += 1;
            if self.record.iter().any(|f| f.len() > MAX_FIELD) {
                return Err(FileError::new("list-error-runaway").with("line", line));
            }
            if self.record.len() != self.columns.count {
                let args = vec![
                    ("expected", self.columns.count.to_string()),
                    ("found", self.record.len().to_string()),
                ];
                self.reject(line, "list-row-fields", args);
                continue;
            }
            match self.parse(line) {
                Ok(Some(entry)) => return Ok(Some(entry)),
                Ok(None) => continue,
                Err((id, args)) => self.reject(line, id, args),
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn parse(&mut self, line: u64) -> Result<Option<ListEntry>, (&'static str, Vec<(&'static str, String)>)> {
        let r = &self.record;
        let c = &self.columns;
        let list_split = |s: &str| split(s);
        let (format, name) = (c.format, c.get(r, "name").to_string());
        if format == Format::OpenSanctions && c.get(r, "schema") != "Person" {
            self.summary.not_persons += 1;
            return Ok(None);
        }
        if names::words(&name).is_empty() {
            return Err(("list-row-empty-name", Vec::new()));
        }
        let birth_dates = list_split(c.get(r, "birth_date"));
        if let Some(bad) = birth_dates.iter().find(|d| score::ListDate::parse(d).is_none()) {
            return Err(("list-row-birth-date", vec![("value", bad.chars().take(40).collect())]));
        }
        let countries_col = if format == Format::OpenSanctions { "countries" } else { "country" };
        let countries: Vec<String> =
            list_split(c.get(r, countries_col)).into_iter().map(|x| x.to_lowercase()).collect();
        let aliases = list_split(c.get(r, "aliases"));
        let (external_id, position, dataset) = match format {
            Format::OpenSanctions => (
                c.get(r, "id").to_string(),
                c.get(r, "sanctions").to_string(),
                c.get(r, "dataset").to_string(),
            ),
            Format::Plain => {
                let mut h = Sha256::new();
                let folded: Vec<String> = names::words(&name).into_iter().map(|w| w.folded).collect();
                h.update(folded.join(" ").as_bytes());
                h.update([0x1f]);
                h.update(birth_dates.join(";").as_bytes());
                (
                    format!("p-{}", &hex::encode(h.finalize())[..16]),
                    c.get(r, "position").to_string(),
                    c.get(r, "list").to_string(),
                )
            }
        };
        if external_id.is_empty() {
            return Err(("list-row-empty-id", Vec::new()));
        }
        if let Some(first) = self.seen.get(&external_id) {
            let id =
                if format == Format::Plain { "list-row-duplicate-person" } else { "list-row-duplicate-id" };
            return Err((id, vec![("id", external_id.clone()), ("first", first.to_string())]));
        }
        self.seen.insert(external_id.clone(), line);
        Ok(Some(ListEntry { line, external_id, name, aliases, birth_dates, countries, position, dataset }))
    }
}

fn csv_error(e: &csv::Error, line: u64) -> FileError {
    let line = e.position().map_or(line, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Io(io) => FileError::new("list-error-io").with("error", io),
        _ => FileError::new("list-error-csv").with("line", line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Result<(Vec<ListEntry>, ReadSummary, Encoding), FileError> {
        let mut r = ListReader::new(bytes)?;
        let mut out = Vec::new();
        while let Some(e) = r.next_entry()? {
            out.push(e);
        }
        Ok((out, r.summary, r.encoding))
    }

    const OS_HEADER: &str = "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\n";

    #[test]
    fn opensanctions_rows_and_bad_rows() {
        let text = format!(
            "{OS_HEADER}Q1,Person,Kassym-Jomart Tokayev,Токаев Касым-Жомарт;Тоқаев Қасым-Жомарт,1953-05-17,kz,,,,,,Every Politician,2020-01-01,2026-01-01,2026-01-01\n\
             Q2,Company,Some LLP,,,kz,,,,,,x,,,\n\
             Q3,Person,,,,kz,,,,,,x,,,\n\
             Q1,Person,Another,,,kz,,,,,,x,,,\n\
             Q4,Person,Bad Date,,someday,kz,,,,,,x,,,\n\
             Q5,Person,Short Row\n"
        );
        let (entries, summary, enc) = read_all(text.as_bytes()).unwrap();
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].aliases.len(), 2);
        assert_eq!(summary.not_persons, 1);
        assert_eq!(summary.skipped, 4);
        let lines: Vec<(u64, &str)> = summary.errors.iter().map(|e| (e.line, e.id)).collect();
        assert_eq!(
            lines,
            [
                (4, "list-row-empty-name"),
                (5, "list-row-duplicate-id"),
                (6, "list-row-birth-date"),
                (7, "list-row-fields")
            ]
        );
    }

    #[test]
    fn plain_csv_in_windows_1251() {
        let text = "name,aliases,birth_date,country,position,list\n\"Ахметов, Ерлан\",Akhmetov Yerlan,1970-02-03,kz,Аким,Местные PEP\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let (entries, summary, enc) = read_all(&bytes).unwrap();
        assert_eq!(enc, Encoding::Windows1251);
        assert_eq!(summary.skipped, 0);
        assert_eq!(entries[0].name, "Ахметов, Ерлан");
        assert_eq!(entries[0].position, "Аким");
        assert!(entries[0].external_id.starts_with("p-"));
    }

    #[test]
    fn files_that_are_not_lists_are_refused() {
        assert_eq!(read_all(b"a,b,c\n1,2,3\n").unwrap_err().id, "list-error-header");
        assert_eq!(read_all(&[0xFF, 0xFE, b'a', 0]).unwrap_err().id, "list-error-utf16");
        assert_eq!(read_all(&[0x00, 0x01, 0x02, 0xC0, 0x80, 0xFF]).unwrap_err().id, "list-error-encoding");
        assert_eq!(read_all(b"").unwrap_err().id, "list-error-empty");
        let runaway = format!("{OS_HEADER}Q1,Person,\"Never closed,,,,,,,,,,,,\n{}\n", "x,".repeat(40_000));
        assert_eq!(read_all(runaway.as_bytes()).unwrap_err().id, "list-error-runaway");
    }
}
