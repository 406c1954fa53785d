//! What the index and the looser comparison see of a folded word: its stem without surname and
//! patronymic endings, its letters in classes that traditions write differently, its key, and
//! the classes of the first letters it may be written with.

use super::fold::{Reading, is_vowel, normalise};

/// Surname and patronymic endings (folded spelling), longest first: a surname made from a
/// father's name (-ұлы, -қызы, -oğlu) and the Russian -ов form of it share the stem.
const ENDINGS: [&str; 16] = [
    "ovich", "evich", "ovna", "evna", "ichna", "kizi", "kiz", "ogli", "oglu", "uli", "ich", "ov", "ev", "of",
    "ef", "in",
];

/// The stem of a surname or patronymic without its ending (the word itself when it has none or
/// the stem would be under three letters).
pub fn stem(folded: &str) -> &str {
    ENDINGS
        .iter()
        .find_map(|end| folded.strip_suffix(end))
        .filter(|s| s.chars().count() >= 3)
        .unwrap_or(folded)
}

/// Whether the word ends as a surname made from a father's name does.
pub fn has_patronymic_ending(folded: &str) -> bool {
    ["kizi", "kiz", "ogli", "oglu", "uli"].iter().any(|e| folded.len() > e.len() + 2 && folded.ends_with(e))
}

/// A folded word with the consonants traditions write differently in one class: `S` for the
/// sibilants (`s z j c`, `sh ch`, and `ts dj` as one sound), `G` for `g h`, `V` for `v f`;
/// other letters, vowels included, as they are.
pub fn letter_classes(folded: &str) -> Vec<char> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let class = match c {
            // The t of ts and the d of dzh belong to the sibilant.
            't' | 'd' if matches!(next, Some('s' | 'c' | 'j' | 'z')) => None,
            's' | 'z' | 'j' | 'c' => {
                if next == Some('h') {
                    i += 1;
                }
                Some('S')
            }
            'g' | 'h' => Some('G'),
            'v' | 'f' => Some('V'),
            other => Some(other),
        };
        out.extend(class);
        i += 1;
    }
    out
}

/// The index key of a folded word: the consonant skeleton of its stem in letter classes
/// ([`letter_classes`], with `k` in the class of `g h`).
pub fn key(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in letter_classes(stem(folded)) {
        let k = match c {
            _ if is_vowel(c) => continue,
            'S' => 's',
            'G' | 'k' => 'k',
            'V' => 'v',
            other => other,
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    if out.is_empty() { folded.to_string() } else { out }
}

/// The classes of the first letter a word may be written with in any tradition, for matching
/// initials: Ж is Zh, J and Z; Е is E and Ye; Х is Kh and H; Ю is Yu, Iu and Ju.
pub fn initials(original: &str, readings: &[Reading]) -> Vec<char> {
    let first = normalise(original).chars().find(|c| c.is_alphabetic()).map(|c| c.to_lowercase().collect());
    let first: String = first.unwrap_or_default();
    let mut out: Vec<char> = match first.as_str() {
        "ж" => vec!['s', 'j'],
        "е" | "ё" | "э" => vec!['e', 'i', 'j'],
        "ю" | "я" | "й" => vec!['i', 'j'],
        "х" | "һ" => vec!['k'],
        "ц" | "ч" | "ш" | "щ" | "з" | "с" => vec!['s'],
        _ => Vec::new(),
    };
    for r in readings {
        if let Some(c) = r.folded.chars().next() {
            out.push(initial_class(c));
        }
    }
    if let Some(c) = first.chars().next().filter(char::is_ascii_alphabetic) {
        out.push(initial_class(c));
    }
    out.sort();
    out.dedup();
    out
}

/// The class of a first letter (`k g h q` alike, `s z j c` alike, `v w f` alike, `y` is `i`).
pub fn initial_class(c: char) -> char {
    match c {
        'k' | 'g' | 'h' | 'q' => 'k',
        's' | 'z' | 'c' => 's',
        'v' | 'w' | 'f' => 'v',
        'y' => 'i',
        other => other,
    }
}
