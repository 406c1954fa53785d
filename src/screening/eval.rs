//! Accuracy on a labelled set of pairs: an applicant (Cyrillic surname, given name, patronymic,
//! birth date, citizenship) and a list name (any script, with its birth date and countries), and
//! whether they are the same person. `kreditomat-portal screening-eval` prints the result.

use std::{fmt::Write as _, io::Read};

use time::{Date, macros::format_description};

use super::score::{Entry, ListDate, Person, score};

/// The labelled set in the repository.
pub const DEFAULT_FILE: &str = "tests/data/screening-eval.csv";

/// One labelled pair.
#[derive(Clone, Debug)]
pub struct Pair {
    pub line: u64,
    pub person: Person,
    pub entry: Entry,
    pub same: bool,
    pub note: String,
    pub applicant: String,
}

/// Counts at one threshold.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub threshold: f64,
    pub true_pos: usize,
    pub false_pos: usize,
    pub true_neg: usize,
    pub false_neg: usize,
    /// `(line, applicant, list name, score, label note)` of every wrong answer.
    pub errors: Vec<(u64, String, String, f64, String)>,
}

impl Outcome {
    pub fn precision(&self) -> f64 {
        let found = self.true_pos + self.false_pos;
        if found == 0 { 1.0 } else { self.true_pos as f64 / found as f64 }
    }

    pub fn recall(&self) -> f64 {
        let real = self.true_pos + self.false_neg;
        if real == 0 { 1.0 } else { self.true_pos as f64 / real as f64 }
    }

    /// The report `screening-eval` prints.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let pairs = self.true_pos + self.false_pos + self.true_neg + self.false_neg;
        let _ = writeln!(
            out,
            "pairs: {pairs} ({} same person, {} different)",
            self.true_pos + self.false_neg,
            self.true_neg + self.false_pos
        );
        let _ = writeln!(out, "threshold: {:.2}", self.threshold);
        let _ = writeln!(
            out,
            "true positives {}, false positives {}, true negatives {}, false negatives {}",
            self.true_pos, self.false_pos, self.true_neg, self.false_neg
        );
        let _ = writeln!(out, "precision: {:.3}", self.precision());
        let _ = writeln!(out, "recall:    {:.3}", self.recall());
        for (line, applicant, name, score, note) in &self.errors {
            let _ = writeln!(out, "  line {line}: {applicant} / {name}: score {score:.2} ({note})");
        }
        out
    }
}

/// Reads the labelled pairs.
pub fn read(input: impl Read) -> Result<Vec<Pair>, String> {
    let mut reader = csv::Reader::from_reader(input);
    let dmy = format_description!("[year]-[month]-[day]");
    let mut pairs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let birth = Date::parse(&field(3), dmy).ok();
        let person = Person::new(&field(0), &field(1), &field(2), birth, &field(4));
        let entry = Entry {
            names: vec![field(5)],
            birth_dates: ListDate::parse(&field(6)).into_iter().collect(),
            countries: field(7)
                .split(';')
                .map(|c| c.trim().to_ascii_lowercase())
                .filter(|c| !c.is_empty())
                .collect(),
        };
        let same = match field(8).as_str() {
            "1" => true,
            "0" => false,
            other => return Err(format!("line {line}: same_person must be 0 or 1, not {other:?}")),
        };
        let applicant = [field(0), field(1), field(2)].join(" ").trim().to_string();
        pairs.push(Pair { line, person, entry, same, note: field(9), applicant });
    }
    Ok(pairs)
}

/// Scores every pair and counts the answers at `threshold`.
pub fn evaluate(pairs: &[Pair], threshold: f64) -> Outcome {
    let mut out = Outcome { threshold, ..Outcome::default() };
    for p in pairs {
        let s = score(&p.person, &p.entry).map_or(0.0, |e| e.score);
        let hit = s >= threshold;
        match (hit, p.same) {
            (true, true) => out.true_pos += 1,
            (true, false) => out.false_pos += 1,
            (false, false) => out.true_neg += 1,
            (false, true) => out.false_neg += 1,
        }
        if hit != p.same {
            out.errors.push((p.line, p.applicant.clone(), p.entry.names[0].clone(), s, p.note.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::score::DEFAULT_THRESHOLD;

    #[test]
    fn the_labelled_set_meets_the_targets() {
        let pairs = read(include_bytes!("../../tests/data/screening-eval.csv").as_slice()).unwrap();
        assert!(pairs.len() >= 300);
        let outcome = evaluate(&pairs, DEFAULT_THRESHOLD);
        assert!(outcome.recall() >= 0.98 && outcome.precision() >= 0.90, "{}", outcome.report());
    }
}
