//! Reading a JSON document field by field, collecting every problem instead of stopping at the
//! first, so an API client learns about all its bad fields in one answer.

use serde_json::{Map, Value};
use time::{Date, OffsetDateTime, format_description::well_known::Rfc3339, macros::format_description};

use crate::api::FieldError;

/// A JSON object being validated, with the errors found so far.
pub struct Fields<'a> {
    root: &'a Value,
    pub errors: Vec<FieldError>,
}

fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = root;
    for part in path.split('.') {
        v = match (v, part.parse::<usize>()) {
            (Value::Array(items), Ok(i)) => items.get(i)?,
            (Value::Object(map), _) => map.get(part)?,
            _ => return None,
        };
    }
    (!v.is_null()).then_some(v)
}

impl<'a> Fields<'a> {
    /// Starts validating `root`.
    pub fn new(root: &'a Value) -> Self {
        Fields { root, errors: Vec::new() }
    }

    /// Records an error on `field`.
    pub fn error(&mut self, field: &str, code: &'static str, detail: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_string(), code, detail: detail.into() });
    }

    /// The value at `path`, if present and not null.
    pub fn value(&self, path: &str) -> Option<&'a Value> {
        get(self.root, path)
    }

    /// Checks that the object at `path` (`""` for the root) has only `allowed` keys; returns
    /// whether it is an object at all.
    pub fn object(&mut self, path: &str, allowed: &[&str], required: bool) -> bool {
        let v = if path.is_empty() { Some(self.root) } else { self.value(path) };
        match v {
            None if required => {
                self.error(path, "required", "this object is required");
                false
            }
            None => false,
            Some(Value::Object(map)) => {
                self.unknown_keys(path, map, allowed);
                true
            }
            Some(_) => {
                self.error(path, "type", "must be an object");
                false
            }
        }
    }

    fn unknown_keys(&mut self, path: &str, map: &Map<String, Value>, allowed: &[&str]) {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                self.error(&field, "unknown_field", "this field is not part of the API");
            }
        }
    }

    /// A required text of 1..=`max` characters, trimmed, without control characters.
    pub fn text(&mut self, path: &str, max: usize) -> String {
        self.opt_text(path, max).unwrap_or_else(|| {
            if !self.errors.iter().any(|e| e.field == path) {
                self.error(path, "required", "this field is required");
            }
            String::new()
        })
    }

    /// An optional text (absent, null or blank is `None`).
    pub fn opt_text(&mut self, path: &str, max: usize) -> Option<String> {
        match self.value(path) {
            None => None,
            Some(Value::String(s)) => {
                let s = s.trim();
                if s.is_empty() {
                    None
                } else if s.chars().count() > max {
                    self.error(path, "too_long", format!("at most {max} characters"));
                    None
                } else if s.chars().any(|c| c.is_control() && c != '\n') {
                    self.error(path, "control_characters", "control characters are not allowed");
                    None
                } else {
                    Some(s.to_string())
                }
            }
            Some(_) => {
                self.error(path, "type", "must be a string");
                None
            }
        }
    }

    /// One of `allowed` values.
    pub fn choice(&mut self, path: &str, allowed: &[&'static str]) -> &'static str {
        let raw = self.text(path, 64);
        if raw.is_empty() {
            return allowed[0];
        }
        match allowed.iter().find(|a| **a == raw) {
            Some(a) => a,
            None => {
                self.error(path, "unknown_value", format!("must be one of: {}", allowed.join(", ")));
                allowed[0]
            }
        }
    }

    /// A required `YYYY-MM-DD` date.
    pub fn date(&mut self, path: &str) -> Option<Date> {
        let raw = self.text(path, 10);
        if raw.is_empty() {
            return None;
        }
        let parsed = Date::parse(&raw, format_description!("[year]-[month]-[day]")).ok();
        if parsed.is_none() {
            self.error(path, "invalid_date", "must be a real date written YYYY-MM-DD");
        }
        parsed
    }

    /// A required RFC 3339 timestamp.
    pub fn timestamp(&mut self, path: &str) -> Option<OffsetDateTime> {
        let raw = self.text(path, 40);
        if raw.is_empty() {
            return None;
        }
        let parsed = OffsetDateTime::parse(&raw, &Rfc3339).ok();
        if parsed.is_none() {
            self.error(path, "invalid_timestamp", "must be an RFC 3339 timestamp with an offset");
        }
        parsed
    }

    /// A required boolean.
    pub fn boolean(&mut self, path: &str) -> bool {
        match self.value(path) {
            Some(Value::Bool(b)) => *b,
            None => {
                self.error(path, "required", "this field is required");
                false
            }
            Some(_) => {
                self.error(path, "type", "must be true or false");
                false
            }
        }
    }

    /// A required whole number in `min..=max`.
    pub fn integer(&mut self, path: &str, min: i64, max: i64) -> i64 {
        match self.value(path) {
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => i,
                _ => {
                    self.error(path, "out_of_range", format!("must be a whole number from {min} to {max}"));
                    min
                }
            },
            None => {
                self.error(path, "required", "this field is required");
                min
            }
            Some(_) => {
                self.error(path, "type", "must be a number");
                min
            }
        }
    }

    /// An optional number in `min..=max`.
    pub fn opt_number(&mut self, path: &str, min: f64, max: f64) -> Option<f64> {
        match self.value(path) {
            None => None,
            Some(Value::Number(n)) => match n.as_f64() {
                Some(f) if (min..=max).contains(&f) => Some(f),
                _ => {
                    self.error(path, "out_of_range", format!("must be from {min} to {max}"));
                    None
                }
            },
            Some(_) => {
                self.error(path, "type", "must be a number");
                None
            }
        }
    }

    /// The length of the array at `path` (0 if absent), checking it has at most `max` items.
    pub fn array_len(&mut self, path: &str, max: usize) -> usize {
        match self.value(path) {
            None => 0,
            Some(Value::Array(items)) if items.len() <= max => items.len(),
            Some(Value::Array(_)) => {
                self.error(path, "too_many", format!("at most {max} items"));
                0
            }
            Some(_) => {
                self.error(path, "type", "must be an array");
                0
            }
        }
    }

    /// Refuses any string anywhere in the document that holds a full card number (13 to 19
    /// digits passing the Luhn check): the portal must never receive one.
    pub fn refuse_card_numbers(&mut self) {
        let mut found = Vec::new();
        walk(self.root, String::new(), &mut found);
        for path in found {
            self.error(
                &path,
                "card_number_not_allowed",
                "a full card number must not be sent; send the masked number and the token",
            );
        }
    }
}

fn walk(v: &Value, path: String, found: &mut Vec<String>) {
    let join = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match v {
        Value::String(s) if holds_card_number(s) => found.push(path),
        Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, join(k), found)),
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| walk(v, join(&i.to_string()), found))
        }
        _ => {}
    }
}

/// Whether `s` contains 13-19 digits in a row (spaces and dashes between them allowed) that pass
/// the Luhn check.
pub fn holds_card_number(s: &str) -> bool {
    let mut digits: Vec<u32> = Vec::new();
    let check = |run: &[u32]| {
        (13..=19).contains(&run.len()) && luhn(run) || (run.len() > 19 && run.windows(16).any(luhn))
    };
    for c in s.chars() {
        if let Some(d) = c.to_digit(10) {
            digits.push(d);
        } else if c != ' ' && c != '-' {
            if check(&digits) {
                return true;
            }
            digits.clear();
        }
    }
    check(&digits)
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_full_card_numbers_only() {
        assert!(holds_card_number("4400 4301 2345 6789"));
        assert!(holds_card_number("card: 4400-4301-2345-6789!"));
        assert!(!holds_card_number("440043******6780"));
        assert!(!holds_card_number("791028302728"), "an IIN is not a card");
        assert!(!holds_card_number("+7 701 123 45 67"));
        assert!(!holds_card_number("4400 4301 2345 6781"), "fails Luhn");
    }
}
