## Customers: the search and the customer page.

nav-customers = Клиенттер
nav-customers-desc = Бір клиент — оның барлық өтінімдері: ЖСН, телефон, аты-жөні немесе есептік жазба нөмірі бойынша іздеу, тарих және есептік жазба мәртебесі
nav-archive-requests = Есептік жазбаларды жабу
nav-archive-requests-desc = Есептік жазбаны мұрағатқа жабуға екінші қызметкердің растауын күтіп тұрған сұраулар

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
access-log-support-ticket = қолдау қызметіне өтініш
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
customers-restrictions = Шектеулер
customers-restrictions-hint = Тек шектеу үшін: клиентке не істеуге болмайды.
customers-restriction-applications = жаңа өтінімдер
customers-restriction-data_changes = деректерді өзгерту
customers-status-reason = Себебі
customers-status-changed = Өзгертілген уақыты
customers-action = Есептік жазба мәртебесін өзгерту
customers-action-what = Әрекет
customers-action-block = Бұғаттау
customers-action-unblock = Бұғаттан шығару (бұғат пен шектеулерді алу)
customers-action-restrict = Шектеу
customers-action-archive = Мұрағатқа жабу (басқа қызметкер растайды)
customers-action-comment = Түсініктеме
customers-action-comment-hint = Не болды және қандай негізде, клиенттің дербес деректерінсіз: кемінде 5 таңба. Клиент түсініктемені көрмейді, ол таңдалған себептің мәтінін алады.
customers-action-submit = Қолдану
customers-action-choose = Әрекетті таңдаңыз.
customers-action-reason-required = Себебін таңдаңыз.
customers-action-comment-required = Түсініктеме жазыңыз.
customers-action-comment-short = Түсініктеме тым қысқа: кемінде 5 таңба.
customers-action-restrictions-required = Кемінде бір шектеуді белгілеңіз.
customers-action-stale = Есептік жазбаны жаңа ғана басқа қызметкер өзгертті. Төменде оның қазіргі күйі; тексеріп, әрекет әлі керек болса, қайта жіберіңіз.
customers-action-archived = Есептік жазба мұрағатқа жабылған: оны тек оқуға болады.
customers-action-already-blocked = Есептік жазба бұғатталып қойған.
customers-action-not-blocked = Есептік жазба бұғатталмаған әрі шектелмеген: алатын ештеңе жоқ.
customers-action-same-restrictions = Бұл шектеулер қазір де қолданылып тұр.
customers-archive-already-asked = Бұл есептік жазбаны жабу сұралып қойған, растауды күтуде.
customers-archive-already-decided = Бұл сұрауды басқа қызметкер қарап қойған.
customers-archive-own-request = Жабуды өзіңіз сұрадыңыз: оны басқа қызметкер растауы немесе қабылдамауы керек.
customers-archive-not-yours = Сұрауды тек оны жасаған қызметкер кері қайтарып ала алады.
customers-archive-waiting = Мұрағатқа жабу сұралды.
# Variables: $name staff member's full name.
customers-archive-asked-by = Сұраған: { $name }
customers-archive-confirm = Жабуды растау
customers-archive-refuse = Қабылдамау
customers-archive-withdraw = Сұрауды кері қайтарып алу
customers-archive-other-confirms = Жабуды басқа қауіпсіздік қызметкері немесе әкімші растайды.
customers-archive-step-up-hint = Растау алдында портал екінші факторды қайта сұрайды.
# Variables: $id customer number.
customers-done-block = № { $id } клиенттің есептік жазбасы бұғатталды.
# Variables: $id customer number.
customers-done-unblock = № { $id } клиенттің есептік жазбасы бұғаттан шығарылды.
# Variables: $id customer number.
customers-done-restrict = № { $id } клиенттің есептік жазбасы шектелді.
# Variables: $id customer number.
customers-done-archive = № { $id } клиенттің есептік жазбасын жабу сұралды; оны басқа қызметкер растауы керек.
# Variables: $id customer number.
customers-archive-confirmed = № { $id } клиенттің есептік жазбасы мұрағатқа жабылды.
# Variables: $id customer number.
customers-archive-refused = № { $id } клиенттің есептік жазбасын жабудан бас тартылды.
# Variables: $id customer number.
customers-archive-withdrawn = № { $id } клиенттің есептік жазбасын жабу сұрауы кері қайтарып алынды.
archive-requests-title = Есептік жазбаларды жабу
archive-requests-heading = Есептік жазбаларды мұрағатқа жабу
archive-requests-intro = Мұрағатқа жабуды екі адам жасайды: бір қауіпсіздік қызметкері сұрайды, басқа қауіпсіздік қызметкері немесе әкімші растайды. Жабылған есептік жазбаны тек оқуға болады.
archive-requests-open = Растауды күтуде
archive-requests-none = Растауды күтіп тұрған сұраулар жоқ.
archive-requests-ended = Соңғы қаралғандар
archive-requests-customer = Клиент
archive-requests-asked = Сұраған
archive-requests-decision = Шешім
archive-requests-outcome = Нәтижесі
archive-requests-outcome-confirmed = расталды
archive-requests-outcome-refused = қабылданбады
archive-requests-outcome-withdrawn = кері қайтарып алынды
customers-consents = Келісімдер мен міндеттемелер
customers-consents-none = Қосымша бұл клиенттің келісімдері туралы әлі хабарламаған.
customers-consent-when = Қашан
customers-consent-what = Не
customers-consent-given = келісім берілді
customers-consent-withdrawn = келісім кері қайтарып алынды
customers-consent-via = Қайдан
customers-obligation-open = Орындалмаған міндеттеме бар
customers-obligation-none = Орындалмаған міндеттемелер жоқ
# Variables: $when date and time of the report.
customers-obligation-reported = { $when } хабарламасы бойынша
customers-policy-versions-link = Құпиялылық саясатының редакциялары
customers-retained-until = Сақталу мерзімі
# Variables: $when date and time of the erasure.
customers-erased-at = дербес деректер { $when } жойылды
access-log-data-summary = клиентке арналған деректер жиынтығы
access-log-support-attachment = қолдау қызметіне өтініштегі файл
customers-tickets = Қолдау қызметіне өтініштер
customers-tickets-none = Қолдау қызметіне өтініштер жоқ.
