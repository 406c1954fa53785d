-- The personal-data access log keeps one row per person, application, kind of access, address
-- and ten-minute window, with the number of views and the last one's time; the row's `at`
-- stays the first view's. Rows written before have no window and count one view each.

ALTER TABLE pd_access_log ADD COLUMN last_at TEXT;
ALTER TABLE pd_access_log ADD COLUMN window_no INTEGER;
ALTER TABLE pd_access_log ADD COLUMN views INTEGER NOT NULL DEFAULT 1;

CREATE UNIQUE INDEX pd_access_log_window
    ON pd_access_log (staff_id, application_id, access, ip, window_no);

-- Still no deletes; an update may only raise the count and move the last view.
DROP TRIGGER pd_access_log_no_update;
CREATE TRIGGER pd_access_log_counts_only BEFORE UPDATE ON pd_access_log
    WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff_id IS NOT OLD.staff_id
      OR NEW.application_id IS NOT OLD.application_id OR NEW.access IS NOT OLD.access
      OR NEW.ip IS NOT OLD.ip OR NEW.window_no IS NOT OLD.window_no OR NEW.views < OLD.views
BEGIN
    SELECT RAISE(ABORT, 'pd_access_log: only a row''s count and last view may change');
END;
