nav-policy-versions = Саясат редакциялары
nav-policy-versions-desc = Құпиялылық саясатының редакциялары: нөмірі, күшіне енген күні, орыс және қазақ тіліндегі мәтіні
policy-versions-title = Құпиялылық саясатының редакциялары
policy-versions-heading = Құпиялылық саясатының редакциялары
policy-versions-intro = Саясаттың әр редакциясы күшіне енген күнімен және екі тілдегі мәтінімен. Клиенттің келісімі ол қабылдаған редакцияға сілтеме жасайды. Жазылған редакцияны өзгертуге болмайды: өзгеріс — жаңа редакция.
policy-versions-list = Редакциялар
policy-versions-none = Әзірге редакциялар жоқ.
policy-versions-number = Редакция
policy-versions-number-hint = Латын әріптері, цифрлар, нүкте және дефис, 20 таңбаға дейін, мысалы 2.1.
policy-versions-number-invalid = Редакция нөмірі: латын әріптері, цифрлар, нүкте және дефис, 20 таңбаға дейін.
policy-versions-number-taken = Мұндай нөмірлі редакция бұрыннан жазылған.
policy-versions-effective-on = Күшіне енген күні
policy-versions-date-invalid = Күнді ЖЖЖЖ-АА-КК түрінде көрсетіңіз.
policy-versions-length = Таңбалар (орыс. / қаз.)
policy-versions-objections = Қарсылықтар (10.4-т.)
policy-versions-recorded = Жазған қызметкер
policy-versions-seeded = орнату кезінде
policy-versions-new = Жаңа редакция
policy-versions-new-hint = Сақтамас бұрын мәтінді тексеріңіз: жазылған редакцияны өзгертуге болмайды.
policy-versions-text-ru = Орыс тіліндегі мәтін
policy-versions-text-kk = Қазақ тіліндегі мәтін
policy-versions-add = Редакцияны жазу
policy-versions-back = Саясат редакцияларына оралу
policy-versions-show-title = Құпиялылық саясатының редакциясы
# Variables: $number version number.
policy-versions-show-heading = Құпиялылық саясаты, { $number } редакциясы
# Variables: $date the day it takes effect.
policy-versions-effective-from = { $date } бастап күшінде
# Variables: $number version number.
policy-versions-added = { $number } редакциясы жазылды.
