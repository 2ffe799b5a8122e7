//! PDF417 barcodes (the back of US and Canadian driving licences and ID cards): located and
//! decoded with rxing, then parsed as AAMVA by `kyc_documents::aamva`.
//!
//! rxing's PDF417 detector finds the start and stop patterns itself, in any of the four
//! quarter turns, and tolerates moderate skew; it does not undo strong perspective. The
//! reader therefore gives it the document already straightened (see `document`), and the
//! plain picture only as a fallback. The picture is binarised by rxing's hybrid (local
//! threshold) binariser, which copes with uneven light.

use kyc_vision::plane::Plane;
use rxing::common::HybridBinarizer;
use rxing::pdf417::PDF417Reader;
use rxing::{BinaryBitmap, DecodeHints, Luma8LuminanceSource, Reader};

/// A decoded PDF417 symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pdf417 {
    /// The symbol's text (AAMVA payloads are ASCII / ISO 8859-1).
    pub text: String,
}

/// Looks for a PDF417 symbol in a luma plane (0..1; `NaN` outside the photo counts as white)
/// and decodes it. `None` when there is none or it cannot be decoded.
pub fn decode_pdf417(plane: &Plane) -> Option<Pdf417> {
    if plane.width == 0 || plane.height == 0 {
        return None;
    }
    let luma = plane
        .data
        .iter()
        .map(|&v| {
            if v.is_finite() {
                (v.clamp(0.0, 1.0) * 255.0).round() as u8
            } else {
                255
            }
        })
        .collect::<Vec<u8>>();
    let source = Luma8LuminanceSource::new(luma, plane.width as u32, plane.height as u32).ok()?;
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let hints = DecodeHints {
        TryHarder: Some(true),
        ..DecodeHints::default()
    };
    let result = PDF417Reader.decode_with_hints(&mut bitmap, &hints).ok()?;
    let text = result.getText().to_string();
    (!text.is_empty()).then_some(Pdf417 { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_or_empty_plane_has_no_barcode() {
        assert_eq!(decode_pdf417(&Plane::new(0, 0)), None);
        let mut white = Plane::new(300, 200);
        white.data.fill(1.0);
        assert_eq!(decode_pdf417(&white), None);
    }
}
