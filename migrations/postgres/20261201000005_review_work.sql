-- The review as staff work it: "take next" skips what the verifier just released, the queue sorts
-- by amount and risk, search finds the app's own number and email, and name words are folded
-- across Kazakh, Russian and Latin spellings (rebuilt by the portal at start-up).

ALTER TABLE applications ADD COLUMN released_by BIGINT REFERENCES staff (id);
ALTER TABLE applications ADD COLUMN released_at TIMESTAMPTZ;
-- How many risk signals are set (see review::signals::Signal), for sorting by risk.
ALTER TABLE applications ADD COLUMN risk_count BIGINT GENERATED ALWAYS AS (((risk_signals >> 0) & 1) + ((risk_signals >> 1) & 1) + ((risk_signals >> 2) & 1) + ((risk_signals >> 3) & 1) + ((risk_signals >> 4) & 1) + ((risk_signals >> 5) & 1) + ((risk_signals >> 6) & 1) + ((risk_signals >> 7) & 1) + ((risk_signals >> 8) & 1) + ((risk_signals >> 9) & 1) + ((risk_signals >> 10) & 1) + ((risk_signals >> 11) & 1)) STORED;

CREATE INDEX applications_amount ON applications (amount_kzt, id);
CREATE INDEX applications_status_amount ON applications (status, amount_kzt, id);
CREATE INDEX applications_risk ON applications (risk_count DESC, received_at, id);
CREATE INDEX applications_status_risk ON applications (status, risk_count DESC, received_at, id);
CREATE INDEX applications_email ON applications (email, received_at, id) WHERE email IS NOT NULL;
CREATE INDEX applications_external ON applications (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX photos_sha256 ON photos (sha256);

-- Work the portal does once at start-up after a migration that needs data it computes in Rust.
CREATE TABLE pending_rebuilds (
    name TEXT PRIMARY KEY
);
INSERT INTO pending_rebuilds (name) VALUES ('name-tokens-folded');

-- E-mail addresses are compared in lower case (intake stores them so from now on).
UPDATE applications SET email = lower(email) WHERE email <> lower(email);
