-- The KYC tab's queue by age (src/dashboards/kyc.rs): the pending applications per hour of
-- arrival, so the ages are read from at most 73 rollup rows and four ranges of under an hour,
-- not counted over every application that arrived in the last three days.
--
-- `kyc.pending`: `day` is the Almaty date of `received_at`, `dim` its Almaty hour ('00'-'23'),
-- `bucket` -1, `n` the applications received in that hour that are pending now. An hour whose
-- applications have all left the queue keeps its row at 0.
CREATE TRIGGER dash_pending_insert AFTER INSERT ON applications WHEN NEW.status = 'pending'
BEGIN
    INSERT INTO dash_change VALUES
        ('kyc.pending', date(NEW.received_at, '+5 hours'), strftime('%H', NEW.received_at, '+5 hours'), NULL, 1);
END;
CREATE TRIGGER dash_pending_update AFTER UPDATE OF status, received_at ON applications
WHEN (OLD.status = 'pending' OR NEW.status = 'pending')
 AND (OLD.status IS NOT NEW.status OR OLD.received_at IS NOT NEW.received_at)
BEGIN
    INSERT INTO dash_change SELECT
        'kyc.pending', date(OLD.received_at, '+5 hours'), strftime('%H', OLD.received_at, '+5 hours'), NULL, -1
     WHERE OLD.status = 'pending';
    INSERT INTO dash_change SELECT
        'kyc.pending', date(NEW.received_at, '+5 hours'), strftime('%H', NEW.received_at, '+5 hours'), NULL, 1
     WHERE NEW.status = 'pending';
END;
CREATE TRIGGER dash_pending_delete AFTER DELETE ON applications WHEN OLD.status = 'pending'
BEGIN
    INSERT INTO dash_change VALUES
        ('kyc.pending', date(OLD.received_at, '+5 hours'), strftime('%H', OLD.received_at, '+5 hours'), NULL, -1);
END;

-- What is there already.
INSERT INTO dash_daily (metric, day, dim, bucket, n)
SELECT 'kyc.pending', date(received_at, '+5 hours'), strftime('%H', received_at, '+5 hours'), -1, COUNT(*)
  FROM applications WHERE status = 'pending'
 GROUP BY 2, 3;
