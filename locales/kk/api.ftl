# API keys of the app's backend.

api-keys-title = API кілттері
api-keys-heading = API кілттері
api-keys-intro = Мобильді қосымшаның бэкенді порталға өтінімдерді жіберетін кілттер. Кілт бір рет көрсетіледі; порталда оның тек хеші сақталады.
api-keys-name = Мақсаты
api-keys-name-invalid = Мақсаты — 100 таңбаға дейін, басқару таңбаларынсыз.
api-keys-create = Кілт жасау
api-keys-new-title = Жаңа кілт
api-keys-shown-once = Кілтті қазір көшіріп алыңыз: ол қайта көрсетілмейді.
api-keys-empty = Әзірге кілттер жоқ.
api-keys-prefix = Кілт
api-keys-created = Жасалған күні
api-keys-last-used = Соңғы қолданылуы
api-keys-actions = Әрекеттер
# Variables: $when date and time of revocation.
api-keys-revoked-at = { $when } кері қайтарып алынды
api-keys-revoke = Кері қайтарып алу
# Variables: $name what the key is for.
api-keys-revoke-confirm = «{ $name }» кілтін кері қайтарып алу керек пе? Осы кілтпен жіберілетін сұраныстар бірден қабылданбай қалады.
api-keys-revoked = Кілт кері қайтарып алынды.
