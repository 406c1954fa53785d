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
