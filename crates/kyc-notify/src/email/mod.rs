//! The applicant's decision e-mail: composing it ([`decision_email`], pure) and delivering it
//! ([`Mailer`]: an SMTP relay or a folder of `.eml` files).

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kyc_core::{ApplicantReason, DecisionStatus, Lang};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::io::AsyncWriteExt;

use crate::{NotifyError, redact_addresses};

#[cfg(test)]
mod tests;
mod texts;

use texts::WORDINGS;

/// A composed e-mail: its subject and the same content as plain text and as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The applicant's decision e-mail, in their language, as plain text and HTML. Pure.
///
/// * `approved` — the verification went through; nothing to do.
/// * `resubmission_requested` — every reason with its message and remedy, and the link back to
///   make a new attempt.
/// * `rejected` — every reason with its message and remedy, how to appeal, and the link.
/// * `in_review` — a neutral text; no reason is listed, whatever `reasons` holds.
///
/// `reasons` come from `kyc_core::Decision::applicant_reasons(lang)`, where reasons that must not
/// be explained are already replaced by the neutral text; reason codes are never shown.
/// `status_url` is the applicant's status page, where they resubmit or appeal: it appears in
/// both bodies (in the HTML as a link only when it is `http(s)://`, and escaped either way).
pub fn decision_email(
    lang: Lang,
    status: DecisionStatus,
    reasons: &[ApplicantReason],
    status_url: &str,
) -> Email {
    let w = WORDINGS.get(lang);
    let (subject, lead, link_label) = match status {
        DecisionStatus::Approved => (w.subject_approved, w.approved, w.link_status),
        DecisionStatus::ResubmissionRequested => {
            (w.subject_resubmission, w.resubmission, w.link_resubmit)
        }
        DecisionStatus::Rejected => (w.subject_rejected, w.rejected, w.link_status),
        DecisionStatus::InReview => (w.subject_in_review, w.in_review, w.link_status),
    };
    let listed: &[ApplicantReason] = match status {
        DecisionStatus::ResubmissionRequested | DecisionStatus::Rejected => reasons,
        DecisionStatus::Approved | DecisionStatus::InReview => &[],
    };
    let appeal = (status == DecisionStatus::Rejected).then_some(w.appeal);
    // The URL is the caller's, but keep it on one line in the text part whatever it holds.
    let url_line: String = status_url.chars().filter(|c| !c.is_control()).collect();

    // Writing into a String cannot fail; the results are ignored for that reason.
    let mut text = String::new();
    let _ = write!(text, "{}\n\n{}\n\n", w.greeting, lead);
    if !listed.is_empty() {
        let _ = write!(text, "{}\n\n", w.what_to_do);
        for reason in listed {
            let _ = write!(text, "- {}\n  {}\n\n", reason.message, reason.remedy);
        }
    }
    if let Some(appeal) = appeal {
        let _ = write!(text, "{appeal}\n\n");
    }
    // Label and link on lines of their own: no colon, whose spacing differs by language.
    let _ = write!(text, "{link_label}\n{url_line}\n\n-- \n{}\n", w.closing);

    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:24px;font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff\">\n\
         <div style=\"max-width:600px;margin:0 auto\">\n<p>{greeting}</p>\n<p>{lead}</p>\n",
        lang = escape_html(lang.tag()),
        title = escape_html(subject),
        greeting = escape_html(w.greeting),
        lead = escape_html(lead),
    );
    if !listed.is_empty() {
        let _ = write!(
            html,
            "<h2 style=\"font-size:18px;margin:24px 0 8px\">{}</h2>\n<ul style=\"padding-left:20px\">\n",
            escape_html(w.what_to_do)
        );
        for reason in listed {
            let _ = write!(
                html,
                "<li style=\"margin-bottom:12px\"><strong>{}</strong><br>\n{}</li>\n",
                escape_html(reason.message),
                escape_html(reason.remedy)
            );
        }
        html.push_str("</ul>\n");
    }
    if let Some(appeal) = appeal {
        let _ = writeln!(html, "<p>{}</p>", escape_html(appeal));
    }
    let url = escape_html(&url_line);
    if is_web_link(&url_line) {
        let _ = write!(
            html,
            "<p style=\"margin:24px 0\"><a href=\"{url}\" style=\"display:inline-block;padding:10px 18px;border-radius:6px;background:#1a56db;color:#ffffff;text-decoration:none\">{label}</a></p>\n\
             <p style=\"font-size:13px;color:#555555;word-break:break-all\">{url}</p>\n",
            label = escape_html(link_label),
        );
    } else {
        let _ = write!(
            html,
            "<p>{label}<br>\n<span style=\"word-break:break-all\">{url}</span></p>\n",
            label = escape_html(link_label),
        );
    }
    let _ = write!(
        html,
        "<p style=\"margin-top:32px;font-size:13px;color:#555555\">{}</p>\n</div>\n</body>\n</html>\n",
        escape_html(w.closing)
    );

    Email {
        subject: subject.to_string(),
        text,
        html,
    }
}

fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"`, `'`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The full RFC 5322 message for `email`: `multipart/alternative` with the text and HTML parts,
/// a Message-ID (`<random@sender's domain>`) and a Date. `from` and `to` are addresses, with or
/// without a display name (`Name <user@example.com>`).
pub fn eml(from: &str, to: &str, email: &Email) -> Result<Vec<u8>, NotifyError> {
    Ok(build_message(from, to, email)?.formatted())
}

fn build_message(from: &str, to: &str, email: &Email) -> Result<Message, NotifyError> {
    // The errors name which address is wrong, never the address itself.
    let from: Mailbox = from
        .parse()
        .map_err(|_| NotifyError::Message("the sender address is not valid".into()))?;
    let to: Mailbox = to
        .parse()
        .map_err(|_| NotifyError::Message("the recipient address is not valid".into()))?;
    let message_id = format!(
        "<{}@{}>",
        uuid::Uuid::new_v4().simple(),
        from.email.domain()
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id))
        .date_now()
        .multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            email.html.clone(),
        ))
        .map_err(|e| NotifyError::Message(redact_addresses(&e.to_string())))
}

/// How an SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// No TLS (`smtp://`): only for a relay on the same host or network, and tests.
    Plain,
    /// STARTTLS required (`smtp+starttls://`, port 587 by default).
    StartTls,
    /// Implicit TLS (`smtps://`, port 465 by default).
    Tls,
}

/// An SMTP relay a [`Mailer`] sends through. Its `Debug` shows the host, port and security,
/// never the credentials.
#[derive(Clone)]
pub struct SmtpRelay {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    host: String,
    port: u16,
    security: SmtpSecurity,
    authenticated: bool,
}

impl SmtpRelay {
    pub fn host(&self) -> &str {
        &self.host
    }
    pub fn port(&self) -> u16 {
        self.port
    }
    pub fn security(&self) -> SmtpSecurity {
        self.security
    }
}

impl fmt::Debug for SmtpRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpRelay")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("authenticated", &self.authenticated)
            .finish()
    }
}

/// Where decision e-mails go.
#[derive(Debug, Clone)]
pub enum Mailer {
    /// An SMTP relay.
    Smtp(SmtpRelay),
    /// A folder that receives one `.eml` file per message.
    Folder(PathBuf),
}

/// How long one SMTP command may take before the attempt fails.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    /// An SMTP relay from a URL: `smtp://host:port` (no TLS, for a local relay or tests),
    /// `smtp+starttls://host:port` (STARTTLS required) or `smtps://host:port` (implicit TLS),
    /// optionally with `user:password@` (percent-encoded) before the host. The port defaults to
    /// 25, 587 and 465. Anything else is an error, whose text does not repeat the URL (it may hold
    /// a password).
    pub fn smtp(url: &str) -> Result<Mailer, NotifyError> {
        let settings = SmtpUrl::parse(url)?;
        let tls = match settings.security {
            SmtpSecurity::Plain => Tls::None,
            SmtpSecurity::StartTls | SmtpSecurity::Tls => {
                let parameters = TlsParameters::new(settings.host.clone()).map_err(|e| {
                    NotifyError::Config(format!(
                        "SMTP TLS settings: {}",
                        redact_addresses(&e.to_string())
                    ))
                })?;
                if settings.security == SmtpSecurity::Tls {
                    Tls::Wrapper(parameters)
                } else {
                    Tls::Required(parameters)
                }
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port)
                .tls(tls)
                .timeout(Some(SMTP_TIMEOUT));
        let authenticated = settings.credentials.is_some();
        if let Some((user, password)) = settings.credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Mailer::Smtp(SmtpRelay {
            transport: builder.build(),
            host: settings.host,
            port: settings.port,
            security: settings.security,
            authenticated,
        }))
    }

    /// A folder that receives each message as an RFC 5322 `.eml` file (the full MIME message).
    /// The folder is created when the first message is written; each file is written under a
    /// temporary dot-name and renamed, so a half-written `.eml` never appears.
    pub fn folder(dir: impl Into<PathBuf>) -> Mailer {
        Mailer::Folder(dir.into())
    }

    /// Sends `email` from `from` to `to` (addresses, optionally with a display name).
    pub async fn send(&self, from: &str, to: &str, email: &Email) -> Result<(), NotifyError> {
        let message = build_message(from, to, email)?;
        match self {
            Mailer::Smtp(relay) => relay
                .transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| NotifyError::Smtp(redact_addresses(&smtp_error_text(&e)))),
            Mailer::Folder(dir) => write_eml(dir, &message.formatted()).await.map(|_| ()),
        }
    }
}

/// lettre's error text with its causes, which say what actually went wrong (a refused
/// connection, a TLS failure).
fn smtp_error_text(error: &lettre::transport::smtp::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Writes `bytes` as a new `.eml` file in `dir` (created if missing) and returns its path.
async fn write_eml(dir: &Path, bytes: &[u8]) -> Result<PathBuf, NotifyError> {
    tokio::fs::create_dir_all(dir).await?;
    let id = uuid::Uuid::new_v4().simple();
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let path = dir.join(format!("{stamp}-{id}.eml"));
    let temporary = dir.join(format!(".{id}.eml.tmp"));
    let written = async {
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temporary, &path).await
    }
    .await;
    if let Err(e) = written {
        let _ = tokio::fs::remove_file(&temporary).await;
        return Err(e.into());
    }
    Ok(path)
}

/// A parsed SMTP URL.
#[derive(Debug, PartialEq, Eq)]
struct SmtpUrl {
    security: SmtpSecurity,
    host: String,
    port: u16,
    credentials: Option<(String, String)>,
}

impl SmtpUrl {
    fn parse(url: &str) -> Result<SmtpUrl, NotifyError> {
        let bad = |why: &str| NotifyError::Config(format!("SMTP URL: {why}"));
        let url = url.trim();
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| bad("expected smtp://, smtp+starttls:// or smtps://"))?;
        let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
            "smtp" => (SmtpSecurity::Plain, 25),
            "smtp+starttls" => (SmtpSecurity::StartTls, 587),
            "smtps" => (SmtpSecurity::Tls, 465),
            _ => return Err(bad("the scheme must be smtp, smtp+starttls or smtps")),
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#']) {
            return Err(bad("a path, query or fragment is not allowed"));
        }
        let (userinfo, hostport) = match rest.rsplit_once('@') {
            Some((userinfo, hostport)) => (Some(userinfo), hostport),
            None => (None, rest),
        };
        let credentials = match userinfo {
            None => None,
            Some(userinfo) => {
                let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
                let user = percent_decode(user)
                    .ok_or_else(|| bad("the user name is not valid percent-encoding"))?;
                let password = percent_decode(password)
                    .ok_or_else(|| bad("the password is not valid percent-encoding"))?;
                if user.is_empty() {
                    return Err(bad("the user name is empty"));
                }
                Some((user, password))
            }
        };
        let (host, port) = if let Some(bracketed) = hostport.strip_prefix('[') {
            let (host, after) = bracketed
                .split_once(']')
                .ok_or_else(|| bad("unclosed [ in the host"))?;
            let port = match after {
                "" => None,
                _ => Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| bad("unexpected text after the host"))?,
                ),
            };
            (host, port)
        } else {
            match hostport.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (hostport, None),
            }
        };
        if host.is_empty()
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
        {
            return Err(bad("the host is missing or not valid"));
        }
        let port = match port {
            None => default_port,
            Some(text) => match text.parse::<u16>() {
                Ok(port) if port != 0 && text.bytes().all(|b| b.is_ascii_digit()) => port,
                _ => return Err(bad("the port is not valid")),
            },
        };
        Ok(SmtpUrl {
            security,
            host: host.to_string(),
            port,
            credentials,
        })
    }
}

/// Decodes `%XX` escapes (UTF-8); `None` on a broken escape or invalid UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
