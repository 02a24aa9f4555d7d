//! A whole contest through nginx: entries, screening, jury, finalize,
//! reveal, awards, the announcement and the winners' originals as a ZIP
//! streamed from the bucket; every request to either process, by turns.

use photojury::images::Objects;
use photojury::images::store::sha256_hex;
use reqwest::StatusCode;

use crate::cluster::Cluster;
use crate::common::jury::{Setup, judged, queue_of, score};
use crate::common::{Browser, Site};

async fn phase(admin: &Browser, path: &str, to: &str) {
    admin.get(path).await;
    let page = admin.post(&format!("{path}/phase"), &[("to", to)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{to}: {}", page.body);
}

fn first_row(form: &str, section: usize) -> String {
    let part = form.split("<h2>").nth(section).expect("a category section");
    let from = part.find("id=\"award-row-").expect("an award row") + 14;
    part[from..from + part[from..].find('"').unwrap()].to_owned()
}

#[tokio::test]
async fn a_whole_contest_runs_through_nginx_on_two_processes_and_a_bucket() {
    let cluster = Cluster::start().await;
    // Plain http is sent to https.
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://127.0.0.1:{}/", cluster.http_port))
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::MOVED_PERMANENTLY);

    let setup = Setup {
        slug: "deploy",
        photos: 1,
        jurors: vec![vec![0, 1], vec![0, 1]],
        ..Setup::default()
    };
    let contest = judged(&cluster, setup).await;
    let slug = contest.slug;
    // Round robin: both processes answered a share of the requests.
    let access = std::fs::read_to_string(cluster.dir.path().join("nginx/access.log")).unwrap();
    for app in &cluster.apps {
        let answered = access
            .lines()
            .filter(|l| l.starts_with(&format!("127.0.0.1:{} ", app.port)))
            .count();
        assert!(answered > 20, "{} answered {answered} requests", app.port);
    }

    // The photos are in the bucket, not in the processes' data dirs.
    let bucket = Objects::open(cluster.dir.path(), Some(&cluster.weed.url_with_keys(""))).unwrap();
    let stored = bucket.list().await.unwrap();
    assert_eq!(stored.len(), 4 * 3, "four photos, three files each");
    for app in &cluster.apps {
        let local = std::fs::read_dir(app.data_dir.join("files/objects"))
            .unwrap()
            .count();
        assert_eq!(local, 0, "nothing stored in {}", app.data_dir.display());
    }

    // The jury scores through nginx; juror 0 ranks their queue 9, 7, 5, 3.
    for (j, juror) in contest.jurors.iter().enumerate() {
        for (number, value) in queue_of(juror, slug).await.iter().zip(["9", "7", "5", "3"]) {
            let v = if j == 0 { value } else { "5" };
            let saved = score(juror, slug, number, &[v, v], "stay").await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        }
        // A juror's image comes from the bucket, through the application.
        let number = &queue_of(juror, slug).await[0];
        let (status, headers, jpeg) = juror
            .get_bytes(&format!("/jury/{slug}/entries/{number}/1/large.jpg"))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "image/jpeg");
        assert!(stored.iter().any(|o| o.hash == sha256_hex(&jpeg)));
    }
    let (admin, path) = (&contest.admin, &contest.admin_path);
    phase(admin, path, "finalized").await;
    phase(admin, path, "revealed").await;
    let form = admin.get(&format!("{path}/awards")).await;
    let (students_top, artists_top) = (first_row(&form.body, 1), first_row(&form.body, 2));
    let (s, a) = (
        format!("award-{students_top}"),
        format!("award-{artists_top}"),
    );
    let saved = admin
        .post(
            &format!("{path}/awards"),
            &[
                (s.as_str(), "first"),
                (a.as_str(), "first"),
                ("reason", "one prize per category this year"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    phase(admin, path, "announced").await;
    let winners = cluster
        .browser()
        .get(&format!("/contests/{slug}/winners"))
        .await;
    assert_eq!(winners.status, StatusCode::OK);
    winners.assert_contains("1st prize");

    // The winners' originals, streamed from the bucket into the ZIP.
    let (status, headers, zip) = admin.get_bytes(&format!("{path}/originals.zip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), 2);
    for number in [&students_top, &artists_top] {
        let mut file = archive.by_name(&format!("first/{number}-1.jpg")).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        let original: String = sqlx::query_scalar(
            "SELECT ph.original_sha256 FROM photos ph JOIN entries e ON e.photo_id = ph.id \
             WHERE e.number = $1",
        )
        .bind(number.parse::<i64>().unwrap())
        .fetch_one(&cluster.db.pool)
        .await
        .unwrap();
        assert_eq!(sha256_hex(&bytes), original);
    }

    // Moving the store: every referenced file from the bucket to a folder,
    // again to finish a copy that was cut short, and back to a bucket.
    let folder = cluster.dir.path().join("moved");
    let folder = folder.to_str().unwrap();
    let copied = cluster.command(true, &["storage", "copy", "--to", folder]);
    assert!(copied.contains("Done: 12 copied"), "{copied}");
    let cut_short = &stored[0].hash;
    std::fs::remove_file(format!(
        "{folder}/files/objects/{}/{cut_short}",
        &cut_short[..2]
    ))
    .unwrap();
    let finished = cluster.command(true, &["storage", "copy", "--to", folder]);
    assert!(
        finished.contains("Done: 1 copied") && finished.contains("11 already there"),
        "{finished}"
    );
    let back = format!(
        "s3://{}/moved-back?endpoint={}&region=us-east-1",
        crate::cluster::BUCKET,
        cluster.weed.endpoint()
    );
    let mut from_folder = std::process::Command::new(env!("CARGO_BIN_EXE_photojury"));
    let printed = from_folder
        .args(["--data-dir", folder, "storage", "copy", "--to", &back])
        .env("PHOTOJURY_DATABASE_URL", &cluster.database_url)
        .env("AWS_ACCESS_KEY_ID", "photojury")
        .env("AWS_SECRET_ACCESS_KEY", "operator")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&printed.stdout);
    assert!(printed.contains("Done: 12 copied"), "{printed}");
    let moved_back = Objects::open(
        cluster.dir.path(),
        Some(&cluster.weed.url_with_keys("/moved-back")),
    )
    .unwrap();
    for object in &stored {
        let bytes = moved_back.read(object.hash.clone()).await.unwrap();
        assert_eq!(sha256_hex(&bytes), object.hash);
    }
    let gc = cluster.command(true, &["storage", "gc", "--dry-run"]);
    assert!(gc.contains("12 files, 12 referenced"), "{gc}");

    // Behind nginx a client is its own address, whatever it forges: a
    // failed sign-in from 127.0.0.3 is counted for 127.0.0.3.
    let other = cluster.browser_from([127, 0, 0, 3].into());
    other.get("/login").await;
    let token = other.csrf.lock().unwrap().clone().unwrap();
    let refused = other
        .client
        .post(format!("{}/login", other.base))
        .header("x-forwarded-for", "203.0.113.9")
        .form(&[
            ("csrf", token.as_str()),
            ("email", "nobody@example.org"),
            ("password", "guess"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT key FROM rate_buckets WHERE name = 'failed_address'")
            .fetch_all(&cluster.db.pool)
            .await
            .unwrap();
    assert_eq!(keys, vec!["127.0.0.3".to_owned()]);
}

#[tokio::test]
async fn a_camera_original_goes_to_the_bucket_in_parts_and_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let weed = crate::cluster::Seaweed::start(dir.path()).await;
    let store = Objects::open(dir.path(), Some(&weed.url_with_keys(""))).unwrap();
    // 20 MB: three parts of a multipart upload (8 MB each).
    let bytes: Vec<u8> = (0..20_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let hash = sha256_hex(&bytes);
    let (temp, mut file) = store.temp_file().unwrap();
    std::io::Write::write_all(&mut file, &bytes).unwrap();
    drop(file);
    assert!(store.adopt(temp.path(), &hash).await.unwrap(), "created");
    assert!(
        !store.adopt(temp.path(), &hash).await.unwrap(),
        "stored once"
    );
    assert_eq!(store.size(&hash).await.unwrap(), Some(20_000_000));
    let body = store.body(&hash).await.unwrap();
    let back = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    assert_eq!(sha256_hex(&back), hash);
    assert_eq!(store.extension(&hash).await, "jpg");
}
