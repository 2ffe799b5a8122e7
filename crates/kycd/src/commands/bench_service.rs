//! `kycd bench-service`: a load generator for a running `kycd serve`, over HTTP, measuring what
//! docs/benchmarks.md reports for the service:
//!
//! 1. **submissions per second**: `POST /v1/applicants/{id}/submit` for N prepared applicants
//!    (each with level 1 data and two small accepted files), C at a time;
//! 2. **status reads per second**: `GET /v1/applicants/{id}` for a fixed time, C at a time;
//! 3. **verified submissions per minute**: real specimen passport photos (a phone-camera size)
//!    submitted together, timed from the first submit to the last decision — the workers'
//!    throughput on this machine.
//!
//! Latencies are reported as percentiles of every request. The server's own settings (workers,
//! database) are whatever it was started with; run it once on SQLite and once with
//! `--database-url postgres://...` to compare.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  kycd serve --data-dir /tmp/bench &\n  kycd bench-service \
--url http://127.0.0.1:8080 --key kycd_... --applicants 400 --concurrency 32 --read-seconds 10 \
--verify 24"
)]
pub struct Args {
    /// Base URL of the running service.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// An API key with scope admin (or applicants:read and applicants:write).
    #[arg(long, env = "KYCD_API_KEY", hide_env_values = true)]
    key: String,
    /// Applicants prepared and submitted for the submission rate.
    #[arg(long, default_value_t = 300)]
    applicants: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Seconds of status reads.
    #[arg(long, default_value_t = 10)]
    read_seconds: u64,
    /// Specimen passports verified end to end for the verified-per-minute figure (0 to skip).
    #[arg(long, default_value_t = 20)]
    verify: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

struct Client {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Client {
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<(u16, Value), String> {
        let response = request
            .bearer_auth(&self.key)
            .send()
            .await
            .map_err(|e| format!("request failed: {e}"))?;
        let status = response.status().as_u16();
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        Ok((status, body))
    }

    async fn expect(&self, request: reqwest::RequestBuilder, want: u16) -> Result<Value, String> {
        let (status, body) = self.send(request).await?;
        if status == want {
            Ok(body)
        } else {
            Err(format!("expected HTTP {want}, got {status}: {body}"))
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn prepare(
        &self,
        n: usize,
        front: &[u8],
        selfie: &[u8],
        level1: &Value,
    ) -> Result<String, String> {
        let body = self
            .expect(
                self.http.post(self.url("/v1/applicants")).json(&json!({
                    "external_user_id": format!("bench-{}-{n}", uuid_like()),
                    "email": format!("bench{n}@example.com"),
                    "language": "en",
                })),
                201,
            )
            .await?;
        let id = body["id"].as_str().ok_or("no id")?.to_string();
        self.expect(
            self.http
                .put(self.url(&format!("/v1/applicants/{id}/level1")))
                .json(level1),
            200,
        )
        .await?;
        for (role, bytes) in [("document_front", front), ("selfie", selfie)] {
            let form = reqwest::multipart::Form::new().text("role", role).part(
                "file",
                reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("f.jpg"),
            );
            self.expect(
                self.http
                    .post(self.url(&format!("/v1/applicants/{id}/documents")))
                    .multipart(form),
                201,
            )
            .await?;
        }
        Ok(id)
    }
}

fn uuid_like() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    )
}

/// Runs `task(i)` for i in 0..n, `concurrency` at a time; returns each call's latency.
async fn fan_out<F, Fut>(n: usize, concurrency: usize, task: F) -> Result<Vec<Duration>, String>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let task = Arc::new(task);
    let mut handles = Vec::new();
    for _ in 0..concurrency.max(1) {
        let next = next.clone();
        let task = task.clone();
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let start = Instant::now();
                task(i).await?;
                latencies.push(start.elapsed());
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut all = Vec::new();
    for handle in handles {
        all.extend(handle.await.map_err(|e| e.to_string())??);
    }
    Ok(all)
}

/// Runs `task(i)` for i = 0, 1, ... until `deadline`, `concurrency` at a time; returns each
/// call's latency.
async fn fan_out_until<F, Fut>(
    deadline: Instant,
    concurrency: usize,
    task: F,
) -> Result<Vec<Duration>, String>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), String>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let task = Arc::new(task);
    let mut handles = Vec::new();
    for _ in 0..concurrency.max(1) {
        let next = next.clone();
        let task = task.clone();
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let start = Instant::now();
                task(i).await?;
                latencies.push(start.elapsed());
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut all = Vec::new();
    for handle in handles {
        all.extend(handle.await.map_err(|e| e.to_string())??);
    }
    Ok(all)
}

fn percentiles(latencies: &mut [Duration]) -> Value {
    latencies.sort();
    let at = |p: f64| {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        (latencies[i].as_secs_f64() * 1000.0 * 100.0).round() / 100.0
    };
    json!({"p50_ms": at(0.5), "p90_ms": at(0.9), "p99_ms": at(0.99), "max_ms": at(1.0)})
}

/// A small accepted photo (a specimen passport at 800×600): the upload gate stays cheap, so
/// preparing hundreds of applicants is quick.
fn photo(width: u32, height: u32, seed: u64) -> Result<(Vec<u8>, Value), String> {
    let today = super::today();
    let mut request = kyc_specimen::SpecimenRequest::new(kyc_specimen::Kind::Passport, seed, today);
    if width > 0 {
        request.frame = kyc_specimen::FrameSize::Fixed { width, height };
    }
    let specimen = kyc_specimen::generate(&request).map_err(|e| e.to_string())?;
    let identity = &specimen.truth.identity;
    let level1 = json!({
        "full_name": format!("{} {}", identity.given_names, identity.surname),
        "birth_date": identity.birth_date.to_string(),
        "nationality": identity.nationality,
        "residence_country": identity.nationality,
        "address": "1 Main Street",
        "document_type": "passport",
        "document_number": identity.document_number,
    });
    let bytes = specimen
        .images
        .into_iter()
        .next()
        .map(|i| i.bytes)
        .ok_or("no picture")?;
    Ok((bytes, level1))
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let report = runtime.block_on(bench(&args))?;
    if args.json {
        super::print_json(&report)?;
    } else {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(ExitCode::SUCCESS)
}

async fn bench(args: &Args) -> Result<Value, String> {
    let client = Arc::new(Client {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .pool_max_idle_per_host(args.concurrency)
            .build()
            .map_err(|e| e.to_string())?,
        base: args.url.trim_end_matches('/').to_string(),
        key: args.key.clone(),
    });
    let selfie: Arc<Vec<u8>> =
        Arc::new(include_bytes!("../../../../assets/portraits/grace_hopper.jpg").to_vec());
    let (small, level1) = photo(800, 600, 1)?;
    let small = Arc::new(small);
    let level1 = Arc::new(level1);

    // Prepare applicants (not timed as a figure, but reported).
    let ids = Arc::new(std::sync::Mutex::new(vec![String::new(); args.applicants]));
    let started = Instant::now();
    {
        let (client, ids, small, selfie, level1) = (
            client.clone(),
            ids.clone(),
            small.clone(),
            selfie.clone(),
            level1.clone(),
        );
        fan_out(args.applicants, args.concurrency, move |i| {
            let (client, ids, small, selfie, level1) = (
                client.clone(),
                ids.clone(),
                small.clone(),
                selfie.clone(),
                level1.clone(),
            );
            async move {
                let id = client.prepare(i, &small, &selfie, &level1).await?;
                if let Ok(mut ids) = ids.lock() {
                    ids[i] = id;
                }
                Ok(())
            }
        })
        .await?;
    }
    let prepared_in = started.elapsed();
    let ids: Arc<Vec<String>> = Arc::new(ids.lock().map(|v| v.clone()).unwrap_or_default());

    // 1. Submissions per second.
    let started = Instant::now();
    let mut submit_latencies = {
        let (client, ids) = (client.clone(), ids.clone());
        fan_out(ids.len(), args.concurrency, move |i| {
            let (client, ids) = (client.clone(), ids.clone());
            async move {
                client
                    .expect(
                        client
                            .http
                            .post(client.url(&format!("/v1/applicants/{}/submit", ids[i]))),
                        202,
                    )
                    .await
                    .map(|_| ())
            }
        })
        .await?
    };
    let submit_elapsed = started.elapsed();

    // 2. Status reads per second, for a fixed time.
    let deadline = Instant::now() + Duration::from_secs(args.read_seconds);
    let started = Instant::now();
    let mut read_latencies = {
        let (client, ids) = (client.clone(), ids.clone());
        fan_out_until(deadline, args.concurrency, move |i| {
            let (client, ids) = (client.clone(), ids.clone());
            async move {
                let id = &ids[i % ids.len().max(1)];
                client
                    .expect(
                        client.http.get(client.url(&format!("/v1/applicants/{id}"))),
                        200,
                    )
                    .await
                    .map(|_| ())
            }
        })
        .await?
    };
    let read_elapsed = started.elapsed();
    let read_count = read_latencies.len();

    // 3. Verified submissions per minute, with phone-size photos of distinct passports.
    let verified = if args.verify > 0 {
        // Let the workers finish the small submissions first.
        wait_all_decided(&client, &ids, Duration::from_secs(3600)).await?;
        let mut prepared = Vec::new();
        for n in 0..args.verify {
            let (front, level1) = tokio::task::spawn_blocking(move || photo(0, 0, 1000 + n as u64))
                .await
                .map_err(|e| e.to_string())??;
            prepared.push(
                client
                    .prepare(100_000 + n, &front, &selfie, &level1)
                    .await?,
            );
        }
        let started = Instant::now();
        for id in &prepared {
            client
                .expect(
                    client
                        .http
                        .post(client.url(&format!("/v1/applicants/{id}/submit"))),
                    202,
                )
                .await?;
        }
        let statuses = wait_all_decided(&client, &prepared, Duration::from_secs(3600)).await?;
        let elapsed = started.elapsed();
        let approved = statuses.iter().filter(|s| *s == "approved").count();
        json!({
            "submissions": prepared.len(),
            "approved": approved,
            "seconds": round2(elapsed.as_secs_f64()),
            "per_minute": round2(prepared.len() as f64 / elapsed.as_secs_f64() * 60.0),
        })
    } else {
        Value::Null
    };

    Ok(json!({
        "url": args.url,
        "concurrency": args.concurrency,
        "prepared": {"applicants": ids.len(), "seconds": round2(prepared_in.as_secs_f64())},
        "submissions": {
            "count": ids.len(),
            "seconds": round2(submit_elapsed.as_secs_f64()),
            "per_second": round2(ids.len() as f64 / submit_elapsed.as_secs_f64()),
            "latency": percentiles(&mut submit_latencies),
        },
        "status_reads": {
            "count": read_count,
            "seconds": round2(read_elapsed.as_secs_f64()),
            "per_second": round2(read_count as f64 / read_elapsed.as_secs_f64()),
            "latency": percentiles(&mut read_latencies),
        },
        "verified": verified,
    }))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

async fn wait_all_decided(
    client: &Client,
    ids: &[String],
    timeout: Duration,
) -> Result<Vec<String>, String> {
    let deadline = Instant::now() + timeout;
    let mut statuses = vec![String::new(); ids.len()];
    loop {
        let mut pending = 0;
        for (i, id) in ids.iter().enumerate() {
            if !statuses[i].is_empty() {
                continue;
            }
            let body = client
                .expect(
                    client.http.get(client.url(&format!("/v1/applicants/{id}"))),
                    200,
                )
                .await?;
            match body["status"].as_str().unwrap_or("") {
                "submitted" | "processing" | "draft" => pending += 1,
                other => statuses[i] = other.to_string(),
            }
        }
        if pending == 0 {
            return Ok(statuses);
        }
        if Instant::now() > deadline {
            return Err(format!("{pending} submissions undecided after {timeout:?}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
