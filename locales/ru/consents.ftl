nav-policy-versions = Редакции Политики
nav-policy-versions-desc = Редакции Политики конфиденциальности: номер, дата вступления в силу, текст на русском и казахском
policy-versions-title = Редакции Политики конфиденциальности
policy-versions-heading = Редакции Политики конфиденциальности
policy-versions-intro = Каждая редакция Политики с датой вступления в силу и текстом на двух языках. Согласие клиента ссылается на редакцию, которую он принял. Записанную редакцию нельзя изменить: изменение — это новая редакция.
policy-versions-list = Редакции
policy-versions-none = Редакций пока нет.
policy-versions-number = Редакция
policy-versions-number-hint = Латинские буквы, цифры, точка и дефис, до 20 символов, например 2.1.
policy-versions-number-invalid = Номер редакции: латинские буквы, цифры, точка и дефис, до 20 символов.
policy-versions-number-taken = Редакция с таким номером уже записана.
policy-versions-effective-on = Действует с
policy-versions-date-invalid = Укажите дату в виде ГГГГ-ММ-ДД.
policy-versions-length = Символов (рус. / каз.)
policy-versions-objections = Возражений (п. 10.4)
policy-versions-recorded = Записал(а)
policy-versions-seeded = при установке
policy-versions-new = Новая редакция
policy-versions-new-hint = Проверьте текст перед сохранением: записанную редакцию изменить нельзя.
policy-versions-text-ru = Текст на русском языке
policy-versions-text-kk = Текст на казахском языке
policy-versions-add = Записать редакцию
policy-versions-back = К редакциям Политики
policy-versions-show-title = Редакция Политики конфиденциальности
# Variables: $number version number.
policy-versions-show-heading = Политика конфиденциальности, редакция { $number }
# Variables: $date the day it takes effect.
policy-versions-effective-from = Действует с { $date }
# Variables: $number version number.
policy-versions-added = Редакция { $number } записана.
