-- The document requests due to expire, oldest first, without reading the other applications
-- (the expiry runs every five minutes on every portal process).
CREATE INDEX applications_requests_due ON applications (decided_at, id) WHERE status = 'resubmission_requested';
