-- Staff accounts, roles, sign-in attempts and the hash-chained audit log.
-- Timestamps are UTC, written by the application (TEXT in SQLite, TIMESTAMPTZ in PostgreSQL).

CREATE TABLE staff (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    login                TEXT    NOT NULL UNIQUE,
    full_name            TEXT    NOT NULL,
    password_hash        TEXT    NOT NULL,
    language             TEXT    CHECK (language IN ('ru', 'kk')),
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    auth_version         INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    last_sign_in_at      TEXT
);

CREATE TABLE staff_roles (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     TEXT    NOT NULL CHECK (role IN ('verifier', 'compliance', 'senior_compliance',
                                              'support', 'security', 'manager', 'admin')),
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE sign_in_attempts (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT    NOT NULL,
    login   TEXT    NOT NULL,
    ip      TEXT    NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX sign_in_attempts_login_at ON sign_in_attempts (login, at);
CREATE INDEX sign_in_attempts_ip_at ON sign_in_attempts (ip, at);

-- One row: the sequence number and hash of the newest audit entry. Writers lock it,
-- so entries are chained in commit order even with several portal processes.
CREATE TABLE audit_chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL,
    actor_type   TEXT    NOT NULL,
    actor_id     INTEGER,
    actor_label  TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    subject_type TEXT,
    subject_id   TEXT,
    details      TEXT    NOT NULL,
    ip           TEXT,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
