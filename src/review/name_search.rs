//! How a name search runs. The words of the query are folded name words in
//! `application_name_tokens`, the last one a prefix ([`bounds`]). Intersecting the words' whole lists costs what the commonest word
//! costs (tens of thousands of rows for "Иванов"), so the search is driven by one word:
//!
//! - when some word matches exactly one name word (a whole word, as typed names mostly are), the
//!   rarest such word's applications are walked in queue order through
//!   `(token, received_at, application_id)`; the other words are checked per application, and the
//!   walk stops after one page;
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

/// The chosen way to run a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The word the search starts from (an index into the query's words).
    pub driver: usize,
    /// The single name word the driver matches, when it matches one: the search can then walk it
    /// in queue order.
    pub token: Option<String>,
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

/// A word no name has (the search finds nothing at once), else the rarest word that matches a
/// single name word, else the rarest word.
fn choose(stats: &[WordStats]) -> Plan {
    let single = |s: &&WordStats| s.first.is_some() && s.first == s.last;
    let rarest = |a: &&WordStats, b: &&WordStats| a.applications.cmp(&b.applications);
    if let Some(s) = stats.iter().find(|s| s.applications == 0) {
        return Plan { driver: s.position as usize, token: None };
    }
    if let Some(s) = stats.iter().filter(single).min_by(rarest) {
        return Plan { driver: s.position as usize, token: s.first.clone() };
    }
    let driver = stats.iter().min_by(rarest).map_or(0, |s| s.position as usize);
    Plan { driver, token: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(position: i64, applications: i64, first: &str, last: &str) -> WordStats {
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        WordStats { position, applications, first: some(first), last: some(last) }
    }

    #[test]
    fn the_rarest_whole_word_drives_and_prefixes_fall_back_to_the_rarest_word() {
        // "ivanov sergei": both whole words, sergei is rarer.
        let plan = choose(&[stats(0, 1000, "ivanov", "ivanov"), stats(1, 900, "sergei", "sergei")]);
        assert_eq!(plan, Plan { driver: 1, token: Some("sergei".into()) });
        // "ser ivanov": "ser" spans several words, so the whole word drives even if commoner.
        let plan = choose(&[stats(0, 300, "sergei", "serikuli"), stats(1, 1000, "ivanov", "ivanov")]);
        assert_eq!(plan, Plan { driver: 1, token: Some("ivanov".into()) });
        // Only prefixes: the rarest one, collected and sorted.
        let plan = choose(&[stats(0, 900, "aa", "ab"), stats(1, 40, "ka", "kz")]);
        assert_eq!(plan, Plan { driver: 1, token: None });
        // A word no name has: it drives, and finds nothing at once.
        let plan = choose(&[stats(0, 1000, "ivanov", "ivanov"), stats(1, 0, "", "")]);
        assert_eq!(plan, Plan { driver: 1, token: None });
    }
}
