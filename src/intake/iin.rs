//! The Kazakh individual identification number (ИИН / ЖСН): 12 digits, the birth date in the
//! first six, century and sex in the seventh, a check digit in the last.

use time::{Date, Month};

/// A 12-digit IIN whose check digit is right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Iin(String);

/// Why an IIN was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IinError {
    /// Not exactly 12 digits.
    Format,
    /// The check digit does not match (or the number can never be issued).
    CheckDigit,
}

/// Sex as encoded in the seventh digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodedSex {
    Male,
    Female,
}

impl Iin {
    /// Checks format and check digit. Spaces are tolerated on input.
    pub fn parse(raw: &str) -> Result<Iin, IinError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IinError::Format);
        }
        let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        if check_digit(&d) != Some(d[11]) {
            return Err(IinError::CheckDigit);
        }
        Ok(Iin(digits))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date the number encodes, if the digits form a real date.
    pub fn birth_date(&self) -> Option<Date> {
        let d = self.0.as_bytes();
        let n = |i: usize| i32::from(d[i] - b'0');
        let century = match d[6] {
            b'1' | b'2' => 1800,
            b'3' | b'4' => 1900,
            b'5' | b'6' => 2000,
            _ => return None,
        };
        let year = century + n(0) * 10 + n(1);
        let month = Month::try_from(u8::try_from(n(2) * 10 + n(3)).ok()?).ok()?;
        let day = u8::try_from(n(4) * 10 + n(5)).ok()?;
        Date::from_calendar_date(year, month, day).ok()
    }

    /// The sex the number encodes (odd seventh digit: male).
    pub fn sex(&self) -> Option<EncodedSex> {
        match self.0.as_bytes()[6] {
            b'1' | b'3' | b'5' => Some(EncodedSex::Male),
            b'2' | b'4' | b'6' => Some(EncodedSex::Female),
            _ => None,
        }
    }

    /// `•••••••••012`: the last three digits only, for lists.
    pub fn masked(&self) -> String {
        format!("•••••••••{}", &self.0[9..])
    }
}

/// The check digit of the first 11 digits, or `None` when the number is never issued.
fn check_digit(d: &[u32]) -> Option<u32> {
    let first: u32 = (0..11).map(|i| d[i] * (i as u32 + 1)).sum::<u32>() % 11;
    if first != 10 {
        return Some(first);
    }
    const SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let second: u32 = (0..11).map(|i| d[i] * SECOND[i]).sum::<u32>() % 11;
    (second != 10).then_some(second)
}

/// Appends a valid check digit to 11 digits (for generated demo data); `None` if no digit fits.
pub fn complete(first11: &str) -> Option<String> {
    let d: Vec<u32> = first11.bytes().map(|b| u32::from(b.wrapping_sub(b'0'))).collect();
    if d.len() != 11 || d.iter().any(|x| *x > 9) {
        return None;
    }
    let mut all = d.clone();
    all.push(0);
    check_digit(&all).map(|c| format!("{first11}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_examples_from_the_domain_notes() {
        assert!(Iin::parse("061211600012").is_ok());
        assert!(Iin::parse("791028302728").is_ok());
        assert_eq!(Iin::parse("821214240092"), Err(IinError::CheckDigit), "10 twice: never issued");
        assert_eq!(Iin::parse("791028302729"), Err(IinError::CheckDigit));
        assert_eq!(Iin::parse("79102830272"), Err(IinError::Format));
        assert_eq!(Iin::parse("7910283027a8"), Err(IinError::Format));
        assert!(Iin::parse("7910 2830 2728").is_ok());
    }

    #[test]
    fn decodes_birth_date_and_sex() {
        let iin = Iin::parse("791028302728").unwrap();
        assert_eq!(iin.birth_date(), Some(date!(1979 - 10 - 28)));
        assert_eq!(iin.sex(), Some(EncodedSex::Male));
        let iin = Iin::parse("061211600012").unwrap();
        assert_eq!(iin.birth_date(), Some(date!(2006 - 12 - 11)));
        assert_eq!(iin.sex(), Some(EncodedSex::Female));
        assert_eq!(iin.masked(), "•••••••••012");
    }

    #[test]
    fn completes_generated_numbers() {
        let full = complete("79102830272").unwrap();
        assert_eq!(full, "791028302728");
        assert!(Iin::parse(&full).is_ok());
    }
}
