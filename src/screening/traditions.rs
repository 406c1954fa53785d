//! Other traditions' readings of a Latin word, before folding: German, Polish, French, GOST 7.79
//! and ISO 9, Turkish and Azeri as Russian writes them. Each is a guess at how the list's
//! source wrote the name; a match by any of them counts.

use super::fold::is_vowel;

/// The other traditions' readings of a Latin word (lowercase), before folding.
pub fn traditions(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ends = |s: String, from: &str, to: &str| match s.strip_suffix(from) {
        Some(stem) => format!("{stem}{to}"),
        None => s,
    };
    // German.
    {
        let s = w.replace("tsch", "\u{1}").replace("sch", "\u{2}").replace("ch", "kh").replace('z', "ts");
        let s = s.replace('j', "y").replace("ss", "s").replace('\u{1}', "ch").replace('\u{2}', "sh");
        out.push(ends(ends(s, "ow", "ov"), "ew", "ev"));
    }
    // Polish.
    {
        let s = w.replace("szcz", "\u{3}").replace("sz", "\u{2}").replace("cz", "\u{1}").replace("rz", "zh");
        let s = s.replace("ch", "kh").replace('c', "ts").replace('j', "y");
        let s = s.replace('\u{1}', "ch").replace('\u{2}', "sh").replace('\u{3}', "shch");
        // ie and io after a consonant are е and ё (Siemionow, Fiodor).
        let s = soft_vowels(&s);
        out.push(ends(ends(s, "ow", "ov"), "ew", "ev"));
    }
    // French.
    {
        let s = w.replace("tch", "\u{1}").replace("dj", "\u{4}").replace("ch", "sh").replace('j', "zh");
        let s = soft_vowels(&s.replace('\u{1}', "ch").replace('\u{4}', "dzh"));
        out.push(ends(ends(s, "off", "ov"), "eff", "ev"));
    }
    // GOST 7.79 and ISO 9.
    {
        let s = w.replace("shh", "shch").replace("cz", "ts").replace("ch", "\u{1}").replace('c', "ts");
        out.push(s.replace('\u{1}', "ch").replace('x', "kh").replace('j', "i"));
    }
    // Turkish and Azeri as Russian writes them: c дж, x х, q and h г (Quliyev Гулиев, Heydər
    // Гейдар), ü ю and ö ё (Gülsüm Гюльсюм).
    {
        let s = w.replace("ch", "\u{1}").replace('c', "dzh").replace('\u{1}', "ch").replace('x', "kh");
        let s = s.replace('q', "g").replace("kh", "\u{1}").replace("sh", "\u{2}").replace("ch", "\u{3}");
        let s = s.replace("zh", "\u{4}").replace('h', "g");
        let s = s.replace('\u{1}', "kh").replace('\u{2}', "sh").replace('\u{3}', "ch").replace('\u{4}', "zh");
        out.push(s.replace('ü', "iu").replace('ö', "e"));
    }
    out
}

/// `ie` and `io` after a consonant read as `e` (Polish and French write е and ё so).
fn soft_vowels(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let soft = c == 'i'
            && i > 0
            && chars[i - 1].is_ascii_alphabetic()
            && !is_vowel(chars[i - 1])
            && matches!(chars.get(i + 1), Some('e' | 'o'));
        if soft {
            continue;
        }
        if i > 1 && c == 'o' && chars[i - 1] == 'i' && !is_vowel(chars[i - 2]) {
            out.push('e');
            continue;
        }
        out.push(c);
    }
    out
}
