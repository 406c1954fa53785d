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
login-signed-out = Сіз порталдан шықтыңыз.
## Sign-in locks
locks-title = Кіруді бұғаттау
locks-heading = Кіруді бұғаттау
locks-intro = Бірнеше рет қатарынан қате құпиясөз енгізілгеннен кейін логин бойынша кіру уақытша бұғатталады. Кіруге қызметкердің өзі тырысқанына көз жеткізгенде ғана бұғаттауды алыңыз.
locks-none = Қазір ешкімнің кіруі бұғатталмаған.
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
