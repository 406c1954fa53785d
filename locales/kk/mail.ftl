## Mail the portal sends: the outbox for administrators, and the text of the mail itself.

nav-mail = Шығыс пошта
nav-mail-desc = Клиенттерге e-mail арқылы жіберілген жауаптар мен растаулар: не жіберілді, не күтуде, не жіберілмеді

mail-outbox-title = Шығыс пошта
mail-outbox-heading = Шығыс пошта
mail-outbox-intro = Қызметкерлердің e-mail арқылы келген өтініштерге жауаптары және жаңа өтініштердің растаулары. Жіберілмеген хат үзілістермен қайта жіберіледі; талпыныстар таусылғанда оны қайтадан жіберуге болады.
mail-outbox-no-smtp = Пошта сервері бапталмаған: хаттар жіберілмейді, осында сақталады. Оларды жіберу үшін --smtp-url (PORTAL_SMTP_URL) параметрін көрсетіңіз.
mail-outbox-empty = Бұл күйде хат жоқ.
mail-states = Хаттардың күйлері
mail-state-queued = Жіберуді күтуде
mail-state-retrying = Қайта талпыныс
mail-state-failed = Жіберілмеді
mail-state-sent = Жіберілді
mail-state-kept = Жіберілмей сақталды
mail-created = Құрылған уақыты
mail-ticket = Өтініш
mail-kind = Хат
mail-kind-reply = Қызметкердің жауабы
mail-kind-acknowledgement = Алынғаны туралы растау
mail-recipient = Алушы
mail-subject = Тақырыбы
mail-attempts = Талпыныстар
mail-last-error = Соңғы қате
mail-sent-at = Жіберілген уақыты
mail-text = Хаттың мәтіні
mail-retry = Қайтадан жіберу
mail-retried = № { $id } хат жіберу кезегіне қайта қойылды.
mail-changed-meanwhile = № { $id } хат өзгеріп үлгерді: ол жіберілді немесе кезекке қойылды. Төмендегі күйін тексеріңіз.
mail-outgoing-title = Шығыс хат

## The mail itself, in the customer's language.

mail-greeting = Сәлеметсіз бе!
mail-signature = Kreditomat қолдау қызметі
mail-keep-tag = Осы хатқа жауап бергенде, тақырыптағы { $tag } өтініш нөмірін сақтаңыз.
mail-acknowledgement-body = Хатыңызды алдық және { $number } өтінішін тіркедік. Қолдау қызметінің қызметкері жақын арада жауап береді; дербес деректер туралы сұрауларға заңда белгіленген мерзімде жауап береміз.

jobs-kind-mail-send = Клиентке хат жіберу
access-log-support-mail = клиентке жіберілген шығыс хат
audit-action-mail-retried = Хат жіберу кезегіне қайта қойылды
audit-key-mail = Хат
audit-key-last-error = Соңғы қате
mail-acknowledgement-subject = { $number } өтініші тіркелді
mail-outbox-content-hidden = Кімге және не жіберілгенін қолдау қызметінің қызметкерлері көреді: әкімшіге клиенттердің мекенжайлары мен хат алмасуы көрсетілмейді.
mail-header-message-id = Message-ID
mail-header-in-reply-to = In-Reply-To
mail-header-references = References
audit-key-mail-state = Хаттың күйі
mail-status-queued = Жіберуді күтуде
mail-status-retrying = Қайта талпыныс
mail-status-failed = Жіберілмеді
mail-status-sent = Жіберілді
mail-status-kept = Жіберілмей сақталды
