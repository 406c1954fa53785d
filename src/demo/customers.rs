//! The demo's customers as a back office meets them: two versions of the privacy policy with the
//! consents given to each (and a few withdrawn), open and repaid loans, accounts blocked,
//! restricted, archived and waiting for an archive confirmation, made through the same code as
//! the officers' own actions, and a few disclosures in the register.

use time::{Date, Duration, OffsetDateTime};

use crate::{
    audit::{self, Actor, Entry},
    customers::{
        account::{self, Action, Change},
        archive::{self, Ending},
    },
    db::{self, Db},
    staff::store,
    with_db, with_tx,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `(number, effective on, Russian text, Kazakh text)` of the demo's policy versions.
const VERSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "1.0",
        "2025-01-15",
        "Политика конфиденциальности МФО «Vzaimy» (редакция 1.0).\n\n1. Компания обрабатывает персональные данные Пользователя, полученные через Мобильное приложение «Kreditomat», для рассмотрения заявок на микрокредит.\n2. Пользователь даёт согласие на сбор и обработку персональных данных, указанных в настоящей Политике.\n3. Пользователь вправе отозвать согласие, направив письменное заявление на info@kreditomat.kz.",
        "«Vzaimy» МҚҰ құпиялылық саясаты (1.0 редакциясы).\n\n1. Компания «Kreditomat» мобильді қосымшасы арқылы алынған Пайдаланушының дербес деректерін микрокредитке өтінімдерді қарау үшін өңдейді.\n2. Пайдаланушы осы Саясатта көрсетілген дербес деректерді жинауға және өңдеуге келісім береді.\n3. Пайдаланушы info@kreditomat.kz поштасына жазбаша өтініш жіберу арқылы келісімін кері қайтарып ала алады.",
    ),
    (
        "2.0",
        "2026-06-01",
        "Политика конфиденциальности МФО «Vzaimy» (редакция 2.0).\n\n1. Компания обрабатывает персональные данные Пользователя, полученные через Мобильное приложение «Kreditomat», для рассмотрения заявок и исполнения договоров микрокредита.\n2. Данные передаются третьим лицам только в случаях, перечисленных в разделе 7: с согласия Пользователя, по требованию суда или уполномоченного органа, в кредитное бюро, коллекторскому агентству по договору.\n3. Пользователь вправе отозвать согласие; отзыв не допускается, пока не исполнены обязательства по договору.\n4. Об изменении Политики Компания сообщает в личном кабинете.",
        "«Vzaimy» МҚҰ құпиялылық саясаты (2.0 редакциясы).\n\n1. Компания «Kreditomat» мобильді қосымшасы арқылы алынған Пайдаланушының дербес деректерін өтінімдерді қарау және микрокредит шарттарын орындау үшін өңдейді.\n2. Деректер үшінші тұлғаларға тек 7-бөлімде аталған жағдайларда беріледі: Пайдаланушының келісімімен, сот немесе уәкілетті орган талабы бойынша, кредиттік бюроға, шарт бойынша коллекторлық агенттікке.\n3. Пайдаланушы келісімін кері қайтарып ала алады; шарт бойынша міндеттемелер орындалмайынша кері қайтарып алуға болмайды.\n4. Саясаттың өзгергені туралы Компания жеке кабинетте хабарлайды.",
    ),
];

/// Loads the demo's policy versions, consents, obligations and account actions, unless the
/// policy versions are there already.
pub async fn load(db: &Db) -> Result<(), BoxError> {
    let existing: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM policy_versions").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(());
    }
    let demo = Actor::System("demo");
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let mut tx = db.begin().await?;
    let mut version_ids = Vec::new();
    for (number, effective, ru, kk) in VERSIONS {
        let effective_on = Date::parse(effective, format)?;
        let id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO policy_versions (number, effective_on, text_ru, text_kk, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id"
        )
        .bind(number)
        .bind(effective_on)
        .bind(ru)
        .bind(kk)
        .bind(db::now())
        .fetch_one(c)
        .await)?;
        let entry = Entry::new(&demo, "policy.version-added")
            .subject("policy_version", id)
            .details(serde_json::json!({ "number": number, "effective_on": effective }));
        audit::record(&mut tx, entry).await?;
        version_ids.push(id);
    }
    // Every customer consented to 2.0 when they applied; one in three had consented to 1.0 long
    // before; one in seventeen withdrew. Those applying again had a loan: one in four repaid it.
    type Row = (i64, OffsetDateTime, bool);
    let customers: Vec<Row> = with_tx!(&mut tx, |c| sqlx::query_as(
        "SELECT c.id, c.created_at,
                (SELECT COUNT(*) FROM applications a WHERE a.customer_id = c.id) > 1
         FROM customers c ORDER BY c.id"
    )
    .fetch_all(c)
    .await)?;
    for (id, created, repeat) in &customers {
        let consent = |version: i64, given: bool, at: OffsetDateTime| (version, given, at);
        let mut rows = vec![consent(version_ids[1], true, *created - Duration::minutes(3))];
        if id % 3 == 0 {
            rows.push(consent(version_ids[0], true, *created - Duration::days(400)));
        }
        if id % 17 == 0 {
            rows.push(consent(version_ids[1], false, *created + Duration::hours(30)));
        }
        for (version, given, at) in rows {
            with_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO consents (customer_id, policy_version_id, given, at, recorded_at)
                 VALUES ($1, $2, $3, $4, $4)"
            )
            .bind(id)
            .bind(version)
            .bind(given)
            .bind(at)
            .execute(c)
            .await
            .map(|_| ()))?;
        }
        if *repeat {
            with_tx!(&mut tx, |c| sqlx::query(
                "UPDATE customers SET obligation_open = $1, obligation_reference = $2, obligation_at = $3
                 WHERE id = $4"
            )
            .bind(id % 4 != 0)
            .bind(format!("loan-{:06}", 88_000 + id))
            .bind(*created + Duration::hours(2))
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        }
    }
    tx.commit().await?;
    let ids: Vec<i64> = customers.iter().map(|c| c.0).collect();
    accounts(db, &ids).await?;
    disclosures(db, &ids).await
}

/// `(recipient, data codes, basis, reference, days ago)` of the demo's disclosures.
const DISCLOSURES: &[(&str, &str, &str, Option<&str>, i64)] = &[
    ("ТОО «Первое кредитное бюро»", "identity,loan", "credit_bureau", None, 20),
    ("ТОО «Первое кредитное бюро»", "identity,loan", "credit_bureau", None, 12),
    ("АО «Государственное кредитное бюро»", "identity,loan", "credit_bureau", None, 9),
    (
        "Специализированный межрайонный экономический суд г. Алматы",
        "identity,contacts,loan",
        "authority_request",
        Some("2-1455/2026"),
        6,
    ),
    (
        "ТОО «Коллекторское агентство „Возврат“»",
        "identity,contacts,addresses,loan",
        "collection_agency",
        None,
        3,
    ),
];

/// A few disclosures recorded by the demo security officer, as the register would hold them.
async fn disclosures(db: &Db, customers: &[i64]) -> Result<(), BoxError> {
    let Some(security) = store::find_by_login(db, "security").await? else { return Ok(()) };
    let actor = Actor::Staff { id: security.id, login: security.login.clone() };
    let today = db::now().to_offset(crate::i18n::ALMATY).date();
    let mut tx = db.begin().await?;
    for (n, (recipient, data, basis, reference, days)) in DISCLOSURES.iter().enumerate() {
        let Some(customer) = customers.get(n * 11 + 5).copied() else { continue };
        let on = today - Duration::days(*days);
        let asked = reference.map(|_| on - Duration::days(5));
        let id: i64 = with_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO disclosures (customer_id, recipient, data_items, legal_basis, request_reference,
                                      request_date, disclosed_on, staff_id, created_at, recipient_folded)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"
        )
        .bind(customer)
        .bind(recipient)
        .bind(data)
        .bind(basis)
        .bind(reference)
        .bind(asked)
        .bind(on)
        .bind(security.id)
        .bind(db::now())
        .bind(recipient.to_lowercase())
        .fetch_one(c)
        .await)?;
        let entry = Entry::new(&actor, "customer.disclosure-recorded")
            .subject("customer", customer)
            .details(serde_json::json!({ "disclosure": id, "recipient": recipient, "basis": basis,
                                "data": data.replace(',', ", "), "request_reference": reference }));
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Blocks, restricts and archives a few demo customers as the demo security officer would, the
/// archive confirmed by the demo administrator; one archive request is left for a newcomer.
async fn accounts(db: &Db, customers: &[i64]) -> Result<(), BoxError> {
    let (Some(security), Some(admin)) =
        (store::find_by_login(db, "security").await?, store::find_by_login(db, "admin").await?)
    else {
        return Ok(());
    };
    let officer = Actor::Staff { id: security.id, login: security.login.clone() };
    let second = Actor::Staff { id: admin.id, login: admin.login.clone() };
    let pick = |n: usize| customers.get(n * 7 + 3).copied();
    let steps: [(usize, Action, &str, &[&str], &str); 7] = [
        (
            0,
            Action::Block,
            "unauthorised_access",
            &[],
            "Клиент позвонил: телефон утерян, просит заблокировать доступ.",
        ),
        (1, Action::Block, "fraud_check", &[], "Тот же телефон в трёх заявках на разные ИИН."),
        (2, Action::Block, "law_breach", &[], "Письмо банка второго уровня о мошеннической операции."),
        (
            3,
            Action::Restrict,
            "fraud_check",
            &["applications"],
            "До проверки места работы новые заявки не принимаем.",
        ),
        (
            4,
            Action::Restrict,
            "authority_request",
            &["data_changes"],
            "Запрос суда: данные не изменять до решения.",
        ),
        (
            5,
            Action::Archive,
            "customer_request",
            &[],
            "Письменное заявление клиента о закрытии учётной записи.",
        ),
        (6, Action::Archive, "policy_breach", &[], "Повторное нарушение Политики после блокировки."),
    ];
    for (n, action, reason, restrictions, comment) in steps {
        let Some(customer) = pick(n) else { continue };
        let change = Change {
            action,
            reason: reason.to_string(),
            comment: comment.to_string(),
            restrictions: restrictions.to_vec(),
        };
        account::act(db, &officer, security.id, customer, 1, &change, "").await?;
    }
    // The first archive request is confirmed by a second person; the other waits.
    let first: Option<i64> =
        with_db!(db, |c| sqlx::query_scalar("SELECT MIN(id) FROM archive_requests WHERE outcome IS NULL")
            .fetch_one(c)
            .await)?;
    if let Some(request) = first {
        archive::decide(db, &second, admin.id, request, Ending::Confirm, "", "").await?;
    }
    Ok(())
}
