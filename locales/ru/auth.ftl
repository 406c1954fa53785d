# Sign-in and sign-out.

login-title = Вход
login-heading = Вход для сотрудников
login-intro = Портал предназначен только для сотрудников МФО «Взаймы». Все действия записываются в журнал аудита.
login-login = Логин
login-password = Пароль
login-submit = Войти
login-failed = Неверный логин или пароль.
login-deactivated = Учётная запись отключена. Обратитесь к администратору.
# Variables: $count minutes until the next attempt (plural selector), $n the same, formatted.
login-locked = { $count ->
    [one] Слишком много неудачных попыток входа. Повторите через { $n } минуту.
    [few] Слишком много неудачных попыток входа. Повторите через { $n } минуты.
   *[other] Слишком много неудачных попыток входа. Повторите через { $n } минут.
}
# Variables: $count seconds until the next attempt (plural selector), $n the same, formatted.
login-wait-seconds = { $count ->
    [one] Неверный пароль введён несколько раз подряд. Повторите через { $n } секунду.
    [few] Неверный пароль введён несколько раз подряд. Повторите через { $n } секунды.
   *[other] Неверный пароль введён несколько раз подряд. Повторите через { $n } секунд.
}
login-signed-out = Вы вышли из портала.
## Sign-in locks
locks-title = Блокировки входа
locks-heading = Блокировки входа
locks-intro = После пяти неверных паролей с незнакомых IP-адресов вход по логину закрывается на время для всех адресов, кроме тех, с которых сотрудник обычно входит. IP-адрес, с которого пришло двадцать неверных паролей, закрывается для всех, кто с него обычно не входит. Снимайте блокировку, только когда убедились, что пытался войти сам сотрудник.
locks-none = Сейчас вход никому не заблокирован.
locks-logins = Логины
locks-addresses = IP-адреса
locks-addresses-none = Сейчас ни один IP-адрес не заблокирован.
locks-address = IP-адрес
locks-failures = Неудачных попыток
locks-login = Логин
locks-person = Сотрудник
locks-left = Состояние
locks-locked = Заблокирован
# Variables: $count (plural selector), $n (formatted)
locks-minutes = { $count ->
    [one] ещё { $n } минута
    [few] ещё { $n } минуты
   *[other] ещё { $n } минут
}
locks-no-account = такой учётной записи нет
locks-unlock = Снять блокировку
# Variables: $login
locks-unlocked = Блокировка входа для «{ $login }» снята.
# Variables: $ip
locks-address-unlocked = Блокировка IP-адреса { $ip } снята.
## Second step of sign-in
code-title = Код подтверждения
code-heading = Подтвердите вход
code-intro = Введите шестизначный код из приложения-аутентификатора.
code-label = Код из приложения
code-use-recovery = Нет доступа к приложению? Введите резервный код
code-recovery-label = Резервный код
code-submit = Подтвердить
code-required = Введите код.
code-wrong = Код неверный или уже использован. Введите новый код из приложения.
code-recovery-wrong = Резервный код неверный или уже использован.
code-expired = Время на ввод кода истекло. Войдите снова.
## Second factor on the account page
twofa-title = Двухфакторная аутентификация
twofa-heading = Двухфакторная аутентификация
twofa-intro = После пароля портал спрашивает второй фактор: ключ доступа (passkey) или код из приложения-аутентификатора на телефоне (Google Authenticator, Microsoft Authenticator, FreeOTP и другие). Украденного пароля тогда недостаточно для входа.
twofa-app = Приложение-аутентификатор
twofa-on = Подключено
twofa-off = Не подключено
twofa-start = Подключить приложение
twofa-step-scan = Отсканируйте QR-код приложением или введите ключ вручную.
twofa-step-confirm = Введите код, который покажет приложение: так мы убедимся, что всё настроено.
twofa-qr-caption = QR-код для приложения-аутентификатора
twofa-secret-label = Ключ для ввода вручную:
twofa-confirm = Подтвердить и включить
twofa-no-setup = Подключение не начато или уже завершено. Начните его заново.
twofa-required = Ваша роль требует второго фактора. Добавьте ключ доступа или подключите приложение-аутентификатор, чтобы продолжить работу в портале.
twofa-continue = Перейти к работе
twofa-new-codes = Получить новые резервные коды
twofa-remove = Отключить приложение
twofa-remove-hint = Если роль требует второго фактора и другого способа у вас нет, после отключения портал сразу попросит подключить новый.
twofa-removed = Приложение-аутентификатор отключено. Если других способов не осталось, резервные коды тоже больше не действуют.
twofa-already = Приложение уже подключено.
twofa-codes-heading = Резервные коды
twofa-codes-once = Сохраните эти коды в надёжном месте: они показываются только сейчас. Каждый код можно использовать один раз, если телефона нет под рукой.
# Variables: $count (plural selector), $n (formatted)
twofa-codes-left = { $count ->
    [one] Остался { $n } неиспользованный резервный код.
    [few] Осталось { $n } неиспользованных резервных кода.
   *[other] Осталось { $n } неиспользованных резервных кодов.
}
## Second factors: the administrators' page
twofa-admin-title = Второй фактор сотрудников
twofa-admin-heading = Второй фактор сотрудников
twofa-admin-roles = Кому второй фактор обязателен
twofa-admin-roles-intro = Сотрудник с отмеченной ролью, у которого второго фактора нет, сразу после пароля попадает на его подключение и до этого не может ничего другого. Изменение действует со следующего входа.
twofa-admin-roles-legend = Роли
twofa-admin-roles-save = Сохранить
twofa-admin-roles-saved = Роли, которым нужен второй фактор, сохранены.
twofa-admin-reset = Сброс второго фактора
twofa-admin-reset-intro = Если сотрудник потерял телефон и резервные коды. Сброс подтверждает другой администратор; после этого все сеансы сотрудника завершаются, и при следующем входе он подключает второй фактор заново.
twofa-admin-person = Сотрудник
twofa-admin-choose = Выберите сотрудника
twofa-admin-choose-person = Выберите сотрудника, у которого подключён второй фактор.
twofa-admin-reason = Причина
twofa-admin-reason-long = Причина длиннее 500 символов. Сократите её.
twofa-admin-ask = Запросить сброс
twofa-admin-asked = Сброс второго фактора для { $name } запрошен. Его должен подтвердить другой администратор.
twofa-admin-already-asked = Для этого сотрудника сброс уже запрошен и ждёт подтверждения.
twofa-admin-requests = Запросы на сброс
twofa-admin-no-requests = Запросов на сброс нет.
twofa-admin-asked-by = Запросил(а)
twofa-admin-other-admin = Подтвердить может только другой администратор.
twofa-admin-confirm = Подтвердить сброс
twofa-admin-cancel = Отменить запрос
twofa-admin-four-eyes = Сброс подтверждает другой администратор: не тот, кто его запросил, и не сам сотрудник. Ничего не изменено.
twofa-admin-not-open = Этот запрос уже рассмотрен. Ничего не изменено.
twofa-admin-reset-done = Второй фактор сброшен, сеансы сотрудника завершены.
twofa-admin-reset-cancelled = Запрос на сброс отменён.
twofa-admin-people = Сотрудники
twofa-admin-required = Обязателен по роли
twofa-admin-yes = Да
twofa-admin-no = Нет
## Step-up before a sensitive action
stepup-title = Подтвердите, что это вы
stepup-heading = Подтвердите, что это вы
# Variables: $count (plural selector), $n (formatted)
stepup-intro = { $count ->
    [one] Это действие требует подтверждения. После него { $n } минуту такие действия не будут его спрашивать.
    [few] Это действие требует подтверждения. После него { $n } минуты такие действия не будут его спрашивать.
   *[other] Это действие требует подтверждения. После него { $n } минут такие действия не будут его спрашивать.
}
stepup-recovery = Нет телефона под рукой? Введите резервный код
stepup-confirm = Подтвердить
stepup-password-wrong = Неверный пароль.
stepup-done = Подтверждено. Форма сохранена так, как вы её заполнили: отправьте её.
stepup-send = Отправить форму
## The step a sign-in lock holds
locks-step-password = (пароль)
locks-step-code = (код второго фактора)
locks-step-up = (подтверждение действия)

# Passkeys (WebAuthn)
passkey-heading = Ключи доступа (passkeys)
passkey-intro = Рекомендуемый способ. Ключ доступа хранится на вашем компьютере, телефоне или электронном ключе и подтверждается отпечатком пальца, лицом или PIN-кодом. Поддельный сайт не сможет его выманить: браузер отдаёт ответ ключа только настоящему адресу портала.
passkey-none = Ключей доступа нет
passkey-added-at = Добавлен
passkey-last-used = последнее использование:
passkey-never-used = ещё не использовался
passkey-remove = Удалить
passkey-remove-named = Удалить ключ доступа «{ $name }»
passkey-name-label = Название ключа
passkey-name-hint = Чтобы отличать ключи друг от друга, например «Рабочий ноутбук» или «Телефон».
passkey-add = Добавить ключ доступа
passkey-needs-script = Для ключей доступа в браузере должен быть включён JavaScript.
passkey-where = Ключи доступа работают, когда портал открыт по адресу { $url }.
passkey-name-required = Введите название ключа.
passkey-name-long = Название должно быть не длиннее 60 символов и без служебных знаков.
passkey-name-taken = Ключ с таким названием уже есть. Выберите другое название: созданный ключ сохранится под ним.
passkey-no-answer = Ключ не создан: браузер не передал ответ. Нажмите «Добавить ключ доступа» и подтвердите ключ на устройстве.
passkey-known = Этот ключ уже добавлен.
passkey-refused = Ключ не принят: ответ устарел или не подходит. Попробуйте ещё раз.
passkey-added = Ключ доступа «{ $name }» добавлен.
passkey-removed = Ключ доступа «{ $name }» удалён.
passkey-not-found = Такого ключа нет. Ничего не изменено.
passkey-use = Подтвердить ключом доступа
passkey-or = или
passkey-cancelled = Действие с ключом отменено или время истекло. Попробуйте ещё раз.
passkey-unsupported = Этот браузер не поддерживает ключи доступа.
passkey-failed = Не удалось обратиться к ключу. Обновите страницу и попробуйте ещё раз.
passkey-address = Ключи доступа работают только по доменному адресу портала. Откройте портал по его адресу, а не по IP.
passkey-wrong = Ключ доступа не принят. Попробуйте ещё раз.
code-intro-passkey = Подтвердите вход вторым фактором: ключом доступа, кодом из приложения или резервным кодом.
twofa-codes-hint = Новые коды заменяют старые.
passkey-rename = Переименовать
passkey-new-name = Новое название
passkey-rename-save = Сохранить название
passkey-renamed = Ключ доступа теперь называется «{ $name }».
passkey-name-taken-other = Другой ваш ключ уже называется так. Выберите другое название.
