//! Test support (feature `test-smtp`): a real SMTP server that captures what it is sent, and a
//! small MIME reader to look into the captured messages.
//!
//! ```no_run
//! # async fn demo() {
//! use kyc_notify::testing::{SmtpSink, parse_email};
//! let (addr, sink) = SmtpSink::start();
//! let mailer = kyc_notify::Mailer::smtp(&format!("smtp://{addr}")).unwrap();
//! // ... send ...
//! let captured = sink.messages();
//! let parsed = parse_email(&captured[0].data);
//! assert!(parsed.text().unwrap().contains("..."));
//! # }
//! ```
//!
//! The server runs on plain threads (not on the caller's async runtime), so it works from any
//! test, async or not, and outlives a test's runtime. It speaks enough of RFC 5321 for lettre
//! and most clients: greeting, `EHLO`/`HELO`, `AUTH PLAIN`/`AUTH LOGIN` (any credentials are
//! accepted and recorded), `MAIL FROM`, `RCPT TO`, `DATA` with dot-unstuffing, `RSET`, `NOOP`,
//! `QUIT`. [`SmtpSink::reject_recipients`] makes it refuse recipients, to test failures. It stops
//! when the [`SmtpSink`] is dropped.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One message the sink accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// The envelope sender (`MAIL FROM`), without angle brackets.
    pub from: String,
    /// The envelope recipients (`RCPT TO`), without angle brackets.
    pub to: Vec<String>,
    /// The message as sent after `DATA`, dot-unstuffed, with CRLF line ends, without the final
    /// `.` line.
    pub data: String,
    /// The user name and password of the session's `AUTH`, if it authenticated.
    pub credentials: Option<(String, String)>,
}

#[derive(Default)]
struct State {
    messages: Mutex<Vec<Captured>>,
    reject_recipients: Mutex<Option<u16>>,
    stop: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running test SMTP server on 127.0.0.1. Dropping it stops the server.
pub struct SmtpSink {
    addr: SocketAddr,
    state: Arc<State>,
}

impl SmtpSink {
    /// Starts a server on a free port of 127.0.0.1. Panics if no port can be bound (test
    /// support: there is nothing sensible to fall back to).
    pub fn start() -> (SocketAddr, SmtpSink) {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a test SMTP port");
        let addr = listener.local_addr().expect("the test SMTP port's address");
        let state = Arc::new(State::default());
        let accept_state = Arc::clone(&state);
        std::thread::Builder::new()
            .name("test-smtp-accept".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if accept_state.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let state = Arc::clone(&accept_state);
                    let _ = std::thread::Builder::new()
                        .name("test-smtp-session".into())
                        .spawn(move || {
                            let _ = session(stream, &state);
                        });
                }
            })
            .expect("spawn the test SMTP thread");
        (addr, SmtpSink { addr, state })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL a [`crate::Mailer`] sends to this server with: `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<Captured> {
        lock(&self.state.messages).clone()
    }

    /// Forgets the messages accepted so far.
    pub fn clear(&self) {
        lock(&self.state.messages).clear();
    }

    /// Waits (blocking, polling) until at least `count` messages arrived or `timeout` passed,
    /// and returns the messages. For servers that send from a background task.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Captured> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() >= deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// From now on answer every `RCPT TO` with `code` (550: permanent, 450: try again later),
    /// or accept again with `None`.
    pub fn reject_recipients(&self, code: Option<u16>) {
        *lock(&self.state.reject_recipients) = code;
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

const HOSTNAME: &str = "kycd-test-smtp";

fn session(stream: TcpStream, state: &State) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    reply(&mut writer, &format!("220 {HOSTNAME} ESMTP ready"))?;

    let mut from: Option<String> = None;
    let mut to: Vec<String> = Vec::new();
    let mut credentials: Option<(String, String)> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || state.stop.load(Ordering::SeqCst) {
            break;
        }
        let command = line.trim_end_matches(['\r', '\n']);
        let upper = command.to_ascii_uppercase();
        let verb = upper.split(' ').next().unwrap_or("");
        match verb {
            "EHLO" => reply(
                &mut writer,
                &format!(
                    "250-{HOSTNAME}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800"
                ),
            )?,
            "HELO" => reply(&mut writer, &format!("250 {HOSTNAME}"))?,
            "AUTH" => {
                let mut words = command.split(' ').skip(1);
                let mechanism = words.next().unwrap_or("").to_ascii_uppercase();
                let initial = words.next().map(str::to_string);
                let result = match mechanism.as_str() {
                    "PLAIN" => {
                        let response = match initial {
                            Some(response) => response,
                            None => {
                                reply(&mut writer, "334 ")?;
                                read_trimmed(&mut reader)?
                            }
                        };
                        decode_base64(&response).and_then(|bytes| {
                            let text = String::from_utf8(bytes).ok()?;
                            let mut fields = text.split('\0');
                            let _authzid = fields.next()?;
                            Some((fields.next()?.to_string(), fields.next()?.to_string()))
                        })
                    }
                    "LOGIN" => {
                        let user = match initial {
                            Some(user) => user,
                            None => {
                                reply(&mut writer, "334 VXNlcm5hbWU6")?;
                                read_trimmed(&mut reader)?
                            }
                        };
                        reply(&mut writer, "334 UGFzc3dvcmQ6")?;
                        let password = read_trimmed(&mut reader)?;
                        decode_base64(&user)
                            .and_then(|u| String::from_utf8(u).ok())
                            .zip(decode_base64(&password).and_then(|p| String::from_utf8(p).ok()))
                    }
                    _ => None,
                };
                match result {
                    Some(pair) => {
                        credentials = Some(pair);
                        reply(&mut writer, "235 2.7.0 Authentication successful")?;
                    }
                    None => reply(&mut writer, "535 5.7.8 Authentication failed")?,
                }
            }
            "MAIL" => match path_argument(command, "MAIL FROM:") {
                Some(address) => {
                    from = Some(address);
                    to.clear();
                    reply(&mut writer, "250 2.1.0 OK")?;
                }
                None => reply(&mut writer, "501 5.5.4 Syntax: MAIL FROM:<address>")?,
            },
            "RCPT" => {
                if from.is_none() {
                    reply(&mut writer, "503 5.5.1 MAIL first")?;
                    continue;
                }
                match path_argument(command, "RCPT TO:") {
                    Some(address) => match *lock(&state.reject_recipients) {
                        Some(code) => reply(
                            &mut writer,
                            &format!("{code} recipient {address} rejected by the test server"),
                        )?,
                        None => {
                            to.push(address);
                            reply(&mut writer, "250 2.1.5 OK")?;
                        }
                    },
                    None => reply(&mut writer, "501 5.5.4 Syntax: RCPT TO:<address>")?,
                }
            }
            "DATA" => {
                let Some(sender) = from.clone().filter(|_| !to.is_empty()) else {
                    reply(&mut writer, "503 5.5.1 RCPT first")?;
                    continue;
                };
                reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>")?;
                let mut data = String::new();
                let mut complete = false;
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 {
                        break;
                    }
                    let content = line.trim_end_matches(['\r', '\n']);
                    if content == "." {
                        complete = true;
                        break;
                    }
                    data.push_str(content.strip_prefix('.').unwrap_or(content));
                    data.push_str("\r\n");
                }
                if !complete {
                    break;
                }
                lock(&state.messages).push(Captured {
                    from: sender,
                    to: std::mem::take(&mut to),
                    data,
                    credentials: credentials.clone(),
                });
                from = None;
                reply(&mut writer, "250 2.0.0 OK queued")?;
            }
            "RSET" => {
                from = None;
                to.clear();
                reply(&mut writer, "250 2.0.0 OK")?;
            }
            "NOOP" => reply(&mut writer, "250 2.0.0 OK")?,
            "QUIT" => {
                reply(&mut writer, "221 2.0.0 Bye")?;
                break;
            }
            _ => reply(&mut writer, "502 5.5.2 Command not implemented")?,
        }
    }
    let _ = writer.shutdown(Shutdown::Both);
    Ok(())
}

fn reply(writer: &mut TcpStream, text: &str) -> io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.write_all(b"\r\n")?;
    writer.flush()
}

fn read_trimmed(reader: &mut BufReader<TcpStream>) -> io::Result<String> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// The address of `MAIL FROM:<a> [params]` / `RCPT TO:<a>`, case-insensitive prefix.
fn path_argument(command: &str, prefix: &str) -> Option<String> {
    let head = command.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = command[prefix.len()..].trim_start();
    let rest = rest.strip_prefix('<')?;
    let end = rest.find('>')?;
    Some(rest[..end].to_string())
}

/// A message read by [`parse_email`]: its headers (unfolded) and its leaf parts, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEmail {
    pub headers: Vec<(String, String)>,
    /// Leaf parts in order (a single-part message has one).
    pub parts: Vec<ParsedPart>,
}

/// One leaf MIME part, its body decoded from its transfer encoding into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPart {
    /// The media type, lower case, without parameters (`text/plain`).
    pub content_type: String,
    pub body: String,
}

impl ParsedEmail {
    /// The first header called `name` (case-insensitive), raw (not decoded).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// The subject, with RFC 2047 encoded words decoded.
    pub fn subject(&self) -> Option<String> {
        self.header("Subject").map(decode_encoded_words)
    }

    /// The body of the first part of type `content_type`.
    pub fn part(&self, content_type: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|part| part.content_type.eq_ignore_ascii_case(content_type))
            .map(|part| part.body.as_str())
    }

    pub fn text(&self) -> Option<&str> {
        self.part("text/plain")
    }

    pub fn html(&self) -> Option<&str> {
        self.part("text/html")
    }
}

fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// Reads an RFC 5322 message (CRLF or LF line ends): unfolds its headers and walks its MIME
/// tree, decoding `quoted-printable` and `base64` parts. Lenient: a malformed message gives
/// what could be read.
pub fn parse_email(raw: &str) -> ParsedEmail {
    let raw = raw.replace("\r\n", "\n");
    let (headers, body) = split_headers(&raw);
    let mut parts = Vec::new();
    collect_parts(&headers, body, &mut parts, 0);
    ParsedEmail { headers, parts }
}

fn split_headers(raw: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = match raw.find("\n\n") {
        Some(i) => (&raw[..i], &raw[i + 2..]),
        None => (raw, ""),
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((key, value)) = line.split_once(':') {
            headers.push((key.trim().to_string(), value.trim().to_string()));
        }
    }
    (headers, body)
}

fn collect_parts(
    headers: &[(String, String)],
    body: &str,
    parts: &mut Vec<ParsedPart>,
    depth: u32,
) {
    let content_type = header_in(headers, "Content-Type").unwrap_or("text/plain");
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media_type.starts_with("multipart/") && depth < 8 {
        let Some(boundary) = parameter(content_type, "boundary") else {
            return;
        };
        let delimiter = format!("--{boundary}");
        let mut sections = body.split(&delimiter as &str);
        sections.next(); // the preamble
        for section in sections {
            if section.starts_with("--") {
                break; // the closing delimiter
            }
            let section = section.strip_prefix('\n').unwrap_or(section);
            let section = section.strip_suffix('\n').unwrap_or(section);
            let (part_headers, part_body) = split_headers(section);
            collect_parts(&part_headers, part_body, parts, depth + 1);
        }
        return;
    }
    let encoding = header_in(headers, "Content-Transfer-Encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => decode_base64(body).unwrap_or_default(),
        _ => body.as_bytes().to_vec(),
    };
    parts.push(ParsedPart {
        content_type: media_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    });
}

/// A parameter of a header value such as `multipart/alternative; boundary="abc"`.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Decodes quoted-printable (soft line breaks, `=XX`); a broken escape is kept as it is.
pub fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("\r\n", "\n");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Decodes standard base64, ignoring whitespace; `None` on any other invalid character.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`) in a header value;
/// white space between two encoded words is dropped, as the RFC says.
pub fn decode_encoded_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut previous_was_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        if let Some(bytes) = decode_encoded_word(word) {
            if !previous_was_encoded && i > 0 {
                out.push(' ');
            }
            pending.extend(bytes);
            previous_was_encoded = true;
        } else {
            if !pending.is_empty() {
                out.push_str(&String::from_utf8_lossy(&pending));
                pending.clear();
            }
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
            previous_was_encoded = false;
        }
    }
    if !pending.is_empty() {
        out.push_str(&String::from_utf8_lossy(&pending));
    }
    out
}

fn decode_encoded_word(word: &str) -> Option<Vec<u8>> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut fields = inner.splitn(3, '?');
    let _charset = fields.next()?;
    let encoding = fields.next()?;
    let text = fields.next()?;
    match encoding {
        "B" | "b" => decode_base64(text),
        "Q" | "q" => Some(decode_quoted_printable(&text.replace('_', " "))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_quoted_printable_decode() {
        assert_eq!(decode_base64("aGVsbG8gd29ybGQ=").unwrap(), b"hello world");
        assert_eq!(
            decode_base64("AGFsaWNl\r\nAHMzY3JldA==").unwrap(),
            b"\0alice\0s3cret"
        );
        assert_eq!(decode_base64("not base64!"), None);
        assert_eq!(
            decode_quoted_printable("caf=C3=A9 au =\r\nlait =3D ok"),
            "café au lait = ok".as_bytes()
        );
    }

    #[test]
    fn encoded_words_decode_and_join() {
        assert_eq!(
            decode_encoded_words("=?utf-8?b?w6k=?= =?utf-8?b?w6k=?="),
            "éé"
        );
        assert_eq!(decode_encoded_words("plain subject"), "plain subject");
        assert_eq!(
            decode_encoded_words("a =?utf-8?q?caf=C3=A9_noir?= b"),
            "a café noir b"
        );
    }

    #[test]
    fn multipart_messages_are_walked() {
        let raw = "Subject: hi\r\nContent-Type: multipart/alternative;\r\n boundary=\"XX\"\r\n\r\n\
                   preamble\r\n--XX\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9\r\n\
                   --XX\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPGI+aGk8L2I+\r\n--XX--\r\n";
        let parsed = parse_email(raw);
        assert_eq!(parsed.subject().as_deref(), Some("hi"));
        assert_eq!(parsed.parts.len(), 2);
        assert_eq!(parsed.text(), Some("café"));
        assert_eq!(parsed.html(), Some("<b>hi</b>"));
    }

    #[test]
    fn the_sink_speaks_smtp_by_hand() {
        let (addr, sink) = SmtpSink::start();
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let mut expect = |code: &str| {
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                assert!(line.starts_with(code), "expected {code}, got {line:?}");
                if line.as_bytes().get(3) != Some(&b'-') {
                    break;
                }
            }
        };
        expect("220");
        for (command, code) in [
            ("HELO me", "250"),
            ("RCPT TO:<x@example.com>", "503"),
            ("MAIL FROM:<a@example.com>", "250"),
            ("RCPT TO:<b@example.com>", "250"),
            ("DATA", "354"),
            ("Subject: t\r\n\r\n..leading dot\r\nline\r\n.", "250"),
            ("QUIT", "221"),
        ] {
            write!(writer, "{command}\r\n").unwrap();
            expect(code);
        }
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].from, "a@example.com");
        assert_eq!(messages[0].to, ["b@example.com"]);
        assert_eq!(
            messages[0].data,
            "Subject: t\r\n\r\n.leading dot\r\nline\r\n"
        );
        assert_eq!(messages[0].credentials, None);
    }
}
