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
restoration-search-hint = Номер дела (R-000012) или ИИН клиента
restoration-search-button = Найти
restoration-search-invalid = Введите номер дела (например, R-000012) или ИИН из 12 цифр.
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
restoration-next-steps = Документы клиента, сравнение с документами из заявки, хронология изменений и решение появятся на этой странице, когда клиент пришлёт документы.
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
