//! The deadline rush, for `scripts/bench-load.sh`: N participants register,
//! fill the eligibility form, then all upload a 12 MP camera photo at once
//! (each copy made distinct by bytes after its end marker, so none is a
//! duplicate), ROUNDS times. Prints uploads/s, p50/p99 and errors as one
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
    let original = Arc::new(std::fs::read(&photo).expect("the photo"));
    let mut ready = Vec::new();
    for n in 0..people {
        ready.push(participant(&base, &slug, n).await);
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, (client, token, _)) in ready.into_iter().enumerate() {
        let (base, slug, original) = (base.clone(), slug.clone(), original.clone());
        tasks.push(tokio::spawn(async move {
            let mut results = Vec::new();
            for round in 0..rounds {
                let mut bytes = original.as_ref().clone();
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
                let ok = reply.is_ok_and(|r| r.status() == reqwest::StatusCode::OK);
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
