//! Disclosures as stored, the codes their fields take, and the register's reads.

use time::{Date, OffsetDateTime};

use crate::{db::Db, with_db};

/// What data was given, by code (`disclosures-data-<code>`).
pub const DATA: &[&str] =
    &["identity", "contacts", "addresses", "document", "photos", "loan", "device", "other"];
/// The legal bases (policy 7.2), by code (`disclosures-basis-<code>`).
pub const BASES: &[&str] = &["consent", "authority_request", "credit_bureau", "collection_agency", "other"];

/// One disclosure as the register and the customer page show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Disclosure {
    pub id: i64,
    pub customer_id: i64,
    pub iin: String,
    pub recipient: String,
    pub data_items: String,
    pub data_other: Option<String>,
    pub legal_basis: String,
    pub basis_other: Option<String>,
    pub request_reference: Option<String>,
    pub request_date: Option<Date>,
    pub disclosed_on: Date,
    pub comment: Option<String>,
    pub staff_name: String,
    pub created_at: OffsetDateTime,
}

impl Disclosure {
    /// The data codes given.
    pub fn items(&self) -> Vec<&str> {
        self.data_items.split(',').filter(|s| !s.is_empty()).collect()
    }

    pub fn iin_masked(&self) -> String {
        crate::review::queue::mask_iin(&self.iin)
    }
}

/// The register's filters, checked.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub customer: Option<i64>,
    pub basis: Option<&'static str>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub recipient: Option<String>,
    /// Only entries older than this id (the next page).
    pub before: Option<i64>,
}

const SELECT: &str =
    "SELECT d.id, d.customer_id, c.iin, d.recipient, d.data_items, d.data_other, d.legal_basis,
        d.basis_other, d.request_reference, d.request_date, d.disclosed_on, d.comment,
        s.full_name AS staff_name, d.created_at
 FROM disclosures d JOIN customers c ON c.id = d.customer_id JOIN staff s ON s.id = d.staff_id";

/// The entries under `f`, newest first, at most `limit`.
pub async fn list(db: &Db, f: &Filter, limit: i64) -> Result<Vec<Disclosure>, sqlx::Error> {
    // Every filter is bound; an absent one matches all.
    let sql = format!(
        "{SELECT}
         WHERE ($1 IS NULL OR d.customer_id = $1) AND ($2 IS NULL OR d.legal_basis = $2)
           AND ($3 IS NULL OR d.disclosed_on >= $3) AND ($4 IS NULL OR d.disclosed_on <= $4)
           AND ($5 IS NULL OR d.recipient_folded LIKE $5) AND ($6 IS NULL OR d.id < $6)
         ORDER BY d.id DESC LIMIT $7"
    );
    let recipient = f.recipient.as_ref().map(|r| {
        let escaped = r.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        format!("%{escaped}%")
    });
    let sql = sql.replace("LIKE $5", "LIKE $5 ESCAPE '\\'");
    with_db!(db, |c| sqlx::query_as(&sql)
        .bind(f.customer)
        .bind(f.basis)
        .bind(f.from)
        .bind(f.to)
        .bind(&recipient)
        .bind(f.before)
        .bind(limit)
        .fetch_all(c)
        .await)
}
