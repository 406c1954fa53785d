# The audit trail.

audit-title = Журнал аудита
audit-heading = Журнал аудита
audit-actor = Кто
audit-action = Действие
audit-subject = Объект
audit-filter = Показать
audit-empty = Записей не найдено.
audit-time = Время (Алматы)
audit-details = Подробности
audit-address = IP-адрес
audit-actor-anonymous = не вошёл в систему
audit-older = Более ранние записи

audit-action-sign-in-succeeded = Вход в систему
audit-action-sign-in-failed = Неудачная попытка входа
audit-action-sign-in-throttled = Вход заблокирован после неудачных попыток
audit-action-sign-out = Выход из системы
audit-action-account-password-changed = Смена собственного пароля
audit-action-account-language-changed = Смена языка интерфейса
audit-action-staff-created = Создание учётной записи сотрудника
audit-action-staff-roles-changed = Изменение ролей сотрудника
audit-action-staff-deactivated = Отключение учётной записи
audit-action-staff-reactivated = Включение учётной записи
audit-action-staff-password-reset = Сброс пароля сотрудника

audit-any-action = Любое действие
audit-actor-hint = Логин сотрудника
audit-subject-hint = Например, staff:12 — сотрудник № 12

audit-key-login = Логин
audit-key-reason = Причина
audit-key-scope = Ограничение
audit-key-full-name = ФИО
audit-key-roles = Роли
audit-key-before = Было
audit-key-after = Стало
audit-key-language = Язык

audit-value-wrong-password = неверный пароль
audit-value-unknown-login = неизвестный логин
audit-value-deactivated = учётная запись отключена
audit-value-account = по учётной записи
audit-value-address = по IP-адресу
audit-action-api-key-created = Создание API-ключа
audit-action-api-key-revoked = Отзыв API-ключа
audit-action-application-received = Получение заявки через API
audit-action-application-documents-resubmitted = Повторная отправка документов
audit-action-application-refused = Отклонённый запрос API (ошибки в данных)
audit-key-name = Название
audit-key-prefix = Префикс ключа
audit-key-external-id = Номер заявки в приложении
audit-key-photos = Фотографии
audit-key-version = Версия
audit-key-errors = Ошибки
audit-action-photo-original-downloaded = Скачивание оригинала фотографии
audit-key-photo = Фотография
audit-key-kind = Вид
