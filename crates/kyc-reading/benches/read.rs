//! Reading a document end to end from the JPEG bytes of a 12 megapixel phone photo (made by
//! kyc-specimen, so the numbers are reproducible): intake (checks, luma-only decode) plus the MRZ alone (`mrz`), and
//! decoding plus the whole reading of a passport data page (`document`: MRZ, printed zone,
//! portrait), models loaded once beforehand as the service does. Every tract plan is warmed by
//! the first iterations, so the numbers are steady-state.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kyc_documents::mrz::ParseOptions;
use kyc_reading::document::{Photo, Reader};
use kyc_specimen::{FrameSize, Kind, SpecimenRequest, generate};

fn bench(c: &mut Criterion) {
    let today = time::macros::date!(2026 - 11 - 22);
    let mut request = SpecimenRequest::new(Kind::Passport, 21, today);
    request.frame = FrameSize::Fixed {
        width: 4032,
        height: 3024,
    };
    let specimen = generate(&request).expect("specimen");
    let bytes = &specimen.images.last().expect("data page").bytes;
    // As the service takes a photo in: checked, decoded as luma only, oriented.
    let upload = kyc_core::Policy::default().upload;
    let decode = |bytes: &[u8]| {
        let accepted = kyc_vision::intake::intake_luma(bytes, &upload).expect("accepted");
        Photo::from_grey(&accepted.image)
    };
    let reader = Reader::load().expect("models load");
    let options = ParseOptions { today };
    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    group.bench_function("mrz/12MP", |b| {
        b.iter(|| {
            let photo = decode(black_box(bytes));
            reader.read_mrz(&photo, &options).expect("reads")
        })
    });
    group.bench_function("document/12MP", |b| {
        b.iter(|| {
            let photo = decode(black_box(bytes));
            reader.read_document(&photo, None, today).expect("reads")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
