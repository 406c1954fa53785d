# Sign-in and sign-out.

login-title = Кіру
login-heading = Қызметкерлердің кіруі
login-intro = Портал тек «Взаймы» МҚҰ қызметкерлеріне арналған. Барлық әрекет аудит журналына жазылады.
login-login = Логин
login-password = Құпиясөз
login-submit = Кіру
login-failed = Логин немесе құпиясөз қате.
login-deactivated = Есептік жазба өшірілген. Әкімшіге хабарласыңыз.
# Variables: $count minutes until the next attempt (plural selector), $n the same, formatted.
login-locked = { $count ->
    [one] Сәтсіз кіру әрекеттері тым көп. { $n } минуттан кейін қайталаңыз.
   *[other] Сәтсіз кіру әрекеттері тым көп. { $n } минуттан кейін қайталаңыз.
}
# Variables: $count seconds until the next attempt (plural selector), $n the same, formatted.
login-wait-seconds = { $count ->
    [one] Құпиясөз бірнеше рет қатарынан қате енгізілді. { $n } секундтан кейін қайталаңыз.
   *[other] Құпиясөз бірнеше рет қатарынан қате енгізілді. { $n } секундтан кейін қайталаңыз.
}
login-signed-out = Сіз порталдан шықтыңыз.
## Sign-in locks
locks-title = Кіруді бұғаттау
locks-heading = Кіруді бұғаттау
locks-intro = Бейтаныс IP-мекенжайларынан бес рет қате құпиясөз енгізілгеннен кейін логин бойынша кіру қызметкер әдетте кіретін мекенжайлардан басқасының бәріне уақытша жабылады. Жиырма рет қате құпиясөз келген IP-мекенжайы одан әдетте кірмейтіндердің бәріне жабылады. Кіруге қызметкердің өзі тырысқанына көз жеткізгенде ғана бұғаттауды алыңыз.
locks-none = Қазір ешкімнің кіруі бұғатталмаған.
locks-logins = Логиндер
locks-addresses = IP-мекенжайлары
locks-addresses-none = Қазір бірде-бір IP-мекенжайы бұғатталмаған.
locks-address = IP-мекенжайы
locks-failures = Сәтсіз әрекеттер
locks-login = Логин
locks-person = Қызметкер
locks-left = Күйі
locks-locked = Бұғатталған
# Variables: $count (plural selector), $n (formatted)
locks-minutes = тағы { $n } минут
locks-no-account = мұндай есептік жазба жоқ
locks-unlock = Бұғаттауды алу
# Variables: $login
locks-unlocked = «{ $login }» үшін кіруді бұғаттау алынды.
# Variables: $ip
locks-address-unlocked = { $ip } IP-мекенжайының бұғатталуы алынды.
## Second step of sign-in
code-title = Растау коды
code-heading = Кіруді растаңыз
code-intro = Аутентификатор қолданбасындағы алты таңбалы кодты енгізіңіз.
code-label = Қолданбадағы код
code-use-recovery = Қолданбаға қолжетімділік жоқ па? Резервтік кодты енгізіңіз
code-recovery-label = Резервтік код
code-submit = Растау
code-required = Кодты енгізіңіз.
code-wrong = Код қате немесе бұрын пайдаланылған. Қолданбадағы жаңа кодты енгізіңіз.
code-recovery-wrong = Резервтік код қате немесе бұрын пайдаланылған.
code-expired = Кодты енгізу уақыты өтіп кетті. Қайта кіріңіз.
## Second factor on the account page
twofa-title = Екі факторлы аутентификация
twofa-heading = Екі факторлы аутентификация
twofa-intro = Құпиясөзден кейін портал екінші факторды сұрайды: кіру кілтін (passkey) немесе телефондағы аутентификатор қолданбасының кодын (Google Authenticator, Microsoft Authenticator, FreeOTP және басқалар). Сонда ұрланған құпиясөз кіру үшін жеткіліксіз болады.
twofa-app = Аутентификатор қолданбасы
twofa-on = Қосылған
twofa-off = Қосылмаған
twofa-start = Қолданбаны қосу
twofa-step-scan = QR-кодты қолданбамен сканерлеңіз немесе кілтті қолмен енгізіңіз.
twofa-step-confirm = Қолданба көрсеткен кодты енгізіңіз: осылай бәрі дұрыс бапталғанына көз жеткіземіз.
twofa-qr-caption = Аутентификатор қолданбасына арналған QR-код
twofa-secret-label = Қолмен енгізуге арналған кілт:
twofa-confirm = Растап, қосу
twofa-no-setup = Қосу басталмаған немесе аяқталып қойған. Оны қайта бастаңыз.
twofa-required = Сіздің рөліңіз екінші факторды талап етеді. Порталда жұмысты жалғастыру үшін кіру кілтін немесе аутентификатор қолданбасын қосыңыз.
twofa-continue = Жұмысқа өту
twofa-new-codes = Жаңа резервтік кодтар алу
twofa-remove = Қолданбаны өшіру
twofa-remove-hint = Рөліңіз екінші факторды талап етсе және басқа тәсіліңіз болмаса, өшіргеннен кейін портал бірден жаңасын қосуды сұрайды.
twofa-removed = Аутентификатор қолданбасы өшірілді. Басқа тәсілдер қалмаса, резервтік кодтар да енді жарамсыз.
twofa-already = Қолданба қосылып қойған.
twofa-codes-heading = Резервтік кодтар
twofa-codes-once = Бұл кодтарды сенімді жерде сақтаңыз: олар тек қазір көрсетіледі. Телефон қолыңызда болмаса, әр кодты бір рет пайдалануға болады.
# Variables: $count (plural selector), $n (formatted)
twofa-codes-left = { $count ->
    [one] Пайдаланылмаған { $n } резервтік код қалды.
   *[other] Пайдаланылмаған { $n } резервтік код қалды.
}
## Second factors: the administrators' page
twofa-admin-title = Қызметкерлердің екінші факторы
twofa-admin-heading = Қызметкерлердің екінші факторы
twofa-admin-roles = Екінші фактор кімге міндетті
twofa-admin-roles-intro = Белгіленген рөлі бар, бірақ екінші факторы жоқ қызметкер құпиясөзден кейін бірден оны қосу бетіне өтеді және оған дейін басқа ештеңе істей алмайды. Өзгеріс келесі кіруден бастап күшіне енеді.
twofa-admin-roles-legend = Рөлдер
twofa-admin-roles-save = Сақтау
twofa-admin-roles-saved = Екінші фактор қажет рөлдер сақталды.
twofa-admin-reset = Екінші факторды қалпына келтіру
twofa-admin-reset-intro = Қызметкер телефонын және резервтік кодтарын жоғалтса. Қалпына келтіруді басқа әкімші растайды; содан кейін қызметкердің барлық сеанстары аяқталады, ал келесі кіргенде ол екінші факторды қайта қосады.
twofa-admin-person = Қызметкер
twofa-admin-choose = Қызметкерді таңдаңыз
twofa-admin-choose-person = Екінші факторы қосылған қызметкерді таңдаңыз.
twofa-admin-reason = Себебі
twofa-admin-reason-long = Себебі 500 таңбадан ұзын. Оны қысқартыңыз.
twofa-admin-ask = Қалпына келтіруді сұрау
twofa-admin-asked = { $name } үшін екінші факторды қалпына келтіру сұралды. Оны басқа әкімші растауы керек.
twofa-admin-already-asked = Бұл қызметкер үшін қалпына келтіру сұралған және растауды күтіп тұр.
twofa-admin-requests = Қалпына келтіру сұраулары
twofa-admin-no-requests = Қалпына келтіру сұраулары жоқ.
twofa-admin-asked-by = Сұраған
twofa-admin-other-admin = Тек басқа әкімші ғана растай алады.
twofa-admin-confirm = Қалпына келтіруді растау
twofa-admin-cancel = Сұрауды болдырмау
twofa-admin-four-eyes = Қалпына келтіруді басқа әкімші растайды: оны сұраған адам да, қызметкердің өзі де емес. Ештеңе өзгертілмеді.
twofa-admin-not-open = Бұл сұрау қаралып қойған. Ештеңе өзгертілмеді.
twofa-admin-reset-done = Екінші фактор қалпына келтірілді, қызметкердің сеанстары аяқталды.
twofa-admin-reset-cancelled = Қалпына келтіру сұрауы болдырылмады.
twofa-admin-people = Қызметкерлер
twofa-admin-required = Рөлі бойынша міндетті
twofa-admin-yes = Иә
twofa-admin-no = Жоқ
## Step-up before a sensitive action
stepup-title = Бұл сіз екеніңізді растаңыз
stepup-heading = Бұл сіз екеніңізді растаңыз
# Variables: $count (plural selector), $n (formatted)
stepup-intro = { $count ->
    [one] Бұл әрекет растауды талап етеді. Одан кейін { $n } минут бойы мұндай әрекеттер оны сұрамайды.
   *[other] Бұл әрекет растауды талап етеді. Одан кейін { $n } минут бойы мұндай әрекеттер оны сұрамайды.
}
stepup-recovery = Телефон қолыңызда жоқ па? Резервтік кодты енгізіңіз
stepup-confirm = Растау
stepup-password-wrong = Құпиясөз қате.
stepup-done = Расталды. Пішін сіз толтырғандай сақталды: оны жіберіңіз.
stepup-send = Пішінді жіберу
## The step a sign-in lock holds
locks-step-password = (құпиясөз)
locks-step-code = (екінші фактордың коды)
locks-step-up = (әрекетті растау)

# Passkeys (WebAuthn)
passkey-heading = Кіру кілттері (passkeys)
passkey-intro = Ұсынылатын тәсіл. Кіру кілті компьютеріңізде, телефоныңызда немесе электрондық кілтте сақталады және саусақ ізімен, бет-әлпетпен немесе PIN-кодпен расталады. Жалған сайт оны алдап ала алмайды: браузер кілттің жауабын тек порталдың нақты мекенжайына береді.
passkey-none = Кіру кілттері жоқ
passkey-added-at = Қосылған уақыты
passkey-last-used = соңғы рет пайдаланылғаны:
passkey-never-used = әлі пайдаланылмаған
passkey-remove = Жою
passkey-remove-named = «{ $name }» кіру кілтін жою
passkey-name-label = Кілттің атауы
passkey-name-hint = Кілттерді бір-бірінен ажырату үшін, мысалы, «Жұмыс ноутбугі» немесе «Телефон».
passkey-add = Кіру кілтін қосу
passkey-needs-script = Кіру кілттері үшін браузерде JavaScript қосулы болуы керек.
passkey-where = Кіру кілттері портал { $url } мекенжайында ашылғанда жұмыс істейді.
passkey-name-required = Кілттің атауын енгізіңіз.
passkey-name-long = Атауы 60 таңбадан аспауы және қызметтік таңбаларсыз болуы керек.
passkey-name-taken = Мұндай атаумен кілт бұрыннан бар. Басқа атау таңдаңыз: жасалған кілт сол атаумен сақталады.
passkey-no-answer = Кілт жасалмады: браузер жауап бермеді. «Кіру кілтін қосу» батырмасын басып, кілтті құрылғыда растаңыз.
passkey-known = Бұл кілт бұрын қосылған.
passkey-refused = Кілт қабылданбады: жауаптың мерзімі өтіп кеткен немесе ол сәйкес емес. Қайталап көріңіз.
passkey-added = «{ $name }» кіру кілті қосылды.
passkey-removed = «{ $name }» кіру кілті жойылды.
passkey-not-found = Мұндай кілт жоқ. Ештеңе өзгертілмеді.
passkey-use = Кіру кілтімен растау
passkey-or = немесе
passkey-cancelled = Кілтпен әрекет тоқтатылды немесе уақыты өтіп кетті. Қайталап көріңіз.
passkey-unsupported = Бұл браузер кіру кілттерін қолдамайды.
passkey-failed = Кілтке жүгіну мүмкін болмады. Бетті жаңартып, қайталап көріңіз.
passkey-address = Кіру кілттері порталдың домендік мекенжайында ғана жұмыс істейді. Порталды IP арқылы емес, өз мекенжайы арқылы ашыңыз.
passkey-wrong = Кіру кілті қабылданбады. Қайталап көріңіз.
code-intro-passkey = Кіруді екінші фактормен растаңыз: кіру кілтімен, қолданбадағы кодпен немесе резервтік кодпен.
twofa-codes-hint = Жаңа кодтар ескілерін алмастырады.
passkey-rename = Атауын өзгерту
passkey-new-name = Жаңа атауы
passkey-rename-save = Атауын сақтау
passkey-renamed = Кіру кілтінің жаңа атауы: «{ $name }».
passkey-name-taken-other = Басқа кілтіңіз осылай аталады. Басқа атау таңдаңыз.
