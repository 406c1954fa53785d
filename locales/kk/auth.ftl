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
