//! Russian and Kazakh: negotiation, switching, plurals, and the catalogs themselves.

use std::{collections::BTreeMap, collections::BTreeSet, fs, path::Path};

use fluent_syntax::ast;
use kreditomat_portal::{
    audit,
    auth::Role,
    i18n::{self, Lang},
};

use crate::{db_test, harness::location};

db_test!(language_follows_accept_language_then_the_switcher, |app| {
    let client = app.client();
    let get = |lang: Option<&'static str>| {
        let mut req = client.get(format!("{}/login", app.base));
        if let Some(l) = lang {
            req = req.header("accept-language", l);
        }
        req.send()
    };
    let html = get(None).await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\">") && html.contains("Вход для сотрудников"));
    let html = get(Some("kk-KZ,ru;q=0.8")).await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">") && html.contains("Қызметкерлердің кіруі"));
    let html = get(Some("en-US,en;q=0.9,kk;q=0.5,ru;q=0.4")).await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">"), "q-values decide");
    let html = get(Some("de, fr")).await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\">"), "Russian by default");

    let res = app.post_form(&client, "/language", &[("lang", "kk"), ("back", "/login?next=%2F")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login?next=%2F", "back where the switch was pressed");
    let html = get(Some("ru")).await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">"), "the choice beats the browser");
});

db_test!(a_signed_in_persons_language_is_saved_with_the_account, |app| {
    let client = app.signed_in("zhanna", &[Role::Support]).await;
    let res = app.post_form(&client, "/account/language", &[("language", "kk")]).await;
    assert_eq!(res.status(), 303);
    let html = app.get(&client, "/account").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"kk\">") && html.contains("Интерфейс тілі сақталды."));

    // A new browser, asking for Russian, still gets the saved Kazakh after sign-in.
    let other = app.client();
    app.sign_in(&other, "zhanna", crate::harness::PASSWORD).await;
    let res = other.get(format!("{}/", app.base)).header("accept-language", "ru").send().await.unwrap();
    assert!(res.text().await.unwrap().contains("<html lang=\"kk\">"));

    let res = app.post_form(&client, "/account/language", &[("language", "en")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Тізімнен мән таңдаңыз."), "error in the person's language");
});

#[test]
fn counts_use_cldr_plural_forms() {
    let ru = |n| i18n::t_count(Lang::Ru, "staff-active-count", n, &[]);
    let kk = |n| i18n::t_count(Lang::Kk, "staff-active-count", n, &[]);
    assert_eq!(ru(1), "1 активная учётная запись");
    assert_eq!(ru(3), "3 активные учётные записи");
    assert_eq!(ru(5), "5 активных учётных записей");
    assert_eq!(ru(21), "21 активная учётная запись");
    assert_eq!(ru(0), "0 активных учётных записей");
    assert_eq!(ru(1234), "1\u{a0}234 активные учётные записи");
    assert_eq!(kk(1), "1 белсенді есептік жазба");
    assert_eq!(kk(7), "7 белсенді есептік жазба");
    assert_eq!(
        i18n::t_count(Lang::Ru, "login-locked", 2, &[]),
        "Слишком много неудачных попыток входа. Повторите через 2 минуты."
    );
}

/// `file name -> message ids` of one language, failing on any parse error.
fn catalog(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        let mut ids = BTreeSet::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                assert!(ids.insert(m.id.name.to_string()), "{} repeats {}", path.display(), m.id.name);
            }
        }
        files.insert(path.file_name().unwrap().to_string_lossy().into_owned(), ids);
    }
    files
}

#[test]
fn both_languages_have_the_same_files_and_ids() {
    let ru = catalog("ru");
    let kk = catalog("kk");
    assert_eq!(ru.keys().collect::<Vec<_>>(), kk.keys().collect::<Vec<_>>(), "same files");
    for (file, ids) in &ru {
        let missing_kk: Vec<_> = ids.difference(&kk[file]).collect();
        let missing_ru: Vec<_> = kk[file].difference(ids).collect();
        assert!(missing_kk.is_empty(), "{file}: missing in kk: {missing_kk:?}");
        assert!(missing_ru.is_empty(), "{file}: missing in ru: {missing_ru:?}");
    }
}

#[test]
fn kazakh_is_written_in_kazakh() {
    let all_ids: BTreeSet<String> = catalog("ru").into_values().flatten().collect();
    let mut same = Vec::new();
    let mut kazakh_letters = 0;
    for id in &all_ids {
        let (ru, kk) = (i18n::t(Lang::Ru, id), i18n::t(Lang::Kk, id));
        if kk.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c)) {
            kazakh_letters += 1;
        }
        if ru == kk
            && !SHARED_TERMS.contains(&id.as_str())
            && ru.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
            && ru.chars().count() > 12
        {
            same.push(id.clone());
        }
    }
    // Short shared terms (Логин, Верификатор) are the same word in both; longer text is not.
    assert!(same.is_empty(), "copied from Russian: {same:?}");
    assert!(
        kazakh_letters * 2 > all_ids.len(),
        "only {kazakh_letters} of {} use Kazakh letters",
        all_ids.len()
    );
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// String literals in Rust source, without escapes.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut lit = String::new();
            for d in chars.by_ref() {
                if d == '"' {
                    break;
                }
                lit.push(d);
            }
            out.push(lit);
        }
    }
    out
}

/// Message ids a template passes to the page's text helpers: `page.t("id")`, `tw(`, `tn(`.
fn template_ids(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in [".t(\"", ".tw(\"", ".tn(\""] {
        for part in text.split(marker).skip(1) {
            out.push(part.split('"').next().unwrap_or("").to_string());
        }
    }
    out
}

/// Kebab-case literals that are not message ids.
const NOT_MESSAGES: &[&str] = &[
    // The dashboards' charts name their font family.
    "sans-serif",
    // A restoration case's timeline marks and comparison outcomes: codes the template names
    // messages after (`restoration-change-data-change`, `restoration-id-last-name`, ...), CSS
    // classes, and a demo device id.
    "data-change",
    "mark-report",
    "mark-change",
    "mark-event",
    "same-file",
    "last-name",
    "first-name",
    "doc-number",
    "iphone-77-x9",
    "x-csrf-token",
    "x-forwarded-for",
    "idempotency-key",
    "idempotent-replayed",
    "cross-origin-opener-policy",
    "permissions-policy",
    "kreditomat-portal",
    "unknown-login",
    "wrong-password",
    "page-context",
    "demo-password",
    "not-a-real-password",
    "same-origin",
    "no-store",
    // Kinds of personal-data access; shown as `access-log-*`.
    "review-page",
    "compliance-page",
    "customer-page",
    "support-ticket",
    "data-summary",
    "support-attachment",
    "support-mail",
    "restoration-case",
    "original-photo",
    "quality-page",
    // Text encodings of list files; shown as `list-encoding-*`.
    "utf-8",
    "windows-1251",
    // Audit action codes; their names are checked as `audit-action-*` below.
    "sign-out",
    // The portal's own name for itself in the audit trail, when it acts alone.
    "resubmission-expiry",
    "support-auto-close",
    "support-deadlines",
    "quality-sampling",
    // Header values of the mail the portal sends.
    "auto-replied",
    // Element ids that pages jump to.
    "four-eyes",
    // Names of data rebuilds in `pending_rebuilds`.
    "name-tokens-folded",
    "list-entry-keys",
    // The list, dataset and system actor `screening-eval` imports its pairs as (a scratch database).
    "screening-eval",
    // Logins of the accounts the load-test seed decides with.
    "seed-verifier",
    "seed-officer",
];

/// Terms Kazakh borrows unchanged.
const SHARED_TERMS: &[&str] = &["role-compliance"];

#[test]
fn every_message_id_used_in_code_and_templates_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), "rs", &mut files);
    walk(&root.join("templates"), "html", &mut files);
    let is_id = |s: &str| {
        s.len() > 3
            && s.contains('-')
            && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.ends_with('-')
    };
    let mut unknown = Vec::new();
    let mut checked = 0;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let found =
            if file.extension().is_some_and(|e| e == "html") { template_ids(&text) } else { literals(&text) };
        for lit in found {
            if !is_id(&lit) || NOT_MESSAGES.contains(&lit.as_str()) {
                continue;
            }
            checked += 1;
            // `error-404` names the pair `error-404-title` / `error-404-text`.
            if !i18n::has(&lit) && !i18n::has(&format!("{lit}-title")) {
                unknown.push(format!("{}: {lit}", file.strip_prefix(root).unwrap().display()));
            }
        }
        // Audit actions are shown by name: `Entry::new(actor, "staff.created")`.
        for part in text.split("Entry::new(").skip(1) {
            if let Some(action) = literals(part.split(')').next().unwrap_or("")).first() {
                assert!(audit::ACTIONS.contains(&action.as_str()), "{action} is missing from audit::ACTIONS");
                let id = format!("audit-action-{}", action.replace('.', "-"));
                if !i18n::has(&id) {
                    unknown.push(format!("{}: {id}", file.strip_prefix(root).unwrap().display()));
                }
            }
        }
    }
    assert!(checked > 100, "the scan found only {checked} ids");
    assert!(unknown.is_empty(), "unknown message ids: {unknown:#?}");
    for n in 1..=12 {
        assert!(i18n::has(&format!("month-gen-{n}")));
    }
    for action in audit::ACTIONS {
        assert!(i18n::has(&format!("audit-action-{}", action.replace('.', "-"))), "{action} has no name");
    }
    for role in Role::ALL {
        assert!(i18n::has(role.message_id()));
    }
}

/// The keys of the JSON objects that audit entries carry as details (`.details(json!({ .. }))`,
/// `let mut details = json!({ .. })`, `details["key"] = ..`), from the source.
fn detail_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("details") {
        rest = &rest[at + "details".len()..];
        let tail = rest.trim_start();
        let object = if let Some(t) = tail.strip_prefix("(json!({") {
            Some(t)
        } else if let Some(t) = tail.strip_prefix("= json!({") {
            Some(t)
        } else if let Some(t) = tail.strip_prefix("[\"") {
            keys.push(t.split('"').next().unwrap_or("").to_string());
            None
        } else {
            None
        };
        if let Some(body) = object {
            // Up to the object's closing brace (detail objects are flat).
            let body = &body[..body.find('}').unwrap_or(body.len())];
            for part in body.split('"').collect::<Vec<_>>().chunks(2) {
                if let [_, key] = part {
                    keys.push((*key).to_string());
                }
            }
        }
    }
    keys.into_iter()
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

#[test]
fn every_audit_detail_key_has_a_name_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), "rs", &mut files);
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for key in detail_keys(&text) {
            seen += 1;
            let id = format!("audit-key-{}", key.replace('_', "-"));
            if !i18n::has(&id) {
                missing.push(format!("{}: {key}", file.strip_prefix(root).unwrap().display()));
            }
        }
    }
    assert!(seen > 20, "the scan found only {seen} detail keys");
    assert!(missing.is_empty(), "audit detail keys without a name: {missing:#?}");
}

#[test]
fn counts_take_their_plural_forms() {
    use kreditomat_portal::i18n::{Lang, t_count};
    let ru = |n| t_count(Lang::Ru, "lists-report-more", n, &[]);
    assert_eq!(ru(1), "и ещё 1 строка с ошибкой.");
    assert_eq!(ru(2), "и ещё 2 строки с ошибками.");
    assert_eq!(ru(5), "и ещё 5 строк с ошибками.");
    assert_eq!(ru(21), "и ещё 21 строка с ошибкой.");
    assert_eq!(t_count(Lang::Kk, "lists-report-more", 5, &[]), "және қатесі бар тағы 5 жол.");
    // "More than 50", not "50+": the Kazakh ending follows the number read aloud.
    assert_eq!(t_count(Lang::Ru, "review-other-applications-more", 50, &[]), "более 50 других заявок");
    assert_eq!(t_count(Lang::Kk, "review-other-applications-more", 50, &[]), "50-ден астам басқа өтінім");
    assert_eq!(t_count(Lang::Kk, "review-other-applications-more", 24, &[]), "24-тен астам басқа өтінім");
}
