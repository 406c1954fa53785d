//! The takeover timeline of a restoration case: on one time axis, from a configured number of
//! days before the first report to now, every application (with the changes of phone, device,
//! IP, card, email and contact persons it brought), every data-change request, the reports, and
//! what the app's backend reported the account did. The points where something changed are
//! marked: a change by its kind, a device or IP never seen on the account before. Runs of the
//! same sign-in from the same device and IP are folded into one line, so ten thousand events
//! read as the few that matter.

use std::collections::HashSet;

use time::{Duration, OffsetDateTime};

use crate::{db::Db, intake::phone::Phone, with_db};

/// Activity kinds that are changes in themselves.
const CHANGE_KINDS: [&str; 8] = [
    "password_reset",
    "phone_changed",
    "device_bound",
    "email_changed",
    "card_added",
    "card_removed",
    "contacts_changed",
    "security_alert",
];

/// The most events of the app's backend one timeline reads (the first of the window).
pub const EVENTS_MAX: i64 = 20_000;

/// What the timeline is made of, before it is folded into lines.
enum Raw {
    App(AppRow),
    Activity(ActivityRow),
    /// A data-change request: its ticket, when, the fields.
    Change(i64, OffsetDateTime, Vec<String>),
    Report(OffsetDateTime),
}

impl Raw {
    fn at(&self) -> OffsetDateTime {
        match self {
            Raw::App(a) => a.received_at,
            Raw::Activity(e) => e.at,
            Raw::Change(_, at, _) | Raw::Report(at) => *at,
        }
    }
}

/// One line of the timeline.
#[derive(Clone, Debug)]
pub struct Point {
    pub at: OffsetDateTime,
    /// The last of a folded run.
    pub until: Option<OffsetDateTime>,
    /// How many events the line stands for.
    pub count: i64,
    /// What it is: `activity-<kind>`, `application`, `data-change`, `report`.
    pub what: String,
    pub device: Option<String>,
    pub ip: Option<String>,
    /// A value shown masked (a phone, a card) or a list of fields.
    pub detail: Option<String>,
    /// What changed here: `device`, `ip` (never seen before), `phone`, `card`, `email`,
    /// `contacts` (against the application before), `data-change`, or `change` (an event that
    /// is a change in itself).
    pub changes: Vec<&'static str>,
    /// An application's or ticket's page.
    pub link: Option<String>,
}

impl Point {
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// A mark on the axis: its place (0 to 1000) and its class.
#[derive(Clone, Debug)]
pub struct Mark {
    pub x: i64,
    pub class: &'static str,
}

/// The whole timeline.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub from: OffsetDateTime,
    pub points: Vec<Point>,
    /// Events read (before folding).
    pub events: i64,
    /// Only the first [`EVENTS_MAX`] events of the window were read.
    pub truncated: bool,
    pub marks: Vec<Mark>,
}

#[derive(sqlx::FromRow)]
struct AppRow {
    id: i64,
    received_at: OffsetDateTime,
    phone: String,
    device_id: String,
    ip: String,
    card_masked: String,
    email: Option<String>,
    contacts: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    at: OffsetDateTime,
    kind: String,
    device: Option<String>,
    ip: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    ticket_id: i64,
    created_at: OffsetDateTime,
    field: String,
}

fn masked_phone(p: &str) -> String {
    Phone::parse(p).map(|p| p.masked()).unwrap_or_else(|_| "•••".into())
}

/// The timeline of `customer`'s account around reports that began at `first_report`.
pub async fn build(
    db: &Db,
    customer: i64,
    first_report: OffsetDateTime,
    reports: &[OffsetDateTime],
    days_before: i64,
    now: OffsetDateTime,
) -> Result<Timeline, sqlx::Error> {
    let from = first_report - Duration::days(days_before);
    // Every application (the earlier ones say what the account looked like before the window),
    // with its contact persons' phones in order.
    let contacts = match db {
        Db::Pg(_) => {
            "(SELECT string_agg(phone, ',' ORDER BY phone) FROM application_contacts k WHERE k.application_id = a.id)"
        }
        Db::Sqlite(_) => {
            "(SELECT group_concat(phone, ',') FROM (SELECT phone FROM application_contacts k
                           WHERE k.application_id = a.id ORDER BY phone))"
        }
    };
    let sql = format!(
        "SELECT a.id, a.received_at, a.phone, a.device_id, a.ip, a.card_masked, a.email, {contacts} AS contacts
         FROM applications a WHERE a.customer_id = $1 ORDER BY a.received_at, a.id"
    );
    let apps: Vec<AppRow> = with_db!(db, |c| sqlx::query_as(&sql).bind(customer).fetch_all(c).await)?;
    // The window's events from its start, at most [`EVENTS_MAX`]: the lead-up to the report
    // matters most, and nothing between the start and the first event read is left out.
    let sql = format!(
        "SELECT at, kind, device, ip FROM customer_activity WHERE customer_id = $1 AND at >= $2
         ORDER BY at, id LIMIT {}",
        EVENTS_MAX + 1
    );
    let mut activity: Vec<ActivityRow> =
        with_db!(db, |c| sqlx::query_as(&sql).bind(customer).bind(from).fetch_all(c).await)?;
    let truncated = activity.len() as i64 > EVENTS_MAX;
    activity.truncate(EVENTS_MAX as usize);
    // Devices and addresses seen before the window: not new when they come back.
    let before: Vec<(Option<String>, Option<String>)> = with_db!(db, |c| sqlx::query_as(
        "SELECT DISTINCT device, ip FROM customer_activity WHERE customer_id = $1 AND at < $2"
    )
    .bind(customer)
    .bind(from)
    .fetch_all(c)
    .await)?;
    let changes: Vec<ChangeRow> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT t.id AS ticket_id, t.created_at, x.field FROM ticket_changes x JOIN tickets t ON t.id = x.ticket_id
         WHERE t.customer_id = $1 AND t.created_at >= $2 ORDER BY t.created_at, t.id, x.field"
    )
    .bind(customer)
    .bind(from)
    .fetch_all(c)
    .await
    })?;
    let mut by_ticket: Vec<(i64, OffsetDateTime, Vec<String>)> = Vec::new();
    for c in changes {
        match by_ticket.last_mut() {
            Some((t, _, fields)) if *t == c.ticket_id => fields.push(c.field),
            _ => by_ticket.push((c.ticket_id, c.created_at, vec![c.field])),
        }
    }

    // One stream in time order (a stable sort keeps each source's own order at equal times).
    let mut stream: Vec<Raw> = apps.into_iter().map(Raw::App).collect();
    stream.extend(activity.into_iter().map(Raw::Activity));
    stream.extend(by_ticket.into_iter().map(|(t, at, fields)| Raw::Change(t, at, fields)));
    stream.extend(reports.iter().map(|at| Raw::Report(*at)));
    stream.sort_by_key(Raw::at);

    let mut seen_devices: HashSet<String> = HashSet::new();
    let mut seen_ips: HashSet<String> = HashSet::new();
    for (d, ip) in before {
        seen_devices.extend(d);
        seen_ips.extend(ip);
    }
    let mut points: Vec<Point> = Vec::new();
    let mut prev: Option<AppRow> = None;
    let mut events = 0;
    for raw in stream {
        let in_window = raw.at() >= from;
        match raw {
            Raw::App(a) => {
                let mut marked = Vec::new();
                if let Some(p) = &prev {
                    for (what, differs) in [
                        ("phone", p.phone != a.phone),
                        ("device", p.device_id != a.device_id),
                        ("card", p.card_masked != a.card_masked),
                        ("email", p.email != a.email),
                        ("contacts", p.contacts != a.contacts),
                    ] {
                        if differs {
                            marked.push(what);
                        }
                    }
                }
                let first = prev.is_none() && seen_devices.is_empty();
                if seen_devices.insert(a.device_id.clone()) && !first && !marked.contains(&"device") {
                    marked.push("device");
                }
                if seen_ips.insert(a.ip.clone()) && !first {
                    marked.push("ip");
                }
                if in_window {
                    points.push(Point {
                        at: a.received_at,
                        until: None,
                        count: 1,
                        what: "application".into(),
                        device: Some(a.device_id.clone()),
                        ip: Some(a.ip.clone()),
                        detail: Some(masked_phone(&a.phone)),
                        changes: marked,
                        link: Some(format!("/review/{}", a.id)),
                    });
                }
                prev = Some(a);
            }
            Raw::Activity(e) => {
                events += 1;
                let mut marked: Vec<&'static str> =
                    if CHANGE_KINDS.contains(&e.kind.as_str()) { vec!["change"] } else { Vec::new() };
                // New against what was seen before; the account's first device and address are not.
                let (had_devices, had_ips) = (!seen_devices.is_empty(), !seen_ips.is_empty());
                if let Some(d) = &e.device
                    && seen_devices.insert(d.clone())
                    && had_devices
                {
                    marked.push("device");
                }
                if let Some(ip) = &e.ip
                    && seen_ips.insert(ip.clone())
                    && had_ips
                {
                    marked.push("ip");
                }
                let what = format!("activity-{}", e.kind);
                // A run of the same event from the same device and address folds into one line.
                if marked.is_empty()
                    && let Some(last) = points.last_mut()
                    && last.what == what
                    && last.device == e.device
                    && last.ip == e.ip
                {
                    last.count += 1;
                    last.until = Some(e.at);
                    continue;
                }
                points.push(Point {
                    at: e.at,
                    until: None,
                    count: 1,
                    what,
                    device: e.device,
                    ip: e.ip,
                    detail: None,
                    changes: marked,
                    link: None,
                });
            }
            Raw::Change(ticket, at, fields) => points.push(Point {
                at,
                until: None,
                count: 1,
                what: "data-change".into(),
                device: None,
                ip: None,
                detail: Some(fields.join(", ")),
                changes: vec!["data-change"],
                link: Some(format!("/support/{ticket}")),
            }),
            Raw::Report(at) => points.push(Point {
                at,
                until: None,
                count: 1,
                what: "report".into(),
                device: None,
                ip: None,
                detail: None,
                changes: Vec::new(),
                link: None,
            }),
        }
    }
    let span = (now - from).whole_seconds().max(1);
    let x = |at: OffsetDateTime| (at - from).whole_seconds().clamp(0, span) * 1000 / span;
    let marks = points
        .iter()
        .map(|p| Mark {
            x: x(p.at),
            class: match (p.what.as_str(), p.changed()) {
                ("report", _) => "mark-report",
                (_, true) => "mark-change",
                _ => "mark-event",
            },
        })
        .collect();
    Ok(Timeline { from, points, events, truncated, marks })
}
