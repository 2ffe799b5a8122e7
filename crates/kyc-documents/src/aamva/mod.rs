//! AAMVA: being written.
