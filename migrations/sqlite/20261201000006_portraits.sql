-- ID cards are compared by the hash of their portrait area (photos::ID_PORTRAIT): every card of
-- one design shares the rest, so the whole card's hash made cards of strangers look alike.
ALTER TABLE photos ADD COLUMN portrait_hash INTEGER;
