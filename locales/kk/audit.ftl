# The audit trail.

audit-title = Аудит журналы
audit-heading = Аудит журналы
audit-actor = Кім
audit-action = Әрекет
audit-subject = Нысан
audit-filter = Көрсету
audit-empty = Жазбалар табылмады.
audit-time = Уақыт (Алматы)
audit-details = Толығырақ
audit-address = IP-мекенжай
audit-actor-anonymous = жүйеге кірмеген
audit-older = Ертерек жазбалар

audit-action-sign-in-succeeded = Жүйеге кіру
audit-action-sign-in-failed = Сәтсіз кіру әрекеті
audit-action-sign-in-throttled = Сәтсіз әрекеттерден кейін кіру бұғатталды
audit-action-sign-out = Жүйеден шығу
audit-action-account-password-changed = Өз құпиясөзін ауыстыру
audit-action-account-language-changed = Интерфейс тілін ауыстыру
audit-action-staff-created = Қызметкердің есептік жазбасын құру
audit-action-staff-roles-changed = Қызметкер рөлдерін өзгерту
audit-action-staff-deactivated = Есептік жазбаны өшіру
audit-action-staff-reactivated = Есептік жазбаны қосу
audit-action-staff-password-reset = Қызметкердің құпиясөзін қалпына келтіру

audit-any-action = Кез келген әрекет
audit-actor-hint = Қызметкердің логині
audit-subject-hint = Мысалы, staff:12 — № 12 қызметкер

audit-key-login = Логин
audit-key-reason = Себебі
audit-key-scope = Шектеу
audit-key-full-name = Аты-жөні
audit-key-roles = Рөлдер
audit-key-before = Бұрын
audit-key-after = Кейін
audit-key-language = Тіл

audit-value-wrong-password = құпиясөз қате
audit-value-unknown-login = белгісіз логин
audit-value-deactivated = есептік жазба өшірілген
audit-value-account = есептік жазба бойынша
audit-value-address = IP-мекенжай бойынша
audit-action-api-key-created = API кілтін жасау
audit-action-api-key-revoked = API кілтін кері қайтарып алу
audit-action-application-received = API арқылы өтінім қабылдау
audit-action-application-documents-resubmitted = Құжаттарды қайта жіберу
audit-action-application-refused = Қабылданбаған API сұранысы (деректерде қателер)
audit-key-name = Атауы
audit-key-prefix = Кілт префиксі
audit-key-external-id = Қосымшадағы өтінім нөмірі
audit-key-photos = Фотосуреттер
audit-key-version = Нұсқа
audit-key-errors = Қателер
audit-action-photo-original-downloaded = Фотосурет түпнұсқасын жүктеп алу
audit-key-photo = Фотосурет
audit-key-kind = Түрі
