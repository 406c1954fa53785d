//! Photos in S3-compatible object storage. These run against the server `TEST_S3_ENDPOINT`
//! names (CI starts one); without it they are skipped, unless `TEST_REQUIRE_S3=1`.

use kreditomat_portal::{
    auth::Role,
    config::{PhotoStore, S3Store},
    photos::{
        fixtures,
        storage::{S3, Storage},
    },
    with_db,
};
use std::sync::{
    Arc,
    atomic::{AtomicU32, Ordering},
};

use crate::{
    harness::{Backend, TestApp},
    intake,
};

static BUCKETS: AtomicU32 = AtomicU32::new(0);

/// A new empty bucket on the test server, with a prefix inside it.
async fn bucket() -> Option<S3Store> {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        if std::env::var("TEST_REQUIRE_S3").is_ok_and(|v| v == "1") {
            panic!("TEST_REQUIRE_S3=1 but TEST_S3_ENDPOINT is not set");
        }
        eprintln!("TEST_S3_ENDPOINT not set: skipping the S3 storage test");
        return None;
    };
    crate::harness::ran("s3");
    let name = format!("kp-test-{}-{}", std::process::id(), BUCKETS.fetch_add(1, Ordering::SeqCst));
    let res = reqwest::Client::new().put(format!("{endpoint}/{name}")).send().await.expect("create bucket");
    assert!(res.status().is_success(), "create bucket: {}", res.status());
    Some(S3Store {
        url: format!("s3://{name}/portal"),
        endpoint: Some(endpoint),
        region: Some("us-east-1".into()),
        access_key_id: Some("test".into()),
        secret_access_key: Some("test".into()),
        allow_http: true,
    })
}

/// The object under `portal/{key}` in the bucket, read from the bucket's root.
async fn object(settings: &S3Store, key: &str) -> Option<Vec<u8>> {
    let bucket = settings.url.trim_start_matches("s3://").split('/').next().unwrap();
    let root = S3::new(&S3Store { url: format!("s3://{bucket}"), ..settings.clone() }).unwrap();
    root.get(&format!("portal/{key}")).await.unwrap()
}

#[tokio::test]
async fn the_s3_store_writes_once_and_reads_back() {
    let Some(settings) = bucket().await else { return };
    let store = S3::new(&settings).unwrap();
    assert_eq!(store.get("originals/aa/missing").await.unwrap(), None);
    store.put("originals/aa/one", Arc::new(b"first".to_vec())).await.unwrap();
    store.put("originals/aa/one", Arc::new(b"first".to_vec())).await.unwrap();
    assert_eq!(store.get("originals/aa/one").await.unwrap().as_deref(), Some(&b"first"[..]));
    assert_eq!(
        object(&settings, "originals/aa/one").await.as_deref(),
        Some(&b"first"[..]),
        "under the prefix"
    );

    let wrong = S3Store { url: "https://bucket".into(), ..settings.clone() };
    assert!(S3::new(&wrong).unwrap_err().contains("s3://"));
    let unreachable = S3Store { endpoint: Some("http://127.0.0.1:9".into()), ..settings };
    assert!(S3::new(&unreachable).unwrap().get("originals/aa/one").await.is_err());
}

/// Two portal processes with nothing on disk in common share photos through the bucket.
mod two_processes_share_photos {
    use super::*;

    async fn check(backend: Backend) {
        let Some(settings) = bucket().await else { return };
        let store = PhotoStore::S3(settings.clone());
        let Some(first) = TestApp::spawn_with(backend, move |c| c.photo_store = store).await else { return };
        let endpoint = settings.endpoint.clone().unwrap();
        let second = first
            .second_process_with_env(
                &["--photo-store", &settings.url],
                &[
                    ("AWS_ENDPOINT", &endpoint),
                    ("AWS_ACCESS_KEY_ID", "test"),
                    ("AWS_SECRET_ACCESS_KEY", "test"),
                    ("AWS_REGION", "us-east-1"),
                    ("AWS_ALLOW_HTTP", "true"),
                ],
            )
            .await;

        let key = intake::key(&first).await;
        let res = intake::post(&first, &key, intake::form(&intake::example(), 21), None).await;
        assert_eq!(res.status(), 201);
        assert!(!first.data_dir.path().join("photos").exists(), "nothing written locally");
        let (photo_id, sha): (i64, String) =
            with_db!(&first.db, |c| sqlx::query_as("SELECT id, sha256 FROM photos WHERE kind = 'selfie'")
                .fetch_one(c)
                .await)
            .unwrap();
        let original = object(&settings, &format!("originals/{}/{sha}", &sha[..2])).await;
        assert_eq!(original.as_deref(), Some(fixtures::selfie_jpeg(21, 0).as_slice()));

        let security = first.signed_in("sec", &[Role::Security]).await;
        let review = first.get(&security, &format!("/photos/{photo_id}/review")).await;
        assert_eq!(review.status(), 200);
        let review = review.bytes().await.unwrap();
        let there = security.get(format!("{second}/photos/{photo_id}/review")).send().await.unwrap();
        assert_eq!(there.status(), 200);
        assert_eq!(there.bytes().await.unwrap(), review, "the other process serves the same copy");
        let there = security.get(format!("{second}/photos/{photo_id}/original")).send().await.unwrap();
        assert_eq!(there.status(), 200);
        assert_eq!(there.bytes().await.unwrap().as_ref(), fixtures::selfie_jpeg(21, 0).as_slice());
    }

    crate::on_both_backends!(check);
}

/// Retention erases an archived customer's photo files from the bucket too.
mod retention_erases_from_the_bucket {
    use super::*;
    use kreditomat_portal::{audit::Actor, customers::retention};

    async fn check(backend: Backend) {
        let Some(settings) = bucket().await else { return };
        let store = PhotoStore::S3(settings.clone());
        let Some(app) = TestApp::spawn_with(backend, move |c| c.photo_store = store).await else { return };
        let key = intake::key(&app).await;
        let res = intake::post(&app, &key, intake::form(&intake::example(), 23), None).await;
        assert_eq!(res.status(), 201);
        let (customer, sha): (i64, String) = with_db!(&app.db, |c| sqlx::query_as(
            "SELECT a.customer_id, p.sha256 FROM photos p JOIN applications a ON a.id = p.application_id
             WHERE p.kind = 'selfie'"
        )
        .fetch_one(c)
        .await)
        .unwrap();
        let original = format!("originals/{}/{sha}", &sha[..2]);
        let review = format!("display/{}/{sha}-review.jpg", &sha[..2]);
        assert!(object(&settings, &original).await.is_some() && object(&settings, &review).await.is_some());
        crate::retention::archive(&app, customer, 6).await;
        let today = kreditomat_portal::db::now().date();
        let due = retention::due(&app.db, 5, today).await.unwrap();
        assert_eq!(due.len(), 1);
        let s3 = S3::new(&settings).unwrap();
        let erased =
            retention::erase(&app.db, &s3, &Actor::System("test"), &due[0], 5, today).await.unwrap().unwrap();
        assert_eq!((erased.photos, erased.files), (3, 3));
        assert!(object(&settings, &original).await.is_none(), "the original is gone");
        assert!(object(&settings, &review).await.is_none(), "the display copy is gone");
    }

    crate::on_both_backends!(check);
}
