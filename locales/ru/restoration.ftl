## Access restoration after a report of unauthorised access (policy 5.7).

restoration-customer-what-to-send = Мы заблокировали доступ к вашей учётной записи, чтобы защитить ваши данные. Чтобы восстановить доступ, пришлите в приложении или на info@kreditomat.kz новое селфи, фотографию удостоверения личности и документы о том, кто воспользовался вашим устройством (например, талон-уведомление о заявлении в полицию).
restoration-source-app = из приложения
restoration-source-ticket = из обращения в поддержку
restoration-source-phone = по телефону
restoration-device-lost = устройство потеряно
restoration-device-stolen = устройство украдено
restoration-device-kept = устройство у клиента
restoration-device-unknown = неизвестно
audit-action-restoration-opened = Открыто дело о восстановлении доступа
audit-action-restoration-report-joined = Новое сообщение о несанкционированном доступе добавлено к открытому делу
audit-action-restoration-documents-added = Клиент прислал документы для восстановления доступа
audit-action-restoration-proposed = Предложено восстановить доступ
audit-action-restoration-proposal-returned = Предложение восстановить доступ возвращено на проверку
audit-action-restoration-refused = В восстановлении доступа отказано
audit-action-restoration-restored = Доступ восстановлен
audit-action-customer-activity-recorded = Получены события учётной записи из приложения
audit-key-proposal-withdrawn = Предложение отозвано
audit-key-events = Событий
audit-key-proposal = Предложение
audit-key-requirements = Условия
audit-key-proposed-by = Предложил
audit-key-case-state = Состояние дела
audit-key-note-chars = Длина заметки
audit-key-note = Заметка
audit-key-customer = Клиент
audit-key-source = Откуда
audit-key-device = Устройство

## The security officers' pages.
nav-security = Восстановление доступа
nav-security-desc = Дела после сообщений о несанкционированном доступе: документы клиента, решение с подтверждением второго сотрудника
restoration-queue-title = Восстановление доступа
restoration-queue-heading = Восстановление доступа
restoration-queue-intro = Клиент сообщил, что его учётной записью воспользовался кто-то другой: доступ заблокирован, клиент присылает документы, сотрудник безопасности их сверяет и решает, второй сотрудник подтверждает восстановление.
restoration-queue-empty = Дел в этом состоянии нет.
restoration-states = Состояния дел
restoration-tab-waiting_documents = Ждут документов
restoration-tab-ready = Готовы к проверке
restoration-tab-waiting_second = Ждут второго сотрудника
restoration-tab-decided = Решённые
restoration-state-waiting_documents = Ждёт документов
restoration-state-ready = Готово к проверке
restoration-state-waiting_second = Ждёт второго сотрудника
restoration-state-restored = Доступ восстановлен
restoration-state-refused = В восстановлении отказано
restoration-search = Поиск
restoration-search-hint = Номер дела (R-000012), ИИН или телефон клиента
restoration-search-button = Найти
restoration-search-invalid = Введите номер дела (например, R-000012), ИИН из 12 цифр или номер телефона.
restoration-number = Номер
restoration-customer = Клиент
restoration-name = ФИО
restoration-iin = ИИН
restoration-state = Состояние
restoration-opened = Открыто
restoration-reports = Сообщений
restoration-age-days = { $count ->
    [one] { $n } день назад
    [few] { $n } дня назад
   *[many] { $n } дней назад
}
restoration-case-title = Дело о восстановлении доступа
restoration-case-heading = Дело о восстановлении доступа
restoration-account = Учётная запись
restoration-ticket = Обращение
restoration-reports-heading = Сообщения о несанкционированном доступе
restoration-happened = Когда это произошло
restoration-device = Устройство
restoration-police-report = Номер заявления в полицию
access-log-restoration-case = дело о восстановлении доступа
restoration-age-today = сегодня

## A ticket of unauthorised access made a restoration case.
restoration-from-ticket-title = Открыть дело о восстановлении доступа
restoration-from-ticket-heading = Открыть дело о восстановлении доступа
restoration-from-ticket-intro = Клиент сообщил, что его учётной записью воспользовался кто-то другой. Запишите, что он рассказал: дело получат сотрудники безопасности.
restoration-from-ticket-warning = Доступ клиента к приложению будет заблокирован сразу, клиент получит сообщение о том, какие документы прислать.
restoration-from-ticket-submit = Заблокировать доступ и открыть дело
restoration-happened-hint = Время Алматы; по словам клиента
restoration-happened-invalid = Укажите дату и время в виде 05.12.2026 21:40.
restoration-happened-future = Это время ещё не наступило.
restoration-description = Что произошло, со слов клиента
restoration-archived = Учётная запись клиента закрыта в архив: восстанавливать нечего.
restoration-opened-flash = Доступ заблокирован, открыто дело { $number }.
restoration-on-ticket-heading = Восстановление доступа
restoration-on-ticket-case = По этому обращению открыто дело
restoration-on-ticket-hint = Если клиент сообщает, что его учётной записью воспользовался кто-то другой, заблокируйте доступ и откройте дело для сотрудников безопасности.
restoration-on-ticket-open = Открыть дело о восстановлении доступа
support-event-restoration-opened = Доступ клиента заблокирован, открыто дело о восстановлении доступа { $value }.
support-event-restoration-joined = Сообщение добавлено к открытому делу о восстановлении доступа { $value }; доступ клиента заблокирован.
support-event-restoration-opened-blocked-before = Открыто дело о восстановлении доступа { $value }; доступ клиента был заблокирован раньше.
restoration-joined-flash = Сообщение добавлено к открытому делу { $number }.
restoration-opened-blocked-before-flash = Открыто дело { $number }; доступ клиента был заблокирован раньше.
restoration-ticket-already = Это обращение уже передано в дело { $number }.
restoration-prior = До сообщения
restoration-prior-reason = причина: { $reason }

## The case under review: documents, the new ID, signals, the takeover timeline, the decision.
restoration-due = Срок решения
restoration-overdue = Срок решения прошёл
restoration-documents-heading = Документы клиента
restoration-no-documents = Клиент ещё не прислал документы. Когда придут новое селфи и удостоверение личности, дело перейдёт в «Готово к проверке».
restoration-hash-hint = Расстояние между перцептивными хешами сравнивает изображения, а не лица: близкие значения значат, что снимки почти одинаковые. Сравните лица сами.
restoration-onboarding = Из одобренной заявки
restoration-new = Прислано сейчас
restoration-verdict-alike = снимки почти одинаковые
restoration-verdict-different = снимки различаются
restoration-verdict-same-file = прислан тот же файл, что в заявке
restoration-verdict-none = сравнить не с чем
restoration-distance = Расстояние хешей
restoration-fine-distance = точное расстояние
restoration-all-documents = Все присланные документы
restoration-doc-selfie = Селфи
restoration-doc-id_front = Удостоверение, лицевая сторона
restoration-doc-id_back = Удостоверение, оборотная сторона
restoration-doc-other = Другой документ
restoration-id-heading = Новое удостоверение и данные клиента
restoration-id-none = Приложение не прочитало данные нового удостоверения: сверьте их по фотографии.
restoration-id-field = Поле
restoration-id-record = В данных клиента
restoration-id-read = В новом удостоверении
restoration-id-outcome = Сверка
restoration-id-iin = ИИН
restoration-id-last-name = Фамилия
restoration-id-first-name = Имя
restoration-id-doc-number = Номер документа
restoration-outcome-match = совпадает
restoration-outcome-mismatch = не совпадает
restoration-outcome-unread = не прочитано
restoration-signals-heading = Признаки мошенничества
restoration-new-device = Устройство, с которого обратился клиент
restoration-new-phone = Телефон, с которого обратился клиент
restoration-seen-nowhere = у других клиентов не встречался
restoration-not-given = не указан
restoration-seen-on = { $count ->
    [one] встречался у { $n } другого клиента
   *[other] встречался у { $n } других клиентов
}
restoration-timeline-heading = Хронология учётной записи
restoration-timeline-from = С
restoration-timeline-events = { $count ->
    [one] { $n } событие из приложения
    [few] { $n } события из приложения
   *[many] { $n } событий из приложения
}
restoration-timeline-axis = Шкала времени: сообщения, изменения и события учётной записи
restoration-legend-report = сообщение о доступе
restoration-legend-change = изменение
restoration-legend-event = событие
restoration-timeline-when = Когда
restoration-timeline-what = Что
restoration-timeline-device = Устройство
restoration-timeline-ip = IP-адрес
restoration-timeline-changes = Что изменилось
restoration-timeline-until = по { $at }
restoration-what-application = Заявка
restoration-what-data-change = Запрос на изменение данных
restoration-what-report = Сообщение о несанкционированном доступе
restoration-what-activity-sign_in = Вход
restoration-what-activity-sign_in_failed = Неудачный вход
restoration-what-activity-sign_out = Выход
restoration-what-activity-password_reset = Сброс пароля
restoration-what-activity-phone_changed = Смена телефона
restoration-what-activity-device_bound = Привязка устройства
restoration-what-activity-email_changed = Смена электронной почты
restoration-what-activity-card_added = Добавлена карта
restoration-what-activity-card_removed = Удалена карта
restoration-what-activity-contacts_changed = Смена контактных лиц
restoration-what-activity-security_alert = Предупреждение безопасности
restoration-change-device = новое устройство
restoration-change-ip = новый IP-адрес
restoration-change-phone = другой телефон
restoration-change-card = другая карта
restoration-change-email = другая почта
restoration-change-contacts = другие контактные лица
restoration-change-data-change = изменение данных
restoration-change-change = изменение
restoration-decision-heading = Решение
restoration-decided-by-restored = Предложил
restoration-decided-by-refused = Отказал
restoration-approved-by = Подтвердил
restoration-decided-at = Решено
restoration-reasons = Причины отказа
restoration-requirements = Условия восстановления
restoration-requirements-none = без условий
restoration-require-device_binding = привязать новое устройство
restoration-require-phone_confirmation = подтвердить номер телефона
restoration-note = Заметка
restoration-proposed-by = Предложил
restoration-waiting-second-mine = Вы предложили восстановить доступ. Подтвердить должен другой сотрудник безопасности.
restoration-withdraw-submit = Отозвать предложение
restoration-approve-hint = Другой сотрудник предложил восстановить доступ. Проверьте документы и хронологию: после подтверждения доступ будет восстановлен сразу.
restoration-approve-submit = Подтвердить и восстановить доступ
restoration-return-note = Почему возвращаете на проверку
restoration-return-submit = Вернуть на проверку
restoration-propose-heading = Восстановить доступ
restoration-propose-hint = Восстановление подтверждает второй сотрудник безопасности.
restoration-propose-submit = Предложить восстановить доступ
restoration-refuse-heading = Отказать
restoration-refuse-hint = Доступ останется заблокированным, клиент получит сообщение с причинами на своём языке.
restoration-refuse-submit = Отказать в восстановлении
restoration-reasons-required = Выберите хотя бы одну причину отказа.
restoration-not-open-for-refusal = Отказать можно, пока дело ждёт документов или проверки.
restoration-not-ready = Предложить восстановление можно, когда дело готово к проверке.
restoration-not-waiting-second = Дело уже не ждёт второго сотрудника.
restoration-own-proposal = Вы предложили это восстановление сами: подтвердить его должен другой сотрудник.
restoration-stale = Дело изменилось, пока вы его смотрели: проверьте его ещё раз.
restoration-refused-flash = В восстановлении доступа по делу { $number } отказано.
restoration-proposed-flash = Восстановление по делу { $number } передано второму сотруднику.
restoration-restored-flash = Доступ по делу { $number } восстановлен.
restoration-restored-kept-flash = Дело { $number } решено, но учётная запись не изменена: её блокирует или ограничивает другая причина.
restoration-returned-flash = Дело { $number } возвращено на проверку.
restoration-customer-restored = Доступ к вашей учётной записи восстановлен. Если приложение попросит, привяжите устройство заново или подтвердите номер телефона.
restoration-overdue-count = { $count ->
    [one] { $n } открытое дело не решено в срок
    [few] { $n } открытых дела не решены в срок
   *[many] { $n } открытых дел не решены в срок
}
restoration-onboarding-newest = Из последней заявки
restoration-onboarding-unapproved = У клиента нет одобренной заявки: документы сравниваются с последней заявкой.
restoration-customer-restored-kept = Ваше заявление о восстановлении доступа рассмотрено, но доступ к учётной записи ограничен по другой причине. Подробнее: info@kreditomat.kz.
restoration-timeline-truncated = Событий из приложения очень много: показаны первые 20 000 с начала периода.
restoration-ticket-files = Файлы из обращения
restoration-ticket-files-hint = Клиент мог прислать документы письмом. Выберите, что на снимке, и добавьте его к документам дела.
restoration-ticket-file-kind = Что на снимке
restoration-ticket-file-take = Добавить к документам
restoration-ticket-file-taken = добавлен к документам
restoration-attachment-kind = Выберите, что на снимке.
restoration-attachment-not-photo = Этот файл не удалось прочитать как фотографию.
restoration-attachment-closed = Дело уже решено: документы больше не принимаются.
restoration-attachment-taken = Файл добавлен к документам дела { $number }.
restoration-ticket-refused = Мы рассмотрели ваше заявление о восстановлении доступа и не можем восстановить доступ.
restoration-search-not-yours = Искать по ИИН и телефону могут те, кому они видны полностью; найдите дело по его номеру.
restoration-attachment-already = Этот файл уже добавлен к документам дела.
restoration-id-table = Таблица сверки удостоверения
restoration-timeline-table = Таблица событий учётной записи
