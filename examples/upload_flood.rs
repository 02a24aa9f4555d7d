//! Uploads that try to make the server hold memory, for
//! `scripts/bench-upload-memory.sh`: REQUESTS requests at once, each a form
//! of FILES parts of MB megabytes, streamed from a small buffer (the client
//! holds almost nothing). Two kinds, one after the other: parts that start
//! as a PDF (refused from their first bytes), and parts that start as a JPEG
//! followed by junk (received whole, then refused when decoded). The
//! participants sign up first; then for each kind the server's peak
//! resident memory (VmHWM of PID, reset through /proc/PID/clear_refs) is
//! read before and after. Prints one Markdown table row per kind.
//!
//!   cargo run --release --example upload_flood -- BASE_URL SLUG PID REQUESTS FILES MB

#[path = "shared/participant.rs"]
mod shared;

use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn flood(
    base: String,
    slug: String,
    (token, cookie): (String, String),
    files: usize,
    mb: usize,
    kind: &'static str,
) -> String {
    let addr = base.trim_start_matches("http://").to_owned();
    let part_head = "--FLOOD\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n\
                     Content-Type: image/jpeg\r\n\r\n";
    let part_len = mb * 1_000_000;
    let body_len = files * (part_head.len() + part_len + 2) + "--FLOOD--\r\n".len();
    let magic: &[u8] = if kind == "pdf" {
        b"%PDF-1.7\n"
    } else {
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"
    };
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /contests/{slug}/entry/photos?csrf={token} HTTP/1.1\r\nHost: {addr}\r\n\
         Cookie: {cookie}\r\nAccept: application/json\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary=FLOOD\r\nContent-Length: {body_len}\r\n\r\n"
    );
    let started = Instant::now();
    let chunk = vec![b'x'; 256 * 1024];
    let sent = async {
        stream.write_all(head.as_bytes()).await?;
        for _ in 0..files {
            stream.write_all(part_head.as_bytes()).await?;
            stream.write_all(magic).await?;
            let mut left = part_len - magic.len();
            while left > 0 {
                let n = left.min(chunk.len());
                stream.write_all(&chunk[..n]).await?;
                left -= n;
            }
            stream.write_all(b"\r\n").await?;
        }
        stream.write_all(b"--FLOOD--\r\n").await?;
        Ok::<_, std::io::Error>(())
    };
    // The server may answer (and stop reading) before the body is sent.
    let _ = sent.await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .lines()
        .next()
        .unwrap_or("(no answer)")
        .trim_start_matches("HTTP/1.1 ")
        .to_owned();
    format!("{status} in {:.1} s", started.elapsed().as_secs_f64())
}

/// A line of /proc/PID/status, in MB.
fn status_mb(pid: &str, key: &str) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the server's status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("a memory figure")
        / 1024
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (base, slug, pid) = (args[1].clone(), args[2].clone(), args[3].clone());
    let requests: usize = args[4].parse().expect("REQUESTS");
    let files: usize = args[5].parse().expect("FILES");
    let mb: usize = args[6].parse().expect("MB");
    let mut people = Vec::new();
    for n in 0..requests {
        let (_, token, cookie) = shared::participant(&base, &slug, 1000 + n).await;
        people.push((token, cookie));
    }
    for kind in ["pdf", "jpeg"] {
        std::fs::write(format!("/proc/{pid}/clear_refs"), "5").expect("reset the peak");
        let before = status_mb(&pid, "VmRSS:");
        let tasks: Vec<_> = people
            .iter()
            .map(|p| {
                tokio::spawn(flood(
                    base.clone(),
                    slug.clone(),
                    p.clone(),
                    files,
                    mb,
                    kind,
                ))
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        let peak = status_mb(&pid, "VmHWM:");
        println!(
            "| {files} × {mb} MB, starting as {kind} | {requests} | {} | {before} MB | {peak} MB | {} MB |",
            answers.join("; "),
            peak.saturating_sub(before)
        );
    }
}
