-- A name search mostly looks at one status (the pending tab): each pair row carries its
-- application's status, kept by a trigger, so the walk reads only that status's rows in queue
-- order instead of stepping over every decided application with the same name.
ALTER TABLE application_name_pairs ADD COLUMN status TEXT NOT NULL DEFAULT '';
UPDATE application_name_pairs SET status = (SELECT a.status FROM applications a WHERE a.id = application_name_pairs.application_id);
CREATE INDEX application_name_pairs_status ON application_name_pairs (pair, status, received_at, application_id);

CREATE TRIGGER application_name_pairs_status AFTER UPDATE OF status ON applications
WHEN OLD.status IS NOT NEW.status
BEGIN
    UPDATE application_name_pairs SET status = NEW.status WHERE application_id = NEW.id;
END;
