//! A ticket's clocks: the SLA (first response and resolution, in business minutes, paused while
//! the ticket waits for the customer) and the legal deadline (working or calendar days, never
//! paused, escalated some hours before it passes). Computed on the [`Calendar`] when the ticket
//! changes and stored with it, so the queue orders and counts by stored times.

use time::{Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::calendar::{Calendar, OFFSET, Override};
use crate::{
    db::{Db, Tx},
    with_db, with_tx,
};

/// `due_at` of a ticket with no clock running (it waits for the customer, answered, with no
/// legal request open): after every real time, so it is never breached and sorts last.
pub const NOTHING_DUE: OffsetDateTime = time::macros::datetime!(9999-12-31 00:00 UTC);

/// Shown as "nearly breached" this long before a clock runs out.
pub const WARN: Duration = Duration::hours(2);

/// What a category and priority are held to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub first_response_minutes: i64,
    pub resolution_minutes: i64,
    pub legal_days: Option<i64>,
    pub legal_working: bool,
    pub escalate_hours: i64,
}

const TARGET_SQL: &str =
    "SELECT s.first_response_minutes, s.resolution_minutes, c.legal_days, c.legal_working,
            c.escalate_hours
     FROM sla_targets s JOIN ticket_categories c ON c.code = s.category
     WHERE s.category = $1 AND s.priority = $2";

type TargetRow = (i64, i64, Option<i64>, bool, i64);

fn target_of(row: TargetRow) -> Target {
    let (first_response_minutes, resolution_minutes, legal_days, legal_working, escalate_hours) = row;
    Target { first_response_minutes, resolution_minutes, legal_days, legal_working, escalate_hours }
}

/// The target of `category` and `priority` (both known: the tables hold every pair).
pub async fn target(tx: &mut Tx, category: &str, priority: &str) -> Result<Target, sqlx::Error> {
    let row: TargetRow =
        with_tx!(tx, |c| sqlx::query_as(TARGET_SQL).bind(category).bind(priority).fetch_one(c).await)?;
    Ok(target_of(row))
}

const OVERRIDES_SQL: &str = "SELECT day, working FROM calendar_overrides ORDER BY day";

/// The calendar with the administrators' overrides.
pub async fn calendar(db: &Db) -> Result<Calendar, sqlx::Error> {
    let rows: Vec<(time::Date, bool)> = with_db!(db, |c| sqlx::query_as(OVERRIDES_SQL).fetch_all(c).await)?;
    Ok(of_rows(rows))
}

/// [`calendar`] inside a transaction.
pub async fn calendar_tx(tx: &mut Tx) -> Result<Calendar, sqlx::Error> {
    let rows: Vec<(time::Date, bool)> = with_tx!(tx, |c| sqlx::query_as(OVERRIDES_SQL).fetch_all(c).await)?;
    Ok(of_rows(rows))
}

fn of_rows(rows: Vec<(time::Date, bool)>) -> Calendar {
    let overrides: Vec<Override> = rows.into_iter().map(|(day, working)| Override { day, working }).collect();
    Calendar::with_overrides(&overrides)
}

/// The stored clocks of one ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clocks {
    pub first_response_due_at: OffsetDateTime,
    pub first_response_at: Option<OffsetDateTime>,
    pub resolution_due_at: OffsetDateTime,
    pub paused_at: Option<OffsetDateTime>,
    pub legal_due_at: Option<OffsetDateTime>,
    pub legal_escalate_at: Option<OffsetDateTime>,
    pub legal_done_at: Option<OffsetDateTime>,
}

/// How a clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Met (stopped in time), or not running.
    Done,
    Running,
    /// Less than [`WARN`] left (for the legal clock: past its escalation time).
    Near,
    Breached,
    /// Stands still while the ticket waits for the customer.
    Paused,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Running => "running",
            Standing::Near => "near",
            Standing::Breached => "breached",
            Standing::Paused => "paused",
        }
    }
}

/// The end of the `n`-th calendar day after the day of `from`, Almaty time.
fn add_calendar_days(from: OffsetDateTime, n: i64) -> OffsetDateTime {
    let day = from.to_offset(OFFSET).date() + Duration::days(n + 1);
    PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_offset(OFFSET).to_offset(UtcOffset::UTC)
}

impl Clocks {
    /// The clocks of a ticket that arrives at `at`.
    pub fn start(cal: &mut Calendar, target: &Target, at: OffsetDateTime) -> Clocks {
        let legal_due_at = target.legal_days.map(|n| {
            if target.legal_working {
                cal.add_working_days(at, u32::try_from(n).unwrap_or(0))
            } else {
                add_calendar_days(at, n)
            }
        });
        Clocks {
            first_response_due_at: cal.add_business_minutes(at, target.first_response_minutes),
            first_response_at: None,
            resolution_due_at: cal.add_business_minutes(at, target.resolution_minutes),
            paused_at: None,
            legal_due_at,
            legal_escalate_at: legal_due_at.map(|d| d - Duration::hours(target.escalate_hours)),
            legal_done_at: None,
        }
    }

    /// The earliest clock still running: the queue's order. With none running,
    /// [`NOTHING_DUE`].
    pub fn due_at(&self) -> OffsetDateTime {
        let mut due = None::<OffsetDateTime>;
        let mut take = |t: OffsetDateTime| due = Some(due.map_or(t, |d| d.min(t)));
        if self.first_response_at.is_none() {
            take(self.first_response_due_at);
        }
        if self.paused_at.is_none() {
            take(self.resolution_due_at);
        }
        if let (Some(l), None) = (self.legal_due_at, self.legal_done_at) {
            take(l);
        }
        due.unwrap_or(NOTHING_DUE)
    }

    /// Stops the SLA clock (the ticket now waits for the customer).
    pub fn pause(&mut self, at: OffsetDateTime) {
        if self.paused_at.is_none() {
            self.paused_at = Some(at);
        }
    }

    /// Starts the SLA clock again: the resolution target moves by the business time it stood
    /// (a target already missed when the clock stopped stays missed where it was).
    pub fn resume(&mut self, cal: &mut Calendar, at: OffsetDateTime) {
        if let Some(p) = self.paused_at.take()
            && self.resolution_due_at > p
        {
            let left = cal.business_minutes_between(p, self.resolution_due_at);
            self.resolution_due_at = cal.add_business_minutes(at, left);
        }
    }

    /// The targets again for a new category or priority (`new`, the old being `old`), counted
    /// from `created` as if it had been so from the start, plus the business time the customer
    /// was waited for; what was met stays met, and a running legal deadline never moves later.
    pub fn retarget(&mut self, cal: &mut Calendar, old: &Target, new: &Target, created: OffsetDateTime) {
        let was = Clocks::start(cal, old, created);
        let fresh = Clocks::start(cal, new, created);
        let waited = cal.business_minutes_between(was.resolution_due_at, self.resolution_due_at);
        self.first_response_due_at = fresh.first_response_due_at;
        self.resolution_due_at = cal.add_business_minutes(fresh.resolution_due_at, waited);
        if self.legal_done_at.is_none() {
            self.legal_due_at = match (self.legal_due_at, fresh.legal_due_at) {
                (Some(old), Some(new)) => Some(old.min(new)),
                (old, new) => new.or(old),
            };
            if let (Some(due), Some(_)) = (self.legal_due_at, new.legal_days) {
                self.legal_escalate_at = Some(due - Duration::hours(new.escalate_hours));
            }
        }
    }

    /// A staff reply went to the customer at `at`: the first response is given. A reply that
    /// resolves the ticket (`answers`) also answers a legal request; a question back to the
    /// customer does not stop the statutory clock.
    pub fn replied(&mut self, at: OffsetDateTime, answers: bool) {
        self.first_response_at.get_or_insert(at);
        if answers && self.legal_due_at.is_some() {
            self.legal_done_at.get_or_insert(at);
        }
    }

    /// Whether a legal request is still unanswered.
    pub fn legal_open(&self) -> bool {
        self.legal_due_at.is_some() && self.legal_done_at.is_none()
    }

    pub fn first_response(&self, now: OffsetDateTime) -> Standing {
        match self.first_response_at {
            Some(_) => Standing::Done,
            None => standing(self.first_response_due_at, now, self.first_response_due_at - WARN),
        }
    }

    pub fn resolution(&self, now: OffsetDateTime, active: bool) -> Standing {
        if !active {
            Standing::Done
        } else if self.paused_at.is_some() {
            Standing::Paused
        } else {
            standing(self.resolution_due_at, now, self.resolution_due_at - WARN)
        }
    }

    pub fn legal(&self, now: OffsetDateTime) -> Standing {
        match (self.legal_due_at, self.legal_done_at) {
            (None, _) | (_, Some(_)) => Standing::Done,
            (Some(due), None) => standing(due, now, self.legal_escalate_at.unwrap_or(due)),
        }
    }
}

fn standing(due: OffsetDateTime, now: OffsetDateTime, warn_from: OffsetDateTime) -> Standing {
    if now >= due {
        Standing::Breached
    } else if now >= warn_from {
        Standing::Near
    } else {
        Standing::Running
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn target(legal: Option<i64>, working: bool) -> Target {
        Target {
            first_response_minutes: 60,
            resolution_minutes: 540,
            legal_days: legal,
            legal_working: working,
            escalate_hours: 24,
        }
    }

    #[test]
    fn a_ticket_on_friday_afternoon_runs_into_monday_and_pausing_moves_the_target() {
        let mut cal = Calendar::with_overrides(&[]);
        let at = datetime!(2026-12-04 17:30 +5);
        let mut c = Clocks::start(&mut cal, &target(Some(3), true), at);
        assert_eq!(c.first_response_due_at, datetime!(2026-12-07 09:30 +5));
        assert_eq!(c.resolution_due_at, datetime!(2026-12-07 17:30 +5));
        assert_eq!(c.legal_due_at, Some(datetime!(2026-12-09 19:00 UTC)));
        assert_eq!(c.legal_escalate_at, Some(datetime!(2026-12-08 19:00 UTC)));
        assert_eq!(c.due_at(), c.first_response_due_at);
        // Replied on Monday at 09:10: the first response is met, the legal request answered.
        c.replied(datetime!(2026-12-07 09:10 +5), true);
        assert_eq!(c.first_response(datetime!(2026-12-07 10:00 +5)), Standing::Done);
        assert_eq!(c.legal(datetime!(2026-12-20 10:00 +5)), Standing::Done);
        assert_eq!(c.due_at(), c.resolution_due_at);
        // Waiting for the customer from Monday 10:00 to Tuesday 10:00 (9 business hours): the
        // resolution target moves 9 business hours.
        let before = c.resolution_due_at;
        c.pause(datetime!(2026-12-07 10:00 +5));
        assert_eq!(c.resolution(datetime!(2026-12-30 10:00 +5), true), Standing::Paused);
        c.resume(&mut cal, datetime!(2026-12-08 10:00 +5));
        assert_eq!(cal.business_minutes_between(before, c.resolution_due_at), 9 * 60);
    }

    #[test]
    fn the_legal_clock_never_pauses_and_calendar_days_count_weekends() {
        let mut cal = Calendar::with_overrides(&[]);
        let at = datetime!(2026-12-04 12:00 +5);
        let mut c = Clocks::start(&mut cal, &target(Some(3), true), at);
        c.pause(datetime!(2026-12-04 13:00 +5));
        assert_eq!(c.due_at(), c.first_response_due_at);
        assert_eq!(c.legal(datetime!(2026-12-08 20:00 +5)), Standing::Running);
        assert_eq!(c.legal(datetime!(2026-12-09 10:00 +5)), Standing::Near);
        assert_eq!(c.legal(datetime!(2026-12-10 00:00 +5)), Standing::Breached);
        assert!(c.legal_open());
        // 15 calendar days: the end of 19 December, a Saturday.
        let c = Clocks::start(&mut cal, &target(Some(15), false), at);
        assert_eq!(c.legal_due_at, Some(datetime!(2026-12-19 19:00 UTC)));
        // No legal deadline.
        let c = Clocks::start(&mut cal, &target(None, true), at);
        assert_eq!(c.legal(at), Standing::Done);
        assert!(!c.legal_open());
    }
}
