//! Many tickets for the support benchmark, quickly (multi-row inserts in large transactions, not
//! the API): tickets of the seeded customers over two years, about 5 messages each, most of them
//! closed or resolved, 3 % still worked (some overdue, some assigned to `agent`), in every
//! category and both languages.

use time::Duration;

use crate::{
    db::{
        self, Db,
        bulk::{V, insert},
    },
    support::model::{CATEGORIES, PRIORITIES},
    with_db,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Tickets per transaction.
const BATCH: i64 = 5_000;

/// Adds `count` tickets; `agent` is assigned some of the active ones. Returns how many were added.
pub async fn seed(db: &Db, count: i64, agent: Option<i64>) -> Result<i64, BoxError> {
    let customers: Vec<i64> =
        with_db!(db, |c| sqlx::query_scalar("SELECT id FROM customers ORDER BY id").fetch_all(c).await)?;
    if customers.is_empty() {
        return Err("seed applications first: tickets belong to customers".into());
    }
    let first: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM tickets").fetch_one(c).await)?;
    let now = db::now();
    let span = Duration::days(730);
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let mut tickets = Vec::with_capacity(n as usize);
        let mut messages = Vec::with_capacity(n as usize * 5);
        for k in 0..n {
            let id = first + done + k + 1;
            let i = id as usize;
            // Oldest first, the newest a minute ago.
            let created =
                now - span + span * ((id as f64) / ((first + count) as f64 + 1.0)) - Duration::minutes(1);
            let active = i % 100 < 3;
            let state = match (active, i % 4, i % 100) {
                (true, 0, _) => "new",
                (true, 1, _) => "open",
                (true, 2, _) => "waiting_customer",
                (true, _, _) => "waiting_third_party",
                (false, _, p) if p < 60 => "closed",
                _ => "resolved",
            };
            let category = CATEGORIES[i % CATEGORIES.len()];
            let legal = matches!(category, "data_change" | "consent_withdrawal" | "data_access");
            let first_due = created + Duration::hours(4);
            let resolution_due = created + Duration::days(3);
            let answered = !active || state != "new";
            let legal_due = legal.then(|| created + Duration::days(5));
            // Active tickets: the clock the queue orders by, some long past.
            let due =
                if active { if state == "new" { first_due } else { resolution_due } } else { resolution_due };
            let assignee = (active && i.is_multiple_of(3)).then_some(agent).flatten();
            let lang = if i.is_multiple_of(2) { "ru" } else { "kk" };
            let subject = if lang == "ru" {
                format!("Вопрос по займу {i}")
            } else {
                format!("Қарыз туралы сұрақ {i}")
            };
            tickets.push(vec![
                V::Int(id),
                V::Int(customers[(i * 7919) % customers.len()]),
                V::Text(if i.is_multiple_of(9) { "phone" } else { "app" }.into()),
                V::Text(category.into()),
                V::Text(PRIORITIES[i % 4].into()),
                V::Text(state.into()),
                V::Text(lang.into()),
                V::Text(subject.to_lowercase()),
                V::Text(subject),
                V::OptInt(assignee),
                V::Time(created),
                V::Time(created + Duration::hours(2)),
                V::Time(first_due),
                V::OptTime(answered.then(|| created + Duration::hours(1))),
                V::Time(resolution_due),
                V::OptTime((state == "waiting_customer").then(|| created + Duration::hours(1))),
                V::OptTime(legal_due),
                V::OptTime(legal_due.map(|d| d - Duration::hours(24))),
                V::OptTime((legal && answered).then(|| created + Duration::hours(1))),
                V::Time(due),
                V::OptTime((!active).then(|| created + Duration::days(1))),
                V::OptTime((state == "closed").then(|| created + Duration::days(8))),
                V::Int(5),
            ]);
            for (m, kind) in ["customer", "reply", "customer", "reply", "note"].into_iter().enumerate() {
                let body = match kind {
                    "customer" => "Здравствуйте! Не могу войти в приложение после смены телефона, помогите.",
                    "reply" => {
                        "Здравствуйте! Проверили: войдите по новому коду из СМС, он действует 5 минут."
                    }
                    _ => "Клиент звонил повторно, объяснили порядок входа.",
                };
                messages.push(vec![
                    V::Int(id),
                    V::Text(kind.into()),
                    V::Text(if kind == "customer" { "app" } else { "portal" }.into()),
                    V::OptInt(if kind == "customer" { None } else { agent }),
                    V::Text(body.into()),
                    V::Time(created + Duration::minutes(30 * m as i64)),
                ]);
            }
        }
        let mut tx = db.begin().await?;
        insert(
            &mut tx,
            "tickets",
            &[
                "id",
                "customer_id",
                "channel",
                "category",
                "priority",
                "state",
                "language",
                "subject_folded",
                "subject",
                "assignee_id",
                "created_at",
                "updated_at",
                "first_response_due_at",
                "first_response_at",
                "resolution_due_at",
                "paused_at",
                "legal_due_at",
                "legal_escalate_at",
                "legal_done_at",
                "due_at",
                "resolved_at",
                "closed_at",
                "messages",
            ],
            &tickets,
        )
        .await?;
        insert(
            &mut tx,
            "ticket_messages",
            &["ticket_id", "kind", "channel", "author_id", "body", "created_at"],
            &messages,
        )
        .await?;
        tx.commit().await?;
        done += n;
        if done % 50_000 == 0 || done == count {
            print!("\rseeded {done} of {count} tickets");
            use std::io::Write;
            let _ = std::io::stdout().flush();
        }
    }
    println!();
    // PostgreSQL: a sequence that continues after the seeded ids; the counter rows' dead
    // versions (one per seeded ticket) gone, the visibility map cleared, statistics for the
    // planner; the dashboards' rollups, rewritten several times per seeded ticket, compacted (a
    // plain vacuum leaves each live row on a page of its own).
    if let Db::Pg(_) = db {
        db.execute("SELECT setval('tickets_id_seq', (SELECT MAX(id) FROM tickets))").await?;
        db.execute("VACUUM (ANALYZE) ticket_counts, tickets, ticket_messages").await?;
        db.execute("VACUUM (FULL, ANALYZE) dash_daily").await?;
    } else {
        db.execute("ANALYZE").await?;
    }
    Ok(count)
}
