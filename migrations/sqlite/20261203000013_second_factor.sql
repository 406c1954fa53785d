-- A staff member's authenticator app (TOTP): the secret sealed with the portal's key; while
-- `confirmed_at` is NULL the enrolment waits for a first right code. `last_step` is the newest
-- time step accepted: no code from it or before it works again (no replay).
CREATE TABLE staff_totp (
    staff_id     INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    secret       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER
);

-- Single-use recovery codes, stored as SHA-256 of the code (they are random, 50 bits each).
CREATE TABLE staff_recovery_codes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id  INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   TEXT
);
CREATE UNIQUE INDEX staff_recovery_codes_hash ON staff_recovery_codes (staff_id, code_hash);
