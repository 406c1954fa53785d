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
