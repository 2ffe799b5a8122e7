//! The synchronous upload gate: what an upload meets on the request path, before it is stored.

use kyc_core::{DocumentRole, Finding, Policy};
use kyc_vision::{assess, intake};

/// Checks one uploaded file. `Err` is the finding that refuses it (`FILE_FORMAT_UNSUPPORTED`,
/// `FILE_TOO_LARGE`, `FILE_UNREADABLE`, with `role` in its evidence); `Ok` holds the hints
/// for a retake:
///
/// * a document side: the image quality and capture integrity findings of
///   [`kyc_vision::assess`] (`IMAGE_BLURRY`, `IMAGE_GLARE`, `IMAGE_TOO_DARK`,
///   `IMAGE_LOW_RESOLUTION`, `DOCUMENT_CUT_OFF`, `DOCUMENT_NOT_FOUND`, `SCREENSHOT`,
///   `PHOTOCOPY`, `SCREEN_RECAPTURE`), each with `side` in its evidence;
/// * a selfie: the decode checks only. Whether it shows one face needs the face model, which
///   the gate does not load: [`crate::Engine::verify`] checks it.
///
/// 0.18–0.26 s for a 12 MP phone photo (three 4032×3024 passport specimens, the test
/// profile, which builds kyc-vision at opt-level 2): a decode plus one pass over the pixels;
/// nothing here loads a model.
pub fn upload_gate(
    role: DocumentRole,
    bytes: &[u8],
    policy: &Policy,
) -> Result<Vec<Finding>, Finding> {
    let accepted = intake(bytes, &policy.upload).map_err(|f| f.with("role", role.as_str()))?;
    Ok(match side_name(role) {
        Some(side) => assess(&accepted, &policy.image)
            .findings
            .into_iter()
            .map(|f| f.with("side", side))
            .collect(),
        None => Vec::new(),
    })
}

/// `front` or `back` for a document side, `None` for a selfie.
pub(crate) fn side_name(role: DocumentRole) -> Option<&'static str> {
    match role {
        DocumentRole::DocumentFront => Some("front"),
        DocumentRole::DocumentBack => Some("back"),
        DocumentRole::Selfie => None,
    }
}
