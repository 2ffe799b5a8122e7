use super::*;

#[test]
fn table_is_in_code_order_and_complete() {
    let rows = catalogue();
    assert_eq!(rows.len(), ReasonCode::ALL.len());
    for (row, code) in rows.iter().zip(ReasonCode::ALL) {
        assert_eq!(row.code, *code, "table row out of order");
        assert_eq!(spec(*code).code, *code);
    }
}

#[test]
fn every_text_is_present_in_every_language() {
    let mut missing = Vec::new();
    let all_texts = catalogue()
        .iter()
        .map(|row| (row.code.as_str(), &row.texts))
        .chain(std::iter::once(("NEUTRAL_REVIEW", &NEUTRAL_REVIEW)));
    for (code, texts) in all_texts {
        for lang in Lang::ALL {
            let text = texts.get(lang);
            if text.message.trim().is_empty() {
                missing.push(format!("{code} {lang} message"));
            }
            if text.remedy.trim().is_empty() {
                missing.push(format!("{code} {lang} remedy"));
            }
            if lang != Lang::En
                && (text.message == texts.en.message || text.remedy == texts.en.remedy)
            {
                missing.push(format!("{code} {lang} is still English"));
            }
        }
    }
    assert!(missing.is_empty(), "missing texts:\n{}", missing.join("\n"));
}

#[test]
fn reviewer_notes_are_written() {
    for row in catalogue() {
        assert!(
            row.reviewer_note.len() > 20,
            "{} has no reviewer note",
            row.code
        );
    }
}

#[test]
fn tipping_off_reasons_are_never_explained() {
    for code in [
        ReasonCode::WatchlistMatch,
        ReasonCode::PepMatch,
        ReasonCode::SuspiciousActivity,
    ] {
        let row = spec(code);
        assert!(!row.explain_to_applicant, "{code} must not be explained");
        assert_eq!(row.outcome, Outcome::Review);
        for lang in Lang::ALL {
            assert_eq!(row.applicant_text(lang), NEUTRAL_REVIEW.get(lang));
            assert_eq!(
                row.texts.get(lang),
                NEUTRAL_REVIEW.get(lang),
                "{code} {lang} leaks"
            );
        }
    }
}

#[test]
fn system_error_never_rejects() {
    let row = spec(ReasonCode::SystemError);
    assert_eq!(row.outcome, Outcome::Review);
    assert!(row.retry);
}

#[test]
fn upload_refusals_ask_for_a_new_file() {
    for row in catalogue().iter().filter(|row| row.group == Group::Upload) {
        assert_eq!(row.outcome, Outcome::Resubmit, "{}", row.code);
        assert!(row.retry, "{}", row.code);
    }
}

#[test]
fn committed_markdown_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/reasons.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == markdown(),
        "docs/reasons.md is stale: run `cargo run -p kycd -- reasons --markdown > docs/reasons.md`"
    );
}
