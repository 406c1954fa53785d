-- KYC intake: API clients, applications with their photos, idempotency records, the event outbox.

CREATE TABLE api_clients (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT    NOT NULL,
    key_prefix   TEXT    NOT NULL UNIQUE,
    key_hash     TEXT    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   BIGINT REFERENCES staff (id),
    revoked_at   TIMESTAMPTZ ,
    last_used_at TIMESTAMPTZ 
);

CREATE TABLE applications (
    id               BIGSERIAL PRIMARY KEY,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'resubmission_requested')),
    version          BIGINT NOT NULL DEFAULT 1,
    api_client_id    BIGINT NOT NULL REFERENCES api_clients (id),
    external_id      TEXT,
    submitted_at     TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    last_name        TEXT    NOT NULL,
    first_name       TEXT    NOT NULL,
    patronymic       TEXT,
    search_name      TEXT    NOT NULL,
    iin              TEXT    NOT NULL,
    citizenship      TEXT    NOT NULL,
    sex              TEXT    NOT NULL CHECK (sex IN ('male', 'female')),
    birth_date       DATE    NOT NULL,
    reg_address      TEXT    NOT NULL,
    home_address     TEXT    NOT NULL,
    doc_type         TEXT    NOT NULL,
    doc_number       TEXT    NOT NULL,
    doc_issuer       TEXT    NOT NULL,
    doc_issued_on    DATE    NOT NULL,
    doc_expires_on   DATE    NOT NULL,
    phone            TEXT    NOT NULL,
    email            TEXT,
    card_masked      TEXT    NOT NULL,
    card_token       TEXT    NOT NULL,
    pep_declared     BOOLEAN NOT NULL,
    pep_details      TEXT,
    bo_declared      BOOLEAN NOT NULL,
    bo_details       TEXT,
    marital_status   TEXT    NOT NULL,
    dependents       BIGINT NOT NULL,
    employer_name    TEXT,
    employer_address TEXT,
    amount_kzt       BIGINT NOT NULL,
    term_days        BIGINT NOT NULL,
    device_id        TEXT    NOT NULL,
    device_model     TEXT    NOT NULL,
    device_os        TEXT    NOT NULL,
    ip               TEXT    NOT NULL,
    geo_lat          DOUBLE PRECISION,
    geo_lon          DOUBLE PRECISION,
    geo_accuracy_m   DOUBLE PRECISION,
    perm_camera      BOOLEAN NOT NULL,
    perm_location    BOOLEAN NOT NULL,
    perm_contacts    BOOLEAN NOT NULL
);
CREATE INDEX applications_status_received ON applications (status, received_at, id);
CREATE INDEX applications_iin ON applications (iin);
CREATE INDEX applications_phone ON applications (phone);
CREATE INDEX applications_device ON applications (device_id);
CREATE INDEX applications_card ON applications (card_token);
CREATE INDEX applications_ip ON applications (ip);

CREATE TABLE application_contacts (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    position       BIGINT NOT NULL,
    name           TEXT    NOT NULL,
    phone          TEXT    NOT NULL,
    relation       TEXT    NOT NULL,
    PRIMARY KEY (application_id, position)
);
CREATE INDEX application_contacts_phone ON application_contacts (phone);

-- Stored files are content-addressed: originals/<sha256>, display/<sha256>-<size>.jpg.
CREATE TABLE photos (
    id             BIGSERIAL PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('selfie', 'id_front', 'id_back')),
    sha256         TEXT    NOT NULL,
    media_type     TEXT    NOT NULL,
    byte_size      BIGINT NOT NULL,
    width          BIGINT NOT NULL,
    height         BIGINT NOT NULL,
    blur           DOUBLE PRECISION    NOT NULL,
    brightness     DOUBLE PRECISION    NOT NULL,
    phash          BIGINT NOT NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL,
    current        BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX photos_application ON photos (application_id, kind);
CREATE INDEX photos_phash ON photos (kind, phash);

CREATE TABLE idempotency_keys (
    api_client_id BIGINT NOT NULL REFERENCES api_clients (id),
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status        BIGINT NOT NULL,
    response      TEXT    NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (api_client_id, key)
);

-- Events for the app backend, numbered in commit order (writers lock outbox_head).
CREATE TABLE outbox_head (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO outbox_head (id, seq) VALUES (1, 0);

CREATE TABLE outbox_events (
    seq            BIGINT  PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    event_type     TEXT    NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    payload        TEXT    NOT NULL
);
