//! How long one AAMVA parse takes: a typical version 10 licence (the 2020 standard's Annex D
//! sample), a version 01 licence, a scan damaged by a keyboard wedge, and the writer.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kyc_documents::aamva::{AamvaPayload, SubfileData, SubfileType, parse, parse_bytes, write};

const V10: &str = "@\n\x1e\rANSI 636000100102DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062018\nDDC06062020\nDDD1\rZVZVA01\r";

const V01: &str = "@\n\x1e\rAAMVA6360060101DL00290179DAAMOTORIST,MICHAEL,G\nDAG12 MAIN AVE\nDAIWEST HAVEN\nDAJCT\nDAK06516      \nDAQ025995434\nDARD   \nDAS          \nDAT     \nDBA20230204\nDBB19610204\nDBC1\nDBD20161114\nDAU504\nDAYBRO\nDBF00\nDBHY\r";

fn benches(c: &mut Criterion) {
    assert!(parse(V10).is_ok_and(|r| r.warnings.is_empty()));
    assert!(parse(V01).is_ok());
    c.bench_function("aamva parse v10 (Annex D sample)", |b| {
        b.iter(|| parse(black_box(V10)))
    });
    c.bench_function("aamva parse v01", |b| b.iter(|| parse(black_box(V01))));
    let damaged = format!("  {}", V10.replace('\n', "\r\n"));
    c.bench_function("aamva parse v10 damaged (CR LF, leading spaces)", |b| {
        b.iter(|| parse_bytes(black_box(damaged.as_bytes())))
    });
    let payload = AamvaPayload {
        iin: "636000".into(),
        version: 10,
        jurisdiction_version: 1,
        subfiles: vec![SubfileData {
            kind: SubfileType::DriverLicence,
            elements: parse(V10)
                .map(|r| {
                    r.elements
                        .into_iter()
                        .filter(|(id, _)| id.starts_with('D'))
                        .collect()
                })
                .unwrap_or_default(),
        }],
    };
    c.bench_function("aamva write v10", |b| b.iter(|| write(black_box(&payload))));
}

criterion_group!(aamva, benches);
criterion_main!(aamva);
