-- Mail the portal sends (src/mail/outbound.rs): a staff reply on a ticket that came by email,
-- or the acknowledgement of a new ticket opened by email. Each is written here in the same
-- transaction as what asks for it, with its Message-ID fixed (a retry sends the same message),
-- and sent by a `mail.send` job. `queued` until the job first runs; `retrying` after a
-- failure the job will try again; `sent`; `failed` (attempts used up, or refused for good);
-- `kept` when the portal has no mail server configured (the demo): shown to administrators.
CREATE TABLE mail_outbox (
    id                BIGSERIAL PRIMARY KEY,
    ticket_id         BIGINT      NOT NULL REFERENCES tickets (id),
    -- The reply it carries (none for an acknowledgement).
    ticket_message_id BIGINT      REFERENCES ticket_messages (id),
    kind              TEXT        NOT NULL CHECK (kind IN ('reply', 'acknowledgement')),
    message_id        TEXT        NOT NULL UNIQUE,
    recipient         TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    language          TEXT        NOT NULL CHECK (language IN ('ru', 'kk')),
    -- The whole plain text as sent, greeting and signature included.
    body              TEXT        NOT NULL,
    in_reply_to       TEXT,
    -- The Message-IDs it answers, oldest first, separated by spaces.
    refs              TEXT        NOT NULL DEFAULT '',
    state             TEXT        NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'retrying', 'sent', 'failed', 'kept')),
    attempts          INTEGER     NOT NULL DEFAULT 0,
    last_error        TEXT,
    job_id            BIGINT,
    created_at        TIMESTAMPTZ NOT NULL,
    sent_at           TIMESTAMPTZ
);
-- The administrators' page, by state, newest first.
CREATE INDEX mail_outbox_state ON mail_outbox (state, id);
-- The ticket page: what became of each reply.
CREATE INDEX mail_outbox_message ON mail_outbox (ticket_message_id);
-- An acknowledgement goes to an address at most once an hour (a loop with a broken auto-reply).
CREATE INDEX mail_outbox_recipient ON mail_outbox (recipient, created_at);
