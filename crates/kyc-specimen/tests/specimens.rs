//! Specimens keep their promises: determinism, readable machine data that matches the identity,
//! corners where the labels say, and every defect changing the picture the way it claims.
//!
//! Pictures are small (`FrameSize::Fixed`) and documents low-resolution where the test allows,
//! so the suite stays fast in unoptimised builds.

use image::RgbImage;
use kyc_specimen::{
    AppliedDefect, Defect, FrameSize, ImageFormat, Kind, Param, Side, SpecimenError, SpecimenImage,
    SpecimenRequest, generate, random_defects, render_flat, truth,
};
use time::{Date, Month};

/// Picture size in most tests.
const W: u32 = 512;
const H: u32 = 384;

fn today() -> Date {
    Date::from_calendar_date(2026, Month::November, 22).expect("a real date")
}

/// A small, fast request.
fn small(kind: Kind, seed: u64, defects: &[Defect]) -> SpecimenRequest {
    let mut request = SpecimenRequest::new(kind, seed, today());
    request.defects = defects.to_vec();
    request.frame = FrameSize::Fixed {
        width: W,
        height: H,
    };
    request.px_per_mm = 4.0;
    request
}

fn decode(image: &SpecimenImage) -> RgbImage {
    image::load_from_memory(&image.bytes)
        .expect("the image decodes")
        .to_rgb8()
}

fn inside(q: &[[f32; 2]; 4], p: [f32; 2]) -> bool {
    let mut sign = 0.0f32;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        let cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
        if cross != 0.0 {
            if sign == 0.0 {
                sign = cross.signum();
            } else if cross.signum() != sign {
                return false;
            }
        }
    }
    true
}

/// Pixels of `img` inside the document (shrunk by 5 % so the edge does not count).
fn document_pixels(img: &RgbImage, corners: &[[f32; 2]; 4]) -> Vec<(u32, u32)> {
    let c = [
        (corners[0][0] + corners[2][0]) / 2.0,
        (corners[0][1] + corners[2][1]) / 2.0,
    ];
    let q = corners.map(|p| [c[0] + (p[0] - c[0]) * 0.9, c[1] + (p[1] - c[1]) * 0.9]);
    let mut out = Vec::new();
    for (x, y, _) in img.enumerate_pixels() {
        if inside(&q, [x as f32 + 0.5, y as f32 + 0.5]) {
            out.push((x, y));
        }
    }
    out
}

fn luma(p: [u8; 3]) -> f32 {
    0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
}

/// Mean squared horizontal + vertical luminance difference over the document.
fn gradient_energy(img: &RgbImage, pixels: &[(u32, u32)]) -> f32 {
    let mut sum = 0.0;
    let mut n = 0;
    for &(x, y) in pixels {
        if x + 1 < img.width() && y + 1 < img.height() {
            let l = luma(img.get_pixel(x, y).0);
            let dx = luma(img.get_pixel(x + 1, y).0) - l;
            let dy = luma(img.get_pixel(x, y + 1).0) - l;
            sum += dx * dx + dy * dy;
            n += 1;
        }
    }
    sum / n.max(1) as f32
}

fn mean_luma(img: &RgbImage, pixels: &[(u32, u32)]) -> f32 {
    pixels
        .iter()
        .map(|&(x, y)| luma(img.get_pixel(x, y).0))
        .sum::<f32>()
        / pixels.len().max(1) as f32
}

fn mean_saturation(img: &RgbImage, pixels: &[(u32, u32)]) -> f32 {
    pixels
        .iter()
        .map(|&(x, y)| {
            let p = img.get_pixel(x, y).0.map(f32::from);
            let max = p[0].max(p[1]).max(p[2]);
            let min = p[0].min(p[1]).min(p[2]);
            if max > 0.0 { (max - min) / max } else { 0.0 }
        })
        .sum::<f32>()
        / pixels.len().max(1) as f32
}

fn saturated_fraction(img: &RgbImage, pixels: &[(u32, u32)]) -> f32 {
    let n = pixels
        .iter()
        .filter(|&&(x, y)| img.get_pixel(x, y).0.iter().all(|&v| v >= 250))
        .count();
    n as f32 / pixels.len().max(1) as f32
}

fn front(kind: Kind, seed: u64, defects: &[Defect]) -> (SpecimenImage, RgbImage) {
    let specimen = generate(&small(kind, seed, defects)).expect("generates");
    let image = specimen.images.into_iter().next().expect("a front");
    let pixels = decode(&image);
    (image, pixels)
}

fn has_exif(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let request = small(Kind::IdCard, 42, &[Defect::Glare]);
    let a = generate(&request).expect("generates");
    let b = generate(&request).expect("generates");
    assert_eq!(a, b);
    let c = generate(&small(Kind::IdCard, 43, &[Defect::Glare])).expect("generates");
    assert_ne!(a.images[0].bytes, c.images[0].bytes);
    assert_ne!(a.truth.identity, c.truth.identity);
}

#[test]
fn every_kind_renders_at_its_physical_size() {
    for (kind, sides, aspect) in [
        (Kind::Passport, 1, 125.0 / 88.0),
        (Kind::IdCard, 2, 85.6 / 53.98),
        (Kind::DrivingLicence, 2, 85.6 / 53.98),
    ] {
        let mut request = small(kind, 5, &[]);
        request.px_per_mm = 4.0;
        let flat = render_flat(&request).expect("renders");
        assert_eq!(flat.sides.len(), sides, "{kind}");
        for side in &flat.sides {
            let (w, h) = side.image.dimensions();
            assert!(
                ((w as f32 / h as f32) - aspect).abs() < 0.02,
                "{kind}: {w}×{h}"
            );
            // Opaque inside, transparent at the rounded corners of cards.
            assert_eq!(side.image.get_pixel(w / 2, h / 2).0[3], 255);
            if kind != Kind::Passport {
                assert_eq!(
                    side.image.get_pixel(0, 0).0[3],
                    0,
                    "{kind} has rounded corners"
                );
            }
        }
        let specimen = generate(&request).expect("generates");
        assert_eq!(specimen.images.len(), sides);
        assert_eq!(specimen.images[0].side, Side::Front);
        for image in &specimen.images {
            assert_eq!(image.format, ImageFormat::Jpeg);
            assert_eq!((image.width, image.height), (W, H));
            assert_eq!(decode(image).dimensions(), (W, H));
            assert!(has_exif(&image.bytes) == image.camera.is_some());
        }
    }
}

#[test]
fn mrz_lines_parse_and_match_the_identity() {
    let options = kyc_documents::mrz::ParseOptions { today: today() };
    for seed in 0..150 {
        for kind in [Kind::Passport, Kind::IdCard] {
            for (expired, minor) in [(false, false), (true, false), (false, true)] {
                let mut request = small(kind, seed, &[]);
                request.expired = expired;
                request.minor = minor;
                let t = truth(&request).expect("draws");
                let report = kyc_documents::mrz::parse(&t.mrz_lines.join("\n"), &options)
                    .unwrap_or_else(|err| panic!("{:?}: {err}", t.mrz_lines));
                assert!(report.checks_ok, "{:?}: {:?}", t.mrz_lines, report.checks);
                let f = &report.fields;
                let id = &t.identity;
                assert_eq!(
                    f.document_number.as_deref(),
                    Some(id.document_number.as_str())
                );
                assert_eq!(f.birth_date, Some(id.birth_date));
                assert_eq!(f.expiry_date, Some(id.expiry_date));
                assert_eq!(f.nationality.as_deref(), Some(id.nationality.as_str()));
                assert_eq!(
                    f.issuing_state.as_deref(),
                    Some(id.issuing_country.as_str())
                );
                let sex = match id.sex {
                    kyc_specimen::Sex::Male => kyc_documents::mrz::Sex::Male,
                    kyc_specimen::Sex::Female => kyc_documents::mrz::Sex::Female,
                };
                assert_eq!(f.sex, Some(sex));
                // Names: the ICAO transliteration (possibly truncated) of the printed name.
                let fold = |s: &str| {
                    let folded: String = s
                        .chars()
                        .map(|c| match c {
                            'ễ' | 'ệ' | 'ê' | 'ế' | 'ề' | 'ể' | 'ẽ' | 'ẹ' | 'ẻ' => {
                                'e'
                            }
                            _ => c,
                        })
                        .collect();
                    kyc_documents::mrz::transliterate(&folded).replace('<', " ")
                };
                let surname = f.surname.clone().unwrap_or_default();
                let expected_surname = fold(&id.surname);
                if id.nationality != "VNM" {
                    assert!(
                        expected_surname.starts_with(&surname) && !surname.is_empty(),
                        "{surname:?} vs {expected_surname:?}"
                    );
                    let given = f.given_names.clone().unwrap_or_default();
                    assert!(
                        fold(&id.given_names).starts_with(given.trim()),
                        "{given:?} vs {:?}",
                        id.given_names
                    );
                }
                assert_eq!(
                    report.format.name(),
                    if kind == Kind::Passport { "TD3" } else { "TD1" }
                );
                assert_eq!(id.expiry_date < today(), expired);
            }
        }
    }
}

#[test]
fn vietnamese_names_keep_every_letter_in_the_mrz() {
    let options = kyc_documents::mrz::ParseOptions { today: today() };
    let mut seen = 0;
    for seed in 0..400 {
        let t = truth(&small(Kind::Passport, seed, &[])).expect("draws");
        if t.identity.nationality != "VNM" {
            continue;
        }
        seen += 1;
        let report = kyc_documents::mrz::parse(&t.mrz_lines.join("\n"), &options).expect("parses");
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        assert_eq!(
            letters(report.fields.surname.as_deref().unwrap_or("")),
            letters(&t.identity.surname),
            "{:?}",
            t.mrz_lines
        );
    }
    assert!(seen > 5);
}

#[test]
fn licence_payload_parses_and_matches_the_identity() {
    for seed in 0..40 {
        let t = truth(&small(Kind::DrivingLicence, seed, &[])).expect("draws");
        let payload = t.barcode_payload.as_deref().expect("a payload");
        let report = kyc_documents::aamva::parse(payload).expect("parses");
        let f = &report.fields;
        let id = &t.identity;
        assert_eq!(f.family_name.as_deref(), Some(id.surname.as_str()));
        assert_eq!(
            f.document_number.as_deref(),
            Some(id.document_number.as_str())
        );
        assert_eq!(f.birth_date, Some(id.birth_date));
        assert_eq!(f.expiry_date, Some(id.expiry_date));
        assert_eq!(f.issue_date, Some(id.issue_date));
        assert_eq!(
            f.state.as_deref(),
            id.address.as_ref().and_then(|a| a.state.as_deref())
        );
        assert!(t.mrz_lines.is_empty());
    }
}

#[test]
fn pdf417_on_the_licence_back_decodes_to_the_payload() {
    let mut request = small(Kind::DrivingLicence, 11, &[]);
    request.px_per_mm = 12.0;
    let flat = render_flat(&request).expect("renders");
    let back = flat
        .sides
        .iter()
        .find(|s| s.side == Side::Back)
        .expect("a back");
    let grey = image::DynamicImage::ImageRgba8(back.image.clone()).to_luma8();
    let (w, h) = grey.dimensions();
    let result =
        rxing::helpers::detect_in_luma(grey.into_raw(), w, h, Some(rxing::BarcodeFormat::PDF_417))
            .expect("rxing finds the PDF417");
    assert_eq!(
        Some(result.getText()),
        flat.truth.barcode_payload.as_deref()
    );
}

#[test]
fn corners_stay_in_the_frame_unless_cut_off() {
    for seed in 0..6 {
        let (image, _) = front(Kind::Passport, seed, &[]);
        for p in image.document_corners {
            assert!(
                p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= W as f32 && p[1] <= H as f32,
                "seed {seed}: {:?}",
                image.document_corners
            );
        }
        let (cut, _) = front(Kind::Passport, seed, &[Defect::CutOff]);
        let outside = cut
            .document_corners
            .iter()
            .filter(|p| p[0] < 0.0 || p[1] < 0.0 || p[0] > W as f32 || p[1] > H as f32)
            .count();
        assert!(outside >= 1, "seed {seed}: {:?}", cut.document_corners);
        let recorded = &cut
            .defects
            .iter()
            .find(|d| d.name == Defect::CutOff)
            .expect("recorded")
            .params;
        assert_eq!(
            recorded.get("corners_outside"),
            Some(&Param::Int(outside as i64))
        );
    }
}

#[test]
fn corners_mark_the_document() {
    // The document (a light card) is brighter than most surfaces right inside its corners.
    let (image, pixels) = front(Kind::Passport, 3, &[Defect::Screenshot]);
    assert_eq!(image.format, ImageFormat::Png);
    let inner = document_pixels(&pixels, &image.document_corners);
    assert!(!inner.is_empty());
    assert!(mean_luma(&pixels, &inner) > 120.0);
}

#[test]
fn blur_and_motion_lower_the_gradient_energy() {
    for kind in [Kind::Passport, Kind::DrivingLicence] {
        let (clean, clean_px) = front(kind, 21, &[]);
        let region = document_pixels(&clean_px, &clean.document_corners);
        let sharp = gradient_energy(&clean_px, &region);
        for defect in [Defect::Blur, Defect::Motion] {
            let (blurred, px) = front(kind, 21, &[defect]);
            assert_eq!(
                blurred.document_corners, clean.document_corners,
                "same pose"
            );
            let soft = gradient_energy(&px, &region);
            assert!(soft < sharp * 0.6, "{kind} {defect}: {soft} vs {sharp}");
        }
    }
}

/// The record of `defect` among those applied to `image` (a small frame can add a
/// low-resolution record to the one asked for).
fn applied(image: &SpecimenImage, defect: Defect) -> &AppliedDefect {
    image
        .defects
        .iter()
        .find(|d| d.name == defect)
        .unwrap_or_else(|| panic!("{defect} not applied: {:?}", image.defects))
}

#[test]
fn glare_saturates_pixels_on_the_document() {
    let (clean, clean_px) = front(Kind::IdCard, 8, &[]);
    let region = document_pixels(&clean_px, &clean.document_corners);
    let (glare, px) = front(Kind::IdCard, 8, &[Defect::Glare]);
    let before = saturated_fraction(&clean_px, &region);
    let after = saturated_fraction(&px, &region);
    assert!(after > before + 0.01, "{before} → {after}");
    let params = &applied(&glare, Defect::Glare).params;
    assert!(matches!(params.get("centres_x"), Some(Param::Numbers(v)) if !v.is_empty()));
}

#[test]
fn dark_and_shadow_darken_the_document() {
    let (clean, clean_px) = front(Kind::Passport, 9, &[]);
    let region = document_pixels(&clean_px, &clean.document_corners);
    let bright = mean_luma(&clean_px, &region);
    let (_, dark) = front(Kind::Passport, 9, &[Defect::Dark]);
    assert!(mean_luma(&dark, &region) < bright * 0.5);
    let (shadowed, px) = front(Kind::Passport, 9, &[Defect::Shadow]);
    let covered = match applied(&shadowed, Defect::Shadow)
        .params
        .get("covered_fraction")
    {
        Some(Param::Number(f)) => *f as f32,
        other => panic!("{other:?}"),
    };
    assert!(mean_luma(&px, &region) < bright * (1.0 - 0.2 * covered));
}

#[test]
fn photocopy_has_little_colour() {
    let (clean, clean_px) = front(Kind::DrivingLicence, 4, &[]);
    let (copy, px) = front(Kind::DrivingLicence, 4, &[Defect::Photocopy]);
    let region = document_pixels(&px, &copy.document_corners);
    let before = mean_saturation(
        &clean_px,
        &document_pixels(&clean_px, &clean.document_corners),
    );
    let after = mean_saturation(&px, &region);
    assert!(after < 0.2 && after < before, "{before} → {after}");
}

#[test]
fn screenshot_is_a_png_at_a_device_size_without_exif() {
    for seed in 0..3 {
        let (shot, px) = front(Kind::IdCard, seed, &[Defect::Screenshot]);
        assert_eq!(shot.format, ImageFormat::Png);
        assert_eq!(&shot.bytes[1..4], b"PNG");
        assert!(!has_exif(&shot.bytes) && shot.camera.is_none());
        let size = (px.width(), px.height());
        assert!(
            [
                (1170, 2532),
                (1179, 2556),
                (1080, 2400),
                (1440, 3200),
                (1920, 1080),
                (2560, 1440),
                (1366, 768),
                (1440, 900)
            ]
            .contains(&size),
            "{size:?}"
        );
        for p in shot.document_corners {
            assert!(p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= size.0 as f32 && p[1] <= size.1 as f32);
        }
    }
}

#[test]
fn low_resolution_documents_are_200_to_500_pixels_wide() {
    for seed in 0..4 {
        let mut request = small(Kind::IdCard, seed, &[Defect::LowResolution]);
        request.frame = FrameSize::Camera;
        let specimen = generate(&request).expect("generates");
        let image = &specimen.images[0];
        let c = image.document_corners;
        let width = ((c[1][0] - c[0][0]).powi(2) + (c[1][1] - c[0][1]).powi(2)).sqrt();
        assert!((150.0..=520.0).contains(&width), "seed {seed}: {width}");
        assert!(image.width <= 1280);
    }
}

#[test]
fn screen_damage_and_combinations_change_the_picture_and_are_recorded() {
    let (clean, clean_px) = front(Kind::IdCard, 6, &[]);
    for defects in [
        vec![Defect::Screen],
        vec![Defect::Damage],
        vec![Defect::Blur, Defect::Glare, Defect::Shadow],
        vec![Defect::Photocopy, Defect::Screenshot],
    ] {
        let (image, px) = front(Kind::IdCard, 6, &defects);
        let names: Vec<Defect> = image.defects.iter().map(|d| d.name).collect();
        for d in &defects {
            assert!(names.contains(d), "{defects:?}: {names:?}");
        }
        assert!(image.bytes != clean.bytes);
        if px.dimensions() == clean_px.dimensions() {
            let region = document_pixels(&clean_px, &clean.document_corners);
            let diff: f32 = region
                .iter()
                .map(|&(x, y)| {
                    (luma(px.get_pixel(x, y).0) - luma(clean_px.get_pixel(x, y).0)).abs()
                })
                .sum::<f32>()
                / region.len() as f32;
            assert!(diff > 1.0, "{defects:?}: {diff}");
        }
    }
}

#[test]
fn photos_carry_camera_exif() {
    let mut request = small(Kind::Passport, 2, &[]);
    request.frame = FrameSize::Fixed {
        width: 800,
        height: 600,
    };
    let specimen = generate(&request).expect("generates");
    let image = &specimen.images[0];
    let camera = image.camera.as_ref().expect("a camera");
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&image.bytes))
        .expect("EXIF parses");
    let text = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .map(|f| f.display_value().to_string().trim_matches('"').to_string())
    };
    assert_eq!(text(exif::Tag::Make).as_deref(), Some(camera.make.as_str()));
    assert_eq!(
        text(exif::Tag::Model).as_deref(),
        Some(camera.model.as_str())
    );
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0));
    assert_eq!(orientation, Some(1));
    let original = exif
        .get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)
        .expect("DateTimeOriginal");
    assert!(
        original
            .display_value()
            .to_string()
            .starts_with("2026-11-22")
    );
}

#[test]
fn bad_requests_are_errors_not_panics() {
    let mut request = small(Kind::Passport, 1, &[Defect::Screenshot, Defect::Glare]);
    assert!(matches!(
        generate(&request),
        Err(SpecimenError::Incompatible(..))
    ));
    request.defects = vec![Defect::Screen, Defect::Photocopy];
    assert!(generate(&request).is_err());
    request.defects.clear();
    for bad in [f32::NAN, f32::INFINITY, -1.0, 0.0, 1000.0] {
        request.px_per_mm = bad;
        assert!(generate(&request).is_err());
        assert!(render_flat(&request).is_err());
    }
    request.px_per_mm = 5.0;
    request.frame = FrameSize::Fixed {
        width: 0,
        height: u32::MAX,
    };
    assert!(generate(&request).is_err());
    assert!("blurry".parse::<Defect>().is_err());
    assert!("id-card".parse::<Kind>().is_ok());
    // Dates far from now are refused; a leap day works.
    for date in [Date::MIN, Date::MAX] {
        let mut r = small(Kind::Passport, 1, &[]);
        r.today = date;
        assert!(truth(&r).is_err());
    }
    for seed in 0..50 {
        let mut r = small(Kind::DrivingLicence, seed, &[]);
        r.today = Date::from_calendar_date(2028, Month::February, 29).expect("date");
        r.expired = seed % 2 == 0;
        let t = truth(&r).expect("draws");
        assert_eq!(t.identity.expiry_date < r.today, r.expired);
    }
}

#[test]
fn random_mixes_are_valid_and_deterministic() {
    let mut clean = 0;
    for seed in 0..200 {
        let mix = random_defects(seed);
        assert_eq!(mix, random_defects(seed));
        assert!(mix.len() <= 2);
        if mix.is_empty() {
            clean += 1;
        }
        let request = small(Kind::Passport, seed, &mix);
        assert!(truth(&request).is_ok(), "{mix:?}");
    }
    assert!((40..=110).contains(&clean), "{clean}");
}

#[test]
fn a_copied_booklets_corners_are_its_data_pages() {
    // An open passport is copied whole, both pages; the document is still its data page, a
    // landscape page (125 × 88 mm), not the portrait pair of pages.
    let length = |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    let mut booklets = 0;
    for seed in 0..8 {
        let (copy, _) = front(Kind::Passport, seed, &[Defect::Photocopy]);
        if copy.capture.get("booklet") != Some(&Param::from("yes")) {
            continue;
        }
        booklets += 1;
        let c = copy.document_corners;
        let ratio =
            (length(c[0], c[1]) + length(c[2], c[3])) / (length(c[1], c[2]) + length(c[3], c[0]));
        assert!((1.2..1.65).contains(&ratio), "seed {seed}: {ratio}");
    }
    assert!(booklets > 0, "no open booklet among the seeds");
}
