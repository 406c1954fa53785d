//! A list that changes after an applicant was screened: the open hit on an entry that left the
//! list or changed is withdrawn, the application is free for the verifier again, and a changed
//! entry that still matches raises a hit of its own.

use kreditomat_portal::{auth::Role, with_db};

use crate::{
    db_test,
    harness::TestApp,
    intake,
    review::{html, take_next},
    screening::{OS_HEADER, os_row, scalar_text, submit_example, write},
};

async fn hits(app: &TestApp, id: i64) -> Vec<(String, String)> {
    with_db!(&app.db, |c| sqlx::query_as(
        "SELECT e.external_id, h.status FROM screening_hits h JOIN list_entries e ON e.id = h.entry_id
         WHERE h.application_id = $1 ORDER BY h.id"
    )
    .bind(id)
    .fetch_all(c)
    .await)
    .unwrap()
}

fn import(app: &TestApp, dir: &tempfile::TempDir, name: &str, rows: &str) {
    let file = write(dir, name, format!("{OS_HEADER}{rows}").as_bytes());
    let (ok, out) = app.run_cli(&["import-list", &file, "--list", "PEP"], None);
    assert!(ok, "{out}");
}

const STATE: &str = "SELECT compliance_state FROM applications WHERE id = $1";

db_test!(hits_on_entries_that_left_or_changed_are_withdrawn, |app| {
    let dir = tempfile::tempdir().unwrap();
    let other = os_row("P2", "Dinara Omarova", "", "1960-01-01", "kz");
    import(
        &app,
        &dir,
        "v1.csv",
        &format!("{}{other}", os_row("P1", "TOKAYEVA Aigul", "", "1979-10-28", "kz")),
    );
    let key = intake::key(&app).await;
    let id = submit_example(&app, &key, "changes-1").await;
    assert_eq!(hits(&app, id).await, vec![("P1".to_string(), "open".to_string())]);
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("review"));
    let verifier = app.signed_in("ver", &[Role::Verifier]).await;
    assert_eq!(take_next(&app, &verifier).await, None, "waiting for compliance");

    // Version 2: P1 is gone. Its open hit is withdrawn and the application is free again.
    import(&app, &dir, "v2.csv", &other);
    assert_eq!(hits(&app, id).await, vec![("P1".to_string(), "withdrawn".to_string())]);
    assert_eq!(scalar_text(&app, STATE, id).await, None, "nothing left for compliance");
    assert_eq!(take_next(&app, &verifier).await, Some(id));
    let (_, page) = html(&app, &verifier, &format!("/review/{id}")).await;
    assert!(!page.contains("id=\"approve-waiting\""), "the approval waits for nothing: {page}");

    // Version 3: P1 is back with another birth date and still matches by name: a new hit on the
    // new entry; the withdrawn one stays withdrawn.
    import(
        &app,
        &dir,
        "v3.csv",
        &format!("{}{other}", os_row("P1", "TOKAYEVA Aigul", "Тоқаева Айгүл", "", "kz")),
    );
    let now = hits(&app, id).await;
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(now[0], ("P1".to_string(), "withdrawn".to_string()));
    assert_eq!(now[1], ("P1".to_string(), "open".to_string()));
    assert_eq!(scalar_text(&app, STATE, id).await.as_deref(), Some("review"));

    // Version 4: P1 changes again (the birth date is known now, and it is the applicant's):
    // the hit on the changed entry is withdrawn and one on its new content opens.
    import(
        &app,
        &dir,
        "v4.csv",
        &format!("{}{other}", os_row("P1", "TOKAYEVA Aigul", "Тоқаева Айгүл", "1979-10-28", "kz")),
    );
    let now = hits(&app, id).await;
    let statuses: Vec<&str> = now.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(statuses, ["withdrawn", "withdrawn", "open"], "{now:?}");
});
