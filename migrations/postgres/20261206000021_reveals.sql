-- A field shown in full on the customer page is an access of its own: which customer, which
-- field, and the reason given. Such rows are never merged into a window (no window number).
ALTER TABLE pd_access_log ADD COLUMN customer_id BIGINT REFERENCES customers (id);
ALTER TABLE pd_access_log ADD COLUMN field TEXT;
ALTER TABLE pd_access_log ADD COLUMN reason TEXT;
CREATE INDEX pd_access_log_customer ON pd_access_log (customer_id, id) WHERE customer_id IS NOT NULL;

-- Only the count and the last view may still change (the new columns are fixed too).
CREATE OR REPLACE FUNCTION pd_access_log_counts_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
       OR NEW.staff_id IS DISTINCT FROM OLD.staff_id OR NEW.application_id IS DISTINCT FROM OLD.application_id
       OR NEW.access IS DISTINCT FROM OLD.access OR NEW.ip IS DISTINCT FROM OLD.ip
       OR NEW.window_no IS DISTINCT FROM OLD.window_no OR NEW.views < OLD.views
       OR NEW.customer_id IS DISTINCT FROM OLD.customer_id OR NEW.field IS DISTINCT FROM OLD.field
       OR NEW.reason IS DISTINCT FROM OLD.reason THEN
        RAISE EXCEPTION 'pd_access_log: only a row''s count and last view may change';
    END IF;
    RETURN NEW;
END
$$;
