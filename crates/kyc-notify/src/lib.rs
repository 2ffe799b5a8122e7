//! # kyc-notify — telling people what was decided
//!
//! kycd tells two audiences about a decision, and this crate holds both channels:
//!
//! * [`email`] — the **applicant's** decision e-mail. [`email::decision_email`] is a pure
//!   function from (language, status, reasons, status-page link) to a subject, a plain-text body
//!   and an HTML body. The wrapper wording (greeting, one sentence per status, "what to do", the
//!   link label, the closing line) lives in one table, `email/texts.rs`, with one field per
//!   language so a missing translation does not compile; the reasons' messages and remedies are
//!   never written here — they come from kyc-core's catalogue through
//!   `Decision::applicant_reasons`, which already replaced reasons that must not be explained by
//!   the neutral "additional review" text. An in-review e-mail lists no reason at all. Everything
//!   interpolated into the HTML is escaped. [`email::Mailer`] delivers the e-mail, built with
//!   lettre as a `multipart/alternative` (text + HTML) message with a Message-ID and a Date,
//!   either to an SMTP relay (plain for a local relay, STARTTLS, or implicit TLS) or as `.eml`
//!   files in a folder (for development and for deployments whose mail leaves by another way).
//! * [`webhook`] — the **operator's** signed webhooks. The body is signed with HMAC-SHA256 over
//!   `"{unix_time}.{body}"` and the header reads `Kycd-Signature: t=<unix>,v1=<hex>`, so a
//!   receiver can check both the origin and the freshness ([`webhook::verify_signature`] is the
//!   reference implementation, constant-time). [`webhook::WebhookClient`] makes one delivery
//!   attempt (10 s timeout, no redirects); the retry schedule ([`webhook::retry_delay`]:
//!   exponential from 30 s, capped at an hour, jittered, given up after 24 hours) is a pure
//!   function, so the queue that stores attempts (kyc-store's outbox) owns the clock.
//!
//! What this crate does not do: keep state, read a clock for anything a caller can pass in, or log.
//! Its errors never carry an e-mail address (SMTP replies that echo one are redacted), so a
//! caller may log them as they are.
//!
//! With the `test-smtp` feature, [`testing`] provides a small real SMTP server (`SmtpSink`) that
//! captures messages, and a MIME reader to look into them, for black-box tests of the service.

pub mod email;
pub mod webhook;

#[cfg(any(test, feature = "test-smtp"))]
pub mod testing;

pub use email::{Email, Mailer, decision_email};
pub use webhook::{WebhookClient, retry_delay, signature_header, verify_signature};

/// Why a notification could not be built or delivered. The texts carry no e-mail address.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// A mailer URL, webhook URL or similar setting is unusable.
    #[error("notification settings: {0}")]
    Config(String),
    /// The SMTP relay could not be reached or refused the message.
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    /// The webhook request could not be made (network error, timeout).
    #[error("webhook HTTP: {0}")]
    Http(String),
    /// The message could not be built (an invalid address, for example).
    #[error("message: {0}")]
    Message(String),
}

/// Replaces every word that contains an `@` (an address, perhaps in angle brackets) by
/// `<redacted>`, so that server replies such as `550 5.1.1 <someone@example.com>: unknown user`
/// can go into an error that may be logged.
pub(crate) fn redact_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.contains('@') {
            out.push_str("<redacted>");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_addresses_and_keeps_the_rest() {
        let redacted =
            redact_addresses("permanent error (550): 5.1.1 <jane.doe@example.com>: unknown user");
        assert_eq!(
            redacted,
            "permanent error (550): 5.1.1 <redacted> unknown user"
        );
        assert!(!redacted.contains("jane"));
        assert_eq!(redact_addresses("no address here"), "no address here");
        assert_eq!(redact_addresses("a@b\nc"), "<redacted>\nc");
    }
}
