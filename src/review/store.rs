//! Reads and writes of the review: the whole application, claims, decisions, notes, the
//! personal-data access log.

use serde_json::json;
use sqlx::FromRow;
use time::{Date, Duration, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{self, Db, Tx},
    events, with_db, with_tx,
};

/// Everything the applicant sent, with the review state.
#[derive(Clone, Debug, FromRow)]
pub struct Application {
    pub id: i64,
    pub status: String,
    pub version: i64,
    pub external_id: Option<String>,
    pub submitted_at: OffsetDateTime,
    pub received_at: OffsetDateTime,
    pub language: String,
    pub last_name: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub iin: String,
    pub citizenship: String,
    pub sex: String,
    pub birth_date: Date,
    pub reg_address: String,
    pub home_address: String,
    pub doc_type: String,
    pub doc_number: String,
    pub doc_issuer: String,
    pub doc_issued_on: Date,
    pub doc_expires_on: Date,
    pub phone: String,
    pub email: Option<String>,
    pub card_masked: String,
    pub card_token: String,
    pub pep_declared: bool,
    pub pep_details: Option<String>,
    pub bo_declared: bool,
    pub bo_details: Option<String>,
    pub marital_status: String,
    pub dependents: i64,
    pub employer_name: Option<String>,
    pub employer_address: Option<String>,
    pub amount_kzt: i64,
    pub term_days: i64,
    pub device_id: String,
    pub device_model: String,
    pub device_os: String,
    pub ip: String,
    pub geo_lat: Option<f64>,
    pub geo_lon: Option<f64>,
    pub geo_accuracy_m: Option<f64>,
    pub perm_camera: bool,
    pub perm_location: bool,
    pub perm_contacts: bool,
    pub risk_signals: i64,
    pub claimed_by: Option<i64>,
    pub claimed_until: Option<OffsetDateTime>,
    pub holder: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub decider: Option<String>,
    /// What compliance still has to do (`review`, `senior`), if anything.
    pub compliance_state: Option<String>,
    pub pep_confirmed: bool,
}

/// "Last First Patronymic", without the patronymic when there is none.
pub fn full_name(last: &str, first: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) => format!("{last} {first} {p}"),
        None => format!("{last} {first}"),
    }
}

impl Application {
    pub fn full_name(&self) -> String {
        full_name(&self.last_name, &self.first_name, self.patronymic.as_deref())
    }

    /// Whether `staff` holds a live claim on it at `now`.
    pub fn held_by(&self, staff: i64, now: OffsetDateTime) -> bool {
        self.claimed_by == Some(staff) && self.claimed_until.is_some_and(|u| u > now)
    }

    /// `lat, lon` if the applicant shared a location.
    pub fn geo(&self) -> Option<String> {
        Some(format!("{:.5}, {:.5}", self.geo_lat?, self.geo_lon?))
    }

    /// Whether someone holds a live claim at `now`.
    pub fn held(&self, now: OffsetDateTime) -> bool {
        self.claimed_by.is_some() && self.claimed_until.is_some_and(|u| u > now)
    }
}

/// The application `id`, if it exists.
pub async fn find(db: &Db, id: i64) -> Result<Option<Application>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT a.id, a.status, a.version, a.external_id, a.submitted_at, a.received_at, a.language,
                a.last_name, a.first_name, a.patronymic, a.iin, a.citizenship, a.sex, a.birth_date,
                a.reg_address, a.home_address, a.doc_type, a.doc_number, a.doc_issuer, a.doc_issued_on,
                a.doc_expires_on, a.phone, a.email, a.card_masked, a.card_token, a.pep_declared,
                a.pep_details, a.bo_declared, a.bo_details, a.marital_status, a.dependents,
                a.employer_name, a.employer_address, a.amount_kzt, a.term_days, a.device_id,
                a.device_model, a.device_os, a.ip, a.geo_lat, a.geo_lon, a.geo_accuracy_m,
                a.perm_camera, a.perm_location, a.perm_contacts, a.risk_signals, a.claimed_by,
                a.claimed_until, h.full_name AS holder, a.decided_at, d.full_name AS decider,
                a.compliance_state, a.pep_confirmed
         FROM applications a
         LEFT JOIN staff h ON h.id = a.claimed_by
         LEFT JOIN staff d ON d.id = a.decided_by
         WHERE a.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)
}

/// A contact person.
#[derive(Clone, Debug, FromRow)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub relation: String,
}

pub async fn contacts(db: &Db, id: i64) -> Result<Vec<Contact>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT name, phone, relation FROM application_contacts WHERE application_id = $1 ORDER BY position"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}

/// A photo's record (the files are in storage).
#[derive(Clone, Debug, FromRow)]
pub struct Photo {
    pub id: i64,
    pub kind: String,
    pub byte_size: i64,
    pub width: i64,
    pub height: i64,
    pub blur: f64,
    pub brightness: f64,
    pub uploaded_at: OffsetDateTime,
    pub current: bool,
}

impl Photo {
    /// Below this Laplacian variance a photo is likely out of focus.
    pub const BLUR_LOW: f64 = 60.0;

    pub fn blurry(&self) -> bool {
        self.blur < Self::BLUR_LOW
    }

    /// Too dark or washed out (mean luma out of 40..=220).
    pub fn badly_lit(&self) -> bool {
        !(40.0..=220.0).contains(&self.brightness)
    }

    pub fn megapixels(&self) -> String {
        format!("{:.1}", (self.width * self.height) as f64 / 1_000_000.0)
    }

    pub fn kilobytes(&self) -> i64 {
        (self.byte_size + 512) / 1024
    }

    pub fn blur_shown(&self) -> String {
        format!("{:.0}", self.blur)
    }

    pub fn brightness_shown(&self) -> String {
        format!("{:.0}", self.brightness)
    }
}

/// Every photo of the application, current ones first.
pub async fn photos(db: &Db, id: i64) -> Result<Vec<Photo>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT id, kind, byte_size, width, height, blur, brightness, uploaded_at, current
         FROM photos WHERE application_id = $1 ORDER BY current DESC, id DESC"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}

/// A decision as recorded.
#[derive(Clone, Debug, FromRow)]
pub struct Decision {
    pub version: i64,
    pub outcome: String,
    pub reasons: String,
    pub documents: String,
    pub message: Option<String>,
    pub staff_name: String,
    pub decided_at: OffsetDateTime,
}

pub async fn decisions(db: &Db, id: i64) -> Result<Vec<Decision>, sqlx::Error> {
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT d.version, d.outcome, d.reasons, d.documents, d.message, s.full_name AS staff_name, d.decided_at
         FROM decisions d JOIN staff s ON s.id = d.staff_id WHERE d.application_id = $1 ORDER BY d.id DESC"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })
}

/// An internal note.
#[derive(Clone, Debug, FromRow)]
pub struct Note {
    pub body: String,
    pub staff_name: String,
    pub created_at: OffsetDateTime,
}

pub async fn notes(db: &Db, id: i64) -> Result<Vec<Note>, sqlx::Error> {
    with_db!(db, |c| {
        sqlx::query_as(
        "SELECT n.body, s.full_name AS staff_name, n.created_at
         FROM application_notes n JOIN staff s ON s.id = n.staff_id WHERE n.application_id = $1 ORDER BY n.id DESC"
    )
    .bind(id)
    .fetch_all(c)
    .await
    })
}

/// One line of the application's history (from the audit trail).
#[derive(Clone, Debug, FromRow)]
pub struct HistoryItem {
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub action: String,
}

pub async fn history(db: &Db, id: i64) -> Result<Vec<HistoryItem>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT at, actor_label, action FROM audit_log
         WHERE subject_type = 'application' AND subject_id = $1 ORDER BY seq DESC LIMIT 100"
    )
    .bind(id.to_string())
    .fetch_all(c)
    .await)
}

/// Records a view of personal data (a review page, an original photo).
pub async fn log_access(db: &Db, staff: i64, id: i64, access: &str, ip: &str) -> Result<(), sqlx::Error> {
    with_db!(db, |c| sqlx::query(
        "INSERT INTO pd_access_log (at, staff_id, application_id, access, ip) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(db::now())
    .bind(staff)
    .bind(id)
    .bind(access)
    .bind(ip)
    .execute(c)
    .await
    .map(|_| ()))
}

/// The condition, on `applications`, of an application a verifier can decide as of the bound
/// dates: pending, nothing left for compliance, of age (`$1`: the latest birth date of someone
/// 18 today) and with a valid document (`$2`: today). These are the checks that disable the
/// approve button, so "take next" never hands out what cannot be decided.
const DECIDABLE: &str = "status = 'pending' AND compliance_state IS NULL
    AND birth_date <= $1 AND doc_expires_on >= $2";

/// The latest birth date of someone who is 18 on `today` (29 February counts from 1 March).
pub fn adult_cutoff(today: Date) -> Date {
    let year = today.year() - 18;
    today.replace_year(year).unwrap_or_else(|_| {
        Date::from_calendar_date(year, time::Month::February, 28).expect("28 February exists")
    })
}

/// Gives `staff` the oldest decidable application nobody holds (or the one they already hold),
/// skipping any they released within `ttl`, and claims it until `ttl` from now. Two callers
/// never get the same one: PostgreSQL skips rows another transaction has locked, SQLite runs one
/// writer at a time.
pub async fn take_next(
    db: &Db,
    actor: &Actor,
    staff: i64,
    ttl: Duration,
    ip: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let now = db::now();
    let today = now.to_offset(crate::i18n::ALMATY).date();
    let cutoff = adult_cutoff(today);
    let mut tx = db.begin().await?;
    let held_sql = format!(
        "SELECT id FROM applications WHERE claimed_by = $3 AND claimed_until > $4 AND {DECIDABLE}
         ORDER BY received_at, id LIMIT 1"
    );
    let held: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(&held_sql)
        .bind(cutoff)
        .bind(today)
        .bind(staff)
        .bind(now)
        .fetch_optional(c)
        .await)?;
    if let Some(id) = held {
        return Ok(Some(id));
    }
    let pick = format!(
        "SELECT id FROM applications
         WHERE {DECIDABLE} AND (claimed_by IS NULL OR claimed_until <= $4)
           AND (released_by IS NULL OR released_by <> $3 OR released_at <= $5)
         ORDER BY received_at, id LIMIT 1"
    );
    let lock = match &tx {
        Tx::Pg(_) => " FOR UPDATE SKIP LOCKED",
        Tx::Sqlite(_) => "",
    };
    let pick = format!("{pick}{lock}");
    let next: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(&pick)
        .bind(cutoff)
        .bind(today)
        .bind(staff)
        .bind(now)
        .bind(now - ttl)
        .fetch_optional(c)
        .await)?;
    let Some(id) = next else { return Ok(None) };
    claim_in(&mut tx, actor, staff, id, now + ttl, ip).await?;
    tx.commit().await?;
    Ok(Some(id))
}

async fn claim_in(
    tx: &mut Tx,
    actor: &Actor,
    staff: i64,
    id: i64,
    until: OffsetDateTime,
    ip: &str,
) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE applications SET claimed_by = $1, claimed_until = $2 WHERE id = $3"
    )
    .bind(staff)
    .bind(until)
    .bind(id)
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "application.claimed").subject("application", id).ip(ip);
    audit::record(tx, entry).await.map(|_| ())
}

/// Claims application `id` for `staff` if it is pending and nobody else holds it; returns whether
/// it now holds it.
pub async fn claim(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    ttl: Duration,
    ip: &str,
) -> Result<bool, sqlx::Error> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let free: Option<i64> = with_tx!(&mut tx, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE id = $1 AND status = 'pending'
         AND (claimed_by IS NULL OR claimed_until <= $2 OR claimed_by = $3)"
    )
    .bind(id)
    .bind(now)
    .bind(staff)
    .fetch_optional(c)
    .await)?;
    if free.is_none() {
        return Ok(false);
    }
    claim_in(&mut tx, actor, staff, id, now + ttl, ip).await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives up `staff`'s claim on `id`; returns whether there was one.
pub async fn release(db: &Db, actor: &Actor, staff: i64, id: i64, ip: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let n = with_tx!(&mut tx, |c| {
        sqlx::query(
        "UPDATE applications SET claimed_by = NULL, claimed_until = NULL, released_by = $2, released_at = $3
         WHERE id = $1 AND claimed_by = $2"
    )
    .bind(id)
    .bind(staff)
    .bind(db::now())
    .execute(c)
    .await
    .map(|r| r.rows_affected())
    })?;
    if n == 0 {
        return Ok(false);
    }
    let entry = Entry::new(actor, "application.released").subject("application", id).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(true)
}

/// What a verifier decided.
#[derive(Clone, Debug)]
pub enum Outcome {
    Approve,
    /// Reason codes, with the customer-facing text in the customer's language.
    Reject(Vec<(String, String)>),
    /// Documents to send again and the message to the customer.
    Resubmit {
        documents: Vec<&'static str>,
        message: String,
    },
}

impl Outcome {
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Approve => "approved",
            Outcome::Reject(_) => "rejected",
            Outcome::Resubmit { .. } => "resubmission_requested",
        }
    }
}

/// Why a decision was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("no such application")]
    NotFound,
    /// The application changed since the page was shown (or was decided already).
    #[error("stale version")]
    Stale,
    /// The deciding verifier does not hold the application (or the claim expired).
    #[error("not held")]
    NotHeld,
    /// An approval while compliance has not finished (hits, declarations, four eyes).
    #[error("waiting for compliance")]
    Compliance(crate::screening::compliance::Waiting),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Records a decision on version `version` of application `id`, with its audit entry and its
/// outbox event, in one transaction.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    version: i64,
    outcome: &Outcome,
    ip: &str,
) -> Result<i64, DecideError> {
    let now = db::now();
    let mut tx = db.begin().await?;
    let lock = match &tx {
        Tx::Pg(_) => " FOR UPDATE",
        Tx::Sqlite(_) => "",
    };
    let sql = format!(
        "SELECT status, version, claimed_by, claimed_until, language FROM applications WHERE id = $1{lock}"
    );
    type Current = (String, i64, Option<i64>, Option<OffsetDateTime>, String);
    let row: Option<Current> = with_tx!(&mut tx, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    let Some((status, current, holder, until, language)) = row else { return Err(DecideError::NotFound) };
    if current != version || status != "pending" {
        return Err(DecideError::Stale);
    }
    if holder != Some(staff) || until.is_none_or(|u| u <= now) {
        return Err(DecideError::NotHeld);
    }
    if matches!(outcome, Outcome::Approve)
        && let Some(w) = crate::screening::compliance::waiting(&mut tx, id).await?
    {
        return Err(DecideError::Compliance(w));
    }
    let new_version = version + 1;
    with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE applications SET status = $1, version = $2, claimed_by = NULL, claimed_until = NULL,
                decided_by = $3, decided_at = $4
         WHERE id = $5 AND version = $6"
    )
    .bind(outcome.status())
    .bind(new_version)
    .bind(staff)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(c)
    .await
    .map(|_| ()))?;
    let (reasons, documents, message) = match outcome {
        Outcome::Approve => (Vec::new(), Vec::new(), None),
        Outcome::Reject(r) => (r.iter().map(|(c, _)| c.clone()).collect(), Vec::new(), None),
        Outcome::Resubmit { documents, message } => {
            (Vec::new(), documents.iter().map(|d| (*d).to_string()).collect(), Some(message.clone()))
        }
    };
    let decision_id: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO decisions (application_id, version, outcome, reasons, documents, message, staff_id, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(id)
    .bind(version)
    .bind(outcome.status())
    .bind(reasons.join(","))
    .bind(documents.join(","))
    .bind(&message)
    .bind(staff)
    .bind(now)
    .fetch_one(c)
    .await
    })?;
    let payload = match outcome {
        Outcome::Approve => json!({ "status": "approved", "version": new_version }),
        Outcome::Reject(r) => json!({
            "status": "rejected",
            "version": new_version,
            "language": language,
            "reasons": r.iter().map(|(code, text)| json!({ "code": code, "message": text })).collect::<Vec<_>>(),
        }),
        Outcome::Resubmit { documents, message } => json!({
            "status": "resubmission_requested",
            "version": new_version,
            "language": language,
            "documents": documents,
            "message": message,
        }),
    };
    let event = match outcome {
        Outcome::Approve => "application.approved",
        Outcome::Reject(_) => "application.rejected",
        Outcome::Resubmit { .. } => "application.resubmission_requested",
    };
    events::emit(&mut tx, event, id, &payload).await?;
    let action = match outcome {
        Outcome::Approve => "application.approved",
        Outcome::Reject(_) => "application.rejected",
        Outcome::Resubmit { .. } => "application.resubmission-requested",
    };
    let mut details = json!({ "version": version });
    if !reasons.is_empty() {
        details["reasons"] = json!(reasons.join(", "));
    }
    if !documents.is_empty() {
        details["documents"] = json!(documents.join(", "));
    }
    let entry = Entry::new(actor, action).subject("application", id).details(details).ip(ip);
    audit::record(&mut tx, entry).await?;
    crate::screening::compliance::refresh(&mut tx, id).await?;
    tx.commit().await?;
    Ok(decision_id)
}

/// Adds an internal note.
pub async fn add_note(
    db: &Db,
    actor: &Actor,
    staff: i64,
    id: i64,
    body: &str,
    ip: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    with_tx!(&mut tx, |c| sqlx::query(
        "INSERT INTO application_notes (application_id, staff_id, body, created_at) VALUES ($1, $2, $3, $4)"
    )
    .bind(id)
    .bind(staff)
    .bind(body)
    .bind(db::now())
    .execute(c)
    .await
    .map(|_| ()))?;
    let entry = Entry::new(actor, "application.note-added").subject("application", id).ip(ip);
    audit::record(&mut tx, entry).await?;
    tx.commit().await
}

/// Other applications sharing one value with this one: `(signal, ids)`, at most 50 ids each
/// (51 fetched, to say "more than 50").
pub async fn same_value(db: &Db, id: i64, column: &str, value: &str) -> Result<Vec<i64>, sqlx::Error> {
    let sql =
        format!("SELECT id FROM applications WHERE {column} = $1 AND id <> $2 ORDER BY id DESC LIMIT 51");
    with_db!(db, |c| sqlx::query_scalar(&sql).bind(value).bind(id).fetch_all(c).await)
}

/// Other applications where one of `phones` (this one's contacts) is a contact's or the
/// applicant's phone, or where this applicant's phone is someone's contact.
pub async fn same_contact_phone(
    db: &Db,
    id: i64,
    phones: &[String],
    own: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::new();
    for p in phones {
        let found: Vec<i64> = with_db!(db, |c| sqlx::query_scalar(
            "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2
             UNION SELECT id FROM applications WHERE phone = $1 AND id <> $2 LIMIT 51"
        )
        .bind(p)
        .bind(id)
        .fetch_all(c)
        .await)?;
        ids.extend(found);
    }
    let named: Vec<i64> = with_db!(db, |c| {
        sqlx::query_scalar(
        "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2 LIMIT 51"
    )
    .bind(own)
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    ids.extend(named);
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    ids.truncate(51);
    Ok(ids)
}

/// A near-identical photo on another application.
#[derive(Clone, Debug, FromRow)]
pub struct PhotoMatch {
    pub kind: String,
    pub application_id: i64,
    pub distance: i64,
}

pub async fn photo_matches(db: &Db, id: i64) -> Result<Vec<PhotoMatch>, sqlx::Error> {
    with_db!(db, |c| sqlx::query_as(
        "SELECT o.kind, o.application_id, MIN(m.distance) AS distance
         FROM photos p JOIN photo_matches m ON m.photo_id = p.id JOIN photos o ON o.id = m.other_photo_id
         WHERE p.application_id = $1 AND p.current
         GROUP BY o.kind, o.application_id ORDER BY MIN(m.distance), o.application_id DESC LIMIT 100"
    )
    .bind(id)
    .fetch_all(c)
    .await)
}
