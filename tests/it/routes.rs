//! Every route for every role: the server decides, and the navigation shows only what opens.

use kreditomat_portal::auth::Role;

use crate::{compliance_casework::case, db_test, harness::location};

const ADMIN: &[Role] = &[Role::Admin];
const AUDIT: &[Role] = &[Role::Admin, Role::Manager];
const ANY: &[Role] = &Role::ALL;
const REVIEW: &[Role] =
    &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security, Role::Manager];
const DECIDE: &[Role] = &[Role::Verifier];
const NOTES: &[Role] = &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security];
const ACCESS_LOG: &[Role] = &[Role::Admin, Role::Security];
const LOCKS: &[Role] = &[Role::Admin, Role::Security];
const COMPLIANCE: &[Role] = &[Role::Compliance, Role::SeniorCompliance];
const SENIOR: &[Role] = &[Role::SeniorCompliance];
const COMPLIANCE_READ: &[Role] = &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Security];
const CUSTOMERS: &[Role] =
    &[Role::Verifier, Role::Compliance, Role::SeniorCompliance, Role::Support, Role::Security, Role::Manager];
const ACCOUNT_ACTIONS: &[Role] = &[Role::Security];
const ARCHIVE_CONFIRM: &[Role] = &[Role::Security, Role::Admin];
const DISCLOSE: &[Role] = &[Role::Compliance, Role::SeniorCompliance, Role::Security];
const DISCLOSURES: &[Role] = &[Role::Compliance, Role::SeniorCompliance, Role::Security, Role::Manager];
const MAIL_OUTBOX: &[Role] = &[Role::Admin, Role::Support, Role::Security];
const RESTORATION: &[Role] = &[Role::Security];
const RESTORATION_QUEUE: &[Role] = &[Role::Security, Role::Manager];
const SUPPORT_WORK: &[Role] = &[Role::Support, Role::Security];
const DASHBOARDS: &[Role] = &[Role::Manager, Role::Admin];
const QUALITY: &[Role] = &[Role::Verifier, Role::SeniorCompliance];

/// Pages of things that do not exist here: the roles that may open them get 404, others 403
/// (the role is checked first, so a 404 tells nothing to those who may not look).
const MISSING: &[(&str, &[Role])] = &[
    ("/compliance/2", COMPLIANCE_READ),
    ("/review/2", REVIEW),
    ("/customers/2", CUSTOMERS),
    ("/security/cases/2", RESTORATION),
    ("/security/cases/2/documents/1/review", RESTORATION),
    ("/dashboard/finance", DASHBOARDS),
    ("/quality/2", QUALITY),
    ("/dashboard/kyc/nothing.csv", DASHBOARDS),
    ("/admin/audit/staff/999", AUDIT),
];

/// `(path, roles that may open it)`; everyone else gets 403, the anonymous go to sign-in.
const PAGES: &[(&str, &[Role])] = &[
    ("/", ANY),
    ("/account", ANY),
    ("/account/two-factor", ANY),
    ("/admin/staff", ADMIN),
    ("/admin/staff/new", ADMIN),
    ("/admin/staff/1", ADMIN),
    ("/admin/audit", AUDIT),
    ("/admin/audit/staff/1?period=7d", AUDIT),
    ("/admin/audit/staff/1/activity.csv", AUDIT),
    ("/admin/api-keys", ADMIN),
    ("/review", REVIEW),
    ("/admin/reasons", ADMIN),
    ("/admin/reasons/doc_expired", ADMIN),
    ("/admin/access-log", ACCESS_LOG),
    ("/admin/sign-in-locks", LOCKS),
    ("/admin/sessions", ADMIN),
    ("/admin/access-list", ADMIN),
    ("/admin/access-list.csv", ADMIN),
    ("/admin/two-factor", ADMIN),
    ("/compliance", COMPLIANCE),
    ("/compliance?state=senior", COMPLIANCE),
    ("/compliance/lists", COMPLIANCE),
    ("/review/1", REVIEW),
    ("/compliance/1", COMPLIANCE_READ),
    ("/customers", CUSTOMERS),
    ("/customers?q=tokayeva", CUSTOMERS),
    ("/customers/1", CUSTOMERS),
    ("/customers/archive-requests", ARCHIVE_CONFIRM),
    ("/customers/1/disclosures/new", DISCLOSE),
    ("/disclosures", DISCLOSURES),
    ("/disclosures?basis=consent&from=2026-01-01", DISCLOSURES),
    ("/disclosures.csv", DISCLOSURES),
    ("/admin/policy-versions", ANY),
    ("/admin/calendar", ADMIN),
    ("/admin/canned-replies", ADMIN),
    ("/admin/support-targets", ADMIN),
    ("/admin/jobs", ADMIN),
    ("/admin/jobs?state=failed&after=5", ADMIN),
    ("/admin/mail", MAIL_OUTBOX),
    ("/admin/mail?state=failed&after=5", MAIL_OUTBOX),
    ("/security", RESTORATION_QUEUE),
    ("/security?state=decided", RESTORATION_QUEUE),
    ("/security?q=R-000001", RESTORATION_QUEUE),
    ("/security?q=nonsense", RESTORATION_QUEUE),
    ("/security?q=%2B77011234567", RESTORATION_QUEUE),
    ("/dashboard/kyc", DASHBOARDS),
    ("/quality", QUALITY),
    ("/admin/quality", ADMIN),
    ("/dashboard/compliance?period=7d", DASHBOARDS),
    ("/dashboard/support?period=month&month=2026-11", DASHBOARDS),
    ("/dashboard/security?period=range&from=2026-01-01&to=2026-12-01", DASHBOARDS),
    ("/dashboard/kyc/daily.csv", DASHBOARDS),
    ("/dashboard/support/backlog.csv?period=today", DASHBOARDS),
];

/// State-changing routes, posted with a valid CSRF token and no other field, with what a role
/// that may use them gets: the form's own errors (422), a redirect back to the page (303), the
/// new password's page (200), or 400 where a field every real form carries is missing (the
/// version of a decision, the login to unlock, a multipart upload). Never a 500.
const ACTIONS: &[(&str, &[Role], u16)] = &[
    ("/admin/staff", ADMIN, 422),
    ("/admin/quality", ADMIN, 422),
    ("/quality/next", DECIDE, 303),
    ("/quality/2/claim", DECIDE, 404),
    ("/quality/2/review", DECIDE, 400),
    ("/quality/2/verdict", SENIOR, 400),
    ("/admin/staff/1/roles", ADMIN, 422),
    ("/admin/staff/1/deactivate", ADMIN, 303),
    ("/admin/staff/1/reactivate", ADMIN, 303),
    ("/admin/staff/1/reset-password", ADMIN, 200),
    ("/admin/api-keys", ADMIN, 422),
    ("/admin/support-targets", ADMIN, 400),
    ("/admin/api-keys/1/revoke", ADMIN, 303),
    ("/admin/jobs/1/retry", ADMIN, 400),
    ("/admin/jobs/1/cancel", ADMIN, 400),
    ("/admin/mail/1/retry", MAIL_OUTBOX, 400),
    ("/support/1/restoration", SUPPORT_WORK, 404),
    ("/security/cases/1/documents/from-ticket", RESTORATION, 404),
    ("/security/cases/1/refuse", RESTORATION, 404),
    ("/security/cases/1/propose", RESTORATION, 404),
    ("/security/cases/1/approve", RESTORATION, 404),
    ("/security/cases/1/return", RESTORATION, 404),
    ("/admin/sign-in-locks/unlock", LOCKS, 400),
    ("/admin/sign-in-locks/unlock-address", LOCKS, 400),
    ("/account/two-factor/start", ANY, 303),
    ("/account/two-factor/confirm", ANY, 422),
    ("/account/two-factor/passkeys", ANY, 422),
    ("/account/two-factor/passkeys/options", ANY, 200),
    ("/account/two-factor/passkeys/1/rename", ANY, 422),
    ("/account/two-factor/passkeys/1/remove", ANY, 303),
    ("/passkeys/options", ANY, 404),
    ("/account/sessions/end", ANY, 303),
    ("/account/sessions/end-others", ANY, 303),
    ("/admin/sessions/end", ADMIN, 303),
    ("/admin/two-factor/roles", ADMIN, 303),
    ("/admin/two-factor/resets", ADMIN, 422),
    ("/admin/two-factor/resets/1/confirm", ADMIN, 303),
    ("/admin/two-factor/resets/1/cancel", ADMIN, 303),
    ("/review/next", DECIDE, 303),
    ("/review/1/claim", DECIDE, 303),
    ("/review/1/release", DECIDE, 303),
    ("/review/1/decide", DECIDE, 400),
    ("/review/1/note", NOTES, 422),
    ("/customers/1/reveal", CUSTOMERS, 422),
    ("/customers/1/account", ACCOUNT_ACTIONS, 400),
    ("/customers/archive-requests/1", ARCHIVE_CONFIRM, 400),
    ("/customers/1/disclosures/new", DISCLOSE, 422),
    ("/admin/policy-versions", ADMIN, 422),
    ("/review/1/withdraw-request", DECIDE, 400),
    ("/admin/reasons", ADMIN, 422),
    ("/admin/reasons/doc_expired", ADMIN, 422),
    ("/compliance/lists", COMPLIANCE, 400),
    ("/compliance/1/hits/1", COMPLIANCE, 422),
    ("/compliance/1/declaration", COMPLIANCE, 422),
    ("/compliance/1/approve", SENIOR, 422),
    ("/compliance/1/claim", COMPLIANCE, 303),
    ("/compliance/1/release", COMPLIANCE, 303),
    ("/compliance/1/hits/1/reopen", SENIOR, 422),
    ("/compliance/1/return", SENIOR, 422),
    ("/compliance/1/resend", COMPLIANCE, 422),
];

db_test!(every_page_for_every_role, |app| {
    // Account 1 exists for the /admin/staff/1 routes, application 1 with its compliance case and
    // hit 1 for the review and compliance routes.
    app.create_staff("first", &[Role::Verifier]).await;
    let (application, hit) = case(&app, "TOKAYEVA Aigul", "1979-10-28").await;
    assert_eq!((application, hit), (1, 1));
    let anonymous = app.client();
    for (path, _) in PAGES {
        let res = app.get(&anonymous, path).await;
        assert_eq!(res.status(), 303, "anonymous GET {path}");
        assert!(location(&res).starts_with("/login"), "anonymous GET {path} goes to sign-in");
    }
    let mut wrong = Vec::new();
    for role in ANY {
        let client = app.signed_in(&format!("as-{}", role.code().replace('_', "-")), &[*role]).await;
        for (path, allowed) in PAGES {
            let expected = if allowed.contains(role) { 200 } else { 403 };
            let res = app.get(&client, path).await;
            assert_eq!(res.status(), expected, "{role} GET {path}");
        }
        for (path, allowed) in MISSING {
            let expected = if allowed.contains(role) { 404 } else { 403 };
            assert_eq!(app.get(&client, path).await.status(), expected, "{role} GET {path}");
        }
        let home = app.get(&client, "/").await.text().await.unwrap();
        for (path, allowed) in [
            ("/admin/staff", ADMIN),
            ("/admin/audit", AUDIT),
            ("/admin/api-keys", ADMIN),
            ("/review", REVIEW),
            ("/admin/reasons", ADMIN),
            ("/admin/access-log", ACCESS_LOG),
            ("/compliance", COMPLIANCE),
            ("/customers", CUSTOMERS),
            ("/customers/archive-requests", ARCHIVE_CONFIRM),
            ("/disclosures", DISCLOSURES),
            ("/admin/policy-versions", ADMIN),
            ("/admin/jobs", ADMIN),
            ("/admin/mail", MAIL_OUTBOX),
            ("/security", RESTORATION_QUEUE),
            ("/dashboard", DASHBOARDS),
            ("/quality", QUALITY),
            ("/admin/quality", ADMIN),
        ] {
            let linked = home.contains(&format!("href=\"{path}\""));
            assert_eq!(linked, allowed.contains(role), "{role} sees a link to {path}: {linked}");
        }
        for (path, allowed, status) in ACTIONS {
            let res = app.post_form(&client, path, &[]).await;
            let expected = if allowed.contains(role) { *status } else { 403 };
            if res.status() != expected {
                wrong.push(format!("{role} POST {path}: {} (expected {expected})", res.status()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Actions by the anonymous go to sign-in.
    for (path, _, _) in ACTIONS {
        let res = app.post_form(&anonymous, path, &[]).await;
        assert_eq!(res.status(), 303, "anonymous POST {path}");
    }
});

db_test!(health_probes_answer, |app| {
    let client = app.client();
    let res = app.get(&client, "/healthz").await;
    assert_eq!(res.status(), 200);
    let res = app.get(&client, "/readyz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ready");
    app.db.close().await;
    assert_eq!(app.get(&client, "/readyz").await.status(), 503, "not ready without a database");
    assert_eq!(app.get(&client, "/healthz").await.status(), 200, "still alive");
});
