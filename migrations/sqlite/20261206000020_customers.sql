-- One customer per person, keyed by IIN; an application belongs to the customer whose IIN it
-- carries. The app's account ids are linked to the customer they were first sent for.

CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    iin           TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'blocked', 'restricted', 'archived')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT    NOT NULL,
    -- The newest application's arrival: with the newest ticket, the start of the retention clock.
    last_activity_at TEXT NOT NULL
);

-- The customer list: the most recently active first, of every status or of one.
CREATE INDEX customers_activity ON customers (last_activity_at, id);
CREATE INDEX customers_status_activity ON customers (status, last_activity_at, id);

CREATE TABLE customer_accounts (
    account_id    TEXT    PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    first_seen_at TEXT    NOT NULL
);
CREATE INDEX customer_accounts_customer ON customer_accounts (customer_id);

ALTER TABLE applications ADD COLUMN customer_id INTEGER REFERENCES customers (id);
ALTER TABLE applications ADD COLUMN account_id TEXT;

-- Existing applications: one customer per IIN, created at its first application.
INSERT INTO customers (iin, created_at, last_activity_at)
SELECT iin, MIN(received_at), MAX(received_at) FROM applications GROUP BY iin;
UPDATE applications SET customer_id = (SELECT c.id FROM customers c WHERE c.iin = applications.iin);

CREATE INDEX applications_customer ON applications (customer_id, received_at, id);

-- Statistics for the new index and table, so the planner knows a customer has few applications.
ANALYZE applications_customer;
ANALYZE customers;
