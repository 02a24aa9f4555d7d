//! The deadline rush, for `scripts/bench-load.sh`: N participants register,
//! fill the eligibility form, then all upload a 12 MP camera photo at once
//! (each copy made distinct by bytes after its end marker, so none is a
//! duplicate file; each round's photo turned a quarter more, so that no
//! participant enters the same photograph twice), ROUNDS times. Prints uploads/s, p50/p99 and errors as one
//! Markdown table row.
//!
//!   cargo run --release --example rush -- BASE_URL SLUG PHOTO [PARTICIPANTS] [ROUNDS]

#[path = "shared/participant.rs"]
mod shared;

use std::sync::Arc;

use shared::participant;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (base, slug, photo) = (args[1].clone(), args[2].clone(), args[3].clone());
    let people: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(50);
    let rounds: usize = args.get(5).and_then(|a| a.parse().ok()).unwrap_or(2);
    let original = std::fs::read(&photo).expect("the photo");
    // A participant's second photo must not be the same photograph (the
    // server refuses one it recognises): round r uploads the photo turned
    // r quarter-turns, encoded once before the rush.
    let mut variants = vec![original.clone()];
    if rounds > 1 {
        let decoded = image::load_from_memory(&original).expect("a photo");
        for turn in 1..rounds {
            let turned = match turn % 4 {
                1 => decoded.rotate90(),
                2 => decoded.rotate180(),
                3 => decoded.rotate270(),
                _ => decoded.fliph(),
            };
            let mut jpeg = Vec::new();
            turned
                .to_rgb8()
                .write_to(
                    &mut std::io::Cursor::new(&mut jpeg),
                    image::ImageFormat::Jpeg,
                )
                .expect("encode");
            variants.push(jpeg);
        }
    }
    let variants = Arc::new(variants);
    let mut ready = Vec::new();
    for n in 0..people {
        ready.push(participant(&base, &slug, n).await);
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, (client, token, _)) in ready.into_iter().enumerate() {
        let (base, slug, variants) = (base.clone(), slug.clone(), variants.clone());
        tasks.push(tokio::spawn(async move {
            let mut results = Vec::new();
            for round in 0..rounds {
                let mut bytes = variants[round % variants.len()].clone();
                bytes.extend_from_slice(format!("rush {n} {round}").as_bytes());
                let part = reqwest::multipart::Part::bytes(bytes)
                    .file_name("photo.jpg")
                    .mime_str("image/jpeg")
                    .expect("mime");
                let form = reqwest::multipart::Form::new()
                    .text("title", "Rush")
                    .part("file", part);
                let sent = Instant::now();
                let reply = client
                    .post(format!("{base}/contests/{slug}/entry/photos?csrf={token}"))
                    .header("accept", "application/json")
                    .multipart(form)
                    .send()
                    .await;
                let ok = match reply {
                    Ok(r) if r.status() == reqwest::StatusCode::OK => true,
                    // The first refusals say why (once per participant).
                    Ok(r) => {
                        let status = r.status();
                        let body = r.text().await.unwrap_or_default();
                        eprintln!(
                            "participant {n}, round {round}: {status} {}",
                            body.chars().take(300).collect::<String>()
                        );
                        false
                    }
                    Err(err) => {
                        eprintln!("participant {n}, round {round}: {err}");
                        false
                    }
                };
                results.push((sent.elapsed(), ok));
            }
            results
        }));
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut errors = 0;
    for task in tasks {
        for (took, ok) in task.await.expect("task") {
            times.push(took);
            errors += usize::from(!ok);
        }
    }
    let wall = started.elapsed().as_secs_f64();
    times.sort();
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize].as_secs_f64();
    println!(
        "| deadline rush ({people} participants × {rounds} uploads of {:.1} MB) | {:.1} uploads/s | {:.2} s | {:.2} s | {errors} errors |",
        original.len() as f64 / 1e6,
        times.len() as f64 / wall,
        pick(0.5),
        pick(0.99)
    );
}
