-- The addresses each login signed in from with the right password: its usual addresses. Failures
-- from other addresses never refuse the person at these.
CREATE TABLE sign_in_known (
    login        TEXT NOT NULL,
    ip           TEXT NOT NULL,
    last_success TEXT NOT NULL,
    PRIMARY KEY (login, ip)
) WITHOUT ROWID;

-- Refused (throttled) sign-ins, counted per login and address for one window: the audit trail
-- gets the window's first refusal at once and the count when the window closes, not one entry
-- per refused request. An unknown login is counted under ''.
CREATE TABLE sign_in_refusals (
    login        TEXT    NOT NULL,
    ip           TEXT    NOT NULL,
    window_start TEXT    NOT NULL,
    refused      INTEGER NOT NULL,
    scope        TEXT    NOT NULL,
    PRIMARY KEY (login, ip)
) WITHOUT ROWID;
CREATE INDEX sign_in_refusals_window ON sign_in_refusals (window_start);

-- An address lock lifted: login '' and the address.
ALTER TABLE sign_in_unlocks ADD COLUMN ip TEXT;
CREATE INDEX sign_in_unlocks_ip ON sign_in_unlocks (ip, at);
CREATE INDEX sign_in_attempts_pair ON sign_in_attempts (login, ip, at);
