-- Name search in queue order: each name word learns when its application arrived, so a search
-- for a common word walks that word's applications oldest (or newest) first and stops after one
-- page, instead of collecting every application with the word and sorting them.
ALTER TABLE application_name_tokens ADD COLUMN received_at TIMESTAMPTZ;
UPDATE application_name_tokens t SET received_at = a.received_at FROM applications a WHERE a.id = t.application_id;
ALTER TABLE application_name_tokens ALTER COLUMN received_at SET NOT NULL;
CREATE INDEX application_name_tokens_order ON application_name_tokens (token, received_at, application_id);
-- The other words of a search are checked per application.
CREATE INDEX application_name_tokens_application ON application_name_tokens (application_id, token);

CREATE FUNCTION application_name_tokens_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE application_name_tokens SET received_at = NEW.received_at WHERE application_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER application_name_tokens_received AFTER UPDATE OF received_at ON applications
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION application_name_tokens_received();
