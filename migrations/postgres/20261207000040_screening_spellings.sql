-- Name folding learned other traditions' spellings, Unicode normalisation and name families, and
-- index keys became consonant classes of stems: list entries are keyed again, and applicants'
-- search words folded again, once at start-up (db::rebuild).
INSERT INTO pending_rebuilds (name) VALUES ('list-entry-keys') ON CONFLICT DO NOTHING;
INSERT INTO pending_rebuilds (name) VALUES ('name-tokens-folded') ON CONFLICT DO NOTHING;
