-- PEP and beneficial-owner verification: screening lists with versions, their entries and name
-- keys, screening hits, checked self-declarations, the four-eyes approval of a PEP, and the
-- compliance state of each application.

CREATE TABLE screening_lists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);

-- One import of a list: who, when, from which file, and what changed.
CREATE TABLE list_versions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id      INTEGER NOT NULL REFERENCES screening_lists (id),
    version      INTEGER NOT NULL,
    format       TEXT    NOT NULL CHECK (format IN ('opensanctions', 'plain')),
    file_name    TEXT    NOT NULL,
    encoding     TEXT    NOT NULL,
    imported_by  INTEGER REFERENCES staff (id),
    imported_at  TEXT    NOT NULL,
    entries      INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    changed      INTEGER NOT NULL,
    removed      INTEGER NOT NULL,
    skipped      INTEGER NOT NULL,
    -- Re-screening of applications after this import: pending, running, done.
    screen_state TEXT    NOT NULL DEFAULT 'pending' CHECK (screen_state IN ('pending', 'running', 'done')),
    screen_total INTEGER NOT NULL DEFAULT 0,
    screen_done  INTEGER NOT NULL DEFAULT 0,
    screen_hits  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (list_id, version)
);

-- A person on a list. `version_id` is the version that gave the current content; a removed
-- entry stays for the hits that name it.
CREATE TABLE list_entries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id      INTEGER NOT NULL REFERENCES screening_lists (id),
    external_id  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    aliases      TEXT    NOT NULL,
    birth_dates  TEXT    NOT NULL,
    countries    TEXT    NOT NULL,
    position     TEXT    NOT NULL,
    dataset      TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    version_id   INTEGER NOT NULL REFERENCES list_versions (id),
    removed_in   INTEGER REFERENCES list_versions (id),
    UNIQUE (list_id, external_id)
);

-- Pairs of name words of current entries (see screening::names::entry_keys).
CREATE TABLE list_entry_keys (
    key      TEXT    NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES list_entries (id),
    PRIMARY KEY (key, entry_id)
) WITHOUT ROWID;
CREATE INDEX list_entry_keys_entry ON list_entry_keys (entry_id);

-- A possible match of an applicant and a list entry. A dismissed pair does not come back while
-- the entry's content (its hash) stays the same.
CREATE TABLE screening_hits (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    entry_id       INTEGER NOT NULL REFERENCES list_entries (id),
    version_id     INTEGER NOT NULL REFERENCES list_versions (id),
    entry_hash     TEXT    NOT NULL,
    score          REAL    NOT NULL,
    explanation    TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed', 'withdrawn')),
    found_at       TEXT    NOT NULL,
    decided_by     INTEGER REFERENCES staff (id),
    decided_at     TEXT,
    comment        TEXT,
    UNIQUE (application_id, entry_id, entry_hash)
);
CREATE INDEX screening_hits_entry ON screening_hits (entry_id, status);

-- A compliance officer's check of a self-declaration (the latest row per kind holds).
CREATE TABLE declaration_checks (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('pep', 'bo')),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('verified', 'refuted')),
    position       TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    relation       TEXT    NOT NULL,
    owner_of       TEXT    NOT NULL,
    share          TEXT    NOT NULL,
    notes          TEXT    NOT NULL,
    checked_by     INTEGER NOT NULL REFERENCES staff (id),
    checked_at     TEXT    NOT NULL
);
CREATE INDEX declaration_checks_application ON declaration_checks (application_id, kind, id);

-- The senior approval of a confirmed PEP (four eyes: not the officer who confirmed).
CREATE TABLE pep_approvals (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    first_by       INTEGER NOT NULL REFERENCES staff (id),
    first_at       TEXT    NOT NULL,
    senior_by      INTEGER REFERENCES staff (id),
    senior_at      TEXT,
    comment        TEXT,
    CHECK (senior_by IS NULL OR senior_by <> first_by)
);

-- What compliance still has to do before the application may be approved: 'review' (open hits
-- or unchecked declarations), 'senior' (a confirmed PEP waits for the senior approval), or
-- NULL (nothing). 'pep' in pep_status once a PEP is confirmed.
ALTER TABLE applications ADD COLUMN compliance_state TEXT CHECK (compliance_state IN ('review', 'senior'));
ALTER TABLE applications ADD COLUMN pep_confirmed BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE applications SET compliance_state = 'review' WHERE (pep_declared OR bo_declared) AND status IN ('pending', 'resubmission_requested');
CREATE INDEX applications_compliance ON applications (compliance_state, received_at, id) WHERE compliance_state IS NOT NULL;
