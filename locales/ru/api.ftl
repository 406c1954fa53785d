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
