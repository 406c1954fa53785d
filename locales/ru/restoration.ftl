## Access restoration after a report of unauthorised access (policy 5.7).

restoration-customer-what-to-send = Мы заблокировали доступ к вашей учётной записи, чтобы защитить ваши данные. Чтобы восстановить доступ, пришлите в приложении или на info@kreditomat.kz новое селфи, фотографию удостоверения личности и документы о том, кто воспользовался вашим устройством (например, талон-уведомление о заявлении в полицию).
restoration-source-app = из приложения
restoration-source-ticket = из обращения в поддержку
restoration-source-phone = по телефону
restoration-device-lost = устройство потеряно
restoration-device-stolen = устройство украдено
restoration-device-kept = устройство у клиента
restoration-device-unknown = неизвестно
audit-action-restoration-opened = Открыто дело о восстановлении доступа
audit-action-restoration-report-joined = Новое сообщение о несанкционированном доступе добавлено к открытому делу
audit-key-customer = Клиент
audit-key-source = Откуда
audit-key-device = Устройство
