//! Demo access restoration: two customers reported that someone else used their account, one
//! from the app (a stolen phone, a police report) and one by phone through the security officer
//! (the phone lost). Each account is blocked and a case waits for documents, through the same
//! code as real reports. Loaded once.

use time::Duration;

use crate::{
    audit::Actor,
    db::{self, Db},
    restoration::report::{self, Report},
    staff::store,
    with_db,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn load(db: &Db) -> Result<(), BoxError> {
    let existing: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM restoration_cases").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(());
    }
    let customers: Vec<i64> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT id FROM customers WHERE status = 'active' ORDER BY id LIMIT 2 OFFSET 20"
    )
    .fetch_all(c)
    .await)?;
    let officer = store::find_by_login(db, "security").await?;
    let now = db::now();
    let reports = [
        (
            "app",
            now - Duration::hours(30),
            "Телефон украли в автобусе. Вечером пришли SMS о входе в приложение и о новой заявке на заём, которую я не подавал.",
            "stolen",
            Some("КУСП 4521"),
            None,
        ),
        (
            "phone",
            now - Duration::hours(6),
            "Клиентка позвонила: потеряла телефон в такси, просит заблокировать доступ, пока не восстановит SIM-карту.",
            "lost",
            None,
            officer.as_ref().map(|o| o.id),
        ),
    ];
    for (customer, (source, at, description, device, police, recorded_by)) in customers.iter().zip(reports) {
        let actor = match (&officer, recorded_by) {
            (Some(o), Some(_)) => Actor::Staff { id: o.id, login: o.login.clone() },
            _ => Actor::System("demo"),
        };
        let r = Report {
            source,
            happened_at: at,
            description,
            device,
            police_report: police,
            api_client_id: None,
            recorded_by,
            ticket_id: None,
        };
        let mut tx = db.begin().await?;
        report::take(&mut tx, &actor, *customer, &r, "127.0.0.1").await?;
        tx.commit().await?;
    }
    Ok(())
}
