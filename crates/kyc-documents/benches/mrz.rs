//! How long one MRZ read takes: strict parse + validation of the ICAO TD1, TD2 and TD3
//! specimens, a lenient parse of noisy OCR output, and the writer.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kyc_documents::mrz::{MrzFormat, MrzInput, ParseOptions, Sex, parse, parse_lenient, write};
use time::macros::date;

const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
const TD2: &str = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6";
const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
/// Lower case, spaces, `«`, one line, grammar errors and a document-number `0`/`O` swap.
const NOISY_TD3: &str =
    "p<ut0 erik55on<<anna<maria«««««««««««««««««««l8989o2c36uto740bizzf12041s9ze184226b<<<<<1o";

fn benches(c: &mut Criterion) {
    let options = ParseOptions {
        today: date!(2026 - 11 - 22),
    };
    for text in [TD1, TD2, TD3] {
        assert!(parse(text, &options).is_ok_and(|r| r.valid));
    }
    assert!(parse_lenient(NOISY_TD3, &options).is_ok_and(|r| r.valid));

    c.bench_function("mrz strict parse TD1", |b| {
        b.iter(|| parse(black_box(TD1), black_box(&options)))
    });
    c.bench_function("mrz strict parse TD2", |b| {
        b.iter(|| parse(black_box(TD2), black_box(&options)))
    });
    c.bench_function("mrz strict parse TD3", |b| {
        b.iter(|| parse(black_box(TD3), black_box(&options)))
    });
    c.bench_function("mrz lenient parse TD3 (clean)", |b| {
        b.iter(|| parse_lenient(black_box(TD3), black_box(&options)))
    });
    c.bench_function("mrz lenient parse TD3 (noisy OCR, 10 corrections)", |b| {
        b.iter(|| parse_lenient(black_box(NOISY_TD3), black_box(&options)))
    });
    let input = MrzInput {
        document_code: "P".into(),
        issuing_state: "UTO".into(),
        surname: "Eriksson".into(),
        given_names: "Anna María".into(),
        document_number: "L898902C3".into(),
        nationality: "UTO".into(),
        birth_date: Some(date!(1974 - 08 - 12)),
        sex: Sex::Female,
        expiry_date: Some(date!(2012 - 04 - 15)),
        personal_number: "ZE184226B".into(),
        ..MrzInput::default()
    };
    c.bench_function("mrz write TD3", |b| {
        b.iter(|| write(black_box(&input), MrzFormat::Td3))
    });
}

criterion_group!(mrz, benches);
criterion_main!(mrz);
