//! KYC review: the queue, take-next claims, the review page, decisions and their events.

use kreditomat_portal::{
    auth::Role,
    demo::seed,
    intake::{iin, input},
    photos::storage::Photos,
    signals::Signal,
    with_db,
};
use reqwest::Client;
use serde_json::Value;

use crate::{
    db_test,
    harness::{Backend, TestApp, location},
    intake,
};

/// An applicant unlike any other (IIN, phone, device, card, IP, contact) unless `n` repeats.
pub(crate) fn applicant(n: u64) -> Value {
    let mut doc = intake::example();
    let iin = (0..).find_map(|k| iin::complete(&format!("9001014{:04}", n * 10 + k))).unwrap();
    doc["external_id"] = format!("app-{n}").into();
    doc["applicant"]["iin"] = iin.into();
    doc["applicant"]["birth_date"] = "1990-01-01".into();
    doc["applicant"]["phone"] = format!("+7701{n:07}").into();
    doc["applicant"]["last_name"] = format!("Сейітова{}", char::from(b'a' + (n % 26) as u8)).into();
    doc["device"]["id"] = format!("dev-{n}").into();
    doc["device"]["ip"] = format!("10.1.{}.{}", n / 250, 1 + n % 250).into();
    doc["card"]["token"] = format!("tok-{n}").into();
    doc["contacts"][0]["phone"] = format!("+7705{n:07}").into();
    doc
}

/// Submits `doc` with the photos of `person`; returns the new application's id.
pub(crate) async fn submit(app: &TestApp, key: &str, doc: &Value, person: u64) -> i64 {
    let res = intake::post(app, key, intake::form(doc, person), None).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

pub(crate) async fn html(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let res = app.get(client, path).await;
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The ids linked from a queue page, in order.
pub(crate) fn queue_ids(page: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = Vec::new();
    for part in page.split("<td><a href=\"/review/").skip(1) {
        if let Some(id) = part.split('"').next().and_then(|s| s.parse().ok())
            && ids.last() != Some(&id)
        {
            ids.push(id);
        }
    }
    ids
}

pub(crate) async fn take_next(app: &TestApp, client: &Client) -> Option<i64> {
    let res = app.post_form(client, "/review/next", &[]).await;
    assert_eq!(res.status(), 303);
    location(&res).strip_prefix("/review/").and_then(|s| s.parse().ok())
}

pub(crate) async fn version(app: &TestApp, id: i64) -> i64 {
    with_db!(&app.db, |c| sqlx::query_scalar("SELECT version FROM applications WHERE id = $1")
        .bind(id)
        .fetch_one(c)
        .await)
    .unwrap()
}

pub(crate) async fn status(app: &TestApp, id: i64) -> String {
    with_db!(&app.db, |c| sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
        .bind(id)
        .fetch_one(c)
        .await)
    .unwrap()
}

pub(crate) async fn seed(app: &TestApp, count: u64) {
    let photos =
        Photos::from_config(&kreditomat_portal::config::Config::local(app.data_dir.path().to_path_buf()))
            .unwrap();
    seed::seed(&app.db, &photos, count).await.unwrap();
}

db_test!(the_queue_lists_pending_oldest_first_with_masked_data, |app| {
    let key = intake::key(&app).await;
    let first = submit(&app, &key, &applicant(1), 1).await;
    let second = submit(&app, &key, &applicant(2), 2).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (code, page) = html(&app, &verifier, "/review").await;
    assert_eq!(code, 200);
    assert_eq!(queue_ids(&page), vec![first, second], "oldest first");
    let full_iin = applicant(1)["applicant"]["iin"].as_str().unwrap().to_string();
    assert!(!page.contains(&full_iin), "no full IIN in the list");
    assert!(page.contains(&format!("•••••••••{}", &full_iin[9..])), "masked IIN");
    assert!(!page.contains("+77010000001"), "no full phone in the list");
    assert!(page.contains("На проверке <span class=\"count\">2</span>"), "count per status");
    // Approved ones leave the pending tab.
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET status = 'approved' WHERE id = $1")
        .bind(first)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let (_, page) = html(&app, &verifier, "/review").await;
    assert_eq!(queue_ids(&page), vec![second]);
    let (_, page) = html(&app, &verifier, "/review?status=approved").await;
    assert_eq!(queue_ids(&page), vec![first]);
    assert!(page.contains("Одобрено <span class=\"count\">1</span>"), "the counter follows the status");
});

db_test!(search_finds_by_iin_phone_number_and_name_in_any_order, |app| {
    let key = intake::key(&app).await;
    let a = submit(&app, &key, &applicant(3), 3).await;
    let b = submit(&app, &key, &applicant(4), 4).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let iin = applicant(4)["applicant"]["iin"].as_str().unwrap().to_string();
    let q = |s: &str| format!("/review?q={}", s.replace(' ', "+"));
    assert_eq!(queue_ids(&html(&app, &verifier, &format!("/review?q={iin}")).await.1), vec![b]);
    assert_eq!(queue_ids(&html(&app, &verifier, "/review?q=8+701+000+00+03").await.1), vec![a]);
    assert_eq!(queue_ids(&html(&app, &verifier, &format!("/review?q=%23{b}")).await.1), vec![b]);
    // Any word order, any case, a prefix of a word.
    let (_, page) = html(&app, &verifier, &q("айгүл СЕЙІТОВАd")).await;
    assert_eq!(queue_ids(&page), vec![a], "{page}");
    let (_, page) = html(&app, &verifier, &q("сейіт")).await;
    assert_eq!(queue_ids(&page), vec![a, b]);
    let (_, page) = html(&app, &verifier, &q("Петров")).await;
    assert!(queue_ids(&page).is_empty());

    // Absurd parameters: a clear error next to the field, the page still works.
    let wrong_iin = format!("{}{}", &iin[..11], (iin.as_bytes()[11] - b'0' + 1) % 10);
    let (code, page) = html(&app, &verifier, &format!("/review?q={wrong_iin}")).await;
    assert_eq!(code, 400);
    assert!(page.contains("контрольной"), "IIN error in Russian");
    for query in [
        "status=bogus",
        "from=2026-13-45",
        "to=yesterday",
        "from=2026-02-01&to=2026-01-01",
        "declared=%3Cscript%3E",
        "assignee=-1",
        "after=garbage",
        "after=99999999999999999999.1",
        "risk=maybe",
    ] {
        let (code, page) = html(&app, &verifier, &format!("/review?{query}")).await;
        assert_eq!(code, 400, "{query}");
        assert!(page.contains("field-error") || page.contains("flash-bad"), "{query} names the problem");
        assert!(!page.contains("<script>"), "{query} is escaped");
    }
    let (code, _) = html(&app, &verifier, &format!("/review?q={}", "я".repeat(300))).await;
    assert_eq!(code, 400);
});

db_test!(pages_follow_a_keyset_cursor_without_gaps_or_repeats, |app| {
    seed(&app, 250).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let mut seen = Vec::new();
    let mut path = "/review?status=all".to_string();
    for _ in 0..10 {
        let (code, page) = html(&app, &verifier, &path).await;
        assert_eq!(code, 200);
        let ids = queue_ids(&page);
        assert!(ids.len() <= 50);
        seen.extend(ids);
        let Some(at) = page.find("rel=\"next\"").and_then(|end| page[..end].rfind("href=\"")) else { break };
        path = page[at + 6..].split('"').next().unwrap().replace("&#38;", "&");
    }
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(seen.len(), 250, "every application once");
    assert_eq!(sorted, seen, "in order");
    // Filters: declared and risky ones are a subset, in order.
    let (_, page) = html(&app, &verifier, "/review?status=all&declared=any").await;
    let declared = queue_ids(&page);
    let expected: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE pep_declared OR bo_declared ORDER BY received_at, id LIMIT 50"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert!(!expected.is_empty());
    assert_eq!(declared, expected);
    let (_, page) = html(&app, &verifier, "/review?status=all&risk=yes").await;
    let risky = queue_ids(&page);
    let expected: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE risk_signals <> 0 ORDER BY received_at, id LIMIT 50"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert!(!expected.is_empty());
    assert_eq!(risky, expected);

    // Every other order pages the same way: each application once, in that order.
    for (sort, order) in [
        ("newest", "received_at DESC, id DESC"),
        ("amount", "amount_kzt DESC, id DESC"),
        ("risk", "risk_count DESC, received_at, id"),
    ] {
        let mut seen = Vec::new();
        let mut path = format!("/review?status=all&sort={sort}");
        for _ in 0..10 {
            let (code, page) = html(&app, &verifier, &path).await;
            assert_eq!(code, 200, "{path}");
            seen.extend(queue_ids(&page));
            let Some(at) = page.find("rel=\"next\"").and_then(|end| page[..end].rfind("href=\"")) else {
                break;
            };
            path = page[at + 6..].split('"').next().unwrap().replace("&#38;", "&");
        }
        let sql = format!("SELECT id FROM applications ORDER BY {order}");
        let expected: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(&sql).fetch_all(c).await).unwrap();
        assert_eq!(seen, expected, "{sort}");
    }
});

/// Two verifiers taking applications at once (on one process or two) never get the same one.
mod take_next_gives_each_application_to_one_verifier {
    use super::*;

    async fn check(backend: Backend) {
        let Some(app) = TestApp::spawn_with(backend, |c| c.claim_ttl = time::Duration::seconds(2)).await
        else {
            return;
        };
        seed(&app, 50).await; // the newest 10 are pending
        // The second process is the real binary, whose claims last a minute.
        let second = app.second_process(&["--claim-minutes", "1"]).await;
        let mut clients = Vec::new();
        for i in 0..4 {
            clients.push(app.signed_in(&format!("ver{i}"), &[Role::Verifier]).await);
        }
        let mut tokens = Vec::new();
        for c in &clients {
            tokens.push(app.csrf(c).await);
        }
        let mut tasks = Vec::new();
        for (i, (c, token)) in clients.iter().zip(tokens).enumerate() {
            let base = if i % 2 == 0 { app.base.clone() } else { second.clone() };
            let c = c.clone();
            tasks.push(tokio::spawn(async move {
                let mut got = Vec::new();
                for _ in 0..2 {
                    let res =
                        c.post(format!("{base}/review/next")).form(&[("csrf", &token)]).send().await.unwrap();
                    got.push(location(&res));
                    // Release so the next take gets a new one.
                    if let Some(id) = location(&res).strip_prefix("/review/") {
                        let res = c
                            .post(format!("{base}/review/{id}/claim"))
                            .form(&[("csrf", &token)])
                            .send()
                            .await
                            .unwrap();
                        assert_eq!(res.status(), 303);
                    }
                }
                got
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            let got = t.await.unwrap();
            assert_eq!(got[0], got[1], "a verifier who holds one gets it back");
            all.push(got[0].clone());
        }
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4, "four verifiers, four applications: {all:?}");

        // Others see who holds it; the holder can release it.
        let held: i64 = all[0].trim_start_matches("/review/").parse().unwrap();
        let (_, page) = html(&app, &clients[1], &format!("/review/{held}")).await;
        assert!(page.contains("Заявку проверяет Тест ver0"), "the holder is named");
        let res = app.post_form(&clients[1], &format!("/review/{held}/claim"), &[]).await;
        assert_eq!(res.status(), 303);
        let (_, page) = html(&app, &clients[1], &format!("/review/{held}")).await;
        assert!(page.contains("уже взял другой сотрудник"), "a held claim is refused");
        let res = app.post_form(&clients[0], &format!("/review/{held}/release"), &[]).await;
        assert_eq!(location(&res), "/review");
        let holder: Option<i64> =
            with_db!(&app.db, |c| sqlx::query_scalar("SELECT claimed_by FROM applications WHERE id = $1")
                .bind(held)
                .fetch_one(c)
                .await)
            .unwrap();
        assert_eq!(holder, None);

        // A claim expires: the four oldest decidable applications are held, those taken through
        // this process for two seconds, those through the second for a minute. After two
        // seconds a newcomer gets the older of the two whose claims ran out, and nothing else.
        let res = app.post_form(&clients[0], &format!("/review/{held}/claim"), &[]).await;
        assert_eq!(res.status(), 303, "the released application can be claimed again");
        let late = app.signed_in("late", &[Role::Verifier]).await;
        let today = time::OffsetDateTime::now_utc().to_offset(kreditomat_portal::i18n::ALMATY).date();
        let oldest_four: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
            "SELECT id FROM applications WHERE status = 'pending' AND compliance_state IS NULL
             AND birth_date <= $1 AND doc_expires_on >= $2 ORDER BY received_at, id LIMIT 4"
        )
        .bind(kreditomat_portal::review::claims::adult_cutoff(today))
        .bind(today)
        .fetch_all(c)
        .await)
        .unwrap();
        let mut taken: Vec<i64> =
            all.iter().map(|l| l.trim_start_matches("/review/").parse().unwrap()).collect();
        taken.sort();
        let mut oldest_sorted = oldest_four.clone();
        oldest_sorted.sort();
        assert_eq!(taken, oldest_sorted, "the four took the four oldest");
        let short: Vec<i64> =
            [&all[0], &all[2]].iter().map(|l| l.trim_start_matches("/review/").parse().unwrap()).collect();
        let oldest_pending = *oldest_four.iter().find(|id| short.contains(id)).unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        let got = take_next(&app, &late).await.unwrap();
        assert_eq!(got, oldest_pending, "expired claims are free again");
    }

    crate::on_both_backends!(check);
}

db_test!(decisions_are_recorded_with_their_event_and_audit_entry, |app| {
    let key = intake::key(&app).await;
    let mut kazakh = applicant(5);
    kazakh["language"] = "kk".into();
    let a = submit(&app, &key, &applicant(6), 6).await;
    let b = submit(&app, &key, &kazakh, 5).await;
    let c = submit(&app, &key, &applicant(7), 7).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;

    // Approve the first.
    assert_eq!(take_next(&app, &verifier).await, Some(a));
    let v = version(&app, a).await.to_string();
    let res = app
        .post_form(
            &verifier,
            &format!("/review/{a}/decide"),
            &[("version", &v), ("action", "approve"), ("confirm", "yes"), ("ack", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(status(&app, a).await, "approved");
    assert_eq!(version(&app, a).await, 2);

    // Reject the second with two reasons: the customer text is in Kazakh.
    assert_eq!(take_next(&app, &verifier).await, Some(b));
    let v = version(&app, b).await.to_string();
    let fields = [
        ("version", v.as_str()),
        ("action", "reject"),
        ("reason", "doc_expired"),
        ("reason", "selfie_mismatch"),
        ("confirm", "yes"),
    ];
    let res = app.post_form(&verifier, &format!("/review/{b}/decide"), &fields).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, b).await, "rejected");

    // Ask the third to resubmit the selfie.
    assert_eq!(take_next(&app, &verifier).await, Some(c));
    let v = version(&app, c).await.to_string();
    let fields = [
        ("version", v.as_str()),
        ("action", "resubmit"),
        ("document", "selfie"),
        ("message", "Сделайте селфи при дневном свете."),
        ("confirm", "yes"),
    ];
    let res = app.post_form(&verifier, &format!("/review/{c}/decide"), &fields).await;
    assert_eq!(res.status(), 303);
    assert_eq!(status(&app, c).await, "resubmission_requested");

    let feed = intake::events(&app, &key, "after=0&limit=100").await;
    let events: Vec<&Value> =
        feed["events"].as_array().unwrap().iter().filter(|e| e["type"] != "application.received").collect();
    assert_eq!(events.len(), 3, "{feed}");
    assert_eq!(events[0]["type"], "application.approved");
    assert_eq!(events[0]["application_id"], a);
    assert_eq!(events[1]["type"], "application.rejected");
    let reasons = events[1]["data"]["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 2);
    assert!(reasons.iter().any(|r| r["message"].as_str().unwrap().contains("Құжатыңыздың")), "{reasons:?}");
    assert_eq!(events[1]["data"]["language"], "kk");
    assert_eq!(events[2]["type"], "application.resubmission_requested");
    assert_eq!(events[2]["data"]["documents"], serde_json::json!(["selfie"]));
    assert_eq!(events[2]["data"]["message"], "Сделайте селфи при дневном свете.");
    let audited: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('application.approved', 'application.rejected',
                'application.resubmission-requested') AND actor_label = 'ver'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(audited, 3);
    // The decisions show on the page, with the reasons by name.
    let (_, page) = html(&app, &verifier, &format!("/review/{b}")).await;
    assert!(page.contains("Срок действия документа истёк"), "reason label on the page");
    // The app can now resubmit documents for the third.
    let form = reqwest::multipart::Form::new()
        .part("selfie", intake::jpeg(kreditomat_portal::photos::fixtures::selfie_jpeg(7, 20), "selfie.jpg"));
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/applications/{c}/documents", app.base))
        .bearer_auth(&key)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(status(&app, c).await, "pending");
});

db_test!(forged_and_stale_decisions_change_nothing, |app| {
    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(8), 8).await;
    let mut young = applicant(9);
    let born = crate::harness::years_ago(15);
    young["applicant"]["birth_date"] = crate::harness::iso(born).into();
    young["applicant"]["iin"] = crate::harness::iin_born(born, 0).into();
    let minor = submit(&app, &key, &young, 9).await;
    let holder = app.signed_in("holder", &[Role::Verifier]).await;
    let other = app.signed_in("other", &[Role::Verifier]).await;
    let manager = app.signed_in("boss", &[Role::Manager]).await;
    assert_eq!(take_next(&app, &holder).await, Some(id));
    let v = version(&app, id).await.to_string();
    let approve = [("version", v.as_str()), ("action", "approve")];
    let events_before = intake::events(&app, &key, "after=0").await["events"].as_array().unwrap().len();

    // Not the holder.
    let res = app.post_form(&other, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("не у вас в работе"));
    // A role that may not decide.
    let res = app.post_form(&manager, &format!("/review/{id}/decide"), &approve).await;
    assert_eq!(res.status(), 403);
    // No CSRF token.
    let res = holder.post(format!("{}/review/{id}/decide", app.base)).form(&approve).send().await.unwrap();
    assert_eq!(res.status(), 403);
    // An unknown reason code; no reason; an unknown action; a bad version.
    let bad = [("version", v.as_str()), ("action", "reject"), ("reason", "no_such_reason")];
    let res = app.post_form(&holder, &format!("/review/{id}/decide"), &bad).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("нет в списке"));
    let res = app
        .post_form(&holder, &format!("/review/{id}/decide"), &[("version", &v), ("action", "reject")])
        .await;
    assert_eq!(res.status(), 422);
    let res =
        app.post_form(&holder, &format!("/review/{id}/decide"), &[("version", &v), ("action", "drop")]).await;
    assert_eq!(res.status(), 400);
    let res = app
        .post_form(&holder, &format!("/review/{id}/decide"), &[("version", "x"), ("action", "approve")])
        .await;
    assert_eq!(res.status(), 400);
    // Resubmit without documents keeps the typed message.
    let typed = "<b>Пришлите</b> селфи";
    let fields = [("version", v.as_str()), ("action", "resubmit"), ("message", typed)];
    let res = app.post_form(&holder, &format!("/review/{id}/decide"), &fields).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("&#60;b&#62;Пришлите&#60;/b&#62; селфи"), "the message comes back, escaped");
    // A stale version: the application changed meanwhile.
    let stale = [("version", "0"), ("action", "approve")];
    let res = app.post_form(&holder, &format!("/review/{id}/decide"), &stale).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("новая версия"));
    assert_eq!(status(&app, id).await, "pending");
    assert_eq!(version(&app, id).await, 1);
    let events_after = intake::events(&app, &key, "after=0").await["events"].as_array().unwrap().len();
    assert_eq!(events_before, events_after, "no event for a refused decision");

    // An applicant under 18 cannot be approved.
    let res = app.post_form(&holder, &format!("/review/{id}/release"), &[]).await;
    assert_eq!(res.status(), 303);
    let res = app.post_form(&holder, &format!("/review/{minor}/claim"), &[]).await;
    assert_eq!(res.status(), 303);
    let v = version(&app, minor).await.to_string();
    let res = app
        .post_form(&holder, &format!("/review/{minor}/decide"), &[("version", &v), ("action", "approve")])
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(status(&app, minor).await, "pending");
});

db_test!(the_review_page_shows_everything_escaped_and_logs_each_view, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(10);
    doc["applicant"]["first_name"] = "<script>alert(1)</script>".into();
    doc["employer"]["name"] = "<img src=x onerror=alert(2)>".into();
    let id = submit(&app, &key, &doc, 10).await;
    // The same person again: same phone and device, a second shot of the same face.
    let mut again = applicant(11);
    again["applicant"]["phone"] = doc["applicant"]["phone"].clone();
    again["device"]["id"] = doc["device"]["id"].clone();
    let twin = submit(&app, &key, &again, 10).await;

    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (code, page) = html(&app, &verifier, &format!("/review/{twin}")).await;
    assert_eq!(code, 200);
    assert!(!page.contains("<script>alert"), "no live script");
    assert!(!page.contains("<img src=x"), "no live markup");
    let full_iin = again["applicant"]["iin"].as_str().unwrap();
    assert!(page.contains(full_iin), "a verifier sees the full IIN");
    assert!(page.contains("Тот же телефон"), "{page}");
    assert!(page.contains("То же устройство"));
    assert!(page.contains(&format!("href=\"/review/{id}\"")), "linked to the other application");
    assert!(page.contains("Похожее селфи"), "near-identical selfie found");
    assert!(page.contains("Контрольная цифра ИИН верна"));
    for group in [
        "Личность",
        "Документ",
        "Контактные лица",
        "Работа и семья",
        "Заём",
        "Устройство и местоположение",
        "Разрешения в приложении",
    ] {
        assert!(page.contains(group), "group {group}");
    }
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(page.contains("&#60;script&#62;alert(1)&#60;/script&#62;"), "shown as text");
    let risky: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT risk_signals FROM applications WHERE id = $1")
            .bind(id)
            .fetch_one(c)
            .await)
        .unwrap();
    assert_ne!(risky & Signal::SamePhone.bit(), 0, "the earlier application is marked too");
    assert_ne!(risky & Signal::SimilarSelfie.bit(), 0);

    let manager = app.signed_in("boss", &[Role::Manager]).await;
    let (code, page) = html(&app, &manager, &format!("/review/{twin}")).await;
    assert_eq!(code, 200);
    assert!(!page.contains(full_iin), "a manager sees the IIN masked");
    assert!(!page.contains("Одобрить"), "and no decision buttons");
    let support = app.signed_in("sup", &[Role::Support]).await;
    assert_eq!(html(&app, &support, &format!("/review/{twin}")).await.0, 403);
    assert_eq!(html(&app, &verifier, "/review/999999").await.0, 404);

    let views: Vec<(String, String)> = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT s.login, l.access FROM pd_access_log l JOIN staff s ON s.id = l.staff_id
         WHERE l.application_id = $1 ORDER BY l.id"
    )
    .bind(twin)
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(views, vec![("ver".into(), "review-page".into()), ("boss".into(), "review-page".into())]);
    let security = app.signed_in("sec", &[Role::Security]).await;
    let (code, page) = html(&app, &security, &format!("/admin/access-log?application={twin}")).await;
    assert_eq!(code, 200);
    assert!(page.contains("Тест ver") && page.contains("Тест boss"));

    // Internal notes: kept, escaped, audited.
    let res =
        app.post_form(&verifier, &format!("/review/{id}/note"), &[("body", "<i>звонил</i> клиенту")]).await;
    assert_eq!(res.status(), 303);
    let res = app.post_form(&verifier, &format!("/review/{id}/note"), &[("body", "  ")]).await;
    assert_eq!(res.status(), 422);
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(page.contains("&#60;i&#62;звонил&#60;/i&#62; клиенту"));
});

db_test!(administrators_extend_the_reason_codes, |app| {
    let admin = app.signed_in("adm", &[Role::Admin]).await;
    let fields = [
        ("code", "income_unconfirmed"),
        ("label_ru", "Доход не подтверждён"),
        ("label_kk", "Табыс расталмаған"),
        ("customer_ru", "Мы не смогли подтвердить ваш доход."),
        ("customer_kk", "Табысыңызды растай алмадық."),
        ("position", "80"),
        ("active", "on"),
    ];
    let res = app.post_form(&admin, "/admin/reasons", &fields).await;
    assert_eq!(res.status(), 303);
    let res = app.post_form(&admin, "/admin/reasons", &fields).await;
    assert_eq!(res.status(), 422, "the code is taken");
    let bad = [
        ("code", "Bad Code!"),
        ("label_ru", ""),
        ("label_kk", "x"),
        ("customer_ru", "x"),
        ("customer_kk", "x"),
        ("position", "-5"),
    ];
    let res = app.post_form(&admin, "/admin/reasons", &bad).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"Bad Code!\""), "what was typed comes back");
    assert_eq!(page.matches("field-error").count(), 3, "code, label and position");

    let key = intake::key(&app).await;
    let id = submit(&app, &key, &applicant(12), 12).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(page.contains("Доход не подтверждён"));
    // Retired: no longer offered.
    let retire = [
        ("label_ru", "Доход не подтверждён"),
        ("label_kk", "Табыс расталмаған"),
        ("customer_ru", "Мы не смогли подтвердить ваш доход."),
        ("customer_kk", "Табысыңызды растай алмадық."),
        ("position", "80"),
    ];
    let res = app.post_form(&admin, "/admin/reasons/income_unconfirmed", &retire).await;
    assert_eq!(res.status(), 303);
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(!page.contains("Доход не подтверждён"));
    assert_eq!(html(&app, &admin, "/admin/reasons/nothing_here").await.0, 404);
    let audited: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('reason.created', 'reason.updated')"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(audited, 2);
});

/// Every value the review page names through a computed message id has a message.
#[test]
fn every_coded_value_has_a_name_in_both_languages() {
    use kreditomat_portal::i18n;
    let mut ids: Vec<String> = Vec::new();
    for s in ["pending", "resubmission_requested", "approved", "rejected", "all"] {
        ids.push(format!("review-status-{s}"));
    }
    for d in kreditomat_portal::review::DOCUMENTS {
        ids.push(format!("review-doc-{d}"));
    }
    ids.extend(input::SEXES.iter().map(|s| format!("review-sex-{s}")));
    ids.extend(input::DOC_TYPES.iter().map(|s| format!("review-doc-type-{s}")));
    ids.extend(input::MARITAL.iter().map(|s| format!("review-marital-{s}")));
    ids.extend(input::RELATIONS.iter().map(|s| format!("review-relation-{s}")));
    ids.extend(input::LANGUAGES.iter().map(|s| format!("review-customer-language-{s}")));
    ids.extend(["error", "warning", "ok"].iter().map(|s| format!("review-level-{s}")));
    ids.extend(["review-page", "original-photo"].iter().map(|s| format!("access-log-{s}")));
    for id in ids {
        assert!(i18n::has(&id), "{id} has no message");
    }
}
