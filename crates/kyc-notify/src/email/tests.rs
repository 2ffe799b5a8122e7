use std::time::Duration;

use kyc_core::{ApplicantReason, DecisionStatus, Finding, Lang, Policy, ReasonCode, decide};

use super::*;
use crate::testing::{SmtpSink, parse_email};

const STATUS_URL: &str = "https://verify.example.com/status/abc?lang=fr&t=1";
const STATUS_URL_HTML: &str = "https://verify.example.com/status/abc?lang=fr&amp;t=1";

const ALL_STATUSES: [DecisionStatus; 4] = [
    DecisionStatus::Approved,
    DecisionStatus::ResubmissionRequested,
    DecisionStatus::Rejected,
    DecisionStatus::InReview,
];

/// Findings whose decision under the default policy has `status`.
fn findings_for(status: DecisionStatus) -> Vec<Finding> {
    let codes: &[ReasonCode] = match status {
        DecisionStatus::Approved => &[],
        DecisionStatus::ResubmissionRequested => &[ReasonCode::ImageBlurry, ReasonCode::ImageGlare],
        DecisionStatus::Rejected => &[ReasonCode::Underage, ReasonCode::ImageBlurry],
        DecisionStatus::InReview => &[ReasonCode::WatchlistMatch, ReasonCode::SystemError],
    };
    codes.iter().map(|&code| Finding::new(code)).collect()
}

/// The applicant reasons of a real decision with `status`, in `lang`.
fn reasons_for(status: DecisionStatus, lang: Lang) -> Vec<ApplicantReason> {
    let decision = decide(&findings_for(status), &Policy::default());
    assert_eq!(
        decision.status, status,
        "the fixture's findings give {status:?}"
    );
    decision.applicant_reasons(lang)
}

fn email_for(status: DecisionStatus, lang: Lang) -> (Email, Vec<ApplicantReason>) {
    let reasons = reasons_for(status, lang);
    (decision_email(lang, status, &reasons, STATUS_URL), reasons)
}

#[test]
fn every_language_and_status_gives_a_complete_email() {
    for lang in Lang::ALL {
        for status in ALL_STATUSES {
            let (email, reasons) = email_for(status, lang);
            let what = format!("{lang} {}", status.as_str());
            assert!(!email.subject.trim().is_empty(), "{what}: empty subject");
            assert!(!email.text.trim().is_empty(), "{what}: empty text");
            assert!(!email.html.trim().is_empty(), "{what}: empty HTML");
            assert!(
                email
                    .html
                    .contains(&format!("<html lang=\"{}\">", lang.tag())),
                "{what}"
            );
            let w = WORDINGS.get(lang);
            assert!(
                email.text.contains(w.greeting) && email.text.contains(w.closing),
                "{what}"
            );
            // The link back is in both bodies for every status.
            assert!(
                email.text.contains(STATUS_URL),
                "{what}: no status URL in the text"
            );
            assert!(
                email.html.contains(&format!("href=\"{STATUS_URL_HTML}\"")),
                "{what}: no escaped status link in the HTML"
            );
            assert!(
                !email.html.contains(STATUS_URL),
                "{what}: unescaped URL in the HTML"
            );
            // Reason codes are never shown, whatever the status.
            for code in ReasonCode::ALL {
                assert!(
                    !email.text.contains(code.as_str()),
                    "{what}: shows {code:?}"
                );
                assert!(
                    !email.html.contains(code.as_str()),
                    "{what}: shows {code:?}"
                );
            }
            match status {
                DecisionStatus::ResubmissionRequested | DecisionStatus::Rejected => {
                    assert!(!reasons.is_empty(), "{what}: the fixture has reasons");
                    for reason in &reasons {
                        for piece in [reason.message, reason.remedy] {
                            assert!(email.text.contains(piece), "{what}: text lacks {piece:?}");
                            assert!(
                                email.html.contains(&escape_html(piece)),
                                "{what}: HTML lacks {piece:?}"
                            );
                        }
                    }
                    assert!(email.text.contains(w.what_to_do), "{what}");
                }
                DecisionStatus::Approved => {
                    assert!(reasons.is_empty());
                    assert!(!email.text.contains(w.what_to_do), "{what}");
                }
                DecisionStatus::InReview => {
                    assert!(
                        !reasons.is_empty(),
                        "{what}: the fixture has a neutral reason"
                    );
                    assert!(!email.text.contains(w.what_to_do), "{what}: lists reasons");
                    // SYSTEM_ERROR is explained to applicants elsewhere, but an in-review e-mail
                    // stays neutral.
                    for reason in &reasons {
                        assert!(
                            !email.text.contains(reason.remedy),
                            "{what}: names a reason"
                        );
                    }
                }
            }
            let link = if status == DecisionStatus::ResubmissionRequested {
                w.link_resubmit
            } else {
                w.link_status
            };
            assert!(email.text.contains(link), "{what}: no link label");
            assert_eq!(
                email.text.contains(w.appeal),
                status == DecisionStatus::Rejected,
                "{what}: appeal text"
            );
        }
    }
}

#[test]
fn subject_follows_the_status() {
    let en = WORDINGS.get(Lang::En);
    let subject = |status| email_for(status, Lang::En).0.subject;
    assert_eq!(subject(DecisionStatus::Approved), en.subject_approved);
    assert_eq!(
        subject(DecisionStatus::ResubmissionRequested),
        en.subject_resubmission
    );
    assert_eq!(subject(DecisionStatus::Rejected), en.subject_rejected);
    assert_eq!(subject(DecisionStatus::InReview), en.subject_in_review);
    let ja = decision_email(Lang::Ja, DecisionStatus::Approved, &[], STATUS_URL);
    assert_eq!(ja.subject, WORDINGS.get(Lang::Ja).subject_approved);
}

#[test]
fn reasons_are_escaped_in_html_and_verbatim_in_text() {
    let reasons = [ApplicantReason {
        code: Some(ReasonCode::ImageBlurry),
        message: "<script>alert(\"x\")</script>",
        remedy: "Tom & Jerry's <b>remedy</b>",
        retry: true,
    }];
    let email = decision_email(
        Lang::En,
        DecisionStatus::ResubmissionRequested,
        &reasons,
        "https://x.example/s?a=1&b=\"><script>",
    );
    assert!(!email.html.contains("<script>"), "{}", email.html);
    assert!(!email.html.contains("<b>remedy"));
    assert!(
        email
            .html
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    );
    assert!(
        email
            .html
            .contains("Tom &amp; Jerry&#39;s &lt;b&gt;remedy&lt;/b&gt;")
    );
    assert!(
        email
            .html
            .contains("href=\"https://x.example/s?a=1&amp;b=&quot;&gt;&lt;script&gt;\"")
    );
    assert!(email.text.contains("<script>alert(\"x\")</script>"));
    assert!(email.text.contains("Tom & Jerry's <b>remedy</b>"));
}

#[test]
fn escaper_escapes_the_five_characters_and_nothing_else() {
    assert_eq!(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
    assert_eq!(escape_html("&amp;"), "&amp;amp;");
    assert_eq!(escape_html("Ünïcødé 日本 plain"), "Ünïcødé 日本 plain");
    assert_eq!(escape_html(""), "");
}

#[test]
fn only_web_urls_become_links() {
    let email = decision_email(
        Lang::En,
        DecisionStatus::Approved,
        &[],
        "javascript:alert(1)",
    );
    assert!(!email.html.contains("href="), "{}", email.html);
    assert!(email.html.contains("javascript:alert(1)"));
    let email = decision_email(
        Lang::En,
        DecisionStatus::Approved,
        &[],
        "HTTP://a.example/x",
    );
    assert!(email.html.contains("href=\"HTTP://a.example/x\""));
    // Control characters cannot break the text part's lines.
    let email = decision_email(
        Lang::En,
        DecisionStatus::Approved,
        &[],
        "https://a.example/\r\nx",
    );
    assert!(email.text.contains("https://a.example/x\n"));
}

#[test]
fn smtp_urls_parse() {
    let parsed = SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap();
    assert_eq!(
        parsed,
        SmtpUrl {
            security: SmtpSecurity::Plain,
            host: "127.0.0.1".into(),
            port: 2525,
            credentials: None
        }
    );
    let parsed =
        SmtpUrl::parse("smtp+starttls://mailer%40kycd.example:p%3Ass@word@mail.example.com")
            .unwrap();
    assert_eq!(parsed.security, SmtpSecurity::StartTls);
    assert_eq!(parsed.host, "mail.example.com");
    assert_eq!(parsed.port, 587);
    assert_eq!(
        parsed.credentials,
        Some(("mailer@kycd.example".into(), "p:ss@word".into()))
    );
    let parsed = SmtpUrl::parse("SMTPS://u:p@[::1]:4650/").unwrap();
    assert_eq!(
        (parsed.security, parsed.host.as_str(), parsed.port),
        (SmtpSecurity::Tls, "::1", 4650)
    );
    assert_eq!(
        SmtpUrl::parse("smtps://mail.example.com").unwrap().port,
        465
    );
    assert_eq!(SmtpUrl::parse("smtp://localhost").unwrap().port, 25);

    for bad in [
        "",
        "mail.example.com:25",
        "http://mail.example.com",
        "smtp+tls://mail.example.com",
        "smtp://",
        "smtp://:25",
        "smtp://host:0",
        "smtp://host:99999",
        "smtp://host:+25",
        "smtp://host:port",
        "smtp://host/path",
        "smtp://host?tls=none",
        "smtp://ho st:25",
        "smtp://:secret@host",
        "smtp://user:bad%zzescape@host",
        "smtp://[::1",
        "smtp://[::1]x",
    ] {
        match Mailer::smtp(bad) {
            Err(NotifyError::Config(text)) => {
                assert!(!text.contains("secret") && !text.contains("zz"), "{text}")
            }
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
}

#[test]
fn smtp_relay_debug_hides_credentials() {
    let mailer = Mailer::smtp("smtp+starttls://user:hunter2@mail.example.com").unwrap();
    let debug = format!("{mailer:?}");
    assert!(
        debug.contains("mail.example.com") && debug.contains("587"),
        "{debug}"
    );
    assert!(
        !debug.contains("hunter2") && !debug.contains("user"),
        "{debug}"
    );
}

const FROM: &str = "kycd <noreply@kycd.example>";
const TO: &str = "applicant@example.org";

fn check_message(raw: &str, email: &Email, reasons: &[ApplicantReason]) {
    let parsed = parse_email(raw);
    assert_eq!(
        parsed.subject().as_deref(),
        Some(email.subject.as_str()),
        "{raw}"
    );
    assert!(
        parsed
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("multipart/alternative")),
        "{raw}"
    );
    let message_id = parsed.header("Message-ID").expect("a Message-ID");
    assert!(
        message_id.starts_with('<') && message_id.ends_with("@kycd.example>"),
        "{message_id}"
    );
    assert!(parsed.header("Date").is_some_and(|d| !d.is_empty()));
    assert!(parsed.header("To").is_some_and(|to| to.contains(TO)));
    assert_eq!(parsed.parts.len(), 2, "{raw}");
    let text = parsed.text().expect("a text/plain part");
    let html = parsed.html().expect("a text/html part");
    // lettre turns line ends into CRLF; compare with LF.
    let text = text.replace("\r\n", "\n");
    let html = html.replace("\r\n", "\n");
    assert_eq!(text.trim_end(), email.text.trim_end());
    assert_eq!(html.trim_end(), email.html.trim_end());
    for reason in reasons {
        assert!(text.contains(reason.remedy) && text.contains(reason.message));
        assert!(html.contains(&escape_html(reason.remedy)));
    }
}

#[tokio::test]
async fn sends_through_a_real_smtp_server() {
    let (addr, sink) = SmtpSink::start();
    let mailer = Mailer::smtp(&format!("smtp://{addr}")).unwrap();
    for lang in [Lang::En, Lang::Ja, Lang::Ru] {
        sink.clear();
        let (email, reasons) = email_for(DecisionStatus::ResubmissionRequested, lang);
        mailer.send(FROM, TO, &email).await.unwrap();
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].from, "noreply@kycd.example");
        assert_eq!(messages[0].to, [TO]);
        assert_eq!(messages[0].credentials, None);
        check_message(&messages[0].data, &email, &reasons);
    }
}

#[tokio::test]
async fn authenticates_with_the_urls_credentials() {
    let (addr, sink) = SmtpSink::start();
    let mailer = Mailer::smtp(&format!("smtp://mailer%40kycd.example:s3cr%3At@{addr}")).unwrap();
    let (email, _) = email_for(DecisionStatus::Approved, Lang::Fr);
    mailer.send(FROM, TO, &email).await.unwrap();
    let messages = sink.wait_for(1, Duration::from_secs(5));
    assert_eq!(
        messages[0].credentials,
        Some(("mailer@kycd.example".to_string(), "s3cr:t".to_string()))
    );
}

#[tokio::test]
async fn refusals_and_unreachable_relays_are_errors_without_addresses() {
    let (addr, sink) = SmtpSink::start();
    sink.reject_recipients(Some(550));
    let mailer = Mailer::smtp(&format!("smtp://{addr}")).unwrap();
    let (email, _) = email_for(DecisionStatus::Rejected, Lang::En);
    match mailer.send(FROM, TO, &email).await {
        Err(NotifyError::Smtp(text)) => {
            assert!(text.contains("550"), "{text}");
            assert!(!text.contains("applicant") && !text.contains('@'), "{text}");
        }
        other => panic!("expected an SMTP error, got {other:?}"),
    }
    assert!(sink.messages().is_empty());

    // A port nobody listens on: bind one, then free it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mailer = Mailer::smtp(&format!("smtp://{closed}")).unwrap();
    assert!(matches!(
        mailer.send(FROM, TO, &email).await,
        Err(NotifyError::Smtp(_))
    ));
}

#[tokio::test]
async fn invalid_addresses_are_message_errors_that_do_not_repeat_them() {
    let mailer = Mailer::folder(std::env::temp_dir().join("kyc-notify-never-written"));
    let (email, _) = email_for(DecisionStatus::Approved, Lang::En);
    for (from, to) in [
        ("not an address", TO),
        (FROM, "jane.doe at example"),
        (FROM, ""),
    ] {
        match mailer.send(from, to, &email).await {
            Err(NotifyError::Message(text)) => {
                assert!(!text.contains("jane") && !text.contains("not an"), "{text}")
            }
            other => panic!("{from:?} → {to:?} gave {other:?}"),
        }
    }
}

#[tokio::test]
async fn folder_mailer_writes_one_parseable_eml_per_message() {
    let root = std::env::temp_dir().join(format!("kyc-notify-test-{}", uuid::Uuid::new_v4()));
    let dir = root.join("outbox").join("mail");
    let mailer = Mailer::folder(&dir);
    let mut sent = Vec::new();
    for (i, lang) in [Lang::Ko, Lang::Es].into_iter().enumerate() {
        let (email, reasons) = email_for(DecisionStatus::ResubmissionRequested, lang);
        mailer.send(FROM, TO, &email).await.unwrap();
        sent.push((email, reasons));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.len(),
            i + 1,
            "exactly one file per message, no leftovers: {names:?}"
        );
        assert!(
            names
                .iter()
                .all(|name| name.ends_with(".eml") && !name.starts_with('.'))
        );
    }
    let mut raws: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert_eq!(raws.len(), 2);
    // Match files to e-mails by subject (file order is not guaranteed).
    for (email, reasons) in &sent {
        let index = raws
            .iter()
            .position(|raw| parse_email(raw).subject().as_deref() == Some(email.subject.as_str()))
            .expect("a file with this subject");
        let raw = raws.remove(index);
        assert!(raw.contains("\r\n"), "RFC 5322 line ends");
        check_message(&raw, email, reasons);
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn eml_is_the_full_message() {
    let (email, reasons) = email_for(DecisionStatus::Rejected, Lang::ZhCn);
    let raw = String::from_utf8(eml(FROM, TO, &email).unwrap()).unwrap();
    check_message(&raw, &email, &reasons);
}
