-- Access restoration (policy 5.7, 6.2.6; src/restoration): a report of unauthorised access
-- blocks the account and opens a case; the customer sends documents; security officers decide,
-- a restoration with a second officer's approval.
CREATE TABLE restoration_cases (
    id            BIGSERIAL PRIMARY KEY,
    customer_id   BIGINT      NOT NULL REFERENCES customers (id),
    -- The ticket it came from (a support ticket converted, or the case's own).
    ticket_id     BIGINT      REFERENCES tickets (id),
    state         TEXT        NOT NULL DEFAULT 'waiting_documents'
                  CHECK (state IN ('waiting_documents', 'ready', 'waiting_second', 'restored', 'refused')),
    -- What a security officer proposed, who, and who approved (never the same person).
    proposal      TEXT        CHECK (proposal IN ('restore', 'refuse')),
    proposed_by   BIGINT      REFERENCES staff (id),
    approved_by   BIGINT      REFERENCES staff (id),
    reasons       TEXT,
    -- The account as it was before the report blocked it (a restoration brings back only what the
    -- report changed; an account blocked for another reason stays so).
    prior_status       TEXT,
    prior_reason       TEXT,
    prior_restrictions TEXT,
    decided_at    TIMESTAMPTZ,
    reports       INTEGER     NOT NULL DEFAULT 1,
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK (approved_by IS NULL OR proposed_by IS NULL OR approved_by <> proposed_by)
);
-- One open case per customer: a second report joins it.
CREATE UNIQUE INDEX restoration_cases_open ON restoration_cases (customer_id)
    WHERE state IN ('waiting_documents', 'ready', 'waiting_second');
-- The security queue: by state, oldest first.
CREATE INDEX restoration_cases_queue ON restoration_cases (state, created_at, id);

-- Each report of unauthorised access, as it came (the first opens the case, later ones join it).
CREATE TABLE restoration_reports (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT      NOT NULL REFERENCES restoration_cases (id),
    source        TEXT        NOT NULL CHECK (source IN ('app', 'ticket', 'phone')),
    -- When the customer says it happened.
    happened_at   TIMESTAMPTZ NOT NULL,
    description   TEXT        NOT NULL,
    device        TEXT        NOT NULL CHECK (device IN ('lost', 'stolen', 'kept', 'unknown')),
    police_report TEXT,
    api_client_id BIGINT      REFERENCES api_clients (id),
    recorded_by   BIGINT      REFERENCES staff (id),
    -- The support ticket it came from (a ticket becomes a case once).
    ticket_id     BIGINT      REFERENCES tickets (id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX restoration_reports_case ON restoration_reports (case_id, id);
CREATE UNIQUE INDEX restoration_reports_ticket ON restoration_reports (ticket_id) WHERE ticket_id IS NOT NULL;
