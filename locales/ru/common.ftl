# Shared by every page: the layout, navigation, roles, formats and error pages.

app-name = Kreditomat · портал сотрудников
layout-skip-to-content = Перейти к содержанию
layout-language = Язык интерфейса
# The language's own name, shown in the language switcher.
lang-self = Русский

nav-label = Основное меню
nav-home = Главная
nav-staff = Сотрудники
nav-api-keys = API-ключи
nav-api-keys-desc = Ключи бэкенда мобильного приложения: создание и отзыв
nav-audit = Журнал аудита
nav-account = Мой профиль
nav-sign-out = Выйти
nav-home-desc = Обзор вашей работы
nav-staff-desc = Учётные записи, роли, отключение и сброс паролей
nav-audit-desc = Кто, когда и что изменил или просмотрел
nav-account-desc = Язык интерфейса и смена пароля
nav-review = Проверка заявок
nav-review-desc = Очередь KYC: фото, проверки ИИН, признаки мошенничества, решения
nav-reasons = Причины
nav-reasons-desc = Причины отказа и действий с учётной записью, с текстами для клиента на двух языках
nav-access-log = Доступ к ПД
nav-access-log-desc = Кто и когда открывал персональные данные клиентов
nav-locks = Блокировки входа
nav-locks-desc = Учётные записи, вход в которые заблокирован после неверных паролей, и снятие блокировки

role-verifier = Верификатор
role-compliance = Комплаенс-офицер
role-senior-compliance = Старший комплаенс-офицер
role-support = Агент поддержки
role-security = Офицер безопасности
role-manager = Руководитель
role-admin = Администратор

field-required = Заполните это поле.
field-invalid-choice = Выберите значение из списка.
field-date-invalid = Введите дату в формате ГГГГ-ММ-ДД.
password-too-short = Пароль должен быть не короче 10 символов.
password-too-long = Пароль должен быть не длиннее 128 символов.
password-too-weak = Пароль слишком простой: не начинайте и не заканчивайте его пробелом и не повторяйте один символ.

# Date formats (CLDR ru). Variables: $dd, $mm two-digit day and month; $yyyy, $yy year.
fmt-date-short = { $dd }.{ $mm }.{ $yyyy }
# Variables: $date formatted date, $time HH:MM in Almaty time.
fmt-datetime = { $date } { $time }
# Variables: $day day of month, $month month name (genitive), $year.
fmt-date-long = { $day } { $month } { $year } г.
# Variables: $n (formatted), $count (for the plural form)
fmt-waited-minutes = { $n } мин
# Variables: $n, $count
fmt-waited-hours = { $n } ч
# Variables: $n, $count
fmt-waited-days = { $count ->
    [one] { $n } день
    [few] { $n } дня
   *[other] { $n } дней
}
month-gen-1 = января
month-gen-2 = февраля
month-gen-3 = марта
month-gen-4 = апреля
month-gen-5 = мая
month-gen-6 = июня
month-gen-7 = июля
month-gen-8 = августа
month-gen-9 = сентября
month-gen-10 = октября
month-gen-11 = ноября
month-gen-12 = декабря

# Variables: $code HTTP status code.
error-code = Ошибка { $code }
error-go-home = На главную
error-400-title = Некорректный запрос
error-400-text = Страница получила данные, которые не может обработать. Вернитесь назад и проверьте введённое.
error-403-title = Нет доступа
error-403-text = Эта страница недоступна для вашей роли. Если доступ нужен для работы, обратитесь к администратору.
error-403-admin-text = Эта страница для другой роли. Роли назначает другой администратор на странице «Сотрудники»: выдать себе роль, которая принимает решения, нельзя.

## Countries by ISO 3166 code (lower case), for citizenship and list entries
country-kz = Казахстан
country-ru = Россия
country-uz = Узбекистан
country-kg = Кыргызстан
country-tj = Таджикистан
country-tm = Туркменистан
country-cn = Китай
country-tr = Турция
country-by = Беларусь
country-ua = Украина
country-az = Азербайджан
country-am = Армения
country-ge = Грузия
country-mn = Монголия
country-us = США
country-gb = Великобритания
country-de = Германия
country-ae = ОАЭ
country-kr = Республика Корея
country-in = Индия
error-csrf-title = Форма устарела
error-csrf-text = Форма была открыта слишком давно или отправлена не из портала. Обновите страницу и отправьте форму снова.
error-404-title = Страница не найдена
error-404-text = Такой страницы нет. Проверьте адрес или перейдите на главную.
error-405-title = Действие недоступно
error-405-text = Эта страница не поддерживает такое действие.
error-413-title = Слишком большой объём данных
error-413-text = Отправленные данные превышают допустимый размер.
error-429-title = Слишком много запросов
error-429-text = Подождите немного и повторите попытку.
error-500-title = Внутренняя ошибка
error-500-text = Что-то пошло не так. Ошибка записана; попробуйте ещё раз, а если она повторится, сообщите администратору.
error-503-title = Сервис временно недоступен
error-503-text = Портал временно не может обработать запрос. Повторите попытку через несколько минут.
