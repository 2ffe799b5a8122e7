//! The image checks against the bare JPEG decode, on 1, 3 and 12 megapixel phone photos of a
//! specimen ID card (made by kyc-specimen, so the numbers are reproducible).
//!
//! * `decode` — `image`'s JPEG decode alone (what any upload costs anyway);
//! * `intake` — sniffing, caps, decode, EXIF orientation and facts;
//! * `inspect` — intake plus every check (`assess`): localisation, quality, capture integrity.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kyc_core::Policy;
use kyc_specimen::{FrameSize, Kind, SpecimenRequest, generate};
use kyc_vision::{assess, intake};

fn photo(width: u32, height: u32) -> Vec<u8> {
    let today = time::macros::date!(2026 - 11 - 22);
    let mut request = SpecimenRequest::new(Kind::IdCard, 42, today);
    request.frame = FrameSize::Fixed { width, height };
    let specimen = generate(&request).expect("specimen");
    specimen.images.into_iter().next().expect("front").bytes
}

fn bench(c: &mut Criterion) {
    let policy = Policy::default();
    let mut group = c.benchmark_group("inspect");
    group.sample_size(20);
    for (name, width, height) in [
        ("1MP", 1152, 864),
        ("3MP", 2048, 1536),
        ("12MP", 4032, 3024),
    ] {
        let bytes = photo(width, height);
        group.bench_function(format!("decode/{name}"), |b| {
            b.iter(|| image::load_from_memory(black_box(&bytes)).expect("decodes"))
        });
        group.bench_function(format!("intake/{name}"), |b| {
            b.iter(|| intake(black_box(&bytes), &policy.upload).expect("accepted"))
        });
        let accepted = intake(&bytes, &policy.upload).expect("accepted");
        group.bench_function(format!("checks/{name}"), |b| {
            b.iter(|| assess(black_box(&accepted), &policy.image))
        });
        group.bench_function(format!("inspect/{name}"), |b| {
            b.iter(|| {
                let accepted = intake(black_box(&bytes), &policy.upload).expect("accepted");
                assess(&accepted, &policy.image)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
