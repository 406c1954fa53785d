-- An administrator or security officer lifting a sign-in lock: failures before it no longer count
-- against the login.
CREATE TABLE sign_in_unlocks (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login    TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    staff_id BIGINT      NOT NULL REFERENCES staff (id)
);
CREATE INDEX sign_in_unlocks_login ON sign_in_unlocks (login, at);
