## Mail the portal sends: the outbox for administrators, and the text of the mail itself.

nav-mail = Исходящая почта
nav-mail-desc = Ответы клиентам и подтверждения по e-mail: что отправлено, что ждёт, что не удалось отправить

mail-outbox-title = Исходящая почта
mail-outbox-heading = Исходящая почта
mail-outbox-intro = Ответы сотрудников на обращения, пришедшие по e-mail, и подтверждения новых обращений. Письмо, которое не удалось отправить, отправляется повторно с паузами; когда попытки исчерпаны, его можно отправить заново.
mail-outbox-no-smtp = Почтовый сервер не настроен: письма не отправляются, а хранятся здесь. Укажите --smtp-url (PORTAL_SMTP_URL), чтобы их отправлять.
mail-outbox-empty = Писем в этом состоянии нет.
mail-states = Состояния писем
mail-state-queued = Ждут отправки
mail-state-retrying = Повторная попытка
mail-state-failed = Не отправлены
mail-state-sent = Отправлены
mail-state-kept = Сохранены без отправки
mail-created = Создано
mail-ticket = Обращение
mail-kind = Письмо
mail-kind-reply = Ответ сотрудника
mail-kind-acknowledgement = Подтверждение получения
mail-recipient = Получатель
mail-subject = Тема
mail-attempts = Попыток
mail-last-error = Последняя ошибка
mail-sent-at = Отправлено
mail-text = Текст письма
mail-retry = Отправить заново
mail-retried = Письмо № { $id } снова поставлено в очередь на отправку.
mail-changed-meanwhile = Письмо № { $id } уже изменилось: его отправили или поставили в очередь. Проверьте состояние ниже.
mail-outgoing-title = Исходящее письмо

## The mail itself, in the customer's language.

mail-greeting = Здравствуйте!
mail-signature = Служба поддержки Kreditomat
mail-keep-tag = Отвечая на это письмо, сохраните в теме номер обращения { $tag }.
mail-acknowledgement-body = Мы получили ваше письмо и зарегистрировали обращение { $number }. Сотрудник службы поддержки ответит вам в ближайшее время; на запросы о персональных данных мы отвечаем в сроки, установленные законом.

jobs-kind-mail-send = Отправка письма клиенту
access-log-support-mail = исходящее письмо клиенту
audit-action-mail-retried = Письмо снова поставлено в очередь на отправку
audit-key-mail = Письмо
audit-key-last-error = Последняя ошибка
mail-acknowledgement-subject = Обращение { $number } зарегистрировано
mail-outbox-content-hidden = Кому и что отправлено, видят сотрудники поддержки: администратору адреса клиентов и переписка не показываются.
mail-header-message-id = Message-ID
mail-header-in-reply-to = In-Reply-To
mail-header-references = References
audit-key-mail-state = Состояние письма
mail-status-queued = Ждёт отправки
mail-status-retrying = Повторная попытка
mail-status-failed = Не отправлено
mail-status-sent = Отправлено
mail-status-kept = Сохранено без отправки
