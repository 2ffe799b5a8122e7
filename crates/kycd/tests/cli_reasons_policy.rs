//! `kycd reasons`, `kycd policy` and `--help` on every subcommand, through the real binary.

mod common;

use common::{json, kycd, stderr, stdout};

#[test]
fn every_subcommand_has_help() {
    let top = kycd(&["--help"], None);
    assert!(top.status.success());
    let text = stdout(&top);
    for sub in ["reasons", "policy", "mrz", "aamva"] {
        assert!(text.contains(sub), "{sub} missing from --help");
        let out = kycd(&[sub, "--help"], None);
        assert!(out.status.success(), "{sub} --help failed");
        assert!(
            stdout(&out).contains("Usage: kycd"),
            "{sub} --help prints usage"
        );
    }
}

#[test]
fn reasons_json_lists_every_code_in_every_language() {
    let out = kycd(&["reasons", "--json"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = json(&out);
    let rows = list.as_array().expect("a list");
    assert!(rows.len() >= 38);
    for row in rows {
        for key in [
            "code",
            "group",
            "outcome",
            "retry",
            "explain_to_applicant",
            "reviewer_note",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        let messages = row["messages"].as_object().expect("messages object");
        for lang in [
            "en", "zh-CN", "es", "ru", "vi", "tr", "pt", "ko", "ja", "fr",
        ] {
            let text = &messages[lang];
            assert!(
                text["message"].as_str().is_some_and(|s| !s.is_empty()),
                "{lang} {row}"
            );
            assert!(
                text["remedy"].as_str().is_some_and(|s| !s.is_empty()),
                "{lang} {row}"
            );
        }
    }
    let system = rows
        .iter()
        .find(|r| r["code"] == "SYSTEM_ERROR")
        .expect("SYSTEM_ERROR");
    assert_eq!(system["outcome"], "review");
    let watch = rows
        .iter()
        .find(|r| r["code"] == "WATCHLIST_MATCH")
        .expect("WATCHLIST_MATCH");
    assert_eq!(watch["explain_to_applicant"], false);
}

#[test]
fn reasons_with_one_language() {
    let out = kycd(&["reasons", "--json", "--lang", "ja"], None);
    assert!(out.status.success());
    let list = json(&out);
    let messages = list[0]["messages"].as_object().expect("messages");
    assert_eq!(messages.keys().collect::<Vec<_>>(), ["ja"]);

    let out = kycd(&["reasons", "--lang", "ru"], None);
    assert!(out.status.success());
    assert!(stdout(&out).contains("IMAGE_BLURRY"));
}

#[test]
fn unknown_language_is_a_usage_error() {
    let out = kycd(&["reasons", "--lang", "xx"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unsupported language"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn policy_default_prints_and_checks() {
    let out = kycd(&["policy", "--print-default"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("max_file_bytes = 5242880"));
    let dir = std::env::temp_dir().join(format!("kycd-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.toml");
    std::fs::write(&good, &text).unwrap();
    let out = kycd(&["policy", "--check", good.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        format!("{text}\n[reasons.SYSTEM_ERROR]\noutcome = \"reject\"\n"),
    )
    .unwrap();
    let out = kycd(&["policy", "--check", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("SYSTEM_ERROR"), "{}", stderr(&out));

    let out = kycd(
        &[
            "policy",
            "--check",
            dir.join("missing.toml").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    // `kycd reasons --json | head -1`: the reader closes the pipe before kycd writes.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kycd"))
        .args(["reasons", "--json"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kycd starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("kycd finishes");
    let message = stderr(&out);
    assert!(!message.contains("panicked"), "{message}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        // Ended by SIGPIPE, as `cat` or `grep` would be (or done before the pipe closed).
        assert!(
            out.status.signal() == Some(13) || out.status.success(),
            "{:?}",
            out.status
        );
    }
}
