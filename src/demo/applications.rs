//! A realistic demo data set: a few hundred applications with drawn photos, sent through the
//! same intake code as the API. Some share a selfie (a second shot of the same face), a phone, a
//! device or a card token; some have an IIN that encodes another birth date, an applicant under
//! 18, an expired document, or a PEP or beneficial-owner declaration.

use std::sync::Arc;

use time::{Date, Duration, Month, OffsetDateTime};

use crate::{
    api::ApiClient,
    db::{self, Db},
    intake::{NewApplication, PhotoKind, iin, input::Contact, phone::Phone, process_parts, submit},
    photos::{fixtures, storage::Photos},
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const MALE: &[&str] = &[
    "Ерлан",
    "Нұрлан",
    "Асхат",
    "Данияр",
    "Бауыржан",
    "Марат",
    "Дмитрий",
    "Алексей",
    "Тимур",
    "Ержан",
    "Қайрат",
    "Сергей",
];
const FEMALE: &[&str] = &[
    "Айгүл",
    "Әсел",
    "Гүлнар",
    "Дана",
    "Жанар",
    "Сәуле",
    "Анна",
    "Мария",
    "Айгерім",
    "Мөлдір",
    "Ольга",
    "Динара",
];
/// Surnames as `(male, female)`.
const SURNAMES: &[(&str, &str)] = &[
    ("Тоқаев", "Тоқаева"),
    ("Ахметов", "Ахметова"),
    ("Нұрланов", "Нұрланова"),
    ("Сейітов", "Сейітова"),
    ("Омаров", "Омарова"),
    ("Иванов", "Иванова"),
    ("Жақсыбеков", "Жақсыбекова"),
    ("Қасымов", "Қасымова"),
    ("Смағұлов", "Смағұлова"),
    ("Ким", "Ким"),
    ("Петров", "Петрова"),
    ("Әбенов", "Әбенова"),
];
/// Fathers' names with the patronymics made from them: Russian (male, female), then Kazakh
/// (male, female) where the name is Kazakh. Russian forms follow Russian rules (Сергей →
/// Сергеевич, Серік → Серикович), not a suffix glued on.
type Patronymics = (&'static str, &'static str, Option<(&'static str, &'static str)>);
const FATHERS: &[Patronymics] = &[
    ("Маратович", "Маратовна", Some(("Маратұлы", "Маратқызы"))),
    ("Серикович", "Сериковна", Some(("Серікұлы", "Серікқызы"))),
    ("Бакытович", "Бакытовна", Some(("Бақытұлы", "Бақытқызы"))),
    ("Нурланович", "Нурлановна", Some(("Нұрланұлы", "Нұрланқызы"))),
    ("Ерланович", "Ерлановна", Some(("Ерланұлы", "Ерланқызы"))),
    ("Аскарович", "Аскаровна", Some(("Асқарұлы", "Асқарқызы"))),
    ("Иванович", "Ивановна", None),
    ("Сергеевич", "Сергеевна", None),
    ("Алексеевич", "Алексеевна", None),
];
const CITIES: &[&str] =
    &["Алматы", "Астана", "Шымкент", "Қарағанды", "Ақтөбе", "Павлодар", "Өскемен", "Атырау"];
const STREETS: &[&str] =
    &["ул. Абая", "пр. Достык", "ул. Сәтпаев", "мкр. Самал-2", "ул. Төле би", "пр. Республики"];
const EMPLOYERS: &[&str] =
    &["ТОО «Алма-Сервис»", "АО «Казпочта»", "ИП Сейітова", "ТОО «Нур-Строй»", "КГУ «Школа № 12»"];
const DEVICES: &[(&str, &str)] = &[
    ("Samsung SM-A546E", "Android 14"),
    ("Xiaomi Redmi Note 12", "Android 13"),
    ("iPhone 13", "iOS 17.5"),
    ("iPhone 15 Pro", "iOS 18.1"),
    ("Huawei nova 11", "HarmonyOS 4"),
    ("Samsung SM-S918B", "Android 15"),
];
const RELATIONS: &[&str] = &["spouse", "parent", "sibling", "friend", "colleague"];
const MARITAL: &[&str] = &["single", "married", "married", "divorced", "widowed", "civil_union"];
const MOBILE: &[&str] = &["700", "701", "702", "705", "707", "747", "771", "775", "777", "778"];

/// A deterministic pseudo-random generator for repeatable demo data.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn date(y: i32, day_of_year: u16) -> Date {
    Date::from_ordinal_date(y, day_of_year.clamp(1, 365))
        .unwrap_or(Date::from_calendar_date(y, Month::January, 1).unwrap_or(Date::MIN))
}

/// An IIN for a birth date and sex, with a valid check digit.
fn make_iin(rng: &mut Rng, birth: Date, male: bool) -> String {
    let century = match (birth.year() / 100, male) {
        (18, true) => 1,
        (18, false) => 2,
        (19, true) => 3,
        (19, false) => 4,
        (_, true) => 5,
        (_, false) => 6,
    };
    loop {
        let first11 = format!(
            "{:02}{:02}{:02}{}{:04}",
            birth.year() % 100,
            u8::from(birth.month()),
            birth.day(),
            century,
            rng.below(10_000)
        );
        if let Some(full) = iin::complete(&first11) {
            return full;
        }
    }
}

pub(crate) fn random_phone(rng: &mut Rng) -> Phone {
    let raw = format!("+7{}{:07}", rng.pick(MOBILE), rng.below(10_000_000));
    Phone::parse(&raw).expect("generated numbers are Kazakh mobiles")
}

/// Generates application `i` of the data set; `person` picks the face on its photos.
pub(crate) fn application(
    rng: &mut Rng,
    i: u64,
    now: OffsetDateTime,
    shared: &Shared,
) -> (NewApplication, u64) {
    let male = rng.chance(50);
    let (last, first) = {
        let (m, f) = rng.pick(SURNAMES);
        if male { (*m, *rng.pick(MALE)) } else { (*f, *rng.pick(FEMALE)) }
    };
    let (ru_male, ru_female, kazakh) = *rng.pick(FATHERS);
    let patronymic = if rng.chance(15) {
        None
    } else {
        let russian = (if male { ru_male } else { ru_female }).to_string();
        match kazakh {
            Some((m, f)) if rng.chance(50) => Some((if male { m } else { f }).to_string()),
            _ => Some(russian),
        }
    };
    // One in 25 is under 18; the rest 19 to 64.
    let age = if i % 25 == 7 { 16 + rng.below(2) as i32 } else { 19 + rng.below(46) as i32 };
    let birth = date(now.year() - age, 1 + rng.below(360) as u16);
    // One in 20 has an IIN encoding another birth date (allowed since 2013, a warning).
    let iin_birth = if i % 20 == 3 { date(birth.year() - 1, 1 + rng.below(360) as u16) } else { birth };
    let iin = make_iin(rng, iin_birth, male);
    let issued = date(now.year() - 1 - rng.below(9) as i32, 1 + rng.below(360) as u16);
    // One in 15 has an expired document.
    let expires = if i % 15 == 4 {
        now.date() - Duration::days(1 + rng.below(300) as i64)
    } else {
        issued + Duration::days(3652)
    };
    let city = rng.pick(CITIES);
    let address = format!("{city}, {} {}, кв. {}", rng.pick(STREETS), 1 + rng.below(200), 1 + rng.below(300));
    let home = if rng.chance(70) {
        address.clone()
    } else {
        format!("{city}, {} {}", rng.pick(STREETS), 1 + rng.below(200))
    };
    let phone = if i % 17 == 5 { shared.phone.clone() } else { random_phone(rng) };
    let (model, os) = rng.pick(DEVICES);
    let device_id = if i % 19 == 6 { shared.device.clone() } else { format!("dev-{:012x}", rng.next()) };
    let card_token = if i % 23 == 8 { shared.card.clone() } else { format!("tok_{:016x}", rng.next()) };
    let location = rng.chance(80);
    let contacts = (0..rng.below(3))
        .map(|_| Contact {
            name: format!("{} {}", rng.pick(FEMALE), rng.pick(SURNAMES).1),
            phone: if i % 29 == 9 { shared.contact.clone() } else { random_phone(rng) },
            relation: RELATIONS[rng.below(RELATIONS.len() as u64) as usize],
        })
        .collect();
    let pep = i % 31 == 10;
    let bo = i % 37 == 11;
    let submitted_at = now - Duration::minutes(rng.below(14 * 24 * 60) as i64);
    let app = NewApplication {
        language: if rng.chance(35) { "kk" } else { "ru" },
        external_id: Some(format!("app-{:06}", 100_000 + i)),
        account_id: Some(format!("acc-{:06}", 500_000 + i)),
        submitted_at,
        last_name: last.to_string(),
        first_name: first.to_string(),
        patronymic,
        iin: iin::Iin::parse(&iin).expect("generated IINs are valid"),
        citizenship: if rng.chance(95) { "KZ".into() } else { (*rng.pick(&["RU", "UZ", "KG"])).into() },
        sex: if male { "male" } else { "female" },
        birth_date: birth,
        reg_address: address,
        home_address: home,
        doc_type: if rng.chance(85) { "id_card" } else { "passport" },
        doc_number: format!("{:09}", rng.below(1_000_000_000)),
        doc_issuer: (*rng.pick(&["МВД РК", "Министерство юстиции РК", "ҚР ІІМ"])).into(),
        doc_issued_on: issued,
        doc_expires_on: expires,
        phone,
        email: rng.chance(70).then(|| format!("user{}@mail.kz", rng.below(100_000))),
        card_masked: format!(
            "{}******{:04}",
            rng.pick(&["440043", "400303", "548601", "220070"]),
            rng.below(10_000)
        ),
        card_token,
        pep_declared: pep,
        pep_details: pep.then(|| "Депутат маслихата, Казахстан".to_string()),
        bo_declared: bo,
        bo_details: bo.then(|| "ТОО «Нур-Строй», доля 40%".to_string()),
        marital_status: MARITAL[rng.below(MARITAL.len() as u64) as usize],
        dependents: rng.below(4) as i64,
        employer_name: rng.chance(75).then(|| rng.pick(EMPLOYERS).to_string()),
        employer_address: rng
            .chance(60)
            .then(|| format!("{city}, {} {}", rng.pick(STREETS), 1 + rng.below(99))),
        amount_kzt: (5 + rng.below(196) as i64) * 1000,
        term_days: *rng.pick(&[7, 14, 21, 30, 45, 60]),
        device_id,
        device_model: model.to_string(),
        device_os: os.to_string(),
        ip: if i % 13 == 2 {
            shared.ip.clone()
        } else {
            format!("{}.{}.{}.{}", 2 + rng.below(220), rng.below(255), rng.below(255), 1 + rng.below(254))
        },
        geo: location.then(|| {
            (
                43.0 + rng.below(1000) as f64 / 1000.0,
                76.5 + rng.below(1000) as f64 / 1000.0,
                Some(10.0 + rng.below(90) as f64),
            )
        }),
        perm_camera: true,
        perm_location: location,
        perm_contacts: rng.chance(40),
        contacts,
    };
    // One in 11 reuses the face of the application before (a second application of one person).
    let person = if i % 11 == 1 && i > 0 { i - 1 } else { i };
    (app, person)
}

/// Values several applications share, so the fraud signals have something to find.
pub(crate) struct Shared {
    pub(crate) phone: Phone,
    pub(crate) device: String,
    pub(crate) card: String,
    pub(crate) contact: Phone,
    pub(crate) ip: String,
}

/// Loads `count` applications unless there are already some; returns how many were added.
pub async fn load(db: &Db, photos: &Photos, count: u64) -> Result<u64, BoxError> {
    let existing: i64 =
        crate::with_db!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(c).await)?;
    if existing > 0 {
        return Ok(0);
    }
    println!("Loading {count} demo applications with drawn photos (first start only)...");
    let (id, _key) = crate::api::keys::create(
        db,
        &crate::api::keys::NewKey::every("demo backend"),
        &crate::audit::Actor::System("demo"),
        None,
    )
    .await?;
    let client = ApiClient { id, name: "demo backend".into(), scopes: crate::api::keys::Scopes::Every };
    let mut rng = Rng(20_261_125);
    let shared = Shared {
        phone: random_phone(&mut rng),
        device: "dev.shared.0001".into(),
        card: "tok_shared_card_0001".into(),
        contact: random_phone(&mut rng),
        ip: "95.56.12.34".into(),
    };
    let now = db::now();
    let mut done = 0;
    let mut batch = tokio::task::JoinSet::new();
    let mut made: Vec<(NewApplication, u64)> = Vec::new();
    for i in 0..count {
        let (mut app, mut person) = application(&mut rng, i, now, &shared);
        // One in eleven is a customer applying again: the person of an application nine before,
        // with the same identity and account, a new loan, and now and then a new phone or address.
        if i % 11 == 4
            && let Some((earlier, earlier_person)) = i.checked_sub(9).and_then(|k| made.get(k as usize))
        {
            let phone = (i % 2 == 0).then(|| app.phone.clone());
            let home = (i % 3 == 0).then(|| app.home_address.clone());
            app = NewApplication {
                external_id: app.external_id.clone(),
                submitted_at: app.submitted_at,
                amount_kzt: app.amount_kzt,
                term_days: app.term_days,
                ..earlier.clone()
            };
            if let Some(p) = phone {
                app.phone = p;
            }
            if let Some(h) = home {
                app.home_address = h;
            }
            person = *earlier_person;
        }
        made.push((app.clone(), person));
        let brighten = if person == i { 0 } else { 18 };
        // Received a few minutes after it was sent, so the queue's ages spread over two weeks.
        let received = app.submitted_at + Duration::minutes(1 + rng.below(20) as i64);
        let (db, photos, client) = (db.clone(), photos.clone(), client.clone());
        batch.spawn(async move {
            let parts = vec![
                (PhotoKind::Selfie, Arc::new(fixtures::selfie_jpeg(person, brighten))),
                (PhotoKind::IdFront, Arc::new(fixtures::id_card_jpeg(person, false))),
                (PhotoKind::IdBack, Arc::new(fixtures::id_card_jpeg(person, true))),
            ];
            let (done, errors) = process_parts(&photos, &parts).await;
            if !errors.is_empty() {
                return Err(crate::intake::SubmitError::Invalid(errors));
            }
            let created = submit(&db, &photos, &client, &app.ip.clone(), &app, &done, None).await?;
            crate::with_db!(&db, |c| sqlx::query("UPDATE applications SET received_at = $1 WHERE id = $2")
                .bind(received)
                .bind(created.id)
                .execute(c)
                .await
                .map(|_| ()))
            .map_err(crate::intake::SubmitError::from)?;
            Ok(created)
        });
        if batch.len() >= 4
            && let Some(r) = batch.join_next().await
        {
            r??;
            done += 1;
        }
    }
    while let Some(r) = batch.join_next().await {
        r??;
        done += 1;
    }
    // Intake dated each customer by the moment it ran; the applications were then dated back.
    crate::with_db!(db, |c| {
        sqlx::query(
        "UPDATE customers SET
             created_at = (SELECT MIN(a.received_at) FROM applications a WHERE a.customer_id = customers.id),
             last_activity_at = (SELECT MAX(a.received_at) FROM applications a WHERE a.customer_id = customers.id)"
    )
    .execute(c)
    .await
    .map(|_| ())
    })?;
    Ok(done)
}
