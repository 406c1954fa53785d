//! The account panel of the customer page: the account status with why, since when and by whom,
//! an open archive request, and the action form for those who may act.

use time::OffsetDateTime;

use super::{
    account::{self, Action},
    store::Customer,
};
use crate::{
    auth::{access, roles::Role, session::CurrentUser},
    i18n::Lang,
    review::reasons,
    web::page::FieldErrors,
};

/// The account form as typed.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub action: String,
    pub reason: String,
    pub comment: String,
    pub restrictions: Vec<String>,
    pub version: String,
}

/// An archive request waiting for a second person.
pub struct OpenRequest {
    pub id: i64,
    pub reason: String,
    pub comment: String,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub requested_at: OffsetDateTime,
}

/// What the panel shows.
pub struct Panel {
    pub restrictions: Vec<String>,
    /// The reason's label in the reader's language.
    pub reason: Option<String>,
    pub request: Option<OpenRequest>,
    /// May block, unblock, restrict and ask for an archive.
    pub can_act: bool,
    /// May confirm or refuse the open request (someone else's).
    pub can_decide: bool,
    /// Asked for the open request (may withdraw it).
    pub asked: bool,
    /// The actions possible now, by code.
    pub actions: Vec<&'static str>,
    /// Active account reasons: `(code, label)`.
    pub reasons: Vec<(String, String)>,
    pub restriction_codes: &'static [&'static str],
    pub form: AccountForm,
    pub errors: FieldErrors,
    /// Why the last attempt was refused (a stale page, a state that does not allow it).
    pub problem: Option<String>,
    /// An archived account's retention date: its data is erased after it.
    pub retained_until: Option<time::Date>,
}

impl Panel {
    /// The panel of `customer` for `user`, with the account reasons (labels and choices), the open
    /// archive request, and the form as typed in `state` (the defaults when shown afresh).
    pub fn new(
        customer: &Customer,
        user: &CurrentUser,
        lang: Lang,
        retention_years: i32,
        all: &[reasons::Reason],
        request: Option<OpenRequest>,
        state: super::page::AccountState,
    ) -> Panel {
        let label = |code: &str| all.iter().find(|r| r.code == code).map(|r| r.label(&lang).to_string());
        let request = request.map(|mut r| {
            r.reason = label(&r.reason).unwrap_or(r.reason);
            r
        });
        let restrictions = account::parse_restrictions(customer.restrictions.as_deref());
        let has = |roles: &[Role]| user.roles.iter().any(|r| roles.contains(r));
        let can_act = has(access::ACCOUNT_ACTIONS) && customer.status != "archived";
        let asked = request.as_ref().is_some_and(|r| r.requested_by == user.id);
        let can_decide = request.is_some() && !asked && has(access::ARCHIVE_CONFIRM);
        let actions = Action::ALL
            .into_iter()
            // Restricting again with other restrictions is possible, so it stays offered.
            .filter(|a| a.refusal(&customer.status, &restrictions, &[]).is_none())
            .filter(|a| *a != Action::Archive || request.is_none())
            .map(Action::code)
            .collect();
        let mut form = state.form.unwrap_or_default();
        if form.version.is_empty() {
            form.version = customer.version.to_string();
        }
        Panel {
            reason: customer.status_reason.as_deref().map(|c| label(c).unwrap_or_else(|| c.to_string())),
            restrictions,
            request,
            can_act,
            can_decide,
            asked,
            actions,
            reasons: all
                .iter()
                .filter(|r| r.active)
                .map(|r| (r.code.clone(), r.label(&lang).to_string()))
                .collect(),
            restriction_codes: account::RESTRICTIONS,
            form,
            errors: state.errors.unwrap_or_else(|| FieldErrors::new(lang)),
            problem: state.problem,
            retained_until: (customer.status == "archived")
                .then(|| super::retention::retained_until(customer.last_activity_at, retention_years)),
        }
    }

    /// Whether `code` is ticked in the form.
    pub fn ticked(&self, code: &str) -> bool {
        self.form.restrictions.iter().any(|r| r == code)
    }
}
