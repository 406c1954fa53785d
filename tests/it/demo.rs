//! The demo a newcomer signs in to: customers blocked, restricted, archived and waiting for an
//! archive confirmation, consents to two policy versions, obligations and disclosures, all made
//! through the portal's own code (so their audit entries and events are there too); tickets at
//! the support desk.

use kreditomat_portal::{config::Config, demo, photos::storage::Photos};

use crate::harness::{Backend, TestApp, scalar};

#[tokio::test]
async fn the_demo_has_customers_in_every_state() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always available");
    demo::load(&app.db, "demo-password-1").await.unwrap();
    let photos = Photos::from_config(&Config::local(app.data_dir.path().to_path_buf())).unwrap();
    demo::applications::load(&app.db, &photos, 60).await.unwrap();
    demo::customers::load(&app.db).await.unwrap();
    for (status, n) in [("blocked", 3), ("restricted", 2), ("archived", 1)] {
        let found = scalar(&app, &format!("SELECT COUNT(*) FROM customers WHERE status = '{status}'")).await;
        assert_eq!(found, n, "{status}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM archive_requests WHERE outcome IS NULL").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM policy_versions").await, 2);
    assert_eq!(scalar(&app, "SELECT COUNT(DISTINCT policy_version_id) FROM consents").await, 2);
    assert!(scalar(&app, "SELECT COUNT(*) FROM consents WHERE NOT given").await > 0);
    assert!(scalar(&app, "SELECT COUNT(*) FROM customers WHERE obligation_open IS NOT NULL").await > 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM disclosures").await, 5);
    // The support desk: tickets in both languages, in every active state and closed, some with
    // a legal deadline, some overdue; canned replies in both languages.
    let store = std::sync::Arc::new(kreditomat_portal::photos::storage::LocalDir::new(
        app.data_dir.path().join("photos"),
    ));
    let photos =
        kreditomat_portal::photos::storage::Photos::new(store, Default::default(), 2, 512 * 1024 * 1024);
    demo::tickets::load(&app.db, Some(&photos)).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 320);
    assert_eq!(scalar(&app, "SELECT COUNT(DISTINCT language) FROM tickets").await, 2);
    // Some with a screenshot, fewer with a receipt, each a file in the store.
    assert!(
        scalar(&app, "SELECT COUNT(*) FROM ticket_attachments WHERE content_type = 'image/jpeg'").await > 5
    );
    assert!(
        scalar(&app, "SELECT COUNT(*) FROM ticket_attachments WHERE content_type = 'application/pdf'").await
            > 0
    );
    assert!(scalar(&app, "SELECT COUNT(DISTINCT state) FROM tickets").await >= 5);
    assert!(
        scalar(&app, "SELECT COUNT(*) FROM tickets WHERE legal_due_at IS NOT NULL AND legal_done_at IS NULL")
            .await
            > 0
    );
    let yesterday = crate::harness::iso(crate::harness::today().previous_day().unwrap());
    let overdue =
        format!("SELECT COUNT(*) FROM tickets WHERE state IN ('new', 'open') AND due_at < '{yesterday}'");
    assert!(scalar(&app, &overdue).await > 0, "some tickets are long overdue");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM canned_replies").await, 4);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM customer_events").await,
        6 + scalar(&app, "SELECT COUNT(*) FROM customer_events WHERE event_type LIKE 'ticket.%'").await
    );
    // Mail to the support address: three tickets (the phone's reply and the auto-reply join
    // the first), one of them of nobody, with a selfie taken and a file dropped.
    demo::mail::load(&app.db, &photos).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_mail WHERE direction = 'in'").await, 4);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets WHERE channel = 'email'").await, 2);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM tickets WHERE channel = 'email' AND customer_id IS NULL").await,
        1
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM ticket_messages WHERE body LIKE '%mail-files-dropped%'").await,
        1
    );
    // Reports of unauthorised access: two cases waiting for documents (each account blocked),
    // two ready for review, one waiting for the second officer, one restored, one refused; a
    // takeover timeline behind each case with documents.
    demo::restoration::load(&app.db, &photos).await.unwrap();
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM restoration_cases r JOIN customers c ON c.id = r.customer_id WHERE c.status = 'blocked' AND r.state = 'waiting_documents'").await,
        2
    );
    for (state, n) in [("ready", 2), ("waiting_second", 1), ("restored", 1), ("refused", 1)] {
        let found =
            scalar(&app, &format!("SELECT COUNT(*) FROM restoration_cases WHERE state = '{state}'")).await;
        assert_eq!(found, n, "{state}");
    }
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_documents").await, 10);
    assert!(scalar(&app, "SELECT COUNT(*) FROM customer_activity WHERE kind = 'phone_changed'").await >= 5);
    // A second start adds nothing.
    demo::restoration::load(&app.db, &photos).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM restoration_cases").await, 7);
    demo::customers::load(&app.db).await.unwrap();
    demo::tickets::load(&app.db, None).await.unwrap();
    demo::mail::load(&app.db, &photos).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM disclosures").await, 5);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM tickets").await, 322);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ticket_mail WHERE direction = 'in'").await, 4);
    let (ok, out) = app.run_cli(&["verify-audit"], None);
    assert!(ok, "{out}");
}
