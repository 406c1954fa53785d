-- An administrator or security officer lifting a sign-in lock: failures before it no longer count
-- against the login.
CREATE TABLE sign_in_unlocks (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    login    TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff (id)
);
CREATE INDEX sign_in_unlocks_login ON sign_in_unlocks (login, at);
