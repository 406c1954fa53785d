# Background jobs: the administrators' page.

nav-jobs = Фоновые задания
nav-jobs-desc = Регулярные задачи и повторные проверки: что выполнено, что ждёт, что завершилось ошибкой
jobs-title = Фоновые задания
jobs-heading = Фоновые задания
jobs-intro = Портал выполняет эти задания сам, вне запросов сотрудников. Задание, завершившееся ошибкой, повторяется с паузой; когда попытки исчерпаны, оно ждёт решения администратора.
jobs-scheduled = Регулярные задачи
jobs-one-off = Разовые задания
jobs-states = Состояния заданий
jobs-kind = Задание
jobs-every = Как часто
# Variables: $count (plural selector), $n (formatted)
jobs-every-minutes = { $count ->
    [1] каждую минуту
    [one] каждую { $n } минуту
    [few] каждые { $n } минуты
   *[other] каждые { $n } минут
}
# Variables: $count (plural selector), $n (formatted)
jobs-every-hours = { $count ->
    [1] каждый час
    [one] каждый { $n } час
    [few] каждые { $n } часа
   *[other] каждые { $n } часов
}
# Variables: $count (plural selector), $n (formatted)
jobs-every-days = { $count ->
    [1] каждый день
    [one] каждый { $n } день
    [few] каждые { $n } дня
   *[other] каждые { $n } дней
}
jobs-last-run = Последний запуск
jobs-next-run = Следующий запуск
jobs-last-error = Последняя ошибка
jobs-actions = Действия
jobs-number = №
jobs-attempts = Попытки
jobs-created = Создано
jobs-due-now = сейчас
# Variables: $count (plural selector), $n (formatted)
jobs-did = { $count ->
    [one] обработан { $n } объект
    [few] обработано { $n } объекта
   *[other] обработано { $n } объектов
}
jobs-empty = Заданий в этом состоянии нет.
jobs-run-now = Выполнить сейчас
jobs-retry = Повторить
jobs-cancel = Отменить
# Variables: $id
jobs-cancel-confirm = Отменить задание № { $id }? Оно не будет выполнено.
# Variables: $id
jobs-retried = Задание № { $id } поставлено в очередь.
# Variables: $id
jobs-cancelled = Задание № { $id } отменено.
# Variables: $id
jobs-changed-meanwhile = Задание № { $id } уже изменилось: его выполнил портал или изменил другой администратор. Показано текущее состояние.
jobs-state-queued = В очереди
jobs-state-running = Выполняется
jobs-state-failed = С ошибкой
jobs-state-done = Выполнены
jobs-state-cancelled = Отменены
jobs-kind-screening-rescreen = Повторная проверка заявок по новой версии списка
jobs-kind-support-auto-close = Закрытие решённых обращений
jobs-kind-support-deadlines = Предупреждения о сроках SLA и выделение запросов по закону руководителю
jobs-kind-review-documents-expiry = Истечение запросов документов
jobs-kind-sessions-cleanup = Удаление истёкших сессий
jobs-kind-sign-in-refusal-windows = Сброс счётчиков неудачных входов
jobs-kind-customers-retention = Удаление данных по истечении срока хранения
jobs-kind-jobs-prune = Удаление старых завершённых заданий
audit-action-job-retried = Задание поставлено в очередь повторно
audit-action-job-cancelled = Задание отменено
audit-key-job = Задание
audit-key-job-state = Состояние задания до действия
