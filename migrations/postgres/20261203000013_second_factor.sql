-- A staff member's authenticator app (TOTP): the secret sealed with the portal's key; while
-- `confirmed_at` is NULL the enrolment waits for a first right code. `last_step` is the newest
-- time step accepted: no code from it or before it works again (no replay).
CREATE TABLE staff_totp (
    staff_id     BIGINT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    secret       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step    BIGINT
);

-- Single-use recovery codes, stored as SHA-256 of the code (they are random, 50 bits each).
CREATE TABLE staff_recovery_codes (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id  BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash TEXT   NOT NULL,
    used_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX staff_recovery_codes_hash ON staff_recovery_codes (staff_id, code_hash);
