//! What every page's layout needs (language, navigation, the signed-in person, the CSRF token,
//! a one-time message) and the helpers templates call to show text, counts and dates.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{
    auth::{CurrentUser, Role, access},
    i18n::{self, Lang},
};

/// One link of the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    /// One line on the home page about what the section is for.
    pub description: String,
    pub active: bool,
}

/// The main navigation: path, Fluent id (with `-desc` for its description), who may open it
/// (`None`: everyone signed in). Routes check the same lists from [`access`].
const NAV: &[(&str, &str, Option<&[Role]>)] = &[
    ("/", "nav-home", None),
    ("/dashboard", "nav-dashboard", Some(access::DASHBOARDS)),
    ("/review", "nav-review", Some(access::REVIEW)),
    ("/quality", "nav-quality", Some(access::QUALITY)),
    ("/compliance", "nav-compliance", Some(access::COMPLIANCE)),
    ("/customers", "nav-customers", Some(access::CUSTOMERS)),
    ("/customers/archive-requests", "nav-archive-requests", Some(access::ARCHIVE_CONFIRM)),
    ("/support", "nav-support", Some(access::SUPPORT)),
    ("/security", "nav-security", Some(access::RESTORATION_QUEUE)),
    ("/disclosures", "nav-disclosures", Some(access::DISCLOSURES)),
    ("/admin/staff", "nav-staff", Some(access::ADMIN)),
    ("/admin/api-keys", "nav-api-keys", Some(access::ADMIN)),
    ("/admin/reasons", "nav-reasons", Some(access::ADMIN)),
    ("/admin/quality", "nav-quality-settings", Some(access::ADMIN)),
    ("/admin/policy-versions", "nav-policy-versions", Some(access::ADMIN)),
    ("/admin/canned-replies", "nav-canned", Some(access::ADMIN)),
    ("/admin/calendar", "nav-calendar", Some(access::ADMIN)),
    ("/admin/support-targets", "nav-support-targets", Some(access::ADMIN)),
    ("/admin/jobs", "nav-jobs", Some(access::ADMIN)),
    ("/admin/mail", "nav-mail", Some(access::MAIL_OUTBOX)),
    ("/admin/audit", "nav-audit", Some(access::AUDIT)),
    ("/admin/access-log", "nav-access-log", Some(access::ACCESS_LOG)),
    ("/admin/sign-in-locks", "nav-locks", Some(access::LOCKS)),
    ("/account", "nav-account", None),
];

/// A one-time message for the next page, kept in the session as a Fluent id and arguments.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Flash {
    pub ok: bool,
    pub id: String,
    pub args: Vec<(String, String)>,
}

/// Layout data of one page.
pub struct Page {
    pub lang: Lang,
    pub title: String,
    pub csrf: String,
    /// Path and query of this page, for the language switcher to return to.
    pub here: String,
    pub user: Option<CurrentUser>,
    pub nav: Vec<NavItem>,
    /// `(ok, text)` of a one-time message.
    pub flash: Option<(bool, String)>,
}

impl Page {
    pub(crate) fn new(
        lang: Lang,
        title_id: &str,
        csrf: &str,
        path: &str,
        here: &str,
        user: Option<&CurrentUser>,
        flash: Option<&Flash>,
    ) -> Page {
        // The section of this page: the longest link that is the path or a parent of it (the
        // archive requests under /customers are their own section).
        let under = |href: &str| {
            path == href || (href != "/" && path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')))
        };
        let section = NAV.iter().map(|(href, _, _)| *href).filter(|h| under(h)).max_by_key(|h| h.len());
        let nav = match user {
            Some(u) if !u.must_change_password && !u.must_enrol => NAV
                .iter()
                .filter(|(_, _, roles)| roles.is_none_or(|r| u.has_any(r)))
                .map(|(href, id, _)| NavItem {
                    href,
                    label: i18n::t(lang, id),
                    description: i18n::t(lang, &format!("{id}-desc")),
                    active: section == Some(*href),
                })
                .collect(),
            _ => Vec::new(),
        };
        let flash = flash.map(|f| {
            let args: Vec<(&str, String)> = f.args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            (f.ok, i18n::t_with(lang, &f.id, &args))
        });
        Page {
            lang,
            title: i18n::t(lang, title_id),
            csrf: csrf.to_string(),
            here: here.to_string(),
            user: user.cloned(),
            nav,
            flash,
        }
    }

    /// A message.
    pub fn t(&self, id: &str) -> String {
        i18n::t(self.lang, id)
    }

    /// A message with one argument.
    pub fn tw(&self, id: &str, name: &str, value: &str) -> String {
        i18n::t_with(self.lang, id, &[(name, value.to_string())])
    }

    /// A message with a count (plural forms).
    pub fn tn(&self, id: &str, count: &i64) -> String {
        i18n::t_count(self.lang, id, *count, &[])
    }

    /// Date and time in Almaty time.
    pub fn datetime(&self, at: &OffsetDateTime) -> String {
        i18n::format_datetime(self.lang, *at)
    }

    /// Date and time, or a dash for never.
    pub fn datetime_or_dash(&self, at: &Option<OffsetDateTime>) -> String {
        at.map_or_else(|| "—".to_string(), |a| i18n::format_datetime(self.lang, a))
    }

    /// A calendar date in the short form of the language.
    pub fn date(&self, d: &time::Date) -> String {
        i18n::format_date(self.lang, d.midnight().assume_offset(i18n::ALMATY))
    }

    /// How long ago `since` was at `now`, short: minutes under an hour, hours under two days,
    /// then days.
    pub fn waited(&self, since: &OffsetDateTime, now: &OffsetDateTime) -> String {
        let minutes = (*now - *since).whole_minutes().max(0);
        let (id, n) = match minutes {
            m if m < 60 => ("fmt-waited-minutes", m),
            m if m < 48 * 60 => ("fmt-waited-hours", m / 60),
            m => ("fmt-waited-days", m / (24 * 60)),
        };
        i18n::t_count(self.lang, id, n, &[])
    }

    /// A decimal number with `digits` after the comma, as both languages write it (`0,5`).
    pub fn dec(&self, value: &f64, digits: usize) -> String {
        i18n::format_decimal(*value, digits)
    }

    /// A whole number with grouped digits.
    pub fn int(&self, n: &i64) -> String {
        i18n::format_int(*n)
    }

    /// The localized name of a role.
    pub fn role(&self, role: &Role) -> String {
        i18n::t(self.lang, role.message_id())
    }

    /// Localized role names joined with commas.
    pub fn roles(&self, roles: &[Role]) -> String {
        roles.iter().map(|r| self.role(r)).collect::<Vec<_>>().join(", ")
    }

    /// The localized name of an audit action (`staff.created`), or the code if it has none.
    pub fn audit_action(&self, code: &str) -> String {
        let id = format!("audit-action-{}", code.replace('.', "-"));
        if i18n::has(&id) { i18n::t(self.lang, &id) } else { code.to_string() }
    }

    /// The localized label of an audit detail key (`login`), or the key itself.
    pub fn audit_key(&self, key: &str) -> String {
        let id = format!("audit-key-{}", key.replace('_', "-"));
        if i18n::has(&id) { i18n::t(self.lang, &id) } else { key.to_string() }
    }

    /// The localized form of a coded audit value: reasons (`wrong-password`), role lists under
    /// `roles`/`before`/`after`, a language under `language`; anything else as it is.
    pub fn audit_value(&self, key: &str, value: &str) -> String {
        match key {
            "roles" | "before" | "after" => {
                let roles: Option<Vec<Role>> = value.split(", ").map(Role::parse).collect();
                match roles {
                    Some(roles) if !value.is_empty() => self.roles(&roles),
                    _ => value.to_string(),
                }
            }
            "language" => Lang::parse(value).map_or_else(|| value.to_string(), |l| i18n::t(l, "lang-self")),
            "kind" | "photos" | "documents" => value
                .split(", ")
                .map(|v| {
                    ["compliance-kind-", "review-doc-", "restoration-doc-"]
                        .iter()
                        .map(|p| format!("{p}{v}"))
                        .find(|id| i18n::has(id))
                        .map_or_else(|| v.to_string(), |id| i18n::t(self.lang, &id))
                })
                .collect::<Vec<_>>()
                .join(", "),
            "outcome" => self.coded("compliance-outcome-", value),
            "qa_outcome" => self.coded("review-status-", value),
            "qa_state" => self.coded("quality-state-", value),
            "job" => self.coded("jobs-kind-", &value.replace('.', "-")),
            "job_state" => self.coded("jobs-state-", value),
            "account_before" | "account_after" => self.coded("customers-status-", value),
            "basis" => self.coded("disclosures-basis-", value),
            "data" => value
                .split(", ")
                .map(|v| self.coded("disclosures-data-", v.trim()))
                .collect::<Vec<_>>()
                .join(", "),
            "restrictions" => value
                .split(',')
                .map(|v| self.coded("customers-restriction-", v.trim()))
                .collect::<Vec<_>>()
                .join(", "),
            "target" => self.coded("support-sla-target-", value),
            "mail_state" => self.coded("mail-state-", value),
            "source" => self.coded("restoration-source-", value),
            "device" => self.coded("restoration-device-", value),
            "case_state" => self.coded("restoration-state-", value),
            "requirements" => value
                .split(',')
                .filter(|v| !v.is_empty())
                .map(|v| self.coded("restoration-require-", v.trim()))
                .collect::<Vec<_>>()
                .join(", "),
            "legal_due_at" => OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
                .map_or_else(|_| value.to_string(), |at| self.datetime(&at)),
            "was" | "status" => self.coded("compliance-hit-status-", value),
            "format" => self.coded("list-format-", value),
            "encoding" => self.coded("list-encoding-", value),
            "country" => self.countries(value),
            // A ticket's field, alone or as `before → after`.
            "state" | "priority" | "category" | "channel" => value
                .split(" → ")
                .map(|v| self.coded(&format!("support-{key}-"), v))
                .collect::<Vec<_>>()
                .join(" → "),
            _ => {
                let id = format!("audit-value-{value}");
                if i18n::has(&id) { i18n::t(self.lang, &id) } else { value.to_string() }
            }
        }
    }

    /// A country's name from its ISO code (`kz`, `KZ`), or the code if it has none here.
    pub fn country(&self, code: &str) -> String {
        let id = format!("country-{}", code.trim().to_ascii_lowercase());
        if i18n::has(&id) { i18n::t(self.lang, &id) } else { code.trim().to_ascii_uppercase() }
    }

    /// Country codes separated by `;` or `,`, as names joined with commas.
    pub fn countries(&self, codes: &str) -> String {
        codes
            .split([';', ','])
            .filter(|c| !c.trim().is_empty())
            .map(|c| self.country(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `prefix` + `value` translated, or the value as it is.
    fn coded(&self, prefix: &str, value: &str) -> String {
        let id = format!("{prefix}{value}");
        if i18n::has(&id) { i18n::t(self.lang, &id) } else { value.to_string() }
    }

    /// The fingerprinted URL of a static file.
    pub fn asset(&self, name: &str) -> String {
        super::assets::url(name)
    }

    /// The interface languages for the switcher: `(code, name in that language, current)`.
    pub fn languages(&self) -> Vec<(&'static str, String, bool)> {
        Lang::ALL.iter().map(|l| (l.code(), i18n::t(*l, "lang-self"), *l == self.lang)).collect()
    }
}

/// Errors of a submitted form: field name -> localized message.
#[derive(Default)]
pub struct FieldErrors {
    lang: Option<Lang>,
    map: HashMap<&'static str, String>,
}

impl FieldErrors {
    /// No errors yet; messages will be in `lang`.
    pub fn new(lang: Lang) -> Self {
        FieldErrors { lang: Some(lang), map: HashMap::new() }
    }

    /// Records the error with Fluent id `id` on `field` (the first error of a field wins).
    pub fn add(&mut self, field: &'static str, id: &str) {
        let text = i18n::t(self.lang.unwrap_or(Lang::Ru), id);
        self.map.entry(field).or_insert(text);
    }

    /// Records the error with Fluent id `id` and its values on `field` (the first error of a
    /// field wins).
    pub fn add_with(&mut self, field: &'static str, id: &str, args: &[(&str, String)]) {
        let text = i18n::t_with(self.lang.unwrap_or(Lang::Ru), id, args);
        self.map.entry(field).or_insert(text);
    }

    /// The message of `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&String> {
        self.map.get(field)
    }

    /// Whether `field` has an error (for `aria-invalid`).
    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    /// Whether there are no errors.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
