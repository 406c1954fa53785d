-- One application's newest event, for GET /api/v1/applications/{id}.
CREATE INDEX outbox_events_application ON outbox_events (application_id, seq);
