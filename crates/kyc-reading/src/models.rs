//! The bundled ONNX models: their bytes (compiled in from `models/` at the repository root),
//! where they came from, and their SHA-256, verified before a model is parsed.
//!
//! A model is parsed once ([`Network::load`]); tract then needs a fixed input shape to
//! optimise for, and optimising costs 0.1–0.4 s, so each [`Network`] keeps one optimised plan
//! per input shape it has seen. Callers choose shapes from a few buckets so that cache stays
//! small.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};
use tract_onnx::prelude::*;

/// One bundled model file, as listed in `models/NOTICE.md`.
#[derive(Clone, Copy, Debug)]
pub struct ModelFile {
    /// The file's name under `models/`.
    pub name: &'static str,
    /// The registry package it was taken from.
    pub package: &'static str,
    pub licence: &'static str,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: &'static str,
    bytes: &'static [u8],
}

/// PP-OCRv4 text detection (DB): text probability map, input sides multiples of 32.
pub const TEXT_DETECTION: ModelFile = ModelFile {
    name: "ppocr/ch_PP-OCRv4_det_infer.onnx",
    package: "PyPI rapidocr-onnxruntime 1.4.4",
    licence: "Apache-2.0",
    sha256: "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9",
    bytes: include_bytes!("../../../models/ppocr/ch_PP-OCRv4_det_infer.onnx"),
};

/// PP-OCRv4 text recognition (CTC over 6,625 symbols): input 1×3×48×W.
pub const TEXT_RECOGNITION: ModelFile = ModelFile {
    name: "ppocr/ch_PP-OCRv4_rec_infer.onnx",
    package: "PyPI rapidocr-onnxruntime 1.4.4",
    licence: "Apache-2.0",
    sha256: "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b",
    bytes: include_bytes!("../../../models/ppocr/ch_PP-OCRv4_rec_infer.onnx"),
};

/// UltraFace RFB-320 face detection: input 1×3×240×320.
pub const FACE_DETECTION: ModelFile = ModelFile {
    name: "face/fr_detect.onnx",
    package: "npm faceplugin-face-recognition-js 0.0.1",
    licence: "MIT",
    sha256: "6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854",
    bytes: include_bytes!("../../../models/face/fr_detect.onnx"),
};

/// 68-point face landmarks: input 1×1×64×64 grey crop of a face box.
pub const FACE_LANDMARKS: ModelFile = ModelFile {
    name: "face/fr_landmark.onnx",
    package: "npm faceplugin-face-recognition-js 0.0.1",
    licence: "MIT",
    sha256: "f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258",
    bytes: include_bytes!("../../../models/face/fr_landmark.onnx"),
};

/// Every bundled model.
pub const ALL: [ModelFile; 4] = [
    TEXT_DETECTION,
    TEXT_RECOGNITION,
    FACE_DETECTION,
    FACE_LANDMARKS,
];

/// Why a model could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "model {name}: SHA-256 is {found}, expected {expected} (the file is damaged or was replaced)"
    )]
    Checksum {
        name: &'static str,
        expected: &'static str,
        found: String,
    },
    #[error("model {name}: {message}")]
    Load { name: &'static str, message: String },
    #[error("model {name}: running it failed: {message}")]
    Run { name: &'static str, message: String },
}

impl ModelFile {
    /// The file's bytes.
    pub fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// The SHA-256 of the bytes, lower-case hex.
    pub fn digest(&self) -> String {
        hex(&Sha256::digest(self.bytes))
    }

    /// Checks the bytes against the recorded SHA-256.
    pub fn verify(&self) -> Result<(), ModelError> {
        let found = self.digest();
        if found == self.sha256 {
            Ok(())
        } else {
            Err(ModelError::Checksum {
                name: self.name,
                expected: self.sha256,
                found,
            })
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A parsed model with one optimised plan per input shape.
pub struct Network {
    file: ModelFile,
    model: InferenceModel,
    plans: Mutex<HashMap<Vec<usize>, Arc<TypedRunnableModel>>>,
}

impl Network {
    /// Verifies and parses a model file.
    pub fn load(file: ModelFile) -> Result<Network, ModelError> {
        file.verify()?;
        let model = tract_onnx::onnx()
            .model_for_read(&mut std::io::Cursor::new(file.bytes))
            .map_err(|e| file.load_error(e))?;
        Ok(Network {
            file,
            model,
            plans: Mutex::new(HashMap::new()),
        })
    }

    /// A string property stored in the model (ONNX metadata is under `onnx.metadata_props.`).
    pub fn property(&self, key: &str) -> Option<String> {
        let tensor = self.model.properties.get(key)?;
        tensor
            .try_as_plain_ram()
            .ok()?
            .to_scalar::<String>()
            .ok()
            .cloned()
    }

    /// Runs the model on one `f32` input of the given shape; returns its outputs.
    pub fn run(&self, shape: &[usize], data: Vec<f32>) -> Result<TVec<TValue>, ModelError> {
        let plan = self.plan(shape)?;
        // Moved into the tensor, not copied.
        let input: Tensor = tract_ndarray::ArrayD::from_shape_vec(shape, data)
            .map_err(|e| self.file.run_error(e))?
            .into();
        plan.run(tvec!(input.into()))
            .map_err(|e| self.file.run_error(e))
    }

    /// Plans the network for an input shape ahead of its first use (running a shape for the
    /// first time plans it, which takes a few hundred milliseconds).
    pub fn prepare(&self, shape: &[usize]) -> Result<(), ModelError> {
        self.plan(shape).map(|_| ())
    }

    fn plan(&self, shape: &[usize]) -> Result<Arc<TypedRunnableModel>, ModelError> {
        // A poisoned lock only means another thread panicked while optimising; the cache
        // itself is still a valid map.
        if let Some(plan) = self
            .plans
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(shape)
        {
            return Ok(plan.clone());
        }
        let plan = self
            .model
            .clone()
            .with_input_fact(0, f32::fact(shape).into())
            .and_then(|m| m.into_optimized())
            .and_then(|m| m.into_runnable())
            .map_err(|e| self.file.load_error(e))?;
        self.plans
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(shape.to_vec(), plan.clone());
        Ok(plan)
    }
}

impl ModelFile {
    fn load_error(&self, error: impl std::fmt::Display) -> ModelError {
        ModelError::Load {
            name: self.name,
            message: error.to_string(),
        }
    }

    pub(crate) fn run_error(&self, error: impl std::fmt::Display) -> ModelError {
        ModelError::Run {
            name: self.name,
            message: error.to_string(),
        }
    }
}

/// Reads a tensor's values as a flat `f32` slice with its shape.
pub fn as_f32(value: &TValue) -> Option<(Vec<usize>, &[f32])> {
    let shape = value.shape().to_vec();
    let view = value.try_as_plain_ram().ok()?;
    view.as_slice::<f32>().ok().map(|s| (shape, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_model_matches_its_recorded_checksum() {
        for file in ALL {
            file.verify().unwrap();
        }
    }

    #[test]
    fn a_changed_byte_is_refused() {
        let mut bytes = TEXT_DETECTION.bytes().to_vec();
        bytes[1000] ^= 1;
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let damaged = ModelFile {
            bytes: leaked,
            ..TEXT_DETECTION
        };
        assert!(matches!(
            damaged.verify(),
            Err(ModelError::Checksum { name, .. }) if name == TEXT_DETECTION.name
        ));
    }
}
