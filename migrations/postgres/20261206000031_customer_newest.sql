-- A customer's newest application (by arrival, as the customer list shows it) and how many they
-- have, on the customer row: the lists and searches of customers read one application per
-- customer by its id instead of looking the newest up and counting for every row. Kept by a
-- trigger on every write that adds an application to a customer or moves its arrival.
ALTER TABLE customers ADD COLUMN newest_application_id BIGINT;
ALTER TABLE customers ADD COLUMN applications BIGINT NOT NULL DEFAULT 0;
UPDATE customers c SET
    newest_application_id = (SELECT x.id FROM applications x WHERE x.customer_id = c.id
                             ORDER BY x.customer_id DESC, x.received_at DESC, x.id DESC LIMIT 1),
    applications = (SELECT COUNT(*) FROM applications x WHERE x.customer_id = c.id);

-- The customer row is locked first, in a statement of its own, so the count that follows reads
-- every application committed before the lock (two writers for one customer take turns).
CREATE FUNCTION customers_recount(customer BIGINT) RETURNS void LANGUAGE sql AS $$
    SELECT 1 FROM customers WHERE id = customer FOR UPDATE;
    UPDATE customers c SET
        newest_application_id = (SELECT x.id FROM applications x WHERE x.customer_id = c.id
                                 ORDER BY x.customer_id DESC, x.received_at DESC, x.id DESC LIMIT 1),
        applications = (SELECT COUNT(*) FROM applications x WHERE x.customer_id = c.id)
    WHERE c.id = customer;
$$;
CREATE FUNCTION customers_newest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.customer_id IS NOT NULL AND OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN
            PERFORM customers_recount(OLD.customer_id);
        END IF;
    END IF;
    IF NEW.customer_id IS NOT NULL THEN
        PERFORM customers_recount(NEW.customer_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customers_newest_insert AFTER INSERT ON applications
    FOR EACH ROW WHEN (NEW.customer_id IS NOT NULL) EXECUTE FUNCTION customers_newest();
CREATE TRIGGER customers_newest_update AFTER UPDATE OF customer_id, received_at ON applications
    FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION customers_newest();
