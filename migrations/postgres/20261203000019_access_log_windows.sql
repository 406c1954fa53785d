-- The personal-data access log keeps one row per person, application, kind of access, address
-- and ten-minute window, with the number of views and the last one's time; the row's `at`
-- stays the first view's. Rows written before have no window and count one view each.

ALTER TABLE pd_access_log ADD COLUMN last_at TIMESTAMPTZ;
ALTER TABLE pd_access_log ADD COLUMN window_no BIGINT;
ALTER TABLE pd_access_log ADD COLUMN views BIGINT NOT NULL DEFAULT 1;

CREATE UNIQUE INDEX pd_access_log_window
    ON pd_access_log (staff_id, application_id, access, ip, window_no);

-- Still no deletes; an update may only raise the count and move the last view.
DROP TRIGGER pd_access_log_no_update ON pd_access_log;
CREATE TRIGGER pd_access_log_no_delete BEFORE DELETE ON pd_access_log
    FOR EACH ROW EXECUTE FUNCTION pd_access_log_append_only();
CREATE FUNCTION pd_access_log_counts_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
       OR NEW.staff_id IS DISTINCT FROM OLD.staff_id OR NEW.application_id IS DISTINCT FROM OLD.application_id
       OR NEW.access IS DISTINCT FROM OLD.access OR NEW.ip IS DISTINCT FROM OLD.ip
       OR NEW.window_no IS DISTINCT FROM OLD.window_no OR NEW.views < OLD.views THEN
        RAISE EXCEPTION 'pd_access_log: only a row''s count and last view may change';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER pd_access_log_counts_only BEFORE UPDATE ON pd_access_log
    FOR EACH ROW EXECUTE FUNCTION pd_access_log_counts_only();
