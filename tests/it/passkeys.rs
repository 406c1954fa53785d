//! Passkeys as a second factor, driven by a software authenticator (P-256, "none" attestation)
//! that answers the portal's challenges as a browser with a platform authenticator would:
//! adding one (name checks, the answer kept when only the name is wrong, the same
//! authenticator twice), signing in with one, no replay of an answer, the step-up with one, and
//! removing them (the last one takes the recovery codes with it).

use kreditomat_portal::auth::Role;
use ring::{
    rand::SystemRandom,
    signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::{
    db_test,
    harness::{Backend, PASSWORD, TestApp, csrf_in, location},
    second_factor::{recovery_codes, require_second_factor},
};

fn b64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// CBOR: a head of `major` type with `len`.
fn head(out: &mut Vec<u8>, major: u8, len: usize) {
    let m = major << 5;
    match len {
        0..=23 => out.push(m | len as u8),
        24..=255 => out.extend([m | 24, len as u8]),
        _ => {
            out.push(m | 25);
            out.extend((len as u16).to_be_bytes());
        }
    }
}

fn text(out: &mut Vec<u8>, s: &str) {
    head(out, 3, s.len());
    out.extend(s.as_bytes());
}

fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    head(out, 2, b.len());
    out.extend(b);
}

fn int(out: &mut Vec<u8>, i: i64) {
    if i >= 0 { head(out, 0, i as usize) } else { head(out, 1, (-1 - i) as usize) }
}

/// A software authenticator holding one P-256 credential for `localhost`.
pub(crate) struct SoftKey {
    pair: EcdsaKeyPair,
    id: Vec<u8>,
    counter: u32,
    origin: String,
}

impl SoftKey {
    pub(crate) fn new(app: &TestApp) -> SoftKey {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng).unwrap();
        let mut id = vec![0u8; 32];
        getrandom::fill(&mut id).unwrap();
        let port = app.base.rsplit(':').next().unwrap();
        SoftKey { pair, id, counter: 0, origin: format!("http://localhost:{port}") }
    }

    fn client_data(&self, kind: &str, options: &Value) -> Vec<u8> {
        let challenge = options["publicKey"]["challenge"].as_str().expect("a challenge");
        json!({ "type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": false })
            .to_string()
            .into_bytes()
    }

    fn auth_data(&mut self, flags: u8) -> Vec<u8> {
        self.counter += 1;
        let mut data = Sha256::digest(b"localhost").to_vec();
        data.push(flags);
        data.extend(self.counter.to_be_bytes());
        data
    }

    /// The browser's answer to `options` (from `.../passkeys/options`) making this passkey.
    pub(crate) fn register(&mut self, options: &Value) -> String {
        assert_eq!(options["publicKey"]["rp"]["id"], "localhost");
        let client_data = self.client_data("webauthn.create", options);
        // User present and verified, attested credential data included.
        let mut auth = self.auth_data(0x01 | 0x04 | 0x40);
        auth.extend([0u8; 16]);
        auth.extend((self.id.len() as u16).to_be_bytes());
        auth.extend(&self.id);
        let point = self.pair.public_key().as_ref();
        let mut key = Vec::new();
        head(&mut key, 5, 5);
        int(&mut key, 1);
        int(&mut key, 2);
        int(&mut key, 3);
        int(&mut key, -7);
        int(&mut key, -1);
        int(&mut key, 1);
        int(&mut key, -2);
        bytes(&mut key, &point[1..33]);
        int(&mut key, -3);
        bytes(&mut key, &point[33..65]);
        auth.extend(key);
        let mut object = Vec::new();
        head(&mut object, 5, 3);
        text(&mut object, "fmt");
        text(&mut object, "none");
        text(&mut object, "attStmt");
        head(&mut object, 5, 0);
        text(&mut object, "authData");
        bytes(&mut object, &auth);
        json!({
            "id": b64url(&self.id),
            "rawId": b64url(&self.id),
            "type": "public-key",
            "extensions": {},
            "response": { "attestationObject": b64url(&object), "clientDataJSON": b64url(&client_data) },
        })
        .to_string()
    }

    /// The browser's answer to `options` (from `/passkeys/options`) with this passkey.
    pub(crate) fn answer(&mut self, options: &Value) -> String {
        let client_data = self.client_data("webauthn.get", options);
        let auth = self.auth_data(0x01 | 0x04);
        let mut signed = auth.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature = self.pair.sign(&SystemRandom::new(), &signed).unwrap();
        json!({
            "id": b64url(&self.id),
            "rawId": b64url(&self.id),
            "type": "public-key",
            "extensions": {},
            "response": {
                "authenticatorData": b64url(&auth),
                "clientDataJSON": b64url(&client_data),
                "signature": b64url(signature.as_ref()),
                "userHandle": null,
            },
        })
        .to_string()
    }
}

/// The challenge from `path`, asked as `passkey.js` asks (the form token in a header).
pub(crate) async fn options(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let csrf = app.csrf(client).await;
    let res = client.post(format!("{}{path}", app.base)).header("x-csrf-token", csrf).send().await.unwrap();
    assert_eq!(res.status(), 200, "options from {path}");
    res.json().await.unwrap()
}

/// Adds `key` under `name` to the signed-in account of `client`; returns the page.
pub(crate) async fn add(
    app: &TestApp,
    client: &reqwest::Client,
    key: &mut SoftKey,
    name: &str,
) -> reqwest::Response {
    let options = options(app, client, "/account/two-factor/passkeys/options").await;
    let answer = key.register(&options);
    app.post_form(client, "/account/two-factor/passkeys", &[("name", name), ("answer", &answer)]).await
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1"
    )
    .bind(action)
    .fetch_one(c)
    .await)
    .unwrap()
}

async fn passkeys_of(app: &TestApp, staff: i64) -> Vec<(i64, String)> {
    kreditomat_portal::with_db!(&app.db, |c| sqlx::query_as(
        "SELECT id, name FROM staff_passkeys WHERE staff_id = $1 ORDER BY id"
    )
    .bind(staff)
    .fetch_all(c)
    .await)
    .unwrap()
}

db_test!(a_passkey_is_added_checked_and_refused_twice, |app| {
    require_second_factor(&app, "security").await;
    let me = app.create_staff("olzhas", &[Role::Security]).await;
    let client = app.client();
    let res = app.sign_in(&client, "olzhas", PASSWORD).await;
    assert_eq!(location(&res), "/account/two-factor", "the role requires a factor: enrol first");
    let page = app.get(&client, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("Ключи доступа (passkeys)") && page.contains("Рекомендуемый способ"), "{page}");
    assert!(page.contains("http://localhost:"), "the page says where passkeys work");

    // Nothing from the browser (no JavaScript, or cancelled) and no name: both fields say so.
    let res = app.post_form(&client, "/account/two-factor/passkeys", &[("name", " ")]).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"passkey_name-error\"") && page.contains("Введите название ключа."), "{page}");
    assert!(page.contains("браузер не передал ответ"), "{page}");

    // A right answer with a name too long: the answer comes back to send again with a new name.
    let mut key = SoftKey::new(&app);
    let answer = key.register(&options(&app, &client, "/account/two-factor/passkeys/options").await);
    let long = "Н".repeat(61);
    let res =
        app.post_form(&client, "/account/two-factor/passkeys", &[("name", &long), ("answer", &answer)]).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains(&long) && page.contains("не длиннее 60 символов"), "the name is kept: {page}");
    let kept = page.split("name=\"answer\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(!kept.is_empty(), "the answer is kept");
    assert!(passkeys_of(&app, me).await.is_empty(), "nothing stored");

    // Sent again with a good name: stored, with the recovery codes of a first factor.
    let answer = kept.replace("&quot;", "\"").replace("&#34;", "\"");
    let res = app
        .post_form(
            &client,
            "/account/two-factor/passkeys",
            &[("name", "Рабочий ноутбук"), ("answer", &answer)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert_eq!(recovery_codes(&page).len(), 10, "{page}");
    assert!(page.contains("Рабочий ноутбук"));
    assert_eq!(app.get(&client, "/").await.status(), 200, "enrolled: the portal opens");
    assert_eq!(audit_count(&app, "account.passkey-added").await, 1);

    // The same answer again: the ceremony is used up.
    let res =
        app.post_form(&client, "/account/two-factor/passkeys", &[("name", "Ещё"), ("answer", &answer)]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Ключ не принят"));
    // The same authenticator in a new ceremony: known already.
    let res = add(&app, &client, &mut key, "Второй").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Этот ключ уже добавлен."));
    // Another authenticator under a name in use: the name is refused, the answer kept.
    let mut phone = SoftKey::new(&app);
    let res = add(&app, &client, &mut phone, "Рабочий ноутбук").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Ключ с таким названием уже есть"));
    let res = add(&app, &client, &mut phone, "Телефон").await;
    assert_eq!(location(&res), "/account/two-factor", "a second passkey: no new recovery codes");
    let page = app.get(&client, "/account/two-factor").await.text().await.unwrap();
    assert!(page.contains("Ключ доступа «Телефон» добавлен."), "{page}");
    assert_eq!(passkeys_of(&app, me).await.len(), 2);

    // Renaming: a name in use or none comes back with what was typed; a good one is saved.
    let phone_id = passkeys_of(&app, me).await[1].0;
    let rename = format!("/account/two-factor/passkeys/{phone_id}/rename");
    let res = app.post_form(&client, &rename, &[("name", "Рабочий ноутбук")]).await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(
        page.contains(&format!("id=\"rename-{phone_id}-error\"")) && page.contains("уже называется так"),
        "{page}"
    );
    assert!(page.contains("value=\"Рабочий ноутбук\" maxlength"), "the name typed comes back");
    assert_eq!(app.post_form(&client, &rename, &[("name", "")]).await.status(), 422);
    let res = app.post_form(&client, &rename, &[("name", " Личный телефон ")]).await;
    assert_eq!(location(&res), "/account/two-factor");
    assert_eq!(passkeys_of(&app, me).await[1].1, "Личный телефон");
    assert_eq!(audit_count(&app, "account.passkey-renamed").await, 1);
    let res = app.post_form(&client, "/account/two-factor/passkeys/99999/rename", &[("name", "Чужой")]).await;
    assert_eq!(location(&res), "/account/two-factor", "no such passkey of theirs: nothing changed");
    assert!(
        app.get(&client, "/account/two-factor").await.text().await.unwrap().contains("Такого ключа нет.")
    );
    // A forged answer (garbage, or made for another site) stores nothing.
    let res = app
        .post_form(&client, "/account/two-factor/passkeys", &[("name", "x"), ("answer", "{\"id\":1}")])
        .await;
    assert_eq!(res.status(), 422);
    let mut elsewhere = SoftKey::new(&app);
    elsewhere.origin = "https://kreditomat.example".into();
    let res = add(&app, &client, &mut elsewhere, "Чужой").await;
    assert_eq!(res.status(), 422);
    assert_eq!(passkeys_of(&app, me).await.len(), 2);

    // At sign-in: a tampered answer and one made for another site are refused next to the
    // button (and audited); the right one signs in.
    let client = app.client();
    app.sign_in(&client, "olzhas", PASSWORD).await;
    let challenge = options(&app, &client, "/passkeys/options").await;
    let mut tampered: Value = serde_json::from_str(&key.answer(&challenge)).unwrap();
    let signature = tampered["response"]["signature"].as_str().unwrap().to_string();
    let flipped = if signature.starts_with('M') { "N" } else { "M" };
    tampered["response"]["signature"] = Value::from(format!("{flipped}{}", &signature[1..]));
    let res = app.post_form(&client, "/login/code", &[("passkey", &tampered.to_string())]).await;
    assert_eq!(res.status(), 401);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"passkey-error\"") && page.contains("Ключ доступа не принят."), "{page}");
    let origin = std::mem::replace(&mut phone.origin, "https://kreditomat.example".into());
    let res = app.post_form(&client, "/login/code", &[("passkey", &phone.answer(&challenge))]).await;
    assert_eq!(res.status(), 401, "an answer for another site");
    phone.origin = origin;
    assert_eq!(audit_count(&app, "sign-in.code-failed").await, 2);
    let res = app.post_form(&client, "/login/code", &[("passkey", &phone.answer(&challenge))]).await;
    assert_eq!(location(&res), "/", "the right passkey signs in");
});

#[tokio::test]
async fn sign_in_and_step_up_sqlite() {
    let app = TestApp::spawn_with(Backend::Sqlite, |c| c.step_up = time::Duration::seconds(4))
        .await
        .expect("SQLite");
    sign_in_and_step_up_with_a_passkey(app).await;
}

#[tokio::test]
async fn sign_in_and_step_up_postgres() {
    if let Some(app) =
        TestApp::spawn_with(Backend::Postgres, |c| c.step_up = time::Duration::seconds(4)).await
    {
        sign_in_and_step_up_with_a_passkey(app).await;
    }
}

async fn sign_in_and_step_up_with_a_passkey(app: TestApp) {
    require_second_factor(&app, "security").await;
    let me = app.create_staff("saule", &[Role::Security]).await;
    let client = app.client();
    app.sign_in(&client, "saule", PASSWORD).await;
    let mut key = SoftKey::new(&app);
    let res = add(&app, &client, &mut key, "Ноутбук").await;
    assert_eq!(res.status(), 200);
    let codes = recovery_codes(&res.text().await.unwrap());
    app.post_form(&client, "/logout", &[]).await;

    // Sign-in: the password, then the passkey (no app: no code field).
    let client = app.client();
    let res = app.sign_in(&client, "saule", PASSWORD).await;
    assert_eq!(location(&res), "/login/code");
    let page = app.get(&client, "/login/code").await.text().await.unwrap();
    assert!(page.contains("Подтвердить ключом доступа") && !page.contains("id=\"code\""), "{page}");
    let challenge = options(&app, &client, "/passkeys/options").await;
    assert_eq!(challenge["publicKey"]["allowCredentials"].as_array().unwrap().len(), 1);
    let answer = key.answer(&challenge);
    let res = app.post_form(&client, "/login/code", &[("passkey", &answer)]).await;
    assert_eq!(location(&res), "/");
    let details: String = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE action = 'sign-in.succeeded' ORDER BY seq DESC LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    assert!(details.contains("\"passkey\""), "{details}");

    // The same answer in another sign-in: its challenge is gone, refused.
    let other = app.client();
    app.sign_in(&other, "saule", PASSWORD).await;
    options(&app, &other, "/passkeys/options").await;
    let res = app.post_form(&other, "/login/code", &[("passkey", &answer)]).await;
    assert_eq!(res.status(), 401, "a replayed answer");
    // Two requests racing with one fresh answer: one signs in.
    let fresh = key.answer(&options(&app, &other, "/passkeys/options").await);
    let csrf = app.csrf(&other).await;
    let send = || {
        other
            .post(format!("{}/login/code", app.base))
            .form(&[("csrf", csrf.as_str()), ("passkey", fresh.as_str())])
            .send()
    };
    let (a, b) = tokio::join!(send(), send());
    let signed_in = [a.unwrap(), b.unwrap()].iter().filter(|r| location(r) == "/").count();
    assert_eq!(signed_in, 1, "one answer signs in once");
    // A recovery code still works for a person with passkeys only.
    let third = app.client();
    app.sign_in(&third, "saule", PASSWORD).await;
    let res = app.post_form(&third, "/login/code", &[("recovery_code", &codes[0])]).await;
    assert_eq!(location(&res), "/");

    // The step-up with the passkey, then removing it: the last factor takes the codes along,
    // and the role sends the person to enrol again.
    tokio::time::sleep(std::time::Duration::from_millis(4100)).await;
    let id = passkeys_of(&app, me).await[0].0;
    let path = format!("/account/two-factor/passkeys/{id}/remove");
    let res = app.post_form(&client, &path, &[]).await;
    assert_eq!(location(&res), "/step-up");
    let page = app.get(&client, "/step-up").await.text().await.unwrap();
    assert!(page.contains("Подтвердить ключом доступа"), "{page}");
    // A broken answer is refused next to the button.
    let res = app.post_form(&client, "/step-up", &[("passkey", "not json")]).await;
    assert_eq!(res.status(), 401);
    assert!(res.text().await.unwrap().contains("Ключ доступа не принят."));
    let answer = key.answer(&options(&app, &client, "/passkeys/options").await);
    let res = app.post_form(&client, "/step-up", &[("passkey", &answer)]).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains(&format!("action=\"{path}\"")), "the removal waits to be sent: {page}");
    // Someone else's passkey is not found: nothing changes.
    let other_id = id + 1000;
    let res = app.post_form(&client, &format!("/account/two-factor/passkeys/{other_id}/remove"), &[]).await;
    assert_eq!(location(&res), "/account/two-factor");
    let res = app.post_form(&client, &path, &[]).await;
    assert_eq!(location(&res), "/account/two-factor");
    assert!(passkeys_of(&app, me).await.is_empty());
    assert_eq!(audit_count(&app, "account.passkey-removed").await, 1);
    let left: i64 = kreditomat_portal::with_db!(&app.db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_recovery_codes WHERE staff_id = $1"
    )
    .bind(me)
    .fetch_one(c)
    .await)
    .unwrap();
    assert_eq!(left, 0, "no factor left: no recovery codes");
    assert_eq!(location(&app.get(&client, "/").await), "/account/two-factor", "enrol again");
    let page = app.get(&client, "/account/two-factor").await.text().await.unwrap();
    assert!(csrf_in(&page).is_some());
}
