# Staff administration.

staff-title = Қызметкерлер
staff-heading = Қызметкерлер
staff-new = Қызметкер қосу
# Variables: $count number of active accounts (plural selector), $n the same, formatted.
staff-active-count = { $count ->
    [one] { $n } белсенді есептік жазба
   *[other] { $n } белсенді есептік жазба
}
staff-full-name = Аты-жөні
staff-login = Логин
staff-roles = Рөлдер
staff-status = Күйі
staff-last-sign-in = Соңғы кіру
staff-created = Құрылған күні
staff-active = Белсенді
staff-inactive = Өшірілген
staff-must-change = Құпиясөзді ауыстыруы керек
staff-back = Қызметкерлер тізіміне
staff-new-title = Жаңа қызметкер
staff-new-heading = Жаңа қызметкер
staff-login-hint = 3-тен 32-ге дейін таңба: латын әріптері, цифрлар, нүкте, сызықша, астыңғы сызық; әріптен басталады.
staff-language = Интерфейс тілі
staff-language-browser = Браузердегідей
staff-new-password-note = Портал уақытша құпиясөз жасап, оны бір рет көрсетеді. Қызметкер алғаш кіргенде оны ауыстырады.
staff-create = Есептік жазба құру
staff-created-title = Есептік жазба құрылды
# Variables: $name the new person's full name.
staff-created-text = { $name } үшін есептік жазба құрылды. Уақытша құпиясөзді қызметкерге қауіпсіз жолмен беріңіз.
staff-reset-title = Құпиясөз қалпына келтірілді
# Variables: $name the person's full name.
staff-reset-text = { $name } қызметкерінің құпиясөзі қалпына келтірілді, қызметкердің барлық сеанстары аяқталды. Келесі кіргенде ол құпиясөзді ауыстыруы керек.
staff-temporary-password = Уақытша құпиясөз
staff-password-once = Құпиясөз бір рет көрсетіледі және ешқайда ашық түрде сақталмайды.
staff-show-title = Қызметкер
staff-deactivate = Есептік жазбаны өшіру
# Variables: $name the person's full name.
staff-deactivate-confirm = { $name } қызметкерінің есептік жазбасын өшіру керек пе? Қызметкер қолжетімділікті бірден жоғалтады.
staff-reactivate = Есептік жазбаны қосу
staff-reset-password = Құпиясөзді қалпына келтіру
staff-history = Аудит журналындағы өзгерістер тарихы
staff-save-roles = Рөлдерді сақтау
# Variables: $name the person's full name.
staff-roles-saved = { $name } қызметкерінің рөлдері сақталды.
# Variables: $name the person's full name.
staff-deactivated = { $name } қызметкерінің есептік жазбасы өшірілді, оның сеанстары аяқталды.
# Variables: $name the person's full name.
staff-reactivated = { $name } қызметкерінің есептік жазбасы қайта белсенді.
staff-cannot-deactivate-self = Өз есептік жазбаңызды өшіруге болмайды.
staff-cannot-drop-own-admin = Өзіңізден әкімші рөлін алып тастауға болмайды.
staff-cannot-grant-self = Шешім қабылдайтын рөлді (верификатор, комплаенс-офицер) өзіңізге беруге болмайды: оны басқа әкімші береді.
staff-roles-incompatible = Верификатор мен аға комплаенс-офицер — «төрт көз» қағидасының екі жағы: бір қызметкерге екі рөл бірдей берілмейді.
staff-login-length = Логин 3-тен 32-ге дейін таңбадан тұруы керек.
staff-login-chars = Логин латын әрпінен басталып, тек латын әріптерінен, цифрлардан, нүктеден, сызықшадан және астыңғы сызықтан тұрады.
staff-login-taken = Бұл логин бұрыннан бар.
staff-name-length = Аты-жөні 2-ден 120-ға дейін таңбадан тұруы керек.
staff-name-chars = Аты-жөнінде рұқсат етілмеген таңбалар бар.
staff-role-required = Кемінде бір рөлді таңдаңыз.
staff-role-unknown = Белгісіз рөл таңдалды.

access-list-title = ДД-ге қол жеткізу тізімі
access-list-heading = Дербес деректерге кімнің қол жеткізуі бар және болған
access-list-intro = Клиенттердің дербес деректеріне қол жеткізу беретін әр рөлдің әр кезеңі (№ 94-V заң): қай уақыттан қай уақытқа дейін. Мұндай қол жеткізуі бар рөлдер:
access-list-csv = CSV жүктеп алу
access-list-empty = Әзірге ешкім дербес деректерге қол жеткізу алмаған.
access-list-name = Аты-жөні
access-list-login = Логин
access-list-role = Рөлі
access-list-since = Басталуы
access-list-until = Аяқталуы
access-list-now = осы күнге дейін
access-list-account-active = Есептік жазба белсенді
access-list-yes = иә
access-list-no = жоқ
