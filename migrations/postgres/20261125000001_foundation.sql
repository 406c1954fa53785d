-- Staff accounts, roles, sign-in attempts and the hash-chained audit log.
-- Timestamps are UTC, written by the application (TEXT in SQLite, TIMESTAMPTZ in PostgreSQL).

CREATE TABLE staff (
    id                   BIGSERIAL   PRIMARY KEY,
    login                TEXT        NOT NULL UNIQUE,
    full_name            TEXT        NOT NULL,
    password_hash        TEXT        NOT NULL,
    language             TEXT        CHECK (language IN ('ru', 'kk')),
    active               BOOLEAN     NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN     NOT NULL DEFAULT FALSE,
    auth_version         BIGINT      NOT NULL DEFAULT 1,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    last_sign_in_at      TIMESTAMPTZ
);

CREATE TABLE staff_roles (
    staff_id BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    role     TEXT   NOT NULL CHECK (role IN ('verifier', 'compliance', 'senior_compliance',
                                             'support', 'security', 'manager', 'admin')),
    PRIMARY KEY (staff_id, role)
);

CREATE TABLE sign_in_attempts (
    id      BIGSERIAL   PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    login   TEXT        NOT NULL,
    ip      TEXT        NOT NULL,
    success BOOLEAN     NOT NULL
);
CREATE INDEX sign_in_attempts_login_at ON sign_in_attempts (login, at);
CREATE INDEX sign_in_attempts_ip_at ON sign_in_attempts (ip, at);

-- One row: the sequence number and hash of the newest audit entry. Writers lock it,
-- so entries are chained in commit order even with several portal processes.
CREATE TABLE audit_chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq          BIGINT      PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    actor_type   TEXT        NOT NULL,
    actor_id     BIGINT,
    actor_label  TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    subject_type TEXT,
    subject_id   TEXT,
    details      TEXT        NOT NULL,
    ip           TEXT,
    prev_hash    TEXT        NOT NULL,
    hash         TEXT        NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
