# PEP and beneficial-owner verification: screening lists, hits, declarations, four eyes.

nav-compliance = Комплаенс
nav-compliance-desc = ПДЛ и бенефициарные собственники: совпадения со списками, проверка деклараций, второе одобрение
nav-lists = Списки проверки
nav-lists-desc = Загрузка списков ПДЛ и санкций, версии, повторная проверка заявок

compliance-queue-title = Очередь комплаенса
compliance-queue-heading = Комплаенс: ПДЛ и бенефициарные собственники
compliance-tab-review = Ждут проверки
compliance-tab-senior = Ждут второго одобрения
compliance-queue-empty = Здесь сейчас ничего нет.
compliance-open-hits = { $count ->
    [one] { $n } совпадение
    [few] { $n } совпадения
   *[many] { $n } совпадений
}
compliance-pep-confirmed = Статус ПДЛ подтверждён
compliance-title = Комплаенс-проверка заявки
compliance-applicant = Заявитель
compliance-open-review = Страница проверки заявки
compliance-declarations = Декларации заявителя
compliance-declared-pep = Указал(а), что является ПДЛ
compliance-declared-bo = Указал(а), что является бенефициарным собственником
compliance-declared-none = Заявитель не указал, что является ПДЛ или бенефициарным собственником.
compliance-details = Пояснение заявителя
compliance-check-heading = Проверить декларацию
compliance-kind = Что проверяется
compliance-kind-pep = Статус ПДЛ
compliance-kind-bo = Статус бенефициарного собственника
compliance-fields-pep = Сведения о ПДЛ
compliance-fields-bo = Сведения о бенефициарном собственнике
compliance-outcome = Итог
compliance-outcome-verified = Подтверждено
compliance-outcome-refuted = Опровергнуто
compliance-position = Должность
compliance-country = Страна
compliance-relation = Связь с ПДЛ
compliance-relation-hint = «сам(а)», супруг(а), родственник, близкий партнёр…
compliance-owner-of = Организация, которой владеет заявитель
compliance-share = Доля, %
compliance-notes = Доказательства и заметки
compliance-notes-hint = Откуда это известно: документ, реестр, источник.
compliance-save-check = Сохранить проверку
compliance-checks = Проверки деклараций
compliance-hits = Совпадения со списками
compliance-no-hits = Совпадений со списками нет.
compliance-hit-score = Сходство { $percent } %
compliance-hit-list = Список «{ $list }», версия { $version }, запись { $id }
compliance-hit-born = Дата рождения по списку
compliance-hit-countries = Страны
compliance-hit-aliases = Другие написания
compliance-hit-position = Должность или санкции
compliance-hit-status-open = Ждёт решения
compliance-hit-status-confirmed = Подтверждено: это тот же человек
compliance-hit-status-dismissed = Отклонено: другой человек
compliance-hit-status-withdrawn = Снято: запись в списке изменилась или удалена
compliance-hit-decided = { $name }, { $date }: { $comment }
compliance-why = Почему совпало
compliance-part-same = «{ $applicant }» = «{ $entry }»: написано одинаково
compliance-part-transliterated = «{ $applicant }» = «{ $entry }»: то же имя, записанное другим алфавитом (транслитерация)
compliance-part-initial = «{ $applicant }» ≈ «{ $entry }»: в списке только инициал
compliance-part-similar = «{ $applicant }» ≈ «{ $entry }»: близкое написание ({ $percent } %)
compliance-part-family = «{ $applicant }» = «{ $entry }»: то же имя в другой традиции написания (как Мұхаммед и Magomed)
compliance-part-missing = «{ $applicant }»: в записи списка нет
compliance-part-gender = мужская и женская форма фамилии
compliance-unmatched = В записи списка есть слова, которых нет у заявителя: { $words }
compliance-date-same = Дата рождения совпадает.
compliance-date-same-year = Совпадает год рождения (в списке только год).
compliance-date-placeholder = В списке 1 января того же года: так пишут, когда день неизвестен, — слабое свидетельство.
compliance-date-swapped = День и месяц рождения те же, но переставлены местами, — слабое свидетельство.
compliance-mononym = В записи списка одно слово (имя или только фамилия): это совпадение, только если дата рождения та же.
compliance-capped = Достигнут предел сравнения (кандидатов, слов или вариантов имени): могут быть и другие совпадения, проверьте запись вручную.
compliance-date-differs = Дата рождения не совпадает — это снижает оценку.
compliance-date-unknown = В списке нет даты рождения.
compliance-country-same = Гражданство заявителя есть среди стран записи.
compliance-country-differs = Гражданства заявителя нет среди стран записи — это снижает оценку.
compliance-comment = Комментарий
compliance-comment-required = Напишите, почему вы так решили.
compliance-confirm = Подтвердить: тот же человек
compliance-dismiss = Отклонить: другой человек
compliance-four-eyes = Два ключа: одобрение ПДЛ
compliance-four-eyes-text = Заявку подтверждённого ПДЛ можно одобрить только после одобрения старшего комплаенс-офицера — не того, кто подтвердил статус.
compliance-first = Статус ПДЛ подтвердил(а): { $name }, { $date }
compliance-senior = Второе одобрение: { $name }, { $date }
compliance-senior-waiting = Второго одобрения пока нет.
compliance-senior-approve = Одобрить как старший комплаенс-офицер
compliance-senior-self = Вы подтвердили статус ПДЛ сами; второе одобрение должен дать другой старший комплаенс-офицер.
compliance-waiting-review = Одобрение ждёт комплаенса: есть непроверенные совпадения со списками или декларации ПДЛ или бенефициарного собственника.
compliance-waiting-senior = Одобрение ждёт второго ключа: заявитель — подтверждённое ПДЛ, нужно одобрение старшего комплаенс-офицера.
compliance-done-hit-confirmed = Совпадение подтверждено.
compliance-done-hit-dismissed = Совпадение отклонено.
compliance-done-check = Проверка декларации сохранена.
compliance-done-senior = Второе одобрение записано.
compliance-stale = Это уже решено кем-то другим. Обновите страницу.
compliance-same-person = Второе одобрение должен дать другой сотрудник, не тот, кто подтвердил статус ПДЛ.
compliance-not-pep = Одобрять нечего: статус ПДЛ не подтверждён.
compliance-required = Заполните это поле.
compliance-bad-share = Доля — число от 0 до 100.
compliance-bad-choice = Выберите один из вариантов.
compliance-too-long = Слишком длинный текст: не больше 2000 символов.
compliance-status = Комплаенс
compliance-state-review = ждёт проверки
compliance-state-senior = ждёт второго одобрения
compliance-state-clear = вопросов нет

lists-title = Списки проверки
lists-heading = Списки ПДЛ и санкций
lists-upload = Загрузить список
lists-name = Название списка
lists-name-hint = Новая загрузка под тем же названием — новая версия списка.
lists-file = Файл CSV
lists-file-hint = Формат OpenSanctions targets.simple.csv или простой CSV: name, aliases, birth_date, country, position, list. UTF-8 или Windows-1251.
lists-submit = Загрузить
lists-versions = Версии
lists-none = Списков пока нет.
lists-col-list = Список
lists-col-version = Версия
lists-col-file = Файл
lists-col-by = Кто
lists-col-when = Когда
lists-col-entries = Записей
lists-col-changes = Изменения
lists-col-screening = Повторная проверка
lists-skipped = пропущено строк: { $n }
lists-cli = командная строка
lists-screen-pending = ждёт
lists-screen-running = идёт: { $percent } %
lists-screen-done = готово, новых совпадений: { $hits }
lists-report-title = Итог загрузки
lists-report = Список «{ $list }», версия { $version } ({ $format }, { $encoding }): записей { $entries }; добавлено { $added }, изменено { $changed }, удалено { $removed }, без изменений { $unchanged }.
lists-report-rows = Прочитано строк: { $rows }; не физические лица (организации, морские суда): { $others }; пропущено с ошибками: { $skipped }.
lists-report-errors = Пропущенные строки
# Variables: $count (plural selector), $n (formatted)
lists-report-more = { $count ->
    [one] и ещё { $n } строка с ошибкой.
    [few] и ещё { $n } строки с ошибками.
   *[other] и ещё { $n } строк с ошибками.
}
lists-report-screening = Заявки проверяются заново по изменившимся записям; ход проверки виден в таблице версий.
lists-file-required = Выберите файл.
lists-name-required = Укажите название списка (до 100 символов).
lists-refused = Файл не загружен, ничего не изменилось.
lists-no-entries = В файле нет ни одной записи о человеке.
list-error-io = Не удалось прочитать файл: { $error }
list-error-utf16 = Файл в кодировке UTF-16. Сохраните его в UTF-8.
list-error-encoding = Кодировка файла не распознана: нужен UTF-8 или Windows-1251.
list-error-empty = Файл пустой.
list-error-header = Это не список проверки: первая строка должна быть заголовком OpenSanctions (id, schema, name, aliases, birth_date, countries…) или простого CSV (name, aliases, birth_date, country, position, list). Найдено: { $found }
list-error-csv = Строка { $line }: CSV повреждён, не удалось прочитать файл дальше.
list-error-runaway = Строка { $line }: кавычка открыта и не закрыта — поле тянется больше чем на 64 КБ.
list-row-not-utf8 = строка не в UTF-8
list-row-fields = ожидалось полей: { $expected }, найдено: { $found }
list-row-empty-name = пустое имя
list-row-empty-id = пустой id
list-row-duplicate-id = id «{ $id }» уже был в строке { $first }
list-row-duplicate-person = тот же человек (имя и дата рождения) уже был в строке { $first }
list-row-birth-date = дата рождения «{ $value }» не похожа на дату (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД)
list-row-line = Строка { $line }: { $problem }
list-encoding-utf-8 = UTF-8
list-encoding-windows-1251 = Windows-1251
list-format-plain = простой CSV
list-format-opensanctions = OpenSanctions
cli-import-progress = Сохранено записей:
cli-rescreen-progress = Повторная проверка заявок:
cli-rescreen-done = Повторная проверка закончена, новых совпадений: { $hits }
## Casework: who holds a case, returns, reopened hits, the evidence of a hit
compliance-back-to-review = К заявке
compliance-read-only = Вы видите эту страницу только для чтения: решения по совпадениям и декларациям принимают комплаенс-офицеры.
compliance-not-held-by-anyone = Дело никто не взял в работу
compliance-claim = Взять дело в работу
compliance-release = Вернуть дело в очередь
# Variables: $at (date and time)
compliance-held-by-you = Дело у вас в работе до { $at }
# Variables: $name
compliance-held-by = Дело в работе у сотрудника: { $name }
# Variables: $name
compliance-held = Дело сейчас в работе у другого сотрудника ({ $name }). Решение не записано; дождитесь, пока дело освободится, или договоритесь с коллегой.
compliance-not-held = Это дело не у вас в работе.
compliance-done-claimed = Дело у вас в работе.
compliance-done-released = Дело возвращено в очередь.
compliance-best-score = Лучшее совпадение
compliance-filter-score = Сходство от, %
compliance-filter-score-hint = Только дела с открытым совпадением не ниже этого сходства
compliance-filter-list = Список
compliance-filter-declared-none = Ничего не указал(а)
compliance-filter-days = Ждёт не меньше, дней
compliance-filter-bad-number = Введите целое число в допустимых пределах.
# Variables: $percent
compliance-hit-name-score = Сходство имени { $percent } %
compliance-evidence-strong = Подтверждение: сильное
compliance-evidence-medium = Подтверждение: среднее
compliance-evidence-weak = Подтверждение: слабое
compliance-evidence-against = Данные противоречат
compliance-evidence-name-only = В записи списка нет ни даты рождения, ни отчества: совпадает только имя.
compliance-evidence-patronymic-only = В записи нет даты рождения; совпадают имя и отчество.
compliance-evidence-date = Совпадает дата рождения.
compliance-evidence-year = Совпадает только год рождения.
compliance-evidence-date-weak = Дата рождения совпадает лишь отчасти (1 января или переставлены день и месяц).
compliance-evidence-date-differs = Дата рождения в записи другая.
# Variables: $name (the list entry)
compliance-confirm-hit = Подтвердить, что заявитель — это «{ $name }» из списка? Комментарий:
# Variables: $name (the list entry)
compliance-confirm-dismiss = Отклонить совпадение с «{ $name }» как другого человека? Комментарий:
compliance-confirm-yes = Да, подтвердить совпадение
compliance-dismiss-yes = Да, это другой человек
compliance-confirm-cancel = Отменить
# Variables: $name (the applicant)
compliance-confirm-senior = Дать второе одобрение по заявке ПДЛ ({ $name })? Комментарий:
compliance-senior-approve-yes = Да, одобрить
compliance-senior-comment = Комментарий к одобрению
compliance-senior-comment-hint = Обязателен: что проверено (источник средств, углублённая проверка) и почему заявку можно одобрить.
compliance-reason-required = Укажите причину.
compliance-reopen = Открыть совпадение заново
compliance-reopen-reason = Причина
compliance-done-reopened = Совпадение снова открыто; причина записана в журнал аудита.
compliance-return = Вернуть первому офицеру
compliance-return-reason = Что нужно доработать
compliance-done-returned = Дело возвращено первому офицеру.
# Variables: $name (the senior officer)
compliance-returned = Старший комплаенс-офицер { $name } вернул(а) дело на доработку:
compliance-resend-answer = Ответ старшему комплаенс-офицеру
compliance-resend = Отправить на второе одобрение снова
compliance-done-resent = Дело снова ждёт второго одобрения.
