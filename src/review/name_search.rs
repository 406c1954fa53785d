//! How a name search runs. The words of the query are folded name words in
//! `application_name_tokens`, the last one a prefix ([`bounds`]). Intersecting the words' whole
//! lists costs what the commonest word costs (tens of thousands of rows for "Иванов"), so one
//! query first looks each word up ([`plan`]: how many applications have it, and which name words
//! it matches when they are few: the prefix "ivanov" matches "ivanov" and "ivanova"), then:
//!
//! - when two words each match a few name words (whole words, as typed names mostly are:
//!   "Айгуль Сериккызы"), the applications having one of each are read through the pair index
//!   `application_name_pairs (pair, received_at, application_id)`: a first name and a surname are
//!   each common, but together they are rare. Each pair is walked in queue order for a page
//!   (a pair no application has costs one index probe), and the pages are merged;
//! - when one word matches exactly one name word, that word's applications are walked in queue
//!   order through `(token, received_at, application_id)`;
//! - in both walks the other words are checked per application, and the walk stops after one page;
//! - otherwise the rarest word's applications are collected, checked against the other words,
//!   and sorted.

use crate::{db::Db, with_db};

/// Words counted up to this many applications: past it, a word is simply common.
const COUNTED: i64 = 100;

/// Name words listed per query word; a word matching more is not used for a pair walk.
const LISTED: i64 = 8;

/// What the name index holds for one query word.
#[derive(Clone, Debug, Default)]
struct WordStats {
    position: usize,
    /// Applications with a name word starting with it, up to [`COUNTED`].
    applications: i64,
    /// The name words it matches, when there are at most [`LISTED`].
    tokens: Option<Vec<String>>,
}

/// An index the search can walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Walk {
    /// One name word, in `application_name_tokens`, in queue order.
    Word(String),
    /// Pairs of name words, in `application_name_pairs` ([`pair`]): in queue order when there
    /// is one.
    Pairs(Vec<String>),
}

impl Walk {
    /// The table and the key column the walk reads.
    pub fn table(&self) -> (&'static str, &'static str) {
        match self {
            Walk::Word(_) => ("application_name_tokens", "token"),
            Walk::Pairs(_) => ("application_name_pairs", "pair"),
        }
    }

    /// The keys read.
    pub fn keys(&self) -> &[String] {
        match self {
            Walk::Word(k) => std::slice::from_ref(k),
            Walk::Pairs(k) => k,
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

/// Looks the words up in the name index, in one round trip, and picks the way to search.
pub async fn plan(db: &Db, words: &[String]) -> Result<Plan, sqlx::Error> {
    let bounds: Vec<String> = (0..words.len())
        .map(|i| {
            format!("SELECT CAST({i} AS BIGINT), CAST(${} AS TEXT), CAST(${} AS TEXT)", 2 * i + 1, 2 * i + 2)
        })
        .collect();
    // Each word's name words one by one (the next one after the last found, an index probe
    // each), up to LISTED + 1; the count only with the first.
    let sql = format!(
        "WITH RECURSIVE bounds (position, lo, hi) AS ({}),
         found (position, token, hi, n) AS (
             SELECT b.position,
                    (SELECT MIN(t.token) FROM application_name_tokens t WHERE t.token >= b.lo AND t.token < b.hi),
                    b.hi, 1
             FROM bounds b
             UNION ALL
             SELECT f.position,
                    (SELECT MIN(t.token) FROM application_name_tokens t WHERE t.token > f.token AND t.token < f.hi),
                    f.hi, f.n + 1
             FROM found f WHERE f.token IS NOT NULL AND f.n <= {LISTED})
         SELECT b.position, f.token,
                CASE WHEN f.n = 1 THEN
                    (SELECT COUNT(*) FROM (SELECT 1 FROM application_name_tokens t
                                           WHERE t.token >= b.lo AND t.token < b.hi LIMIT {COUNTED}) c)
                ELSE 0 END AS applications
         FROM bounds b LEFT JOIN found f ON f.position = b.position AND f.token IS NOT NULL
         ORDER BY b.position, f.n",
        bounds.join(" UNION ALL ")
    );
    let ranges: Vec<(String, String)> = (0..words.len()).map(|i| self::bounds(words, i)).collect();
    let rows: Vec<(i64, Option<String>, i64)> = with_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for (lo, hi) in &ranges {
            q = q.bind(lo.as_str()).bind(hi.as_str());
        }
        q.fetch_all(c).await
    })?;
    let mut stats: Vec<WordStats> = (0..words.len())
        .map(|position| WordStats { position, tokens: Some(Vec::new()), ..WordStats::default() })
        .collect();
    for (position, token, applications) in rows {
        let Some(s) = stats.get_mut(position as usize) else { continue };
        s.applications += applications;
        if let (Some(list), Some(t)) = (s.tokens.as_mut(), token) {
            list.push(t);
        }
    }
    for s in &mut stats {
        if s.tokens.as_ref().is_some_and(|t| t.len() as i64 > LISTED) {
            s.tokens = None;
        }
    }
    Ok(choose(&stats))
}

/// A word no name has (the search finds nothing at once); else the pairs of the two rarest
/// words that match few name words; else the rarest word that matches one name word; else the
/// rarest word, collected and sorted.
fn choose(stats: &[WordStats]) -> Plan {
    let nothing = |driver| Plan { driver, walk: None, covered: Vec::new() };
    if let Some(s) = stats.iter().find(|s| s.tokens.as_ref().is_some_and(Vec::is_empty)) {
        return nothing(s.position);
    }
    let mut listed: Vec<(&WordStats, &Vec<String>)> =
        stats.iter().filter_map(|s| s.tokens.as_ref().map(|t| (s, t))).collect();
    listed.sort_by_key(|(s, _)| (s.applications, s.position));
    // Two words with no name word in common (one name word could match both otherwise): the
    // pairs of one of each.
    let disjoint = |a: &Vec<String>, b: &Vec<String>| !a.iter().any(|t| b.contains(t));
    let two = listed
        .iter()
        .enumerate()
        .find_map(|(i, a)| listed[i + 1..].iter().find(|b| disjoint(a.1, b.1)).map(|b| (*a, *b)));
    if let Some(((a, ta), (b, tb))) = two {
        let mut keys: Vec<String> = ta.iter().flat_map(|x| tb.iter().map(move |y| pair(x, y))).collect();
        keys.sort();
        keys.dedup();
        {
            // A word is matched by the walk when every name word of one of the two is its own.
            let within = |small: &Vec<String>, big: &Vec<String>| small.iter().all(|t| big.contains(t));
            let covered = listed
                .iter()
                .filter(|(_, t)| within(ta, t) || within(tb, t))
                .map(|(s, _)| s.position)
                .collect();
            let driver = if a.applications <= b.applications { a.position } else { b.position };
            return Plan { driver, walk: Some(Walk::Pairs(keys)), covered };
        }
    }
    if let Some((s, t)) = listed.iter().find(|(_, t)| t.len() == 1) {
        let covered = listed.iter().filter(|(_, u)| u.contains(&t[0])).map(|(w, _)| w.position).collect();
        return Plan { driver: s.position, walk: Some(Walk::Word(t[0].clone())), covered };
    }
    let driver = stats.iter().min_by_key(|s| s.applications).map_or(0, |s| s.position);
    nothing(driver)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(position: usize, applications: i64, tokens: &[&str]) -> WordStats {
        WordStats { position, applications, tokens: Some(tokens.iter().map(|t| t.to_string()).collect()) }
    }

    fn many(position: usize) -> WordStats {
        WordStats { position, applications: 300, tokens: None }
    }

    fn plan(driver: usize, walk: Option<Walk>, covered: &[usize]) -> Plan {
        Plan { driver, walk, covered: covered.to_vec() }
    }

    fn pairs_of(keys: &[&str]) -> Option<Walk> {
        Some(Walk::Pairs(keys.iter().map(|k| k.to_string()).collect()))
    }

    #[test]
    fn two_words_walk_their_pairs_and_others_fall_back_to_one_word() {
        // "sergei ivanov": ivanov as a prefix also matches ivanova; both pairs are read.
        let p = choose(&[stats(0, 300, &["sergei"]), stats(1, 300, &["ivanov", "ivanova"])]);
        assert_eq!(p, plan(0, pairs_of(&["ivanov sergei", "ivanova sergei"]), &[0, 1]));
        // Three words: the two rarest are the pair, the third is checked per application.
        let p =
            choose(&[stats(0, 300, &["ivanov"]), stats(1, 200, &["sergei"]), stats(2, 50, &["petrovich"])]);
        assert_eq!(p, plan(2, pairs_of(&["petrovich sergei"]), &[2, 1]));
        // "ser ivanov": "ser" matches too many words, so the whole word is walked alone.
        let p = choose(&[many(0), stats(1, 300, &["ivanov"])]);
        assert_eq!(p, plan(1, Some(Walk::Word("ivanov".into())), &[1]));
        // The same word twice is one word.
        let p = choose(&[stats(0, 70, &["ivan"]), stats(1, 70, &["ivan"])]);
        assert_eq!(p, plan(0, Some(Walk::Word("ivan".into())), &[0, 1]));
        // "ivan iva": the name word ivan matches both, so ivan is walked alone.
        let p = choose(&[stats(0, 70, &["ivan"]), stats(1, 90, &["ivan", "ivanov"])]);
        assert_eq!(p, plan(0, Some(Walk::Word("ivan".into())), &[0, 1]));
        // Only words matching many: the rarest one, collected and sorted.
        let p = choose(&[many(0), WordStats { applications: 40, ..many(1) }]);
        assert_eq!(p, plan(1, None, &[]));
        // A word no name has: it drives, and finds nothing at once.
        let p = choose(&[stats(0, 300, &["ivanov"]), stats(1, 0, &[])]);
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
