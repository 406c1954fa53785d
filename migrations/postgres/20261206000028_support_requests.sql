-- The policy's requests at the support desk: a data change (8.3) lists the fields the customer
-- asks to change, each decided by an agent; applied values become the customer's current ones.

CREATE TABLE ticket_changes (
    id          BIGSERIAL PRIMARY KEY,
    ticket_id   BIGINT  NOT NULL REFERENCES tickets (id),
    field       TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT    NOT NULL,
    decision    TEXT    CHECK (decision IN ('applied', 'refused')),
    reason      TEXT,
    decided_by  BIGINT  REFERENCES staff (id),
    decided_at  TIMESTAMPTZ,
    UNIQUE (ticket_id, field),
    CHECK ((decision IS NULL) = (decided_at IS NULL))
);

-- A customer's data as changed on request, newer than their applications: one value a field.
CREATE TABLE customer_fields (
    customer_id BIGINT  NOT NULL REFERENCES customers (id),
    field       TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    ticket_id   BIGINT  NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (customer_id, field)
);

-- Objections per policy version (for managers).
CREATE INDEX tickets_policy_version ON tickets (policy_version_id) WHERE policy_version_id IS NOT NULL;

-- The subject in lower case, for the queue's search by words (SQLite's LOWER folds ASCII only).
ALTER TABLE tickets ADD COLUMN subject_folded TEXT NOT NULL DEFAULT '';
UPDATE tickets SET subject_folded = LOWER(subject);
