-- The register of disclosures (policy 7.2): each transfer of a customer's data to a third party,
-- with what was given, to whom and on what legal basis, for the authorised body.
CREATE TABLE disclosures (
    id                INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES customers (id),
    recipient         TEXT NOT NULL,
    -- The recipient in lower case (folded by the portal, which knows Cyrillic and Kazakh
    -- letters), for the register's filter.
    recipient_folded  TEXT NOT NULL,
    -- A comma list of codes: identity, contacts, addresses, document, photos, loan, device, other.
    data_items        TEXT NOT NULL,
    data_other        TEXT,
    legal_basis       TEXT NOT NULL
                      CHECK (legal_basis IN ('consent', 'authority_request', 'credit_bureau',
                                             'collection_agency', 'other')),
    basis_other       TEXT,
    request_reference TEXT,
    request_date      TEXT,
    disclosed_on      TEXT NOT NULL,
    comment           TEXT,
    staff_id          INTEGER NOT NULL REFERENCES staff (id),
    created_at        TEXT NOT NULL,
    CHECK (legal_basis <> 'other' OR basis_other IS NOT NULL),
    CHECK (legal_basis <> 'authority_request' OR request_reference IS NOT NULL)
);
CREATE INDEX disclosures_customer ON disclosures (customer_id, disclosed_on);
CREATE INDEX disclosures_day ON disclosures (disclosed_on, id);
