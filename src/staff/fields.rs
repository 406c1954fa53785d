//! Validated staff fields. Each can only be built by parsing, and a parse error is the Fluent id
//! of the message shown next to the field.

use crate::auth::{Role, password};

/// A staff login: 3 to 32 characters of `a-z 0-9 . _ -`, starting with a letter; stored lower-case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login(String);

impl Login {
    /// Trims, lower-cases and checks a submitted login.
    pub fn parse(raw: &str) -> Result<Login, &'static str> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err("field-required");
        }
        let len = s.chars().count();
        if !(3..=32).contains(&len) {
            return Err("staff-login-length");
        }
        let first_is_letter = s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let allowed = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
        if !first_is_letter || !allowed {
            return Err("staff-login-chars");
        }
        Ok(Login(s))
    }

    /// The login text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's full name as shown in the portal: 2 to 120 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullName(String);

impl FullName {
    /// Trims inner runs of white space and checks a submitted name.
    pub fn parse(raw: &str) -> Result<FullName, &'static str> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err("field-required");
        }
        if s.chars().count() < 2 || s.chars().count() > 120 {
            return Err("staff-name-length");
        }
        if s.chars().any(char::is_control) {
            return Err("staff-name-chars");
        }
        Ok(FullName(s))
    }

    /// The name text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password a person chose: long enough, not too long.
pub fn check_new_password(raw: &str) -> Result<(), &'static str> {
    let len = raw.chars().count();
    if len == 0 {
        return Err("field-required");
    }
    if len < password::MIN_LEN {
        return Err("password-too-short");
    }
    if len > password::MAX_LEN {
        return Err("password-too-long");
    }
    if raw.trim() != raw || raw.chars().all(|c| c == raw.chars().next().unwrap_or(c)) {
        return Err("password-too-weak");
    }
    Ok(())
}

/// Roles from submitted codes: at least one, all known.
pub fn parse_roles(codes: &[String]) -> Result<Vec<Role>, &'static str> {
    let mut roles = Vec::new();
    for code in codes {
        let role = Role::parse(code).ok_or("staff-role-unknown")?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        return Err("staff-role-required");
    }
    if crate::auth::access::INCOMPATIBLE.iter().any(|(a, b)| roles.contains(a) && roles.contains(b)) {
        return Err("staff-roles-incompatible");
    }
    roles.sort();
    Ok(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_normalised_and_checked() {
        assert_eq!(Login::parse("  Admin ").unwrap().as_str(), "admin");
        assert_eq!(Login::parse(""), Err("field-required"));
        assert_eq!(Login::parse("ab"), Err("staff-login-length"));
        assert_eq!(Login::parse("1abc"), Err("staff-login-chars"));
        assert_eq!(Login::parse("иван"), Err("staff-login-chars"));
        assert_eq!(Login::parse("<script>"), Err("staff-login-chars"));
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert_eq!(FullName::parse("  Айгүл   Сәрсенова ").unwrap().as_str(), "Айгүл Сәрсенова");
        assert_eq!(FullName::parse("a\u{7}b"), Err("staff-name-chars"));
        assert_eq!(check_new_password("short"), Err("password-too-short"));
        assert_eq!(check_new_password("aaaaaaaaaaaa"), Err("password-too-weak"));
        assert!(check_new_password("a good long passphrase").is_ok());
    }

    #[test]
    fn roles_need_one_known() {
        assert_eq!(parse_roles(&[]), Err("staff-role-required"));
        assert_eq!(parse_roles(&["root".into()]), Err("staff-role-unknown"));
        assert_eq!(
            parse_roles(&["admin".into(), "verifier".into(), "admin".into()]).unwrap(),
            vec![Role::Verifier, Role::Admin]
        );
    }
}
