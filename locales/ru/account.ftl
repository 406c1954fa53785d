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
