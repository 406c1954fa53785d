# API keys of the app's backend.

api-keys-title = API-ключи
api-keys-heading = API-ключи
api-keys-intro = Ключи, с которыми бэкенд мобильного приложения передаёт заявки в портал. Ключ показывается один раз; в портале хранится только его хеш.
api-keys-name = Назначение
api-keys-name-invalid = Назначение — до 100 символов, без управляющих символов.
api-keys-create = Создать ключ
api-keys-new-title = Новый ключ
api-keys-shown-once = Скопируйте ключ сейчас: он больше не будет показан.
api-keys-empty = Ключей пока нет.
api-keys-prefix = Ключ
api-keys-created = Создан
api-keys-last-used = Последнее использование
api-keys-actions = Действия
# Variables: $when date and time of revocation.
api-keys-revoked-at = Отозван { $when }
api-keys-revoke = Отозвать
# Variables: $name what the key is for.
api-keys-revoke-confirm = Отозвать ключ «{ $name }»? Запросы с ним сразу перестанут приниматься.
api-keys-revoked = Ключ отозван.
api-keys-scopes = Права ключа
api-keys-scopes-hint = Отметьте только то, что нужно системе, которой выдаётся ключ. Запрос сверх прав получает ответ 403.
api-keys-scope-applications = Передавать новые заявки и читать их статус
api-keys-scope-documents = Досылать документы, запрошенные верификатором
api-keys-scope-events = Читать ленту событий и статус своих заявок
api-keys-scope-customers-read = Читать статус учётной записи клиента, его согласия и обязательства
api-keys-scope-customers-write = Записывать согласия клиента и его обязательства
api-keys-scope-mail-write = Передавать письма, пришедшие на адрес поддержки (почтовый шлюз)
api-keys-scope-tickets-write = Открывать обращения клиентов и передавать их сообщения
api-keys-scope-every = Все права, включая добавленные позже (ключ создан без выбора прав)
api-keys-scope-required = Отметьте хотя бы одно право.
api-keys-scope-unknown = Такого права нет.
api-keys-expires-on = Действует по (необязательно)
api-keys-expires-hint = Последний день работы ключа по времени Алматы. Пусто — бессрочно.
api-keys-expiry-past = Дата уже прошла: укажите сегодняшнюю или более позднюю.
api-keys-expires = Срок действия
api-keys-no-expiry = Бессрочно
# Variables: $date the last day the key works.
api-keys-until = до { $date } включительно
# Variables: $date the last day the key worked.
api-keys-expired-on = Истёк { $date }
