//! Personal data by need: for every role and every field of an applicant, whether the field is
//! shown in full, masked, or hidden. One table; every page that shows applicant data asks it,
//! and the tests walk it for every role and field the way they walk the route × role table.
//!
//! A person with several roles sees a field as the most open of their roles does. Lists (the
//! queue) mask the IIN and phone for everyone whatever this table says: a list needs neither.

use super::Role;

/// A field of an applicant's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Iin,
    Phone,
    Email,
    BirthDate,
    RegAddress,
    HomeAddress,
    DocNumber,
    Employer,
    DeviceId,
    Ip,
    Geo,
    ContactName,
    ContactPhone,
}

/// How a field is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shown {
    /// Not on the page at all ("hidden for your role").
    Hidden,
    /// Enough to recognise it, not to use it (`•••••••••728`, `a•••@mail.kz`).
    Masked,
    Full,
}

use Shown::{Full as F, Hidden as H, Masked as M};

/// The table: one row per field, one column per role in [`Role::ALL`] order (verifier,
/// compliance, senior compliance, support, security, manager, administrator).
///
/// Review and compliance decide on the person, so they see everything; security investigates
/// fraud, so it sees the device and network too. Support will answer the customer, so it sees
/// how to reach them and enough to recognise them. A manager measures the work and sees who,
/// not where or how to reach them. An administrator manages accounts, not customers.
pub const TABLE: &[(Field, [Shown; 7])] = &[
    (Field::Iin, [F, F, F, M, F, M, H]),
    (Field::Phone, [F, F, F, F, F, M, H]),
    (Field::Email, [F, F, F, F, F, M, H]),
    (Field::BirthDate, [F, F, F, M, F, M, H]),
    (Field::RegAddress, [F, F, F, H, F, H, H]),
    (Field::HomeAddress, [F, F, F, H, F, H, H]),
    (Field::DocNumber, [F, F, F, M, F, M, H]),
    (Field::Employer, [F, F, F, H, F, H, H]),
    (Field::DeviceId, [F, F, F, H, F, H, H]),
    (Field::Ip, [F, F, F, H, F, H, H]),
    (Field::Geo, [F, F, F, H, F, H, H]),
    (Field::ContactName, [F, F, F, H, F, H, H]),
    (Field::ContactPhone, [F, F, F, H, F, M, H]),
];

impl Field {
    /// Every field, in the table's order.
    pub const ALL: [Field; 13] = [
        Field::Iin,
        Field::Phone,
        Field::Email,
        Field::BirthDate,
        Field::RegAddress,
        Field::HomeAddress,
        Field::DocNumber,
        Field::Employer,
        Field::DeviceId,
        Field::Ip,
        Field::Geo,
        Field::ContactName,
        Field::ContactPhone,
    ];
}

/// How `role` sees `field`.
pub fn shown_to(role: Role, field: Field) -> Shown {
    let column = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    TABLE.iter().find(|(f, _)| *f == field).map_or(Shown::Hidden, |(_, row)| row[column])
}

/// How a person holding `roles` sees `field`: as the most open of their roles.
pub fn shown(roles: &[Role], field: Field) -> Shown {
    roles.iter().map(|r| shown_to(*r, field)).max().unwrap_or(Shown::Hidden)
}

/// One person's view of applicant data: each value as they may see it, `None` when hidden.
#[derive(Clone, Debug)]
pub struct Viewer {
    roles: Vec<Role>,
}

impl Viewer {
    pub fn new(roles: &[Role]) -> Viewer {
        Viewer { roles: roles.to_vec() }
    }

    /// How this person sees `field`.
    pub fn shown(&self, field: Field) -> Shown {
        shown(&self.roles, field)
    }

    /// Whether this person sees `field` in full (and may search by it).
    pub fn full(&self, field: Field) -> bool {
        self.shown(field) == Shown::Full
    }

    /// `value` as this person may see it: in full, masked, or `None`.
    pub fn show(&self, field: Field, value: &str) -> Option<String> {
        match self.shown(field) {
            Shown::Full => Some(value.to_string()),
            Shown::Masked => Some(mask(field, value)),
            Shown::Hidden => None,
        }
    }
}

/// Keeps the last `n` characters of `value` behind dots; a value no longer than twice that
/// shows none of itself.
fn keep_tail(value: &str, n: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    let tail: String =
        if chars.len() > 2 * n { chars[chars.len() - n..].iter().collect() } else { String::new() };
    format!("•••••{tail}")
}

/// `value` of `field`, masked: enough to recognise, not to use.
pub fn mask(field: Field, value: &str) -> String {
    match field {
        Field::Iin => crate::review::queue::mask_iin(value),
        Field::Phone | Field::ContactPhone => crate::review::queue::mask_phone(value),
        Field::Email => match value.split_once('@') {
            Some((local, domain)) => {
                format!("{}•••@{domain}", local.chars().next().map(String::from).unwrap_or_default())
            }
            None => "•••".into(),
        },
        // `YYYY-MM-DD` keeps the year.
        Field::BirthDate => match value.get(..4) {
            Some(year) if year.chars().all(|c| c.is_ascii_digit()) => format!("••.••.{year}"),
            _ => "•••".into(),
        },
        Field::DocNumber | Field::DeviceId => keep_tail(value, 3),
        // The first half of an IPv4 address, the first group of an IPv6 one.
        Field::Ip => {
            if value.contains(':') {
                format!("{}:•••", value.split(':').next().unwrap_or(""))
            } else {
                let parts: Vec<&str> = value.split('.').collect();
                if parts.len() == 4 {
                    format!("{}.{}.•.•", parts[0], parts[1])
                } else {
                    "•••".into()
                }
            }
        }
        // Initials only.
        Field::ContactName => value
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .map(|c| format!("{c}."))
            .collect::<Vec<_>>()
            .join(" "),
        Field::RegAddress | Field::HomeAddress | Field::Employer | Field::Geo => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_every_field_once() {
        for field in Field::ALL {
            assert_eq!(TABLE.iter().filter(|(f, _)| *f == field).count(), 1, "{field:?}");
        }
        assert_eq!(TABLE.len(), Field::ALL.len());
    }

    #[test]
    fn a_masked_value_never_holds_the_value() {
        let samples = [
            (Field::Iin, "791028402723"),
            (Field::Phone, "+77011234567"),
            (Field::Email, "aigerim.nurlanovna@mail.kz"),
            (Field::BirthDate, "1979-10-28"),
            (Field::DocNumber, "N12345678"),
            (Field::DeviceId, "3f2c1a9e-77aa-4bd1-9c1e-0a1b2c3d4e5f"),
            (Field::Ip, "85.117.64.21"),
            (Field::Ip, "2a02:6b8::1"),
            (Field::ContactName, "Ержан Сапарович"),
            (Field::ContactPhone, "+77017654321"),
            (Field::RegAddress, "г. Алматы, ул. Абая, 10"),
        ];
        for (field, value) in samples {
            let masked = mask(field, value);
            assert_ne!(masked, value, "{field:?}");
            assert!(!masked.contains(value), "{field:?}");
            assert!(masked.chars().count() < 60, "{field:?}: {masked}");
        }
        assert_eq!(mask(Field::Email, "aigerim@mail.kz"), "a•••@mail.kz");
        assert_eq!(mask(Field::BirthDate, "1979-10-28"), "••.••.1979");
        assert_eq!(mask(Field::Ip, "85.117.64.21"), "85.117.•.•");
        assert_eq!(mask(Field::ContactName, "Ержан Сапарович"), "Е. С.");
        assert!(mask(Field::DocNumber, "N12345678").ends_with("678"));
        assert!(!mask(Field::DocNumber, "12").contains("12"), "a short value is not shown whole");
    }

    #[test]
    fn several_roles_see_as_the_most_open_one() {
        assert_eq!(shown(&[Role::Manager], Field::Iin), Shown::Masked);
        assert_eq!(shown(&[Role::Manager, Role::Verifier], Field::Iin), Shown::Full);
        assert_eq!(shown(&[Role::Admin], Field::Phone), Shown::Hidden);
        assert_eq!(shown(&[], Field::Phone), Shown::Hidden);
    }
}
