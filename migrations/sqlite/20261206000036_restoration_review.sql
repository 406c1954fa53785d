-- Access restoration under review (src/restoration): the documents the customer sends, what
-- the app's backend reports the customer did (the takeover timeline), and refusal reasons, a
-- third kind of reason code.
-- SQLite cannot change a CHECK in place: reason_codes is made again under the same name. Other
-- tables name it, so their foreign keys are checked at commit, when its rows are back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE reason_codes_copy AS SELECT * FROM reason_codes;
DROP TABLE reason_codes;
CREATE TABLE reason_codes (
    code        TEXT    PRIMARY KEY,
    label_ru    TEXT    NOT NULL,
    label_kk    TEXT    NOT NULL,
    customer_ru TEXT    NOT NULL,
    customer_kk TEXT    NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    kind        TEXT    NOT NULL DEFAULT 'rejection' CHECK (kind IN ('rejection', 'account', 'restoration'))
);
INSERT INTO reason_codes (code, label_ru, label_kk, customer_ru, customer_kk, active, position, created_at, updated_at, kind)
    SELECT code, label_ru, label_kk, customer_ru, customer_kk, active, position, created_at, updated_at, kind
    FROM reason_codes_copy;
DROP TABLE reason_codes_copy;

INSERT INTO reason_codes (code, kind, label_ru, label_kk, customer_ru, customer_kk, position, created_at, updated_at) VALUES
('identity_not_confirmed', 'restoration', 'Личность не подтверждена', 'Жеке басы расталмады',
 'По присланным документам не удалось подтвердить вашу личность. Доступ к приложению остаётся заблокированным.',
 'Жіберілген құжаттар бойынша жеке басыңызды растау мүмкін болмады. Қосымшаға қолжетімділік бұғатталған күйінде қалады.', 110, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('documents_insufficient', 'restoration', 'Документов недостаточно', 'Құжаттар жеткіліксіз',
 'Присланных документов недостаточно для восстановления доступа. Вы можете направить новое заявление с полным комплектом документов.',
 'Жіберілген құжаттар қолжетімділікті қалпына келтіру үшін жеткіліксіз. Құжаттардың толық жиынтығымен жаңа өтініш жібере аласыз.', 120, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('culprit_unknown', 'restoration', 'Не установлено лицо, завладевшее устройством', 'Құрылғыны иеленген тұлға анықталмады',
 'Не представлены документы, устанавливающие личность лица, завладевшего устройством. Доступ к приложению остаётся заблокированным.',
 'Құрылғыны иеленген тұлғаның жеке басын анықтайтын құжаттар ұсынылмады. Қосымшаға қолжетімділік бұғатталған күйінде қалады.', 130, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('takeover_continues', 'restoration', 'Сохраняется риск захвата учётной записи', 'Есептік жазбаны басып алу қаупі сақталуда',
 'Доступ к приложению остаётся заблокированным для защиты ваших данных. Напишите нам на info@kreditomat.kz.',
 'Деректеріңізді қорғау үшін қосымшаға қолжетімділік бұғатталған күйінде қалады. Бізге info@kreditomat.kz поштасына жазыңыз.', 140, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z')
ON CONFLICT (code) DO NOTHING;

-- What the customer sent to have access restored: photos through the photo pipeline, from the
-- app or taken from the case's ticket.
CREATE TABLE restoration_documents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES restoration_cases (id),
    kind          TEXT NOT NULL CHECK (kind IN ('selfie', 'id_front', 'id_back', 'other')),
    source        TEXT NOT NULL CHECK (source IN ('app', 'ticket')),
    sha256        TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    byte_size     INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    blur          REAL NOT NULL,
    brightness    REAL NOT NULL,
    phash         INTEGER NOT NULL,
    portrait_hash INTEGER,
    fine_hash     TEXT,
    api_client_id INTEGER REFERENCES api_clients (id),
    added_by      INTEGER REFERENCES staff (id),
    attachment_id INTEGER REFERENCES ticket_attachments (id),
    uploaded_at   TEXT NOT NULL,
    CHECK ((source = 'app') = (api_client_id IS NOT NULL))
);
CREATE INDEX restoration_documents_case ON restoration_documents (case_id, kind, id);
CREATE INDEX restoration_documents_sha ON restoration_documents (sha256);

-- What the app's backend reports a customer did (sign-ins, changes, security events), for the
-- takeover timeline.
CREATE TABLE customer_activity (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    at            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    device        TEXT,
    ip            TEXT,
    api_client_id INTEGER NOT NULL REFERENCES api_clients (id),
    received_at   TEXT NOT NULL
);
CREATE INDEX customer_activity_time ON customer_activity (customer_id, at, id);
CREATE INDEX customer_activity_device ON customer_activity (device, customer_id) WHERE device IS NOT NULL;

-- The case under review: the device and phone the customer applies from, what the new ID says
-- (as the app read it), when the documents were complete; a proposal's requirements and note.
ALTER TABLE restoration_cases ADD COLUMN new_device TEXT;
ALTER TABLE restoration_cases ADD COLUMN new_phone TEXT;
ALTER TABLE restoration_cases ADD COLUMN id_iin TEXT;
ALTER TABLE restoration_cases ADD COLUMN id_last_name TEXT;
ALTER TABLE restoration_cases ADD COLUMN id_first_name TEXT;
ALTER TABLE restoration_cases ADD COLUMN id_doc_number TEXT;
ALTER TABLE restoration_cases ADD COLUMN documents_at TEXT;
ALTER TABLE restoration_cases ADD COLUMN requirements TEXT;
ALTER TABLE restoration_cases ADD COLUMN note TEXT;
ALTER TABLE restoration_cases ADD COLUMN proposed_at TEXT;

