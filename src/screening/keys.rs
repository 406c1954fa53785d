//! Index keys of names: a list entry is found by an applicant sharing a pair of name words (in any
//! order, in any reading, an initial by its letter class, two adjacent words also written
//! together), or, for a list name of one word, that word alone.

use super::{fold, names::Word};

/// Words of a name that take part in its keys (as many as scoring compares).
const KEY_WORDS: usize = 8;
/// Keys an applicant looks up at most (the likeliest first).
pub const MAX_LOOKUP_KEYS: usize = 256;

/// A word, or two adjacent words written together, with its keys.
struct KeyWord {
    keys: Vec<String>,
    initial: bool,
    span: (usize, usize),
}

fn key_words(words: &[Word]) -> Vec<KeyWord> {
    let words = &words[..words.len().min(KEY_WORDS)];
    let mut out: Vec<KeyWord> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // The primary reading's key first.
            let mut keys = vec![w.key.clone()];
            keys.extend(w.keys.iter().filter(|k| **k != w.key).cloned());
            KeyWord { keys, initial: w.initial, span: (i, i) }
        })
        .collect();
    for (i, pair) in words.windows(2).enumerate() {
        if !pair[0].initial && !pair[1].initial {
            let mut keys = vec![
                fold::key(&format!("{}{}", pair[0].folded, pair[1].folded)),
                fold::key(&format!("{}{}", pair[0].unmapped, pair[1].unmapped)),
            ];
            keys.dedup();
            out.push(KeyWord { keys, initial: false, span: (i, i + 1) });
        }
    }
    out
}

fn pairs_of(words: &[KeyWord], mut part: impl FnMut(&KeyWord, &KeyWord, &mut Vec<String>)) -> Vec<String> {
    let mut keys = Vec::new();
    for a in words {
        for b in words {
            if b.span.0 > a.span.1 && !(a.initial && b.initial) {
                part(a, b, &mut keys);
            }
        }
    }
    keys
}

/// Index keys of a list name: one per pair of its words (in every reading, an initial as `#`
/// and its letter class), sorted within the pair so word order does not matter; a name of one
/// word has that word's keys alone. The keys of the words' primary readings come first, then
/// the others (a cap on an entry's keys keeps the likeliest).
pub fn entry_keys(words: &[Word]) -> Vec<String> {
    let (mut keys, rest) = entry_keys_ranked(words);
    keys.extend(rest);
    dedup(keys)
}

/// [`entry_keys`] in two parts: the primary readings' keys, and the others.
pub fn entry_keys_ranked(words: &[Word]) -> (Vec<String>, Vec<String>) {
    let full: Vec<&Word> = words.iter().filter(|w| !w.initial).collect();
    if full.len() == 1 && words.len() == 1 {
        let w = full[0];
        return (vec![w.key.clone()], w.keys.iter().filter(|k| **k != w.key).cloned().collect());
    }
    let kw = key_words(words);
    let primary = pairs_of(&kw, |a, b, keys| keys.push(pair(&a.keys[0], &b.keys[0])));
    let all = pairs_of(&kw, |a, b, keys| {
        for x in &a.keys {
            for y in &b.keys {
                keys.push(pair(x, y));
            }
        }
    });
    let primary = dedup(primary);
    let rest = dedup(all.into_iter().filter(|k| !primary.contains(k)).collect());
    (primary, rest)
}

/// Keys without repeats, in their order.
fn dedup(keys: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    keys.into_iter().filter(|k| seen.insert(k.clone())).collect()
}

/// The keys to look up for an applicant: every pair of their words, each word also as its
/// initials, so `N. Nazarbayev` in a list is found for Нурсултан Назарбаев; and each word
/// alone, for list entries of one word.
pub fn lookup_keys(words: &[Word]) -> Vec<String> {
    let kw = key_words(words);
    let initials = |k: &KeyWord| -> Vec<String> {
        if k.span.0 != k.span.1 {
            return Vec::new();
        }
        words[k.span.0].initials.iter().map(|c| format!("#{c}")).collect()
    };
    let mut keys = pairs_of(&kw, |a, b, keys| {
        for x in &a.keys {
            for y in &b.keys {
                keys.push(pair(x, y));
            }
            for y in initials(b) {
                keys.push(pair(x, &y));
            }
        }
        for x in initials(a) {
            for y in &b.keys {
                keys.push(pair(&x, y));
            }
        }
    });
    for w in words.iter().take(KEY_WORDS).filter(|w| !w.initial) {
        keys.extend(w.keys.iter().cloned());
    }
    let mut keys = dedup(keys);
    keys.truncate(MAX_LOOKUP_KEYS);
    keys
}

fn pair(a: &str, b: &str) -> String {
    if a <= b { format!("{a} {b}") } else { format!("{b} {a}") }
}
