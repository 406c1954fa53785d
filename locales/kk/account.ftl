# A person's own profile: language and password.

account-title = Менің профилім
account-heading = Менің профилім
account-must-change = Жұмысты бастамас бұрын уақытша құпиясөзді ауыстырыңыз.
account-profile = Деректер
account-language = Тіл
account-language-label = Интерфейс тілі
account-language-save = Тілді сақтау
account-language-saved = Интерфейс тілі сақталды.
account-password = Құпиясөзді ауыстыру
account-current-password = Ағымдағы құпиясөз
account-new-password = Жаңа құпиясөз
account-password-hint = Кемінде 10 таңба. Бірнеше сөзден тұратын тіркесті қолданған ыңғайлы.
account-confirm-password = Жаңа құпиясөзді қайталаңыз
account-password-save = Құпиясөзді ауыстыру
account-current-wrong = Ағымдағы құпиясөз қате енгізілді.
account-new-same = Жаңа құпиясөз ағымдағыдан өзгеше болуы керек.
account-confirm-mismatch = Құпиясөздер сәйкес келмейді.
account-password-changed = Құпиясөз өзгертілді. Осы есептік жазбаның басқа сеанстары аяқталды.
## Active sessions
sessions-heading = Белсенді сеанстар
sessions-intro = Порталға қазір қай жерден кіргенсіз. Қандай да бір сеанс сізге таныс болмаса, оны аяқтап, құпиясөзді ауыстырыңыз.
sessions-this = Осы сеанс
sessions-address = Мекенжай
sessions-started = Кіру
sessions-seen = Соңғы әрекет
sessions-browser = Браузер
sessions-person = Қызметкер
sessions-end = Аяқтау
sessions-end-this = Осы сеанстан шығу
sessions-end-others = Қалған сеанстардың бәрін аяқтау
sessions-ended = Сеанс аяқталды.
# Variables: $count (plural selector), $n (formatted)
sessions-others-ended = { $count ->
    [0] Басқа сеанстар болмады.
   *[other] { $n } сеанс аяқталды.
}
sessions-not-found = Сеанс табылмады: ол аяқталып қойған немесе сізге тиесілі емес. Ештеңе өзгертілмеді.
sessions-none = Белсенді сеанстар жоқ.
sessions-admin-title = Қызметкерлердің белсенді сеанстары
sessions-admin-heading = Қызметкерлердің белсенді сеанстары
sessions-admin-intro = Қазір кіру орындалған барлық сеанстар. Аяқталған сеанс браузердегі келесі әрекетте жабылады.
