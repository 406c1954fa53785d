## Access restoration after a report of unauthorised access (policy 5.7).

restoration-customer-what-to-send = Деректеріңізді қорғау үшін есептік жазбаңызға қолжетімділікті бұғаттадық. Қолжетімділікті қалпына келтіру үшін қосымша арқылы немесе info@kreditomat.kz поштасына жаңа селфи, жеке куәлігіңіздің фотосуретін және құрылғыңызды кім пайдаланғаны туралы құжаттарды (мысалы, полицияға берілген арыз туралы талон-хабарламаны) жіберіңіз.
restoration-source-app = қосымшадан
restoration-source-ticket = қолдау қызметіне өтініштен
restoration-source-phone = телефон арқылы
restoration-device-lost = құрылғы жоғалған
restoration-device-stolen = құрылғы ұрланған
restoration-device-kept = құрылғы клиентте
restoration-device-unknown = белгісіз
audit-action-restoration-opened = Қолжетімділікті қалпына келтіру ісі ашылды
audit-action-restoration-report-joined = Рұқсатсыз қолжетімділік туралы жаңа хабарлама ашық іске қосылды
audit-key-customer = Клиент
audit-key-source = Қайдан
audit-key-device = Құрылғы
