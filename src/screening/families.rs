//! Families of one name written by different traditions (Мұхаммед, Muhammad, Magomed; Цой,
//! Tsoy, Choi), which transliteration rules alone cannot bring together. The table is data,
//! `name-families.txt` beside this file, reviewed by compliance: one family per line, its
//! spellings in any script separated by `;`. Every reading of every spelling maps to the first
//! spelling's folded form.

use std::{collections::HashMap, sync::OnceLock};

use super::fold::readings;

/// The reviewed table.
pub const TABLE: &str = include_str!("name-families.txt");

/// A folded spelling and the family it belongs to (the first spelling's folded form).
pub fn canonical(folded: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| build(TABLE).0).get(folded).map(String::as_str)
}

/// The map of a table, and the folded spellings that two families both claim (left out).
pub fn build(table: &str) -> (HashMap<String, String>, Vec<String>) {
    let mut map: HashMap<String, String> = HashMap::new();
    let mut clashes = Vec::new();
    for line in table.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let spellings = line.split_once(':').map_or(line, |(_, rest)| rest);
        let mut family: Option<String> = None;
        for spelling in spellings.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            // A spelling of two words (Абд аль-Азиз) is compared written together.
            let joined: String = spelling.split([' ', '-']).collect();
            for r in readings(&joined) {
                let canon = family.get_or_insert_with(|| r.plain.clone()).clone();
                match map.get(&r.plain) {
                    Some(other) if *other != canon => clashes.push(r.plain.clone()),
                    _ => {
                        map.insert(r.plain.clone(), canon);
                    }
                }
            }
        }
    }
    for c in &clashes {
        map.remove(c);
    }
    (map, clashes)
}
