-- The support lead's tab: legal requests still unanswered from their escalation time, before the
-- statutory deadline passes (src/support/queue.rs, view `escalated`).
CREATE INDEX tickets_legal_escalate ON tickets (legal_escalate_at, id)
    WHERE legal_done_at IS NULL AND legal_escalate_at IS NOT NULL
      AND state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
