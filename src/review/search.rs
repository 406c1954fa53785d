//! The search box of the queue: what was typed, understood as an IIN, a phone, the portal's or
//! the app's application number, an e-mail address, or words of a name (folded across Kazakh,
//! Russian and Latin spellings, any order, prefixes).

use crate::intake::{iin::Iin, input::name_tokens, phone::Phone};

/// What the search box was understood as.
#[derive(Clone, Debug, PartialEq)]
pub enum Search {
    Iin(String),
    Phone(String),
    /// The portal's application number.
    Number(i64),
    /// The app's own application number (`external_id`), as typed.
    External(String),
    /// An e-mail address, in lower case.
    Email(String),
    /// Folded words of a name.
    Name(Vec<String>),
}

impl Search {
    /// The personal-data field a search by this needs in full, if it is one.
    pub fn field(&self) -> Option<crate::auth::personal_data::Field> {
        use crate::auth::personal_data::Field;
        match self {
            Search::Iin(_) => Some(Field::Iin),
            Search::Phone(_) => Some(Field::Phone),
            Search::Email(_) => Some(Field::Email),
            _ => None,
        }
    }
}

/// Understands the search box: an IIN (12 digits), a phone, an application number (`#123` or
/// up to 10 digits), the app's number (letters and digits without spaces, `app-100123`), an
/// e-mail address, or words of a name. An `Err` is the Fluent id of what is wrong.
pub fn parse_search(raw: &str) -> Result<Option<Search>, &'static str> {
    let q = raw.trim();
    if q.is_empty() {
        return Ok(None);
    }
    if q.chars().count() > 100 {
        return Err("review-search-too-long");
    }
    if q.contains('@') {
        let (local, domain) = q.split_once('@').unwrap_or(("", ""));
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !q.chars().any(char::is_whitespace)
            && !domain.contains('@');
        return if ok { Ok(Some(Search::Email(q.to_lowercase()))) } else { Err("review-search-bad-email") };
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let only_number_chars = q.chars().all(|c| c.is_ascii_digit() || " +-()#".contains(c));
    if only_number_chars {
        if let Some(n) = q.strip_prefix('#') {
            return n.trim().parse().map(|n| Some(Search::Number(n))).map_err(|_| "review-search-bad-number");
        }
        if digits.len() == 12 && !q.starts_with('+') {
            return match Iin::parse(&digits) {
                Ok(iin) => Ok(Some(Search::Iin(iin.as_str().to_string()))),
                Err(_) => Err("review-search-bad-iin"),
            };
        }
        if digits.len() >= 10 {
            return match Phone::parse(q) {
                Ok(p) => Ok(Some(Search::Phone(p.as_str().to_string()))),
                Err(_) => Err("review-search-bad-phone"),
            };
        }
        if !digits.is_empty() && digits.len() <= 10 && !q.starts_with('+') {
            return digits.parse().map(|n| Some(Search::Number(n))).map_err(|_| "review-search-bad-number");
        }
        return Err("review-search-bad-number");
    }
    if !digits.is_empty() {
        // Letters and digits in one word: the app's own number. Digits among name words: a typo.
        let external = !q.chars().any(char::is_whitespace)
            && q.chars().all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c));
        return if external { Ok(Some(Search::External(q.to_string()))) } else { Err("review-search-mixed") };
    }
    let words: Vec<String> = name_tokens(q).into_iter().take(5).collect();
    if words.is_empty() { Err("review-search-no-words") } else { Ok(Some(Search::Name(words))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(q: &str) -> Vec<String> {
        match parse_search(q) {
            Ok(Some(Search::Name(w))) => w,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn the_search_box_understands_what_was_typed() {
        let iin = crate::intake::iin::complete("90010130001").unwrap();
        assert_eq!(parse_search(&format!(" {iin} ")), Ok(Some(Search::Iin(iin.clone()))));
        let last = iin.as_bytes()[11] - b'0';
        let wrong = format!("{}{}", &iin[..11], (last + 1) % 10);
        assert_eq!(parse_search(&wrong), Err("review-search-bad-iin"));
        assert_eq!(parse_search("+7 701 123 45 67"), Ok(Some(Search::Phone("+77011234567".into()))));
        assert_eq!(parse_search("8 (701) 123-45-67"), Ok(Some(Search::Phone("+77011234567".into()))));
        assert_eq!(parse_search("#42"), Ok(Some(Search::Number(42))));
        assert_eq!(parse_search("42"), Ok(Some(Search::Number(42))));
        assert_eq!(parse_search("KM-100042"), Ok(Some(Search::External("KM-100042".into()))));
        assert_eq!(parse_search(" Aliya.S@Mail.KZ "), Ok(Some(Search::Email("aliya.s@mail.kz".into()))));
        assert_eq!(parse_search("aliya@"), Err("review-search-bad-email"));
        assert_eq!(parse_search("Иван 12"), Err("review-search-mixed"));
        assert_eq!(parse_search("«»!"), Err("review-search-no-words"));
        assert_eq!(parse_search("   "), Ok(None));
        assert!(parse_search(&"а".repeat(101)).is_err());
    }

    #[test]
    fn names_are_found_whatever_the_script_and_the_kazakh_letters() {
        let target = name("Әбенова Гүлнар");
        assert_eq!(name("Абенова"), target[..1]);
        assert_eq!(name("гулнар абенова"), vec![target[1].clone(), target[0].clone()]);
        assert_eq!(name("Abenova Gulnar"), target);
        assert_eq!(name("ҚОНАЕВ"), name("Konaev"));
        assert_eq!(name("Алёна"), name("Алена"));
        assert_eq!(name("Өмірзақ"), name("Омирзак"));
        assert_eq!(name("Һасен"), name("Хасен"));
        assert_eq!(name("Ұлан Үсен"), name("Улан Усен"));
        assert_eq!(name("Ғани Ңаз"), name("Гани Наз"));
    }
}
