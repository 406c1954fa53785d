//! Kazakh mobile numbers: `+7 7xx xxx xx xx`, stored in E.164 (`+77011234567`).

/// Mobile ranges (the three digits after +7) seen in libphonenumber for Kazakhstan.
const MOBILE_PREFIXES: &[&str] = &[
    "700", "701", "702", "705", "706", "707", "708", "747", "760", "761", "762", "763", "764", "771", "775",
    "776", "777", "778", "785",
];

/// A Kazakh mobile number in E.164.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Accepts `+7 701 123 45 67`, `8 (701) 123-45-67`, `87011234567`, `7011234567`.
    pub fn parse(raw: &str) -> Result<Phone, &'static str> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("required");
        }
        if !trimmed.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
            return Err("format");
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            11 if digits.starts_with('7') || digits.starts_with('8') => &digits[1..],
            10 => &digits[..],
            _ => return Err("format"),
        };
        if trimmed.starts_with('+') && !digits.starts_with('7') {
            return Err("format");
        }
        if !MOBILE_PREFIXES.contains(&&national[..3]) {
            return Err("not_mobile");
        }
        Ok(Phone(format!("+7{national}")))
    }

    /// E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `+7 701 ••• •• 67`: operator code and last two digits only.
    pub fn masked(&self) -> String {
        format!("+7 {} ••• •• {}", &self.0[2..5], &self.0[10..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings_become_e164() {
        for raw in ["+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "7011234567", "+77011234567"] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), "+77011234567", "{raw}");
        }
        assert_eq!(Phone::parse("+7 701 123 45 67").unwrap().masked(), "+7 701 ••• •• 67");
    }

    #[test]
    fn refuses_what_is_not_a_kazakh_mobile() {
        assert_eq!(Phone::parse("+7 495 123 45 67"), Err("not_mobile"), "a Moscow landline");
        assert_eq!(Phone::parse("+1 701 123 45 67"), Err("format"));
        assert_eq!(Phone::parse("12345"), Err("format"));
        assert_eq!(Phone::parse("<script>"), Err("format"));
        assert_eq!(Phone::parse(""), Err("required"));
    }
}
