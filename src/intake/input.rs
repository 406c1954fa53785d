//! The application document the app's backend sends (policy clause 2.3), validated into
//! [`NewApplication`] or a list of every bad field.

use serde_json::Value;
use time::{Date, OffsetDateTime};

use super::{
    fields::Fields,
    iin::{Iin, IinError},
    phone::Phone,
};
use crate::api::FieldError;

/// One contact person.
#[derive(Clone, Debug)]
pub struct Contact {
    pub name: String,
    pub phone: Phone,
    pub relation: &'static str,
}

/// A validated application, ready to store.
#[derive(Clone, Debug)]
pub struct NewApplication {
    pub external_id: Option<String>,
    /// The customer's account id in the app, when the backend sends it ([`account_id`]).
    pub account_id: Option<String>,
    pub submitted_at: OffsetDateTime,
    /// The applicant's language in the app (`ru` or `kk`): messages to them are in it.
    pub language: &'static str,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub iin: Iin,
    pub citizenship: String,
    pub sex: &'static str,
    pub birth_date: Date,
    pub reg_address: String,
    pub home_address: String,
    pub doc_type: &'static str,
    pub doc_number: String,
    pub doc_issuer: String,
    pub doc_issued_on: Date,
    pub doc_expires_on: Date,
    pub phone: Phone,
    pub email: Option<String>,
    pub card_masked: String,
    pub card_token: String,
    pub pep_declared: bool,
    pub pep_details: Option<String>,
    pub bo_declared: bool,
    pub bo_details: Option<String>,
    pub marital_status: &'static str,
    pub dependents: i64,
    pub employer_name: Option<String>,
    pub employer_address: Option<String>,
    pub amount_kzt: i64,
    pub term_days: i64,
    pub device_id: String,
    pub device_model: String,
    pub device_os: String,
    pub ip: String,
    pub geo: Option<(f64, f64, Option<f64>)>,
    pub perm_camera: bool,
    pub perm_location: bool,
    pub perm_contacts: bool,
    pub contacts: Vec<Contact>,
}

/// Values of the enumerations, as the API spells them.
pub const SEXES: &[&str] = &["male", "female"];
pub const LANGUAGES: &[&str] = &["ru", "kk"];
pub const DOC_TYPES: &[&str] = &["id_card", "passport", "residence_permit"];
pub const MARITAL: &[&str] = &["single", "married", "divorced", "widowed", "civil_union"];
pub const RELATIONS: &[&str] =
    &["spouse", "parent", "child", "sibling", "relative", "friend", "colleague", "other"];

/// One `@` between a local part and a domain with a dot inside it, no spaces: what the
/// document's pattern says.
fn plausible_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(char::is_whitespace)
}

fn phone(f: &mut Fields<'_>, path: &str) -> Option<Phone> {
    let raw = f.text(path, 32);
    if raw.is_empty() {
        return None;
    }
    match Phone::parse(&raw) {
        Ok(p) => Some(p),
        Err("not_mobile") => {
            f.error(path, "not_kazakh_mobile", "must be a Kazakh mobile number (+7 7xx ...)");
            None
        }
        Err(_) => {
            f.error(path, "invalid_phone", "must be a phone number such as +7 701 123 45 67");
            None
        }
    }
}

/// The longest account id the app may send.
pub const ACCOUNT_ID_MAX: usize = 64;

/// Whether `id` is written as an account id is: 1 to [`ACCOUNT_ID_MAX`] Latin letters, digits,
/// `.`, `_`, `:` and `-`.
pub fn well_formed_account_id(id: &str) -> bool {
    (1..=ACCOUNT_ID_MAX).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
}

/// The app's account id: optional; 1 to [`ACCOUNT_ID_MAX`] Latin letters, digits, `.`, `_`, `:`
/// and `-` (an id, never a name or a phone number).
fn account_id(f: &mut Fields<'_>) -> Option<String> {
    let id = f.opt_text("account_id", ACCOUNT_ID_MAX)?;
    if well_formed_account_id(&id) {
        Some(id)
    } else {
        f.error("account_id", "invalid_account_id", "only Latin letters, digits and . _ : - are allowed");
        None
    }
}

impl NewApplication {
    /// Validates the whole document; every bad field is reported.
    pub fn parse(doc: &Value, now: OffsetDateTime) -> Result<NewApplication, Vec<FieldError>> {
        let mut f = Fields::new(doc);
        f.object(
            "",
            &[
                "external_id",
                "account_id",
                "submitted_at",
                "language",
                "applicant",
                "document",
                "contacts",
                "employer",
                "card",
                "loan",
                "device",
                "geo",
            ],
            true,
        );
        f.refuse_card_numbers();
        let external_id = f.opt_text("external_id", 100);
        let account_id = account_id(&mut f);
        let language = if f.value("language").is_some_and(|v| !v.is_null()) {
            f.choice("language", LANGUAGES)
        } else {
            LANGUAGES[0]
        };
        let submitted_at = f.timestamp("submitted_at");
        if submitted_at.is_some_and(|t| t > now + time::Duration::minutes(5)) {
            f.error("submitted_at", "in_future", "must not be in the future");
        }

        f.object(
            "applicant",
            &[
                "last_name",
                "first_name",
                "patronymic",
                "iin",
                "citizenship",
                "sex",
                "birth_date",
                "registration_address",
                "home_address",
                "phone",
                "email",
                "marital_status",
                "dependents",
                "pep",
                "beneficial_owner",
            ],
            true,
        );
        let last_name = f.text("applicant.last_name", 100);
        let first_name = f.text("applicant.first_name", 100);
        let patronymic = f.opt_text("applicant.patronymic", 100);
        let iin_raw = f.text("applicant.iin", 20);
        let iin = if iin_raw.is_empty() {
            None
        } else {
            match Iin::parse(&iin_raw) {
                Ok(i) => Some(i),
                Err(IinError::Format) => {
                    f.error("applicant.iin", "invalid_iin_format", "an IIN is exactly 12 digits");
                    None
                }
                Err(IinError::CheckDigit) => {
                    f.error("applicant.iin", "invalid_iin_check_digit", "the IIN's check digit is wrong");
                    None
                }
            }
        };
        let citizenship = f.text("applicant.citizenship", 2);
        let country_ok = citizenship.len() == 2 && citizenship.bytes().all(|b| b.is_ascii_uppercase());
        if !citizenship.is_empty() && !country_ok {
            f.error("applicant.citizenship", "invalid_country", "an ISO 3166-1 alpha-2 code such as KZ");
        }
        let sex = f.choice("applicant.sex", SEXES);
        let birth_date = f.date("applicant.birth_date");
        if birth_date.is_some_and(|d| d > now.date() || d.year() < 1900) {
            f.error("applicant.birth_date", "out_of_range", "must be a past date after 1900");
        }
        let reg_address = f.text("applicant.registration_address", 300);
        let home_address = f.text("applicant.home_address", 300);
        let phone_v = phone(&mut f, "applicant.phone");
        let email = f.opt_text("applicant.email", 254).map(|e| e.to_lowercase());
        if let Some(e) = &email
            && !plausible_email(e)
        {
            f.error("applicant.email", "invalid_email", "must be an e-mail address");
        }
        let marital_status = f.choice("applicant.marital_status", MARITAL);
        let dependents = f.integer("applicant.dependents", 0, 20);
        f.object("applicant.pep", &["declared", "details"], true);
        let pep_declared = f.boolean("applicant.pep.declared");
        let pep_details = f.opt_text("applicant.pep.details", 1000);
        f.object("applicant.beneficial_owner", &["declared", "details"], true);
        let bo_declared = f.boolean("applicant.beneficial_owner.declared");
        let bo_details = f.opt_text("applicant.beneficial_owner.details", 1000);

        f.object("document", &["type", "number", "issuer", "issued_on", "expires_on"], true);
        let doc_type = f.choice("document.type", DOC_TYPES);
        let doc_number = f.text("document.number", 20);
        let doc_issuer = f.text("document.issuer", 200);
        let doc_issued_on = f.date("document.issued_on");
        let doc_expires_on = f.date("document.expires_on");
        if let (Some(i), Some(e)) = (doc_issued_on, doc_expires_on)
            && e <= i
        {
            f.error("document.expires_on", "before_issue", "must be after the issue date");
        }
        if doc_issued_on.is_some_and(|d| d > now.date()) {
            f.error("document.issued_on", "in_future", "must not be in the future");
        }

        let n = f.array_len("contacts", 5);
        let mut contacts = Vec::new();
        for i in 0..n {
            let base = format!("contacts.{i}");
            if !f.object(&base, &["name", "phone", "relation"], true) {
                continue;
            }
            let name = f.text(&format!("{base}.name"), 200);
            let p = phone(&mut f, &format!("{base}.phone"));
            let relation = f.choice(&format!("{base}.relation"), RELATIONS);
            if let Some(phone) = p {
                contacts.push(Contact { name, phone, relation });
            }
        }

        f.object("employer", &["name", "address"], false);
        let employer_name = f.opt_text("employer.name", 200);
        let employer_address = f.opt_text("employer.address", 300);

        f.object("card", &["masked", "token"], true);
        let card_masked = f.text("card.masked", 19);
        let masked_ok = card_masked.len() >= 12
            && card_masked.chars().take(6).all(|c| c.is_ascii_digit())
            && card_masked.chars().rev().take(4).all(|c| c.is_ascii_digit())
            && card_masked
                .chars()
                .skip(6)
                .take(card_masked.chars().count().saturating_sub(10))
                .all(|c| "*•Xx".contains(c));
        if !card_masked.is_empty() && !masked_ok && !f.errors.iter().any(|e| e.field == "card.masked") {
            f.error(
                "card.masked",
                "invalid_masked_card",
                "first 6 and last 4 digits with the middle masked: 440043******1234",
            );
        }
        let card_token = f.text("card.token", 128);

        f.object("loan", &["amount_kzt", "term_days"], true);
        let amount_kzt = f.integer("loan.amount_kzt", 1_000, 5_000_000);
        let term_days = f.integer("loan.term_days", 1, 365);

        f.object("device", &["id", "model", "os", "ip", "permissions"], true);
        let device_id = f.text("device.id", 128);
        let device_model = f.text("device.model", 100);
        let device_os = f.text("device.os", 100);
        let ip = f.text("device.ip", 45);
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            f.error("device.ip", "invalid_ip", "must be an IPv4 or IPv6 address");
        }
        f.object("device.permissions", &["camera", "location", "contacts"], true);
        let perm_camera = f.boolean("device.permissions.camera");
        let perm_location = f.boolean("device.permissions.location");
        let perm_contacts = f.boolean("device.permissions.contacts");

        let geo = if f.object("geo", &["lat", "lon", "accuracy_m"], false) {
            if !perm_location {
                f.error(
                    "geo",
                    "not_permitted",
                    "location was sent although the location permission was not granted",
                );
            }
            let lat = f.opt_number("geo.lat", -90.0, 90.0);
            let lon = f.opt_number("geo.lon", -180.0, 180.0);
            let acc = f.opt_number("geo.accuracy_m", 0.0, 100_000.0);
            match (lat, lon) {
                (Some(a), Some(o)) => Some((a, o, acc)),
                _ => {
                    f.error("geo", "incomplete", "lat and lon are both required");
                    None
                }
            }
        } else {
            None
        };

        match (f.errors.is_empty(), iin, submitted_at, birth_date, doc_issued_on, doc_expires_on, phone_v) {
            (
                true,
                Some(iin),
                Some(submitted_at),
                Some(birth_date),
                Some(doc_issued_on),
                Some(doc_expires_on),
                Some(phone),
            ) => Ok(NewApplication {
                external_id,
                account_id,
                submitted_at,
                language,
                last_name,
                first_name,
                patronymic,
                iin,
                citizenship,
                sex,
                birth_date,
                reg_address,
                home_address,
                doc_type,
                doc_number,
                doc_issuer,
                doc_issued_on,
                doc_expires_on,
                phone,
                email,
                card_masked,
                card_token,
                pep_declared,
                pep_details,
                bo_declared,
                bo_details,
                marital_status,
                dependents,
                employer_name,
                employer_address,
                amount_kzt,
                term_days,
                device_id,
                device_model,
                device_os,
                ip,
                geo,
                perm_camera,
                perm_location,
                perm_contacts,
                contacts,
            }),
            _ => {
                if f.errors.is_empty() {
                    f.error("", "invalid", "the document is incomplete");
                }
                Err(f.errors)
            }
        }
    }

    /// The name folded for search ([`name_tokens`]), words in order.
    pub fn search_name(&self) -> String {
        let s =
            format!("{} {} {}", self.last_name, self.first_name, self.patronymic.as_deref().unwrap_or(""));
        name_tokens(&s).join(" ")
    }
}

/// The words of a name or a search query, split at spaces and hyphens and folded as screening
/// folds names ([`crate::screening::names::fold`]): one Latin spelling for Kazakh and Russian
/// Cyrillic and Latin, so «Әбенова Гүлнар», «Абенова гулнар» and «Abenova Gulnar» are the same
/// words.
pub fn name_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .map(|w| crate::screening::names::fold(w).0)
        .filter(|w| !w.is_empty())
        .collect()
}
