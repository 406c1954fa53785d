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
