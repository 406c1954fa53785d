-- Who held which role when: one row per continuous period of a role on an active account, for
-- the list of everyone who has or had access to personal data (law 94-V). Roles held today
-- start at the account's creation (their earlier history is in the audit trail); roles of an
-- inactive account end when it was last changed.
CREATE TABLE staff_role_periods (
    id         BIGSERIAL   PRIMARY KEY,
    staff_id   BIGINT      NOT NULL REFERENCES staff (id),
    role       TEXT        NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX staff_role_periods_staff ON staff_role_periods (staff_id, role, revoked_at);

INSERT INTO staff_role_periods (staff_id, role, granted_at, revoked_at)
SELECT r.staff_id, r.role, s.created_at, CASE WHEN s.active THEN NULL ELSE s.updated_at END
FROM staff_roles r JOIN staff s ON s.id = r.staff_id;
