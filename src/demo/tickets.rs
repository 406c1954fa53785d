//! The demo's support desk: canned replies in both languages and a few hundred tickets of the
//! demo's customers, in their languages, across categories and states, opened over the last two
//! weeks (so some clocks have run out and some legal deadlines are near), answered, resolved and
//! closed through the same code as the agents' own work. Some carry a screenshot or a receipt.

use time::{Duration, OffsetDateTime};

use crate::{
    audit::Actor,
    db::{self, Db},
    photos::storage::Photos,
    support::{
        attachments, clocks,
        model::{CATEGORIES, PRIORITIES},
        store::{self, NewTicket},
        work::{self, Act},
    },
    with_db, with_tx,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Tickets the demo opens.
const TICKETS: usize = 320;

/// `(title ru, title kk, body ru, body kk, category)` of the canned replies.
const CANNED: &[(&str, &str, &str, &str, Option<&str>)] = &[
    (
        "Приветствие и номер обращения",
        "Сәлемдесу және өтініш нөмірі",
        "Здравствуйте, {name}!\n\nВаше обращение {number} получено, мы уже разбираемся. Ответим в приложении.",
        "Сәлеметсіз бе, {name}!\n\nСіздің {number} өтінішіңіз алынды, біз қарап жатырмыз. Жауапты қосымшада жібереміз.",
        None,
    ),
    (
        "Срок ответа по закону",
        "Заң бойынша жауап беру мерзімі",
        "Здравствуйте, {name}!\n\nПо обращению {number} мы ответим не позднее {deadline}, как того требует закон о персональных данных.",
        "Сәлеметсіз бе, {name}!\n\n{number} өтініші бойынша дербес деректер туралы заң талап еткендей, {deadline} дейін жауап береміз.",
        None,
    ),
    (
        "Отзыв согласия при непогашенном займе",
        "Қарыз өтелмеген кезде келісімді кері қайтарып алу",
        "Здравствуйте, {name}!\n\nОтозвать согласие на обработку персональных данных нельзя, пока не исполнены обязательства по договору займа (п. 6.1.5 Политики). После погашения займа повторите запрос.",
        "Сәлеметсіз бе, {name}!\n\nҚарыз шарты бойынша міндеттемелер орындалмайынша дербес деректерді өңдеуге келісімді кері қайтарып алуға болмайды (Саясаттың 6.1.5-тармағы). Қарызды өтегеннен кейін сұрауды қайталаңыз.",
        Some("consent_withdrawal"),
    ),
    (
        "Изменение ФИО или ИИН — через документы",
        "Аты-жөнін немесе ЖСН-ді өзгерту — құжаттар арқылы",
        "Здравствуйте, {name}!\n\nФИО, ИИН, дату рождения и данные документа нельзя изменить по заявлению: загрузите, пожалуйста, новые фотографии документа в приложении, и сотрудник их проверит.",
        "Сәлеметсіз бе, {name}!\n\nАты-жөнін, ЖСН-ді, туған күнін және құжат деректерін өтініш бойынша өзгертуге болмайды: қосымшада құжаттың жаңа фотосуреттерін жүктеп салыңыз, қызметкер оларды тексереді.",
        Some("data_change"),
    ),
];

/// `(category, subject ru, text ru, subject kk, text kk)` the demo's customers write.
const WRITTEN: &[(&str, &str, &str, &str, &str)] = &[
    (
        "support",
        "Не приходит СМС с кодом",
        "Третий раз запрашиваю код, СМС не приходит. Что делать?",
        "Коды бар SMS келмейді",
        "Кодты үшінші рет сұрап отырмын, SMS келмейді. Не істеу керек?",
    ),
    (
        "support",
        "Когда рассмотрят заявку?",
        "Подала заявку вчера утром, статус не меняется.",
        "Өтінімім қашан қаралады?",
        "Кеше таңертең өтінім бердім, мәртебесі өзгермей тұр.",
    ),
    (
        "data_change",
        "Сменился номер телефона",
        "Прошу заменить номер телефона на новый: +7 705 000 11 22.",
        "Телефон нөмірім өзгерді",
        "Телефон нөмірімді жаңасына ауыстыруды сұраймын: +7 705 000 11 22.",
    ),
    (
        "data_change",
        "Новый адрес проживания",
        "Я переехала, прошу изменить адрес проживания: г. Алматы, ул. Сатпаева, 30.",
        "Жаңа тұрғылықты мекенжай",
        "Көшіп кеттім, тұрғылықты мекенжайымды өзгертуді сұраймын: Алматы қ., Сәтбаев к., 30.",
    ),
    (
        "consent_withdrawal",
        "Отзываю согласие",
        "Прошу прекратить обработку моих персональных данных и отозвать согласие.",
        "Келісімімді кері қайтарып аламын",
        "Дербес деректерімді өңдеуді тоқтатып, келісімімді кері қайтарып алуды сұраймын.",
    ),
    (
        "data_access",
        "Какие данные обо мне хранятся?",
        "Прошу предоставить сведения о моих персональных данных, которые вы храните.",
        "Мен туралы қандай деректер сақталады?",
        "Сіздер сақтайтын дербес деректерім туралы мәліметтерді беруді сұраймын.",
    ),
    (
        "objection",
        "Не согласен с новой редакцией политики",
        "Возражаю против передачи данных коллекторам по новой редакции политики.",
        "Саясаттың жаңа редакциясымен келіспеймін",
        "Саясаттың жаңа редакциясы бойынша деректерді коллекторларға беруге қарсымын.",
    ),
    (
        "unauthorised_access",
        "В мой кабинет кто-то вошёл",
        "Пришло уведомление о входе с чужого телефона, это был не я. Заблокируйте доступ.",
        "Жеке кабинетіме біреу кірген",
        "Бөгде телефоннан кіру туралы хабарлама келді, ол мен емеспін. Қол жеткізуді бұғаттаңыз.",
    ),
    (
        "complaint",
        "Грубость оператора",
        "Оператор колл-центра разговаривал грубо и не ответил на вопрос.",
        "Оператордың дөрекілігі",
        "Колл-орталық операторы дөрекі сөйлеп, сұрағыма жауап бермеді.",
    ),
    (
        "other",
        "Справка о погашении",
        "Нужна справка о полном погашении займа для банка.",
        "Қарызды өтегені туралы анықтама",
        "Банкке қарызды толық өтегені туралы анықтама керек.",
    ),
];

/// Loads the canned replies and tickets, unless there are tickets already.
pub async fn load(db: &Db, photos: Option<&Photos>) -> Result<(), BoxError> {
    let existing: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM tickets").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(());
    }
    let now = db::now();
    let mut tx = db.begin().await?;
    for (title_ru, title_kk, body_ru, body_kk, category) in CANNED {
        with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO canned_replies (title_ru, title_kk, body_ru, body_kk, category, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(title_ru)
        .bind(title_kk)
        .bind(body_ru)
        .bind(body_kk)
        .bind(category)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    tx.commit().await?;
    // The newest application's language is the customer's.
    let customers: Vec<(i64, String)> = with_db!(db, |c| sqlx::query_as(
        "SELECT c.id, (SELECT a.language FROM applications a WHERE a.customer_id = c.id
                       ORDER BY a.received_at DESC LIMIT 1)
         FROM customers c WHERE c.erased_at IS NULL ORDER BY c.id"
    )
    .fetch_all(c)
    .await)?;
    if customers.is_empty() {
        return Ok(());
    }
    let agent: Option<(i64, String)> = with_db!(db, |c| {
        sqlx::query_as(
        "SELECT s.id, s.login FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'support'
         ORDER BY s.id LIMIT 1"
    )
    .fetch_optional(c)
    .await
    })?;
    let objection_version: Option<i64> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT id FROM policy_versions ORDER BY effective_on DESC LIMIT 1"
    )
    .fetch_optional(c)
    .await)?;
    for i in 0..TICKETS {
        let (customer, lang) = &customers[(i * 7) % customers.len()];
        let lang: &'static str = if lang == "kk" { "kk" } else { "ru" };
        let (category, subject_ru, text_ru, subject_kk, text_kk) = WRITTEN[(i * 3 + i / 7) % WRITTEN.len()];
        let category: &'static str = CATEGORIES.iter().find(|c| **c == category).copied().unwrap_or("other");
        let (subject, text) = if lang == "kk" { (subject_kk, text_kk) } else { (subject_ru, text_ru) };
        // Spread over 14 days, the newest a few minutes old.
        let at = now - Duration::minutes((i as i64 * 61) % (14 * 24 * 60) + 5);
        let new = NewTicket {
            customer_id: Some(*customer),
            sender: None,
            channel: if i % 9 == 0 { "phone" } else { "app" },
            category,
            priority: match (category, i % 10) {
                ("unauthorised_access", _) => "urgent",
                (_, 0) => "high",
                (_, 1) => "low",
                _ => "normal",
            },
            language: lang,
            subject: subject.to_string(),
            body: text.to_string(),
            tags: Vec::new(),
            policy_version_id: if category == "objection" { objection_version } else { None },
            parent_id: None,
            api_client_id: None,
            recorded_by: None,
        };
        // Some customers send a screenshot, and now and then a payment receipt, with their words.
        let files = match photos {
            Some(photos)
                if matches!(category, "support" | "complaint" | "other") && i % 7 == 3 && i % 9 != 0 =>
            {
                sample_files(photos, i).await?
            }
            _ => Vec::new(),
        };
        let mut tx = db.begin().await?;
        let mut cal = clocks::calendar_tx(&mut tx).await?;
        let (id, first) = store::create(&mut tx, &mut cal, &new, at).await?;
        attachments::insert(&mut tx, id, first, &files, at).await?;
        tx.commit().await?;
        let Some((agent_id, login)) = &agent else { continue };
        let actor = Actor::Staff { id: *agent_id, login: login.clone() };
        work_on(db, &actor, *agent_id, id, i, lang, at, now).await?;
    }
    Ok(())
}

/// A drawn phone screenshot and, for some, a one-page PDF receipt, checked and stored
/// as the app's files are.
async fn sample_files(photos: &Photos, i: usize) -> Result<Vec<attachments::Checked>, BoxError> {
    let mut files = vec![attachments::Incoming {
        field: "attachments.0".into(),
        file_name: format!("screenshot-{i}.jpg"),
        declared: Some("image/jpeg".into()),
        bytes: crate::photos::fixtures::phone_jpeg(720, 1280, 1, i as u64),
    }];
    if i % 2 == 1 {
        files.push(attachments::Incoming {
            field: "attachments.1".into(),
            file_name: format!("receipt-{i}.pdf"),
            declared: Some("application/pdf".into()),
            bytes: receipt_pdf(i),
        });
    }
    let (checked, refused) = attachments::check(photos, files).await;
    if let Some((_, why)) = refused.first() {
        return Err(format!("a demo file was refused: {why}").into());
    }
    attachments::store(photos, &checked).await?;
    Ok(checked)
}

/// A one-page PDF of a payment receipt (Latin text: the standard fonts have no Cyrillic).
fn receipt_pdf(i: usize) -> Vec<u8> {
    let text = format!(
        "BT /F1 14 Tf 72 760 Td (Payment receipt No. {}) Tj 0 -24 Td (Amount: 15 000 KZT) Tj ET",
        100_000 + i
    );
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", n + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    pdf
}

/// What the demo's agent did with ticket `id` (the `i`-th): nothing yet for the newest, an
/// answer and a wait for some, resolved or closed for the oldest.
#[allow(clippy::too_many_arguments)]
async fn work_on(
    db: &Db,
    actor: &Actor,
    agent: i64,
    id: i64,
    i: usize,
    lang: &str,
    at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), BoxError> {
    let age = now - at;
    if age < Duration::hours(6) || i.is_multiple_of(6) {
        return Ok(());
    }
    let mut version = 1;
    let mut step = |act: Act| {
        let v = version;
        version += 1;
        async move { work::act(db, actor, agent, id, v, &act, "127.0.0.1").await }
    };
    let reply = if lang == "kk" {
        "Сәлеметсіз бе! Өтінішіңіз алынды, қарап жатырмыз. Қосымша мәлімет керек болса, осы жерге жазыңыз."
    } else {
        "Здравствуйте! Обращение получено, мы разбираемся. Если понадобятся подробности, напишем здесь."
    };
    // Taking it keeps the ticket's own category and priority.
    let t = store::find(db, id).await?.ok_or("the ticket just made")?;
    let priority = PRIORITIES.iter().find(|p| **p == t.priority).copied().unwrap_or("normal");
    let category = CATEGORIES.iter().find(|c| **c == t.category).copied().unwrap_or("other");
    let assign = Act::Update { state: "open", priority, category, assignee: Some(agent), tags: Vec::new() };
    step(assign).await?;
    if i % 6 == 1 {
        return Ok(());
    }
    let then = match i % 6 {
        2 => "waiting_customer",
        3 => "waiting_third_party",
        _ => "resolved",
    };
    step(Act::Reply { body: reply.to_string(), then, files: Default::default() }).await?;
    if i % 6 == 5 && age > Duration::days(3) {
        let t = store::find(db, id).await?.ok_or("the ticket just made")?;
        if t.state == "resolved" {
            step(Act::Update {
                state: "closed",
                priority,
                category,
                assignee: Some(agent),
                tags: Vec::new(),
            })
            .await?;
        }
    }
    Ok(())
}
