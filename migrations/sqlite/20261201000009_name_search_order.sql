-- Name search in queue order: each name word learns when its application arrived, so a search
-- for a common word walks that word's applications oldest (or newest) first and stops after one
-- page, instead of collecting every application with the word and sorting them.
CREATE TABLE application_name_tokens_new (
    token          TEXT    NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    received_at    TEXT    NOT NULL,
    PRIMARY KEY (token, application_id)
) WITHOUT ROWID;
INSERT INTO application_name_tokens_new (token, application_id, received_at)
SELECT t.token, t.application_id, a.received_at
FROM application_name_tokens t JOIN applications a ON a.id = t.application_id;
DROP TABLE application_name_tokens;
ALTER TABLE application_name_tokens_new RENAME TO application_name_tokens;
CREATE INDEX application_name_tokens_order ON application_name_tokens (token, received_at, application_id);
-- The other words of a search are checked per application.
CREATE INDEX application_name_tokens_application ON application_name_tokens (application_id, token);

CREATE TRIGGER application_name_tokens_received AFTER UPDATE OF received_at ON applications
WHEN OLD.received_at IS NOT NEW.received_at
BEGIN
    UPDATE application_name_tokens SET received_at = NEW.received_at WHERE application_id = NEW.id;
END;
