## Customers: the search and the customer page.

nav-customers = Клиенты
nav-customers-desc = Один клиент — все его заявки: поиск по ИИН, телефону, ФИО или номеру учётной записи, история и статус учётной записи
nav-archive-requests = Закрытие учётных записей
nav-archive-requests-desc = Запросы на закрытие учётной записи в архив, ждущие подтверждения второго сотрудника

customers-title = Клиенты
customers-heading = Клиенты
customers-search-hint = ИИН, телефон, e-mail, номер заявки, ID учётной записи в приложении или ФИО в любом порядке и любым алфавитом
customers-account-status = Статус учётной записи
customers-status-any = Любой
customers-status-active = Активна
customers-status-blocked = Заблокирована
customers-status-restricted = Ограничена
customers-status-archived = В архиве
customers-none = Клиентов пока нет: они появляются с первой заявкой.
customers-none-found = Никого не нашли. Проверьте запрос или ищите по другому признаку.
customers-recent-note = Без запроса показаны клиенты, которые обращались последними.
customers-customer = Клиент
customers-applications = Заявки
customers-last-activity = Последнее обращение

customers-page-title = Клиент
# Variables: $id the customer's number in the portal.
customers-number = Клиент № { $id }
# Variables: $when date and time.
customers-since = первая заявка: { $when }
# Variables: $when date and time.
customers-last-activity-at = последнее обращение: { $when }
customers-identity = Данные клиента
# Variables: $id the application's number.
customers-identity-source-approved = По последней одобренной заявке № { $id }.
# Variables: $id the application's number.
customers-identity-source-latest = По последней заявке № { $id }: одобренных заявок нет.
customers-masked-note = ИИН, телефон, адреса и номер документа скрыты частично.
customers-doc-expired = срок истёк
customers-no-applications = Заявок нет.
customers-account = Учётная запись в приложении
customers-account-ids = ID учётной записи
customers-no-account-ids = приложение не передавало
# Variables: $when date and time.
customers-account-first-seen = впервые: { $when }
customers-earlier-values = Прежние данные
customers-field = Поле
customers-value = Значение
customers-from-application = Из заявки
customers-field-name = ФИО
customers-field-phone = Телефон
customers-field-email = E-mail
customers-field-reg-address = Адрес регистрации
customers-field-home-address = Адрес проживания
customers-field-doc-number = Номер документа
customers-term = Срок
# Variables: $count the term in days (plural selector), $n the same, formatted.
customers-term-days = { $count ->
    [one] { $n } день
    [few] { $n } дня
   *[other] { $n } дней
}
customers-compliance = комплаенс
customers-timeline = История
customers-timeline-empty = Событий пока нет.

access-log-customer-page = страница клиента
access-log-support-ticket = обращение в поддержку
review-customer-link = Клиент: все заявки и история

customers-revealed = показано полностью, записано в журнал
customers-reveal = Показать поле полностью
customers-reveal-hint = Значение появится только на этой странице. Причина и ваше имя попадут в журнал доступа к персональным данным.
customers-reveal-field = Поле
customers-reveal-reason = Причина
customers-reveal-reason-choose = Выберите причину
customers-reveal-reason-customer_request = Обращение клиента, личность подтверждена
customers-reveal-reason-fraud_check = Проверка на мошенничество
customers-reveal-reason-authority_request = Запрос суда или государственного органа
customers-reveal-reason-data_correction = Исправление данных клиента
customers-reveal-reason-other = Другое (опишите в комментарии)
customers-reveal-comment = Комментарий
customers-reveal-comment-hint = Номер обращения или запроса и зачем нужно значение: не меньше 5 символов.
customers-reveal-submit = Показать
customers-reveal-reason-required = Выберите причину: без неё значение не показывается.
customers-reveal-comment-required = Напишите, зачем нужно значение: не меньше 5 символов.
customers-reveal-not-allowed = Вашей роли это поле полностью не показывается.

access-log-reveal = поле показано полностью
access-log-customer = Клиент №
access-log-staff = Сотрудник (логин)
access-log-staff-hint = Логин сотрудника, например verifier
access-log-field-iin = ИИН
access-log-field-phone = телефон
access-log-field-reg_address = адрес регистрации
access-log-field-home_address = адрес проживания
access-log-field-doc_number = номер документа
customers-restrictions = Ограничения
customers-restrictions-hint = Только для ограничения: что клиенту нельзя делать.
customers-restriction-applications = новые заявки
customers-restriction-data_changes = изменение данных
customers-status-reason = Причина
customers-status-changed = Изменён
customers-action = Изменить статус учётной записи
customers-action-what = Действие
customers-action-block = Заблокировать
customers-action-unblock = Разблокировать (снять блокировку и ограничения)
customers-action-restrict = Ограничить
customers-action-archive = Закрыть в архив (подтверждает другой сотрудник)
customers-action-comment = Комментарий
customers-action-comment-hint = Что случилось и на каком основании, без персональных данных клиента: не меньше 5 символов. Клиент комментарий не увидит, он получит текст выбранной причины.
customers-action-submit = Применить
customers-action-choose = Выберите действие.
customers-action-reason-required = Выберите причину.
customers-action-comment-required = Напишите комментарий.
customers-action-comment-short = Комментарий слишком короткий: не меньше 5 символов.
customers-action-restrictions-required = Отметьте хотя бы одно ограничение.
customers-action-stale = Учётную запись только что изменил другой сотрудник. Ниже её текущее состояние; проверьте и отправьте снова, если действие ещё нужно.
customers-action-archived = Учётная запись закрыта в архив: она доступна только для чтения.
customers-action-already-blocked = Учётная запись уже заблокирована.
customers-action-not-blocked = Учётная запись не заблокирована и не ограничена: снимать нечего.
customers-action-same-restrictions = Эти ограничения уже действуют.
customers-archive-already-asked = Закрытие этой учётной записи уже запрошено и ждёт подтверждения.
customers-archive-already-decided = Этот запрос уже рассмотрен другим сотрудником.
customers-archive-own-request = Вы сами запросили закрытие: подтвердить или отклонить его должен другой сотрудник.
customers-archive-not-yours = Отозвать запрос может только тот, кто его сделал.
customers-archive-waiting = Запрошено закрытие в архив.
# Variables: $name staff member's full name.
customers-archive-asked-by = Запросил(а): { $name }
customers-archive-confirm = Подтвердить закрытие
customers-archive-refuse = Отклонить
customers-archive-withdraw = Отозвать запрос
customers-archive-other-confirms = Закрытие подтверждает другой сотрудник безопасности или администратор.
customers-archive-step-up-hint = Перед подтверждением портал попросит второй фактор ещё раз.
# Variables: $id customer number.
customers-done-block = Учётная запись клиента № { $id } заблокирована.
# Variables: $id customer number.
customers-done-unblock = Учётная запись клиента № { $id } разблокирована.
# Variables: $id customer number.
customers-done-restrict = Учётная запись клиента № { $id } ограничена.
# Variables: $id customer number.
customers-done-archive = Закрытие учётной записи клиента № { $id } запрошено; его должен подтвердить другой сотрудник.
# Variables: $id customer number.
customers-archive-confirmed = Учётная запись клиента № { $id } закрыта в архив.
# Variables: $id customer number.
customers-archive-refused = Закрытие учётной записи клиента № { $id } отклонено.
# Variables: $id customer number.
customers-archive-withdrawn = Запрос на закрытие учётной записи клиента № { $id } отозван.
archive-requests-title = Закрытие учётных записей
archive-requests-heading = Закрытие учётных записей в архив
archive-requests-intro = Закрытие в архив делают двое: один сотрудник безопасности запрашивает, другой сотрудник безопасности или администратор подтверждает. Закрытая учётная запись доступна только для чтения.
archive-requests-open = Ждут подтверждения
archive-requests-none = Запросов, ждущих подтверждения, нет.
archive-requests-ended = Последние рассмотренные
archive-requests-customer = Клиент
archive-requests-asked = Запросил(а)
archive-requests-decision = Решение
archive-requests-outcome = Итог
archive-requests-outcome-confirmed = подтверждено
archive-requests-outcome-refused = отклонено
archive-requests-outcome-withdrawn = отозвано
customers-consents = Согласия и обязательства
customers-consents-none = Приложение ещё не сообщало о согласиях этого клиента.
customers-consent-when = Когда
customers-consent-what = Что
customers-consent-given = дано согласие
customers-consent-withdrawn = согласие отозвано
customers-consent-via = Откуда
customers-obligation-open = Есть неисполненное обязательство
customers-obligation-none = Неисполненных обязательств нет
# Variables: $when date and time of the report.
customers-obligation-reported = по сообщению от { $when }
customers-policy-versions-link = Редакции Политики конфиденциальности
customers-retained-until = Хранится до
# Variables: $when date and time of the erasure.
customers-erased-at = персональные данные удалены { $when }
access-log-data-summary = сводка данных для клиента
access-log-support-attachment = файл из обращения в поддержку
customers-tickets = Обращения в поддержку
customers-tickets-none = Обращений в поддержку нет.
