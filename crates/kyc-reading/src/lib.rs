//! Reading identity documents from photos.
pub mod models;
pub mod mrz;
pub mod text;
