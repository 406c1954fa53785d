-- Name search by two words (a first name and a surname, both common) walks the applications
-- that have both words, in queue order, instead of walking one word's applications and checking
-- the other word on each. A pair is the two folded words in byte order, joined by a space.
CREATE TABLE application_name_pairs (
    pair           TEXT COLLATE "C" NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    received_at    TIMESTAMPTZ NOT NULL,
    -- Queue order within a pair; an application has a pair once (its words are distinct).
    PRIMARY KEY (pair, received_at, application_id)
);
INSERT INTO application_name_pairs (pair, application_id, received_at)
SELECT t1.token || ' ' || t2.token, t1.application_id, t1.received_at
FROM application_name_tokens t1
JOIN application_name_tokens t2 ON t2.application_id = t1.application_id AND t1.token < t2.token;
CREATE INDEX application_name_pairs_application ON application_name_pairs (application_id);

CREATE FUNCTION application_name_pairs_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE application_name_pairs SET received_at = NEW.received_at WHERE application_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER application_name_pairs_received AFTER UPDATE OF received_at ON applications
    FOR EACH ROW WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION application_name_pairs_received();
