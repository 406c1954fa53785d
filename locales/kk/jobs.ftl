# Background jobs: the administrators' page.

nav-jobs = Фондық тапсырмалар
nav-jobs-desc = Тұрақты тапсырмалар және қайта тексеру: не орындалды, не күтуде, не қатемен аяқталды
jobs-title = Фондық тапсырмалар
jobs-heading = Фондық тапсырмалар
jobs-intro = Портал бұл тапсырмаларды қызметкерлердің сұрауларынан тыс өзі орындайды. Қатемен аяқталған тапсырма үзілістен кейін қайталанады; талпыныстар таусылғанда ол әкімшінің шешімін күтеді.
jobs-scheduled = Тұрақты тапсырмалар
jobs-one-off = Бір реттік тапсырмалар
jobs-states = Тапсырмалардың күйлері
jobs-kind = Тапсырма
jobs-every = Қаншалықты жиі
# Variables: $count (plural selector), $n (formatted)
jobs-every-minutes = { $count ->
    [1] әр минут сайын
   *[other] әр { $n } минут сайын
}
# Variables: $count (plural selector), $n (formatted)
jobs-every-hours = { $count ->
    [1] әр сағат сайын
   *[other] әр { $n } сағат сайын
}
# Variables: $count (plural selector), $n (formatted)
jobs-every-days = { $count ->
    [1] күн сайын
   *[other] әр { $n } күн сайын
}
jobs-last-run = Соңғы іске қосу
jobs-next-run = Келесі іске қосу
jobs-last-error = Соңғы қате
jobs-actions = Әрекеттер
jobs-number = №
jobs-attempts = Талпыныстар саны
jobs-created = Құрылған уақыты
jobs-due-now = қазір
# Variables: $count (plural selector), $n (formatted)
jobs-did = { $n } нысан өңделді
jobs-empty = Бұл күйдегі тапсырмалар жоқ.
jobs-run-now = Қазір орындау
jobs-retry = Қайталау
jobs-cancel = Болдырмау
# Variables: $id
jobs-cancel-confirm = № { $id } тапсырманы болдырмау керек пе? Ол орындалмайды.
# Variables: $id
jobs-retried = № { $id } тапсырма кезекке қойылды.
# Variables: $id
jobs-cancelled = № { $id } тапсырма болдырылмады.
# Variables: $id
jobs-changed-meanwhile = № { $id } тапсырма өзгеріп үлгерді: оны портал орындады немесе басқа әкімші өзгертті. Ағымдағы күйі көрсетілген.
jobs-state-queued = Кезекте
jobs-state-running = Орындалуда
jobs-state-failed = Қатемен
jobs-state-done = Орындалғандар
jobs-state-cancelled = Болдырылмағандар
jobs-kind-screening-rescreen = Тізімнің жаңа нұсқасы бойынша өтінімдерді қайта тексеру
jobs-kind-support-auto-close = Шешілген өтініштерді жабу
jobs-kind-support-deadlines = SLA мерзімдері туралы ескертулер және заң бойынша сұрауларды басшыға белгілеу
jobs-kind-review-documents-expiry = Құжаттар сұрауының мерзімі өтуі
jobs-kind-sessions-cleanup = Мерзімі өткен сессияларды жою
jobs-kind-sign-in-refusal-windows = Сәтсіз кірулер есептегіштерін тазарту
jobs-kind-customers-retention = Сақтау мерзімі өткен деректерді жою
jobs-kind-jobs-prune = Ескі аяқталған тапсырмаларды жою
audit-action-job-retried = Тапсырма кезекке қайта қойылды
audit-action-job-cancelled = Тапсырма болдырылмады
audit-key-job = Тапсырма
audit-key-job-state = Әрекетке дейінгі тапсырма күйі
