-- Managers' dashboards (src/dashboards): daily rollups kept by triggers in the transaction of the
-- change they count, so a dashboard reads a few hundred rows and never scans the big tables.
--
-- A row is what the source rows of one day contribute to one measure: `metric` (`kyc.decided`),
-- `day` (Almaty, UTC+5), `dim` (an outcome, a channel, a staff id, a reason code or ''), and
-- `bucket`, the duration the measure carries (-1 for none; see `dash_change`). Each trigger takes
-- away what the old row contributed and adds what the new one does, so the table is always a
-- function of the rows as they are now: `kreditomat-portal check-dashboards` recounts it.
CREATE TABLE dash_daily (
    metric TEXT    NOT NULL,
    day    TEXT    NOT NULL,
    dim    TEXT    NOT NULL,
    bucket INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (metric, day, dim, bucket)
) WITHOUT ROWID;

-- One change: a count (bucket -1) and, for a measure with a duration (`secs`, whole seconds), its
-- bucket too. The buckets' upper ends are in src/dashboards/buckets.rs (BOUNDS): a minute apart
-- under ten minutes, growing to a quarter of the value, so a median is read to about a fifth.
CREATE VIEW dash_change (metric, day, dim, secs, delta) AS SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER dash_change_insert INSTEAD OF INSERT ON dash_change
BEGIN
    INSERT INTO dash_daily (metric, day, dim, bucket, n) VALUES (NEW.metric, NEW.day, NEW.dim, -1, NEW.delta)
    ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = n + excluded.n;
    INSERT INTO dash_daily (metric, day, dim, bucket, n)
    SELECT NEW.metric, NEW.day, NEW.dim,
           CASE WHEN NEW.secs IS NULL THEN -1 WHEN NEW.secs < 60 THEN 0 WHEN NEW.secs < 120 THEN 1
           WHEN NEW.secs < 180 THEN 2 WHEN NEW.secs < 240 THEN 3 WHEN NEW.secs < 300 THEN 4
           WHEN NEW.secs < 360 THEN 5 WHEN NEW.secs < 480 THEN 6 WHEN NEW.secs < 600 THEN 7
           WHEN NEW.secs < 720 THEN 8 WHEN NEW.secs < 900 THEN 9 WHEN NEW.secs < 1200 THEN 10
           WHEN NEW.secs < 1500 THEN 11 WHEN NEW.secs < 1800 THEN 12 WHEN NEW.secs < 2400 THEN 13
           WHEN NEW.secs < 3000 THEN 14 WHEN NEW.secs < 3600 THEN 15 WHEN NEW.secs < 4500 THEN 16
           WHEN NEW.secs < 5400 THEN 17 WHEN NEW.secs < 7200 THEN 18 WHEN NEW.secs < 9000 THEN 19
           WHEN NEW.secs < 10800 THEN 20 WHEN NEW.secs < 14400 THEN 21 WHEN NEW.secs < 18000 THEN 22
           WHEN NEW.secs < 21600 THEN 23 WHEN NEW.secs < 28800 THEN 24 WHEN NEW.secs < 36000 THEN 25
           WHEN NEW.secs < 43200 THEN 26 WHEN NEW.secs < 57600 THEN 27 WHEN NEW.secs < 72000 THEN 28
           WHEN NEW.secs < 86400 THEN 29 WHEN NEW.secs < 129600 THEN 30 WHEN NEW.secs < 172800 THEN 31
           WHEN NEW.secs < 259200 THEN 32 WHEN NEW.secs < 345600 THEN 33 WHEN NEW.secs < 432000 THEN 34
           WHEN NEW.secs < 518400 THEN 35 WHEN NEW.secs < 604800 THEN 36 WHEN NEW.secs < 864000 THEN 37
           WHEN NEW.secs < 1209600 THEN 38 WHEN NEW.secs < 1814400 THEN 39 WHEN NEW.secs < 2592000 THEN 40
           WHEN NEW.secs < 3888000 THEN 41 WHEN NEW.secs < 5184000 THEN 42 WHEN NEW.secs < 7776000 THEN 43
           WHEN NEW.secs < 15552000 THEN 44 WHEN NEW.secs < 31536000 THEN 45 ELSE 46 END,
           NEW.delta
     WHERE NEW.secs IS NOT NULL
    ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = n + excluded.n;
END;

-- When a verifier took the application (handling time runs from here to the decision).
ALTER TABLE applications ADD COLUMN claimed_at TEXT;
ALTER TABLE decisions ADD COLUMN claimed_at TEXT;

-- KYC: applications received.
CREATE TRIGGER dash_applications_insert AFTER INSERT ON applications
BEGIN
    INSERT INTO dash_change VALUES ('kyc.received', date(NEW.received_at, '+5 hours'), '', NULL, 1);
END;
CREATE TRIGGER dash_applications_received AFTER UPDATE OF received_at ON applications
WHEN OLD.received_at <> NEW.received_at
BEGIN
    INSERT INTO dash_change VALUES ('kyc.received', date(OLD.received_at, '+5 hours'), '', NULL, -1);
    INSERT INTO dash_change VALUES ('kyc.received', date(NEW.received_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'kyc.decided', date(d.decided_at, '+5 hours'), d.outcome,
           CAST(strftime('%s', d.decided_at) AS INTEGER) - CAST(strftime('%s', OLD.received_at) AS INTEGER), -1
      FROM decisions d WHERE d.application_id = NEW.id;
    INSERT INTO dash_change SELECT 'kyc.decided', date(d.decided_at, '+5 hours'), d.outcome,
           CAST(strftime('%s', d.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.received_at) AS INTEGER), 1
      FROM decisions d WHERE d.application_id = NEW.id;
END;

-- KYC: decisions (with the time from receipt), per verifier (with the handling time), and the
-- reasons of rejections. Decisions are never changed.
CREATE TRIGGER dash_decisions_insert AFTER INSERT ON decisions
BEGIN
    INSERT INTO dash_change SELECT 'kyc.decided', date(NEW.decided_at, '+5 hours'), NEW.outcome,
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', a.received_at) AS INTEGER), 1
      FROM applications a WHERE a.id = NEW.application_id;
    INSERT INTO dash_change VALUES ('kyc.by', date(NEW.decided_at, '+5 hours'), CAST(NEW.staff_id AS TEXT),
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.claimed_at) AS INTEGER), 1);
    INSERT INTO dash_change SELECT 'kyc.reason', date(NEW.decided_at, '+5 hours'), r.value, NULL, 1
      FROM json_each('["' || replace(NEW.reasons, ',', '","') || '"]') r
     WHERE NEW.outcome = 'rejected' AND NEW.reasons <> '';
END;

-- Compliance: screening hits found and decided.
CREATE TRIGGER dash_hits_insert AFTER INSERT ON screening_hits
BEGIN
    INSERT INTO dash_change VALUES ('cmp.hit.found', date(NEW.found_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'cmp.hit.decided', date(NEW.decided_at, '+5 hours'), NEW.status,
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.found_at) AS INTEGER), 1
     WHERE NEW.decided_at IS NOT NULL AND NEW.status <> 'open';
END;
CREATE TRIGGER dash_hits_update AFTER UPDATE OF status, decided_at, found_at ON screening_hits
WHEN OLD.status IS NOT NEW.status OR OLD.decided_at IS NOT NEW.decided_at OR OLD.found_at IS NOT NEW.found_at
BEGIN
    INSERT INTO dash_change VALUES ('cmp.hit.found', date(OLD.found_at, '+5 hours'), '', NULL, -1);
    INSERT INTO dash_change SELECT 'cmp.hit.decided', date(OLD.decided_at, '+5 hours'), OLD.status,
           CAST(strftime('%s', OLD.decided_at) AS INTEGER) - CAST(strftime('%s', OLD.found_at) AS INTEGER), -1
     WHERE OLD.decided_at IS NOT NULL AND OLD.status <> 'open';
    INSERT INTO dash_change VALUES ('cmp.hit.found', date(NEW.found_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'cmp.hit.decided', date(NEW.decided_at, '+5 hours'), NEW.status,
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.found_at) AS INTEGER), 1
     WHERE NEW.decided_at IS NOT NULL AND NEW.status <> 'open';
END;

-- Compliance: PEP approvals (the first key, the second with the wait for it, returns).
CREATE TRIGGER dash_pep_insert AFTER INSERT ON pep_approvals
BEGIN
    INSERT INTO dash_change VALUES ('cmp.pep.first', date(NEW.first_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'cmp.pep.senior', date(NEW.senior_at, '+5 hours'), '',
           CAST(strftime('%s', NEW.senior_at) AS INTEGER) - CAST(strftime('%s', NEW.first_at) AS INTEGER), 1
     WHERE NEW.senior_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'cmp.pep.returned', date(NEW.returned_at, '+5 hours'), '', NULL, 1
     WHERE NEW.returned_at IS NOT NULL;
END;
CREATE TRIGGER dash_pep_update AFTER UPDATE OF first_at, senior_at, returned_at ON pep_approvals
WHEN OLD.first_at IS NOT NEW.first_at OR OLD.senior_at IS NOT NEW.senior_at OR OLD.returned_at IS NOT NEW.returned_at
BEGIN
    INSERT INTO dash_change VALUES ('cmp.pep.first', date(OLD.first_at, '+5 hours'), '', NULL, -1);
    INSERT INTO dash_change SELECT 'cmp.pep.senior', date(OLD.senior_at, '+5 hours'), '',
           CAST(strftime('%s', OLD.senior_at) AS INTEGER) - CAST(strftime('%s', OLD.first_at) AS INTEGER), -1
     WHERE OLD.senior_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'cmp.pep.returned', date(OLD.returned_at, '+5 hours'), '', NULL, -1
     WHERE OLD.returned_at IS NOT NULL;
    INSERT INTO dash_change VALUES ('cmp.pep.first', date(NEW.first_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'cmp.pep.senior', date(NEW.senior_at, '+5 hours'), '',
           CAST(strftime('%s', NEW.senior_at) AS INTEGER) - CAST(strftime('%s', NEW.first_at) AS INTEGER), 1
     WHERE NEW.senior_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'cmp.pep.returned', date(NEW.returned_at, '+5 hours'), '', NULL, 1
     WHERE NEW.returned_at IS NOT NULL;
END;

-- Support: tickets by channel, category and (objections) policy version on the day they came;
-- first responses and resolutions on their day, late or not, with the time they took; legal
-- deadlines met or missed on the day the answer went; the tickets being worked by the day they
-- are due and by the day their legal deadline ends (so what is overdue now is a sum of past
-- days and a count of today's).
CREATE TRIGGER dash_tickets_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO dash_change VALUES ('sup.created', date(NEW.created_at, '+5 hours'), NEW.channel, NULL, 1);
    INSERT INTO dash_change VALUES ('sup.category', date(NEW.created_at, '+5 hours'), NEW.category, NULL, 1);
    INSERT INTO dash_change SELECT 'sup.objection', date(NEW.created_at, '+5 hours'), CAST(NEW.policy_version_id AS TEXT), NULL, 1
     WHERE NEW.category = 'objection' AND NEW.policy_version_id IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.first', date(NEW.first_response_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.first_response_at) AS INTEGER) > CAST(strftime('%s', NEW.first_response_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.first_response_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.resolved', date(NEW.resolved_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.resolved_at) AS INTEGER) > CAST(strftime('%s', NEW.resolution_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', NEW.resolved_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.resolved_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.legal', date(NEW.legal_done_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.legal_done_at) AS INTEGER) > CAST(strftime('%s', NEW.legal_due_at) AS INTEGER) THEN 'missed' ELSE 'met' END, NULL, 1
     WHERE NEW.legal_done_at IS NOT NULL AND NEW.legal_due_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.due', date(NEW.due_at, '+5 hours'), '', NULL, 1
     WHERE NEW.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
    INSERT INTO dash_change SELECT 'sup.legal.open', date(NEW.legal_due_at, '+5 hours'), '', NULL, 1
     WHERE NEW.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party') AND NEW.legal_done_at IS NULL AND NEW.legal_due_at IS NOT NULL;
END;
CREATE TRIGGER dash_tickets_update AFTER UPDATE OF state, due_at, created_at, channel, category, policy_version_id, first_response_at, first_response_due_at, resolved_at, resolution_due_at, legal_due_at, legal_done_at ON tickets
WHEN OLD.state IS NOT NEW.state OR OLD.due_at IS NOT NEW.due_at OR OLD.created_at IS NOT NEW.created_at OR OLD.channel IS NOT NEW.channel OR OLD.category IS NOT NEW.category OR OLD.policy_version_id IS NOT NEW.policy_version_id OR OLD.first_response_at IS NOT NEW.first_response_at OR OLD.first_response_due_at IS NOT NEW.first_response_due_at OR OLD.resolved_at IS NOT NEW.resolved_at OR OLD.resolution_due_at IS NOT NEW.resolution_due_at OR OLD.legal_due_at IS NOT NEW.legal_due_at OR OLD.legal_done_at IS NOT NEW.legal_done_at
BEGIN
    INSERT INTO dash_change VALUES ('sup.created', date(OLD.created_at, '+5 hours'), OLD.channel, NULL, -1);
    INSERT INTO dash_change VALUES ('sup.category', date(OLD.created_at, '+5 hours'), OLD.category, NULL, -1);
    INSERT INTO dash_change SELECT 'sup.objection', date(OLD.created_at, '+5 hours'), CAST(OLD.policy_version_id AS TEXT), NULL, -1
     WHERE OLD.category = 'objection' AND OLD.policy_version_id IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.first', date(OLD.first_response_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', OLD.first_response_at) AS INTEGER) > CAST(strftime('%s', OLD.first_response_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', OLD.first_response_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER), -1
     WHERE OLD.first_response_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.resolved', date(OLD.resolved_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', OLD.resolved_at) AS INTEGER) > CAST(strftime('%s', OLD.resolution_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', OLD.resolved_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER), -1
     WHERE OLD.resolved_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.legal', date(OLD.legal_done_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', OLD.legal_done_at) AS INTEGER) > CAST(strftime('%s', OLD.legal_due_at) AS INTEGER) THEN 'missed' ELSE 'met' END, NULL, -1
     WHERE OLD.legal_done_at IS NOT NULL AND OLD.legal_due_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.due', date(OLD.due_at, '+5 hours'), '', NULL, -1
     WHERE OLD.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
    INSERT INTO dash_change SELECT 'sup.legal.open', date(OLD.legal_due_at, '+5 hours'), '', NULL, -1
     WHERE OLD.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party') AND OLD.legal_done_at IS NULL AND OLD.legal_due_at IS NOT NULL;
    INSERT INTO dash_change VALUES ('sup.created', date(NEW.created_at, '+5 hours'), NEW.channel, NULL, 1);
    INSERT INTO dash_change VALUES ('sup.category', date(NEW.created_at, '+5 hours'), NEW.category, NULL, 1);
    INSERT INTO dash_change SELECT 'sup.objection', date(NEW.created_at, '+5 hours'), CAST(NEW.policy_version_id AS TEXT), NULL, 1
     WHERE NEW.category = 'objection' AND NEW.policy_version_id IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.first', date(NEW.first_response_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.first_response_at) AS INTEGER) > CAST(strftime('%s', NEW.first_response_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', NEW.first_response_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.first_response_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.resolved', date(NEW.resolved_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.resolved_at) AS INTEGER) > CAST(strftime('%s', NEW.resolution_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
           CAST(strftime('%s', NEW.resolved_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.resolved_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.legal', date(NEW.legal_done_at, '+5 hours'),
           CASE WHEN CAST(strftime('%s', NEW.legal_done_at) AS INTEGER) > CAST(strftime('%s', NEW.legal_due_at) AS INTEGER) THEN 'missed' ELSE 'met' END, NULL, 1
     WHERE NEW.legal_done_at IS NOT NULL AND NEW.legal_due_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'sup.due', date(NEW.due_at, '+5 hours'), '', NULL, 1
     WHERE NEW.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
    INSERT INTO dash_change SELECT 'sup.legal.open', date(NEW.legal_due_at, '+5 hours'), '', NULL, 1
     WHERE NEW.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party') AND NEW.legal_done_at IS NULL AND NEW.legal_due_at IS NOT NULL;
END;

-- Security: account blocks, unblocks, restrictions and archiving (the customer events, never
-- changed), and restoration cases opened and decided.
CREATE TRIGGER dash_customer_events_insert AFTER INSERT ON customer_events
WHEN NEW.event_type IN ('customer.blocked', 'customer.unblocked', 'customer.restricted', 'customer.archived')
BEGIN
    INSERT INTO dash_change VALUES ('sec.account', date(NEW.at, '+5 hours'), substr(NEW.event_type, 10), NULL, 1);
END;
CREATE TRIGGER dash_cases_insert AFTER INSERT ON restoration_cases
BEGIN
    INSERT INTO dash_change VALUES ('sec.case.opened', date(NEW.created_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'sec.case.decided', date(NEW.decided_at, '+5 hours'), NEW.state,
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.decided_at IS NOT NULL AND NEW.state IN ('restored', 'refused');
END;
CREATE TRIGGER dash_cases_update AFTER UPDATE OF created_at, state, decided_at ON restoration_cases
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.state IS NOT NEW.state OR OLD.decided_at IS NOT NEW.decided_at
BEGIN
    INSERT INTO dash_change VALUES ('sec.case.opened', date(OLD.created_at, '+5 hours'), '', NULL, -1);
    INSERT INTO dash_change SELECT 'sec.case.decided', date(OLD.decided_at, '+5 hours'), OLD.state,
           CAST(strftime('%s', OLD.decided_at) AS INTEGER) - CAST(strftime('%s', OLD.created_at) AS INTEGER), -1
     WHERE OLD.decided_at IS NOT NULL AND OLD.state IN ('restored', 'refused');
    INSERT INTO dash_change VALUES ('sec.case.opened', date(NEW.created_at, '+5 hours'), '', NULL, 1);
    INSERT INTO dash_change SELECT 'sec.case.decided', date(NEW.decided_at, '+5 hours'), NEW.state,
           CAST(strftime('%s', NEW.decided_at) AS INTEGER) - CAST(strftime('%s', NEW.created_at) AS INTEGER), 1
     WHERE NEW.decided_at IS NOT NULL AND NEW.state IN ('restored', 'refused');
END;

-- Legal deadlines that have passed without an answer, counted live.
CREATE INDEX tickets_legal_open ON tickets (legal_due_at)
    WHERE legal_done_at IS NULL AND legal_due_at IS NOT NULL
      AND state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');

-- What is there already.
INSERT INTO dash_change SELECT 'kyc.received', date(received_at, '+5 hours'), '', NULL, 1 FROM applications;
INSERT INTO dash_change SELECT 'kyc.decided', date(d.decided_at, '+5 hours'), d.outcome,
       CAST(strftime('%s', d.decided_at) AS INTEGER) - CAST(strftime('%s', a.received_at) AS INTEGER), 1
  FROM decisions d JOIN applications a ON a.id = d.application_id;
INSERT INTO dash_change SELECT 'kyc.by', date(decided_at, '+5 hours'), CAST(staff_id AS TEXT), NULL, 1 FROM decisions;
INSERT INTO dash_change SELECT 'kyc.reason', date(d.decided_at, '+5 hours'), r.value, NULL, 1
  FROM decisions d, json_each('["' || replace(d.reasons, ',', '","') || '"]') r
 WHERE d.outcome = 'rejected' AND d.reasons <> '';
INSERT INTO dash_change SELECT 'cmp.hit.found', date(found_at, '+5 hours'), '', NULL, 1 FROM screening_hits;
INSERT INTO dash_change SELECT 'cmp.hit.decided', date(decided_at, '+5 hours'), status,
       CAST(strftime('%s', decided_at) AS INTEGER) - CAST(strftime('%s', found_at) AS INTEGER), 1
  FROM screening_hits WHERE decided_at IS NOT NULL AND status <> 'open';
INSERT INTO dash_change SELECT 'cmp.pep.first', date(first_at, '+5 hours'), '', NULL, 1 FROM pep_approvals;
INSERT INTO dash_change SELECT 'cmp.pep.senior', date(senior_at, '+5 hours'), '',
       CAST(strftime('%s', senior_at) AS INTEGER) - CAST(strftime('%s', first_at) AS INTEGER), 1
  FROM pep_approvals WHERE senior_at IS NOT NULL;
INSERT INTO dash_change SELECT 'cmp.pep.returned', date(returned_at, '+5 hours'), '', NULL, 1
  FROM pep_approvals WHERE returned_at IS NOT NULL;
INSERT INTO dash_change SELECT 'sup.created', date(created_at, '+5 hours'), channel, NULL, 1 FROM tickets;
INSERT INTO dash_change SELECT 'sup.category', date(created_at, '+5 hours'), category, NULL, 1 FROM tickets;
INSERT INTO dash_change SELECT 'sup.objection', date(created_at, '+5 hours'), CAST(policy_version_id AS TEXT), NULL, 1
  FROM tickets WHERE category = 'objection' AND policy_version_id IS NOT NULL;
INSERT INTO dash_change SELECT 'sup.first', date(first_response_at, '+5 hours'),
       CASE WHEN CAST(strftime('%s', first_response_at) AS INTEGER) > CAST(strftime('%s', first_response_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
       CAST(strftime('%s', first_response_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER), 1
  FROM tickets WHERE first_response_at IS NOT NULL;
INSERT INTO dash_change SELECT 'sup.resolved', date(resolved_at, '+5 hours'),
       CASE WHEN CAST(strftime('%s', resolved_at) AS INTEGER) > CAST(strftime('%s', resolution_due_at) AS INTEGER) THEN 'late' ELSE 'ok' END,
       CAST(strftime('%s', resolved_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER), 1
  FROM tickets WHERE resolved_at IS NOT NULL;
INSERT INTO dash_change SELECT 'sup.legal', date(legal_done_at, '+5 hours'),
       CASE WHEN CAST(strftime('%s', legal_done_at) AS INTEGER) > CAST(strftime('%s', legal_due_at) AS INTEGER) THEN 'missed' ELSE 'met' END, NULL, 1
  FROM tickets WHERE legal_done_at IS NOT NULL AND legal_due_at IS NOT NULL;
INSERT INTO dash_change SELECT 'sup.due', date(due_at, '+5 hours'), '', NULL, 1
  FROM tickets WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
INSERT INTO dash_change SELECT 'sup.legal.open', date(legal_due_at, '+5 hours'), '', NULL, 1
  FROM tickets WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party') AND legal_done_at IS NULL AND legal_due_at IS NOT NULL;
INSERT INTO dash_change SELECT 'sec.account', date(at, '+5 hours'), substr(event_type, 10), NULL, 1
  FROM customer_events
 WHERE event_type IN ('customer.blocked', 'customer.unblocked', 'customer.restricted', 'customer.archived');
INSERT INTO dash_change SELECT 'sec.case.opened', date(created_at, '+5 hours'), '', NULL, 1 FROM restoration_cases;
INSERT INTO dash_change SELECT 'sec.case.decided', date(decided_at, '+5 hours'), state,
       CAST(strftime('%s', decided_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER), 1
  FROM restoration_cases WHERE decided_at IS NOT NULL AND state IN ('restored', 'refused');
