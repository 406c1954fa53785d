# Managers' dashboards (src/dashboards).
nav-dashboard = Показатели
nav-dashboard-desc = Как идёт работа: заявки, комплаенс, обращения, безопасность
dash-heading = Показатели работы
dash-tabs = Разделы показателей
dash-tab-kyc = Проверка заявок
dash-tab-compliance = Комплаенс
dash-tab-support = Обращения
dash-tab-security = Безопасность

dash-period = Период
dash-period-today = Сегодня
dash-period-7d = 7 дней
dash-period-30d = 30 дней
dash-period-month = Месяц
dash-period-range = С даты по дату
dash-month = Месяц
dash-month-hint = Для периода «Месяц»: ГГГГ-ММ.
dash-from = Начало периода
dash-to = Конец периода
dash-range-hint = Для периода «С даты по дату»: ГГГГ-ММ-ДД.
dash-show = Показать
dash-shown = Период: { $period }.
dash-compared = Сравнение с периодом { $period }.
dash-before = до этого: { $value }
dash-attention = требует внимания
dash-live = сейчас
dash-csv = Скачать CSV
dash-empty = За этот период данных нет.
dash-chart-label = График: { $name }
dash-show-table = Таблица с теми же числами ({ $count ->
    [one] { $count } строка
    [few] { $count } строки
   *[many] { $count } строк
})
dash-table-label = Таблица: { $name }
dash-chart-title = График: { $name }. Те же числа — в таблице под графиком.
dash-times-note = Время округлено вверх: до минуты, если меньше 10 минут, дальше — примерно до пятой части значения. Медиана и 90-й процентиль считаются по этим интервалам. Дни — по времени Алматы.

dash-error-date-missing = Укажите дату в формате ГГГГ-ММ-ДД.
dash-error-date = Такой даты нет. Формат: ГГГГ-ММ-ДД.
dash-error-month = Укажите месяц в формате ГГГГ-ММ.
dash-error-order = Конец периода раньше его начала.
dash-error-too-long = Период длиннее { $max } дн. Выберите период короче.
dash-error-period = Выберите период из списка.

dash-dur-minutes = { $n } мин
dash-dur-hours = { $h } ч
dash-dur-hours-minutes = { $h } ч { $m } мин
dash-dur-days = { $d } дн.
dash-dur-over-year = больше года

dash-weekday-1 = пн
dash-weekday-2 = вт
dash-weekday-3 = ср
dash-weekday-4 = чт
dash-weekday-5 = пт
dash-weekday-6 = сб
dash-weekday-7 = вс
dash-month-short-1 = янв
dash-month-short-2 = фев
dash-month-short-3 = мар
dash-month-short-4 = апр
dash-month-short-5 = мая
dash-month-short-6 = июн
dash-month-short-7 = июл
dash-month-short-8 = авг
dash-month-short-9 = сен
dash-month-short-10 = окт
dash-month-short-11 = ноя
dash-month-short-12 = дек

dash-col-day = День
dash-col-week = Неделя (с понедельника)
dash-col-received = Поступило
dash-col-approved = Одобрено
dash-col-rejected = Отказано
dash-col-resubmission = Запрошены документы
dash-col-reason = Причина
dash-col-count = Количество
dash-col-share-rejections = Доля среди отказов
dash-col-age = Ожидает
dash-col-pending = Заявок
dash-col-staff = Сотрудник
dash-col-decisions = Решений
dash-col-decisions-before = Решений в прошлом периоде
dash-col-handling-median = Медиана времени работы
dash-col-found = Найдено
dash-col-confirmed = Подтверждено
dash-col-dismissed = Отклонено
dash-col-list = Список
dash-col-version = Версия
dash-col-entries = Записей
dash-col-added = Добавлено
dash-col-changed = Изменено
dash-col-removed = Удалено
dash-col-hits = Совпадений
dash-col-category = Категория
dash-col-total = Всего
dash-col-received-before = Поступило в прошлом периоде
dash-col-policy-version = Редакция политики
dash-col-objections = Возражений
dash-col-blocked = Блокировки
dash-col-unblocked = Разблокировки
dash-col-cases-opened = Открыто дел
dash-col-restored = Доступ восстановлен
dash-col-refused = Отказано в восстановлении
dash-col-state = Состояние
dash-col-cases = Дел

dash-age-under-1h = Меньше часа
dash-age-1-4h = 1–4 часа
dash-age-4-24h = 4–24 часа
dash-age-1-3d = 1–3 дня
dash-age-over-3d = Больше 3 дней

dash-kyc-received = Заявок поступило
dash-kyc-decided = Решений принято
dash-kyc-approval-rate = Доля одобрений
dash-kyc-rejection-rate = Доля отказов
dash-kyc-resubmission-rate = Доля запросов документов
dash-kyc-median = Медиана: от поступления до решения
dash-kyc-p90 = 90 % решений — не дольше
dash-kyc-pending = В очереди сейчас
dash-kyc-oldest = Самая старая заявка ждёт
dash-kyc-daily = Заявки и решения по дням
dash-kyc-reasons = Главные причины отказа
dash-kyc-reasons-note = В одном отказе может быть несколько причин, поэтому доли в сумме могут превышать 100 %.
dash-kyc-queue = Очередь сейчас: сколько ждут заявки
dash-kyc-verifiers = Верификаторы
dash-kyc-handling-note = Время работы — от взятия заявки в работу до решения.

dash-cmp-found = Совпадений найдено
dash-cmp-confirmed = Подтверждено
dash-cmp-dismissed = Отклонено
dash-cmp-hit-median = Медиана: от совпадения до решения по нему
dash-cmp-senior-done = Одобрено старшим комплаенс-офицером
dash-cmp-first-done = ПДЛ подтверждено (первый ключ)
dash-cmp-returned = Возвращено старшим комплаенс-офицером
dash-cmp-senior-median = Медиана ожидания второго ключа
dash-cmp-review-now = Ждут комплаенса сейчас
dash-cmp-second-key-now = Ждут второго ключа сейчас
dash-cmp-second-key-oldest = Дольше всех ждёт второго ключа
dash-cmp-second-key-median = Медиана ожидания второго ключа сейчас
dash-cmp-daily = Совпадения со списками по дням
dash-cmp-imports = Загрузки списков за период

dash-sup-created = Обращений поступило
dash-sup-first-median = Медиана до первого ответа
dash-sup-first-p90 = 90 % первых ответов — не дольше
dash-sup-resolution-median = Медиана до решения
dash-sup-resolution-p90 = 90 % решений — не дольше
dash-sup-breaches = Нарушено сроков SLA
dash-sup-overdue-now = Просрочено сейчас
dash-sup-legal-met = Сроков по закону соблюдено
dash-sup-legal-missed = Сроков по закону нарушено (цель — ноль)
dash-sup-legal-overdue-now = Срок по закону истёк без ответа
dash-sup-daily = Обращения по каналам и дням
dash-sup-backlog = Обращения в работе сейчас
dash-sup-categories = Обращения по категориям
dash-sup-objections = Возражения по редакциям политики

dash-sec-blocked = Блокировок
dash-sec-unblocked = Разблокировок
dash-sec-restricted = Ограничений
dash-sec-opened = Дел о восстановлении открыто
dash-sec-restored = Доступ восстановлен
dash-sec-refused = Отказано в восстановлении
dash-sec-case-median = Медиана: от открытия дела до решения
dash-sec-open-now = Дел открыто сейчас
dash-sec-overdue-now = Дел просрочено сейчас
dash-sec-daily = Блокировки и дела по дням
dash-sec-open = Открытые дела по состояниям

## Reviewer quality on the KYC tab
dash-kyc-qa-agreement = Совпадение при повторной проверке
dash-kyc-qa = Повторные проверки: совпадение решений
dash-kyc-qa-note = Случайная доля одобрений и отказов проверена повторно другим верификатором, по дню повторной проверки. При малом числе выборок доля совпадений колеблется случайно: смотрите на число выборок.
dash-col-qa-samples = Выборок проверено
dash-col-qa-agreement = Доля совпадений
dash-col-qa-overturned = Признано неверным
dash-col-qa-agreed = Совпали
dash-col-qa-disagreed = Разошлись

## The tab as an XLSX workbook
dash-xlsx = Скачать всю вкладку (XLSX)
dash-xlsx-summary = Сводка
# Variables: $from, $to (dates, YYYY-MM-DD)
dash-xlsx-period = Период: { $from } — { $to }
dash-xlsx-figure = Показатель
dash-xlsx-now = За период
dash-xlsx-before = За предыдущий период
