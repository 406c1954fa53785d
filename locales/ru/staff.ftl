# Staff administration.

staff-title = Сотрудники
staff-heading = Сотрудники
staff-new = Добавить сотрудника
# Variables: $count number of active accounts (plural selector), $n the same, formatted.
staff-active-count = { $count ->
    [one] { $n } активная учётная запись
    [few] { $n } активные учётные записи
   *[other] { $n } активных учётных записей
}
staff-full-name = ФИО
staff-login = Логин
staff-roles = Роли
staff-status = Статус
staff-last-sign-in = Последний вход
staff-created = Создан
staff-active = Активен
staff-inactive = Отключён
staff-must-change = Нужно сменить пароль
staff-back = К списку сотрудников
staff-new-title = Новый сотрудник
staff-new-heading = Новый сотрудник
staff-login-hint = От 3 до 32 символов: латинские буквы, цифры, точка, дефис, подчёркивание; начинается с буквы.
staff-language = Язык интерфейса
staff-language-browser = Как в браузере
staff-new-password-note = Портал создаст временный пароль и покажет его один раз. При первом входе сотрудник сменит его.
staff-create = Создать учётную запись
staff-created-title = Учётная запись создана
# Variables: $name the new person's full name.
staff-created-text = { $name }: учётная запись создана. Передайте временный пароль сотруднику защищённым способом.
staff-reset-title = Пароль сброшен
# Variables: $name the person's full name.
staff-reset-text = { $name }: пароль сброшен, все сеансы сотрудника завершены. При следующем входе потребуется сменить пароль.
staff-temporary-password = Временный пароль
staff-password-once = Пароль показан один раз и нигде не хранится в открытом виде.
staff-show-title = Сотрудник
staff-deactivate = Отключить учётную запись
# Variables: $name the person's full name.
staff-deactivate-confirm = Отключить учётную запись? Сотрудник { $name } сразу потеряет доступ.
staff-reactivate = Включить учётную запись
staff-reset-password = Сбросить пароль
staff-history = История изменений в журнале аудита
staff-save-roles = Сохранить роли
# Variables: $name the person's full name.
staff-roles-saved = { $name }: роли сохранены.
# Variables: $name the person's full name.
staff-deactivated = { $name }: учётная запись отключена, её сеансы завершены.
# Variables: $name the person's full name.
staff-reactivated = { $name }: учётная запись снова активна.
staff-cannot-deactivate-self = Нельзя отключить собственную учётную запись.
staff-cannot-drop-own-admin = Нельзя снять с себя роль администратора.
staff-cannot-grant-self = Роль, которая принимает решения (верификатор, комплаенс-офицер), себе выдать нельзя: её выдаёт другой администратор.
staff-roles-incompatible = Верификатор и старший комплаенс-офицер — это две стороны «четырёх глаз»: одному сотруднику обе роли не выдаются.
staff-login-length = Логин должен содержать от 3 до 32 символов.
staff-login-chars = Логин начинается с латинской буквы и содержит только латинские буквы, цифры, точку, дефис и подчёркивание.
staff-login-taken = Этот логин уже занят.
staff-name-length = ФИО должно содержать от 2 до 120 символов.
staff-name-chars = ФИО содержит недопустимые символы.
staff-role-required = Выберите хотя бы одну роль.
staff-role-unknown = Выбрана неизвестная роль.

access-list-title = Список доступа к ПД
access-list-heading = Кто имеет и имел доступ к персональным данным
access-list-intro = Каждый период каждой роли, дающей доступ к персональным данным клиентов (закон № 94-V): с какого и до какого времени. Роли с таким доступом:
access-list-csv = Скачать CSV
access-list-empty = Никто пока не получал доступ к персональным данным.
access-list-name = ФИО
access-list-login = Логин
access-list-role = Роль
access-list-since = С
access-list-until = По
access-list-now = по сей день
access-list-account-active = Учётная запись активна
access-list-yes = да
access-list-no = нет
