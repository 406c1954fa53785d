//! Dates and numbers in the forms CLDR gives for Russian and Kazakh. The patterns and month
//! names are Fluent messages (`fmt-*`, `month-gen-*`); this module fills them in.

use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

use time::{OffsetDateTime, UtcOffset};

use super::{Lang, t_with};

/// Date patterns as filled in by Fluent with markers in place of the arguments, per language
/// and message: formatting a date is then a few string replacements, not a Fluent call (a
/// queue page shows fifty dates).
static PATTERNS: LazyLock<Mutex<HashMap<(Lang, &'static str), String>>> = LazyLock::new(Mutex::default);

/// The message `id` (a date pattern without selectors) with `args` filled in.
fn fill(lang: Lang, id: &'static str, args: &[(&str, String)]) -> String {
    let marker = |name: &str| format!("\u{1}{name}\u{2}");
    let pattern = {
        let mut cache = PATTERNS.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry((lang, id))
            .or_insert_with(|| {
                let marked: Vec<(&str, String)> = args.iter().map(|(k, _)| (*k, marker(k))).collect();
                t_with(lang, id, &marked)
            })
            .clone()
    };
    let mut out = pattern;
    for (k, v) in args {
        out = out.replace(&marker(k), v);
    }
    out
}

/// Messages with only a count, as Fluent made them: a queue page shows fifty waiting times and
/// signal counts, and the same few values come back all day.
type CountCache = HashMap<(Lang, String, i64), String>;
static COUNTS: LazyLock<Mutex<CountCache>> = LazyLock::new(Mutex::default);

/// The message `id` for `count`, from the cache or made by `make`.
pub(super) fn count_cached(lang: Lang, id: &str, count: i64, make: impl FnOnce() -> String) -> String {
    let key = (lang, id.to_string(), count);
    if let Some(hit) = COUNTS.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return hit.clone();
    }
    let made = make();
    let mut cache = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= 20_000 {
        cache.clear();
    }
    cache.insert(key, made.clone());
    made
}

/// Kazakhstan's single time zone (Asia/Almaty) since March 2024.
pub const ALMATY: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("valid offset"),
};

/// An integer with no-break spaces between groups of three digits: `1 234 567`.
pub fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    out
}

/// The Kazakh ablative ending after the number `n` written in digits: it follows the sound of
/// the last word of the number read aloud (бір → -ден, үш → -тен, алты → -дан, он → -нан).
pub fn kk_ablative(n: i64) -> &'static str {
    const UNITS: [&str; 10] = ["ден", "ден", "ден", "тен", "тен", "тен", "дан", "ден", "ден", "дан"];
    const TENS: [&str; 10] = ["", "нан", "дан", "дан", "тан", "ден", "тан", "тен", "нен", "нан"];
    let n = n.unsigned_abs();
    if n == 0 {
        return "ден"; // нөл
    }
    if !n.is_multiple_of(10) {
        return UNITS[(n % 10) as usize];
    }
    if !n.is_multiple_of(100) {
        return TENS[((n / 10) % 10) as usize];
    }
    if !n.is_multiple_of(1000) {
        return "ден"; // жүз
    }
    "нан" // мың, миллион
}

/// A decimal number with `digits` after a decimal comma (Russian and Kazakh both write `0,5`),
/// the whole part grouped like [`format_int`].
pub fn format_decimal(value: f64, digits: usize) -> String {
    let text = format!("{:.*}", digits, value.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = format_int(whole.parse().unwrap_or(0));
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A date in the short form of the locale (`05.03.2024` in both languages: a birth date needs its century).
pub fn format_date(lang: Lang, at: OffsetDateTime) -> String {
    let local = at.to_offset(ALMATY);
    fill(
        lang,
        "fmt-date-short",
        &[
            ("dd", format!("{:02}", local.day())),
            ("mm", format!("{:02}", u8::from(local.month()))),
            ("yyyy", local.year().to_string()),
            ("yy", format!("{:02}", local.year().rem_euclid(100))),
        ],
    )
}

/// Date and time in Almaty time: `05.03.2024 14:05`.
pub fn format_datetime(lang: Lang, at: OffsetDateTime) -> String {
    let local = at.to_offset(ALMATY);
    fill(
        lang,
        "fmt-datetime",
        &[("date", format_date(lang, at)), ("time", format!("{:02}:{:02}", local.hour(), local.minute()))],
    )
}

/// A date in the long form: `5 марта 2024 г.`, `2024 ж. 5 наурыз`.
pub fn format_date_long(lang: Lang, at: OffsetDateTime) -> String {
    let local = at.to_offset(ALMATY);
    let month = super::t(lang, &format!("month-gen-{}", u8::from(local.month())));
    fill(
        lang,
        "fmt-date-long",
        &[("day", local.day().to_string()), ("month", month), ("year", local.year().to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn groups_thousands() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(format_int(-1000), "-1\u{a0}000");
    }

    #[test]
    fn kazakh_ablative_follows_the_number_read_aloud() {
        for (n, ending) in [(1, "ден"), (3, "тен"), (6, "дан"), (10, "нан"), (24, "тен"), (40, "тан")]
        {
            assert_eq!(kk_ablative(n), ending, "{n}");
        }
        for (n, ending) in [(50, "ден"), (80, "нен"), (100, "ден"), (1000, "нан"), (2026, "дан")]
        {
            assert_eq!(kk_ablative(n), ending, "{n}");
        }
    }

    #[test]
    fn decimals_have_a_comma_and_grouped_digits() {
        assert_eq!(format_decimal(0.48, 1), "0,5");
        assert_eq!(format_decimal(12.0, 1), "12,0");
        assert_eq!(format_decimal(12345.678, 2), "12\u{a0}345,68");
        assert_eq!(format_decimal(-1.25, 1), "-1,2");
        assert_eq!(format_decimal(3.0, 0), "3");
    }

    #[test]
    fn dates_follow_each_locale_in_almaty_time() {
        // 20:30 UTC is already the next day in Almaty.
        let at = datetime!(2024-03-04 20:30 UTC);
        assert_eq!(format_date(Lang::Ru, at), "05.03.2024");
        assert_eq!(format_date(Lang::Kk, at), "05.03.2024");
        assert_eq!(format_datetime(Lang::Ru, at), "05.03.2024 01:30");
        assert_eq!(format_date_long(Lang::Ru, at), "5 марта 2024\u{a0}г.");
        assert_eq!(format_date_long(Lang::Kk, at), "2024\u{a0}ж. 5 наурыз");
    }
}
