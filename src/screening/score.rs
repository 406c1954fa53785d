//! Scoring an applicant against one list entry, with an explanation a compliance officer can
//! read: which name words matched which, and how; what the birth date and citizenship did.
//!
//! The name score is a weighted share of the applicant's words found in the entry's name
//! (surname and given name count fully, the patronymic half and only when the entry has a word
//! left to compare it with), lowered for entry words left unmatched. A word matches when its
//! folded spelling is the same ([`super::names`]), when it is an initial of it, or when the
//! spellings are close (Jaro-Winkler at least 0.9, scored lower the further apart). Surname and
//! at least one given name must match. A birth date that agrees raises the score and one that
//! disagrees lowers it well below the threshold; citizenship nudges it.

use serde::{Deserialize, Serialize};
use time::Date;

use super::names::{Word, jaro_winkler, words};

/// The score from which a comparison counts as a hit, unless configured otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.88;

/// What an applicant word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Surname,
    Given,
    Patronymic,
}

/// The applicant side of a comparison.
#[derive(Clone, Debug)]
pub struct Person {
    pub words: Vec<(Word, Role)>,
    pub birth_date: Option<Date>,
    /// ISO 3166 alpha-2, lowercase.
    pub citizenship: Option<String>,
}

impl Person {
    pub fn new(
        surname: &str,
        given: &str,
        patronymic: &str,
        birth_date: Option<Date>,
        citizenship: &str,
    ) -> Person {
        let mut all = Vec::new();
        for (part, role) in [(surname, Role::Surname), (given, Role::Given), (patronymic, Role::Patronymic)] {
            all.extend(words(part).into_iter().map(|w| (w, role)));
        }
        let citizenship = Some(citizenship.trim().to_ascii_lowercase()).filter(|c| c.len() == 2);
        Person { words: all, birth_date, citizenship }
    }

    /// The name words only, for index keys.
    pub fn name_words(&self) -> Vec<Word> {
        self.words.iter().map(|(w, _)| w.clone()).collect()
    }
}

/// A birth date as lists give it: a year, perhaps a month and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListDate {
    pub year: i32,
    pub month_day: Option<(u8, u8)>,
}

impl ListDate {
    /// Parses `1953`, `1953-05` or `1953-05-17` (anything after the date is ignored).
    pub fn parse(s: &str) -> Option<ListDate> {
        let s = s.trim();
        let year: i32 = s.get(..4)?.parse().ok()?;
        if !(1850..=2100).contains(&year) {
            return None;
        }
        let month_day =
            match (s.get(5..7).and_then(|m| m.parse().ok()), s.get(8..10).and_then(|d| d.parse().ok())) {
                (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => Some((m, d)),
                _ => None,
            };
        Some(ListDate { year, month_day })
    }
}

/// The list side of a comparison.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// The name and its aliases.
    pub names: Vec<String>,
    pub birth_dates: Vec<ListDate>,
    /// ISO 3166 alpha-2, lowercase.
    pub countries: Vec<String>,
}

/// How two name words matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Written the same.
    Same,
    /// The same after transliteration and spelling folding.
    Transliterated,
    /// The entry gives only the initial.
    Initial,
    /// Close spellings.
    Similar,
    /// Not found in the entry's name.
    Missing,
}

/// One applicant word in the explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub role: Role,
    pub applicant: String,
    pub entry: Option<String>,
    pub how: How,
    /// One side has a feminine surname ending and the other not.
    #[serde(default)]
    pub gender_ending: bool,
    /// Similarity of the word, 0 to 100.
    pub similarity: u8,
}

/// What the birth date did to the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateNote {
    Unknown,
    Same,
    SameYear,
    Differs,
}

/// What citizenship did to the score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountryNote {
    Unknown,
    Same,
    Differs,
}

/// A scored comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// 0 to 1.
    pub score: f64,
    /// The entry name (or alias) that matched best.
    pub name: String,
    pub parts: Vec<Part>,
    /// Entry words that matched no applicant word.
    pub unmatched: Vec<String>,
    pub date: DateNote,
    pub country: CountryNote,
}

impl Explanation {
    /// The score in percent, for display.
    pub fn percent(&self) -> i64 {
        (self.score * 100.0).round() as i64
    }
}

fn weight(role: Role, first_given: bool) -> f64 {
    match role {
        Role::Surname => 1.0,
        Role::Given if first_given => 1.0,
        Role::Given => 0.5,
        Role::Patronymic => 0.5,
    }
}

/// Similarity of an applicant word and an entry word, and how they matched.
fn similarity(a: &Word, e: &Word) -> (f64, How) {
    if e.initial {
        return if a.folded.starts_with(&e.folded) { (0.85, How::Initial) } else { (0.0, How::Missing) };
    }
    if a.initial {
        return if e.folded.starts_with(&a.folded) { (0.85, How::Initial) } else { (0.0, How::Missing) };
    }
    let ending = if a.feminine == e.feminine { 1.0 } else { 0.95 };
    if a.folded == e.folded {
        let how = if a.original.to_lowercase() == e.original.to_lowercase() {
            How::Same
        } else {
            How::Transliterated
        };
        return (ending, how);
    }
    // A patronymic in its Kazakh and Russian forms: Кемелұлы, Кемелевич.
    if let (Some(x), Some(y)) = (patronymic_stem(&a.folded), patronymic_stem(&e.folded))
        && x == y
    {
        return (0.9, How::Similar);
    }
    if a.folded.chars().count() < 4 || e.folded.chars().count() < 4 {
        return (0.0, How::Missing);
    }
    let jw = jaro_winkler(&a.folded, &e.folded);
    if jw >= 0.9 { ((1.0 - 2.5 * (1.0 - jw)) * ending, How::Similar) } else { (0.0, How::Missing) }
}

/// Patronymic endings (folded spelling): Kazakh -ұлы/-қызы, Russian -ович/-евич/-овна/-евна.
const PATRONYMIC_ENDINGS: [&str; 8] = ["ovich", "evich", "ovna", "evna", "ichna", "uli", "kizi", "ich"];

/// The father's name inside a patronymic, if the word has a patronymic ending.
fn patronymic_stem(folded: &str) -> Option<&str> {
    PATRONYMIC_ENDINGS
        .iter()
        .find_map(|end| folded.strip_suffix(end))
        .map(|stem| stem.trim_end_matches(['e', 'i']))
        .filter(|stem| stem.len() >= 3)
}

/// Scores `person` against every name of `entry`, keeping the best.
pub fn score(person: &Person, entry: &Entry) -> Option<Explanation> {
    let mut best: Option<Explanation> = None;
    for name in &entry.names {
        let entry_words = words(name);
        if entry_words.is_empty() {
            continue;
        }
        let Some(mut e) = score_name(person, name, &entry_words) else { continue };
        adjust(person, entry, &mut e);
        if best.as_ref().is_none_or(|b| e.score > b.score) {
            best = Some(e);
        }
    }
    best
}

fn score_name(person: &Person, name: &str, entry_words: &[Word]) -> Option<Explanation> {
    let applicant = &person.words[..person.words.len().min(6)];
    let entry_words = &entry_words[..entry_words.len().min(8)];
    // Best assignment of applicant words to distinct entry words, by brute force (a handful each).
    let sims: Vec<Vec<(f64, How)>> =
        applicant.iter().map(|(a, _)| entry_words.iter().map(|e| similarity(a, e)).collect()).collect();
    let first_given = applicant.iter().position(|(_, r)| *r == Role::Given);
    let weights: Vec<f64> =
        applicant.iter().enumerate().map(|(i, (_, r))| weight(*r, Some(i) == first_given)).collect();
    let mut assign = vec![None; applicant.len()];
    let mut best_assign = assign.clone();
    let mut best_total = -1.0;
    search(
        &sims,
        &weights,
        0,
        &mut vec![false; entry_words.len()],
        &mut assign,
        0.0,
        &mut best_assign,
        &mut best_total,
    );

    let matched =
        |role: Role| applicant.iter().zip(&best_assign).any(|((_, r), a)| *r == role && a.is_some());
    if !matched(Role::Surname) || !matched(Role::Given) {
        return None;
    }
    let used: Vec<bool> = (0..entry_words.len()).map(|j| best_assign.contains(&Some(j))).collect();
    let unmatched: Vec<String> = entry_words
        .iter()
        .zip(&used)
        .filter(|(w, u)| !**u && !w.initial)
        .map(|(w, _)| w.original.clone())
        .collect();
    let has_patronymic = applicant.iter().any(|(_, r)| *r == Role::Patronymic);
    let mut denominator = 0.0;
    let mut total = 0.0;
    let mut parts = Vec::new();
    for (i, (word, role)) in applicant.iter().enumerate() {
        let (sim, how, entry) = match best_assign[i] {
            Some(j) => (sims[i][j].0, sims[i][j].1, Some(&entry_words[j])),
            None => (0.0, How::Missing, None),
        };
        // An unmatched patronymic counts only when the entry has a word it could have been.
        let counts = entry.is_some() || *role != Role::Patronymic || !unmatched.is_empty();
        if counts {
            denominator += weights[i];
            total += weights[i] * sim;
        }
        parts.push(Part {
            role: *role,
            applicant: word.original.clone(),
            entry: entry.map(|e| e.original.clone()),
            how,
            gender_ending: entry.is_some_and(|e| !e.initial && !word.initial && e.feminine != word.feminine),
            similarity: (sim * 100.0).round() as u8,
        });
    }
    let leftover = unmatched.len() as f64 * if has_patronymic { 0.25 } else { 0.2 };
    let score = total / (denominator + leftover);
    Some(Explanation {
        score,
        name: name.to_string(),
        parts,
        unmatched,
        date: DateNote::Unknown,
        country: CountryNote::Unknown,
    })
}

#[allow(clippy::too_many_arguments)]
fn search(
    sims: &[Vec<(f64, How)>],
    weights: &[f64],
    i: usize,
    taken: &mut Vec<bool>,
    assign: &mut Vec<Option<usize>>,
    total: f64,
    best_assign: &mut Vec<Option<usize>>,
    best_total: &mut f64,
) {
    if i == sims.len() {
        if total > *best_total {
            *best_total = total;
            best_assign.clone_from(assign);
        }
        return;
    }
    for j in 0..taken.len() {
        let (sim, _) = sims[i][j];
        if taken[j] || sim <= 0.0 {
            continue;
        }
        taken[j] = true;
        assign[i] = Some(j);
        search(sims, weights, i + 1, taken, assign, total + weights[i] * sim, best_assign, best_total);
        taken[j] = false;
        assign[i] = None;
    }
    search(sims, weights, i + 1, taken, assign, total, best_assign, best_total);
}

/// Birth date and citizenship.
fn adjust(person: &Person, entry: &Entry, e: &mut Explanation) {
    if let Some(birth) = person.birth_date
        && !entry.birth_dates.is_empty()
    {
        let same_day = |d: &ListDate| {
            d.month_day.is_some_and(|(m, day)| u8::from(birth.month()) == m && birth.day() == day)
        };
        e.date = if entry.birth_dates.iter().any(|d| d.year == birth.year() && same_day(d)) {
            DateNote::Same
        } else if entry.birth_dates.iter().any(|d| d.year == birth.year() && d.month_day.is_none()) {
            DateNote::SameYear
        } else {
            DateNote::Differs
        };
        e.score += match e.date {
            DateNote::Same => 0.1,
            DateNote::SameYear => 0.03,
            DateNote::Differs => -0.3,
            DateNote::Unknown => 0.0,
        };
    }
    if let Some(c) = &person.citizenship
        && !entry.countries.is_empty()
    {
        let same = entry.countries.iter().any(|x| x == c);
        e.country = if same { CountryNote::Same } else { CountryNote::Differs };
        e.score += if same { 0.02 } else { -0.05 };
    }
    e.score = e.score.clamp(0.0, 1.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn entry(name: &str) -> Entry {
        Entry { names: vec![name.into()], ..Entry::default() }
    }

    #[test]
    fn tokayev_in_every_spelling() {
        let p = Person::new("Тоқаев", "Қасым-Жомарт", "Кемелұлы", Some(date!(1953 - 05 - 17)), "kz");
        for name in [
            "Kassym-Jomart Tokayev",
            "TOKAYEV Kassym-Jomart",
            "Toqaev Qasym-Jomart",
            "Токаев Касым-Жомарт Кемелевич",
        ] {
            let e = score(&p, &entry(name)).unwrap_or_else(|| panic!("{name}"));
            assert!(e.score >= DEFAULT_THRESHOLD, "{name}: {e:?}");
        }
    }

    #[test]
    fn a_different_given_name_or_birth_date_is_not_a_hit() {
        let p = Person::new("Ахметов", "Ерлан", "", Some(date!(1980 - 01 - 02)), "kz");
        let other = score(&p, &entry("Akhmetov Yerzhan")).map_or(0.0, |e| e.score);
        assert!(other < DEFAULT_THRESHOLD, "{other}");
        let mut same = entry("Akhmetov Yerlan");
        assert!(score(&p, &same).unwrap().score >= DEFAULT_THRESHOLD);
        same.birth_dates = vec![ListDate::parse("1975-03-04").unwrap()];
        let e = score(&p, &same).unwrap();
        assert_eq!(e.date, DateNote::Differs);
        assert!(e.score < DEFAULT_THRESHOLD);
    }

    #[test]
    fn initials_and_a_missing_patronymic() {
        let p = Person::new("Назарбаев", "Нурсултан", "Абишевич", None, "kz");
        let e = score(&p, &entry("N. Nazarbayev")).unwrap();
        assert!(e.score >= DEFAULT_THRESHOLD, "{e:?}");
        assert_eq!(e.parts[1].how, How::Initial);
        let e = score(&p, &entry("Nursultan Nazarbayev")).unwrap();
        assert!((e.score - 1.0).abs() < 1e-9);
        // A different patronymic in the entry is a different person.
        let e = score(&p, &entry("Nursultan Serikovich Nazarbayev")).unwrap();
        assert!(e.score < DEFAULT_THRESHOLD, "{e:?}");
    }

    #[test]
    fn explanation_round_trips_as_json() {
        let p = Person::new("Ахметова", "Динара", "", None, "kz");
        let e = score(&p, &entry("Dinara AKHMETOVA")).unwrap();
        assert_eq!(e.parts[0].how, How::Transliterated);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Explanation>(&json).unwrap(), e);
    }
}
