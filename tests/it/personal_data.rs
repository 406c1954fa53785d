//! Personal data by need: every role × every field of the review page is shown, masked or
//! hidden exactly as the table in `auth::personal_data` says, and a full IIN, phone or e-mail
//! is searched for only by roles that may see it.

use kreditomat_portal::{
    auth::{
        Role, access,
        personal_data::{Field, Shown, mask, shown_to},
    },
    with_db,
};

use crate::{db_test, harness::TestApp, intake};

/// What askama writes for `text`.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

type Stored =
    (String, String, Option<String>, time::Date, String, String, String, Option<String>, String, String);

/// Each field of application `id` as stored (the birth date as `YYYY-MM-DD`), and how the page
/// writes it in full.
async fn values(app: &TestApp, id: i64) -> Vec<(Field, String, String)> {
    let row: Stored = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT iin, phone, email, birth_date, reg_address, home_address, doc_number, employer_name,
                device_id, ip FROM applications WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    let (name, phone): (String, String) = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT name, phone FROM application_contacts WHERE application_id = $1 ORDER BY position LIMIT 1"
    )
    .bind(id)
    .fetch_one(c)
    .await)
    .unwrap();
    let (lat, lon): (f64, f64) =
        with_db!(&app.db, |c| sqlx::query_as("SELECT geo_lat, geo_lon FROM applications WHERE id = $1")
            .bind(id)
            .fetch_one(c)
            .await)
        .unwrap();
    let b = row.3;
    let birth_shown = format!("{:02}.{:02}.{}", b.day(), u8::from(b.month()), b.year());
    vec![
        (Field::Iin, row.0.clone(), row.0),
        (Field::Phone, row.1.clone(), row.1),
        (Field::Email, row.2.clone().unwrap(), row.2.unwrap()),
        (Field::BirthDate, b.to_string(), birth_shown),
        (Field::RegAddress, row.4.clone(), row.4),
        (Field::HomeAddress, row.5.clone(), row.5),
        (Field::DocNumber, row.6.clone(), row.6),
        (Field::Employer, row.7.clone().unwrap(), row.7.unwrap()),
        (Field::DeviceId, row.8.clone(), row.8),
        (Field::Ip, row.9.clone(), row.9),
        (Field::Geo, String::new(), format!("{lat:.5}, {lon:.5}")),
        (Field::ContactName, name.clone(), name),
        (Field::ContactPhone, phone.clone(), phone),
    ]
}

db_test!(every_role_sees_every_field_as_the_table_says, |app| {
    let key = intake::key(&app).await;
    let res = intake::post(&app, &key, intake::form(&intake::example(), 90), None).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
    let fields = values(&app, id).await;
    assert_eq!(fields.len(), Field::ALL.len(), "every field is checked");

    for role in Role::ALL {
        let client = app.signed_in(&format!("pd-{}", role.code()), &[role]).await;
        let res = app.get(&client, &format!("/review/{id}")).await;
        if !access::REVIEW.contains(&role) {
            assert_eq!(res.status(), 403, "{role:?} does not open the page at all");
            continue;
        }
        assert_eq!(res.status(), 200, "{role:?}");
        let page = res.text().await.unwrap();
        for (field, stored, full) in &fields {
            let full = escaped(full);
            match shown_to(role, *field) {
                Shown::Full => assert!(page.contains(&full), "{role:?} sees {field:?} in full"),
                Shown::Masked => {
                    assert!(!page.contains(&full), "{role:?} must not see {field:?} in full");
                    let masked = escaped(&mask(*field, stored));
                    assert!(page.contains(&masked), "{role:?} sees {field:?} masked as {masked}");
                }
                Shown::Hidden => {
                    assert!(!page.contains(&full), "{role:?} must not see {field:?}");
                    assert!(page.contains("скрыто для вашей роли"), "{role:?}: the page says it is hidden");
                }
            }
        }
        let limited = Field::ALL.iter().any(|f| shown_to(role, *f) != Shown::Full);
        assert_eq!(page.contains("замаскирована или скрыта"), limited, "{role:?}: the note says why");
    }
});

db_test!(only_roles_that_see_a_full_iin_or_phone_search_by_it, |app| {
    let key = intake::key(&app).await;
    let res = intake::post(&app, &key, intake::form(&intake::example(), 91), None).await;
    assert_eq!(res.status(), 201);
    let (id, iin, phone): (i64, String, String) =
        with_db!(&app.db, |c| sqlx::query_as("SELECT id, iin, phone FROM applications").fetch_one(c).await)
            .unwrap();
    let name = "Тоқаева";
    for role in Role::ALL.into_iter().filter(|r| access::REVIEW.contains(r)) {
        let client = app.signed_in(&format!("q-{}", role.code()), &[role]).await;
        for (field, q) in
            [(Field::Iin, iin.as_str()), (Field::Phone, phone.as_str()), (Field::Email, "aigul@example.kz")]
        {
            let url = format!("/review?q={}", q.replace('+', "%2B").replace('@', "%40"));
            let res = app.get(&client, &url).await;
            let allowed = shown_to(role, field) == Shown::Full;
            let status = res.status().as_u16();
            let page = res.text().await.unwrap();
            if allowed {
                assert_eq!(status, 200, "{role:?} searches by {field:?}");
                assert!(page.contains(&format!("href=\"/review/{id}\"")), "{role:?} finds it by {field:?}");
            } else {
                assert_eq!(status, 400, "{role:?} may not search by {field:?}");
                assert!(
                    page.contains("id=\"q-error\"") && page.contains("Вашей роли не положен поиск"),
                    "{page}"
                );
                assert!(page.contains(&format!("value=\"{}\"", escaped(q))), "what was typed comes back");
            }
        }
        // A name is searched for by every role that opens the queue.
        let res = app.get(&client, &format!("/review?q={name}")).await;
        assert_eq!(res.status(), 200, "{role:?}");
    }
});
