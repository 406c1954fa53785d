-- API keys with scopes and an expiry; an application's own id is unique per API client.

-- Space-separated scopes; NULL: every scope, as every key had before scopes existed.
ALTER TABLE api_clients ADD COLUMN scopes TEXT;
ALTER TABLE api_clients ADD COLUMN expires_at TIMESTAMPTZ;

-- The app's own application id cannot make a second application for the same client.
CREATE UNIQUE INDEX applications_client_external ON applications (api_client_id, external_id)
    WHERE external_id IS NOT NULL;
