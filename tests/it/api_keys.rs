//! API keys: scopes, ownership of applications, expiry, and the app's own id naming one
//! application per client.

use kreditomat_portal::{
    api::keys::{self, NewKey, Scope, Scopes},
    audit::Actor,
    auth::Role,
    db, with_db,
};
use serde_json::Value;

use crate::{
    db_test,
    harness::TestApp,
    intake::{example, form, key, post},
};

/// A key with only `scopes`.
async fn scoped_key(app: &TestApp, scopes: &[Scope]) -> String {
    let new = NewKey { name: "scoped".into(), scopes: Scopes::Only(scopes.to_vec()), expires_on: None };
    keys::create(&app.db, &new, &Actor::System("test"), None).await.unwrap().1
}

async fn applications(app: &TestApp) -> i64 {
    with_db!(&app.db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(c).await).unwrap()
}

async fn get(app: &TestApp, key: &str, path: &str) -> reqwest::Response {
    reqwest::Client::new().get(format!("{}{path}", app.base)).bearer_auth(key).send().await.unwrap()
}

async fn post_documents(app: &TestApp, key: &str, id: i64) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "selfie",
        crate::intake::jpeg(kreditomat_portal::photos::fixtures::selfie_jpeg(3, 1), "selfie.jpg"),
    );
    reqwest::Client::new()
        .post(format!("{}/api/v1/applications/{id}/documents", app.base))
        .bearer_auth(key)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn assert_forbidden(res: reqwest::Response, scope: &str) {
    assert_eq!(res.status(), 403);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/scope");
    assert!(problem["detail"].as_str().unwrap().contains(scope), "{problem}");
}

db_test!(a_key_does_only_what_its_scopes_allow, |app| {
    let reader = scoped_key(&app, &[Scope::EventsRead]).await;
    let sender = scoped_key(&app, &[Scope::ApplicationsWrite]).await;

    // A reading key sends nothing, and nothing is stored.
    assert_forbidden(post(&app, &reader, form(&example(), 1), None).await, "applications:write").await;
    assert_eq!(applications(&app).await, 0);

    let res = post(&app, &sender, form(&example(), 1), None).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    // The sending key follows its application but reads no feed and sends no documents.
    assert_eq!(get(&app, &sender, &format!("/api/v1/applications/{id}")).await.status(), 200);
    assert_forbidden(get(&app, &sender, "/api/v1/events").await, "events:read").await;
    app.db
        .execute(&format!("UPDATE applications SET status = 'resubmission_requested' WHERE id = {id}"))
        .await
        .unwrap();
    assert_forbidden(post_documents(&app, &sender, id).await, "documents:write").await;
    let status: String =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT status FROM applications").fetch_one(c).await)
            .unwrap();
    assert_eq!(status, "resubmission_requested", "a refused request changes nothing");

    // A documents-only key can send the documents but not read the status.
    let docs = scoped_key(&app, &[Scope::DocumentsWrite]).await;
    assert_forbidden(get(&app, &docs, &format!("/api/v1/applications/{id}")).await, "events:read").await;
    // (It belongs to another client, so the application itself is not its own: 404.)
    assert_eq!(post_documents(&app, &docs, id).await.status(), 404);
});

db_test!(applications_belong_to_the_client_that_sent_them, |app| {
    let mine = key(&app).await;
    let theirs = key(&app).await;
    let res = post(&app, &mine, form(&example(), 2), None).await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    app.db
        .execute(&format!("UPDATE applications SET status = 'resubmission_requested' WHERE id = {id}"))
        .await
        .unwrap();

    // Another client neither sees it, nor sends documents for it, nor reads its events.
    assert_eq!(get(&app, &theirs, &format!("/api/v1/applications/{id}")).await.status(), 404);
    let res = post_documents(&app, &theirs, id).await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let feed: Value = get(&app, &theirs, "/api/v1/events").await.json().await.unwrap();
    assert_eq!(feed["events"].as_array().unwrap().len(), 0, "{feed}");
    let photos: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM photos").fetch_one(c).await).unwrap();
    assert_eq!(photos, 3, "nothing was added");

    // Its own client does all three.
    assert_eq!(get(&app, &mine, &format!("/api/v1/applications/{id}")).await.status(), 200);
    let feed: Value = get(&app, &mine, "/api/v1/events").await.json().await.unwrap();
    assert_eq!(feed["events"][0]["application_id"], id);
    assert_eq!(post_documents(&app, &mine, id).await.status(), 200);
});

db_test!(the_same_external_id_from_the_same_client_gets_409_naming_the_first, |app| {
    let backend = key(&app).await;
    let res = post(&app, &backend, form(&example(), 3), None).await;
    assert_eq!(res.status(), 201);
    let first = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    // Without an Idempotency-Key, and with a new one: the same answer, nothing stored.
    for idem in [None, Some("another-key")] {
        let res = post(&app, &backend, form(&example(), 4), idem).await;
        assert_eq!(res.status(), 409, "{idem:?}");
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let problem: Value = res.json().await.unwrap();
        assert_eq!(problem["type"], "/problems/duplicate-external-id");
        assert_eq!(problem["application_id"], first);
        assert!(problem["detail"].as_str().unwrap().contains(&format!("/api/v1/applications/{first}")));
    }
    assert_eq!(applications(&app).await, 1);

    // Another client's numbers are its own.
    let other = key(&app).await;
    assert_eq!(post(&app, &other, form(&example(), 5), None).await.status(), 201);

    // Six at once with a new id: one application, five answers naming it.
    let mut doc = example();
    doc["external_id"] = "race-1".into();
    let mut sends = Vec::new();
    for i in 0..6 {
        let (url, key, body) =
            (format!("{}/api/v1/applications", app.base), backend.clone(), form(&doc, 10 + i));
        sends.push(tokio::spawn(async move {
            let res = reqwest::Client::new().post(url).bearer_auth(key).multipart(body).send().await.unwrap();
            res.status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for send in sends {
        statuses.push(send.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
    assert_eq!(applications(&app).await, 3);
});

db_test!(an_expired_key_gets_401_and_the_keys_page_says_so, |app| {
    let today = db::now().to_offset(kreditomat_portal::i18n::ALMATY).date();
    let new = NewKey { name: "temporary".into(), scopes: Scopes::Every, expires_on: Some(today) };
    let (id, key) = keys::create(&app.db, &new, &Actor::System("test"), None).await.unwrap();
    assert_eq!(get(&app, &key, "/api/v1/events").await.status(), 200, "it works through its last day");

    let yesterday = db::now() - time::Duration::days(1);
    with_db!(&app.db, |c| sqlx::query("UPDATE api_clients SET expires_at = $1 WHERE id = $2")
        .bind(yesterday)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
    .unwrap();
    let res = get(&app, &key, "/api/v1/events").await;
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let problem: Value = res.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/key-expired");

    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let page = app.get(&admin, "/admin/api-keys").await.text().await.unwrap();
    assert!(page.contains("badge-bad\">Истёк"), "{page}");
    app.post_form(&admin, "/language", &[("lang", "kk"), ("back", "/admin/api-keys")]).await;
    let page = app.get(&admin, "/admin/api-keys").await.text().await.unwrap();
    assert!(page.contains("Мерзімі"), "the Kazakh page says so too");
});

db_test!(a_key_with_no_scope_an_unknown_scope_or_a_past_expiry_is_not_made, |app| {
    assert!(NewKey::check("x", Some(&[]), None, db::now().date()).is_err());
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let res =
        app.post_form(&admin, "/admin/api-keys", &[("name", "Бэкенд"), ("expires_on", "2020-01-01")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"scope-error\">Отметьте хотя бы одно право."), "{html}");
    assert!(html.contains("id=\"expires_on-error\">Дата уже прошла"), "{html}");
    assert!(html.contains("value=\"Бэкенд\""), "what was typed comes back");
    let res = app
        .post_form(
            &admin,
            "/admin/api-keys",
            &[("name", "Бэкенд"), ("scope", "admin:all"), ("expires_on", "31.12.2030")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"scope-error\">Такого права нет."), "{html}");
    assert!(html.contains("id=\"expires_on-error\">Введите дату в формате ГГГГ-ММ-ДД."), "{html}");

    for args in [
        &["create-api-key", "--name", "cli", "--scope", "events:write"][..],
        &["create-api-key", "--name", "cli", "--scope", "events:read", "--expires-on", "2020-01-01"],
        &["create-api-key", "--name", "cli", "--expires-on", "tomorrow"],
        &["create-api-key", "--name", " "],
    ] {
        let (ok, out) = app.run_cli(args, None);
        assert!(!ok, "{args:?}: {out}");
        assert!(out.contains("--"), "the error names the option: {out}");
    }
    let made: i64 =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM api_clients").fetch_one(c).await)
            .unwrap();
    assert_eq!(made, 0, "nothing was made");

    let (ok, out) = app.run_cli(
        &["create-api-key", "--name", "feed", "--scope", "events:read", "--scope", "documents:write"],
        None,
    );
    assert!(ok, "{out}");
    let stored: Option<String> =
        with_db!(&app.db, |c| sqlx::query_scalar("SELECT scopes FROM api_clients").fetch_one(c).await)
            .unwrap();
    assert_eq!(stored.as_deref(), Some("documents:write events:read"));
    let (ok, out) = app.run_cli(&["create-api-key", "--name", "all"], None);
    assert!(ok && out.contains("every scope"), "{out}");
});
db_test!(wrong_missing_or_revoked_keys_get_401, |app| {
    let (id, key) =
        keys::create(&app.db, &keys::NewKey::every("backend"), &Actor::System("test"), None).await.unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/api/v1/events", app.base);
    let res = client.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
    assert_eq!(client.get(&url).bearer_auth("kp_00000000_nope").send().await.unwrap().status(), 401);
    let forged = format!("{}x", &key[..key.len() - 1]);
    assert_eq!(client.get(&url).bearer_auth(forged).send().await.unwrap().status(), 401);
    assert_eq!(client.get(&url).bearer_auth(&key).send().await.unwrap().status(), 200);
    // The scheme in any case (RFC 9110); the key in another header is not read.
    for scheme in ["BEARER", "bearer", "BeArEr"] {
        let res = client.get(&url).header("authorization", format!("{scheme} {key}")).send().await.unwrap();
        assert_eq!(res.status(), 200, "{scheme}");
    }
    for header in [
        ("authorization", format!("Basic {key}")),
        ("authorization", "Bearer ".into()),
        ("x-api-key", key.clone()),
    ] {
        let res = client.get(&url).header(header.0, &header.1).send().await.unwrap();
        assert_eq!(res.status(), 401, "{header:?}");
        assert_eq!(res.headers()["www-authenticate"], "Bearer");
    }
    keys::revoke(&app.db, id, &Actor::System("test"), "127.0.0.1").await.unwrap();
    assert_eq!(client.get(&url).bearer_auth(&key).send().await.unwrap().status(), 401);
    let res = client.get(format!("{}/api/v1/nothing", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers().get("content-type").unwrap(), "application/problem+json");
});

db_test!(administrators_make_and_revoke_keys_on_their_page, |app| {
    let admin = app.signed_in("admin1", &[Role::Admin]).await;
    let res = app.post_form(&admin, "/admin/api-keys", &[("name", ""), ("scope", "events:read")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"name-error\">Заполните это поле."));

    let fields = [("name", "Мобильный бэкенд"), ("scope", "events:read"), ("scope", "applications:write")];
    let res = app.post_form(&admin, "/admin/api-keys", &fields).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let at = html.find("class=\"secret\">").unwrap() + "class=\"secret\">".len();
    let key = html[at..].split('<').next().unwrap().to_string();
    let events = format!("{}/api/v1/events", app.base);
    assert_eq!(reqwest::Client::new().get(&events).bearer_auth(&key).send().await.unwrap().status(), 200);

    let list = app.get(&admin, "/admin/api-keys").await.text().await.unwrap();
    assert!(list.contains("Мобильный бэкенд") && !list.contains(&key), "the key is never shown again");
    assert!(
        list.contains("<li><code>applications:write</code></li><li><code>events:read</code></li>"),
        "{list}"
    );
    assert!(list.contains("Бессрочно"), "{list}");
    let res = app.post_form(&admin, "/admin/api-keys/1/revoke", &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(reqwest::Client::new().get(&events).bearer_auth(&key).send().await.unwrap().status(), 401);
});
