-- A customer's newest application (by arrival, as the customer list shows it) and how many they
-- have, on the customer row: the lists and searches of customers read one application per
-- customer by its id instead of looking the newest up and counting for every row. Kept by
-- triggers on every write that adds an application to a customer or moves its arrival.
ALTER TABLE customers ADD COLUMN newest_application_id INTEGER;
ALTER TABLE customers ADD COLUMN applications INTEGER NOT NULL DEFAULT 0;
UPDATE customers SET
    newest_application_id = (SELECT x.id FROM applications x WHERE x.customer_id = customers.id
                             ORDER BY x.customer_id DESC, x.received_at DESC, x.id DESC LIMIT 1),
    applications = (SELECT COUNT(*) FROM applications x WHERE x.customer_id = customers.id);

CREATE TRIGGER customers_newest_insert AFTER INSERT ON applications WHEN NEW.customer_id IS NOT NULL
BEGIN
    UPDATE customers SET
        newest_application_id = (SELECT x.id FROM applications x WHERE x.customer_id = customers.id
                                 ORDER BY x.customer_id DESC, x.received_at DESC, x.id DESC LIMIT 1),
        applications = (SELECT COUNT(*) FROM applications x WHERE x.customer_id = customers.id)
    WHERE id = NEW.customer_id;
END;
CREATE TRIGGER customers_newest_update AFTER UPDATE OF customer_id, received_at ON applications
    WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.received_at IS NOT NEW.received_at
BEGIN
    UPDATE customers SET
        newest_application_id = (SELECT x.id FROM applications x WHERE x.customer_id = customers.id
                                 ORDER BY x.customer_id DESC, x.received_at DESC, x.id DESC LIMIT 1),
        applications = (SELECT COUNT(*) FROM applications x WHERE x.customer_id = customers.id)
    WHERE id IN (OLD.customer_id, NEW.customer_id);
END;
