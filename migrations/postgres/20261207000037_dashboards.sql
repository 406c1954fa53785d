-- Managers' dashboards (src/dashboards): daily rollups kept by triggers in the transaction of the
-- change they count, so a dashboard reads a few hundred rows and never scans the big tables.
--
-- A row is what the source rows of one day contribute to one measure: `metric` (`kyc.decided`),
-- `day` (Almaty, UTC+5), `dim` (an outcome, a channel, a staff id, a reason code or ''), and
-- `bucket`, the duration the measure carries (-1 for none; see `dash_bucket`). Each trigger takes
-- away what the old row contributed and adds what the new one does, so the table is always a
-- function of the rows as they are now: `kreditomat-portal check-dashboards` recounts it.
CREATE TABLE dash_daily (
    metric TEXT   NOT NULL,
    day    DATE   NOT NULL,
    dim    TEXT   NOT NULL,
    bucket BIGINT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (metric, day, dim, bucket)
);

CREATE FUNCTION dash_day(at TIMESTAMPTZ) RETURNS DATE LANGUAGE sql IMMUTABLE AS
$$ SELECT ((at AT TIME ZONE 'UTC') + INTERVAL '5 hours')::date $$;
CREATE FUNCTION dash_secs(a TIMESTAMPTZ, b TIMESTAMPTZ) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS
$$ SELECT floor(extract(epoch FROM b))::bigint - floor(extract(epoch FROM a))::bigint $$;
-- Times are compared in whole seconds (as SQLite reads them).
-- A duration in whole seconds kept in a bucket (-1: none). The buckets' upper ends are in
-- src/dashboards/buckets.rs (BOUNDS): a minute apart under ten minutes, growing to a quarter of
-- the value, so a median is read to about a fifth.
CREATE FUNCTION dash_bucket(secs BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN secs IS NULL THEN -1 WHEN secs < 60 THEN 0 WHEN secs < 120 THEN 1
          WHEN secs < 180 THEN 2 WHEN secs < 240 THEN 3 WHEN secs < 300 THEN 4 WHEN secs < 360 THEN 5
          WHEN secs < 480 THEN 6 WHEN secs < 600 THEN 7 WHEN secs < 720 THEN 8 WHEN secs < 900 THEN 9
          WHEN secs < 1200 THEN 10 WHEN secs < 1500 THEN 11 WHEN secs < 1800 THEN 12
          WHEN secs < 2400 THEN 13 WHEN secs < 3000 THEN 14 WHEN secs < 3600 THEN 15
          WHEN secs < 4500 THEN 16 WHEN secs < 5400 THEN 17 WHEN secs < 7200 THEN 18
          WHEN secs < 9000 THEN 19 WHEN secs < 10800 THEN 20 WHEN secs < 14400 THEN 21
          WHEN secs < 18000 THEN 22 WHEN secs < 21600 THEN 23 WHEN secs < 28800 THEN 24
          WHEN secs < 36000 THEN 25 WHEN secs < 43200 THEN 26 WHEN secs < 57600 THEN 27
          WHEN secs < 72000 THEN 28 WHEN secs < 86400 THEN 29 WHEN secs < 129600 THEN 30
          WHEN secs < 172800 THEN 31 WHEN secs < 259200 THEN 32 WHEN secs < 345600 THEN 33
          WHEN secs < 432000 THEN 34 WHEN secs < 518400 THEN 35 WHEN secs < 604800 THEN 36
          WHEN secs < 864000 THEN 37 WHEN secs < 1209600 THEN 38 WHEN secs < 1814400 THEN 39
          WHEN secs < 2592000 THEN 40 WHEN secs < 3888000 THEN 41 WHEN secs < 5184000 THEN 42
          WHEN secs < 7776000 THEN 43 WHEN secs < 15552000 THEN 44 WHEN secs < 31536000 THEN 45
          ELSE 46 END $$;

-- When a verifier took the application (handling time runs from here to the decision).
ALTER TABLE applications ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE decisions ADD COLUMN claimed_at TIMESTAMPTZ;

-- What one row contributes, per table.
CREATE FUNCTION dash_application_rows(a applications) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'kyc.received', dash_day(a.received_at), '', NULL::bigint
    UNION ALL
    SELECT 'kyc.decided', dash_day(d.decided_at), d.outcome, dash_secs(a.received_at, d.decided_at)
      FROM decisions d WHERE d.application_id = a.id;
END
$$;
CREATE FUNCTION dash_decision_rows(d decisions) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'kyc.decided', dash_day(d.decided_at), d.outcome, dash_secs(a.received_at, d.decided_at)
      FROM applications a WHERE a.id = d.application_id
    UNION ALL
    SELECT 'kyc.by', dash_day(d.decided_at), d.staff_id::text, dash_secs(d.claimed_at, d.decided_at)
    UNION ALL
    SELECT 'kyc.reason', dash_day(d.decided_at), r, NULL
      FROM unnest(string_to_array(d.reasons, ',')) r WHERE d.outcome = 'rejected' AND d.reasons <> '';
END
$$;
CREATE FUNCTION dash_hit_rows(h screening_hits) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'cmp.hit.found', dash_day(h.found_at), '', NULL::bigint
    UNION ALL
    SELECT 'cmp.hit.decided', dash_day(h.decided_at), h.status, dash_secs(h.found_at, h.decided_at)
     WHERE h.decided_at IS NOT NULL AND h.status <> 'open';
END
$$;
CREATE FUNCTION dash_pep_rows(p pep_approvals) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'cmp.pep.first', dash_day(p.first_at), '', NULL::bigint
    UNION ALL
    SELECT 'cmp.pep.senior', dash_day(p.senior_at), '', dash_secs(p.first_at, p.senior_at) WHERE p.senior_at IS NOT NULL
    UNION ALL
    SELECT 'cmp.pep.returned', dash_day(p.returned_at), '', NULL WHERE p.returned_at IS NOT NULL;
END
$$;
CREATE FUNCTION dash_ticket_rows(t tickets) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'sup.created', dash_day(t.created_at), t.channel, NULL::bigint
    UNION ALL
    SELECT 'sup.category', dash_day(t.created_at), t.category, NULL
    UNION ALL
    SELECT 'sup.objection', dash_day(t.created_at), t.policy_version_id::text, NULL
     WHERE t.category = 'objection' AND t.policy_version_id IS NOT NULL
    UNION ALL
    SELECT 'sup.first', dash_day(t.first_response_at),
           CASE WHEN dash_secs(t.first_response_due_at, t.first_response_at) > 0 THEN 'late' ELSE 'ok' END,
           dash_secs(t.created_at, t.first_response_at)
     WHERE t.first_response_at IS NOT NULL
    UNION ALL
    SELECT 'sup.resolved', dash_day(t.resolved_at),
           CASE WHEN dash_secs(t.resolution_due_at, t.resolved_at) > 0 THEN 'late' ELSE 'ok' END,
           dash_secs(t.created_at, t.resolved_at)
     WHERE t.resolved_at IS NOT NULL
    UNION ALL
    SELECT 'sup.legal', dash_day(t.legal_done_at),
           CASE WHEN dash_secs(t.legal_due_at, t.legal_done_at) > 0 THEN 'missed' ELSE 'met' END, NULL
     WHERE t.legal_done_at IS NOT NULL AND t.legal_due_at IS NOT NULL
    UNION ALL
    SELECT 'sup.due', dash_day(t.due_at), '', NULL WHERE t.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party')
    UNION ALL
    SELECT 'sup.legal.open', dash_day(t.legal_due_at), '', NULL
     WHERE t.state IN ('new', 'open', 'waiting_customer', 'waiting_third_party') AND t.legal_done_at IS NULL AND t.legal_due_at IS NOT NULL;
END
$$;
CREATE FUNCTION dash_customer_event_rows(e customer_events) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'sec.account', dash_day(e.at), substr(e.event_type, 10), NULL::bigint
     WHERE e.event_type IN ('customer.blocked', 'customer.unblocked', 'customer.restricted', 'customer.archived');
END
$$;
CREATE FUNCTION dash_case_rows(c restoration_cases) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'sec.case.opened', dash_day(c.created_at), '', NULL::bigint
    UNION ALL
    SELECT 'sec.case.decided', dash_day(c.decided_at), c.state, dash_secs(c.created_at, c.decided_at)
     WHERE c.decided_at IS NOT NULL AND c.state IN ('restored', 'refused');
END
$$;

-- One trigger function for every table: what the old row contributed goes, what the new one
-- contributes comes, in one statement (rows that stay the same cancel out and are not written);
-- each contribution is a count (bucket -1) and, with a duration, its bucket.
CREATE FUNCTION dash_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'INSERT INTO dash_daily (metric, day, dim, bucket, n)
         SELECT c.metric, c.day, c.dim, b.bucket, SUM(c.delta) FROM (
             SELECT r.*, -1 AS delta FROM %1$I($1) r WHERE $3
             UNION ALL
             SELECT r.*, 1 FROM %1$I($2) r WHERE $4
         ) c CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(c.secs) WHERE c.secs IS NOT NULL) b
         GROUP BY c.metric, c.day, c.dim, b.bucket HAVING SUM(c.delta) <> 0
         ORDER BY c.metric, c.day, c.dim, b.bucket
         ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n',
        TG_ARGV[0])
    USING OLD, NEW, TG_OP IN ('UPDATE', 'DELETE'), TG_OP IN ('UPDATE', 'INSERT');
    RETURN NULL;
END
$$;

CREATE TRIGGER dash_applications_insert AFTER INSERT ON applications
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_application_rows');
CREATE TRIGGER dash_applications_received AFTER UPDATE OF received_at ON applications
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION dash_track('dash_application_rows');
CREATE TRIGGER dash_decisions_insert AFTER INSERT ON decisions
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_decision_rows');
CREATE TRIGGER dash_hits_insert AFTER INSERT ON screening_hits
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_hit_rows');
CREATE TRIGGER dash_hits_update AFTER UPDATE OF status, decided_at, found_at ON screening_hits
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.decided_at IS DISTINCT FROM NEW.decided_at
                       OR OLD.found_at IS DISTINCT FROM NEW.found_at)
    EXECUTE FUNCTION dash_track('dash_hit_rows');
CREATE TRIGGER dash_pep_insert AFTER INSERT ON pep_approvals
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_pep_rows');
CREATE TRIGGER dash_pep_update AFTER UPDATE OF first_at, senior_at, returned_at ON pep_approvals
    FOR EACH ROW WHEN (OLD.first_at IS DISTINCT FROM NEW.first_at OR OLD.senior_at IS DISTINCT FROM NEW.senior_at
                       OR OLD.returned_at IS DISTINCT FROM NEW.returned_at)
    EXECUTE FUNCTION dash_track('dash_pep_rows');
CREATE TRIGGER dash_tickets_insert AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_ticket_rows');
CREATE TRIGGER dash_tickets_update AFTER UPDATE OF state, due_at, created_at, channel, category, policy_version_id,
        first_response_at, first_response_due_at, resolved_at, resolution_due_at, legal_due_at, legal_done_at ON tickets
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.due_at IS DISTINCT FROM NEW.due_at
        OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.category IS DISTINCT FROM NEW.category OR OLD.policy_version_id IS DISTINCT FROM NEW.policy_version_id
        OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at
        OR OLD.first_response_due_at IS DISTINCT FROM NEW.first_response_due_at
        OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at
        OR OLD.legal_due_at IS DISTINCT FROM NEW.legal_due_at OR OLD.legal_done_at IS DISTINCT FROM NEW.legal_done_at)
    EXECUTE FUNCTION dash_track('dash_ticket_rows');
CREATE TRIGGER dash_customer_events_insert AFTER INSERT ON customer_events
    FOR EACH ROW WHEN (NEW.event_type IN ('customer.blocked', 'customer.unblocked', 'customer.restricted', 'customer.archived'))
    EXECUTE FUNCTION dash_track('dash_customer_event_rows');
CREATE TRIGGER dash_cases_insert AFTER INSERT ON restoration_cases
    FOR EACH ROW EXECUTE FUNCTION dash_track('dash_case_rows');
CREATE TRIGGER dash_cases_update AFTER UPDATE OF created_at, state, decided_at ON restoration_cases
    FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.state IS DISTINCT FROM NEW.state
                       OR OLD.decided_at IS DISTINCT FROM NEW.decided_at)
    EXECUTE FUNCTION dash_track('dash_case_rows');

-- Legal deadlines that have passed without an answer, counted live.
CREATE INDEX tickets_legal_open ON tickets (legal_due_at)
    WHERE legal_done_at IS NULL AND legal_due_at IS NOT NULL
      AND state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');

-- What is there already.
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM applications a, LATERAL dash_application_rows(a) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
 WHERE r.metric = 'kyc.received'
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM decisions d, LATERAL dash_decision_rows(d) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM screening_hits h, LATERAL dash_hit_rows(h) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM pep_approvals p, LATERAL dash_pep_rows(p) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM tickets t, LATERAL dash_ticket_rows(t) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM customer_events e, LATERAL dash_customer_event_rows(e) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT r.metric, r.day, r.dim, b.bucket, COUNT(*) FROM restoration_cases c, LATERAL dash_case_rows(c) r
    CROSS JOIN LATERAL (SELECT -1 AS bucket UNION ALL SELECT dash_bucket(r.secs) WHERE r.secs IS NOT NULL) b
GROUP BY 1, 2, 3, 4 ON CONFLICT (metric, day, dim, bucket) DO UPDATE SET n = dash_daily.n + EXCLUDED.n;
