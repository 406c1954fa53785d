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

pub use super::evidence::ListDate;
use super::{
    assign::Search,
    evidence::adjust,
    names::{Word, words, words_as},
    similar::similarity,
    structure::{align, could_be_patronymic, mononym},
};

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
            all.extend(words_as(part, false).into_iter().map(|w| (w, role)));
        }
        let citizenship = Some(citizenship.trim().to_ascii_lowercase()).filter(|c| c.len() == 2);
        Person { words: all, birth_date, citizenship }
    }

    /// The name words only, for index keys.
    pub fn name_words(&self) -> Vec<Word> {
        self.words.iter().map(|(w, _)| w.clone()).collect()
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
    /// Spellings of one name family (Мұхаммед, Magomed).
    Family,
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
    /// The list gives 1 January of the same year, a common placeholder.
    Placeholder,
    /// The same day and month, swapped.
    Swapped,
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
    /// The entry's name is one word (a mononym or a surname alone): a hit only with the same
    /// birth date.
    #[serde(default)]
    pub mononym: bool,
    /// A cap was reached (candidates fetched, words or aliases compared): there may be more.
    #[serde(default)]
    pub capped: bool,
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

/// Names of an entry compared (the name and its first aliases).
pub const MAX_NAMES: usize = 100;
/// Words of a list name compared.
const MAX_ENTRY_WORDS: usize = 8;
/// Words of the applicant compared.
const MAX_APPLICANT_WORDS: usize = 6;
/// Scores `person` against every name of `entry`, keeping the best.
pub fn score(person: &Person, entry: &Entry) -> Option<Explanation> {
    score_parsed(person, &Parsed::new(entry.clone()))
}

/// A list entry with its names split into words once, for scoring against many applicants
/// (the re-screen).
#[derive(Clone, Debug)]
pub struct Parsed {
    pub entry: Entry,
    /// The words of each of the first [`MAX_NAMES`] names.
    words: Vec<Vec<Word>>,
}

impl Parsed {
    pub fn new(entry: Entry) -> Parsed {
        let words = entry.names.iter().take(MAX_NAMES).map(|n| words(n)).collect();
        Parsed { entry, words }
    }
}

/// [`score`] of an entry parsed beforehand.
pub fn score_parsed(person: &Person, parsed: &Parsed) -> Option<Explanation> {
    let entry = &parsed.entry;
    let mut best: Option<Explanation> = None;
    let capped = entry.names.len() > MAX_NAMES;
    for (name, entry_words) in entry.names.iter().zip(&parsed.words) {
        if entry_words.is_empty() {
            continue;
        }
        let Some(mut e) = score_name(person, name, entry_words) else { continue };
        e.capped |= capped;
        adjust(person, entry, &mut e);
        if best.as_ref().is_none_or(|b| e.score > b.score) {
            best = Some(e);
        }
    }
    best
}

fn score_name(person: &Person, name: &str, entry_words: &[Word]) -> Option<Explanation> {
    let applicant = &person.words[..person.words.len().min(MAX_APPLICANT_WORDS)];
    let capped = person.words.len() > MAX_APPLICANT_WORDS || entry_words.len() > MAX_ENTRY_WORDS;
    let aligned = align(applicant, &entry_words[..entry_words.len().min(MAX_ENTRY_WORDS)]);
    let entry_words = &aligned[..aligned.len().min(MAX_ENTRY_WORDS + 1)];
    let sims: Vec<Vec<(f64, How)>> =
        applicant.iter().map(|(a, r)| entry_words.iter().map(|e| similarity(a, *r, e)).collect()).collect();
    if entry_words.len() == 1 && !entry_words[0].initial {
        return mononym(applicant, name, &sims, capped);
    }
    // Best assignment of applicant words to distinct entry words: a search over the few words
    // of each side, the likeliest pairings first, with a budget a hostile entry cannot exceed.
    let first_given = applicant.iter().position(|(_, r)| *r == Role::Given);
    let weights: Vec<f64> =
        applicant.iter().enumerate().map(|(i, (_, r))| weight(*r, Some(i) == first_given)).collect();
    let mut search = Search::new(&sims, &weights);
    search.run(0, 0, 0.0);
    let capped = capped || search.budget == 0;
    let best_assign = search.best_assign;
    let matched =
        |role: Role| applicant.iter().zip(&best_assign).any(|((_, r), a)| *r == role && a.is_some());
    if !matched(Role::Surname) || !matched(Role::Given) {
        return None;
    }
    let used: Vec<bool> = (0..entry_words.len()).map(|j| best_assign.contains(&Some(j))).collect();
    // The applicant word a list word was matched to.
    let role_of = |j: usize| best_assign.iter().position(|a| *a == Some(j)).map(|i| applicant[i].1);
    // A list word joined by a hyphen to a matched surname is the other half of a double
    // surname; joined to a matched given name, it makes another, compound name.
    let joined_to = |j: usize| {
        let before = (entry_words[j].hyphenated && j > 0).then(|| role_of(j - 1)).flatten();
        let after = entry_words.get(j + 1).filter(|n| n.hyphenated).and_then(|_| role_of(j + 1));
        before.or(after)
    };
    let (mut unmatched, mut halves, mut compound, mut patronymic_like) = (Vec::new(), 0usize, 0usize, false);
    for (j, w) in entry_words.iter().enumerate() {
        if !used[j] && !w.initial {
            unmatched.push(w.original.clone());
            match joined_to(j) {
                Some(Role::Surname) => halves += 1,
                Some(_) => compound += 1,
                None => patronymic_like |= could_be_patronymic(w),
            }
        }
    }
    let has_patronymic = applicant.iter().any(|(_, r)| *r == Role::Patronymic);
    let surname_matched = matched(Role::Surname);
    let mut denominator = 0.0;
    let mut total = 0.0;
    let mut parts = Vec::new();
    for (i, (word, role)) in applicant.iter().enumerate() {
        let (sim, how, entry) = match best_assign[i] {
            Some(j) => (sims[i][j].0, sims[i][j].1, Some(&entry_words[j])),
            None => (0.0, How::Missing, None),
        };
        // An unmatched patronymic counts only when the entry has a word it could have been; the
        // other half of the applicant's double surname counts little.
        let weight = match (entry, role) {
            (None, Role::Patronymic) if !patronymic_like => 0.0,
            (None, Role::Surname) if surname_matched => 0.15,
            _ => weights[i],
        };
        denominator += weight;
        total += weight * sim;
        parts.push(Part {
            role: *role,
            applicant: word.original.clone(),
            entry: entry.map(|e| e.original.clone()),
            how,
            gender_ending: entry.is_some_and(|e| !e.initial && !word.initial && e.feminine != word.feminine),
            similarity: (sim * 100.0).round() as u8,
        });
    }
    let per_word = if has_patronymic { 0.25 } else { 0.2 };
    let others = unmatched.len() - halves - compound;
    let leftover = others as f64 * per_word + halves as f64 * 0.1 + compound as f64;
    let score = total / (denominator + leftover);
    Some(Explanation {
        score,
        name: name.to_string(),
        parts,
        unmatched,
        date: DateNote::Unknown,
        country: CountryNote::Unknown,
        mononym: false,
        capped,
    })
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
