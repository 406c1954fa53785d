-- A staff member's passkeys (WebAuthn credentials): the credential as the WebAuthn library
-- keeps it (public key, signature counter, flags) in `credential`, its id (hex) unique
-- across the portal, the name the person gave it, and when it was added and last used.
CREATE TABLE staff_passkeys (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staff_id      BIGINT      NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    credential_id TEXT        NOT NULL UNIQUE,
    name          TEXT        NOT NULL,
    credential    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX staff_passkeys_name ON staff_passkeys (staff_id, name);

-- A passkey ceremony under way (adding a passkey, or signing in or stepping up with one): the
-- WebAuthn state with its challenge, used up by the answer in the transaction that accepts it,
-- so one answer is accepted once however many requests carry it. One open ceremony per person
-- and kind; older ones are removed when a new one starts.
CREATE TABLE passkey_ceremonies (
    id         TEXT        PRIMARY KEY,
    staff_id   BIGINT      NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    kind       TEXT        NOT NULL,
    state      TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX passkey_ceremonies_staff ON passkey_ceremonies (staff_id, kind);
