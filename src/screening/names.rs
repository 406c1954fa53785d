//! Names folded for comparison across Kazakh and Russian Cyrillic and Latin script.
//!
//! Every word goes to one Latin spelling: Cyrillic by the passport rules (ICAO Doc 9303, with
//! Kazakh letters as passports write them: Қ k, Ә a, Ө o, Ұ Ү u, Ң n, Ғ g, І i), Latin letters
//! with accents and the Kazakh Latin alphabet of 2021 (Ä Ğ Q Ñ Ö Ū Ü Ş) to plain letters, and
//! then the spelling variants that passports and lists disagree on are folded away: `kh`/`h`,
//! `zh`/`j`, `y`/`i`, doubled letters (`Kassym`/`Kasym`), `ye`/`e` at the start (`Yerzhan`/`Erzhan`),
//! `aye`/`ae` (`Nazarbayev`/`Nazarbaev`). Russian feminine surname endings (-ова, -ева, -ина,
//! -ая) fold to the masculine form and are remembered, so a score can say so.
//!
//! Each word also has a *key*: its consonants, for finding candidates in an index whatever the
//! vowels; and an initial, for names written `N. Nazarbayev`.

/// One word of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// As written.
    pub original: String,
    /// Folded Latin spelling.
    pub folded: String,
    /// Consonant skeleton of `folded` (the folded word itself when it has no consonants).
    pub key: String,
    /// Written as an initial (`N.`).
    pub initial: bool,
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
        'у' | 'ұ' | 'ү' => "u",
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
        // Latin with accents, Kazakh Latin (2021), Turkish and Central European letters.
        'ä' | 'á' | 'à' | 'â' | 'ā' | 'ã' | 'å' => "a",
        'ğ' => "g",
        'q' => "k",
        'ñ' | 'ń' | 'ň' => "n",
        'ö' | 'ó' | 'ò' | 'ô' | 'ō' | 'õ' | 'ø' => "o",
        'ū' | 'ü' | 'ú' | 'ù' | 'û' | 'ŭ' => "u",
        'ş' | 'š' | 'ș' | 'ś' => "sh",
        'ç' | 'č' | 'ć' => "ch",
        'ž' | 'ź' | 'ż' => "zh",
        'ı' | 'í' | 'ì' | 'î' | 'ï' | 'ī' => "i",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => "e",
        'ý' | 'ÿ' => "y",
        'ț' => "ts",
        'ř' => "r",
        'ď' => "d",
        'ť' => "t",
        'ľ' | 'ł' => "l",
        'w' => "v",
        'x' => "ks",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
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

/// Folds one word (already split off, any case) to its comparison spelling, and says whether a
/// feminine surname ending was folded away.
pub fn fold(word: &str) -> (String, bool) {
    let mut s = String::with_capacity(word.len() + 4);
    for c in word.chars().flat_map(char::to_lowercase) {
        match latin(c) {
            Some(l) => s.push_str(l),
            None if c.is_ascii_alphabetic() => s.push(c),
            None => {}
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
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'i' && i > 0 && is_vowel(chars[i - 1]) && chars.get(i + 1) == Some(&'e') {
            continue;
        }
        // Doubled letters are written single in other spellings.
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    // A final `h` after a vowel is often left out (Abdullah, Abdulla).
    if out.len() > 3 && out.ends_with('h') && out[..out.len() - 1].ends_with(is_vowel) {
        out.pop();
    }
    let feminine = fold_feminine(&mut out);
    (out, feminine)
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

/// The consonant skeleton of a folded word.
pub fn consonants(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars().filter(|c| !is_vowel(*c)) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    if out.is_empty() { folded.to_string() } else { out }
}

/// Splits a name into words: spaces, commas, hyphens and dots separate words; apostrophes are
/// dropped; a word of one or two letters written with a dot, or of one letter, is an initial.
pub fn words(name: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, dotted: bool, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let original = std::mem::take(current);
        let letters = original.chars().count();
        let (folded, feminine) = fold(&original);
        if folded.is_empty() {
            return;
        }
        let initial = letters == 1 || (dotted && letters <= 2);
        let (folded, feminine) = if initial {
            (folded.chars().next().map(String::from).unwrap_or_default(), false)
        } else {
            (folded, feminine)
        };
        let key = if initial { folded.clone() } else { consonants(&folded) };
        out.push(Word { original, folded, key, initial, feminine });
    };
    for c in name.chars() {
        if c.is_alphabetic() {
            current.push(c);
        } else if matches!(c, '\'' | '’' | '`' | 'ʼ' | 'ʻ') {
            continue;
        } else {
            flush(&mut current, c == '.', &mut out);
        }
    }
    flush(&mut current, false, &mut out);
    out
}

/// Index keys of a name: one per pair of its words (consonant keys, or `#` and the letter for an
/// initial), sorted within the pair so word order does not matter. A list entry is found by an
/// applicant when they share a pair: two name words alike.
pub fn entry_keys(words: &[Word]) -> Vec<String> {
    let part = |w: &Word| if w.initial { format!("#{}", w.folded) } else { w.key.clone() };
    let words = &words[..words.len().min(6)];
    let mut keys = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if a.initial && b.initial {
                continue;
            }
            keys.push(pair(&part(a), &part(b)));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys to look up for an applicant: every pair of their words, each word also as its
/// initial, so `N. Nazarbayev` in a list is found for Нурсултан Назарбаев.
pub fn lookup_keys(words: &[Word]) -> Vec<String> {
    let words = &words[..words.len().min(6)];
    let mut keys = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let (ia, ib) = (initial_of(a), initial_of(b));
            keys.push(pair(&a.key, &b.key));
            keys.push(pair(&ia, &b.key));
            keys.push(pair(&a.key, &ib));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

fn initial_of(w: &Word) -> String {
    format!("#{}", w.folded.chars().next().unwrap_or('?'))
}

fn pair(a: &str, b: &str) -> String {
    if a <= b { format!("{a} {b}") } else { format!("{b} {a}") }
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
        ] {
            assert_eq!(f(a), f(b), "{a} / {b}");
        }
        assert_ne!(f("Ахметов"), f("Ахматов"));
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
        assert_eq!(words("О'Брайен").len(), 1);
        assert!(words("  , -- ").is_empty());
    }

    #[test]
    fn pair_keys_find_names_in_any_order_and_by_initial() {
        let entry = entry_keys(&words("N. Nazarbayev"));
        let applicant = lookup_keys(&words("Назарбаев Нурсултан Абишевич"));
        assert!(entry.iter().any(|k| applicant.contains(k)));
        let entry = entry_keys(&words("Tokayev Kassym-Jomart"));
        let applicant = lookup_keys(&words("Қасым-Жомарт Тоқаев"));
        assert!(entry.iter().any(|k| applicant.contains(k)));
    }

    #[test]
    fn jaro_winkler_is_sane() {
        assert!((jaro_winkler("martha", "marhta") - 0.961).abs() < 0.01);
        assert_eq!(jaro_winkler("abc", "abc"), 1.0);
        assert_eq!(jaro_winkler("abc", "xyz"), 0.0);
    }
}
