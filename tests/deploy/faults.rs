//! What a deployment must survive: an application process killed during an
//! upload rush (the other goes on; no acknowledged upload is lost; nothing
//! partial is referenced; `storage gc` finds what the crash left), and the
//! store stopped for a moment (a clear 503, nothing half-written, uploads
//! work again when it is back).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use photojury::images::Objects;
use photojury::images::store::sha256_hex;
use photojury::workflow::storage::collect;
use reqwest::StatusCode;

use crate::cluster::Cluster;
use crate::common::jury::{Judged, Setup, judged};
use crate::common::noisy_jpeg;

/// A contest open for entries with `people` artists who entered, no photos yet.
async fn open_contest(cluster: &Cluster, people: usize) -> Judged {
    let setup = Setup {
        slug: "rush",
        per_category: [0, people],
        photos: 0,
        jurors: Vec::new(),
        until: "open",
        ..Setup::default()
    };
    judged(cluster, setup).await
}

/// One 800 × 600 photo (`seed` makes it distinct) sent as the page's
/// script sends it.
async fn upload(browser: &crate::common::Browser, seed: u64) -> crate::common::Page {
    let fields = [("title", "Night bus"), ("caption", "")];
    let jpeg = noisy_jpeg(seed, 800, 600);
    browser
        .upload(
            "/contests/rush/entry/photos",
            &fields,
            vec![("photo.jpg", jpeg)],
            true,
        )
        .await
}

async fn photo_rows(cluster: &Cluster) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT original_sha256, large_sha256, thumb_sha256 FROM photos")
        .fetch_all(&cluster.db.pool)
        .await
        .unwrap()
}

fn bucket(cluster: &Cluster) -> Objects {
    Objects::open(cluster.dir.path(), Some(&cluster.weed.url_with_keys(""))).unwrap()
}

#[tokio::test]
async fn a_process_killed_during_an_upload_rush_loses_no_acknowledged_upload() {
    let mut cluster = Cluster::start().await;
    let contest = open_contest(&cluster, 6).await;
    let path = "/contests/rush/entry/photos";
    // Six people upload four photos each, all at once; a process dies
    // once three uploads have been acknowledged.
    let acks = AtomicUsize::new(0);
    let killed = tokio::sync::Notify::new();
    let uploads = contest.participants.iter().enumerate().map(|(p, browser)| {
        let (acks, killed) = (&acks, &killed);
        async move {
            let (mut acknowledged, mut refused) = (Vec::new(), Vec::new());
            for n in 0..4u64 {
                let jpeg = noisy_jpeg(p as u64 * 10 + n, 1600, 1200);
                let fields = [("title", "Rush"), ("caption", "")];
                let page = browser
                    .upload(path, &fields, vec![("rush.jpg", jpeg.clone())], true)
                    .await;
                if page.status == StatusCode::OK {
                    acknowledged.push(sha256_hex(&jpeg));
                    if acks.fetch_add(1, Ordering::SeqCst) + 1 == 3 {
                        killed.notify_one();
                    }
                } else {
                    refused.push(page.status);
                }
            }
            (acknowledged, refused)
        }
    });
    let rush = futures_util::future::join_all(uploads);
    let killer = async {
        killed.notified().await;
        cluster.apps[0].kill();
        acks.load(Ordering::SeqCst)
    };
    let (results, at_kill) = tokio::join!(rush, killer);
    let (acknowledged, refused): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let acknowledged: Vec<String> = acknowledged.into_iter().flatten().collect();
    assert!(
        acknowledged.len() > at_kill,
        "uploads went on after the kill"
    );
    // An upload cut off by the kill is told so by nginx (502), never a 500.
    for status in refused.into_iter().flatten() {
        assert_eq!(status, StatusCode::BAD_GATEWAY);
    }

    // Every acknowledged upload is there, and every row's three files exist.
    let rows = photo_rows(&cluster).await;
    let originals: HashSet<&String> = rows.iter().map(|(o, _, _)| o).collect();
    for hash in &acknowledged {
        assert!(originals.contains(hash), "acknowledged upload {hash} lost");
    }
    let store = bucket(&cluster);
    for (original, large, thumb) in &rows {
        for hash in [original, large, thumb] {
            assert!(
                store.size(hash).await.unwrap().is_some(),
                "{hash} referenced, not stored"
            );
        }
    }

    // The other process goes on serving, uploads included.
    let again = &contest.participants[0];
    for _ in 0..4 {
        assert_eq!(
            again.get("/contests/rush/entry").await.status,
            StatusCode::OK
        );
    }
    let page = upload(again, 99).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);

    // What the crash left unreferenced is found by gc once an hour old,
    // and only that: every file a row names stays.
    let later = chrono::Utc::now().timestamp() + 2 * 3600;
    let listed = collect(&cluster.db, &store, later, true).await.unwrap();
    let rows = photo_rows(&cluster).await;
    let referenced: HashSet<&String> = rows.iter().flat_map(|(o, l, t)| [o, l, t]).collect();
    assert!(listed.unreferenced.iter().all(|h| !referenced.contains(h)));
    assert_eq!(listed.referenced, referenced.len());
    let removed = collect(&cluster.db, &store, later, false).await.unwrap();
    assert_eq!(removed.unreferenced, listed.unreferenced);
    assert_eq!(store.list().await.unwrap().len(), referenced.len());
    // Nothing younger than an hour is touched.
    let now = chrono::Utc::now().timestamp();
    let young = collect(&cluster.db, &store, now, false).await.unwrap();
    assert!(young.unreferenced.is_empty());
}

#[tokio::test]
async fn uploads_get_a_clear_503_while_the_store_is_down_and_work_again_after() {
    let mut cluster = Cluster::start().await;
    let contest = open_contest(&cluster, 1).await;
    let ana = &contest.participants[0];
    let first = upload(ana, 1).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);

    cluster.weed.stop();
    let refused = upload(ana, 2).await;
    assert_eq!(
        refused.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("cannot be reached") && refused.body.contains("Nothing was saved"),
        "{}",
        refused.body
    );
    // A page with the form says the same, and the entry is as it was.
    assert_eq!(photo_rows(&cluster).await.len(), 1);
    for app in &cluster.apps {
        let tmp = app.data_dir.join("files/tmp");
        for folder in std::fs::read_dir(&tmp).unwrap().flatten() {
            let left: Vec<_> = std::fs::read_dir(folder.path())
                .unwrap()
                .flatten()
                .filter(|f| f.file_name() != ".lock")
                .collect();
            assert!(left.is_empty(), "temp files left: {left:?}");
        }
    }

    cluster.weed.restart();
    let back = upload(ana, 2).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let rows = photo_rows(&cluster).await;
    assert_eq!(rows.len(), 2);
    let store = bucket(&cluster);
    for (original, large, thumb) in &rows {
        for hash in [original, large, thumb] {
            assert!(store.size(hash).await.unwrap().is_some());
        }
    }
}
