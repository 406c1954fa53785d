# Shared by every page: the layout, navigation, roles, formats and error pages.

app-name = Kreditomat · қызметкерлер порталы
layout-skip-to-content = Мазмұнға өту
layout-language = Интерфейс тілі
# The language's own name, shown in the language switcher.
lang-self = Қазақша

nav-label = Негізгі мәзір
nav-home = Басты бет
nav-staff = Қызметкерлер
nav-api-keys = API кілттері
nav-api-keys-desc = Мобильді қосымша бэкендінің кілттері: жасау және кері қайтарып алу
nav-audit = Аудит журналы
nav-account = Менің профилім
nav-sign-out = Шығу
nav-home-desc = Жұмысыңызға шолу
nav-staff-desc = Есептік жазбалар, рөлдер, өшіру және құпиясөзді қалпына келтіру
nav-audit-desc = Кім, қашан және нені өзгертті немесе қарады
nav-account-desc = Интерфейс тілі және құпиясөзді ауыстыру
nav-review = Өтінімдерді тексеру
nav-review-desc = KYC кезегі: фотосуреттер, ЖСН тексерулері, алаяқтық белгілері, шешімдер
nav-reasons = Себептер
nav-reasons-desc = Бас тарту және есептік жазба әрекеттерінің себептері, клиентке арналған екі тілдегі мәтіндерімен
nav-access-log = ДД-ге қол жеткізу
nav-access-log-desc = Клиенттердің дербес деректерін кім және қашан ашты
nav-locks = Кіруді бұғаттау
nav-locks-desc = Қате құпиясөздерден кейін кіруі бұғатталған есептік жазбалар және бұғаттауды алу

role-verifier = Верификатор
role-compliance = Комплаенс-офицер
role-senior-compliance = Аға комплаенс-офицер
role-support = Қолдау қызметінің агенті
role-security = Қауіпсіздік офицері
role-manager = Басшы
role-admin = Әкімші

field-required = Бұл өрісті толтырыңыз.
field-invalid-choice = Тізімнен мән таңдаңыз.
field-date-invalid = Күнді ЖЖЖЖ-АА-КК пішімінде енгізіңіз.
password-too-short = Құпиясөз кемінде 10 таңбадан тұруы керек.
password-too-long = Құпиясөз 128 таңбадан аспауы керек.
password-too-weak = Құпиясөз тым қарапайым: оны бос орынмен бастамаңыз және аяқтамаңыз, бір таңбаны қайталамаңыз.

# Date formats (CLDR kk). Variables: $dd, $mm two-digit day and month; $yyyy, $yy year.
fmt-date-short = { $dd }.{ $mm }.{ $yyyy }
# Variables: $date formatted date, $time HH:MM in Almaty time.
fmt-datetime = { $date } { $time }
# Variables: $day day of month, $month month name, $year.
fmt-date-long = { $year } ж. { $day } { $month }
# Variables: $n (formatted), $count (for the plural form)
fmt-waited-minutes = { $n } мин
# Variables: $n, $count
fmt-waited-hours = { $n } сағ
# Variables: $n, $count
fmt-waited-days = { $n } күн
month-gen-1 = қаңтар
month-gen-2 = ақпан
month-gen-3 = наурыз
month-gen-4 = сәуір
month-gen-5 = мамыр
month-gen-6 = маусым
month-gen-7 = шілде
month-gen-8 = тамыз
month-gen-9 = қыркүйек
month-gen-10 = қазан
month-gen-11 = қараша
month-gen-12 = желтоқсан

# Variables: $code HTTP status code.
error-code = Қате { $code }
error-go-home = Басты бетке
error-400-title = Сұраныс дұрыс емес
error-400-text = Бет өңдей алмайтын деректер алды. Артқа оралып, енгізілгенді тексеріңіз.
error-403-title = Қолжетімділік жоқ
error-403-text = Бұл бет сіздің рөліңізге қолжетімді емес. Жұмыс үшін қажет болса, әкімшіге хабарласыңыз.
error-403-admin-text = Бұл бет басқа рөлге арналған. Рөлдерді «Қызметкерлер» бетінде басқа әкімші береді: өзіңізге шешім қабылдайтын рөлді беруге болмайды.

## Countries by ISO 3166 code (lower case), for citizenship and list entries
country-kz = Қазақстан
country-ru = Ресей
country-uz = Өзбекстан
country-kg = Қырғызстан
country-tj = Тәжікстан
country-tm = Түрікменстан
country-cn = Қытай
country-tr = Түркия
country-by = Беларусь
country-ua = Украина
country-az = Әзірбайжан
country-am = Армения
country-ge = Грузия
country-mn = Моңғолия
country-us = АҚШ
country-gb = Ұлыбритания
country-de = Германия
country-ae = БАӘ
country-kr = Корея Республикасы
country-in = Үндістан
error-csrf-title = Пішіннің мерзімі өтті
error-csrf-text = Пішін ашылғанына тым көп уақыт өткен немесе ол порталдан тыс жіберілген. Бетті жаңартып, пішінді қайта жіберіңіз.
error-404-title = Бет табылмады
error-404-text = Мұндай бет жоқ. Мекенжайды тексеріңіз немесе басты бетке өтіңіз.
error-405-title = Әрекет қолжетімсіз
error-405-text = Бұл бет мұндай әрекетті қолдамайды.
error-413-title = Деректер көлемі тым үлкен
error-413-text = Жіберілген деректер рұқсат етілген өлшемнен асады.
error-429-title = Сұраныстар тым көп
error-429-text = Біраз күтіп, әрекетті қайталаңыз.
error-500-title = Ішкі қате
error-500-text = Бірдеңе дұрыс болмады. Қате тіркелді; қайталап көріңіз, ал ол қайталанса, әкімшіге хабарлаңыз.
error-503-title = Қызмет уақытша қолжетімсіз
error-503-text = Портал сұранысты уақытша өңдей алмайды. Бірнеше минуттан кейін қайталаңыз.
