-- Policy versions (policy 10.2): each version of the privacy policy as administrators record it.
-- A version is not edited once recorded; a change is a new version.
CREATE TABLE policy_versions (
    id           BIGSERIAL PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    effective_on DATE NOT NULL,
    text_ru      TEXT NOT NULL,
    text_kk      TEXT NOT NULL,
    created_by   BIGINT REFERENCES staff (id),
    created_at   TIMESTAMPTZ NOT NULL
);

-- Consents (policy 3.1, 6.1.5) as the app's backend reports them: given or withdrawn, to which
-- version, when. The same report twice is one row.
CREATE TABLE consents (
    id                BIGSERIAL PRIMARY KEY,
    customer_id       BIGINT NOT NULL REFERENCES customers (id),
    policy_version_id BIGINT NOT NULL REFERENCES policy_versions (id),
    given             BOOLEAN NOT NULL,
    at                TIMESTAMPTZ NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    api_client_id     BIGINT REFERENCES api_clients (id),
    UNIQUE (customer_id, policy_version_id, given, at)
);
CREATE INDEX consents_customer ON consents (customer_id, at);

-- Whether the customer has an unfulfilled obligation (an open loan), as last reported: a
-- consent withdrawal is refused while one is open. NULL: never reported.
ALTER TABLE customers ADD COLUMN obligation_open BOOLEAN;
ALTER TABLE customers ADD COLUMN obligation_reference TEXT;
ALTER TABLE customers ADD COLUMN obligation_at TIMESTAMPTZ;
