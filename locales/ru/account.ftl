# A person's own profile: language and password.

account-title = Мой профиль
account-heading = Мой профиль
account-must-change = Перед началом работы смените временный пароль.
account-profile = Данные
account-language = Язык
account-language-label = Язык интерфейса
account-language-save = Сохранить язык
account-language-saved = Язык интерфейса сохранён.
account-password = Смена пароля
account-current-password = Текущий пароль
account-new-password = Новый пароль
account-password-hint = Не короче 10 символов. Удобно использовать фразу из нескольких слов.
account-confirm-password = Новый пароль ещё раз
account-password-save = Сменить пароль
account-current-wrong = Текущий пароль введён неверно.
account-new-same = Новый пароль должен отличаться от текущего.
account-confirm-mismatch = Пароли не совпадают.
account-password-changed = Пароль изменён. Другие сеансы этой учётной записи завершены.
## Active sessions
sessions-heading = Активные сеансы
sessions-intro = Где вы сейчас вошли в портал. Если какой-то сеанс вам незнаком, завершите его и смените пароль.
sessions-this = Этот сеанс
sessions-address = Адрес
sessions-started = Вход
sessions-seen = Последнее действие
sessions-browser = Браузер
sessions-person = Сотрудник
sessions-end = Завершить
sessions-end-this = Выйти из этого сеанса
sessions-end-others = Завершить все остальные сеансы
sessions-ended = Сеанс завершён.
# Variables: $count (plural selector), $n (formatted)
sessions-others-ended = { $count ->
    [0] Других сеансов не было.
    [one] Завершён { $n } сеанс.
    [few] Завершено { $n } сеанса.
   *[many] Завершено { $n } сеансов.
}
sessions-not-found = Сеанс не найден: он уже завершён или не принадлежит вам. Ничего не изменено.
sessions-none = Активных сеансов нет.
sessions-admin-title = Активные сеансы сотрудников
sessions-admin-heading = Активные сеансы сотрудников
sessions-admin-intro = Все сеансы, в которых сейчас выполнен вход. Завершённый сеанс закрывается при следующем действии в браузере.
