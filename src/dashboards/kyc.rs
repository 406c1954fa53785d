//! The KYC tab: applications received and decided, the shares of each outcome, the top
//! rejection reasons, the time from receipt to decision, the queue's age now, and each
//! verifier's decisions and handling time.

use std::collections::HashMap;

use time::{Date, Duration, OffsetDateTime, UtcOffset};

use super::{
    model::{Card, Cell, Chart, Tab, Table},
    period::Period,
    rollup::{Rollup, Which},
    spans,
};
use crate::{
    db::{Db, json_rows},
    i18n::{ALMATY, Lang},
    with_db,
};

pub const METRICS: &[&str] =
    &["kyc.received", "kyc.decided", "kyc.by", "kyc.reason", QA[0], QA[1], QA[2], QA[3]];
pub const SERIES: &[&str] = &["kyc.received", "kyc.decided", QA[0], QA[1], QA[2], QA[3]];

/// Second reviews ([`crate::quality`]) by the first verifier, as they ended: agreed, then the
/// disagreements (waiting for the verdict, first decision upheld, overturned).
const QA: [&str; 4] = ["kyc.qa.agreed", "kyc.qa.disputed", "kyc.qa.upheld", "kyc.qa.overturned"];

/// The ages the pending queue is cut into: upper ends in hours (the last has none).
const AGES: [(&str, Option<i64>); 5] = [
    ("dash-age-under-1h", Some(1)),
    ("dash-age-1-4h", Some(4)),
    ("dash-age-4-24h", Some(24)),
    ("dash-age-1-3d", Some(72)),
    ("dash-age-over-3d", None),
];

/// What the tab reads from the live tables: the queue now, staff names and reason labels.
pub struct Live {
    pub now: OffsetDateTime,
    pub pending: i64,
    pub oldest: Option<OffsetDateTime>,
    pub ages: Vec<i64>,
    pub staff: HashMap<String, String>,
    pub reasons: HashMap<String, (String, String)>,
}

/// A staff member's name, or a reason code's labels, as the one statement reads them.
#[derive(serde::Deserialize)]
struct Named(String, String, String);

/// An hour of arrival's pending applications (`kyc.pending`): its Almaty day and hour, and count.
#[derive(serde::Deserialize)]
struct Hour(#[serde(deserialize_with = "json_rows::de::date")] Date, String, i64);

/// The start of the Almaty hour after the one `at` falls in.
fn next_hour(at: OffsetDateTime) -> OffsetDateTime {
    let local = at.to_offset(ALMATY);
    let start = local
        - Duration::seconds(i64::from(local.minute()) * 60 + i64::from(local.second()))
        - Duration::nanoseconds(i64::from(local.nanosecond()));
    (start + Duration::hours(1)).to_offset(UtcOffset::UTC)
}

pub async fn live(db: &Db, now: OffsetDateTime) -> Result<Live, sqlx::Error> {
    // The pending applications received after each cut (1, 4, 24 and 72 hours ago): the hours of
    // arrival after the cut's own hour from the rollup (`kyc.pending`, at most 73 rows), the rest
    // of the cut's hour as a range of the status index; the whole queue from its counter. One
    // statement, with the oldest and the staff names and reason labels as JSON lists.
    let cuts = [1, 4, 24, 72].map(|h| now - Duration::hours(h));
    let ends = cuts.map(next_hour);
    // An hour's start as SQLite's text timestamps sort against it (a whole second written with
    // its fraction: `…T10:00:00Z` would sort after `…T10:00:00.5Z`).
    let end_text = |at: OffsetDateTime| {
        let d = at.date();
        format!("{}-{:02}-{:02}T{:02}:00:00.000000000Z", d.year(), u8::from(d.month()), d.day(), at.hour())
    };
    let end = |n: usize| match db {
        Db::Sqlite(_) => format!("${n}"),
        Db::Pg(_) => format!("CAST(${n} AS TIMESTAMPTZ)"),
    };
    let sql = format!(
        "SELECT COALESCE((SELECT n FROM application_counts WHERE status = 'pending'), 0),
                (SELECT COUNT(*) FROM applications WHERE status = 'pending' AND received_at > $1 AND received_at < {}),
                (SELECT COUNT(*) FROM applications WHERE status = 'pending' AND received_at > $2 AND received_at < {}),
                (SELECT COUNT(*) FROM applications WHERE status = 'pending' AND received_at > $3 AND received_at < {}),
                (SELECT COUNT(*) FROM applications WHERE status = 'pending' AND received_at > $4 AND received_at < {}),
                (SELECT received_at FROM applications WHERE status = 'pending' ORDER BY received_at, id LIMIT 1),
                {}",
        end(5),
        end(6),
        end(7),
        end(8),
        json_rows::columns(
            db,
            &[
                (
                    "SELECT day, dim, n FROM dash_daily WHERE metric = 'kyc.pending' AND day >= $9 AND bucket = -1 AND n <> 0",
                    &["day", "dim", "n"],
                    "day, dim",
                ),
                ("SELECT CAST(id AS TEXT) AS id, full_name, '' AS kk FROM staff", &["id", "full_name", "kk"], "id"),
                ("SELECT code, label_ru, label_kk FROM reason_codes", &["code", "label_ru", "label_kk"], "code"),
            ]
        )
    );
    type Row = (i64, i64, i64, i64, i64, Option<OffsetDateTime>, String, String, String);
    let (all, p1, p4, p24, p72, oldest, hours, staff, reasons): Row = with_db!(db, |c| sqlx::query_as(&sql)
        .bind(cuts[0])
        .bind(cuts[1])
        .bind(cuts[2])
        .bind(cuts[3])
        .bind(end_text(ends[0]))
        .bind(end_text(ends[1]))
        .bind(end_text(ends[2]))
        .bind(end_text(ends[3]))
        .bind(cuts[3].to_offset(ALMATY).date())
        .fetch_one(c)
        .await)?;
    let hours = json_rows::parse::<Hour>(&hours)?;
    let after = |at: OffsetDateTime| {
        let local = at.to_offset(ALMATY);
        let slot = (local.date(), format!("{:02}", local.hour()));
        hours.iter().filter(|Hour(d, h, _)| (*d, h) >= (slot.0, &slot.1)).map(|Hour(_, _, n)| n).sum::<i64>()
    };
    let within = [p1 + after(ends[0]), p4 + after(ends[1]), p24 + after(ends[2]), p72 + after(ends[3])];
    let ages =
        vec![within[0], within[1] - within[0], within[2] - within[1], within[3] - within[2], all - within[3]];
    Ok(Live {
        now,
        pending: all,
        oldest,
        ages,
        staff: json_rows::parse::<Named>(&staff)?.into_iter().map(|Named(id, name, _)| (id, name)).collect(),
        reasons: json_rows::parse::<Named>(&reasons)?
            .into_iter()
            .map(|Named(code, ru, kk)| (code, (ru, kk)))
            .collect(),
    })
}

pub fn build(lang: Lang, r: &Rollup, live: &Live, period: &Period) -> Tab {
    let outcome = |w: Which, o: &str| r.count(w, "kyc.decided", Some(o));
    let share = |w: Which, o: &str| Cell::Share(outcome(w, o), r.count(w, "kyc.decided", None));
    let both = |label, f: &dyn Fn(Which) -> Cell| Card::new(label, f(Which::Now), f(Which::Before));
    let mut cards = vec![
        both("dash-kyc-received", &|w| Cell::Int(r.count(w, "kyc.received", None))),
        both("dash-kyc-decided", &|w| Cell::Int(r.count(w, "kyc.decided", None))),
        both("dash-kyc-approval-rate", &|w| share(w, "approved")),
        both("dash-kyc-rejection-rate", &|w| share(w, "rejected")),
        both("dash-kyc-resubmission-rate", &|w| share(w, "resubmission_requested")),
        both("dash-kyc-median", &|w| Cell::Bucket(r.quantile(w, "kyc.decided", None, 50))),
        both("dash-kyc-p90", &|w| Cell::Bucket(r.quantile(w, "kyc.decided", None, 90))),
        Card::now("dash-kyc-pending", Cell::Int(live.pending)),
    ];
    let samples = |w: Which, dim: Option<&str>| QA.iter().map(|m| r.count(w, m, dim)).sum::<i64>();
    cards.push(both("dash-kyc-qa-agreement", &|w| Cell::Share(r.count(w, QA[0], None), samples(w, None))));
    let oldest = live.oldest.map(|at| (live.now - at).whole_seconds().max(0));
    cards.push(
        Card::now("dash-kyc-oldest", Cell::Secs(oldest)).alert_if(oldest.is_some_and(|s| s > 3 * 86_400)),
    );

    let (time_col, _) = spans::spans(period);
    let mut daily = Table::new(
        "daily",
        "dash-kyc-daily",
        &[time_col, "dash-col-received", "dash-col-approved", "dash-col-rejected", "dash-col-resubmission"],
    )
    .chart(Chart::Columns { stacked: vec![2, 3, 4], line: vec![1] });
    daily.rows = spans::counts(
        r,
        period,
        &[
            ("kyc.received", None),
            ("kyc.decided", Some("approved")),
            ("kyc.decided", Some("rejected")),
            ("kyc.decided", Some("resubmission_requested")),
        ],
    );

    let rejected = r.count(Which::Now, "kyc.decided", Some("rejected"));
    let mut reasons = Table::new(
        "reasons",
        "dash-kyc-reasons",
        &["dash-col-reason", "dash-col-count", "dash-col-share-rejections"],
    )
    .chart(Chart::Bars { value: 1 })
    .note("dash-kyc-reasons-note");
    reasons.rows = r
        .by_dim(Which::Now, "kyc.reason")
        .into_iter()
        .take(10)
        .map(|(code, n)| {
            let label = live
                .reasons
                .get(&code)
                .map(|(ru, kk)| if lang == Lang::Kk { kk.clone() } else { ru.clone() })
                .unwrap_or(code);
            vec![Cell::Text(label), Cell::Int(n), Cell::Share(n, rejected)]
        })
        .collect();

    let mut queue = Table::new("queue", "dash-kyc-queue", &["dash-col-age", "dash-col-pending"])
        .chart(Chart::Bars { value: 1 });
    queue.rows = AGES
        .iter()
        .zip(&live.ages)
        .map(|((id, _), n)| vec![Cell::Label(id.to_string()), Cell::Int(*n)])
        .collect();

    let mut verifiers = Table::new(
        "verifiers",
        "dash-kyc-verifiers",
        &[
            "dash-col-staff",
            "dash-col-decisions",
            "dash-col-decisions-before",
            "dash-col-handling-median",
            "dash-col-qa-samples",
            "dash-col-qa-agreement",
            "dash-col-qa-overturned",
        ],
    )
    .note("dash-kyc-handling-note");
    // Everyone who decided in the period, then anyone whose decisions were only second-reviewed.
    let mut ids: Vec<(String, i64)> = r.by_dim(Which::Now, "kyc.by");
    for m in QA {
        for (id, _) in r.by_dim(Which::Now, m) {
            if !ids.iter().any(|(x, _)| *x == id) {
                ids.push((id, 0));
            }
        }
    }
    verifiers.rows = ids
        .into_iter()
        .map(|(id, n)| {
            let sampled = samples(Which::Now, Some(&id));
            vec![
                Cell::Text(live.staff.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
                Cell::Int(n),
                Cell::Int(r.count(Which::Before, "kyc.by", Some(&id))),
                Cell::Bucket(r.quantile(Which::Now, "kyc.by", Some(&id), 50)),
                Cell::Int(sampled),
                Cell::Share(r.count(Which::Now, QA[0], Some(&id)), sampled),
                Cell::Int(r.count(Which::Now, QA[3], Some(&id))),
            ]
        })
        .collect();

    let mut qa = Table::new(
        "qa",
        "dash-kyc-qa",
        &[
            time_col,
            "dash-col-qa-samples",
            "dash-col-qa-agreed",
            "dash-col-qa-disagreed",
            "dash-col-qa-agreement",
        ],
    )
    .chart(Chart::Columns { stacked: vec![2, 3], line: vec![] })
    .note("dash-kyc-qa-note");
    qa.rows = spans::counts(r, period, &[(QA[0], None), (QA[1], None), (QA[2], None), (QA[3], None)])
        .into_iter()
        .map(|row| {
            let agreed = row[1].value();
            let apart = row[2].value() + row[3].value() + row[4].value();
            vec![
                row[0].clone(),
                Cell::Int(agreed + apart),
                Cell::Int(agreed),
                Cell::Int(apart),
                Cell::Share(agreed, agreed + apart),
            ]
        })
        .collect();
    Tab { cards, tables: vec![daily, reasons, queue, verifiers, qa] }
}
