//! The queue as a verifier works it: "take next" hands out only what can be decided and never the
//! one just released; the queue says how long each has waited and why one cannot be decided,
//! sorts by age, amount and risk, and searches across Kazakh, Russian and Latin spellings.

use kreditomat_portal::{auth::Role, with_db};

use crate::{
    db_test,
    harness::TestApp,
    intake,
    review::{applicant, html, queue_ids, submit, take_next},
};

pub(crate) async fn set(app: &TestApp, id: i64, assignment: &str) {
    let sql = format!("UPDATE applications SET {assignment} WHERE id = $1");
    with_db!(&app.db, |c| sqlx::query(&sql).bind(id).execute(c).await.map(|_| ())).unwrap();
}

db_test!(take_next_skips_what_cannot_be_decided_and_what_was_just_released, |app| {
    let key = intake::key(&app).await;
    let waiting = submit(&app, &key, &applicant(11), 11).await;
    let underage = submit(&app, &key, &applicant(12), 12).await;
    let expired = submit(&app, &key, &applicant(13), 13).await;
    let first = submit(&app, &key, &applicant(14), 14).await;
    let second = submit(&app, &key, &applicant(15), 15).await;
    set(&app, waiting, "compliance_state = 'review'").await;
    set(&app, underage, &format!("birth_date = '{}'", crate::harness::years_ago(11))).await;
    set(&app, expired, "doc_expires_on = '2020-01-01'").await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;

    // The oldest three cannot be decided: the first decidable one is handed out, every time.
    assert_eq!(take_next(&app, &verifier).await, Some(first));
    assert_eq!(take_next(&app, &verifier).await, Some(first), "a held one comes back to its holder");

    // Released, it is not handed straight back to the same verifier.
    let res = app.post_form(&verifier, &format!("/review/{first}/release"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(take_next(&app, &verifier).await, Some(second));
    let res = app.post_form(&verifier, &format!("/review/{second}/release"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(take_next(&app, &verifier).await, None, "nothing else decidable: the queue says so");
    let (_, page) = html(&app, &verifier, "/review").await;
    assert!(page.contains("Свободных заявок в очереди нет"), "{page}");

    // Another verifier gets the released one; a held undecidable one does not trap its holder.
    let other = app.signed_in("ver2", &[Role::Verifier]).await;
    let res = app.post_form(&other, &format!("/review/{waiting}/claim"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(take_next(&app, &other).await, Some(first));

    // The queue says why each of the three waits.
    let (_, page) = html(&app, &verifier, "/review").await;
    assert!(page.contains("Ждёт комплаенса: декларация ПДЛ"), "{page}");
    assert!(page.contains("Заявителю нет 18 лет"));
    assert!(page.contains("Срок действия документа истёк"));
    assert!(page.contains("<th scope=\"col\">Ждёт</th>") && page.contains(" мин</td>"), "waiting time");
});

db_test!(the_queue_sorts_by_age_amount_and_risk, |app| {
    let key = intake::key(&app).await;
    let mut ids = Vec::new();
    for (n, amount) in [(21u64, 50_000), (22, 300_000), (23, 120_000)] {
        let mut doc = applicant(n);
        doc["loan"]["amount_kzt"] = amount.into();
        ids.push(submit(&app, &key, &doc, n).await);
    }
    set(&app, ids[2], "risk_signals = 3").await;
    set(&app, ids[0], "risk_signals = 1").await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(queue_ids(&html(&app, &verifier, "/review").await.1), ids);
    let newest: Vec<i64> = ids.iter().rev().copied().collect();
    assert_eq!(queue_ids(&html(&app, &verifier, "/review?sort=newest").await.1), newest);
    assert_eq!(
        queue_ids(&html(&app, &verifier, "/review?sort=amount").await.1),
        vec![ids[1], ids[2], ids[0]]
    );
    assert_eq!(queue_ids(&html(&app, &verifier, "/review?sort=risk").await.1), vec![ids[2], ids[0], ids[1]]);
    let (code, page) = html(&app, &verifier, "/review?sort=sideways").await;
    assert_eq!(code, 400);
    assert!(page.contains("id=\"sort-error\""));
});

db_test!(search_forgives_kazakh_letters_latin_spellings_and_finds_numbers_and_email, |app| {
    let key = intake::key(&app).await;
    let mut doc = applicant(31);
    doc["applicant"]["last_name"] = "Әбенова".into();
    doc["applicant"]["first_name"] = "Гүлнар".into();
    doc["applicant"]["email"] = "Gulnar.Abenova@Mail.kz".into();
    doc["external_id"] = "KM-2026-000731".into();
    let target = submit(&app, &key, &doc, 31).await;
    let _unrelated = submit(&app, &key, &applicant(32), 32).await;
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    for q in
        ["Абенова", "гулнар+абенова", "Abenova+Gulnar", "ӘБЕН", "KM-2026-000731", "gulnar.abenova%40mail.kz"]
    {
        let (code, page) = html(&app, &verifier, &format!("/review?q={q}")).await;
        assert_eq!(code, 200, "{q}");
        assert_eq!(queue_ids(&page), vec![target], "{q}");
    }
    // A bad query shows its error and no list of unrelated rows.
    for q in ["Иван+12", "gulnar%40", "%C2%AB%C2%BB"] {
        let (code, page) = html(&app, &verifier, &format!("/review?q={q}")).await;
        assert_eq!(code, 400, "{q}");
        assert!(page.contains("id=\"q-error\""), "{q}");
        assert!(queue_ids(&page).is_empty(), "{q}: no rows");
    }
});

/// The href of the queue page's "next page" link, unescaped.
fn next_link(page: &str) -> Option<String> {
    let before = page.split(" rel=\"next\"").next().filter(|b| b.len() < page.len())?;
    let href = before.rsplit("href=\"").next()?.split('"').next()?;
    Some(href.replace("&#38;", "&").replace("&amp;", "&"))
}

db_test!(name_search_pages_through_every_match_in_queue_order, |app| {
    let data_dir = app.data_dir.path().to_string_lossy().to_string();
    let (ok, out) = app.run_cli(&["seed", "--count", "1500", "--data-dir", &data_dir], None);
    assert!(ok, "{out}");
    // Arrival order unlike id order, so the walk must follow the time it was given: the name
    // index follows a changed arrival time.
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE applications SET received_at = (SELECT MIN(received_at) FROM applications) WHERE id % 7 = 0"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let tokens: Vec<(i64, String)> = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT t.application_id, t.token FROM application_name_tokens t
         JOIN applications a ON a.id = t.application_id AND a.received_at = t.received_at"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    let stale: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application_name_tokens t
         JOIN applications a ON a.id = t.application_id AND a.received_at <> t.received_at"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(stale, 0, "the name index follows every arrival time");
    // Decisions change statuses: the pair rows follow, and a search of one status finds its own.
    with_db!(&app.db, |c| sqlx::query(
        "UPDATE applications SET status = 'rejected' WHERE id % 5 = 0 AND status = 'pending'"
    )
    .execute(c)
    .await
    .map(|_| ()))
    .unwrap();
    let stale: i64 = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application_name_pairs p JOIN applications a ON a.id = p.application_id AND a.status <> p.status"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(stale, 0, "the pair index follows every status");
    let pending: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE status = 'pending' ORDER BY received_at, id"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert!(tokens.len() > 3000, "{} tokens", tokens.len());
    let order: Vec<(i64, time::OffsetDateTime, i64)> = with_db!(&app.db, |c| sqlx::query_as(
        "SELECT id, received_at, amount_kzt FROM applications ORDER BY received_at, id"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    // Whole words (walked in order), prefixes of several words (collected), and both.
    let folded = |q: &str| kreditomat_portal::intake::input::name_tokens(&q.replace('+', " "));
    // Pairs too: one pair in queue order ("Айгүл Ким"), the pairs of a prefix's words
    // ("Сергей Иванов": ivanov and ivanovich; an application with both comes once).
    let cases: Vec<(&str, Vec<String>)> = ["Айгүл+Ким", "Сергей+Иванов", "Иванов+Ерлан+Иван"]
        .iter()
        .map(|q| (*q, folded(q)))
        .chain([
            ("ivanov", vec!["ivanov".to_string()]),
            ("Иванов+С", vec!["ivanov".into(), "s".into()]),
            ("iva", vec!["iva".into()]),
            ("kim+ser", vec!["kim".into(), "ser".into()]),
            ("Ким+Сергеевич", vec!["kim".into(), "sergevich".into()]),
        ])
        .collect();
    let mut pending_found = 0;
    for (q, words) in cases {
        // The last word is a prefix, the others whole words.
        let has = |id: i64| {
            words.iter().enumerate().all(|(i, w)| {
                let whole = i + 1 < words.len();
                tokens.iter().any(|(a, t)| *a == id && if whole { t == w } else { t.starts_with(w.as_str()) })
            })
        };
        for sort in ["", "newest", "amount", "pending"] {
            let mut expected: Vec<(i64, time::OffsetDateTime, i64)> = order
                .iter()
                .filter(|(id, ..)| has(*id) && (sort != "pending" || pending.contains(id)))
                .cloned()
                .collect();
            match sort {
                "newest" => expected.reverse(),
                "amount" => expected.sort_by_key(|a| std::cmp::Reverse((a.2, a.0))),
                _ => {}
            }
            let expected: Vec<i64> = expected.into_iter().map(|(id, ..)| id).collect();
            assert!(sort == "pending" || !expected.is_empty(), "{q}: the seed has such names");
            if sort == "pending" {
                pending_found += expected.len();
            }
            let mut found = Vec::new();
            let mut url = Some(if sort == "pending" {
                format!("/review?q={q}&status=pending")
            } else {
                format!("/review?q={q}&sort={sort}&status=all")
            });
            while let Some(u) = url.take() {
                let (code, page) = html(&app, &verifier, &u).await;
                assert_eq!(code, 200, "{u}");
                found.extend(queue_ids(&page));
                url = next_link(&page);
                assert!(found.len() <= expected.len(), "{q} {sort}: no page repeats");
            }
            let first_difference = found.iter().zip(&expected).position(|(a, b)| a != b);
            assert_eq!(found, expected, "{q}, sorted {sort}, first difference at {first_difference:?}");
        }
    }
    assert!(pending_found > 0, "some searches of the pending tab find applications");
});
