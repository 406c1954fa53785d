-- Mail on tickets: every message the portal received (and, later, sent) by email, by its
-- Message-ID (without angle brackets): a reply names the Message-IDs it answers, which lead to
-- its ticket, and a message delivered twice is stored once (the primary key).
CREATE TABLE ticket_mail (
    message_id        TEXT        PRIMARY KEY,
    ticket_id         BIGINT      NOT NULL REFERENCES tickets (id),
    ticket_message_id BIGINT      REFERENCES ticket_messages (id),
    direction         TEXT        NOT NULL CHECK (direction IN ('in', 'out')),
    -- The sender of a received message, the recipient of a sent one.
    address           TEXT        NOT NULL,
    -- What was folded away of a received message: the quoted history, kept for the agent.
    quoted            TEXT,
    -- The sender was not verified by the mail server (DMARC), so it was trusted with nothing.
    unverified        BOOLEAN     NOT NULL DEFAULT FALSE,
    -- An auto-reply or bulk mail: never answered automatically.
    automatic         BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_mail_ticket ON ticket_mail (ticket_id);
