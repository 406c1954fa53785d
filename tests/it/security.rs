//! CSRF, security headers, error pages, oversized bodies, hostile input.

use kreditomat_portal::auth::Role;

use crate::{db_test, harness::location};

db_test!(forms_without_the_csrf_token_are_refused, |app| {
    let client = app.signed_in("aliya", &[Role::Admin]).await;
    let url = format!("{}/account/language", app.base);

    let res = client.post(&url).form(&[("language", "kk")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let html = res.text().await.unwrap();
    assert!(html.contains("Форма устарела"), "a localized explanation");

    let res = client.post(&url).form(&[("csrf", "forged"), ("language", "kk")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res =
        client.post(&url).header("x-csrf-token", "forged").form(&[("language", "kk")]).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let res = client
        .post(format!("{}/login", app.base))
        .form(&[("login", "a"), ("password", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "the sign-in form is protected too");

    let stored: Option<String> = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT language FROM staff WHERE login = 'aliya'"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(stored, None, "nothing changed");

    let token = app.csrf(&client).await;
    let res =
        client.post(&url).header("x-csrf-token", token).form(&[("language", "kk")]).send().await.unwrap();
    assert_eq!(res.status(), 303, "the header carries the token for scripts");
});

db_test!(every_response_carries_security_headers, |app| {
    let client = app.signed_in("aliya", &[Role::Admin]).await;
    for path in ["/login", "/", "/admin/staff", "/nope", "/healthz"] {
        let res = app.get(&client, path).await;
        let h = res.headers();
        let csp = h.get("content-security-policy").expect("CSP").to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff", "{path}");
        assert!(h.get("referrer-policy").is_some(), "{path}");
        assert_eq!(h.get("cache-control").unwrap(), "no-store", "{path}");
    }
    let html = app.get(&client, "/").await.text().await.unwrap();
    assert!(!html.contains("<script>"), "no inline script");
    let css = html.split("href=\"/static/app.").nth(1).unwrap().split('"').next().unwrap();
    let css = format!("app.{css}");
    assert!(
        css.starts_with("app.") && css.ends_with(".css") && css.len() > "app..css".len() + 8,
        "fingerprinted: {css}"
    );
    let res = app.get(&client, &format!("/static/{css}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers().get("cache-control").unwrap(), "public, max-age=31536000, immutable");
    assert_eq!(app.get(&client, "/static/app.css").await.status(), 404, "only fingerprinted names");
});

db_test!(error_pages_are_localized_and_show_no_internals, |app| {
    let client = app.client();
    let res = client
        .get(format!("{}/no/such/page", app.base))
        .header("accept-language", "kk")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">") && html.contains("Бет табылмады"));

    let admin = app.signed_in("aliya", &[Role::Admin]).await;
    for path in ["/admin/staff/999999", "/admin/staff/not-a-number", "/admin/audit?before=abc"] {
        let res = app.get(&admin, path).await;
        assert!(res.status().is_client_error(), "{path}: {}", res.status());
        let html = res.text().await.unwrap();
        assert!(html.contains("<html lang=\"ru\">"), "{path}");
        for leak in
            ["sqlx", "panicked", "src/", "SELECT", "Invalid", "invalid digit", "Failed to deserialize"]
        {
            assert!(!html.contains(leak), "{path} leaks {leak}");
        }
    }
    let res = admin.delete(format!("{}/admin/staff", app.base)).send().await.unwrap();
    assert!(res.status() == 403 || res.status() == 405, "{}", res.status());
});

db_test!(oversized_bodies_are_refused_with_413, |app| {
    let client = app.client();
    let token = app.csrf(&client).await;
    let big = "x".repeat(200 * 1024);
    let res = client
        .post(format!("{}/login", app.base))
        .form(&[("csrf", token.as_str()), ("login", big.as_str()), ("password", "p")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert!(res.text().await.unwrap().contains("Слишком большой объём данных"));
    assert_eq!(app.get(&client, "/healthz").await.status(), 200, "still up");
});

db_test!(hostile_text_is_escaped_and_open_redirects_refused, |app| {
    let client = app.client();
    let res = app.sign_in(&client, "<script>alert(1)</script>", "x").await;
    let html = res.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains("&#60;script"));

    app.create_staff("timur", &[Role::Verifier]).await;
    let res = app
        .post_form(
            &client,
            "/login",
            &[("login", "timur"), ("password", crate::harness::PASSWORD), ("next", "//evil.example/")],
        )
        .await;
    assert_eq!(location(&res), "/", "no redirect off the portal");
    let res = app.post_form(&client, "/language", &[("lang", "kk"), ("back", "https://evil.example/")]).await;
    assert_eq!(location(&res), "/");
});
