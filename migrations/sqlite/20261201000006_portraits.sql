-- ID cards are compared by the hash of their portrait area (photos::ID_PORTRAIT): every card of
-- one design shares the rest, so the whole card's hash made cards of strangers look alike.
ALTER TABLE photos ADD COLUMN portrait_hash INTEGER;
-- A 256-bit hash (hex) of the same area as the one compared: the 64-bit hash finds candidates,
-- this one tells a copy of the photo from a look-alike.
ALTER TABLE photos ADD COLUMN fine_hash TEXT;
