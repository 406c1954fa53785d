//! Names split into words, each folded for comparison ([`super::fold`]) in every reading, mapped
//! through the name families ([`super::families`]), with index keys and the initials it may be
//! written with.
//!
//! A name's index keys are pairs of its words' keys, so a list entry is found by an applicant
//! sharing two name words whatever the order; a list entry of one word (a mononym, or a surname
//! alone) has that word's key alone. Words written together or apart (Kassymjomart,
//! Kassym-Jomart) have keys both ways.

pub use super::fold::fold;
pub use super::keys::{entry_keys, entry_keys_ranked, lookup_keys};
use super::{
    families,
    fold::{self, Reading},
};

/// Letters of a word compared at most.
pub const MAX_WORD: usize = 40;

/// One word of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// As written.
    pub original: String,
    /// Folded Latin spelling (the primary reading).
    pub folded: String,
    /// Every reading, the primary first.
    pub readings: Vec<Reading>,
    /// Index key of the primary reading.
    pub key: String,
    /// Index keys of every reading.
    pub keys: Vec<String>,
    /// Written as an initial (`N.`).
    pub initial: bool,
    /// Classes of the first letters it may be written with ([`fold::initials`]).
    pub initials: Vec<char>,
    /// Had a feminine surname ending that was folded away.
    pub feminine: bool,
    /// A reading was mapped to its name family.
    pub family: bool,
    /// Joined to the word before by a hyphen (Kassym-Jomart, Иванова-Ахметова).
    pub hyphenated: bool,
    /// The primary reading before the name families, for words written together.
    pub unmapped: String,
}

/// The word of one written form.
pub fn word(original: &str, dotted: bool, hyphenated: bool) -> Option<Word> {
    let letters = original.chars().count();
    // No name word is longer; a longer one is compared by its start.
    let cut: String = original.chars().take(MAX_WORD).collect();
    let mut readings = fold::readings(&cut);
    readings.retain(|r| !r.folded.is_empty());
    if readings.is_empty() {
        return None;
    }
    let initial = dotted && letters <= 2;
    let initials = fold::initials(original, &readings);
    let unmapped = readings[0].folded.clone();
    let mut family = false;
    if !initial {
        for r in &mut readings {
            family |= map_family(r);
        }
        let mut seen = Vec::new();
        readings.retain(|r| {
            let new = !seen.contains(r);
            seen.push(r.clone());
            new
        });
    }
    let first = &readings[0];
    let (folded, feminine) = if initial {
        (first.folded.chars().next().map(String::from).unwrap_or_default(), false)
    } else {
        (first.folded.clone(), first.feminine)
    };
    let (key, keys) = if initial {
        let keys: Vec<String> = initials.iter().map(|c| format!("#{c}")).collect();
        (keys[0].clone(), keys)
    } else {
        let unmapped_key = fold::key(&unmapped);
        let mut keys: Vec<String> =
            readings.iter().map(|r| fold::key(&r.folded)).chain([unmapped_key]).collect();
        keys.dedup();
        keys.sort();
        keys.dedup();
        (fold::key(&folded), keys)
    };
    Some(Word {
        original: original.to_string(),
        folded,
        readings,
        key,
        keys,
        initial,
        initials,
        feminine,
        family,
        hyphenated,
        unmapped,
    })
}

/// Maps a reading to its name family: the word itself (Magomed), or the stem of a surname made
/// from it (Magomedov, Huseynova). Says whether it changed.
fn map_family(r: &mut Reading) -> bool {
    if let Some(canon) = families::canonical(&r.plain) {
        let changed = canon != r.plain;
        r.folded = canon.to_string();
        r.plain = canon.to_string();
        r.feminine = false;
        return changed;
    }
    if let Some(canon) = families::canonical(&r.folded) {
        let changed = canon != r.folded;
        r.folded = canon.to_string();
        return changed;
    }
    let stem = fold::stem(&r.folded);
    if stem.len() < r.folded.len()
        && let Some(canon) = families::canonical(stem)
        && canon != stem
    {
        let ending = r.folded[stem.len()..].to_string();
        let plain_ending = r.plain.strip_prefix(stem).map(str::to_string);
        r.folded = format!("{canon}{ending}");
        if let Some(e) = plain_ending {
            r.plain = format!("{canon}{e}");
        }
        return true;
    }
    false
}

/// A word that marks the one before as a patronymic (Heydər oğlu, Серік ұлы).
fn patronymic_marker(w: &Word) -> bool {
    matches!(w.unmapped.as_str(), "ogli" | "oglu" | "kizi" | "uli")
}

/// Splits a name into words: spaces, commas, hyphens, dots and other marks separate words;
/// apostrophes stay inside a word (Kazakh Latin 2017 letters) and invisible characters are
/// dropped; a word of one or two letters written with a dot, or of one letter, is an initial.
pub fn words(name: &str) -> Vec<Word> {
    words_as(name, true)
}

/// [`words`], where an undotted single letter is an initial only with `single_letters`: an
/// applicant's name field holds whole words (Ю, О are Korean surnames).
pub fn words_as(name: &str, single_letters: bool) -> Vec<Word> {
    let name = fold::normalise(name);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut hyphen_before = false;
    let flush = |current: &mut String, dotted: bool, hyphenated: bool, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let original = std::mem::take(current);
        let dotted = dotted || (single_letters && original.chars().count() == 1);
        if let Some(w) = word(&original, dotted, hyphenated) {
            out.push(w);
        }
    };
    for c in name.chars() {
        if c.is_alphabetic() || (matches!(c, '\'' | '’' | '`' | 'ʼ' | 'ʻ') && !current.is_empty()) {
            current.push(c);
        } else if matches!(c, '\'' | '’' | '`' | 'ʼ' | 'ʻ') {
            continue;
        } else {
            let was_word = !current.is_empty();
            flush(&mut current, c == '.', hyphen_before, &mut out);
            if was_word || c != '-' {
                hyphen_before = c == '-' && was_word;
            }
        }
    }
    flush(&mut current, false, hyphen_before, &mut out);
    join_parts(out)
}

/// Joins what lists write as several words of one name: a patronymic with its marker (Heydər
/// oğlu, Гейдар оглы) and an Arabic name with its article (Abd al-Karim, Абд аль-Азиз).
fn join_parts(words: Vec<Word>) -> Vec<Word> {
    let mut merged: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        let n = merged.len();
        let take = match merged.last() {
            Some(prev) if !prev.initial && patronymic_marker(&w) => 1,
            _ if n >= 2 && !w.initial && is_article(&merged[n - 1]) && is_abd(&merged[n - 2]) => 2,
            _ => 0,
        };
        if take == 0 {
            merged.push(w);
            continue;
        }
        let parts: Vec<Word> = merged.split_off(n - take);
        let joined: String = parts.iter().map(|p| p.original.as_str()).chain([w.original.as_str()]).collect();
        let original = parts
            .iter()
            .map(|p| p.original.as_str())
            .chain([w.original.as_str()])
            .collect::<Vec<_>>()
            .join(" ");
        match word(&joined, false, parts[0].hyphenated) {
            Some(mut j) => {
                j.original = original;
                merged.push(j);
            }
            None => {
                merged.extend(parts);
                merged.push(w);
            }
        }
    }
    merged
}

/// `Abd` (servant of), which an Arabic name begins with before the article.
fn is_abd(w: &Word) -> bool {
    matches!(w.unmapped.as_str(), "abd" | "abdu" | "abdi")
}

/// The Arabic article as lists write it (al-, el-, ul-, and assimilated ar-, as-, ad-...).
fn is_article(w: &Word) -> bool {
    matches!(w.unmapped.as_str(), "al" | "el" | "ul" | "ar" | "as" | "ash" | "ad" | "at" | "an" | "az" | "ur")
}

/// Jaro-Winkler similarity of two short strings, 0 to 1.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_hit = vec![false; a.len()];
    let mut b_hit = vec![false; b.len()];
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_hit[j] && b[j] == *ca {
                a_hit[i] = true;
                b_hit[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let a_m = a.iter().zip(&a_hit).filter(|(_, h)| **h).map(|(c, _)| c);
    let b_m = b.iter().zip(&b_hit).filter(|(_, h)| **h).map(|(c, _)| c);
    let transpositions = a_m.zip(b_m).filter(|(x, y)| x != y).count() / 2;
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold(s).0
    }

    #[test]
    fn cyrillic_and_latin_spellings_fold_together() {
        for (a, b) in [
            ("Тоқаев", "Tokayev"),
            ("Тоқаев", "Toqaev"),
            ("Ахметов", "Akhmetov"),
            ("Ахметов", "Ahmetov"),
            ("Назарбаев", "Nazarbayev"),
            ("Ержан", "Yerzhan"),
            ("Ержан", "Erzhan"),
            ("Ержан", "Erjan"),
            ("Қасым", "Kassym"),
            ("Қасым", "Qasym"),
            ("Жомарт", "Zhomart"),
            ("Нұрсұлтан", "Nursultan"),
            ("Әлихан", "Älihan"),
            ("Мария", "Mariya"),
            ("Юрий", "Yuriy"),
            ("Нурлан", "Nourlan"),
            ("Щукин", "Shchukin"),
            ("Семёнова", "Semyonova"),
            // Unicode: decomposed accents, a Latin o inside Cyrillic, fullwidth letters.
            ("Тоқаев", "To\u{0306}kaev"),
            ("Тоқаев", "Тoқаев"),
            ("Tokayev", "Ｔｏｋａｙｅｖ"),
            ("Тоқаев", "To\u{AD}kayev"),
            // Kazakh Latin 2017 and 2018.
            ("Шәріпов", "S'a'ripov"),
            ("Сәуле", "Sa'y'le"),
            ("Ғалым", "Ǵalym"),
            // Letters outside the table fold to their base letter; other Cyrillic alphabets.
            ("Strauss", "Strauß"),
            ("Dordevich", "Đorđević"),
            ("Хасанов", "Ҳасанов"),
        ] {
            assert_eq!(f(a), f(b), "{a} / {b}");
        }
        assert_ne!(f("Ахметов"), f("Ахматов"));
        // Other traditions are readings of a Latin word, beside its primary spelling.
        let reads =
            |w: &str| super::super::fold::readings(w).into_iter().map(|r| r.folded).collect::<Vec<_>>();
        for (latin, cyrillic) in [
            ("Schurawljow", "Журавлёв"),
            ("Tschernyschow", "Чернышов"),
            ("Kowalczuk", "Ковальчук"),
            ("Siemionow", "Семёнов"),
            ("Tchernychev", "Чернышев"),
            ("Quliyev", "Гулиев"),
            ("Xəlilov", "Халилов"),
            ("Mayorov", "Майоров"),
        ] {
            // Alike once the sibilants are one class (German sch is both ш and ж).
            let loose = crate::screening::similar::loose;
            let found = reads(latin).iter().any(|r| loose(r) == loose(&f(cyrillic)));
            assert!(found, "{latin}: {:?} / {}", reads(latin), f(cyrillic));
        }
    }

    #[test]
    fn feminine_endings_fold_and_are_noted() {
        assert_eq!(fold("Ахметова"), ("ahmetov".to_string(), true));
        assert_eq!(fold("Akhmetova"), ("ahmetov".to_string(), true));
        assert_eq!(fold("Ахметов"), ("ahmetov".to_string(), false));
        assert_eq!(f("Вишневская"), f("Vishnevskaya"));
        assert_eq!(f("Вишневская"), f("Вишневский"));
    }

    #[test]
    fn words_split_hyphens_and_mark_initials() {
        let w = words("Kassym-Jomart K. TOKAYEV");
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["kasim", "jomart", "k", "tokaev"]);
        assert!(w[2].initial && !w[0].initial);
        assert!(w[1].hyphenated && !w[0].hyphenated && !w[3].hyphenated);
        assert_eq!(words("О'Брайен").len(), 1);
        assert!(words("  , -- ").is_empty());
        // An applicant's one-letter surname is a word, not an initial.
        assert!(!words_as("Ю", false)[0].initial);
        assert!(words("Ю")[0].initial);
    }

    #[test]
    fn patronymic_markers_and_arabic_articles_join_their_word() {
        let w = words("Əliyev İlham Heydər oğlu");
        assert_eq!(w.len(), 3);
        assert_eq!(w[2].original, "Heydər oğlu");
        let w = words("ZARIPOV, Abd al-Karim");
        assert_eq!(w.len(), 2);
        assert!(w[1].family, "{:?}", w[1]);
        assert_eq!(w[1].folded, words("Әбдікәрім")[0].folded);
    }

    #[test]
    fn families_map_every_spelling_to_one() {
        for (a, b) in
            [("Мұхаммед", "Magomed"), ("Цой", "Choi"), ("Пак", "Park"), ("Ли", "Lee"), ("Шыңғыс", "Chingiz")]
        {
            assert_eq!(words(a)[0].folded, words(b)[0].folded, "{a} / {b}");
        }
        // A surname made from a family's name maps with it.
        assert_eq!(words("Magomedova")[0].folded, words("Мұхамедова")[0].folded);
        let (_, clashes) = super::super::families::build(super::super::families::TABLE);
        assert!(clashes.is_empty(), "spellings in two families: {clashes:?}");
    }

    #[test]
    fn pair_keys_find_names_in_any_order_by_initial_joined_and_alone() {
        let found = |entry: &str, applicant: &str| {
            let e = entry_keys(&words(entry));
            let a = lookup_keys(&words_as(applicant, false));
            e.iter().any(|k| a.contains(k))
        };
        assert!(found("N. Nazarbayev", "Назарбаев Нурсултан Абишевич"));
        assert!(found("Tokayev Kassym-Jomart", "Қасым-Жомарт Тоқаев"));
        assert!(found("Kassymjomart Tokayev", "Тоқаев Қасым-Жомарт"));
        assert!(found("Tokayev Kassym Jomart", "Тоқаев Қасымжомарт"));
        assert!(found("Schukow Pawel", "Жуков Павел"));
        assert!(found("Zhumabekova Aigul", "Жұмабекқызы Айгүл"));
        assert!(found("Z. Tokayev", "Тоқаев Жомарт"));
        assert!(found("NAZARBAYEV", "Назарбаев Нурсултан"));
        assert!(!found("Nurlanbek Ospanbekov", "Оспанов Нұрлан"));
    }

    #[test]
    fn jaro_winkler_is_sane() {
        assert!((jaro_winkler("martha", "marhta") - 0.961).abs() < 0.01);
        assert_eq!(jaro_winkler("abc", "abc"), 1.0);
        assert_eq!(jaro_winkler("abc", "xyz"), 0.0);
    }
}
