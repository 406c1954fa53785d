-- A field shown in full on the customer page is an access of its own: which customer, which
-- field, and the reason given. Such rows are never merged into a window (no window number).
ALTER TABLE pd_access_log ADD COLUMN customer_id INTEGER REFERENCES customers (id);
ALTER TABLE pd_access_log ADD COLUMN field TEXT;
ALTER TABLE pd_access_log ADD COLUMN reason TEXT;
CREATE INDEX pd_access_log_customer ON pd_access_log (customer_id, id) WHERE customer_id IS NOT NULL;

-- Only the count and the last view may still change (the new columns are fixed too).
DROP TRIGGER pd_access_log_counts_only;
CREATE TRIGGER pd_access_log_counts_only BEFORE UPDATE ON pd_access_log
    WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff_id IS NOT OLD.staff_id
      OR NEW.application_id IS NOT OLD.application_id OR NEW.access IS NOT OLD.access
      OR NEW.ip IS NOT OLD.ip OR NEW.window_no IS NOT OLD.window_no OR NEW.views < OLD.views
      OR NEW.customer_id IS NOT OLD.customer_id OR NEW.field IS NOT OLD.field
      OR NEW.reason IS NOT OLD.reason
BEGIN
    SELECT RAISE(ABORT, 'pd_access_log: only a row''s count and last view may change');
END;
