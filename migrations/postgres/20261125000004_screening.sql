-- PEP and beneficial-owner verification: screening lists with versions, their entries and name
-- keys, screening hits, checked self-declarations, the four-eyes approval of a PEP, and the
-- compliance state of each application.

CREATE TABLE screening_lists (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- One import of a list: who, when, from which file, and what changed.
CREATE TABLE list_versions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id      BIGINT  NOT NULL REFERENCES screening_lists (id),
    version      BIGINT  NOT NULL,
    format       TEXT    NOT NULL CHECK (format IN ('opensanctions', 'plain')),
    file_name    TEXT    NOT NULL,
    encoding     TEXT    NOT NULL,
    imported_by  BIGINT  REFERENCES staff (id),
    imported_at  TIMESTAMPTZ NOT NULL,
    entries      BIGINT  NOT NULL,
    added        BIGINT  NOT NULL,
    changed      BIGINT  NOT NULL,
    removed      BIGINT  NOT NULL,
    skipped      BIGINT  NOT NULL,
    -- Re-screening of applications after this import: pending, running, done.
    screen_state TEXT    NOT NULL DEFAULT 'pending' CHECK (screen_state IN ('pending', 'running', 'done')),
    screen_total BIGINT  NOT NULL DEFAULT 0,
    screen_done  BIGINT  NOT NULL DEFAULT 0,
    screen_hits  BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (list_id, version)
);

-- A person on a list. `version_id` is the version that gave the current content; a removed
-- entry stays for the hits that name it.
CREATE TABLE list_entries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_id      BIGINT  NOT NULL REFERENCES screening_lists (id),
    external_id  TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    aliases      TEXT    NOT NULL,
    birth_dates  TEXT    NOT NULL,
    countries    TEXT    NOT NULL,
    position     TEXT    NOT NULL,
    dataset      TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    version_id   BIGINT  NOT NULL REFERENCES list_versions (id),
    removed_in   BIGINT  REFERENCES list_versions (id),
    UNIQUE (list_id, external_id)
);

-- Pairs of name words of current entries (see screening::names::entry_keys).
CREATE TABLE list_entry_keys (
    key      TEXT COLLATE "C" NOT NULL,
    entry_id BIGINT  NOT NULL REFERENCES list_entries (id),
    PRIMARY KEY (key, entry_id)
);
CREATE INDEX list_entry_keys_entry ON list_entry_keys (entry_id);

-- A possible match of an applicant and a list entry. A dismissed pair does not come back while
-- the entry's content (its hash) stays the same.
CREATE TABLE screening_hits (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT  NOT NULL REFERENCES applications (id),
    entry_id       BIGINT  NOT NULL REFERENCES list_entries (id),
    version_id     BIGINT  NOT NULL REFERENCES list_versions (id),
    entry_hash     TEXT    NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    explanation    TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed', 'withdrawn')),
    found_at       TIMESTAMPTZ NOT NULL,
    decided_by     BIGINT  REFERENCES staff (id),
    decided_at     TIMESTAMPTZ,
    comment        TEXT,
    UNIQUE (application_id, entry_id, entry_hash)
);
CREATE INDEX screening_hits_entry ON screening_hits (entry_id, status);

-- A compliance officer's check of a self-declaration (the latest row per kind holds).
CREATE TABLE declaration_checks (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT  NOT NULL REFERENCES applications (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('pep', 'bo')),
    outcome        TEXT    NOT NULL CHECK (outcome IN ('verified', 'refuted')),
    position       TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    relation       TEXT    NOT NULL,
    owner_of       TEXT    NOT NULL,
    share          TEXT    NOT NULL,
    notes          TEXT    NOT NULL,
    checked_by     BIGINT  NOT NULL REFERENCES staff (id),
    checked_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX declaration_checks_application ON declaration_checks (application_id, kind, id);

-- The senior approval of a confirmed PEP (four eyes: not the officer who confirmed).
CREATE TABLE pep_approvals (
    application_id BIGINT  PRIMARY KEY REFERENCES applications (id),
    first_by       BIGINT  NOT NULL REFERENCES staff (id),
    first_at       TIMESTAMPTZ NOT NULL,
    senior_by      BIGINT  REFERENCES staff (id),
    senior_at      TIMESTAMPTZ,
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
