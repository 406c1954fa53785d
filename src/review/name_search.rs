//! How a name search runs. The words of the query are folded name words in
//! `application_name_tokens`, the last one a prefix ([`bounds`]). Intersecting the words' whole lists costs what the commonest word
//! costs (tens of thousands of rows for "Иванов"), so the search is driven by one word:
//!
//! - when two words each match exactly one name word (whole words, as typed names mostly are:
//!   "Айгуль Сериккызы"), the applications having both are walked in queue order through the pair
//!   index `application_name_pairs (pair, received_at, application_id)`; a first name and a
//!   surname are each common, but together they are rare, so this reads about one page of rows;
//! - when one word matches exactly one name word, the rarest such word's applications are walked
//!   in queue order through `(token, received_at, application_id)`;
//! - in both walks the other words are checked per application, and the walk stops after one page;
//! - otherwise the rarest word's applications are collected, checked against the other words,
//!   and sorted.

use crate::{db::Db, with_db};

/// Words counted up to this many applications: past it, a word is simply common.
const COUNTED: i64 = 1_000;

/// What the name index holds for one query word.
#[derive(Clone, Debug, sqlx::FromRow)]
struct WordStats {
    position: i64,
    /// Applications with a name word starting with it, up to [`COUNTED`].
    applications: i64,
    first: Option<String>,
    last: Option<String>,
}

/// An index the search can walk in queue order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Walk {
    /// One name word, in `application_name_tokens`.
    Word(String),
    /// Two name words, in `application_name_pairs` ([`pair`]).
    Pair(String),
}

impl Walk {
    /// The table and the key column the walk reads.
    pub fn table(&self) -> (&'static str, &'static str) {
        match self {
            Walk::Word(_) => ("application_name_tokens", "token"),
            Walk::Pair(_) => ("application_name_pairs", "pair"),
        }
    }

    pub fn key(&self) -> &str {
        match self {
            Walk::Word(k) | Walk::Pair(k) => k,
        }
    }
}

/// The chosen way to run a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The word the search starts from when there is nothing to walk (an index into the query's
    /// words).
    pub driver: usize,
    /// What the search walks, when its words allow a walk.
    pub walk: Option<Walk>,
    /// The query words the walk already matches (not checked again).
    pub covered: Vec<usize>,
}

/// The key of two distinct name words in the pair index: the two in byte order, joined by a space
/// (no word holds a space).
pub fn pair(a: &str, b: &str) -> String {
    if a <= b { format!("{a} {b}") } else { format!("{b} {a}") }
}

/// Every pair of an application's distinct name words, for the pair index.
pub fn pairs(words: &[String]) -> Vec<String> {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.sort_unstable();
    words.dedup();
    let mut out = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            out.push(pair(a, b));
        }
    }
    out
}

/// The bounds of the `i`-th query word in the name index: `token >= lo AND token < hi`. The last
/// word typed is a prefix (the name may not be finished); the others are whole words, so
/// "Иванов Марат" does not also look through every "Ивановна" and "Маратович". (`\u{1}` sorts
/// below every letter, so `w <= token < w\u{1}` is `w` alone.)
pub fn bounds(words: &[String], i: usize) -> (String, String) {
    let w = &words[i];
    let end = if i + 1 == words.len() { '\u{10FFFF}' } else { '\u{1}' };
    (w.clone(), format!("{w}{end}"))
}

/// Looks the words up in the name index, in one round trip, and picks the driver.
pub async fn plan(db: &Db, words: &[String]) -> Result<Plan, sqlx::Error> {
    let mut parts = Vec::new();
    for i in 0..words.len() {
        let (lo, hi) = (2 * i + 1, 2 * i + 2);
        let within = format!("token >= ${lo} AND token < ${hi}");
        parts.push(format!(
            "SELECT CAST({i} AS BIGINT) AS position,
                    (SELECT COUNT(*) FROM (SELECT 1 FROM application_name_tokens
                                           WHERE {within} LIMIT {COUNTED}) c) AS applications,
                    (SELECT token FROM application_name_tokens WHERE {within} ORDER BY token LIMIT 1) AS first,
                    (SELECT token FROM application_name_tokens WHERE {within} ORDER BY token DESC LIMIT 1) AS last"
        ));
    }
    let sql = parts.join(" UNION ALL ");
    let ranges: Vec<(String, String)> = (0..words.len()).map(|i| bounds(words, i)).collect();
    let stats: Vec<WordStats> = with_db!(db, |c| {
        let mut q = sqlx::query_as::<_, WordStats>(&sql);
        for (lo, hi) in &ranges {
            q = q.bind(lo.as_str()).bind(hi.as_str());
        }
        q.fetch_all(c).await
    })?;
    Ok(choose(&stats))
}

/// A word no name has (the search finds nothing at once); else the two rarest distinct name
/// words that query words match singly, walked as a pair; else the rarest such word; else the
/// rarest word, collected and sorted.
fn choose(stats: &[WordStats]) -> Plan {
    if let Some(s) = stats.iter().find(|s| s.applications == 0) {
        return Plan { driver: s.position as usize, walk: None, covered: Vec::new() };
    }
    let mut singles: Vec<&WordStats> =
        stats.iter().filter(|s| s.first.is_some() && s.first == s.last).collect();
    singles.sort_by_key(|s| (s.applications, s.position));
    let mut tokens: Vec<&str> = Vec::new();
    for s in &singles {
        let t = s.first.as_deref().unwrap_or_default();
        if !tokens.contains(&t) && tokens.len() < 2 {
            tokens.push(t);
        }
    }
    let covered: Vec<usize> = singles
        .iter()
        .filter(|s| tokens.contains(&s.first.as_deref().unwrap_or_default()))
        .map(|s| s.position as usize)
        .collect();
    let walk = match tokens[..] {
        [a, b] => Some(Walk::Pair(pair(a, b))),
        [a] => Some(Walk::Word(a.to_string())),
        _ => None,
    };
    let driver = match singles.first() {
        Some(s) => s.position as usize,
        None => stats.iter().min_by_key(|s| s.applications).map_or(0, |s| s.position as usize),
    };
    Plan { driver, walk, covered }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(position: i64, applications: i64, first: &str, last: &str) -> WordStats {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        WordStats { position, applications, first: some(first), last: some(last) }
    }

    fn plan(driver: usize, walk: Option<Walk>, covered: &[usize]) -> Plan {
        Plan { driver, walk, covered: covered.to_vec() }
    }

    #[test]
    fn two_whole_words_walk_their_pair_and_prefixes_fall_back_to_the_rarest_word() {
        // "ivanov sergei": both whole words, walked as their pair.
        let p = choose(&[stats(0, 1000, "ivanov", "ivanov"), stats(1, 900, "sergei", "sergei")]);
        assert_eq!(p, plan(1, Some(Walk::Pair("ivanov sergei".into())), &[1, 0]));
        // Three whole words: the two rarest are the pair, the third is checked per application.
        let p = choose(&[
            stats(0, 1000, "ivanov", "ivanov"),
            stats(1, 900, "sergei", "sergei"),
            stats(2, 50, "petrovich", "petrovich"),
        ]);
        assert_eq!(p, plan(2, Some(Walk::Pair("petrovich sergei".into())), &[2, 1]));
        // "ser ivanov": "ser" spans several words, so the whole word is walked alone.
        let p = choose(&[stats(0, 300, "sergei", "serikuli"), stats(1, 1000, "ivanov", "ivanov")]);
        assert_eq!(p, plan(1, Some(Walk::Word("ivanov".into())), &[1]));
        // The same word twice is one word.
        let p = choose(&[stats(0, 70, "ivan", "ivan"), stats(1, 70, "ivan", "ivan")]);
        assert_eq!(p, plan(0, Some(Walk::Word("ivan".into())), &[0, 1]));
        // Only prefixes: the rarest one, collected and sorted.
        let p = choose(&[stats(0, 900, "aa", "ab"), stats(1, 40, "ka", "kz")]);
        assert_eq!(p, plan(1, None, &[]));
        // A word no name has: it drives, and finds nothing at once.
        let p = choose(&[stats(0, 1000, "ivanov", "ivanov"), stats(1, 0, "", "")]);
        assert_eq!(p, plan(1, None, &[]));
    }

    #[test]
    fn an_applications_pairs_are_its_distinct_words_two_by_two_in_byte_order() {
        let words: Vec<String> = ["serikovna", "aigul", "aigul", "abenova"].map(String::from).into();
        assert_eq!(pairs(&words), ["abenova aigul", "abenova serikovna", "aigul serikovna"]);
        assert_eq!(pair("zh", "a"), "a zh");
        assert!(pairs(&words[..1]).is_empty());
    }
}
