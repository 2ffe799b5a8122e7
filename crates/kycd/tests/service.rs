//! Black-box tests of `kycd serve` over HTTP, on SQLite and on PostgreSQL: one end-to-end
//! scenario per failure the exchanges' help pages name, each asserting the reason code, the
//! applicant's text and the e-mail; an internal failure that ends in review; idempotency,
//! authentication and webhooks. Specimen documents come from kyc-specimen, the selfie is a
//! public-domain portrait from `assets/portraits`.

mod support;

use std::time::Duration;

use kyc_core::{Lang, ReasonCode, spec};
use kyc_notify::testing::SmtpSink;
use kyc_specimen::{Defect, FrameSize, Kind, SpecimenRequest, Truth};
use serde_json::{Value, json};
use support::*;

const DECISION_TIMEOUT: Duration = Duration::from_secs(240);

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// A specimen's pictures (front, then back when the kind has one) and its truth.
fn specimen(kind: Kind, seed: u64, defects: &[Defect], expired: bool) -> (Vec<Vec<u8>>, Truth) {
    let (pictures, truth, _) = specimen_with_corners(kind, seed, defects, expired);
    (pictures, truth)
}

/// [`specimen`], with the front's document corners (top-left, top-right, bottom-right,
/// bottom-left, in image pixels).
fn specimen_with_corners(
    kind: Kind,
    seed: u64,
    defects: &[Defect],
    expired: bool,
) -> (Vec<Vec<u8>>, Truth, [[f32; 2]; 4]) {
    let mut request = SpecimenRequest::new(kind, seed, today());
    request.defects = defects.to_vec();
    request.expired = expired;
    request.frame = FrameSize::Fixed {
        width: 1600,
        height: 1200,
    };
    let specimen = kyc_specimen::generate(&request).expect("specimen");
    let corners = specimen.images[0].document_corners;
    (
        specimen.images.into_iter().map(|i| i.bytes).collect(),
        specimen.truth,
        corners,
    )
}

/// The photo with the document's data covered (as by a thumb or a sticker): everything right
/// of the portrait and below the title, MRZ included, painted over in paper white.
fn cover_key_data(jpeg: &[u8], corners: [[f32; 2]; 4]) -> Vec<u8> {
    let mut image = image::load_from_memory(jpeg).expect("decode").to_rgb8();
    let at = |u: f32, v: f32| {
        let top = [
            corners[0][0] + (corners[1][0] - corners[0][0]) * u,
            corners[0][1] + (corners[1][1] - corners[0][1]) * u,
        ];
        let bottom = [
            corners[3][0] + (corners[2][0] - corners[3][0]) * u,
            corners[3][1] + (corners[2][1] - corners[3][1]) * u,
        ];
        [
            top[0] + (bottom[0] - top[0]) * v,
            top[1] + (bottom[1] - top[1]) * v,
        ]
    };
    let steps = 900;
    for i in 0..=steps {
        for j in 0..=steps {
            let u = 0.3 + 0.68 * i as f32 / steps as f32;
            let v = 0.14 + 0.84 * j as f32 / steps as f32;
            let [x, y] = at(u, v);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    let (px, py) = (x as i64 + dx, y as i64 + dy);
                    if px >= 0
                        && py >= 0
                        && (px as u32) < image.width()
                        && (py as u32) < image.height()
                    {
                        image.put_pixel(px as u32, py as u32, image::Rgb([226, 224, 218]));
                    }
                }
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&image)
        .expect("encode");
    out.into_inner()
}

fn level1_of(truth: &Truth, kind: &str) -> Value {
    let id = &truth.identity;
    let address = id
        .address
        .as_ref()
        .map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city))
        .unwrap_or_else(|| "1 Example Street, 10115 Berlin".to_string());
    json!({
        "full_name": format!("{} {}", id.given_names, id.surname),
        "birth_date": id.birth_date.to_string(),
        "nationality": id.nationality,
        "residence_country": id.nationality,
        "address": address,
        "document_type": kind,
        "document_number": id.document_number,
    })
}

/// One scenario: what to upload and declare, and the reason the decision must give.
struct Scenario {
    name: &'static str,
    kind: Kind,
    seed: u64,
    defects: Vec<Defect>,
    expired: bool,
    /// Changes the declared level 1 data.
    declare: fn(&mut Value),
    expect: Option<ReasonCode>,
}

fn no_change(_: &mut Value) {}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Passport => "passport",
        Kind::IdCard => "id_card",
        Kind::DrivingLicence => "driving_licence",
    }
}

/// Creates an applicant, gives level 1, uploads the pictures and the selfie, submits, waits for
/// the decision; returns (applicant id, e-mail, applicant JSON).
async fn run_flow(
    api: &Api,
    label: &str,
    lang: Lang,
    pictures: &[Vec<u8>],
    level1: &Value,
) -> (String, String, Value) {
    let email = format!("{label}-{}@example.com", uuid::Uuid::new_v4().simple());
    let id = api
        .applicant(
            &format!("user-{label}-{}", uuid::Uuid::new_v4().simple()),
            &email,
            lang.tag(),
        )
        .await;
    let reply = api
        .put(&format!("/v1/applicants/{id}/level1"), level1.clone())
        .await;
    assert_eq!(reply.status, 200, "{label}: level 1: {}", reply.body);
    let roles = ["document_front", "document_back"];
    for (picture, role) in pictures.iter().zip(roles) {
        let reply = api.upload(&id, role, picture.clone(), "photo.jpg").await;
        assert_eq!(reply.status, 201, "{label}: upload {role}: {}", reply.body);
    }
    let reply = api
        .upload(&id, "selfie", SELFIE.to_vec(), "selfie.jpg")
        .await;
    assert_eq!(reply.status, 201, "{label}: selfie: {}", reply.body);
    let reply = api
        .post(&format!("/v1/applicants/{id}/submit"), json!({}))
        .await;
    assert_eq!(reply.status, 202, "{label}: submit: {}", reply.body);
    let applicant = api.wait_decided(&id, DECISION_TIMEOUT).await;
    (id, email, applicant)
}

fn reason_codes(applicant: &Value) -> Vec<String> {
    applicant["decision"]["details"]
        .as_array()
        .map(|reasons| {
            reasons
                .iter()
                .filter_map(|r| r["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The decision names `code` with the catalogue's text in `lang`, and the e-mail to `email`
/// carries its remedy.
fn assert_reason(
    label: &str,
    applicant: &Value,
    code: ReasonCode,
    lang: Lang,
    sink: &SmtpSink,
    email: &str,
) {
    let reasons = applicant["decision"]["reasons"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let text = spec(code).applicant_text(lang);
    let shown = reasons
        .iter()
        .find(|r| r["code"].as_str() == Some(code.as_str()))
        .unwrap_or_else(|| {
            panic!("{label}: {code} not among the applicant's reasons: {applicant}")
        });
    assert_eq!(shown["message"].as_str(), Some(text.message), "{label}");
    assert_eq!(shown["remedy"].as_str(), Some(text.remedy), "{label}");
    let mail = wait_email(sink, email, Duration::from_secs(30));
    let body = mail.text().unwrap_or_default();
    assert!(
        body.contains(text.remedy),
        "{label}: e-mail lacks the remedy of {code}: {body}"
    );
    assert!(
        mail.html()
            .unwrap_or_default()
            .contains(&kyc_notify::email::escape_html(text.message)),
        "{label}: HTML e-mail lacks the message of {code}"
    );
}

async fn start_service(
    backend: Backend,
    extra_env: &[(&'static str, String)],
) -> Option<(Kycd, Option<PgDatabase>, SmtpSink)> {
    let (_, sink) = SmtpSink::start();
    let database = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => {
            let admin = postgres_admin_url().await?;
            Some(PgDatabase::create(&admin).await)
        }
    };
    let dir = temp_dir(match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    });
    let mut env: Vec<(&'static str, String)> = vec![
        ("KYCD_SMTP_URL", sink.url()),
        ("KYCD_WORKERS", "2".to_string()),
        ("KYCD_JOB_RETRY_SECONDS", "0".to_string()),
        ("KYCD_JOB_MAX_ATTEMPTS", "2".to_string()),
    ];
    env.extend(extra_env.iter().cloned());
    let kycd = tokio::task::spawn_blocking({
        let url = database.as_ref().map(|d| d.url.clone());
        move || Kycd::start("serve", &dir, url.as_deref(), &env)
    })
    .await
    .unwrap();
    Some((kycd, database, sink))
}

async fn failure_scenarios(backend: Backend) {
    let Some((kycd, _database, sink)) = start_service(backend, &[]).await else {
        return;
    };
    let api = Api::new(
        &kycd.url,
        kycd.api_key.as_deref().expect("first API key printed"),
    );
    let hooks = WebhookReceiver::start().await;
    let reply = api
        .post(
            "/v1/webhooks",
            json!({"url": hooks.url, "secret": "whsec_0123456789abcdef"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let hook_id = reply.body["id"].as_str().unwrap().to_string();
    // An endpoint that is down: its deliveries fail, are logged and retried later.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let down_url = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let reply = api
        .post(
            "/v1/webhooks",
            json!({"url": down_url, "secret": "whsec_fedcba9876543210"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let down_id = reply.body["id"].as_str().unwrap().to_string();

    // Files refused at the upload gate, at once, with the applicant's text.
    let id = api
        .applicant("refusals", "refusals@example.com", "es")
        .await;
    let text_file = b"name,number\n".repeat(200);
    let reply = api
        .upload(&id, "document_front", text_file, "scan.csv")
        .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.body["reasons"][0]["code"], "FILE_FORMAT_UNSUPPORTED");
    assert_eq!(
        reply.body["reasons"][0]["message"].as_str(),
        Some(
            spec(ReasonCode::FileFormatUnsupported)
                .applicant_text(Lang::Es)
                .message
        )
    );
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(6 * 1024 * 1024, 0x55);
    let reply = api.upload(&id, "document_front", huge, "big.jpg").await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.body["reasons"][0]["code"], "FILE_TOO_LARGE");

    let scenarios = vec![
        Scenario {
            name: "approved",
            kind: Kind::Passport,
            seed: 7001,
            defects: vec![],
            expired: false,
            declare: no_change,
            expect: None,
        },
        Scenario {
            name: "blurry",
            kind: Kind::Passport,
            seed: 7002,
            defects: vec![Defect::Blur],
            expired: false,
            declare: no_change,
            expect: Some(ReasonCode::ImageBlurry),
        },
        Scenario {
            name: "glare",
            kind: Kind::Passport,
            seed: 7003,
            defects: vec![Defect::Glare],
            expired: false,
            declare: no_change,
            expect: Some(ReasonCode::ImageGlare),
        },
        Scenario {
            name: "expired",
            kind: Kind::Passport,
            seed: 7004,
            defects: vec![],
            expired: true,
            declare: no_change,
            expect: Some(ReasonCode::DocumentExpired),
        },
        Scenario {
            name: "screenshot",
            kind: Kind::Passport,
            seed: 7005,
            defects: vec![Defect::Screenshot],
            expired: false,
            declare: no_change,
            expect: Some(ReasonCode::Screenshot),
        },
        Scenario {
            name: "photocopy",
            kind: Kind::Passport,
            seed: 7006,
            defects: vec![Defect::Photocopy],
            expired: false,
            declare: no_change,
            expect: Some(ReasonCode::Photocopy),
        },
        Scenario {
            name: "level1-vs-level2",
            kind: Kind::Passport,
            seed: 7007,
            defects: vec![],
            expired: false,
            declare: |l1| l1["document_type"] = json!("id_card"),
            expect: Some(ReasonCode::LevelDataMismatch),
        },
        Scenario {
            name: "declared-name",
            kind: Kind::Passport,
            seed: 7008,
            defects: vec![],
            expired: false,
            declare: |l1| l1["full_name"] = json!("Jonathan Quentin Smithers"),
            expect: Some(ReasonCode::DataMismatchName),
        },
        Scenario {
            name: "declared-birth-date",
            kind: Kind::Passport,
            seed: 7009,
            defects: vec![],
            expired: false,
            declare: |l1| l1["birth_date"] = json!("1970-01-01"),
            expect: Some(ReasonCode::DataMismatchBirthDate),
        },
    ];
    let mut tasks = Vec::new();
    // Key data not visible: the data page's fields and MRZ covered.
    {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            let (pictures, truth) = tokio::task::spawn_blocking(|| {
                let (mut pictures, truth, corners) =
                    specimen_with_corners(Kind::Passport, 7010, &[], false);
                pictures[0] = cover_key_data(&pictures[0], corners);
                (pictures, truth)
            })
            .await
            .unwrap();
            let level1 = level1_of(&truth, "passport");
            let (id, email, applicant) =
                run_flow(&api, "key-data-hidden", Lang::Ru, &pictures, &level1).await;
            (
                "key-data-hidden",
                Some(ReasonCode::DocumentDataIncomplete),
                Lang::Ru,
                id,
                email,
                applicant,
                pictures,
                truth,
            )
        }));
    }
    for scenario in scenarios {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            let (pictures, truth) = tokio::task::spawn_blocking(move || {
                specimen(
                    scenario.kind,
                    scenario.seed,
                    &scenario.defects,
                    scenario.expired,
                )
            })
            .await
            .unwrap();
            let mut level1 = level1_of(&truth, kind_name(scenario.kind));
            (scenario.declare)(&mut level1);
            let lang = if scenario.seed % 2 == 0 {
                Lang::Fr
            } else {
                Lang::En
            };
            let (id, email, applicant) =
                run_flow(&api, scenario.name, lang, &pictures, &level1).await;
            (
                scenario.name,
                scenario.expect,
                lang,
                id,
                email,
                applicant,
                pictures,
                truth,
            )
        }));
    }
    let mut approved = None;
    let mut blurry = None;
    for task in tasks {
        let (name, expect, lang, id, email, applicant, pictures, truth) = task.await.unwrap();
        match expect {
            None => {
                assert_eq!(applicant["status"], "approved", "{name}: {applicant}");
                assert_eq!(applicant["level"], "advanced", "{name}");
                let mail = wait_email(&sink, &email, Duration::from_secs(30));
                assert!(mail.subject().unwrap_or_default().len() > 3);
                let permissions = api.get(&format!("/v1/applicants/{id}/permissions")).await;
                assert_eq!(
                    permissions.body["can_withdraw"], true,
                    "{}",
                    permissions.body
                );
                assert_eq!(permissions.body["level"], "advanced");
                approved = Some((pictures, truth));
            }
            Some(code) => {
                let codes = reason_codes(&applicant);
                assert!(
                    codes.iter().any(|c| c == code.as_str()),
                    "{name}: expected {code}, got {codes:?}"
                );
                assert_ne!(applicant["status"], "approved", "{name}");
                assert_reason(name, &applicant, code, lang, &sink, &email);
                if name == "blurry" {
                    assert_eq!(applicant["status"], "resubmission_requested");
                    blurry = Some((id, email, truth));
                }
            }
        }
    }

    // Resubmission: the blurry applicant sends a sharp photo; a second attempt is approved.
    let (id, email, _) = blurry.expect("the blurry scenario ran");
    let (sharp, _) = tokio::task::spawn_blocking(|| specimen(Kind::Passport, 7002, &[], false))
        .await
        .unwrap();
    let reply = api
        .upload(&id, "document_front", sharp[0].clone(), "again.jpg")
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["attempt"], 2);
    let reply = api
        .post(&format!("/v1/applicants/{id}/submit"), json!({}))
        .await;
    assert_eq!(
        reply.status, 409,
        "the selfie of attempt 2 is missing: {}",
        reply.body
    );
    assert_eq!(
        api.upload(&id, "selfie", SELFIE.to_vec(), "s.jpg")
            .await
            .status,
        201
    );
    let reply = api
        .post(&format!("/v1/applicants/{id}/submit"), json!({}))
        .await;
    assert_eq!(reply.status, 202, "{}", reply.body);
    let applicant = api.wait_decided(&id, DECISION_TIMEOUT).await;
    assert_eq!(applicant["status"], "approved", "{applicant}");
    assert_eq!(applicant["attempt"], 2);
    // A decided applicant accepts no change: 409 invalid_state, naming the status.
    let refusals = [
        api.post(&format!("/v1/applicants/{id}/submit"), json!({}))
            .await,
        api.upload(&id, "selfie", SELFIE.to_vec(), "late.jpg").await,
        api.put(&format!("/v1/applicants/{id}/level1"), json!({}))
            .await,
    ];
    for (reply, wording) in refusals.iter().zip([
        "the applicant is approved and cannot submit now",
        "files cannot be uploaded while the applicant is approved",
        "level 1 data cannot change while the applicant is approved",
    ]) {
        assert_eq!(reply.status, 409, "{}", reply.body);
        assert_eq!(
            reply.body["error"]["code"], "invalid_state",
            "{}",
            reply.body
        );
        assert_eq!(reply.body["error"]["message"], wording, "{}", reply.body);
    }
    // The refused upload's file was never read: the server closes that connection, and says
    // so, so the next request (the PUT above) goes down a fresh one.
    assert!(refusals[1].closes, "a refused upload closes its connection");
    assert!(
        !refusals[0].closes,
        "a refused JSON request keeps its connection"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while emails_to(&sink, &email).len() < 2 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(emails_to(&sink, &email).len(), 2, "one e-mail per decision");

    // The same document for a second account: DOCUMENT_ACCOUNT_LIMIT.
    let (pictures, truth) = approved.expect("the approved scenario ran");
    let level1 = level1_of(&truth, "passport");
    let (_, email, applicant) = run_flow(&api, "reuse", Lang::En, &pictures, &level1).await;
    let codes = reason_codes(&applicant);
    assert!(
        codes.iter().any(|c| c == "DOCUMENT_ACCOUNT_LIMIT"),
        "reuse: {codes:?}"
    );
    assert_reason(
        "reuse",
        &applicant,
        ReasonCode::DocumentAccountLimit,
        Lang::En,
        &sink,
        &email,
    );

    // Webhooks: every event signed with the endpoint's secret.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let events = hooks.events();
        let reviewed = events
            .iter()
            .filter(|(t, _, _)| t == "applicant.reviewed")
            .count();
        if reviewed >= 10 || std::time::Instant::now() > deadline {
            assert!(reviewed >= 10, "reviewed events: {reviewed}");
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for (kind, body, signature) in hooks.events() {
        let raw = serde_json::to_vec(&body).unwrap();
        let received = hooks
            .received
            .lock()
            .unwrap()
            .iter()
            .find(|(s, _)| *s == signature)
            .map(|(_, b)| b.clone())
            .unwrap_or(raw);
        assert!(
            kyc_notify::webhook::verify_signature(
                b"whsec_0123456789abcdef",
                &signature,
                &received,
                now,
                600
            ),
            "{kind}: bad signature"
        );
        assert!(
            body["id"].is_string() && body["created_at"].is_string(),
            "{body}"
        );
    }
    let log = api.get(&format!("/v1/webhooks/{hook_id}/deliveries")).await;
    let items = log.body["items"].as_array().cloned().unwrap_or_default();
    assert!(
        items.len() >= 10 && items.iter().all(|d| d["delivered"] == true),
        "{}",
        log.body
    );
    let log = api.get(&format!("/v1/webhooks/{down_id}/deliveries")).await;
    let items = log.body["items"].as_array().cloned().unwrap_or_default();
    assert!(
        !items.is_empty(),
        "no delivery tried to the endpoint that is down"
    );
    assert!(
        items
            .iter()
            .all(|d| d["delivered"] == false && d["error"].is_string()),
        "{}",
        log.body
    );
    let kinds: Vec<String> = hooks.events().into_iter().map(|(k, _, _)| k).collect();
    for expected in [
        "applicant.created",
        "applicant.submitted",
        "applicant.reviewed",
    ] {
        assert!(
            kinds.iter().any(|k| k == expected),
            "no {expected} in {kinds:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failure_scenarios_on_sqlite() {
    failure_scenarios(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failure_scenarios_on_postgres() {
    failure_scenarios(Backend::Postgres).await;
}

/// An internal failure (here: the stored images cannot be decrypted because their files were
/// damaged on disk) is retried, then ends in review with SYSTEM_ERROR — never a rejection.
async fn internal_failure_goes_to_review(backend: Backend) {
    let Some((kycd, _database, sink)) = start_service(backend, &[]).await else {
        return;
    };
    let api = Api::new(&kycd.url, kycd.api_key.as_deref().unwrap());
    let (pictures, truth) =
        tokio::task::spawn_blocking(|| specimen(Kind::Passport, 7101, &[], false))
            .await
            .unwrap();
    let email = "broken@example.com";
    let id = api.applicant("broken", email, "en").await;
    assert_eq!(
        api.put(
            &format!("/v1/applicants/{id}/level1"),
            level1_of(&truth, "passport")
        )
        .await
        .status,
        200
    );
    assert_eq!(
        api.upload(&id, "document_front", pictures[0].clone(), "f.jpg")
            .await
            .status,
        201
    );
    assert_eq!(
        api.upload(&id, "selfie", SELFIE.to_vec(), "s.jpg")
            .await
            .status,
        201
    );
    // Damage every stored blob.
    let blobs = kycd.data_dir.join("blobs");
    let mut damaged = 0;
    for entry in walk(&blobs) {
        let mut bytes = std::fs::read(&entry).unwrap();
        if let Some(last) = bytes.last_mut() {
            *last ^= 0xFF;
            std::fs::write(&entry, bytes).unwrap();
            damaged += 1;
        }
    }
    assert!(
        damaged >= 2,
        "no blob files found under {}",
        blobs.display()
    );
    assert_eq!(
        api.post(&format!("/v1/applicants/{id}/submit"), json!({}))
            .await
            .status,
        202
    );
    let applicant = api.wait_decided(&id, DECISION_TIMEOUT).await;
    assert_eq!(applicant["status"], "in_review", "{applicant}");
    assert!(reason_codes(&applicant).contains(&"SYSTEM_ERROR".to_string()));
    let mail = wait_email(&sink, email, Duration::from_secs(30));
    assert!(!mail.text().unwrap_or_default().contains("SYSTEM_ERROR"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_failure_goes_to_review_on_sqlite() {
    internal_failure_goes_to_review(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_failure_goes_to_review_on_postgres() {
    internal_failure_goes_to_review(Backend::Postgres).await;
}

/// A worker killed in the middle of a job loses nothing: another worker takes the job once
/// the lease runs out, and the applicant gets one decision.
async fn killed_worker_loses_nothing(backend: Backend) {
    let lease = [("KYCD_JOB_LEASE_SECONDS", "3".to_string())];
    let env_api: Vec<(&'static str, String)> =
        vec![("KYCD_WORKERS", "0".to_string()), lease[0].clone()];
    let Some((kycd, database, sink)) = start_service(backend, &env_api).await else {
        return;
    };
    let api = Api::new(&kycd.url, kycd.api_key.as_deref().unwrap());
    let (pictures, truth) =
        tokio::task::spawn_blocking(|| specimen(Kind::Passport, 7201, &[], false))
            .await
            .unwrap();
    let email = "killed@example.com";
    let id = api.applicant("killed", email, "en").await;
    assert_eq!(
        api.put(
            &format!("/v1/applicants/{id}/level1"),
            level1_of(&truth, "passport")
        )
        .await
        .status,
        200
    );
    assert_eq!(
        api.upload(&id, "document_front", pictures[0].clone(), "f.jpg")
            .await
            .status,
        201
    );
    assert_eq!(
        api.upload(&id, "selfie", SELFIE.to_vec(), "s.jpg")
            .await
            .status,
        201
    );
    assert_eq!(
        api.post(&format!("/v1/applicants/{id}/submit"), json!({}))
            .await
            .status,
        202
    );

    let worker_env = vec![
        ("KYCD_SMTP_URL", sink.url()),
        lease[0].clone(),
        ("KYCD_WORKERS", "1".to_string()),
    ];
    let dir = kycd.data_dir.clone();
    let url = database.as_ref().map(|d| d.url.clone());
    let mut first = {
        let (dir, url, env) = (dir.clone(), url.clone(), worker_env.clone());
        tokio::task::spawn_blocking(move || Kycd::start("worker", &dir, url.as_deref(), &env))
            .await
            .unwrap()
    };
    // Wait until the first worker holds the job, then kill it.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let status = api.get(&format!("/v1/applicants/{id}")).await.body["status"].clone();
        if status == "processing" {
            break;
        }
        assert!(
            status == "submitted",
            "unexpected status {status} before the kill"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the worker never took the job"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill();
    assert_eq!(
        api.get(&format!("/v1/applicants/{id}")).await.body["status"],
        "processing"
    );
    let _second = tokio::task::spawn_blocking(move || {
        Kycd::start("worker", &dir, url.as_deref(), &worker_env)
    })
    .await
    .unwrap();
    let applicant = api.wait_decided(&id, DECISION_TIMEOUT).await;
    assert_eq!(applicant["status"], "approved", "{applicant}");
    assert_eq!(applicant["attempt"], 1);
    let mails = emails_to(&sink, email);
    let mail = wait_email(&sink, email, Duration::from_secs(30));
    assert!(mails.len() <= 1 && mail.subject().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_worker_loses_nothing_on_sqlite() {
    killed_worker_loses_nothing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_worker_loses_nothing_on_postgres() {
    killed_worker_loses_nothing(Backend::Postgres).await;
}

/// Authentication, scopes, validation, idempotency and the applicant's own token.
async fn api_contract(backend: Backend) {
    let Some((kycd, _database, _sink)) =
        start_service(backend, &[("KYCD_WORKERS", "0".to_string())]).await
    else {
        return;
    };
    let key = kycd.api_key.clone().unwrap();
    let api = Api::new(&kycd.url, &key);
    let anonymous = Api::new(&kycd.url, "kycd_nope_nope");
    let reply = anonymous.get("/v1/applicants").await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.body["error"]["code"], "unauthenticated");

    let reply = api
        .post(
            "/v1/applicants",
            json!({"external_user_id": "u1", "email": "not-an-email"}),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body["error"]["details"][0]["field"], "email");
    let reply = api
        .post(
            "/v1/applicants",
            json!({"external_user_id": "u1", "email": "a@b.co", "colour": "red"}),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    let reply = api.post("/v1/applicants", json!("nonsense")).await;
    assert_eq!(reply.status, 400);

    // Idempotency: the same key and body replays the first response; another body is refused.
    let body = json!({"external_user_id": "u-idem", "email": "idem@example.com", "language": "ja"});
    let first = api
        .post_with_key("/v1/applicants", body.clone(), "create-u-idem")
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = api
        .post_with_key("/v1/applicants", body.clone(), "create-u-idem")
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body);
    let other = api
        .post_with_key(
            "/v1/applicants",
            json!({"external_user_id": "u-other", "email": "o@example.com"}),
            "create-u-idem",
        )
        .await;
    assert_eq!(other.status, 422);
    assert_eq!(other.body["error"]["code"], "idempotency_key_reused");
    let duplicate = api.post("/v1/applicants", body).await;
    assert_eq!(duplicate.status, 409);
    let id = first.body["id"].as_str().unwrap().to_string();

    // Level 1 validation and checks.
    let reply = api
        .put(
            &format!("/v1/applicants/{id}/level1"),
            json!({"full_name": ""}),
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let minor = json!({
        "full_name": "Anna Eriksson", "birth_date": (today() - time::Duration::days(365 * 15)).to_string(),
        "nationality": "SWE", "residence_country": "SWE", "address": "Storgatan 1, Stockholm",
        "document_type": "passport", "document_number": "AB123456",
    });
    let reply = api.put(&format!("/v1/applicants/{id}/level1"), minor).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body["findings"][0]["code"], "UNDERAGE",
        "{}",
        reply.body
    );
    assert_eq!(
        reply.body["findings"][0]["message"].as_str(),
        Some(spec(ReasonCode::Underage).applicant_text(Lang::Ja).message)
    );
    let permissions = api.get(&format!("/v1/applicants/{id}/permissions")).await;
    assert_eq!(permissions.body["level"], "unverified");
    assert_eq!(permissions.body["can_trade"], false);
    let adult = json!({
        "full_name": "Anna Eriksson", "birth_date": "1990-04-25",
        "nationality": "SWE", "residence_country": "SWE", "address": "Storgatan 1, Stockholm",
        "document_type": "passport", "document_number": "AB123456",
    });
    let reply = api.put(&format!("/v1/applicants/{id}/level1"), adult).await;
    assert_eq!(reply.body["level"], "primary", "{}", reply.body);
    let permissions = api.get(&format!("/v1/applicants/{id}/permissions")).await;
    assert_eq!(permissions.body["can_trade"], true);
    assert_eq!(permissions.body["can_withdraw"], true);

    // Submitting without files says what is missing.
    let reply = api
        .post(&format!("/v1/applicants/{id}/submit"), json!({}))
        .await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.body["error"]["details"]["missing"],
        json!(["document_front", "selfie"])
    );

    // The applicant's token reaches its own record only, and not the backend's routes.
    let token = api
        .post(&format!("/v1/applicants/{id}/access-tokens"), json!({}))
        .await;
    assert_eq!(token.status, 201);
    let applicant_api = Api::new(&kycd.url, token.body["token"].as_str().unwrap());
    assert_eq!(
        applicant_api
            .get(&format!("/v1/applicants/{id}"))
            .await
            .status,
        200
    );
    assert_eq!(applicant_api.get("/v1/applicants").await.status, 403);
    let other = api
        .applicant("someone-else", "else@example.com", "en")
        .await;
    assert_eq!(
        applicant_api
            .get(&format!("/v1/applicants/{other}"))
            .await
            .status,
        403
    );

    // Malformed queries and uploads are answered in JSON too, never in axum's plain text.
    let reply = api.get("/v1/applicants?limit=many").await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.body["error"]["code"], "invalid_request");
    let reply = api
        .post(
            &format!("/v1/applicants/{id}/documents"),
            json!({"file": "x"}),
        )
        .await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert_eq!(reply.body["error"]["code"], "invalid_request");

    // Events are stored.
    let reply = api
        .post(
            &format!("/v1/applicants/{id}/events"),
            json!({"type": "withdrawal", "data": {"amount": "120.50", "asset": "USDT"}}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let reply = api
        .post(
            &format!("/v1/applicants/{id}/events"),
            json!({"type": "teleport"}),
        )
        .await;
    assert_eq!(reply.status, 422);
    let events = api.get(&format!("/v1/applicants/{id}/events")).await;
    assert_eq!(events.body["items"][0]["type"], "withdrawal");

    // The contract is served.
    let doc = api.get("/v1/openapi.json").await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"));
    let missing = api.get("/v1/nothing-here").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["error"]["code"], "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_contract_on_sqlite() {
    api_contract(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_contract_on_postgres() {
    api_contract(Backend::Postgres).await;
}
