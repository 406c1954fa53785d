//! Demo access restoration: two customers reported that someone else used their account, one
//! from the app (a stolen phone, a police report) and one by phone through the security officer
//! (the phone lost); their cases wait for documents. Five more sent documents and are under
//! review or decided (see [`under_review`]). All through the same code as real reports and
//! decisions. Loaded once.

use std::sync::Arc;

use time::{Duration, OffsetDateTime};

use crate::{
    audit::Actor,
    db::{self, Db},
    photos::{
        fixtures,
        storage::{Photos, original_key},
    },
    restoration::{
        decide,
        documents::{self, Details, NewDocument, Origin},
        report::{self, Report},
    },
    staff::store,
    with_db, with_tx,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn load(db: &Db, photos: &Photos) -> Result<(), BoxError> {
    let existing: i64 =
        with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM restoration_cases").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(());
    }
    let customers: Vec<i64> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT id FROM customers WHERE status = 'active' ORDER BY id LIMIT 2 OFFSET 20"
    )
    .fetch_all(c)
    .await)?;
    let officer = store::find_by_login(db, "security").await?;
    let now = db::now();
    let reports = [
        (
            "app",
            now - Duration::hours(30),
            "Телефон украли в автобусе. Вечером пришли SMS о входе в приложение и о новой заявке на заём, которую я не подавал.",
            "stolen",
            Some("КУСП 4521"),
            None,
        ),
        (
            "phone",
            now - Duration::hours(6),
            "Клиентка позвонила: потеряла телефон в такси, просит заблокировать доступ, пока не восстановит SIM-карту.",
            "lost",
            None,
            officer.as_ref().map(|o| o.id),
        ),
    ];
    for (customer, (source, at, description, device, police, recorded_by)) in customers.iter().zip(reports) {
        let actor = match (&officer, recorded_by) {
            (Some(o), Some(_)) => Actor::Staff { id: o.id, login: o.login.clone() },
            _ => Actor::System("demo"),
        };
        let r = Report {
            source,
            happened_at: at,
            description,
            device,
            police_report: police,
            api_client_id: None,
            recorded_by,
            ticket_id: None,
        };
        let mut tx = db.begin().await?;
        report::take(&mut tx, &actor, *customer, &r, "127.0.0.1").await?;
        tx.commit().await?;
    }
    under_review(db, photos).await
}

/// The cases under review: a timeline with a phone changed from a new device two days before
/// the report; documents with the customer's own face (ready), another person's face and a
/// device seen on another customer (ready), a restoration waiting for the second officer, one
/// restored and one refused.
async fn under_review(db: &Db, photos: &Photos) -> Result<(), BoxError> {
    let customers: Vec<i64> = with_db!(db, |c| sqlx::query_scalar(
        "SELECT c.id FROM customers c WHERE c.status = 'active' AND EXISTS (
             SELECT 1 FROM applications a JOIN photos p ON p.application_id = a.id
             WHERE a.customer_id = c.id AND p.kind = 'selfie')
         ORDER BY c.id DESC LIMIT 5"
    )
    .fetch_all(c)
    .await)?;
    let client: Option<i64> =
        with_db!(db, |c| sqlx::query_scalar("SELECT MIN(id) FROM api_clients").fetch_one(c).await)?;
    let (Some(client), Some(first), Some(second)) =
        (client, store::find_by_login(db, "security").await?, store::find_by_login(db, "security2").await?)
    else {
        return Ok(());
    };
    let one = Actor::Staff { id: first.id, login: first.login.clone() };
    let two = Actor::Staff { id: second.id, login: second.login.clone() };
    let now = db::now();
    for (i, customer) in customers.iter().enumerate() {
        let reported = now - Duration::days(3 - i as i64 % 3) - Duration::hours(i as i64 * 5);
        let r = Report {
            source: "app",
            happened_at: reported - Duration::hours(2),
            description: STORIES[i % STORIES.len()],
            device: if i % 2 == 0 { "stolen" } else { "lost" },
            police_report: (i % 2 == 0).then_some("КУСП 7730"),
            api_client_id: Some(client),
            recorded_by: None,
            ticket_id: None,
        };
        let mut tx = db.begin().await?;
        let taken = report::take(&mut tx, &Actor::System("demo"), *customer, &r, "127.0.0.1").await?;
        tx.commit().await?;
        activity(db, *customer, client, reported).await?;
        let (app, device, phone): (i64, String, String) = with_db!(db, |c| sqlx::query_as(
            "SELECT id, device_id, phone FROM applications WHERE customer_id = $1
             ORDER BY received_at DESC, id DESC LIMIT 1"
        )
        .bind(customer)
        .fetch_one(c)
        .await)?;
        let record: (String, String, String) = with_db!(db, |c| sqlx::query_as(
            "SELECT last_name, first_name, doc_number FROM applications WHERE id = $1"
        )
        .bind(app)
        .fetch_one(c)
        .await)?;
        let iin: String = with_db!(db, |c| sqlx::query_scalar("SELECT iin FROM customers WHERE id = $1")
            .bind(customer)
            .fetch_one(c)
            .await)?;
        // The second customer's documents show another person, from a device another customer used.
        let stranger = i == 1;
        let (selfie, card) = if stranger {
            (fixtures::selfie_jpeg(770_077, 0), fixtures::id_card_jpeg(770_077, false))
        } else {
            (own(db, photos, app, "selfie").await?, own(db, photos, app, "id_front").await?)
        };
        let other_device: Option<String> = if stranger {
            with_db!(db, |c| sqlx::query_scalar(
                "SELECT device_id FROM applications WHERE customer_id <> $1 AND customer_id IS NOT NULL
                 ORDER BY id LIMIT 1"
            )
            .bind(customer)
            .fetch_optional(c)
            .await)?
        } else {
            None
        };
        let mut docs = Vec::new();
        for (kind, bytes) in [("selfie", selfie), ("id_front", card)] {
            let bytes = Arc::new(bytes);
            let mut processed = photos.process(bytes.clone()).await?;
            processed.only_for_id_front(kind == "id_front");
            docs.push(NewDocument { kind, processed, bytes });
        }
        let details = Details {
            device: Some(other_device.unwrap_or(device)),
            phone: Some(phone),
            id_iin: Some(iin),
            id_last_name: Some(if stranger { "Сапарова".to_string() } else { record.0 }),
            id_first_name: Some(record.1),
            id_doc_number: Some(record.2),
        };
        let from = Origin::App(client);
        documents::add(
            db,
            photos,
            &Actor::System("demo"),
            taken.case_id,
            from,
            &docs,
            &details,
            "127.0.0.1",
            None,
        )
        .await?;
        let version: i64 =
            with_db!(db, |c| sqlx::query_scalar("SELECT version FROM restoration_cases WHERE id = $1")
                .bind(taken.case_id)
                .fetch_one(c)
                .await)?;
        let id = taken.case_id;
        match i {
            2 => {
                decide::propose(db, &one, first.id, id, version, &["device_binding"], PROPOSAL, "127.0.0.1")
                    .await?;
            }
            3 => {
                decide::propose(db, &two, second.id, id, version, &[], PROPOSAL, "127.0.0.1").await?;
                decide::approve(db, &one, first.id, id, version + 1, "127.0.0.1").await?;
            }
            4 => {
                let reasons = ["identity_not_confirmed".to_string()];
                decide::refuse(db, &one, first.id, id, version, &reasons, REFUSAL, "127.0.0.1").await?;
            }
            _ => {}
        }
    }
    Ok(())
}

const STORIES: [&str; 3] = [
    "Телефон украли в торговом центре. На следующий день пришло письмо о смене номера телефона в приложении, я его не менял.",
    "Потерял телефон на вокзале. Сейчас пишу с нового номера, прошу восстановить доступ.",
    "Телефонымды ұрлап кетті, қосымшаға біреу кірген сияқты: маған жаңа карта қосылғаны туралы хабарлама келді.",
];
const PROPOSAL: &str = "Селфи и удостоверение совпадают с документами из заявки, устройство клиента прежнее.";
const REFUSAL: &str = "Селфи не похоже на фото из заявки.";

/// The onboarding photo of `kind` taken again in better light: the customer's own face.
async fn own(db: &Db, photos: &Photos, app: i64, kind: &str) -> Result<Vec<u8>, BoxError> {
    let sha: String = with_db!(db, |c| sqlx::query_scalar(
        "SELECT sha256 FROM photos WHERE application_id = $1 AND kind = $2 AND current = TRUE"
    )
    .bind(app)
    .bind(kind)
    .fetch_one(c)
    .await)?;
    let original = photos.storage.get(&original_key(&sha)).await?.ok_or("the onboarding photo is missing")?;
    Ok(fixtures::brighter(&original, 12))
}

/// Thirty days of sign-ins from the customer's phone, then, two days before the report, the
/// phone number changed from a device and address never seen before, a sign-in and a card added.
async fn activity(db: &Db, customer: i64, client: i64, reported: OffsetDateTime) -> Result<(), BoxError> {
    let device = format!("android-{customer:04}-a1");
    let mut events: Vec<(OffsetDateTime, &str, String, String)> = Vec::new();
    for day in (3..30).rev() {
        let at = reported - Duration::days(day) + Duration::minutes(day * 7);
        events.push((at, "sign_in", device.clone(), "95.56.14.20".into()));
    }
    let taker = "iphone-77-x9".to_string();
    let two_days = reported - Duration::days(2);
    events.push((two_days, "sign_in", taker.clone(), "178.89.3.141".into()));
    events.push((two_days + Duration::minutes(4), "phone_changed", taker.clone(), "178.89.3.141".into()));
    events.push((two_days + Duration::hours(5), "card_added", taker.clone(), "178.89.3.141".into()));
    events.push((reported - Duration::hours(3), "sign_in_failed", device.clone(), "95.56.14.20".into()));
    let mut tx = db.begin().await?;
    for (at, kind, device, ip) in events {
        with_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO customer_activity (customer_id, at, kind, device, ip, api_client_id, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(customer)
        .bind(at)
        .bind(kind)
        .bind(&device)
        .bind(&ip)
        .bind(client)
        .bind(db::now())
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(())
}
