# KYC review: the queue, the review page, decisions, reason codes, the personal-data access log.

review-queue-title = Өтінімдер кезегі
review-queue-heading = Тексерілетін өтінімдер
review-title = Өтінімді тексеру
review-take-next = Келесісін өңдеуге алу
review-queue-empty = Кезекте бос өтінім жоқ.
review-queue-empty-list = Осы шарттарға сай өтінім жоқ.
review-status = Мәртебесі
review-status-pending = Тексеруде
review-status-resubmission_requested = Құжаттар сұратылған
review-status-approved = Мақұлданған
review-status-rejected = Бас тартылған
review-status-all = Барлығы
review-search = Іздеу
review-search-hint = ЖСН, телефон, порталдағы немесе қосымшадағы өтінім нөмірі, e-mail немесе аты-жөні кез келген ретпен және кез келген әліпбимен
review-search-too-long = Сұрау тым ұзын: 100 таңбадан аспасын.
review-search-bad-iin = ЖСН 12 цифрдан тұрады, ал соңғы цифры бақылау цифрымен сәйкес келмейді. Нөмірді тексеріңіз.
review-search-not-allowed = Сіздің рөліңізге толық ЖСН, телефон немесе e-mail бойынша іздеуге болмайды: өтінімді нөмірі немесе аты-жөні бойынша табыңыз.
review-search-bad-phone = Бұл Қазақстанның ұялы телефон нөміріне ұқсамайды (+7 7XX XXX XX XX).
review-search-bad-number = Өтінім нөмірі — бүтін сан, мысалы 1024 немесе #1024.
review-search-bad-email = Бұл e-mail мекенжайына ұқсамайды: аты@домен.kz түрінде жазыңыз.
review-search-mixed = Аты-жөнінде цифр болмайды. Аты-жөні бойынша немесе нөмір бойынша іздеңіз.
review-search-no-words = Сұраныста әріп те, цифр да жоқ.
review-search-fix = Сұранысты түзетіңіз: іздеу түсінікті болғанда тізім шығады.
review-waited = Күту уақыты
review-sort = Реті
review-sort-oldest = Алдымен ескілері
review-sort-newest = Алдымен жаңалары
review-sort-amount = Сомасы бойынша, алдымен ірілері
review-sort-risk = Тәуекел бойынша, алдымен тәуекелділері
review-blocked-hit = Комплаенсті күтуде: тізіммен ашық сәйкестік бар
review-blocked-declaration = Комплаенсті күтуде: ЖЛТ не бенефициарлық меншік иесі декларациясы тексерілмеген
review-blocked-senior = Аға комплаенс-офицердің екінші мақұлдауын күтуде
review-blocked-underage = Өтініш беруші 18 жасқа толмаған
review-blocked-doc-expired = Құжаттың жарамдылық мерзімі өтіп кеткен
review-blocked-account = Клиенттің есептік жазбасы бұғатталған, жабылған немесе жаңа өтінімдерге шектелген
review-from = Алынған күні: басы
review-to = Алынған күні: соңы
review-bad-date = Күнді ЖЖЖЖ-АА-КК пішімінде енгізіңіз.
review-date-order = Кезеңнің соңы басынан ерте.
review-bad-cursor = Бет сілтемесі бүлінген. Бірінші беттен бастаңыз.
review-declared = Декларациялар
review-any = Кез келген
review-declared-any = ЖЛТ немесе бенефициарлық меншік иесі
review-declared-pep = ЖЛТ
review-declared-bo = Бенефициарлық меншік иесі
review-assignee = Кім алды
review-assignee-me = Мен
review-assignee-none = Ешкім
review-risk-only = Тек тәуекел белгілері барлары
review-apply = Көрсету
review-reset = Тазарту
review-first-page = Бірінші бетке
review-next-page = Әрі қарай
review-received = Алынды
review-applicant = Өтініш беруші
review-iin = ЖСН
review-phone = Телефон
review-amount = Сомасы
review-flags = Белгілер
review-holder = Кімде
review-pep = ЖЛТ
review-bo = БМИ
# Variables: $count number of risk signals (plural selector), $n the same, formatted.
review-signal-count = { $count ->
    [one] { $n } тәуекел белгісі
   *[other] { $n } тәуекел белгісі
}

# Variables: $id application number.
review-heading = № { $id } өтінім
review-back-to-queue = Кезекке оралу
# Variables: $at date and time.
review-received-at = Алынған уақыты: { $at }
# Variables: $version version number.
review-version = { $version }-нұсқа
review-external-id = қосымшадағы нөмірі
review-held-by-you = Өтінім сізде өңдеуде
# Variables: $name staff member's name.
review-held-by = Өтінімді { $name } тексеруде
# Variables: $at date and time.
review-held-until = Өңдеу мерзімі: { $at } дейін
review-not-claimed = Өтінімді ешкім өңдеуге алған жоқ
review-claim = Өңдеуге алу
review-release = Кезекке қайтару
# Variables: $id application number.
review-released = № { $id } өтінім кезекке қайтарылды.
review-claim-refused = Өтінімді басқа қызметкер алып қойған немесе ол бойынша шешім қабылданған.
review-not-held = Бұл өтінім сізде өңдеуде емес (немесе оны өңдеу уақыты өтіп кетті). Өтінімді өңдеуге алып, шешімді қайта қабылдаңыз.
review-claim-first = Шешім қабылдау үшін өтінімді өңдеуге алыңыз.
# Variables: $name staff member's name.
review-decided-by = Шешім қабылдаған: { $name }
review-photos = Фотосуреттер
review-doc-selfie = Селфи
review-doc-id_front = Құжаттың алдыңғы беті
review-doc-id_back = Құжаттың артқы беті
review-rotate = Бұру
review-megapixels = Мп
review-kb = КБ
review-sharpness = анықтығы
review-brightness = жарықтығы
review-download-original = Түпнұсқаны жүктеп алу
review-photo-missing = фотосурет жоқ
review-photos-hidden = Сіздің рөліңіз үшін фотосуреттер жасырылған: оларды верификаторлар, комплаенс-офицерлер және қауіпсіздік қызметкерлері көреді.
review-doc-portrait = Құжаттағы фотосурет
review-open-viewer = Толық экранда ашу
review-quality-sharp = анық
review-quality-blurry = бұлыңғыр
review-quality-dark = қараңғы
review-quality-bright = тым жарық
review-quality-lit = жарығы қалыпты
review-viewer = Фотосуретті қарау
review-zoom-in = Үлкейту
review-zoom-out = Кішірейту
review-brightness-control = Жарықтығы
review-contrast-control = Контраст
review-viewer-reset = Бастапқы күйі
review-viewer-close = Жабу
review-viewer-hint = Тінтуір дөңгелегі немесе «+» және «−» — масштаб, сүйреу — жылжыту, R — бұру, Esc — жабу.
# Variables: $count number of earlier photos (plural selector), $n the same, formatted.
review-older-photos = { $count ->
    [one] { $n } бұрынғы фотосурет
   *[other] { $n } бұрынғы фотосурет
}
review-checks = Тексерулер
review-level-error = Қате
review-level-warning = Ескерту
review-level-ok = Дұрыс
review-check-iin-valid = ЖСН-нің бақылау цифры дұрыс.
review-check-iin-invalid = ЖСН-нің бақылау цифры сәйкес келмейді: мұндай ЖСН берілмейді.
# Variables: $encoded birth date encoded in the IIN, $stated birth date in the application.
review-check-iin-birth-mismatch = ЖСН-дегі туған күн ({ $encoded }) көрсетілген күнмен ({ $stated }) сәйкес келмейді. ЖСН өзгермейді, сондықтан күнді құжаттан тексеріңіз.
review-check-iin-sex-mismatch = ЖСН-де кодталған жынысы көрсетілген жынысқа сәйкес келмейді. Құжаттан тексеріңіз.
# Variables: $count age in full years (plural selector), $n the same, formatted.
review-check-age = { $count ->
    [one] Жасы: { $n }.
   *[other] Жасы: { $n }.
}
# Variables: $count age in full years (plural selector), $n the same, formatted.
review-check-underage = { $count ->
    [one] Өтініш беруші { $n } жаста: қарыз 18 жастан бастап беріледі (саясаттың 11.1-тармағы).
   *[other] Өтініш беруші { $n } жаста: қарыз 18 жастан бастап беріледі (саясаттың 11.1-тармағы).
}
# Variables: $date expiry date.
review-check-doc-expired = Құжаттың қолданылу мерзімі { $date } өтіп кеткен.
# Variables: $date expiry date.
review-check-doc-valid = Құжаттың жарамдылық мерзімі: { $date } дейін.
review-signals = Алаяқтық белгілері
review-no-signals = Басқа өтінімдермен сәйкестік жоқ.
# Variables: $count number of other applications (plural selector), $n the same, formatted.
review-other-applications = { $count ->
    [one] тағы { $n } өтінім
   *[other] тағы { $n } өтінім
}
# Variables: $count (plural selector), $n (formatted), $from (the ablative ending after $n): how many are shown, when there are more.
review-other-applications-more = { $n }-{ $from } астам басқа өтінім
signal-same-iin = Бірдей ЖСН
signal-same-phone = Бірдей телефон
signal-same-device = Бірдей құрылғы
signal-same-ip = Бірдей IP-мекенжайы
signal-same-card = Бірдей карта
signal-same-contact-phone = Байланыс тұлғасының телефоны бірдей
signal-similar-selfie = Ұқсас селфи
signal-similar-id-photo = Құжаттың ұқсас фотосуреті
signal-underage = 18 жасқа толмаған
signal-document-expired = Құжаттың мерзімі өткен
signal-iin-mismatch = ЖСН сауалнамамен сәйкес емес
signal-identical-photo = Бірдей фотосурет (бірдей файл)
signal-account-barred = Есептік жазба бұғатталған немесе шектелген
review-decision = Шешім
review-approve = Мақұлдау
review-approve-blocked = Мақұлдауға болмайды: жоғарыдағы тексерулерде қателер бар.
review-reasons = Бас тарту себептері
review-reject = Бас тарту
review-reason-required = Бас тартудың кемінде бір себебін таңдаңыз.
review-reason-unknown = Мұндай бас тарту себебі тізімде жоқ. Бетті жаңартып, қайта таңдаңыз.
review-resubmit-documents = Қайта сұрату
review-documents-required = Клиент қай фотосуреттерді қайта жіберуі керек екенін белгілеңіз.
review-message = Клиентке хабарлама
# Variables: $language the customer's language, named.
review-message-hint = Клиент оны өзгеріссіз алады. Клиенттің тілінде жазыңыз: { $language }.
review-resubmit = Құжаттарды сұрату
# The default message to the customer, in the customer's language (this file: Kazakh).
review-resubmit-default = Құжаттарды қайта суретке түсіріңізші: жақсы жарықта, толығымен және шағылыссыз.
review-customer-language = Клиенттің тілі
review-customer-language-ru = орыс тілі
review-customer-language-kk = қазақ тілі
review-stale = Сіз қарап отырғанда өтінімнің жаңа нұсқасы келді (мысалы, жаңа құжаттар). Төменде — өзекті деректер мен сіздің таңдауыңыз: тексеріп, шешімді қайта қабылдаңыз.
# Variables: $status (the decision, e.g. «Мақұлданған»), $name (who decided)
review-stale-decided = Сіз қарап отырғанда өтінім бойынша шешім қабылданып қойды: «{ $status }», { $name }. Сіздің шешіміңіз жазылмады; келесі өтінімді алыңыз.
review-separation-of-duties = Сіз бұл өтініш берушінің ЖЛТ мәртебесін растадыңыз немесе екінші мақұлдау бердіңіз: өтінімді басқа қызметкер мақұлдауы керек.
review-account-barred = Өтінімді мақұлдауға болмайды: клиенттің есептік жазбасы бұғатталған, мұрағатқа жабылған немесе жаңа өтінімдерге шектелген. Одан бас тартуға болады.
review-confirm-heading = Шешімді растаңыз
# Variables: $id, $name
review-confirm-approve = № { $id } өтінімді ({ $name }) мақұлдайсыз ба?
# Variables: $id, $reasons (labels joined with «; »)
review-confirm-reject = № { $id } өтінім бойынша бас тартасыз ба? Себептері: { $reasons }. Клиент осы себептердің мәтінін алады.
# Variables: $id, $documents (joined with commas)
review-confirm-resubmit = № { $id } өтінім бойынша құжаттарды сұратасыз ба: { $documents }? Клиент мына хабарламаны алады:
review-confirm-warnings = Өтінім бетінде ескертулер бар:
review-confirm-ack = Осы ескертулерді қарап шықтым және өтінімді бәрібір мақұлдаймын
review-ack-required = Ескертулерді қарап шыққаныңызды белгілеңіз немесе өтінімге оралыңыз.
review-confirm-yes-approve = Иә, мақұлдау
review-confirm-yes-reject = Иә, бас тарту
review-confirm-yes-resubmit = Иә, құжаттарды сұрату
review-confirm-cancel = Өтінімге оралу
# Variables: $warnings (joined with «; »)
review-approve-warnings = Мақұлдар алдында мыналарды көргеніңізді растау керек болады: { $warnings }.
review-open-hit = сәйкестікті ашу
review-open-compliance = Комплаенс бетін ашу
review-waiting-documents = Өтінім бойынша құжаттар сұратылған. Оларды күтпей бас тартуға немесе сұрауды кері қайтарып алуға болады: сонда өтінім тексеру кезегіне қайта оралады.
review-withdraw-request = Құжаттар сұрауын кері қайтарып алу
# Variables: $id
review-request-withdrawn = № { $id } өтінім бойынша құжаттар сұрауы кері қайтарып алынды; өтінім қайтадан кезекте.
review-request-not-open = Бұл өтінім бойынша ашық құжаттар сұрауы енді жоқ.
review-shortcuts-layout = Пернелер пернетақтаның кез келген тілінде жұмыс істейді: әріп емес, перненің өзі маңызды.
# Variables: $id application number.
review-decided-approved = № { $id } өтінім мақұлданды.
# Variables: $id application number.
review-decided-rejected = № { $id } өтінім бойынша бас тартылды.
# Variables: $id application number.
review-decided-resubmit = № { $id } өтінім бойынша құжаттар сұратылды.
review-masked-note = Дербес деректердің бір бөлігі бүркемеленген немесе жасырылған: олар сіздің рөліңізге толық қажет емес.
review-group-identity = Жеке басы
review-group-document = Құжат
review-group-declarations = Декларациялар
review-group-contacts = Байланыс тұлғалары
review-group-work = Жұмыс және отбасы
review-group-loan = Қарыз
review-group-device = Құрылғы және орналасқан жері
review-group-permissions = Қосымшадағы рұқсаттар
review-full-name = Аты-жөні
review-birth-date = Туған күні
review-sex = Жынысы
review-sex-male = ер
review-sex-female = әйел
review-citizenship = Азаматтығы
review-reg-address = Тіркелген мекенжайы
review-home-address = Тұрғылықты мекенжайы
review-email = Эл. пошта
review-doc-type = Құжат түрі
review-doc-type-id_card = жеке куәлік
review-doc-type-passport = төлқұжат
review-doc-type-residence_permit = ықтиярхат
review-doc-number = Нөмірі
review-doc-issuer = Кім берген
review-doc-issued = Берілген күні
review-doc-expires = Жарамдылық мерзімі
review-pep-declared = Жария лауазымды тұлға
review-bo-declared = Бенефициарлық меншік иесі
review-yes = иә
review-no = жоқ
review-relation-spouse = жұбайы
review-relation-parent = ата-анасы
review-relation-child = баласы
review-relation-sibling = бауыры немесе әпке-сіңлісі
review-relation-relative = туысы
review-relation-friend = досы
review-relation-colleague = әріптесі
review-relation-other = басқа
review-employer = Жұмыс беруші
review-employer-address = Жұмыс берушінің мекенжайы
review-marital = Отбасылық жағдайы
review-marital-single = некеде емес
review-marital-married = некеде
review-marital-divorced = ажырасқан
review-marital-widowed = жесір (тұл)
review-marital-civil_union = тіркелмеген неке
review-dependents = Асырауындағылар
review-term = Мерзімі
# Variables: $count number of days (plural selector), $n the same, formatted.
review-days = { $count ->
    [one] { $n } күн
   *[other] { $n } күн
}
review-card = Карта
review-submitted = Қосымшадан жіберілген
review-device = Құрылғы
review-device-id = Құрылғы идентификаторы
review-ip = IP-мекенжайы
review-geo = Орналасқан жері
review-metres = м
review-perm-camera = Камера
review-perm-location = Орналасқан жер
review-perm-contacts = Байланыстар
review-granted = рұқсат етілген
review-not-granted = рұқсат етілмеген
review-decisions = Шешімдер
review-no-decisions = Әзірге шешім болған жоқ.
review-notes = Ішкі жазбалар
review-note-new = Жаңа жазба (клиент оны көрмейді)
review-note-add = Жазба қосу
review-note-added = Жазба қосылды.
review-history = Тарихы
review-shortcuts = Пернелер
review-shortcut-reject = Бас тарту себептеріне өту
review-shortcut-zoom = Фотосуреттерді үлкейту
review-shortcut-rotate = Фотосуреттерді бұру

field-too-long = Мәтін тым ұзын.

reasons-title = Бас тарту және есептік жазба әрекеттерінің себептері
reasons-heading = Бас тарту және есептік жазба әрекеттерінің себептері
reasons-intro = Верификатор бас тарту себебін, қауіпсіздік қызметкері есептік жазбаны бұғаттау, шектеу немесе жабу себебін таңдайды. Клиент себеп мәтінін өз тілінде алады. Себепті жоюға болмайды, оны қолданыстан шығаруға болады.
reasons-code = Коды
reasons-code-hint = Латынның кіші әріптері, цифрлар және «_», 2-ден 40 таңбаға дейін. Код кейін өзгермейді.
reasons-code-invalid = Код: латынның кіші әріптері, цифрлар және «_», 2-ден 40 таңбаға дейін.
reasons-kind = Не үшін
reasons-kind-rejection = өтінім бойынша бас тарту
reasons-kind-account = есептік жазбамен әрекет
reasons-kind-restoration = қолжетімділікті қалпына келтіруден бас тарту
reasons-kind-invalid = Бұл себеп не үшін екенін таңдаңыз.
reasons-code-taken = Мұндай коды бар себеп бұрыннан бар.
reasons-label-ru = Атауы (орысша)
reasons-label-kk = Атауы (қазақша)
reasons-customer-ru = Клиентке арналған мәтін (орысша)
reasons-customer-kk = Клиентке арналған мәтін (қазақша)
reasons-active = Қолданыста
reasons-in-use = қолданыста
reasons-retired = қолданылмайды
reasons-position = Тізімдегі реті
reasons-position-invalid = Реті — 0-ден 10 000-ға дейінгі бүтін сан.
reasons-new = Жаңа себеп
reasons-add = Себеп қосу
reasons-save = Сақтау
reasons-back = Себептер тізіміне оралу
reasons-edit-title = Себеп
reasons-edit-heading = Себеп
# Variables: $code reason code.
reasons-created = «{ $code }» себебі қосылды.
# Variables: $code reason code.
reasons-updated = «{ $code }» себебі сақталды.

access-log-title = Дербес деректерге қол жеткізу
access-log-heading = Дербес деректерге қол жеткізу журналы
access-log-intro = Тексеру бетінің немесе комплаенс бетінің әр қаралуы және фотосурет түпнұсқасының әр жүктеп алынуы: кім, қашан, қай өтінім бойынша және қайдан.
access-log-application = Өтінім
access-log-who = Қызметкер
access-log-what = Не ашылды
access-log-review-page = тексеру беті
access-log-original-photo = фотосурет түпнұсқасы
access-log-empty = Жазбалар жоқ.
access-log-older = Ертерек
access-log-compliance-page = комплаенс беті
pd-hidden = рөліңіз үшін жасырылған
access-log-views = Қаралуы
access-log-window-note = Бір қызметкердің бір өтінімді бір мекенжайдан он минут ішінде қайта қарауы бір жолға жинақталады; жолдағы уақыт — алғашқы қаралған уақыт.
# Variables: $n formatted count, $count for the plural form.
access-log-view-count = { $count ->
    [one] { $n } рет
   *[other] { $n } рет
}
# Variables: $when date and time of the last view in the row.
access-log-last-view = соңғысы { $when }
