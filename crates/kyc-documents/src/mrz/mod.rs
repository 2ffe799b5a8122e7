//! MRZ: being written.
