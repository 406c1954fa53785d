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
twofa-intro = Құпиясөзден кейін портал телефондағы аутентификатор қолданбасының кодын сұрайды (Google Authenticator, Microsoft Authenticator, FreeOTP және басқалар). Сонда ұрланған құпиясөз кіру үшін жеткіліксіз болады.
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
twofa-already = Қолданба қосылып қойған.
twofa-codes-heading = Резервтік кодтар
twofa-codes-once = Бұл кодтарды сенімді жерде сақтаңыз: олар тек қазір көрсетіледі. Телефон қолыңызда болмаса, әр кодты бір рет пайдалануға болады.
# Variables: $count (plural selector), $n (formatted)
twofa-codes-left = { $count ->
    [one] Пайдаланылмаған { $n } резервтік код қалды.
   *[other] Пайдаланылмаған { $n } резервтік код қалды.
}
