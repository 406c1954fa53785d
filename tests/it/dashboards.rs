//! The managers' dashboards: every number of every tab against a recount of the raw rows (after
//! a filled database and live changes, on both databases), the duration buckets the migrations
//! compute against the code's, the period form's bad input in both languages, and the CSV
//! exports (with their audit entries).

use kreditomat_portal::{
    audit::Actor,
    auth::Role,
    dashboards::{self, TABS, buckets, period::Period, recount},
    db, demo,
    i18n::{ALMATY, Lang},
    photos::storage::Photos,
    review::{claims, decide},
    with_db,
};
use time::Duration;

use crate::{
    db_test,
    harness::{TestApp, exec, scalar},
};

/// A database with what every tab counts: applications with their history (decisions, hits,
/// PEP approvals), customers blocked and restricted, tickets in every state, restoration cases;
/// then changes through the portal's code and behind its back (a ticket reopened, an arrival
/// time corrected), each of which the rollups must follow.
async fn fill(app: &TestApp) {
    demo::load(&app.db, "demo-password-1").await.unwrap();
    demo::load_sample_list(&app.db).await.unwrap();
    let photos =
        Photos::from_config(&kreditomat_portal::config::Config::local(app.data_dir.path().to_path_buf()))
            .unwrap();
    demo::seed::seed(&app.db, &photos, 300).await.unwrap();
    demo::customers::load(&app.db).await.unwrap();
    demo::seed_tickets::seed(&app.db, 300, None).await.unwrap();
    demo::restoration::load(&app.db, &photos).await.unwrap();
    // A verifier takes a pending application and rejects it: a handling time and reasons.
    let verifier = scalar(app, "SELECT id FROM staff WHERE login = 'verifier'").await;
    let pending = scalar(app, "SELECT MIN(id) FROM applications WHERE status = 'pending'").await;
    let version = scalar(app, &format!("SELECT version FROM applications WHERE id = {pending}")).await;
    let actor = Actor::Staff { id: verifier, login: "verifier".into() };
    assert!(
        claims::claim(&app.db, &actor, verifier, pending, Duration::minutes(30), "127.0.0.1").await.unwrap()
    );
    let reasons =
        vec![("doc_expired".to_string(), "—".to_string()), ("selfie_mismatch".to_string(), "—".to_string())];
    decide::decide(
        &app.db,
        &actor,
        verifier,
        pending,
        version,
        &decide::Outcome::Reject(reasons),
        "127.0.0.1",
    )
    .await
    .unwrap();
    // A resolved ticket opened again, an answered one's deadline moved, an arrival corrected.
    exec(
        app,
        "UPDATE tickets SET resolved_at = NULL, state = 'open'
         WHERE id = (SELECT MIN(id) FROM tickets WHERE resolved_at IS NOT NULL)",
    )
    .await
    .unwrap();
    let decided = scalar(app, "SELECT MIN(application_id) FROM decisions").await;
    let received: time::OffsetDateTime =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT received_at FROM applications WHERE id = $1")
            .bind(decided)
            .fetch_one(c)
            .await)
        .unwrap();
    with_db!(&app.db, |c| sqlx::query("UPDATE applications SET received_at = $1 WHERE id = $2")
        .bind(received - Duration::hours(30))
        .bind(decided)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
}

db_test!(every_tab_matches_a_recount_of_the_raw_rows, |app| {
    fill(&app).await;
    let diffs = recount::check(&app.db).await.unwrap();
    assert!(diffs.is_empty(), "the rollups differ from the recount: {diffs:?}");
    let rows = recount::contributions(&app.db).await.unwrap();
    let now = db::now();
    let today = now.to_offset(ALMATY).date();
    let month_start = today.replace_day(1).unwrap();
    let last_month = month_start.previous_day().unwrap();
    let periods = [
        Period::last("today", today, 1),
        Period::last("7d", today, 7),
        Period::last("30d", today, 30),
        Period { kind: "month", from: month_start, to: today },
        Period { kind: "month", from: last_month.replace_day(1).unwrap(), to: last_month },
        Period::last("range", today, 366),
        Period { kind: "range", from: today - Duration::days(729), to: today - Duration::days(366) },
    ];
    for tab in TABS {
        for lang in [Lang::Ru, Lang::Kk] {
            for p in &periods {
                let stored = dashboards::build(&app.db, 5, tab, lang, p, now, None).await.unwrap().unwrap();
                let counted =
                    dashboards::build(&app.db, 5, tab, lang, p, now, Some(&rows)).await.unwrap().unwrap();
                assert_eq!(stored, counted, "{tab} {lang:?} {p:?}");
            }
        }
    }
    // Not a comparison of empty tabs: over the year every tab counts something.
    let year = Period::last("range", today, 366);
    for (tab, card) in
        [("kyc", 0), ("kyc", 1), ("compliance", 0), ("support", 0), ("security", 0), ("security", 3)]
    {
        let t = dashboards::build(&app.db, 5, tab, Lang::Ru, &year, now, None).await.unwrap().unwrap();
        let value = &t.cards[card].value;
        assert!(
            matches!(value, dashboards::model::Cell::Int(n) if *n > 0),
            "{tab} {}: {value:?}",
            t.cards[card].label
        );
    }
    let kyc = dashboards::build(&app.db, 5, "kyc", Lang::Ru, &year, now, None).await.unwrap().unwrap();
    assert!(!kyc.table("reasons").unwrap().rows.is_empty());
    assert!(
        kyc.table("verifiers")
            .unwrap()
            .rows
            .iter()
            .any(|r| r[0] == dashboards::model::Cell::Text("Айгерім Нұрланова".into()))
    );
    // The queue's ages add up to every pending application, as counted from the rows.
    let pending = scalar(&app, "SELECT COUNT(*) FROM applications WHERE status = 'pending'").await;
    let ages: i64 = kyc.table("queue").unwrap().rows.iter().map(|r| r[1].value()).sum();
    assert_eq!(ages, pending);
    // Overdue tickets now, from the rollups by due day and today's range, as counted from the rows.
    let dues: Vec<time::OffsetDateTime> = with_db!(&app.db, |c| {
        sqlx::query_scalar(
        "SELECT due_at FROM tickets WHERE state IN ('new', 'open', 'waiting_customer', 'waiting_third_party')"
    )
    .fetch_all(c)
    .await
    })
    .unwrap();
    let overdue = dues.iter().filter(|due| **due < now).count() as i64;
    let support =
        dashboards::build(&app.db, 5, "support", Lang::Ru, &year, now, None).await.unwrap().unwrap();
    let card = support.cards.iter().find(|c| c.label == "dash-sup-overdue-now").unwrap();
    assert_eq!(card.value, dashboards::model::Cell::Int(overdue));
    // The weeks of a year sum to the same as its days.
    let daily: i64 = kyc.table("daily").unwrap().rows.iter().map(|r| r[1].value()).sum();
    assert_eq!(dashboards::model::Cell::Int(daily), kyc.cards[0].value);
});

db_test!(the_queue_ages_match_the_pending_rows_at_the_edges_of_hours, |app| {
    fill(&app).await;
    // Pending arrivals moved into the last three days (through the update trigger), at the edges
    // the ages are cut at and at the starts of the hours the rollup counts by: an hour's start
    // exactly (a whole second, which SQLite writes without a fraction) and half a second after;
    // the hours 3 and 71 hours back start where the 4- and 72-hour cuts' partial ranges end.
    let now = db::now();
    let hour = |at: time::OffsetDateTime| {
        at.replace_minute(0).unwrap().replace_second(0).unwrap().replace_nanosecond(0).unwrap()
    };
    let moves = [
        now - Duration::minutes(30),
        hour(now - Duration::hours(3)),
        hour(now - Duration::hours(3)) + Duration::milliseconds(500),
        now - Duration::hours(4) + Duration::seconds(1),
        now - Duration::hours(4) - Duration::seconds(1),
        hour(now - Duration::hours(24)),
        hour(now - Duration::hours(71)),
        now - Duration::hours(73),
    ];
    let ids: Vec<i64> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT id FROM applications WHERE status = 'pending' ORDER BY id LIMIT 8"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    assert_eq!(ids.len(), moves.len());
    for (id, at) in ids.iter().zip(moves) {
        with_db!(&app.db, |c| sqlx::query("UPDATE applications SET received_at = $1 WHERE id = $2")
            .bind(at)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))
        .unwrap();
    }
    // One leaves the queue: its hour loses it.
    exec(&app, &format!("UPDATE applications SET status = 'approved' WHERE id = {}", ids[0])).await.unwrap();
    let diffs = recount::check(&app.db).await.unwrap();
    assert!(diffs.is_empty(), "the rollups differ from the recount: {diffs:?}");
    let now = db::now();
    let received: Vec<time::OffsetDateTime> = with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT received_at FROM applications WHERE status = 'pending'"
    )
    .fetch_all(c)
    .await)
    .unwrap();
    let mut want = [0i64; 5];
    for r in received {
        let age = now - r;
        let i = [1, 4, 24, 72].iter().position(|h| age < Duration::hours(*h)).unwrap_or(4);
        want[i] += 1;
    }
    assert!(want[1] >= 3 && want[2] >= 1 && want[3] >= 2, "{want:?}");
    let today = now.to_offset(ALMATY).date();
    let kyc = dashboards::build(&app.db, 5, "kyc", Lang::Ru, &Period::last("7d", today, 7), now, None)
        .await
        .unwrap()
        .unwrap();
    let got: Vec<i64> = kyc.table("queue").unwrap().rows.iter().map(|r| r[1].value()).collect();
    assert_eq!(got, want.to_vec());
});

db_test!(the_databases_bucket_durations_as_the_code_does, |app| {
    let mut probes: Vec<i64> = vec![-30, 0, 1, 59];
    for b in buckets::BOUNDS {
        probes.extend([b - 1, b, b + 1]);
    }
    probes.push(400_000_000);
    for secs in probes {
        let bucket: i64 = match &app.db {
            db::Db::Pg(pool) => {
                sqlx::query_scalar("SELECT dash_bucket($1)").bind(secs).fetch_one(pool).await.unwrap()
            }
            db::Db::Sqlite(pool) => {
                sqlx::query("INSERT INTO dash_change VALUES ('test.probe', '2026-01-01', $1, $2, 1)")
                    .bind(secs.to_string())
                    .bind(secs)
                    .execute(pool)
                    .await
                    .unwrap();
                sqlx::query_scalar(
                    "SELECT bucket FROM dash_daily WHERE metric = 'test.probe' AND dim = $1 AND bucket >= 0",
                )
                .bind(secs.to_string())
                .fetch_one(pool)
                .await
                .unwrap()
            }
        };
        assert_eq!(bucket, buckets::bucket(secs), "{secs} s");
    }
});

db_test!(a_manager_reads_every_tab_and_exports_its_tables, |app| {
    let manager = app.signed_in("boss", &[Role::Manager]).await;
    let res = app.get(&manager, "/dashboard?period=7d").await;
    assert_eq!(res.status(), 303);
    assert_eq!(crate::harness::location(&res), "/dashboard/kyc?period=7d");
    for tab in TABS {
        let res = app.get(&manager, &format!("/dashboard/{tab}")).await;
        assert_eq!(res.status(), 200, "{tab}");
        let html = res.text().await.unwrap();
        assert!(html.contains("class=\"stat"), "{tab}: headline figures");
        assert!(html.contains(".csv?period=30d"), "{tab}: exports");
    }
    // Bad periods: the message next to the field, in the reader's language, what was typed kept.
    for (n, (query, field, ru, kk)) in [
        (
            "period=range&from=2026-12-05&to=2026-12-01",
            "to",
            "Конец периода раньше его начала.",
            "Кезеңнің соңы басынан ерте.",
        ),
        (
            "period=range&from=2024-01-01&to=2026-12-01",
            "to",
            "Период длиннее 366 дн.",
            "Кезең 366 күннен ұзақ.",
        ),
        ("period=range&from=2026-02-30&to=2026-03-01", "from", "Такой даты нет.", "Мұндай күн жоқ."),
        (
            "period=month&month=2026-13",
            "month",
            "Укажите месяц в формате ГГГГ-ММ.",
            "Айды ЖЖЖЖ-АА пішімінде көрсетіңіз.",
        ),
        ("period=decade", "period", "Выберите период из списка.", "Тізімнен кезеңді таңдаңыз."),
    ]
    .into_iter()
    .enumerate()
    {
        let res = app.get(&manager, &format!("/dashboard/support?{query}")).await;
        assert_eq!(res.status(), 422, "{query}");
        let html = res.text().await.unwrap();
        assert!(html.contains(&format!("id=\"{field}-error\"")), "{query}");
        assert!(html.contains(ru), "{query}");
        if field == "from" {
            assert!(html.contains("value=\"2026-02-30\""), "what was typed comes back");
        }
        let kazakh = app.signed_in(&format!("kk-{n}"), &[Role::Admin]).await;
        app.post_form(&kazakh, "/account/language", &[("language", "kk")]).await;
        let html = app.get(&kazakh, &format!("/dashboard/support?{query}")).await.text().await.unwrap();
        assert!(html.contains(kk), "{query} in Kazakh");
    }
    assert_eq!(app.get(&manager, "/dashboard/kyc/daily.csv?period=range&from=x&to=y").await.status(), 400);
    assert_eq!(app.get(&manager, "/dashboard/kyc/daily.xls").await.status(), 404);
    // An export: UTF-8 with a byte-order mark, named by tab, table and period, in the audit log.
    let res = app.get(&manager, "/dashboard/support/backlog.csv?period=month&month=2026-11").await;
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("support-backlog-2026-11-01_2026-11-30.csv"), "{disposition}");
    let body = res.bytes().await.unwrap();
    assert!(body.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    assert!(text.starts_with("Категория,Новое,В работе"), "{text}");
    assert!(text.contains("Возражение против изменения политики (п. 10.4)"), "{text}");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'dashboard.exported'").await, 1);
    // The whole tab as a workbook: a summary sheet, then a sheet per table, named in the
    // reader's language; counts as numbers. Audited too.
    let res = app.get(&manager, "/dashboard/kyc/workbook.xlsx?period=month&month=2026-11").await;
    assert_eq!(res.status(), 200);
    let kind = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.contains("kyc-2026-11-01_2026-11-30.xlsx"), "{disposition}");
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let mut part = |name: &str| {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut book.by_name(name).unwrap(), &mut out).unwrap();
        out
    };
    let sheets = part("xl/workbook.xml");
    for name in ["Сводка", "Верификаторы", "Повторные проверки"] {
        assert!(sheets.contains(name), "{name}: {sheets}");
    }
    let strings = part("xl/sharedStrings.xml");
    assert!(
        strings.contains("Период: 2026-11-01 — 2026-11-30") && strings.contains("Доля совпадений"),
        "{strings}"
    );
    assert!(part("xl/worksheets/sheet2.xml").contains("<v>0</v>"), "counts are numbers");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'dashboard.exported'").await, 2);
    assert_eq!(app.get(&manager, "/dashboard/finance/workbook.xlsx").await.status(), 404);
    // Others may not read the dashboards nor export them.
    for role in [Role::Verifier, Role::Support, Role::Security, Role::Compliance] {
        let other = app.signed_in(&format!("other-{}", role.code().replace('_', "-")), &[role]).await;
        assert_eq!(app.get(&other, "/dashboard/kyc").await.status(), 403);
        assert_eq!(app.get(&other, "/dashboard/kyc/daily.csv").await.status(), 403);
        assert_eq!(app.get(&other, "/dashboard/kyc/workbook.xlsx").await.status(), 403);
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'dashboard.exported'").await, 2);
});
