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
api-keys-scopes = Кілттің құқықтары
api-keys-scopes-hint = Кілт берілетін жүйеге керегін ғана белгілеңіз. Құқықтан тыс сұранысқа 403 жауабы беріледі.
api-keys-scope-applications = Жаңа өтінімдерді жіберу және олардың мәртебесін оқу
api-keys-scope-documents = Верификатор сұраған құжаттарды қосымша жіберу
api-keys-scope-events = Оқиғалар легін және өз өтінімдерінің мәртебесін оқу
api-keys-scope-customers-read = Клиенттің есептік жазба мәртебесін, келісімдері мен міндеттемелерін оқу
api-keys-scope-customers-write = Клиенттің келісімдері мен міндеттемелерін жазу
api-keys-scope-mail-write = Қолдау мекенжайына келген хаттарды жіберу (пошта шлюзі)
api-keys-scope-tickets-write = Клиенттердің өтініштерін ашу және олардың хабарламаларын жіберу
api-keys-scope-every = Барлық құқықтар, кейін қосылатындарын қоса (кілт құқықтар таңдалмай жасалған)
api-keys-scope-required = Кемінде бір құқықты белгілеңіз.
api-keys-scope-unknown = Мұндай құқық жоқ.
api-keys-expires-on = Қолданылу мерзімі (міндетті емес)
api-keys-expires-hint = Кілт жұмыс істейтін соңғы күн, Алматы уақытымен. Бос болса — мерзімсіз.
api-keys-expiry-past = Бұл күн өтіп кетті: бүгінгі немесе кейінгі күнді көрсетіңіз.
api-keys-expires = Қолданылу мерзімі
api-keys-no-expiry = Мерзімсіз
# Variables: $date the last day the key works.
api-keys-until = { $date } қоса алғанда
# Variables: $date the last day the key worked.
api-keys-expired-on = Мерзімі { $date } өтті
