-- The support desk: tickets, their messages, the clocks they run on.

-- Days an administrator set against the calendar's rules (src/support/calendar.rs): Kurban Ait,
-- the government's yearly moves. `working` is what the day is, whatever the rules say.
CREATE TABLE calendar_overrides (
    day     TEXT    PRIMARY KEY,
    working BOOLEAN NOT NULL,
    note    TEXT    NOT NULL DEFAULT '',
    set_by  INTEGER REFERENCES staff (id),
    set_at  TEXT    NOT NULL
);

-- What a category of ticket is held to. `legal_days`: the statutory deadline (NULL: none), in
-- working days or, when `legal_working` is false, calendar days; it is escalated
-- `escalate_hours` before it passes.
CREATE TABLE ticket_categories (
    code           TEXT    PRIMARY KEY,
    legal_days     INTEGER CHECK (legal_days IS NULL OR legal_days BETWEEN 0 AND 90),
    legal_working  BOOLEAN NOT NULL DEFAULT TRUE,
    escalate_hours INTEGER NOT NULL DEFAULT 24 CHECK (escalate_hours BETWEEN 0 AND 720),
    position       INTEGER NOT NULL
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
    first_response_minutes INTEGER NOT NULL CHECK (first_response_minutes > 0),
    resolution_minutes     INTEGER NOT NULL CHECK (resolution_minutes >= first_response_minutes),
    PRIMARY KEY (category, priority)
) WITHOUT ROWID;
INSERT INTO sla_targets (category, priority, first_response_minutes, resolution_minutes)
SELECT c.code, p.priority, p.first, p.resolution
FROM ticket_categories c
CROSS JOIN (SELECT 'urgent' AS priority, 30 AS first, 240 AS resolution
            UNION ALL SELECT 'high', 60, 540
            UNION ALL SELECT 'normal', 240, 1620
            UNION ALL SELECT 'low', 540, 2700) p;

CREATE TABLE tickets (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    -- NULL: a sender the portal does not know yet (`sender` holds what they gave).
    customer_id           INTEGER REFERENCES customers (id),
    sender                TEXT,
    channel               TEXT    NOT NULL CHECK (channel IN ('app', 'email', 'phone')),
    category              TEXT    NOT NULL REFERENCES ticket_categories (code),
    priority              TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    state                 TEXT    NOT NULL CHECK (state IN ('new', 'open', 'waiting_customer',
                                  'waiting_third_party', 'resolved', 'closed', 'merged')),
    language              TEXT    NOT NULL CHECK (language IN ('ru', 'kk')),
    subject               TEXT    NOT NULL,
    tags                  TEXT    NOT NULL DEFAULT '',
    assignee_id           INTEGER REFERENCES staff (id),
    merged_into           INTEGER REFERENCES tickets (id),
    -- The ticket a customer's message on a closed one was continued from.
    parent_id             INTEGER REFERENCES tickets (id),
    policy_version_id     INTEGER REFERENCES policy_versions (id),
    api_client_id         INTEGER REFERENCES api_clients (id),
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    -- The clocks (src/support/clocks.rs). `due_at`: the earliest running one (the queue's
    -- order), kept by the application on every change.
    first_response_due_at TEXT    NOT NULL,
    first_response_at     TEXT,
    resolution_due_at     TEXT    NOT NULL,
    paused_at             TEXT,
    legal_due_at          TEXT,
    legal_escalate_at     TEXT,
    legal_done_at         TEXT,
    due_at                TEXT    NOT NULL,
    resolved_at           TEXT,
    closed_at             TEXT,
    messages              INTEGER NOT NULL DEFAULT 0,
    version               INTEGER NOT NULL DEFAULT 1,
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
    assignee_id INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (state, category, assignee_id)
) WITHOUT ROWID;
CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets
BEGIN
    INSERT INTO ticket_counts (state, category, assignee_id, n)
    VALUES (NEW.state, NEW.category, COALESCE(NEW.assignee_id, 0), 1)
    ON CONFLICT (state, category, assignee_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF state, category, assignee_id ON tickets
WHEN OLD.state <> NEW.state OR OLD.category <> NEW.category
     OR COALESCE(OLD.assignee_id, 0) <> COALESCE(NEW.assignee_id, 0)
BEGIN
    UPDATE ticket_counts SET n = n - 1
    WHERE state = OLD.state AND category = OLD.category AND assignee_id = COALESCE(OLD.assignee_id, 0);
    INSERT INTO ticket_counts (state, category, assignee_id, n)
    VALUES (NEW.state, NEW.category, COALESCE(NEW.assignee_id, 0), 1)
    ON CONFLICT (state, category, assignee_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets
BEGIN
    UPDATE ticket_counts SET n = n - 1
    WHERE state = OLD.state AND category = OLD.category AND assignee_id = COALESCE(OLD.assignee_id, 0);
END;

-- The conversation: the customer's messages, staff replies (sent to the customer), internal
-- notes (never sent), and what happened (state changes, merges) as `event` lines.
CREATE TABLE ticket_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('customer', 'reply', 'note', 'event')),
    channel    TEXT    NOT NULL CHECK (channel IN ('app', 'email', 'phone', 'portal')),
    author_id  INTEGER REFERENCES staff (id),
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

-- Files sent with a customer's message: images go through the photo pipeline (`photo_id`), PDFs
-- are kept as they came, under `storage_key`.
CREATE TABLE ticket_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id    INTEGER NOT NULL REFERENCES tickets (id),
    message_id   INTEGER NOT NULL REFERENCES ticket_messages (id),
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT    NOT NULL,
    storage_key  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id, id);

-- Replies administrators write once, in both languages, for agents to start from.
CREATE TABLE canned_replies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title_ru   TEXT    NOT NULL,
    title_kk   TEXT    NOT NULL,
    body_ru    TEXT    NOT NULL,
    body_kk    TEXT    NOT NULL,
    category   TEXT    REFERENCES ticket_categories (code),
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_by INTEGER REFERENCES staff (id),
    updated_at TEXT    NOT NULL
);
