use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;

/// HMAC-SHA256 written out from RFC 2104 on top of the bare hash, independent of the hmac crate.
fn reference_hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner_key: Vec<u8> = block.iter().map(|b| b ^ 0x36).collect();
    let outer_key: Vec<u8> = block.iter().map(|b| b ^ 0x5c).collect();
    let inner = Sha256::new()
        .chain_update(&inner_key)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(&outer_key)
        .chain_update(inner)
        .finalize()
        .into()
}

#[test]
fn reference_hmac_matches_rfc_4231() {
    // RFC 4231, test case 2.
    assert_eq!(
        hex::encode(reference_hmac(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

const SECRET: &[u8] = b"whsec_test_0123456789";
const BODY: &[u8] = br#"{"event":"decision","applicant_id":"a1","status":"approved"}"#;
const T: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

#[test]
fn signature_header_known_answer() {
    let header = signature_header(SECRET, T, BODY);
    let mut message = b"1767225600.".to_vec();
    message.extend_from_slice(BODY);
    let expected = format!(
        "t=1767225600,v1={}",
        hex::encode(reference_hmac(SECRET, &message))
    );
    assert_eq!(header, expected);
    // A key longer than the hash block is hashed first; both sides agree on that too.
    let long_key = [7u8; 100];
    let header = signature_header(&long_key, -5, b"");
    assert_eq!(
        header,
        format!("t=-5,v1={}", hex::encode(reference_hmac(&long_key, b"-5.")))
    );
}

#[test]
fn verification_accepts_the_real_thing_and_nothing_else() {
    let header = signature_header(SECRET, T, BODY);
    assert!(verify_signature(SECRET, &header, BODY, T, 300));
    assert!(verify_signature(SECRET, &header, BODY, T + 300, 300));
    assert!(verify_signature(SECRET, &header, BODY, T - 300, 300));
    // Spaces around elements are tolerated.
    let spaced = header.replace(',', ", ");
    assert!(verify_signature(SECRET, &spaced, BODY, T, 300));

    // Expired, or too far in the future.
    assert!(!verify_signature(SECRET, &header, BODY, T + 301, 300));
    assert!(!verify_signature(SECRET, &header, BODY, T - 301, 300));
    assert!(!verify_signature(SECRET, &header, BODY, T, -1));
    // Another secret, a tampered body, a tampered time (re-signed time with the old MAC).
    assert!(!verify_signature(b"another secret", &header, BODY, T, 300));
    let mut tampered = BODY.to_vec();
    tampered[10] ^= 1;
    assert!(!verify_signature(SECRET, &header, &tampered, T, 300));
    let moved = header.replace("t=1767225600", "t=1767225601");
    assert!(!verify_signature(SECRET, &moved, BODY, T, 300));
    // A flipped signature digit.
    let v1 = header.split("v1=").nth(1).unwrap();
    let flipped_digit = if v1.starts_with('0') { '1' } else { '0' };
    let flipped = format!("t={T},v1={flipped_digit}{}", &v1[1..]);
    assert!(!verify_signature(SECRET, &flipped, BODY, T, 300));

    // Rotation: several v1 values, any one matching is enough; unknown schemes are skipped.
    let old = signature_header(b"old secret", T, BODY);
    let old_v1 = old.split("v1=").nth(1).unwrap();
    let rotated = format!("{header},v1={old_v1},v2=whatever");
    assert!(verify_signature(SECRET, &rotated, BODY, T, 300));
    assert!(verify_signature(b"old secret", &rotated, BODY, T, 300));
}

#[test]
fn malformed_headers_never_verify() {
    let good = signature_header(SECRET, T, BODY);
    let v1 = good.split("v1=").nth(1).unwrap().to_string();
    let cases = [
        String::new(),
        ",".into(),
        "t=".into(),
        format!("v1={v1}"),
        format!("t={T}"),
        format!("t={T},v1="),
        format!("t={T},v1={}", &v1[..63]),
        format!("t={T},v1={v1}0"),
        format!("t={T},v1={}zz", &v1[..62]),
        format!("t={T},t={T},v1={v1}"),
        format!("t=+{T},v1={v1}"),
        format!("t={T}.0,v1={v1}"),
        format!("t= {T},v1={v1}"),
        format!("t=99999999999999999999,v1={v1}"),
        format!("t={T},v1={v1},garbage"),
        format!("t={T};v1={v1}"),
        format!("T={T},V1={v1}"),
        format!("t={T},={v1}"),
        format!("t={T},v1={v1},{}", "x".repeat(5000)),
    ];
    for case in &cases {
        assert!(
            !verify_signature(SECRET, case, BODY, T, 300),
            "{case:?} verified"
        );
    }
    // Extreme times do not overflow.
    let header = signature_header(SECRET, i64::MIN, BODY);
    assert!(!verify_signature(SECRET, &header, BODY, i64::MAX, i64::MAX));
    assert!(verify_signature(SECRET, &header, BODY, i64::MIN, 0));
}

#[test]
fn retry_delays_grow_cap_and_give_up() {
    let zero = Duration::ZERO;
    assert_eq!(retry_delay(1, zero, 1.0), Some(Duration::from_secs(30)));
    assert_eq!(retry_delay(2, zero, 1.0), Some(Duration::from_secs(60)));
    assert_eq!(retry_delay(3, zero, 1.0), Some(Duration::from_secs(120)));
    assert_eq!(retry_delay(0, zero, 1.0), retry_delay(1, zero, 1.0));
    // Jitter takes off at most a quarter, deterministically.
    assert_eq!(
        retry_delay(1, zero, 0.0),
        Some(Duration::from_millis(22_500))
    );
    assert_eq!(
        retry_delay(1, zero, 0.5),
        Some(Duration::from_millis(26_250))
    );
    assert_eq!(retry_delay(1, zero, f64::NAN), retry_delay(1, zero, 0.0));
    assert_eq!(retry_delay(1, zero, 7.0), retry_delay(1, zero, 1.0));
    assert_eq!(retry_delay(1, zero, -3.0), retry_delay(1, zero, 0.0));

    let mut previous = Duration::ZERO;
    for attempt in 1..=40 {
        for jitter in [0.0, 0.3, 1.0] {
            let delay = retry_delay(attempt, zero, jitter).unwrap();
            assert!(delay <= MAX_RETRY_DELAY, "attempt {attempt}: {delay:?}");
            assert!(delay >= Duration::from_millis(22_500));
        }
        let delay = retry_delay(attempt, zero, 0.5).unwrap();
        assert!(delay >= previous, "attempt {attempt} shrank");
        previous = delay;
    }
    assert_eq!(retry_delay(8, zero, 1.0), Some(MAX_RETRY_DELAY));
    assert_eq!(retry_delay(u32::MAX, zero, 1.0), Some(MAX_RETRY_DELAY));

    // Giving up: the next attempt would land past 24 hours after the first.
    let day = GIVE_UP_AFTER;
    assert_eq!(
        retry_delay(1, day - Duration::from_secs(30), 1.0),
        Some(Duration::from_secs(30))
    );
    assert_eq!(retry_delay(1, day - Duration::from_secs(29), 1.0), None);
    assert_eq!(retry_delay(20, day, 0.0), None);
    assert_eq!(retry_delay(1, Duration::MAX, 0.0), None);

    // A delivery that keeps failing is retried through the day, then abandoned.
    let mut elapsed = Duration::ZERO;
    let mut attempts = 1;
    while let Some(delay) = retry_delay(attempts, elapsed, 0.9) {
        elapsed += delay;
        attempts += 1;
    }
    assert!(
        elapsed <= day && elapsed > day - MAX_RETRY_DELAY,
        "{elapsed:?}"
    );
    assert!((25..40).contains(&attempts), "{attempts} attempts");
}

/// One request as a test server saw it.
#[derive(Debug, Clone, Default)]
struct Received {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A one-purpose HTTP/1.1 server: answers every request with `status` (and `extra` headers),
/// recording each request. With `status` 0 it reads the request and never answers.
async fn http_server(status: u16, extra: &'static str) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/hooks/kycd?token=abc",
        listener.local_addr().unwrap()
    );
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                let head_end = loop {
                    if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i;
                    }
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
                let mut lines = head.split("\r\n");
                let mut request = Received {
                    request_line: lines.next().unwrap_or("").to_string(),
                    ..Received::default()
                };
                for line in lines {
                    if let Some((key, value)) = line.split_once(':') {
                        request
                            .headers
                            .push((key.trim().to_string(), value.trim().to_string()));
                    }
                }
                let length: usize = request
                    .header("content-length")
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0);
                let mut body = buffer[head_end + 4..].to_vec();
                while body.len() < length {
                    match stream.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => body.extend_from_slice(&chunk[..n]),
                    }
                }
                request.body = body;
                log.lock().unwrap().push(request);
                if status == 0 {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    return;
                }
                let response = format!(
                    "HTTP/1.1 {status} Whatever\r\n{extra}Content-Length: 2\r\nConnection: close\r\n\r\nok"
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (url, received)
}

#[tokio::test]
async fn post_delivers_a_signed_request_and_returns_the_status() {
    let client = WebhookClient::new().unwrap();
    for status in [200u16, 204, 500] {
        let (url, received) = http_server(status, "").await;
        let now = T + 42;
        let answer = client
            .post(&url, SECRET, "evt_0001", BODY, now)
            .await
            .unwrap();
        assert_eq!(answer, status);
        let requests = received.lock().unwrap().clone();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.request_line, "POST /hooks/kycd?token=abc HTTP/1.1");
        assert_eq!(request.body, BODY);
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("kycd-event-id"), Some("evt_0001"));
        let user_agent = request.header("user-agent").unwrap();
        assert_eq!(
            user_agent,
            format!("kycd-webhooks/{}", env!("CARGO_PKG_VERSION"))
        );
        let signature = request.header("kycd-signature").unwrap();
        assert!(signature.starts_with(&format!("t={now},v1=")));
        assert!(verify_signature(
            SECRET,
            signature,
            &request.body,
            now + 10,
            300
        ));
        assert!(!verify_signature(
            b"wrong",
            signature,
            &request.body,
            now,
            300
        ));
    }
}

#[tokio::test]
async fn post_does_not_follow_redirects() {
    let client = WebhookClient::new().unwrap();
    let (url, received) = http_server(302, "Location: http://127.0.0.1:9/elsewhere\r\n").await;
    assert_eq!(
        client.post(&url, SECRET, "evt_2", BODY, T).await.unwrap(),
        302
    );
    assert_eq!(received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn network_failures_and_timeouts_are_errors() {
    let client = WebhookClient::with_timeout(Duration::from_millis(300)).unwrap();
    let (url, received) = http_server(0, "").await;
    match client.post(&url, SECRET, "evt_3", BODY, T).await {
        Err(NotifyError::Http(text)) => {
            assert!(text.contains("timed out"), "{text}");
            assert!(
                !text.contains("token=abc"),
                "the URL stays out of errors: {text}"
            );
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(received.lock().unwrap().len(), 1);

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{closed}/hook");
    assert!(matches!(
        client.post(&url, SECRET, "evt_4", BODY, T).await,
        Err(NotifyError::Http(_))
    ));
}

#[tokio::test]
async fn unusable_urls_and_event_ids_are_config_errors() {
    let client = WebhookClient::new().unwrap();
    for url in [
        "not a url",
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "",
    ] {
        assert!(
            matches!(
                client.post(url, SECRET, "evt", BODY, T).await,
                Err(NotifyError::Config(_))
            ),
            "{url}"
        );
    }
    assert!(matches!(
        client
            .post(
                "http://127.0.0.1:9/",
                SECRET,
                "evt\r\nX-Injected: 1",
                BODY,
                T
            )
            .await,
        Err(NotifyError::Config(_))
    ));
}
