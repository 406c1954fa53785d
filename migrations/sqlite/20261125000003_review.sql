-- KYC review: claims, risk signals, name search, photo near-duplicates, reason codes,
-- decisions, notes, per-status counts, and the personal-data access log.

ALTER TABLE applications ADD COLUMN language TEXT NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'kk'));
ALTER TABLE applications ADD COLUMN claimed_by INTEGER REFERENCES staff (id);
ALTER TABLE applications ADD COLUMN claimed_until TEXT;
-- Bit set of risk signals found at intake (see review::signals::Signal).
ALTER TABLE applications ADD COLUMN risk_signals INTEGER NOT NULL DEFAULT 0;
ALTER TABLE applications ADD COLUMN decided_by INTEGER REFERENCES staff (id);
ALTER TABLE applications ADD COLUMN decided_at TEXT;

CREATE INDEX applications_received ON applications (received_at, id);
-- Searches by IIN or phone come back in queue order straight from the index.
DROP INDEX applications_iin;
CREATE INDEX applications_iin ON applications (iin, received_at, id);
DROP INDEX applications_phone;
CREATE INDEX applications_phone ON applications (phone, received_at, id);
CREATE INDEX applications_claimed ON applications (claimed_by, received_at, id) WHERE claimed_by IS NOT NULL;
CREATE INDEX applications_declared ON applications (status, received_at, id) WHERE pep_declared OR bo_declared;
CREATE INDEX applications_risky ON applications (status, received_at, id) WHERE risk_signals <> 0;

-- Words of the applicant's name, folded (lower case, ё as е), for search in any word order.
CREATE TABLE application_name_tokens (
    token          TEXT    NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (token, application_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO application_name_tokens (token, application_id)
WITH RECURSIVE words (id, word, rest) AS (
    SELECT id, '', search_name || ' ' FROM applications
    UNION ALL
    SELECT id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
    FROM words WHERE rest <> ''
)
SELECT word, id FROM words WHERE word <> '';

-- Perceptual hashes cut in 7 bands (10+9*6 bits): two hashes within distance 6 share a band.
-- key = kind * 65536 + band * 4096 + value.
CREATE TABLE photo_bands (
    band_key INTEGER NOT NULL,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, photo_id)
) WITHOUT ROWID;

-- Near-identical photos of different applications, found at intake (both directions stored).
CREATE TABLE photo_matches (
    photo_id       INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    other_photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    distance       INTEGER NOT NULL,
    PRIMARY KEY (photo_id, other_photo_id)
) WITHOUT ROWID;

CREATE TABLE application_counts (
    status TEXT    PRIMARY KEY,
    n      INTEGER NOT NULL
);
INSERT INTO application_counts (status, n)
SELECT s.status, (SELECT COUNT(*) FROM applications a WHERE a.status = s.status)
FROM (SELECT 'pending' AS status UNION ALL SELECT 'approved' UNION ALL SELECT 'rejected'
      UNION ALL SELECT 'resubmission_requested') s;

CREATE TRIGGER application_counts_insert AFTER INSERT ON applications
BEGIN
    UPDATE application_counts SET n = n + 1 WHERE status = NEW.status;
END;
CREATE TRIGGER application_counts_update AFTER UPDATE OF status ON applications
WHEN OLD.status <> NEW.status
BEGIN
    UPDATE application_counts SET n = n - 1 WHERE status = OLD.status;
    UPDATE application_counts SET n = n + 1 WHERE status = NEW.status;
END;
CREATE TRIGGER application_counts_delete AFTER DELETE ON applications
BEGIN
    UPDATE application_counts SET n = n - 1 WHERE status = OLD.status;
END;

-- Reasons for a rejection; administrators add and edit them.
CREATE TABLE reason_codes (
    code        TEXT    PRIMARY KEY,
    label_ru    TEXT    NOT NULL,
    label_kk    TEXT    NOT NULL,
    customer_ru TEXT    NOT NULL,
    customer_kk TEXT    NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

INSERT INTO reason_codes (code, label_ru, label_kk, customer_ru, customer_kk, position, created_at, updated_at) VALUES
('doc_unreadable', 'Фото документа нечитаемо', 'Құжаттың фотосы оқылмайды',
 'Фото документа нечитаемо. Отправьте, пожалуйста, чёткое фото при хорошем освещении.',
 'Құжаттың фотосы анық емес. Жарық жерде түсірілген анық фото жіберіңіз.', 10, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('selfie_mismatch', 'Лицо на селфи не совпадает с фото в документе', 'Селфидегі бет құжаттағы фотоға сәйкес келмейді',
 'Нам не удалось подтвердить, что документ принадлежит вам.',
 'Құжаттың сізге тиесілі екенін растай алмадық.', 20, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('doc_expired', 'Срок действия документа истёк', 'Құжаттың қолданылу мерзімі өтіп кеткен',
 'Срок действия вашего документа истёк. Подайте заявку с действующим документом.',
 'Құжатыңыздың қолданылу мерзімі өтіп кеткен. Жарамды құжатпен өтінім беріңіз.', 30, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('underage', 'Заявителю нет 18 лет', 'Өтініш беруші 18 жасқа толмаған',
 'Займы выдаются только лицам, достигшим 18 лет.',
 'Қарыз тек 18 жасқа толған тұлғаларға беріледі.', 40, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('data_mismatch', 'Данные анкеты не совпадают с документом', 'Сауалнама деректері құжатпен сәйкес келмейді',
 'Данные в заявке не совпадают с данными документа.',
 'Өтінімдегі деректер құжат деректерімен сәйкес келмейді.', 50, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('duplicate', 'Повторная заявка', 'Қайталанған өтінім',
 'У вас уже есть заявка на рассмотрении.',
 'Сізде қаралып жатқан өтінім бар.', 60, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('fraud_suspected', 'Подозрение на мошенничество', 'Алаяқтық күдігі',
 'К сожалению, мы не можем одобрить заявку.',
 'Өкінішке қарай, өтініміңізді мақұлдай алмаймыз.', 70, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('selfie_unreadable', 'Селфи нечитаемо', 'Селфи анық емес',
 'Селфи получилось нечётким. Сделайте, пожалуйста, новое фото лица при хорошем освещении.',
 'Селфи анық шықпады. Жарық жерде бетіңізді қайта суретке түсіріңіз.', 5, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('iin_invalid', 'ИИН недействителен', 'ЖСН жарамсыз',
 'Указанный ИИН не прошёл проверку. Проверьте номер и подайте заявку снова.',
 'Көрсетілген ЖСН тексеруден өтпеді. Нөмірді тексеріп, өтінімді қайта беріңіз.', 35, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z'),
('doc_forged', 'Документ подделан или изменён', 'Құжат жалған немесе өзгертілген',
 'К сожалению, мы не можем одобрить заявку.',
 'Өкінішке қарай, өтініміңізді мақұлдай алмаймыз.', 75, '2026-11-25T00:00:00Z', '2026-11-25T00:00:00Z');

CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    version        INTEGER NOT NULL,
    outcome        TEXT    NOT NULL CHECK (outcome IN ('approved', 'rejected', 'resubmission_requested')),
    reasons        TEXT    NOT NULL DEFAULT '',
    documents      TEXT    NOT NULL DEFAULT '',
    message        TEXT,
    staff_id       INTEGER NOT NULL REFERENCES staff (id),
    decided_at     TEXT    NOT NULL
);
CREATE INDEX decisions_application ON decisions (application_id, id);

CREATE TABLE application_notes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    staff_id       INTEGER NOT NULL REFERENCES staff (id),
    body           TEXT    NOT NULL,
    created_at     TEXT    NOT NULL
);
CREATE INDEX application_notes_application ON application_notes (application_id, id);

-- Every view of an applicant's review page and every original download.
CREATE TABLE pd_access_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT    NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff (id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    access         TEXT    NOT NULL,
    ip             TEXT    NOT NULL
);
CREATE INDEX pd_access_log_application ON pd_access_log (application_id, id);
CREATE INDEX pd_access_log_staff ON pd_access_log (staff_id, id);
CREATE TRIGGER pd_access_log_no_update BEFORE UPDATE ON pd_access_log
BEGIN
    SELECT RAISE(ABORT, 'pd_access_log is append-only');
END;
CREATE TRIGGER pd_access_log_no_delete BEFORE DELETE ON pd_access_log
BEGIN
    SELECT RAISE(ABORT, 'pd_access_log is append-only');
END;
