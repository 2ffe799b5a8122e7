//! Feeds arbitrary UTF-8 to both MRZ parsers; any panic is a bug. Also checks invariants that
//! must hold for every report: a strict parse applies no corrections, `valid` implies
//! `checks_ok`, and lenient mode agrees with strict mode on text strict mode accepts.
#![no_main]

use kyc_documents::mrz::{ParseOptions, parse, parse_lenient};
use libfuzzer_sys::fuzz_target;
use time::{Date, Month};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(today) = Date::from_calendar_date(2026, Month::November, 22) else {
        return;
    };
    let options = ParseOptions { today };
    let strict = parse(text, &options);
    let lenient = parse_lenient(text, &options);
    if let Ok(report) = &strict {
        assert!(report.corrections.is_empty());
        assert!(!report.valid || report.checks_ok);
        // Text strict mode accepts is already clean: lenient mode must read the same fields.
        if let Ok(relaxed) = &lenient
            && relaxed.corrections.is_empty()
        {
            assert_eq!(relaxed.fields, report.fields);
        }
    }
    if let Ok(report) = &lenient {
        assert!(!report.valid || report.checks_ok);
    }
});
