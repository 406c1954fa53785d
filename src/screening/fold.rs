//! Spellings of one word folded to comparison forms.
//!
//! A word is first cleaned: Unicode NFKC (decomposed accents composed, fullwidth and other
//! compatibility letters made plain), invisible format characters dropped, and Latin look-alike
//! letters inside a Cyrillic word read as the Cyrillic letters they imitate (a Latin `o` in
//! `Тоқаев`). Kazakh Latin of 2017 marks letters with an apostrophe (`S'a'ripov`): `s'` and `c'`
//! are `sh` and `ch`, and the apostrophe after any other letter is dropped.
//!
//! Then every word goes to one Latin spelling, its *primary reading*: Cyrillic by the passport
//! rules (ICAO Doc 9303, with Kazakh letters as passports write them: Қ k, Ә a, Ө o, Ұ Ү u, Ң n,
//! Ғ g, І i), Latin letters with accents and the Kazakh Latin alphabets (2018: Á Ǵ Ń Ó Ú Ý Ś Ć;
//! 2021: Ä Ğ Q Ñ Ö Ū Ü Ş) to plain letters, and the spelling variants that passports and lists
//! disagree on folded away: `kh`/`h`, `zh`/`j`, `y`/`i`, doubled letters (`Kassym`/`Kasym`),
//! `ye`/`e` at the start (`Yerzhan`/`Erzhan`), `aye`/`ae` (`Nazarbayev`/`Nazarbaev`). Russian
//! feminine surname endings (-ова, -ева, -ина, -ая) fold to the masculine form and are
//! remembered, so a score can say so, and so that a given name keeps its sex
//! ([`Reading::plain`]).
//!
//! A Latin word may have been written by another tradition's rules, so it also has *other
//! readings*: German (`sch` ш, `tsch` ч, `ch` х, `z` ц, `j` й, `w` в, `-ow`), Polish (`sz`, `cz`,
//! `szcz`, `rz`, `ch` х, `c` ц, `j` й), French (`ch` ш, `tch` ч, `ou` у, `j` ж, `dj` дж, `-off`),
//! GOST and ISO 9 (`x` х, `c` ц, `shh` щ, `j` й), Turkish and Azeri (`c` дж, `x` х). Each
//! reading is folded the same way; a match by any reading counts.

use unicode_normalization::UnicodeNormalization;

pub use super::classes::{has_patronymic_ending, initial_class, initials, key, letter_classes, stem};
use super::traditions::traditions;

/// One reading of a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Folded spelling, feminine surname ending folded to the masculine.
    pub folded: String,
    /// Folded spelling with the ending as written (for given names, whose sex is in the ending).
    pub plain: String,
    /// Had a feminine surname ending that was folded away.
    pub feminine: bool,
}

/// The Latin spelling of a lowercase Cyrillic or accented Latin letter, or `None` to keep it.
fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "iu",
        'я' => "ia",
        // Latin with accents, Kazakh Latin (2018, 2021), Turkish, Azeri and Central European.
        'ä' | 'á' | 'à' | 'â' | 'ā' | 'ã' | 'å' | 'ə' | 'ą' | 'ă' => "a",
        'ğ' | 'ǵ' => "g",
        'q' => "k",
        'ñ' | 'ń' | 'ň' => "n",
        'ö' | 'ó' | 'ò' | 'ô' | 'ō' | 'õ' | 'ø' | 'ŏ' => "o",
        // Kazakh Latin of 2018 writes у as Ý.
        'ū' | 'ü' | 'ú' | 'ù' | 'û' | 'ŭ' | 'ý' | 'ů' => "u",
        'ş' | 'š' | 'ș' | 'ś' | 'ŝ' => "sh",
        'ç' | 'č' | 'ć' => "ch",
        'ž' | 'ź' | 'ż' => "zh",
        'ı' | 'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ĭ' => "i",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' | 'ę' | 'ĕ' => "e",
        'ÿ' => "y",
        'ț' | 'ţ' => "ts",
        'ß' => "ss",
        'đ' | 'ð' => "d",
        'æ' => "ae",
        'œ' => "oe",
        'ő' => "o",
        'ű' | 'ų' => "u",
        'ė' => "e",
        // Ukrainian, Belarusian, Serbian, Tajik and Uzbek Cyrillic.
        'є' => "ie",
        'ї' => "i",
        'ґ' => "g",
        'ј' | 'ӣ' => "i",
        'љ' => "l",
        'њ' => "n",
        'џ' | 'ҷ' => "dzh",
        'ӯ' => "u",
        'ҳ' => "kh",
        'ҡ' => "k",
        'ř' => "r",
        'ď' => "d",
        'ť' => "t",
        'ľ' | 'ł' => "l",
        'w' => "v",
        'x' => "ks",
        _ => return None,
    })
}

pub fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Spelling rules applied to the Latin form, longest first.
const DIGRAPHS: [(&str, &str); 10] = [
    ("shch", "sh"),
    ("dzh", "j"),
    ("tch", "ch"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ou", "u"),
    // Ё written as in BGN/PCGN (Semyonov, Artyom) rather than as passports do (Semenov).
    ("yo", "e"),
    ("y", "i"),
];

/// Latin letters that look like Cyrillic ones, as they are mistyped inside Cyrillic words.
fn cyrillic_look_alike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'k' => 'к',
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'I' => 'І',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4FF}').contains(&c)
}

/// Invisible characters that may sit inside a word (soft hyphen, joiners, marks left over).
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{34F}')
        || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Unicode-normalised text (NFKC) without invisible characters; control characters are
/// dropped (tabs and line breaks become spaces), so `Ахме\u{1}тов` is one word.
pub fn normalise(s: &str) -> String {
    s.nfkc()
        .filter(|c| !is_invisible(*c))
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A word as letters only: look-alikes inside Cyrillic read as Cyrillic, Kazakh Latin 2017
/// apostrophes applied, lowercase.
fn clean(word: &str, kazakh_2017: bool) -> (String, bool) {
    let cyrillic = word.chars().any(is_cyrillic);
    let mut out = String::with_capacity(word.len() + 2);
    let mut prev: Option<char> = None;
    for c in word.chars() {
        if matches!(c, '\'' | '’' | '`' | 'ʼ' | 'ʻ' | '´' | 'ʹ') {
            // Kazakh Latin 2017: s' ш, c' ч, y' у; other letters lose the mark.
            if !cyrillic && matches!(prev, Some('s' | 'c')) {
                out.push('h');
            } else if !cyrillic && kazakh_2017 && prev == Some('y') {
                out.pop();
                out.push('u');
            }
            continue;
        }
        let c = if cyrillic { cyrillic_look_alike(c).unwrap_or(c) } else { c };
        for l in c.to_lowercase() {
            out.push(l);
            prev = Some(l);
        }
    }
    (out, cyrillic)
}

/// `yo` after a vowel written `io`, which the digraph rules leave alone.
fn yo_after_vowels(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_vowel = i > 0 && is_vowel(chars[i - 1]);
        out.push(if c == 'y' && after_vowel && chars.get(i + 1) == Some(&'o') { 'i' } else { c });
    }
    out
}

/// Folds a cleaned lowercase word.
fn fold_clean(word: &str) -> Reading {
    let mut s = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match latin(c) {
            Some(l) => s.push_str(l),
            None if c.is_ascii_alphabetic() => s.push(c),
            // Another accented Latin letter: its base letter.
            None => s.extend(std::iter::once(c).nfd().filter(char::is_ascii_alphabetic).take(1)),
        }
    }
    for (from, to) in DIGRAPHS {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // `ie` at the start is how Е is often written (Yerzhan, Yelena).
    if s.len() > 3 && s.starts_with("ie") {
        s.remove(0);
    }
    // An `i` between a vowel and `e` is the `y` of `-ayev`, `-oyev`.
    let chars: Vec<char> = s.chars().collect();
    // The k of a stem before -қызы stays its own (Жұмабек-қызы, not Жұмабе-кызы).
    let kept_k = ["kkizi", "kkiz"].iter().find(|e| s.ends_with(*e)).map(|e| chars.len() - e.len() + 1);
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'i' && i > 0 && is_vowel(chars[i - 1]) && chars.get(i + 1) == Some(&'e') {
            continue;
        }
        // Doubled letters are written single in other spellings.
        if out.ends_with(c) && Some(i) != kept_k {
            continue;
        }
        out.push(c);
    }
    // A final `h` after a vowel is often left out (Abdullah, Abdulla).
    if out.len() > 3 && out.ends_with('h') && out[..out.len() - 1].ends_with(is_vowel) {
        out.pop();
    }
    let plain = out.clone();
    let feminine = fold_feminine(&mut out);
    Reading { folded: out, plain, feminine }
}

/// Every reading of one word (already split off, any case, any script), the primary first.
pub fn readings(word: &str) -> Vec<Reading> {
    let normalised = normalise(word);
    let (cleaned, cyrillic) = clean(&normalised, true);
    let mut out = vec![fold_clean(&cleaned)];
    if !cyrillic {
        // GOST 7.79 writes ы as y', which Kazakh Latin of 2017 reads as у.
        let gost = clean(&normalised, false).0;
        // After a vowel, yo may be a й and an o (Mayorov, Майоров) as well as a ё (Bakhtiyor).
        let yo = yo_after_vowels(&cleaned);
        let others = traditions(&cleaned)
            .into_iter()
            .chain((gost != cleaned).then_some(gost))
            .chain((yo != cleaned).then_some(yo));
        for other in others {
            let r = fold_clean(&other);
            if !r.folded.is_empty() && !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Folds one word to its primary comparison spelling, and says whether a feminine surname
/// ending was folded away.
pub fn fold(word: &str) -> (String, bool) {
    let (cleaned, _) = clean(&normalise(word), true);
    let r = fold_clean(&cleaned);
    (r.folded, r.feminine)
}

/// Russian feminine surname endings and their masculine forms (folded spelling).
const FEMININE: [(&str, &str); 5] =
    [("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("skaia", "ski"), ("skaa", "ski")];

fn fold_feminine(s: &mut String) -> bool {
    if s.len() < 5 {
        return false;
    }
    for (fem, masc) in FEMININE {
        if s.ends_with(fem) {
            let cut = s.len() - fem.len();
            s.truncate(cut);
            s.push_str(masc);
            return true;
        }
    }
    // The masculine -ский folds to the same stem.
    if s.ends_with("skii") || s.ends_with("skiy") {
        s.truncate(s.len() - 1);
    }
    false
}
