//! `/customers/archive-requests`: the accounts someone asked to close to archive, waiting for a
//! second person (a security officer or an administrator who did not ask), and the latest ended
//! requests. Personal data is not needed to confirm: the customer shows by number (and a masked
//! IIN to the roles that see one), with a link to the customer page for those who may open it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use time::OffsetDateTime;

use crate::{
    auth::{
        access,
        personal_data::{Field, Shown, Viewer},
    },
    error::AppResult,
    review::{queue::mask_iin, reasons},
    web::{AppState, Ctx, page::Page},
    with_db,
};

/// Ended requests shown under the open ones.
const RECENT: i64 = 20;

/// One request as listed.
pub struct Request {
    pub id: i64,
    pub customer: i64,
    pub iin_masked: String,
    pub status: String,
    pub reason: String,
    pub comment: String,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub requested_at: OffsetDateTime,
    pub outcome: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
}

#[derive(Template, WebTemplate)]
#[template(path = "customers/archive_requests.html")]
pub(super) struct ListPage {
    page: Page,
    open: Vec<Request>,
    ended: Vec<Request>,
    me: i64,
    /// May open the customer page.
    customer_links: bool,
}

type Row = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    OffsetDateTime,
    Option<String>,
    Option<String>,
    Option<OffsetDateTime>,
);

const SELECT: &str = "SELECT r.id, r.customer_id, c.iin, c.status, r.reason_code, r.comment, r.requested_by,
        s.full_name, r.requested_at, r.outcome, d.full_name, r.decided_at
 FROM archive_requests r JOIN customers c ON c.id = r.customer_id JOIN staff s ON s.id = r.requested_by
 LEFT JOIN staff d ON d.id = r.decided_by";

/// `GET /customers/archive-requests`.
pub(super) async fn list(State(state): State<AppState>, ctx: Ctx) -> AppResult<ListPage> {
    let user = ctx.require(access::ARCHIVE_CONFIRM)?;
    let db = &state.db;
    let open_sql = format!("{SELECT} WHERE r.outcome IS NULL ORDER BY r.requested_at, r.id");
    let ended_sql =
        format!("{SELECT} WHERE r.outcome IS NOT NULL ORDER BY r.decided_at DESC, r.id DESC LIMIT $1");
    let open: Vec<Row> = with_db!(db, |c| sqlx::query_as(&open_sql).fetch_all(c).await)?;
    let ended: Vec<Row> = with_db!(db, |c| sqlx::query_as(&ended_sql).bind(RECENT).fetch_all(c).await)?;
    let labels = reasons::list(db, Some(reasons::ACCOUNT), false).await?;
    let iin_shown = Viewer::new(&user.roles).shown(Field::Iin) != Shown::Hidden;
    let shown = |rows: Vec<Row>| -> Vec<Request> {
        rows.into_iter()
            .map(|r| Request {
                id: r.0,
                customer: r.1,
                iin_masked: if iin_shown { mask_iin(&r.2) } else { String::new() },
                status: r.3,
                reason: labels
                    .iter()
                    .find(|l| l.code == r.4)
                    .map_or(r.4.clone(), |l| l.label(&ctx.lang).to_string()),
                comment: r.5,
                requested_by: r.6,
                requested_by_name: r.7,
                requested_at: r.8,
                outcome: r.9,
                decided_by_name: r.10,
                decided_at: r.11,
            })
            .collect()
    };
    let customer_links = user.roles.iter().any(|r| access::CUSTOMERS.contains(r));
    Ok(ListPage {
        page: ctx.page("archive-requests-title"),
        open: shown(open),
        ended: shown(ended),
        me: user.id,
        customer_links,
    })
}
