//! Reading identity documents from photos.
pub mod barcode;
pub mod document;
pub mod face;
pub mod ink;
pub mod models;
pub mod mrz;
pub mod mrz_grid;
pub mod ocrb;
pub mod printed;
pub mod reading;
pub mod text;
