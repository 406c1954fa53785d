-- Account actions (policy 5.3, 8.1): block, unblock, restrict and close to archive, each with a
-- reason code from the same administrator-kept list as rejections (its kind tells them apart).

ALTER TABLE reason_codes ADD COLUMN kind TEXT NOT NULL DEFAULT 'rejection'
    CHECK (kind IN ('rejection', 'account'));

INSERT INTO reason_codes (code, kind, label_ru, label_kk, customer_ru, customer_kk, position, created_at, updated_at) VALUES
('law_breach', 'account', 'Нарушение законодательства', 'Заңнаманы бұзу',
 'Доступ к приложению ограничен: выявлено нарушение законодательства Республики Казахстан.',
 'Қосымшаға қолжетімділік шектелді: Қазақстан Республикасының заңнамасын бұзу анықталды.', 10, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('policy_breach', 'account', 'Нарушение Политики конфиденциальности', 'Құпиялылық саясатын бұзу',
 'Доступ к приложению ограничен: нарушены условия Политики конфиденциальности.',
 'Қосымшаға қолжетімділік шектелді: Құпиялылық саясатының шарттары бұзылды.', 20, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('unauthorised_access', 'account', 'Сообщение о несанкционированном доступе', 'Рұқсатсыз қолжетімділік туралы хабарлама',
 'Доступ к приложению заблокирован для защиты ваших данных. Чтобы восстановить доступ, направьте заявление на info@kreditomat.kz.',
 'Деректеріңізді қорғау үшін қосымшаға қолжетімділік бұғатталды. Қолжетімділікті қалпына келтіру үшін info@kreditomat.kz поштасына өтініш жіберіңіз.', 30, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('fraud_check', 'account', 'Проверка на мошенничество', 'Алаяқтыққа тексеру',
 'Доступ к приложению ограничен до завершения проверки.',
 'Тексеру аяқталғанша қосымшаға қолжетімділік шектелді.', 40, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('authority_request', 'account', 'Требование суда или уполномоченного органа', 'Сот немесе уәкілетті орган талабы',
 'Доступ к приложению ограничен по требованию уполномоченного органа.',
 'Уәкілетті органның талабы бойынша қосымшаға қолжетімділік шектелді.', 50, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('customer_request', 'account', 'Просьба клиента', 'Клиенттің өтініші',
 'Учётная запись изменена по вашему заявлению.',
 'Есептік жазба сіздің өтінішіңіз бойынша өзгертілді.', 60, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z'),
('check_completed', 'account', 'Проверка завершена', 'Тексеру аяқталды',
 'Проверка завершена, доступ к приложению восстановлен.',
 'Тексеру аяқталды, қосымшаға қолжетімділік қалпына келтірілді.', 70, '2026-12-06T00:00:00Z', '2026-12-06T00:00:00Z')
-- A code an administrator already made keeps its own texts.
ON CONFLICT (code) DO NOTHING;

-- The account's state: why and since when it is so, and for a restricted one what is barred
-- (a comma list of 'applications' and 'data_changes').
ALTER TABLE customers ADD COLUMN restrictions TEXT;
ALTER TABLE customers ADD COLUMN status_reason TEXT REFERENCES reason_codes (code);
ALTER TABLE customers ADD COLUMN status_comment TEXT;
ALTER TABLE customers ADD COLUMN status_changed_at TIMESTAMPTZ;
ALTER TABLE customers ADD COLUMN status_changed_by BIGINT REFERENCES staff (id);

-- Closing to archive takes two people: one asks, another (not the same) confirms.
CREATE TABLE archive_requests (
    id               BIGSERIAL PRIMARY KEY,
    customer_id      BIGINT NOT NULL REFERENCES customers (id),
    reason_code      TEXT NOT NULL REFERENCES reason_codes (code),
    comment          TEXT NOT NULL,
    requested_by     BIGINT NOT NULL REFERENCES staff (id),
    requested_at     TIMESTAMPTZ NOT NULL,
    outcome          TEXT CHECK (outcome IN ('confirmed', 'refused', 'withdrawn')),
    decided_by       BIGINT REFERENCES staff (id),
    decided_at       TIMESTAMPTZ,
    decision_comment TEXT,
    CHECK ((outcome IS NULL) = (decided_by IS NULL) AND (outcome IS NULL) = (decided_at IS NULL)),
    -- Four eyes: the one who asked cannot confirm (nor refuse); only they may withdraw.
    CHECK (outcome IS NULL OR (outcome = 'withdrawn') = (decided_by = requested_by))
);
-- At most one open request per customer; the open ones, oldest first.
CREATE UNIQUE INDEX archive_requests_open ON archive_requests (customer_id) WHERE outcome IS NULL;
CREATE INDEX archive_requests_pending ON archive_requests (requested_at, id) WHERE outcome IS NULL;

-- Customer events for the app's backend, numbered from the same head as the application events.
CREATE TABLE customer_events (
    seq         BIGINT PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    event_type  TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    payload     TEXT NOT NULL
);
CREATE INDEX customer_events_customer ON customer_events (customer_id, seq);
