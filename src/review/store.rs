//! Reads and writes of the review: the whole application, claims, decisions, notes, the
//! personal-data access log's page (views are written by `audit::views`).

use serde::Deserialize;
use sqlx::FromRow;
use time::{Date, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    db::{
        self, Db,
        json_rows::{self, de},
    },
    review::reasons::Reason,
    with_db, with_tx,
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
    /// How many screening hits and declaration checks it has: the review page reads only the
    /// compliance lists that are not empty (most applications have none).
    pub hit_count: i64,
    pub check_count: i64,
    /// The customer the application belongs to.
    pub customer_id: Option<i64>,
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
    let sql = format!("SELECT {APPLICATION} FROM {APPLICATION_FROM}");
    with_db!(db, |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)
}

/// The columns of an [`Application`] (from `applications a` joined with its holder and decider).
const APPLICATION: &str =
    "a.id, a.status, a.version, a.external_id, a.submitted_at, a.received_at, a.language,
                a.last_name, a.first_name, a.patronymic, a.iin, a.citizenship, a.sex, a.birth_date,
                a.reg_address, a.home_address, a.doc_type, a.doc_number, a.doc_issuer, a.doc_issued_on,
                a.doc_expires_on, a.phone, a.email, a.card_masked, a.card_token, a.pep_declared,
                a.pep_details, a.bo_declared, a.bo_details, a.marital_status, a.dependents,
                a.employer_name, a.employer_address, a.amount_kzt, a.term_days, a.device_id,
                a.device_model, a.device_os, a.ip, a.geo_lat, a.geo_lon, a.geo_accuracy_m,
                a.perm_camera, a.perm_location, a.perm_contacts, a.risk_signals, a.claimed_by,
                a.claimed_until, h.full_name AS holder, a.decided_at, d.full_name AS decider,
                a.compliance_state, a.pep_confirmed, a.customer_id,
                (SELECT COUNT(*) FROM screening_hits s WHERE s.application_id = a.id) AS hit_count,
                (SELECT COUNT(*) FROM declaration_checks k WHERE k.application_id = a.id) AS check_count
        ";
/// Where [`APPLICATION`] reads from, for `$1`.
const APPLICATION_FROM: &str = "applications a
         LEFT JOIN staff h ON h.id = a.claimed_by
         LEFT JOIN staff d ON d.id = a.decided_by
         WHERE a.id = $1";

/// A contact person.
#[derive(Clone, Debug, FromRow, Deserialize)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub relation: String,
}

/// A photo's record (the files are in storage).
#[derive(Clone, Debug, FromRow, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub kind: String,
    pub byte_size: i64,
    pub width: i64,
    pub height: i64,
    pub blur: f64,
    pub brightness: f64,
    #[serde(deserialize_with = "de::time")]
    pub uploaded_at: OffsetDateTime,
    #[serde(deserialize_with = "de::boolean")]
    pub current: bool,
    /// Set for an ID card's front with a portrait copy.
    pub portrait_hash: Option<i64>,
}

impl Photo {
    /// Below this Laplacian variance a photo is likely out of focus.
    pub const BLUR_LOW: f64 = 60.0;

    pub fn blurry(&self) -> bool {
        self.blur < Self::BLUR_LOW
    }

    /// Too dark (mean luma under 40).
    pub fn too_dark(&self) -> bool {
        self.brightness < 40.0
    }

    /// Washed out (mean luma over 220).
    pub fn too_bright(&self) -> bool {
        self.brightness > 220.0
    }

    pub fn megapixels(&self) -> f64 {
        (self.width * self.height) as f64 / 1_000_000.0
    }

    pub fn kilobytes(&self) -> i64 {
        (self.byte_size + 512) / 1024
    }

    /// The sharpness measure (variance of the Laplacian), whole.
    pub fn blur_rounded(&self) -> i64 {
        self.blur.round() as i64
    }

    /// Mean luma 0 to 255, whole.
    pub fn brightness_rounded(&self) -> i64 {
        self.brightness.round() as i64
    }
}

/// Every photo of the application, current ones first.
/// A decision as recorded.
#[derive(Clone, Debug, Deserialize)]
pub struct Decision {
    pub version: i64,
    pub outcome: String,
    pub reasons: String,
    pub documents: String,
    pub message: Option<String>,
    pub staff_name: String,
    #[serde(deserialize_with = "de::time")]
    pub decided_at: OffsetDateTime,
}

/// An internal note.
#[derive(Clone, Debug, Deserialize)]
pub struct Note {
    pub body: String,
    pub staff_name: String,
    #[serde(deserialize_with = "de::time")]
    pub created_at: OffsetDateTime,
}

/// One line of the application's history (from the audit trail).
#[derive(Clone, Debug, FromRow, Deserialize)]
pub struct HistoryItem {
    #[serde(deserialize_with = "de::time")]
    pub at: OffsetDateTime,
    pub actor_label: String,
    pub action: String,
}

/// The lists of the review page.
pub struct PageLists {
    pub contacts: Vec<Contact>,
    /// Current photos first, newest first.
    pub photos: Vec<Photo>,
    /// Newest first, at most 100.
    pub history: Vec<HistoryItem>,
    /// Newest first.
    pub decisions: Vec<Decision>,
    /// Newest first.
    pub notes: Vec<Note>,
    /// The active reason codes, in list order.
    pub reasons: Vec<Reason>,
}

/// The application `id` with every list of its review page, read in one statement (each list a
/// column of JSON text, see `db::json_rows::columns`).
pub async fn find_with_lists(db: &Db, id: i64) -> Result<Option<(Application, PageLists)>, sqlx::Error> {
    use sqlx::Row;
    let lists = json_rows::columns(
        db,
        &[
            (
                "SELECT name, phone, relation, position FROM application_contacts WHERE application_id = $1",
                &["name", "phone", "relation"],
                "position",
            ),
            (
                "SELECT id, kind, byte_size, width, height, blur, brightness, uploaded_at, current, portrait_hash
                 FROM photos WHERE application_id = $1",
                &["id", "kind", "byte_size", "width", "height", "blur", "brightness", "uploaded_at", "current", "portrait_hash"],
                "current DESC, id DESC",
            ),
            (
                // The audit trail's subject is text; the cast keeps `$1` one type on PostgreSQL.
                "SELECT seq, at, actor_label, action FROM audit_log
                 WHERE subject_type = 'application' AND subject_id = CAST(CAST($1 AS BIGINT) AS TEXT)
                 ORDER BY seq DESC LIMIT 100",
                &["at", "actor_label", "action"],
                "seq DESC",
            ),
            (
                "SELECT d.id, d.version, d.outcome, d.reasons, d.documents, d.message, s.full_name AS staff_name,
                        d.decided_at
                 FROM decisions d JOIN staff s ON s.id = d.staff_id WHERE d.application_id = $1",
                &["version", "outcome", "reasons", "documents", "message", "staff_name", "decided_at"],
                "id DESC",
            ),
            (
                "SELECT n.id, n.body, s.full_name AS staff_name, n.created_at
                 FROM application_notes n JOIN staff s ON s.id = n.staff_id WHERE n.application_id = $1",
                &["body", "staff_name", "created_at"],
                "id DESC",
            ),
            (super::reasons::ACTIVE, super::reasons::COLUMNS, super::reasons::ORDER),
        ],
    );
    let sql = format!("SELECT {APPLICATION}, {lists} FROM {APPLICATION_FROM}");
    let found: Option<(Application, [String; 6])> = with_db!(db, |c| {
        match sqlx::query(&sql).bind(id).fetch_optional(c).await? {
            Some(row) => {
                let list = |n: usize| row.try_get::<String, _>(format!("l{n}").as_str());
                Some((
                    Application::from_row(&row)?,
                    [list(0)?, list(1)?, list(2)?, list(3)?, list(4)?, list(5)?],
                ))
            }
            None => None,
        }
    });
    let Some((app, [contacts, photos, history, decisions, notes, reasons])) = found else { return Ok(None) };
    Ok(Some((
        app,
        PageLists {
            contacts: json_rows::parse(&contacts)?,
            photos: json_rows::parse(&photos)?,
            history: json_rows::parse(&history)?,
            decisions: json_rows::parse(&decisions)?,
            notes: json_rows::parse(&notes)?,
            reasons: json_rows::parse(&reasons)?,
        },
    )))
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
