-- Compliance casework: a case is claimed by one officer at a time (like a KYC application), and
-- a senior officer can return a confirmed PEP to the first officer with a reason.

ALTER TABLE applications ADD COLUMN compliance_claimed_by INTEGER REFERENCES staff (id);
ALTER TABLE applications ADD COLUMN compliance_claimed_until TEXT;

ALTER TABLE pep_approvals ADD COLUMN returned_by INTEGER REFERENCES staff (id);
ALTER TABLE pep_approvals ADD COLUMN returned_at TEXT;
ALTER TABLE pep_approvals ADD COLUMN return_reason TEXT;
