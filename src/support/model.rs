//! What a ticket can be: its channels, categories, priorities and states, and the rules of
//! moving between states.

/// Where a ticket or message came from.
pub const CHANNELS: [&str; 3] = ["app", "email", "phone"];

/// Categories, in the order the interface lists them. The policy's requests: `data_change`
/// (8.3), `consent_withdrawal` (6.1.5), `data_access` (law 94-V), `objection` (10.4),
/// `unauthorised_access` (5.7).
pub const CATEGORIES: [&str; 8] = [
    "support",
    "data_change",
    "consent_withdrawal",
    "data_access",
    "objection",
    "unauthorised_access",
    "complaint",
    "other",
];

pub const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];

/// Every state, in the order the interface lists them.
pub const STATES: [&str; 7] =
    ["new", "open", "waiting_customer", "waiting_third_party", "resolved", "closed", "merged"];

/// States of a ticket still being worked (the queue's partial indexes name the same).
pub const ACTIVE: [&str; 4] = ["new", "open", "waiting_customer", "waiting_third_party"];

/// The SQL list of [`ACTIVE`], as the partial indexes spell it.
pub const ACTIVE_SQL: &str = "('new', 'open', 'waiting_customer', 'waiting_third_party')";

/// States a staff member can set by hand (`merged` comes from a merge, `new` only from arrival).
pub const SETTABLE: [&str; 5] = ["open", "waiting_customer", "waiting_third_party", "resolved", "closed"];

pub fn is_active(state: &str) -> bool {
    ACTIVE.contains(&state)
}

/// Whether the SLA clock stands still in `state` (the ticket waits for the customer).
pub fn paused(state: &str) -> bool {
    state == "waiting_customer"
}

/// Whether a state change from `from` to `to` is allowed, and if not, the Fluent id of why.
/// `legal_open`: the ticket carries a legal request not yet answered.
pub fn state_change(from: &str, to: &str, legal_open: bool) -> Result<(), &'static str> {
    if !SETTABLE.contains(&to) {
        return Err("field-invalid-choice");
    }
    if from == to {
        return Err("support-state-same");
    }
    match from {
        "merged" => Err("support-merged-read-only"),
        "closed" => Err("support-closed-final"),
        // A resolved ticket is reopened or closed; it does not go straight to waiting.
        "resolved" if !matches!(to, "open" | "closed") => Err("support-state-resolved-next"),
        _ if matches!(to, "resolved" | "closed") && legal_open => Err("support-legal-unanswered"),
        // Closing skips the customer's chance to say it is not solved: resolve first.
        _ if to == "closed" && from != "resolved" => Err("support-state-resolve-first"),
        _ => Ok(()),
    }
}

/// Whether `s` holds a control character other than a line break or a tab (a NUL, which
/// PostgreSQL cannot store, an escape sequence).
pub fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A tag as stored: lower case, letters, digits and dashes, 1 to 32 characters.
pub fn tag(raw: &str) -> Option<String> {
    let t = raw.trim().to_lowercase();
    let ok = !t.is_empty()
        && t.chars().count() <= 32
        && t.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    ok.then_some(t)
}

/// Tags typed as a list (commas or spaces), deduplicated in order; the first bad one is returned
/// as the error.
pub fn tags(raw: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let t = tag(part).ok_or_else(|| part.trim().to_string())?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// The ticket number as people say it: `T-` and at least six digits.
pub fn number(id: i64) -> String {
    format!("T-{id:06}")
}

/// Parses `T-000123`, `t123` or `123` (the number as typed).
pub fn parse_number(raw: &str) -> Option<i64> {
    let s = raw.trim();
    let digits = s.strip_prefix(['T', 't', 'Т', 'т']).map(|r| r.trim_start_matches('-')).unwrap_or(s);
    (!digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_the_rules() {
        assert!(state_change("new", "open", false).is_ok());
        assert!(state_change("open", "waiting_customer", true).is_ok());
        assert!(state_change("open", "resolved", false).is_ok());
        assert_eq!(state_change("open", "resolved", true), Err("support-legal-unanswered"));
        assert_eq!(state_change("open", "closed", false), Err("support-state-resolve-first"));
        assert!(state_change("resolved", "closed", false).is_ok());
        assert!(state_change("resolved", "open", false).is_ok());
        assert_eq!(state_change("resolved", "waiting_customer", false), Err("support-state-resolved-next"));
        assert_eq!(state_change("closed", "open", false), Err("support-closed-final"));
        assert_eq!(state_change("merged", "open", false), Err("support-merged-read-only"));
        assert_eq!(state_change("open", "merged", false), Err("field-invalid-choice"));
        assert_eq!(state_change("open", "new", false), Err("field-invalid-choice"));
        assert_eq!(state_change("open", "open", false), Err("support-state-same"));
    }

    #[test]
    fn numbers_and_tags_read_as_typed() {
        assert_eq!(number(42), "T-000042");
        assert_eq!(parse_number("T-000042"), Some(42));
        assert_eq!(parse_number("т42"), Some(42));
        assert_eq!(parse_number("42"), Some(42));
        assert_eq!(parse_number("T-"), None);
        assert_eq!(parse_number("0"), None);
        assert_eq!(parse_number("42a"), None);
        assert_eq!(tags("Карта, card  card").unwrap(), vec!["карта", "card"]);
        assert_eq!(tags("ok <b>").unwrap_err(), "<b>");
        assert!(tags("").unwrap().is_empty());
    }
}
