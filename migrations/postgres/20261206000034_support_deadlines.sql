-- The support desk's deadline job (src/support/deadlines.rs): the SLA due time a ticket was last
-- warned about (a warning is written once per due time: a new target or a resumed clock warns
-- again), and when a legal request was escalated (once).
ALTER TABLE tickets ADD COLUMN sla_warned_for TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN legal_escalated_at TIMESTAMPTZ;
