-- The roles whose holders must use a second factor (administrators choose; these are the
-- defaults). A person of such a role who has none is sent to enrol right after the password.
CREATE TABLE second_factor_roles (
    role TEXT PRIMARY KEY
);
INSERT INTO second_factor_roles (role) VALUES ('admin'), ('security'), ('senior_compliance'), ('compliance');

-- A sign-in of a staff member, for the lists of active sessions: the portal's own id of it
-- (kept in the session, not the cookie's id, which changes), where it came from, and when it
-- was last seen (written at most once a minute). An ended sign-in is refused on its next request.
CREATE TABLE staff_sessions (
    id           TEXT    PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    started_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL,
    ip           TEXT    NOT NULL,
    user_agent   TEXT    NOT NULL,
    ended_at     TEXT,
    ended_by     INTEGER REFERENCES staff (id)
);
CREATE INDEX staff_sessions_active ON staff_sessions (staff_id, last_seen_at) WHERE ended_at IS NULL;
CREATE INDEX staff_sessions_seen ON staff_sessions (last_seen_at) WHERE ended_at IS NULL;

-- An administrator's request to reset a person's second factor; a second administrator
-- confirms it (four eyes), which removes the factor and ends the person's sessions.
CREATE TABLE second_factor_resets (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id     INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    requested_by INTEGER NOT NULL REFERENCES staff (id),
    requested_at TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    decided_by   INTEGER REFERENCES staff (id),
    decided_at   TEXT,
    outcome      TEXT CHECK (outcome IN ('confirmed', 'cancelled'))
);
-- One open request per person.
CREATE UNIQUE INDEX second_factor_resets_open ON second_factor_resets (staff_id) WHERE decided_at IS NULL;
