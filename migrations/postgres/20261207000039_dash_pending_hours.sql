-- The KYC tab's queue by age (src/dashboards/kyc.rs): the pending applications per hour of
-- arrival, so the ages are read from at most 73 rollup rows and four ranges of under an hour,
-- not counted over every application that arrived in the last three days.
--
-- `kyc.pending`: `day` is the Almaty date of `received_at`, `dim` its Almaty hour ('00'-'23'),
-- `bucket` -1, `n` the applications received in that hour that are pending now. An hour whose
-- applications have all left the queue keeps its row at 0.
CREATE FUNCTION dash_hour(at TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char((at AT TIME ZONE 'UTC') + INTERVAL '5 hours', 'HH24') $$;

CREATE FUNCTION dash_pending_rows(a applications) RETURNS TABLE (metric TEXT, day DATE, dim TEXT, secs BIGINT)
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT 'kyc.pending', dash_day(a.received_at), dash_hour(a.received_at), NULL::bigint
     WHERE a.status = 'pending';
END
$$;

CREATE TRIGGER dash_pending_insert AFTER INSERT ON applications
    FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION dash_track('dash_pending_rows');
CREATE TRIGGER dash_pending_update AFTER UPDATE OF status, received_at ON applications
    FOR EACH ROW WHEN ((OLD.status = 'pending' OR NEW.status = 'pending')
                       AND (OLD.status IS DISTINCT FROM NEW.status
                            OR OLD.received_at IS DISTINCT FROM NEW.received_at))
    EXECUTE FUNCTION dash_track('dash_pending_rows');
CREATE TRIGGER dash_pending_delete AFTER DELETE ON applications
    FOR EACH ROW WHEN (OLD.status = 'pending') EXECUTE FUNCTION dash_track('dash_pending_rows');

-- What is there already.
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT 'kyc.pending', dash_day(received_at), dash_hour(received_at), -1, COUNT(*)
  FROM applications WHERE status = 'pending'
 GROUP BY 2, 3;
