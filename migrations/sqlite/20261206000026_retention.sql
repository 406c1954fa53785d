-- Retention (policy 8.1, the AML five-year rule): when an archived customer's personal data was
-- erased after their retention date; the anonymised rows stay for statistics.
ALTER TABLE customers ADD COLUMN erased_at TEXT;
CREATE INDEX customers_archived ON customers (status, last_activity_at) WHERE status = 'archived';
