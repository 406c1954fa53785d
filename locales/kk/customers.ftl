## Customers: the search and the customer page.

nav-customers = Клиенттер
nav-customers-desc = Бір клиент — оның барлық өтінімдері: ЖСН, телефон, аты-жөні немесе есептік жазба нөмірі бойынша іздеу, тарих және есептік жазба мәртебесі

customers-title = Клиенттер
customers-heading = Клиенттер
customers-search-hint = ЖСН, телефон, e-mail, өтінім нөмірі, қосымшадағы есептік жазба ID-і немесе аты-жөні кез келген ретпен және кез келген әліпбимен
customers-account-status = Есептік жазба мәртебесі
customers-status-any = Кез келген
customers-status-active = Белсенді
customers-status-blocked = Бұғатталған
customers-status-restricted = Шектелген
customers-status-archived = Мұрағатта
customers-none = Әзірге клиенттер жоқ: олар алғашқы өтініммен пайда болады.
customers-none-found = Ешкім табылмады. Сұрауды тексеріңіз немесе басқа белгі бойынша іздеңіз.
customers-recent-note = Сұрау болмаса, соңғы жүгінген клиенттер көрсетіледі.
customers-customer = Клиент
customers-applications = Өтінімдер
customers-last-activity = Соңғы жүгінуі

customers-page-title = Клиент
# Variables: $id the customer's number in the portal.
customers-number = № { $id } клиент
# Variables: $when date and time.
customers-since = алғашқы өтінімі: { $when }
# Variables: $when date and time.
customers-last-activity-at = соңғы жүгінуі: { $when }
customers-identity = Клиент деректері
# Variables: $id the application's number.
customers-identity-source-approved = Соңғы мақұлданған № { $id } өтінім бойынша.
# Variables: $id the application's number.
customers-identity-source-latest = Соңғы № { $id } өтінім бойынша: мақұлданған өтінім жоқ.
customers-masked-note = ЖСН, телефон, мекенжайлар және құжат нөмірі ішінара жасырылған.
customers-doc-expired = мерзімі өткен
customers-no-applications = Өтінімдер жоқ.
customers-account = Қосымшадағы есептік жазба
customers-account-ids = Есептік жазба ID-і
customers-no-account-ids = қосымша жібермеген
# Variables: $when date and time.
customers-account-first-seen = алғаш рет: { $when }
customers-earlier-values = Бұрынғы деректер
customers-field = Өріс
customers-value = Мәні
customers-from-application = Өтінімнен
customers-field-name = Аты-жөні
customers-field-phone = Телефон
customers-field-email = E-mail
customers-field-reg-address = Тіркелген мекенжайы
customers-field-home-address = Тұрғылықты мекенжайы
customers-field-doc-number = Құжат нөмірі
customers-term = Мерзімі
# Variables: $count the term in days (plural selector), $n the same, formatted.
customers-term-days = { $count ->
    [one] { $n } күн
   *[other] { $n } күн
}
customers-compliance = комплаенс
customers-timeline = Тарих
customers-timeline-empty = Әзірге оқиғалар жоқ.

access-log-customer-page = клиент беті
review-customer-link = Клиент: барлық өтінімдері және тарихы

customers-revealed = толық көрсетілді, журналға жазылды
customers-reveal = Өрісті толық көрсету
customers-reveal-hint = Мән тек осы бетте көрсетіледі. Себебі мен сіздің атыңыз дербес деректерге қол жеткізу журналына жазылады.
customers-reveal-field = Өріс
customers-reveal-reason = Себебі
customers-reveal-reason-choose = Себебін таңдаңыз
customers-reveal-reason-customer_request = Клиенттің өтініші, жеке басы расталды
customers-reveal-reason-fraud_check = Алаяқтыққа тексеру
customers-reveal-reason-authority_request = Соттың немесе мемлекеттік органның сұрауы
customers-reveal-reason-data_correction = Клиент деректерін түзету
customers-reveal-reason-other = Басқа (түсініктемеде сипаттаңыз)
customers-reveal-comment = Түсініктеме
customers-reveal-comment-hint = Өтініштің немесе сұраудың нөмірі және мән не үшін керек: кемінде 5 таңба.
customers-reveal-submit = Көрсету
customers-reveal-reason-required = Себебін таңдаңыз: онсыз мән көрсетілмейді.
customers-reveal-comment-required = Мән не үшін керек екенін жазыңыз: кемінде 5 таңба.
customers-reveal-not-allowed = Сіздің рөліңізге бұл өріс толық көрсетілмейді.

access-log-reveal = өріс толық көрсетілді
access-log-customer = Клиент нөмірі
access-log-staff = Қызметкер (логин)
access-log-staff-hint = Қызметкердің логині, мысалы verifier
access-log-field-iin = ЖСН
access-log-field-phone = телефон нөмірі
access-log-field-reg_address = тіркелген мекенжайы
access-log-field-home_address = тұрғылықты мекенжайы
access-log-field-doc_number = құжат нөмірі
