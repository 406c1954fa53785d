-- Reviewer quality (src/quality): a share of the approvals and rejections is drawn for a blind
-- second review by another verifier; a disagreement goes to a senior compliance officer, whose
-- verdict is final and is shown to both verifiers.

-- The share drawn, in thousandths (50: 5 %), and the seed of the draw (a keyed hash of the
-- decision's id, so the draw is reproducible and no verifier can tell which decisions it takes).
CREATE TABLE qa_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    share_permille INTEGER NOT NULL DEFAULT 50 CHECK (share_permille BETWEEN 0 AND 1000),
    seed           INTEGER NOT NULL,
    changed_by     INTEGER REFERENCES staff (id),
    changed_at     TEXT
);
INSERT INTO qa_settings (id, share_permille, seed) VALUES (1, 50, abs(random()) % 9007199254740991);

CREATE TABLE qa_samples (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    decision_id    INTEGER NOT NULL UNIQUE REFERENCES decisions (id),
    first_by       INTEGER NOT NULL REFERENCES staff (id),
    first_outcome  TEXT    NOT NULL CHECK (first_outcome IN ('approved', 'rejected')),
    first_reasons  TEXT    NOT NULL DEFAULT '',
    sampled_at     TEXT    NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'waiting'
                   CHECK (state IN ('waiting', 'agreed', 'disputed', 'upheld', 'overturned')),
    claimed_by     INTEGER REFERENCES staff (id),
    claimed_until  TEXT,
    second_by      INTEGER REFERENCES staff (id),
    second_outcome TEXT    CHECK (second_outcome IN ('approved', 'rejected')),
    second_reasons TEXT    NOT NULL DEFAULT '',
    second_note    TEXT    NOT NULL DEFAULT '',
    second_at      TEXT,
    verdict_by     INTEGER REFERENCES staff (id),
    verdict_outcome TEXT   CHECK (verdict_outcome IN ('approved', 'rejected')),
    verdict_note   TEXT    NOT NULL DEFAULT '',
    verdict_at     TEXT,
    version        INTEGER NOT NULL DEFAULT 0,
    -- Four eyes, also here: the second reviewer is not the first, the verdict is neither's.
    CHECK (second_by IS NULL OR second_by <> first_by),
    CHECK (verdict_by IS NULL OR (verdict_by <> first_by AND verdict_by <> second_by)),
    CHECK ((state = 'waiting') = (second_at IS NULL)),
    CHECK ((state IN ('upheld', 'overturned')) = (verdict_at IS NOT NULL))
);
CREATE INDEX qa_samples_state ON qa_samples (state, sampled_at, id);
CREATE INDEX qa_samples_first ON qa_samples (first_by, state);
CREATE INDEX qa_samples_second ON qa_samples (second_by, state);
CREATE INDEX qa_samples_application ON qa_samples (application_id, state);

-- The dashboards: each second review on its day, by the first verifier, as it ended (agreed,
-- disputed and waiting for the verdict, the first decision upheld or overturned).
CREATE TRIGGER dash_qa_update AFTER UPDATE OF state, second_at, first_by ON qa_samples
WHEN OLD.state IS NOT NEW.state OR OLD.second_at IS NOT NEW.second_at OR OLD.first_by IS NOT NEW.first_by
BEGIN
    INSERT INTO dash_change SELECT 'kyc.qa.' || OLD.state, date(OLD.second_at, '+5 hours'), CAST(OLD.first_by AS TEXT), NULL, -1
     WHERE OLD.second_at IS NOT NULL;
    INSERT INTO dash_change SELECT 'kyc.qa.' || NEW.state, date(NEW.second_at, '+5 hours'), CAST(NEW.first_by AS TEXT), NULL, 1
     WHERE NEW.second_at IS NOT NULL;
END;
CREATE TRIGGER dash_qa_insert AFTER INSERT ON qa_samples WHEN NEW.second_at IS NOT NULL
BEGIN
    INSERT INTO dash_change VALUES ('kyc.qa.' || NEW.state, date(NEW.second_at, '+5 hours'), CAST(NEW.first_by AS TEXT), NULL, 1);
END;
CREATE TRIGGER dash_qa_delete AFTER DELETE ON qa_samples WHEN OLD.second_at IS NOT NULL
BEGIN
    INSERT INTO dash_change VALUES ('kyc.qa.' || OLD.state, date(OLD.second_at, '+5 hours'), CAST(OLD.first_by AS TEXT), NULL, -1);
END;
