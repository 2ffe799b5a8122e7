//! Feeds arbitrary bytes to the AAMVA parser: it must never panic, and whatever it reports must
//! serialise and be internally consistent.
#![no_main]

use kyc_documents::aamva::{parse, parse_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let from_bytes = parse_bytes(data);
    if let Ok(report) = &from_bytes {
        for subfile in &report.subfiles {
            assert!(subfile.offset + subfile.length <= data.len());
        }
        // Every field that has a value came from an element.
        assert!(report.fields.family_name.is_none() || !report.elements.is_empty());
        let _ = report
            .warnings
            .iter()
            .map(|w| w.message.len())
            .sum::<usize>();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let from_text = parse(text);
        // Text and bytes must agree on valid UTF-8.
        assert_eq!(from_text, from_bytes);
    }
});
