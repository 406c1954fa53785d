# KYC review: the queue, the review page, decisions, reason codes, the personal-data access log.

review-queue-title = Очередь заявок
review-queue-heading = Заявки на проверку
review-title = Проверка заявки
review-take-next = Взять следующую
review-queue-empty = Свободных заявок в очереди нет.
review-queue-empty-list = Заявок по этим условиям нет.
review-status = Статус
review-status-pending = На проверке
review-status-resubmission_requested = Запрошены документы
review-status-approved = Одобрено
review-status-rejected = Отказано
review-status-all = Все
review-search = Поиск
review-search-hint = ИИН, телефон, номер заявки в портале или в приложении, e-mail или ФИО в любом порядке и любым алфавитом
review-search-too-long = Слишком длинный запрос: не больше 100 символов.
review-search-bad-iin = В ИИН 12 цифр, и последняя из них не сходится с контрольной. Проверьте номер.
review-search-not-allowed = Вашей роли не положен поиск по полному ИИН, телефону или e-mail: найдите заявку по номеру или по ФИО.
review-search-bad-phone = Это не похоже на номер мобильного телефона Казахстана (+7 7XX XXX XX XX).
review-search-bad-number = Номер заявки — это целое число, например 1024 или #1024.
review-search-bad-email = Это не похоже на адрес e-mail: нужен вид имя@домен.kz.
review-search-mixed = В имени не бывает цифр. Ищите либо по ФИО, либо по номеру.
review-search-no-words = В запросе нет ни букв, ни цифр.
review-search-fix = Исправьте запрос: список появится, когда поиск будет понятен.
review-waited = Ждёт
review-sort = Порядок
review-sort-oldest = Сначала давние
review-sort-newest = Сначала новые
review-sort-amount = По сумме, сначала крупные
review-sort-risk = По риску, сначала рискованные
review-blocked-hit = Ждёт комплаенса: открытое совпадение со списком
review-blocked-declaration = Ждёт комплаенса: декларация ПДЛ или бенефициарного собственника не проверена
review-blocked-senior = Ждёт второго одобрения старшего комплаенс-офицера
review-blocked-underage = Заявителю нет 18 лет
review-blocked-doc-expired = Срок действия документа истёк
review-blocked-account = Учётная запись клиента заблокирована, закрыта или ограничена для новых заявок
review-from = Поступила с
review-to = Поступила по
review-bad-date = Введите дату в формате ГГГГ-ММ-ДД.
review-date-order = Дата «по» раньше даты «с».
review-bad-cursor = Ссылка на страницу повреждена. Начните с первой страницы.
review-declared = Декларации
review-any = Любые
review-declared-any = ПДЛ или бенефициарный собственник
review-declared-pep = ПДЛ
review-declared-bo = Бенефициарный собственник
review-assignee = Кто взял
review-assignee-me = Я
review-assignee-none = Никто
review-risk-only = Только с признаками риска
review-apply = Показать
review-reset = Сбросить
review-first-page = К первой странице
review-next-page = Дальше
review-received = Получена
review-applicant = Заявитель
review-iin = ИИН
review-phone = Телефон
review-amount = Сумма
review-flags = Отметки
review-holder = У кого
review-pep = ПДЛ
review-bo = БС
# Variables: $count number of risk signals (plural selector), $n the same, formatted.
review-signal-count = { $count ->
    [one] { $n } признак риска
    [few] { $n } признака риска
   *[other] { $n } признаков риска
}

# Variables: $id application number.
review-heading = Заявка № { $id }
review-back-to-queue = К очереди
# Variables: $at date and time.
review-received-at = Получена { $at }
# Variables: $version version number.
review-version = версия { $version }
review-external-id = номер в приложении
review-held-by-you = Заявка у вас в работе
# Variables: $name staff member's name.
review-held-by = Заявку проверяет { $name }
# Variables: $at date and time.
review-held-until = до { $at }
review-not-claimed = Заявку никто не взял в работу
review-claim = Взять в работу
review-release = Вернуть в очередь
# Variables: $id application number.
review-released = Заявка № { $id } возвращена в очередь.
review-claim-refused = Заявку уже взял другой сотрудник или по ней уже принято решение.
review-not-held = Эта заявка не у вас в работе (или время работы с ней истекло). Возьмите её в работу и примите решение снова.
review-claim-first = Чтобы принять решение, возьмите заявку в работу.
# Variables: $name staff member's name.
review-decided-by = Решение принял(а) { $name }
review-photos = Фотографии
review-doc-selfie = Селфи
review-doc-id_front = Документ, лицевая сторона
review-doc-id_back = Документ, оборотная сторона
review-rotate = Повернуть
review-megapixels = Мп
review-kb = КБ
review-sharpness = резкость
review-brightness = яркость
review-download-original = Скачать оригинал
review-photo-missing = нет фотографии
review-photos-hidden = Фотографии скрыты для вашей роли: их видят верификаторы, комплаенс-офицеры и сотрудники безопасности.
review-doc-portrait = Фото в документе
review-open-viewer = Открыть во весь экран
review-quality-sharp = чёткое
review-quality-blurry = размытое
review-quality-dark = тёмное
review-quality-bright = пересвеченное
review-quality-lit = освещение в норме
review-viewer = Просмотр фотографии
review-zoom-in = Увеличить
review-zoom-out = Уменьшить
review-brightness-control = Яркость
review-contrast-control = Контраст
review-viewer-reset = Как было
review-viewer-close = Закрыть
review-viewer-hint = Колесо мыши или «+» и «−» — масштаб, перетаскивание — сдвиг, R — поворот, Esc — закрыть.
# Variables: $count number of earlier photos (plural selector), $n the same, formatted.
review-older-photos = { $count ->
    [one] { $n } прежняя фотография
    [few] { $n } прежние фотографии
   *[other] { $n } прежних фотографий
}
review-checks = Проверки
review-level-error = Ошибка
review-level-warning = Предупреждение
review-level-ok = В порядке
review-check-iin-valid = Контрольная цифра ИИН верна.
review-check-iin-invalid = Контрольная цифра ИИН не сходится: такой ИИН не может быть выдан.
# Variables: $encoded birth date encoded in the IIN, $stated birth date in the application.
review-check-iin-birth-mismatch = Дата рождения в ИИН ({ $encoded }) не совпадает с указанной ({ $stated }). ИИН не меняется, поэтому проверьте дату по документу.
review-check-iin-sex-mismatch = Пол, закодированный в ИИН, не совпадает с указанным. Проверьте по документу.
# Variables: $count age in full years (plural selector), $n the same, formatted.
review-check-age = { $count ->
    [one] Возраст: { $n } год.
    [few] Возраст: { $n } года.
   *[other] Возраст: { $n } лет.
}
# Variables: $count age in full years (plural selector), $n the same, formatted.
review-check-underage = { $count ->
    [one] Заявителю { $n } год: займы выдаются с 18 лет (п. 11.1 политики).
    [few] Заявителю { $n } года: займы выдаются с 18 лет (п. 11.1 политики).
   *[other] Заявителю { $n } лет: займы выдаются с 18 лет (п. 11.1 политики).
}
# Variables: $date expiry date.
review-check-doc-expired = Срок действия документа истёк { $date }.
# Variables: $date expiry date.
review-check-doc-valid = Документ действует до { $date }.
review-signals = Признаки мошенничества
review-no-signals = Совпадений с другими заявками нет.
# Variables: $count number of other applications (plural selector), $n the same, formatted.
review-other-applications = { $count ->
    [one] { $n } другая заявка
    [few] { $n } другие заявки
   *[other] { $n } других заявок
}
# Variables: $count (plural selector), $n (formatted), $from (Kazakh ablative ending, unused here): how many are shown, when there are more.
review-other-applications-more = { $count ->
    [one] более { $n } другой заявки
   *[other] более { $n } других заявок
}
signal-same-iin = Тот же ИИН
signal-same-phone = Тот же телефон
signal-same-device = То же устройство
signal-same-ip = Тот же IP-адрес
signal-same-card = Та же карта
signal-same-contact-phone = Тот же телефон контактного лица
signal-similar-selfie = Похожее селфи
signal-similar-id-photo = Похожее фото документа
signal-underage = Младше 18 лет
signal-document-expired = Документ просрочен
signal-iin-mismatch = ИИН не сходится с анкетой
signal-identical-photo = Та же фотография (тот же файл)
signal-account-barred = Учётная запись заблокирована или ограничена
review-decision = Решение
review-approve = Одобрить
review-approve-blocked = Одобрить нельзя: есть ошибки в проверках выше.
review-reasons = Причины отказа
review-reject = Отказать
review-reason-required = Выберите хотя бы одну причину отказа.
review-reason-unknown = Такой причины отказа нет в списке. Обновите страницу и выберите снова.
review-resubmit-documents = Запросить заново
review-documents-required = Отметьте, какие фотографии клиент должен прислать заново.
review-message = Сообщение клиенту
# Variables: $language the customer's language, named.
review-message-hint = Клиент получит его как есть. Пишите на языке клиента: { $language }.
review-resubmit = Запросить документы
# The default message to the customer, in the customer's language (this file: Russian).
review-resubmit-default = Пожалуйста, сфотографируйте документы заново: при хорошем освещении, целиком и без бликов.
review-customer-language = Язык клиента
review-customer-language-ru = русский
review-customer-language-kk = казахский
review-stale = Пока вы смотрели заявку, пришла её новая версия (например, новые документы). Ниже — актуальные данные и ваш выбор: проверьте их и примите решение снова.
# Variables: $status (the decision, e.g. «Одобрено»), $name (who decided)
review-stale-decided = Пока вы смотрели заявку, по ней уже принято решение: «{ $status }», { $name }. Ваше решение не записано; возьмите следующую заявку.
review-separation-of-duties = Вы подтвердили статус ПДЛ этого заявителя или дали второе одобрение: одобрить заявку должен другой сотрудник.
review-account-barred = Заявку нельзя одобрить: учётная запись клиента заблокирована, закрыта в архив или ограничена для новых заявок. Отклонить её можно.
review-confirm-heading = Подтвердите решение
# Variables: $id, $name
review-confirm-approve = Одобрить заявку № { $id } ({ $name })?
# Variables: $id, $reasons (labels joined with «; »)
review-confirm-reject = Отказать по заявке № { $id }? Причины: { $reasons }. Клиент получит текст этих причин.
# Variables: $id, $documents (joined with commas)
review-confirm-resubmit = Запросить по заявке № { $id } документы: { $documents }? Клиент получит это сообщение:
review-confirm-warnings = На странице заявки есть предупреждения:
review-confirm-ack = Я просмотрел(а) эти предупреждения и всё равно одобряю заявку
review-ack-required = Отметьте, что вы просмотрели предупреждения, или вернитесь к заявке.
review-confirm-yes-approve = Да, одобрить
review-confirm-yes-reject = Да, отказать
review-confirm-yes-resubmit = Да, запросить документы
review-confirm-cancel = Вернуться к заявке
# Variables: $warnings (joined with «; »)
review-approve-warnings = Перед одобрением нужно будет подтвердить, что вы видели: { $warnings }.
review-open-hit = открыть совпадение
review-open-compliance = Открыть страницу комплаенса
review-waiting-documents = По заявке запрошены документы. Можно отказать, не дожидаясь их, или отозвать запрос: тогда заявка вернётся в очередь на проверку.
review-withdraw-request = Отозвать запрос документов
# Variables: $id
review-request-withdrawn = Запрос документов по заявке № { $id } отозван; заявка снова в очереди.
review-request-not-open = По этой заявке уже нет открытого запроса документов.
review-shortcuts-layout = Клавиши работают при любой раскладке клавиатуры: важна сама клавиша, а не буква на ней.
# Variables: $id application number.
review-decided-approved = Заявка № { $id } одобрена.
# Variables: $id application number.
review-decided-rejected = По заявке № { $id } отказано.
# Variables: $id application number.
review-decided-resubmit = По заявке № { $id } запрошены документы.
review-masked-note = Часть персональных данных замаскирована или скрыта: вашей роли они нужны не полностью.
review-group-identity = Личность
review-group-document = Документ
review-group-declarations = Декларации
review-group-contacts = Контактные лица
review-group-work = Работа и семья
review-group-loan = Заём
review-group-device = Устройство и местоположение
review-group-permissions = Разрешения в приложении
review-full-name = ФИО
review-birth-date = Дата рождения
review-sex = Пол
review-sex-male = мужской
review-sex-female = женский
review-citizenship = Гражданство
review-reg-address = Адрес регистрации
review-home-address = Адрес проживания
review-email = Эл. почта
review-doc-type = Вид документа
review-doc-type-id_card = удостоверение личности
review-doc-type-passport = паспорт
review-doc-type-residence_permit = вид на жительство
review-doc-number = Номер
review-doc-issuer = Кем выдан
review-doc-issued = Дата выдачи
review-doc-expires = Действителен до
review-pep-declared = Публичное должностное лицо
review-bo-declared = Бенефициарный собственник
review-yes = да
review-no = нет
review-relation-spouse = супруг(а)
review-relation-parent = родитель
review-relation-child = ребёнок
review-relation-sibling = брат или сестра
review-relation-relative = родственник
review-relation-friend = друг
review-relation-colleague = коллега
review-relation-other = другое
review-employer = Работодатель
review-employer-address = Адрес работодателя
review-marital = Семейное положение
review-marital-single = не в браке
review-marital-married = в браке
review-marital-divorced = в разводе
review-marital-widowed = вдовец или вдова
review-marital-civil_union = незарегистрированный брак
review-dependents = Иждивенцы
review-term = Срок
# Variables: $count number of days (plural selector), $n the same, formatted.
review-days = { $count ->
    [one] { $n } день
    [few] { $n } дня
   *[other] { $n } дней
}
review-card = Карта
review-submitted = Отправлена из приложения
review-device = Устройство
review-device-id = ID устройства
review-ip = IP-адрес
review-geo = Местоположение
review-metres = м
review-perm-camera = Камера
review-perm-location = Местоположение
review-perm-contacts = Контакты
review-granted = разрешено
review-not-granted = не разрешено
review-decisions = Решения
review-no-decisions = Решений ещё не было.
review-notes = Внутренние заметки
review-note-new = Новая заметка (клиент её не увидит)
review-note-add = Добавить заметку
review-note-added = Заметка добавлена.
review-history = История
review-shortcuts = Клавиши
review-shortcut-reject = К причинам отказа
review-shortcut-zoom = Увеличить фотографии
review-shortcut-rotate = Повернуть фотографии

field-too-long = Слишком длинный текст.

reasons-title = Причины отказов и действий с учётными записями
reasons-heading = Причины отказов и действий с учётными записями
reasons-intro = Верификатор выбирает причину отказа, сотрудник безопасности — причину блокировки, ограничения или закрытия учётной записи. Клиент получит текст причины на своём языке. Причину нельзя удалить, её можно вывести из употребления.
reasons-code = Код
reasons-code-hint = Латинские строчные буквы, цифры и «_», от 2 до 40 символов. Код потом не меняется.
reasons-code-invalid = Код: латинские строчные буквы, цифры и «_», от 2 до 40 символов.
reasons-kind = Для чего
reasons-kind-rejection = отказ по заявке
reasons-kind-account = действие с учётной записью
reasons-kind-restoration = отказ в восстановлении доступа
reasons-kind-invalid = Выберите, для чего эта причина.
reasons-code-taken = Причина с таким кодом уже есть.
reasons-label-ru = Название (по-русски)
reasons-label-kk = Название (по-казахски)
reasons-customer-ru = Текст для клиента (по-русски)
reasons-customer-kk = Текст для клиента (по-казахски)
reasons-active = Используется
reasons-in-use = используется
reasons-retired = не используется
reasons-position = Порядок в списке
reasons-position-invalid = Порядок — целое число от 0 до 10 000.
reasons-new = Новая причина
reasons-add = Добавить причину
reasons-save = Сохранить
reasons-back = К списку причин
reasons-edit-title = Причина
reasons-edit-heading = Причина
# Variables: $code reason code.
reasons-created = Причина «{ $code }» добавлена.
# Variables: $code reason code.
reasons-updated = Причина «{ $code }» сохранена.

access-log-title = Доступ к персональным данным
access-log-heading = Журнал доступа к персональным данным
access-log-intro = Каждый просмотр страницы проверки или страницы комплаенса и каждое скачивание оригинала фотографии: кто, когда, по какой заявке и откуда.
access-log-application = Заявка
access-log-who = Сотрудник
access-log-what = Что открыто
access-log-review-page = страница проверки
access-log-original-photo = оригинал фотографии
access-log-empty = Записей нет.
access-log-older = Раньше
access-log-compliance-page = страница комплаенса
pd-hidden = скрыто для вашей роли
access-log-views = Просмотры
access-log-window-note = Повторные просмотры одной заявки одним сотрудником с одного адреса в пределах десяти минут собраны в одну строку; время в строке — первый просмотр.
# Variables: $n formatted count, $count for the plural form.
access-log-view-count = { $count ->
    [one] { $n } раз
    [few] { $n } раза
   *[other] { $n } раз
}
# Variables: $when date and time of the last view in the row.
access-log-last-view = последний { $when }
