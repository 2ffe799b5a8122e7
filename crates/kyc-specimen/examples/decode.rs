//! Tries to read the PDF417 barcode of pictures: `cargo run --release -p kyc-specimen
//! --example decode -- FILE...` (a check that licence backs stay machine-readable).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let grey = image::open(&path)?.to_luma8();
        let (w, h) = grey.dimensions();
        match rxing::helpers::detect_in_luma(
            grey.into_raw(),
            w,
            h,
            Some(rxing::BarcodeFormat::PDF_417),
        ) {
            Ok(result) => println!("{path}: decoded {} characters", result.getText().len()),
            Err(err) => println!("{path}: not decoded ({err})"),
        }
    }
    Ok(())
}
