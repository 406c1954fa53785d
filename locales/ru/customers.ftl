## Customers: the search and the customer page.

nav-customers = Клиенты
nav-customers-desc = Один клиент — все его заявки: поиск по ИИН, телефону, ФИО или номеру учётной записи, история и статус учётной записи

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
