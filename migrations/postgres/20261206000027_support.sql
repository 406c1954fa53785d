-- The support desk: tickets, their messages, the clocks they run on.

-- Days an administrator set against the calendar's rules (src/support/calendar.rs): Kurban Ait,
-- the government's yearly moves. `working` is what the day is, whatever the rules say.
CREATE TABLE calendar_overrides (
    day     DATE    PRIMARY KEY,
    working BOOLEAN NOT NULL,
    note    TEXT    NOT NULL DEFAULT '',
    set_by  BIGINT  REFERENCES staff (id),
    set_at  TIMESTAMPTZ NOT NULL
);

-- What a category of ticket is held to. `legal_days`: the statutory deadline (NULL: none), in
-- working days or, when `legal_working` is false, calendar days; it is escalated
-- `escalate_hours` before it passes.
CREATE TABLE ticket_categories (
    code           TEXT    PRIMARY KEY,
    legal_days     BIGINT  CHECK (legal_days IS NULL OR legal_days BETWEEN 0 AND 90),
    legal_working  BOOLEAN NOT NULL DEFAULT TRUE,
    escalate_hours BIGINT  NOT NULL DEFAULT 24 CHECK (escalate_hours BETWEEN 0 AND 720),
    position       BIGINT  NOT NULL
);
INSERT INTO ticket_categories (code, legal_days, legal_working, escalate_hours, position) VALUES
    ('support', NULL, TRUE, 24, 1),
    ('data_change', 3, TRUE, 24, 2),
    ('consent_withdrawal', 3, TRUE, 24, 3),
    ('data_access', 3, TRUE, 24, 4),
    ('objection', 15, FALSE, 72, 5),
    ('unauthorised_access', NULL, TRUE, 24, 6),
    ('complaint', 15, FALSE, 72, 7),
    ('other', NULL, TRUE, 24, 8);

-- SLA targets in business minutes (office hours on working days), per category and priority.
CREATE TABLE sla_targets (
    category               TEXT    NOT NULL REFERENCES ticket_categories (code),
    priority               TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    first_response_minutes BIGINT  NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes     BIGINT  NOT NULL CHECK (resolution_minutes >= first_response_minutes),
    PRIMARY KEY (category, priority)
);
INSERT INTO sla_targets (category, priority, first_response_minutes, resolution_minutes)
SELECT c.code, p.priority, p.first, p.resolution
FROM ticket_categories c
CROSS JOIN (SELECT 'urgent' AS priority, 30 AS first, 240 AS resolution
            UNION ALL SELECT 'high', 60, 540
            UNION ALL SELECT 'normal', 240, 1620
            UNION ALL SELECT 'low', 540, 2700) p;

CREATE TABLE tickets (
    id                    BIGSERIAL PRIMARY KEY,
    -- NULL: a sender the portal does not know yet (`sender` holds what they gave).
    customer_id           BIGINT REFERENCES customers (id),
    sender                TEXT,
    channel               TEXT    NOT NULL CHECK (channel IN ('app', 'email', 'phone')),
    category              TEXT    NOT NULL REFERENCES ticket_categories (code),
    priority              TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    state                 TEXT    NOT NULL CHECK (state IN ('new', 'open', 'waiting_customer',
                                  'waiting_third_party', 'resolved', 'closed', 'merged')),
    language              TEXT    NOT NULL CHECK (language IN ('ru', 'kk')),
    subject               TEXT    NOT NULL,
    tags                  TEXT    NOT NULL DEFAULT '',
    assignee_id           BIGINT REFERENCES staff (id),
    merged_into           BIGINT REFERENCES tickets (id),
    -- The ticket a customer's message on a closed one was continued from.
    parent_id             BIGINT REFERENCES tickets (id),
    policy_version_id     BIGINT REFERENCES policy_versions (id),
    api_client_id         BIGINT REFERENCES api_clients (id),
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    -- The clocks (src/support/clocks.rs). `due_at`: the earliest running one (the queue's
    -- order), kept by the application on every change.
    first_response_due_at TIMESTAMPTZ NOT NULL,
    first_response_at     TIMESTAMPTZ,
    resolution_due_at     TIMESTAMPTZ NOT NULL,
    paused_at             TIMESTAMPTZ,
    legal_due_at          TIMESTAMPTZ,
    legal_escalate_at     TIMESTAMPTZ,
    legal_done_at         TIMESTAMPTZ,
    due_at                TIMESTAMPTZ NOT NULL,
    resolved_at           TIMESTAMPTZ,
    closed_at             TIMESTAMPTZ,
    messages              BIGINT  NOT NULL DEFAULT 0,
    version               BIGINT NOT NULL DEFAULT 1,
    CHECK ((state = 'merged') = (merged_into IS NOT NULL)),
    CHECK (merged_into IS NULL OR merged_into <> id),
    CHECK (customer_id IS NOT NULL OR sender IS NOT NULL)
);
-- The queue: the tickets still being worked, by the earliest clock; per assignee and category.
CREATE INDEX tickets_active_due ON tickets (due_at, id)
    WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
CREATE INDEX tickets_active_assignee ON tickets (assignee_id, due_at, id)
    WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
CREATE INDEX tickets_active_category ON tickets (category, due_at, id)
    WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party');
-- One state's tickets, newest first (resolved, closed, merged).
CREATE INDEX tickets_state ON tickets (state, id);
CREATE INDEX tickets_customer ON tickets (customer_id, id);
CREATE INDEX tickets_merged_into ON tickets (merged_into) WHERE merged_into IS NOT NULL;

-- Tickets per state, category and assignee (0: none), for the queue's tabs, kept by triggers.
CREATE TABLE ticket_counts (
    state       TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    assignee_id BIGINT  NOT NULL,
    n           BIGINT  NOT NULL,
    PRIMARY KEY (state, category, assignee_id)
);
CREATE FUNCTION ticket_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE ticket_counts SET n = n - 1
        WHERE state = OLD.state AND category = OLD.category AND assignee_id = COALESCE(OLD.assignee_id, 0);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ticket_counts (state, category, assignee_id, n)
        VALUES (NEW.state, NEW.category, COALESCE(NEW.assignee_id, 0), 1)
        ON CONFLICT (state, category, assignee_id) DO UPDATE SET n = ticket_counts.n + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ticket_counts_insert_delete AFTER INSERT OR DELETE ON tickets
    FOR EACH ROW EXECUTE FUNCTION ticket_counts_change();
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF state, category, assignee_id ON tickets
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.category IS DISTINCT FROM NEW.category
                       OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id)
    EXECUTE FUNCTION ticket_counts_change();

-- The conversation: the customer's messages, staff replies (sent to the customer), internal
-- notes (never sent), and what happened (state changes, merges) as `event` lines.
CREATE TABLE ticket_messages (
    id         BIGSERIAL PRIMARY KEY,
    ticket_id  BIGINT  NOT NULL REFERENCES tickets (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('customer', 'reply', 'note', 'event')),
    channel    TEXT    NOT NULL CHECK (channel IN ('app', 'email', 'phone', 'portal')),
    author_id  BIGINT  REFERENCES staff (id),
    body       TEXT    NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

-- Files sent with a customer's message: images go through the photo pipeline (`photo_id`), PDFs
-- are kept as they came, under `storage_key`.
CREATE TABLE ticket_attachments (
    id           BIGSERIAL PRIMARY KEY,
    ticket_id    BIGINT  NOT NULL REFERENCES tickets (id),
    message_id   BIGINT  NOT NULL REFERENCES ticket_messages (id),
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    storage_key  TEXT    NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, id);

-- Replies administrators write once, in both languages, for agents to start from.
CREATE TABLE canned_replies (
    id         BIGSERIAL   PRIMARY KEY,
    title_ru   TEXT        NOT NULL,
    title_kk   TEXT        NOT NULL,
    body_ru    TEXT        NOT NULL,
    body_kk    TEXT        NOT NULL,
    category   TEXT        REFERENCES ticket_categories (code),
    active     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_by BIGINT      REFERENCES staff (id),
    updated_at TIMESTAMPTZ NOT NULL
);
