//! How alike one applicant word and one list word are, in any of their readings.
//!
//! Equal folded spellings match fully (less a little when only one side has a feminine surname
//! ending); an initial matches the first letters the word may be written with; a patronymic in
//! its Kazakh and Russian forms (Кемелұлы, Кемелевич) and a surname made from a father's name
//! against its -ов form (Жұмабекқызы, Zhumabekova) match as similar; other spellings of four
//! letters or more match when close (Jaro-Winkler at least 0.9, scored lower the further apart).
//!
//! Two rules keep different names apart however alike they look: a given name keeps its sex
//! (Валентина is not Valentin, Александра is not Aleksandr), and a name with one more Kazakh
//! name-forming suffix is another name (Нұрлан and Nurlanbek, Оспанов and Ospanbekov).

use super::{
    fold::{self, Reading},
    names::{Word, jaro_winkler},
    score::{How, Role},
};

/// Kazakh name-forming suffixes (folded spelling).
const SUFFIXES: [&str; 14] =
    ["bek", "bai", "jan", "gul", "han", "tai", "gali", "murat", "sultan", "bol", "kul", "bike", "ali", "nur"];

/// How fast the score of close spellings falls with their Jaro-Winkler distance.
const SLOPE: f64 = 5.0;

/// What two readings are to each other.
enum Verdict {
    Equal(f64),
    Similar(f64),
    /// Different names, however alike (another sex, another suffix).
    Different,
    Unlike,
}

/// One name has the other's letters and a feminine `a` or `ia` more (Valentina, Valentin;
/// Viktoria, Viktor; Nailia, Nail).
fn other_sex(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|rest| rest == "a" || rest == "ia") && short.len() >= 3
}

/// A looser form of a folded word: consonants that traditions write differently in one class
/// (`s z j c sh ch ts`, `g h`, `v f`), so `Schukow` and `Zhukov`, `Heydar` and `Geidar`,
/// `Taschibajew` and `Tazhibaev` agree.
pub fn loose(folded: &str) -> String {
    fold::letter_classes(folded).into_iter().collect()
}

/// Whether a folded word ends as a patronymic does.
pub fn is_patronymic(folded: &str) -> bool {
    patronymic_stem(folded).is_some()
}

/// One name is the other with a name-forming suffix added (Nurlan, Nurlanbek).
fn extra_suffix(a: &str, b: &str) -> bool {
    let (a, b) = (fold::stem(a), fold::stem(b));
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.len() >= 3 && long.strip_prefix(short).is_some_and(|rest| SUFFIXES.contains(&rest))
}

/// Patronymic endings (folded spelling): Kazakh -ұлы/-қызы, Russian -ович/-евич/-овна/-евна.
const PATRONYMIC_ENDINGS: [&str; 10] =
    ["ovich", "evich", "ovna", "evna", "ichna", "uli", "kizi", "ogli", "oglu", "ich"];

/// The father's name inside a patronymic, if the word has a patronymic ending.
fn patronymic_stem(folded: &str) -> Option<&str> {
    PATRONYMIC_ENDINGS
        .iter()
        .find_map(|end| folded.strip_suffix(end))
        .map(|stem| stem.trim_end_matches(['e', 'i']))
        .filter(|stem| stem.len() >= 3)
}

fn readings_alike(a: &Reading, e: &Reading, role: Role) -> Verdict {
    // A given name is compared with its ending as written: the ending carries its sex.
    let (x, y) = if role == Role::Surname { (&a.folded, &e.folded) } else { (&a.plain, &e.plain) };
    if x == y {
        return Verdict::Equal(if role == Role::Surname && a.feminine != e.feminine { 0.95 } else { 1.0 });
    }
    if role != Role::Surname && other_sex(x, y) {
        return Verdict::Different;
    }
    if let (Some(p), Some(q)) = (patronymic_stem(x), patronymic_stem(y))
        && (p == q || loose(p) == loose(q))
    {
        return Verdict::Similar(0.9);
    }
    if extra_suffix(x, y) {
        return Verdict::Different;
    }
    let ending = if a.feminine == e.feminine { 1.0 } else { 0.95 };
    // Another tradition's letters for the same sounds.
    if x.chars().count() >= 3 && loose(x) == loose(y) {
        return Verdict::Similar(0.95 * ending);
    }
    // A surname made from the father's name, or without the Russian ending, against its -ов
    // form (Жұмабекқызы and Zhumabekova, Rakhmon and Рахмонов).
    if role != Role::Given {
        let (p, q) = (fold::stem(x), fold::stem(y));
        if p.len() >= 3 && (p == q || loose(p) == loose(q)) && (p != x || q != y) {
            return Verdict::Similar(0.92);
        }
    }
    if x.chars().count() < 4 || y.chars().count() < 4 {
        return Verdict::Unlike;
    }
    let jw = jaro_winkler(x, y);
    if jw >= 0.9 { Verdict::Similar((1.0 - SLOPE * (1.0 - jw)) * ending) } else { Verdict::Unlike }
}

/// Similarity of an applicant word (in its role) and a list word, and how they matched.
pub fn similarity(a: &Word, role: Role, e: &Word) -> (f64, How) {
    if a.initial || e.initial {
        if a.initial && e.initial {
            return (0.0, How::Missing);
        }
        // Lists do not write a surname as an initial.
        if role == Role::Surname {
            return (0.0, How::Missing);
        }
        let (full, init) = if e.initial { (a, e) } else { (e, a) };
        let found = init.initials.iter().any(|c| full.initials.contains(c));
        return if found { (0.85, How::Initial) } else { (0.0, How::Missing) };
    }
    let (mut equal, mut similar, mut different) = (0.0f64, 0.0f64, false);
    for ra in &a.readings {
        for re in &e.readings {
            match readings_alike(ra, re, role) {
                Verdict::Equal(s) => equal = equal.max(s),
                Verdict::Similar(s) => similar = similar.max(s),
                Verdict::Different => different = true,
                Verdict::Unlike => {}
            }
        }
    }
    if equal > 0.0 {
        let same = fold::normalise(&a.original).to_lowercase() == fold::normalise(&e.original).to_lowercase();
        let how = if same {
            How::Same
        } else if a.family || e.family {
            How::Family
        } else {
            How::Transliterated
        };
        return (equal, how);
    }
    if different || similar <= 0.0 { (0.0, How::Missing) } else { (similar, How::Similar) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::names::words;

    fn sim(a: &str, role: Role, e: &str) -> (f64, How) {
        similarity(&words(a)[0], role, &words(e)[0])
    }

    #[test]
    fn a_given_name_keeps_its_sex() {
        for (a, e) in
            [("Валентина", "Valentin"), ("Александра", "Aleksandr"), ("Евгения", "Evgeniy"), ("Ян", "Yana")]
        {
            assert_eq!(sim(a, Role::Given, e).1, How::Missing, "{a} / {e}");
        }
        assert_eq!(sim("Ахметова", Role::Surname, "Akhmetov").1, How::Transliterated);
    }

    #[test]
    fn a_name_with_another_suffix_is_another_name() {
        assert_eq!(sim("Нұрлан", Role::Given, "Nurlanbek").1, How::Missing);
        assert_eq!(sim("Бақыт", Role::Given, "Bakytzhan").1, How::Missing);
        assert_eq!(sim("Оспанов", Role::Surname, "Ospanbekov").1, How::Missing);
    }

    #[test]
    fn surnames_made_from_a_fathers_name() {
        assert_eq!(sim("Жұмабекқызы", Role::Surname, "Zhumabekova").1, How::Similar);
        assert_eq!(sim("Серікұлы", Role::Surname, "Serikov").1, How::Similar);
        assert_eq!(sim("Кемелұлы", Role::Patronymic, "Kemelevich").1, How::Similar);
    }

    #[test]
    fn initials_by_every_spelling_of_the_first_letter() {
        for e in ["Zh.", "J.", "Z."] {
            assert_eq!(sim("Жомарт", Role::Given, e).1, How::Initial, "{e}");
        }
        for (a, e) in [("Ерлан", "Ye."), ("Ерлан", "E."), ("Хасен", "H."), ("Хасен", "Kh.")]
        {
            assert_eq!(sim(a, Role::Given, e).1, How::Initial, "{a} / {e}");
        }
        assert_eq!(sim("Жомарт", Role::Given, "K.").1, How::Missing);
    }
}
