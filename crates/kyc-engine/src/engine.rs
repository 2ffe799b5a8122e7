//! The checks of one submission: [`Engine::verify`].

use kyc_core::{CountryCode, DocumentKind, DocumentRole, Finding, Policy, ReasonCode};
use kyc_documents::aamva::Truncation;
use kyc_documents::mrz::MrzFormat;
use kyc_reading::document::{Photo, Reader};
use kyc_reading::face::{Face, FaceDetector, Orientation};
use kyc_reading::reading::{DocumentReading, Field, Source, Value, findings as reading_findings};
use kyc_vision::{Accepted, assess, intake};
use serde::Serialize;
use serde_json::{Map, json};
use time::Date;

use crate::gate::side_name;
use crate::level1::{Level1, underage};
use crate::names::{self, NameComparison};

/// A selfie face narrower than this (in the photo's pixels) is too small to compare with the
/// portrait later.
pub const MIN_SELFIE_FACE_PX: f32 = 64.0;
/// A face at least this fraction of the selfie's largest face's width counts as a second
/// person; smaller ones (a poster, a passer-by far behind) are ignored.
pub const SECOND_FACE_FRACTION: f32 = 0.4;

/// What the face match will say once it exists; kept in the summary so a reviewer knows it
/// was not done.
pub const FACE_MATCH_NOTE: &str = "not performed yet: the selfie is checked to show exactly one \
face; comparing it with the document portrait (FACE_MISMATCH) is a later step";

/// An internal failure of the engine. A bad image or document is a finding, never an error:
/// an error means kycd itself failed (the caller records `SYSTEM_ERROR` and retries).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// A bundled model is damaged or failed to run.
    #[error("model failure: {0}")]
    Model(String),
    #[error("internal failure: {0}")]
    Internal(String),
}

impl From<kyc_reading::models::ModelError> for EngineError {
    fn from(err: kyc_reading::models::ModelError) -> Self {
        EngineError::Model(err.to_string())
    }
}

/// The files and declared data of one submission. Files are the raw uploaded bytes (they went
/// through [`crate::upload_gate`] already, but are checked again: the gate may have run under
/// another policy).
#[derive(Clone, Copy, Debug, Default)]
pub struct SubmissionInput<'a> {
    pub level1: Option<&'a Level1>,
    pub front: Option<&'a [u8]>,
    pub back: Option<&'a [u8]>,
    pub selfie: Option<&'a [u8]>,
    /// This submission's attempt number, counting from 1.
    pub attempt: u32,
}

/// The document a submission was made with, for the reuse count (kind, issuing country and
/// number identify it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DocumentIdentity {
    pub kind: DocumentKind,
    pub country: CountryCode,
    /// As read: upper case, letters and digits only.
    pub number: String,
}

/// What [`Engine::verify`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    /// Everything found, with evidence (no personal values in it: evidence is logged).
    pub findings: Vec<Finding>,
    /// The document, when its kind, issuing country and number were read.
    pub document: Option<DocumentIdentity>,
    /// For reviewers: `document` (the reading: MRZ, barcode, printed zone, portrait), `images`
    /// (per side: file facts, image metrics, where the document is; the selfie's faces),
    /// `comparisons` (declared vs document, scores and booleans), `face_match`. Holds personal
    /// data: the caller encrypts it.
    pub summary: serde_json::Value,
}

/// The verification engine: the models, loaded once. `Send + Sync`: workers share one
/// through an `Arc`.
pub struct Engine {
    reader: Reader,
    faces: FaceDetector,
}

impl Engine {
    /// Verifies and loads the bundled models (a second or two).
    pub fn load() -> Result<Engine, EngineError> {
        Ok(Engine {
            reader: Reader::load()?,
            faces: FaceDetector::load()?,
        })
    }

    /// Plans the networks for the usual input shapes, as a long-running service should before
    /// its first submission (a few seconds; otherwise the first submissions pay for it).
    pub fn prepare(&self) -> Result<(), EngineError> {
        self.reader.prepare()?;
        self.faces.prepare()?;
        Ok(())
    }

    /// The checks of one submission, in order (each finding's evidence says what was
    /// compared, never the personal values themselves):
    ///
    /// 1. `DOCUMENT_MISSING` for a missing front or selfie (`role`); a missing back is judged
    ///    once the document's kind is known (`DOCUMENT_SIDE_MISSING`).
    /// 2. `TOO_MANY_ATTEMPTS` when `attempt` exceeds `applicants.attempt_limit`.
    /// 3. Intake of each file (`FILE_*`, with `role`).
    /// 4. Image quality and capture integrity of the front and the back (`side`).
    /// 5. Reading the document, and the reading's findings (`DOCUMENT_TYPE_UNSUPPORTED`,
    ///    `DOCUMENT_DATA_INCOMPLETE`, `DOCUMENT_EXPIRED`, `DOCUMENT_INTEGRITY`,
    ///    `DOCUMENT_INCONSISTENT`, `PORTRAIT_NOT_VISIBLE`, `DOCUMENT_SIDE_MISSING` — not when a
    ///    back was sent but refused at intake: its `FILE_*` finding says why). Values in their
    ///    evidence are replaced by what was compared (the expiry date by `days_to_expiry`,
    ///    disagreeing values by the sources that disagree).
    /// 6. `UNDERAGE` from the document's birth date; `JURISDICTION_NOT_SUPPORTED` when the
    ///    document's nationality is not served.
    /// 7. Declared (level 1) against the document: `DATA_MISMATCH_NAME` ([`names::compare_with`],
    ///    with the MRZ's cut allowed for when the name fills its field),
    ///    `DATA_MISMATCH_BIRTH_DATE`, `DATA_MISMATCH_NATIONALITY` (against the MRZ's
    ///    nationality; licences have none), `DATA_MISMATCH_DOCUMENT_NUMBER`, and
    ///    `LEVEL_DATA_MISMATCH` when the declared document type is not the kind read.
    /// 8. The selfie: decodes and shows exactly one face large enough (`SELFIE_UNUSABLE`
    ///    otherwise). Matching it with the portrait is a later step ([`FACE_MATCH_NOTE`]).
    pub fn verify(
        &self,
        input: &SubmissionInput<'_>,
        policy: &Policy,
        today: Date,
    ) -> Result<Verification, EngineError> {
        let mut findings = Vec::new();
        let mut images = Map::new();
        let mut comparisons = Map::new();

        for (given, role) in [
            (input.front.is_some(), DocumentRole::DocumentFront),
            (input.selfie.is_some(), DocumentRole::Selfie),
        ] {
            if !given {
                findings
                    .push(Finding::new(ReasonCode::DocumentMissing).with("role", role.as_str()));
            }
        }
        if input.attempt > policy.applicants.attempt_limit {
            findings.push(
                Finding::new(ReasonCode::TooManyAttempts)
                    .with("attempt", input.attempt)
                    .with("attempt_limit", policy.applicants.attempt_limit),
            );
        }

        let front = input.front.and_then(|bytes| {
            document_side(
                bytes,
                DocumentRole::DocumentFront,
                policy,
                &mut findings,
                &mut images,
            )
        });
        let back = input.back.and_then(|bytes| {
            document_side(
                bytes,
                DocumentRole::DocumentBack,
                policy,
                &mut findings,
                &mut images,
            )
        });
        let back_refused = input.back.is_some() && back.is_none();

        let mut reading = None;
        if let Some(front) = &front {
            let read = self.reader.read_document(front, back.as_ref(), today)?;
            for finding in reading_findings(&read, policy, today) {
                if finding.code == ReasonCode::DocumentSideMissing && back_refused {
                    continue;
                }
                findings.push(redact(finding, &read, today));
            }
            document_checks(&read, policy, today, &mut findings);
            if let Some(level1) = input.level1 {
                declared_checks(level1, &read, &mut findings, &mut comparisons);
            }
            reading = Some(read);
        }

        let mut selfie_summary = serde_json::Value::Null;
        if let Some(bytes) = input.selfie {
            match intake(bytes, &policy.upload) {
                Err(refusal) => findings.push(refusal.with("role", DocumentRole::Selfie.as_str())),
                Ok(accepted) => {
                    let faces = self.selfie_faces(&accepted)?;
                    let (finding, summary) = judge_selfie(&faces);
                    findings.extend(finding);
                    selfie_summary = json!({ "file": accepted.facts, "faces": summary });
                }
            }
        }
        images.insert("selfie".into(), selfie_summary);

        let document = reading.as_ref().and_then(identity);
        let summary = json!({
            "document": reading,
            "images": images,
            "comparisons": comparisons,
            "face_match": FACE_MATCH_NOTE,
        });
        Ok(Verification {
            findings,
            document,
            summary,
        })
    }

    /// The faces of a selfie as given, else turned a half turn (a phone held upside down).
    fn selfie_faces(&self, selfie: &Accepted) -> Result<Vec<Face>, EngineError> {
        let faces = self.faces.detect(&selfie.image)?;
        if !faces.is_empty() {
            return Ok(faces);
        }
        let turned = Orientation::UpsideDown.straighten(&selfie.image);
        Ok(self.faces.detect(&turned)?)
    }
}

/// Intake and image checks of one document side; the photo for reading when it was accepted.
fn document_side(
    bytes: &[u8],
    role: DocumentRole,
    policy: &Policy,
    findings: &mut Vec<Finding>,
    images: &mut Map<String, serde_json::Value>,
) -> Option<Photo> {
    let side = side_name(role).unwrap_or("document");
    let accepted = match intake(bytes, &policy.upload) {
        Ok(accepted) => accepted,
        Err(refusal) => {
            findings.push(refusal.with("role", role.as_str()));
            images.insert(side.into(), json!({ "refused": true }));
            return None;
        }
    };
    let assessment = assess(&accepted, &policy.image);
    findings.extend(
        assessment
            .findings
            .into_iter()
            .map(|f| f.with("side", side)),
    );
    images.insert(
        side.into(),
        json!({
            "file": accepted.facts,
            "metrics": assessment.metrics,
            "document": assessment.document,
        }),
    );
    Some(Photo::from_rgb(&accepted.image))
}

/// `SELFIE_UNUSABLE` unless the selfie shows exactly one face (ignoring faces much smaller
/// than the largest) at least [`MIN_SELFIE_FACE_PX`] wide; and the faces for the summary.
fn judge_selfie(faces: &[Face]) -> (Option<Finding>, serde_json::Value) {
    let largest = faces.iter().map(Face::width).fold(0.0f32, f32::max);
    let prominent = faces
        .iter()
        .filter(|f| f.width() >= SECOND_FACE_FRACTION * largest)
        .count();
    let summary = faces
        .iter()
        .map(|f| json!({ "box": f.bounds, "score": f.score }))
        .collect::<Vec<_>>()
        .into();
    let finding = if prominent != 1 {
        Some(
            Finding::new(ReasonCode::SelfieUnusable)
                .with("faces", prominent)
                .with("expected_faces", 1),
        )
    } else if largest < MIN_SELFIE_FACE_PX {
        Some(
            Finding::new(ReasonCode::SelfieUnusable)
                .with("face_width_px", largest.round())
                .with("min_face_width_px", MIN_SELFIE_FACE_PX),
        )
    } else {
        None
    };
    (finding, summary)
}

/// The nationality a trusted MRZ gives.
fn document_nationality(reading: &DocumentReading) -> Option<CountryCode> {
    reading
        .mrz
        .as_ref()
        .filter(|m| m.trusted())
        .and_then(|m| m.fields.nationality.as_deref())
        .and_then(|code| code.parse::<CountryCode>().ok())
}

/// Checks of the document alone: the holder's age and nationality.
fn document_checks(
    reading: &DocumentReading,
    policy: &Policy,
    today: Date,
    out: &mut Vec<Finding>,
) {
    if let Some((source, Value::Date(birth))) = reading.value(Field::BirthDate)
        && let Some(finding) = underage(birth, policy, today, "document")
    {
        out.push(finding.with("birth_date_source", source.as_str()));
    }
    if let Some(country) = document_nationality(reading)
        && !policy.serves(country)
    {
        out.push(
            Finding::new(ReasonCode::JurisdictionNotSupported)
                .with("field", "document_nationality")
                .with("country", country.canonical().alpha3()),
        );
    }
}

/// Declared (level 1) data against the document read.
fn declared_checks(
    level1: &Level1,
    reading: &DocumentReading,
    out: &mut Vec<Finding>,
    comparisons: &mut Map<String, serde_json::Value>,
) {
    // Name.
    if let Some((source, Value::Text(surname))) = reading.value(Field::Surname) {
        let given = match reading.value(Field::GivenNames) {
            Some((_, Value::Text(given))) => given,
            _ => String::new(),
        };
        let truncation = may_be_truncated(reading, source, &surname, &given);
        let result = names::compare_with(level1.full_name.as_str(), &surname, &given, truncation);
        comparisons.insert(
            "name".into(),
            json!({ "source": source.as_str(), "truncation_possible": truncation, "result": result }),
        );
        if !result.matched {
            out.push(name_mismatch(&result, source, truncation));
        }
    }

    // Birth date.
    if let Some((source, Value::Date(read))) = reading.value(Field::BirthDate) {
        let declared = level1.birth_date;
        let same = read == declared;
        comparisons.insert(
            "birth_date".into(),
            json!({ "source": source.as_str(), "equal": same }),
        );
        if !same {
            let swapped = read.year() == declared.year()
                && u8::from(read.month()) == declared.day()
                && read.day() == u8::from(declared.month());
            out.push(
                Finding::new(ReasonCode::DataMismatchBirthDate)
                    .with("field", "birth_date")
                    .with("source", source.as_str())
                    .with("same_year", read.year() == declared.year())
                    .with("same_month", read.month() == declared.month())
                    .with("same_day", read.day() == declared.day())
                    .with("day_and_month_swapped", swapped),
            );
        }
    }

    // Nationality: only an MRZ states one (a licence does not).
    if let Some(read) = document_nationality(reading) {
        let same = read.canonical() == level1.nationality.canonical();
        comparisons.insert(
            "nationality".into(),
            json!({ "source": Source::Mrz.as_str(), "equal": same }),
        );
        if !same {
            out.push(
                Finding::new(ReasonCode::DataMismatchNationality)
                    .with("field", "nationality")
                    .with("source", Source::Mrz.as_str()),
            );
        }
    }

    // Document number.
    if let Some((source, Value::Text(read))) = reading.value(Field::DocumentNumber) {
        let declared = level1.document_number.as_str();
        let same = read == declared;
        let similarity = names::text_similarity(declared, &read);
        comparisons.insert(
            "document_number".into(),
            json!({ "source": source.as_str(), "equal": same, "similarity": similarity }),
        );
        if !same {
            out.push(
                Finding::new(ReasonCode::DataMismatchDocumentNumber)
                    .with("field", "document_number")
                    .with("source", source.as_str())
                    .with("similarity", similarity)
                    .with(
                        "same_length",
                        read.chars().count() == declared.chars().count(),
                    ),
            );
        }
    }

    // Document type: the level 1 data named another kind of document.
    if let Some(kind) = reading.kind {
        let same = kind == level1.document_type;
        comparisons.insert("document_type".into(), json!({ "equal": same }));
        if !same {
            out.push(
                Finding::new(ReasonCode::LevelDataMismatch)
                    .with("field", "document_type")
                    .with("declared", level1.document_type.as_str())
                    .with("read", kind.as_str()),
            );
        }
    }
}

fn name_mismatch(result: &NameComparison, source: Source, truncation: bool) -> Finding {
    Finding::new(ReasonCode::DataMismatchName)
        .with("field", "full_name")
        .with("compared_with", "surname and given_names")
        .with("source", source.as_str())
        .with("score", result.score)
        .with(
            "verdict",
            serde_json::to_value(result.verdict).unwrap_or_default(),
        )
        .with("declared_words_not_on_document", result.declared_only)
        .with("document_words_not_declared", result.document_only)
        .with("truncation_possible", truncation)
}

/// Whether the document's name may have been cut: an MRZ name filling its field, or a
/// barcode that says a name part was truncated.
fn may_be_truncated(reading: &DocumentReading, source: Source, surname: &str, given: &str) -> bool {
    match source {
        Source::Mrz => {
            let Some(mrz) = &reading.mrz else {
                return false;
            };
            let length = names::mrz_form_length(surname, given);
            match mrz.format {
                MrzFormat::Td1 => length >= 30,
                MrzFormat::Td2 | MrzFormat::MrvB => length >= 31,
                MrzFormat::Td3 | MrzFormat::MrvA => length >= 39,
                // Separate fields: surname 25, given names 14 characters.
                MrzFormat::FrenchNationalId => {
                    names::mrz_form_length(surname, "") >= 25
                        || names::mrz_form_length(given, "") >= 14
                }
                MrzFormat::FrenchDrivingLicense => true,
            }
        }
        Source::Barcode => reading.barcode.as_ref().is_some_and(|b| {
            [
                b.fields.family_name_truncation,
                b.fields.first_name_truncation,
                b.fields.middle_names_truncation,
            ]
            .contains(&Some(Truncation::Truncated))
        }),
        Source::Printed => false,
    }
}

/// The reading's findings with personal values taken out of their evidence.
fn redact(mut finding: Finding, reading: &DocumentReading, today: Date) -> Finding {
    match finding.code {
        ReasonCode::DocumentExpired => {
            finding.evidence.remove("expiry_date");
            if let Some((_, Value::Date(expiry))) = reading.value(Field::ExpiryDate) {
                finding.evidence.insert(
                    "days_to_expiry".into(),
                    (expiry - today).whole_days().into(),
                );
            }
        }
        ReasonCode::DocumentInconsistent => {
            if let Some(serde_json::Value::Array(list)) = finding.evidence.get_mut("disagreements")
            {
                for entry in list.iter_mut() {
                    if let serde_json::Value::Object(object) = entry {
                        let field = object.get("field").cloned().unwrap_or_default();
                        let sources: Vec<String> =
                            object.keys().filter(|k| *k != "field").cloned().collect();
                        *entry = json!({ "field": field, "sources": sources });
                    }
                }
            }
        }
        _ => {}
    }
    finding
}

/// Kind, issuing country and number, when all three were read.
fn identity(reading: &DocumentReading) -> Option<DocumentIdentity> {
    let number = match reading.value(Field::DocumentNumber) {
        Some((_, Value::Text(number))) => number,
        _ => return None,
    };
    Some(DocumentIdentity {
        kind: reading.kind?,
        country: reading.issuing_country?.canonical(),
        number,
    })
}

/// `DOCUMENT_ACCOUNT_LIMIT` when `other_holders` (other applicants who already verified with
/// this document) reach `documents.reuse_limit`.
pub fn reuse_finding(other_holders: i64, policy: &Policy) -> Option<Finding> {
    let limit = i64::from(policy.documents.reuse_limit);
    (other_holders >= limit).then(|| {
        Finding::new(ReasonCode::DocumentAccountLimit)
            .with("other_holders", other_holders)
            .with("reuse_limit", limit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(width: f32) -> Face {
        Face {
            bounds: [10.0, 10.0, 10.0 + width, 10.0 + width * 1.3],
            score: 0.99,
            log_odds: 8.0,
        }
    }

    #[test]
    fn selfie_needs_one_large_enough_face() {
        assert!(judge_selfie(&[face(120.0)]).0.is_none());
        // A small face far behind does not count.
        assert!(judge_selfie(&[face(120.0), face(30.0)]).0.is_none());
        let two = judge_selfie(&[face(120.0), face(100.0)]).0.unwrap();
        assert_eq!(two.code, ReasonCode::SelfieUnusable);
        assert_eq!(two.evidence["faces"], 2);
        let none = judge_selfie(&[]).0.unwrap();
        assert_eq!(none.evidence["faces"], 0);
        let small = judge_selfie(&[face(40.0)]).0.unwrap();
        assert_eq!(small.evidence["face_width_px"], 40.0);
    }

    #[test]
    fn reuse_limit() {
        let policy = Policy::default();
        assert_eq!(policy.documents.reuse_limit, 1);
        assert!(reuse_finding(0, &policy).is_none());
        assert!(reuse_finding(-3, &policy).is_none());
        let finding = reuse_finding(1, &policy).unwrap();
        assert_eq!(finding.code, ReasonCode::DocumentAccountLimit);
        assert_eq!(finding.evidence["other_holders"], 1);
    }

    #[test]
    fn engine_is_shareable() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Engine>();
    }
}
