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
login-signed-out = Вы вышли из портала.
## Sign-in locks
locks-title = Блокировки входа
locks-heading = Блокировки входа
locks-intro = После нескольких неверных паролей подряд вход по логину блокируется на время. Снимайте блокировку, только когда убедились, что пытался войти сам сотрудник.
locks-none = Сейчас вход никому не заблокирован.
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
