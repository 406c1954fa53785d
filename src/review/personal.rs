//! The applicant's personal data on the review page, each field as the viewer's roles allow
//! ([`crate::auth::personal_data`]): in full, masked, or hidden with a word saying so.

use time::Date;

use super::store::{Application, Contact};
use crate::{
    auth::personal_data::{Field, Shown, Viewer},
    i18n::{self, ALMATY, Lang},
};

/// One value as shown: its text, and whether it stands for a hidden one.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub hidden: bool,
}

/// Every personal field of the review page, as this viewer may see it.
#[derive(Clone, Debug)]
pub struct Personal {
    pub iin: Cell,
    pub phone: Cell,
    pub email: Cell,
    pub birth_date: Cell,
    pub reg_address: Cell,
    pub home_address: Cell,
    pub doc_number: Cell,
    pub employer: Cell,
    pub employer_address: Cell,
    pub device_id: Cell,
    pub ip: Cell,
    pub geo: Cell,
    /// Each contact: relation code, name, phone.
    pub contacts: Vec<(String, Cell, Cell)>,
    /// Whether anything is masked or hidden (the page says why).
    pub limited: bool,
}

/// `value` (or "—" when there is none) as `viewer` may see `field`.
fn cell(viewer: &Viewer, lang: Lang, field: Field, value: Option<&str>) -> Cell {
    match (viewer.shown(field), value) {
        (Shown::Hidden, _) => Cell { text: i18n::t(lang, "pd-hidden"), hidden: true },
        (_, None) => Cell { text: "—".into(), hidden: false },
        (_, Some(v)) => Cell { text: viewer.show(field, v).unwrap_or_default(), hidden: false },
    }
}

impl Personal {
    /// The fields of `app` and its `contacts` for `viewer`, in `lang`.
    pub fn of(app: &Application, contacts: &[Contact], viewer: &Viewer, lang: Lang) -> Personal {
        let c = |field, value: Option<&str>| cell(viewer, lang, field, value);
        let birth_date = if viewer.full(Field::BirthDate) {
            Cell { text: full_date(lang, app.birth_date), hidden: false }
        } else {
            c(Field::BirthDate, Some(&app.birth_date.to_string()))
        };
        let geo = app.geo().map(|g| match app.geo_accuracy_m {
            Some(acc) => format!("{g} ± {acc} {}", i18n::t(lang, "review-metres")),
            None => g,
        });
        Personal {
            iin: c(Field::Iin, Some(&app.iin)),
            phone: c(Field::Phone, Some(&app.phone)),
            email: c(Field::Email, app.email.as_deref()),
            birth_date,
            reg_address: c(Field::RegAddress, Some(&app.reg_address)),
            home_address: c(Field::HomeAddress, Some(&app.home_address)),
            doc_number: c(Field::DocNumber, Some(&app.doc_number)),
            employer: c(Field::Employer, app.employer_name.as_deref()),
            employer_address: c(Field::Employer, app.employer_address.as_deref()),
            device_id: c(Field::DeviceId, Some(&app.device_id)),
            ip: c(Field::Ip, Some(&app.ip)),
            geo: c(Field::Geo, geo.as_deref()),
            contacts: contacts
                .iter()
                .map(|k| {
                    (
                        k.relation.clone(),
                        c(Field::ContactName, Some(&k.name)),
                        c(Field::ContactPhone, Some(&k.phone)),
                    )
                })
                .collect(),
            limited: Field::ALL.iter().any(|f| !viewer.full(*f)),
        }
    }
}

fn full_date(lang: Lang, d: Date) -> String {
    i18n::format_date(lang, d.midnight().assume_offset(ALMATY))
}
