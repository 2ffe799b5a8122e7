//! The encryption envelope: pure functions, no I/O, no global state.
//!
//! Two layers of keys:
//!
//! * the **master key** (32 bytes, configured by the operator, never stored) wraps
//! * **data keys** (32 random bytes each, stored wrapped in the `data_keys` table beside the
//!   master key's id), which encrypt the values.
//!
//! A sealed value is
//!
//! ```text
//! version (1 byte = 1) | data key id (8 bytes) | nonce (12 random bytes) | AES-256-GCM ciphertext + tag (16 bytes)
//! ```
//!
//! and its associated data names the place it belongs to (`"applicants.email:<id>"`), so a
//! value copied into another row or column fails to open. The header (version and key id) is
//! authenticated too: it is prepended to the associated data.
//!
//! A wrapped data key is `nonce (12) | ciphertext + tag (48)`, sealed under the master key with
//! the associated data `"kycd data key <key id hex>"`.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The envelope format written today.
pub const VERSION: u8 = 1;
/// Bytes of a data key id inside a ciphertext.
pub const KEY_ID_LEN: usize = 8;
/// Bytes of an AES-GCM nonce.
pub const NONCE_LEN: usize = 12;
/// Bytes of an AES-GCM tag.
pub const TAG_LEN: usize = 16;
/// Bytes before the ciphertext proper.
pub const HEADER_LEN: usize = 1 + KEY_ID_LEN + NONCE_LEN;

/// Why a value could not be sealed or opened. Deliberately vague: it never carries key
/// material or plaintext.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("ciphertext too short")]
    Truncated,
    #[error("unknown envelope version {0}")]
    Version(u8),
    #[error("decryption failed (wrong key, wrong place or tampered)")]
    Authentication,
    #[error("encryption failed")]
    Encryption,
    #[error("random number generator failed")]
    Random,
    #[error("invalid key: {0}")]
    InvalidKey(&'static str),
}

/// Fills `buf` from the operating system's random number generator.
pub fn random_bytes(buf: &mut [u8]) -> Result<(), CryptoError> {
    getrandom::fill(buf).map_err(|_| CryptoError::Random)
}

fn cipher(key: &[u8; 32]) -> Result<Aes256Gcm, CryptoError> {
    Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::InvalidKey("AES-256 key length"))
}

/// The operator's master key: 32 bytes. Its `Debug` shows the id only.
#[derive(Clone, PartialEq, Eq)]
pub struct MasterKey {
    key: [u8; 32],
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id())
            .finish_non_exhaustive()
    }
}

impl MasterKey {
    /// A new random master key.
    ///
    /// # Panics
    /// When the operating system has no random number generator (there is no safe way on).
    pub fn generate() -> MasterKey {
        let mut key = [0u8; 32];
        random_bytes(&mut key).expect("the operating system's random number generator failed");
        MasterKey { key }
    }

    /// A master key from its raw bytes.
    pub fn from_bytes(key: [u8; 32]) -> MasterKey {
        MasterKey { key }
    }

    /// Parses 64 hex digits (surrounding whitespace ignored). A malformed key is a
    /// configuration error.
    pub fn from_hex(s: &str) -> Result<MasterKey, crate::StoreError> {
        let bad =
            || crate::StoreError::Config("the master key must be 64 hex digits (32 bytes)".into());
        let bytes = hex::decode(s.trim()).map_err(|_| bad())?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        Ok(MasterKey { key })
    }

    /// The 64 hex digits of the key.
    pub fn to_hex(&self) -> String {
        hex::encode(self.key)
    }

    /// The first 16 hex digits of SHA-256 of the key: names the key without revealing it.
    pub fn id(&self) -> String {
        let digest: [u8; 32] = Sha256::digest(self.key).into();
        hex::encode(&digest[..8])
    }

    /// HMAC-SHA256(key, purpose): a sub-key for one purpose ("access-token",
    /// "document-key", "external-user-id").
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        hmac_sha256(&self.key, purpose.as_bytes())
    }

    /// Wraps a data key under this master key.
    pub fn wrap(&self, data_key: &DataKey) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        let aad = wrap_aad(&data_key.id);
        let sealed = cipher(&self.key)?
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &data_key.key,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Encryption)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Unwraps the data key `id` wrapped by [`MasterKey::wrap`].
    pub fn unwrap(&self, id: [u8; KEY_ID_LEN], wrapped: &[u8]) -> Result<DataKey, CryptoError> {
        if wrapped.len() != NONCE_LEN + 32 + TAG_LEN {
            return Err(CryptoError::Truncated);
        }
        let (nonce, sealed) = wrapped.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| CryptoError::Truncated)?;
        let aad = wrap_aad(&id);
        let key = cipher(&self.key)?
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Authentication)?;
        let key: [u8; 32] = key.try_into().map_err(|_| CryptoError::Truncated)?;
        Ok(DataKey { id, key })
    }
}

fn wrap_aad(id: &[u8; KEY_ID_LEN]) -> String {
    format!("kycd data key {}", hex::encode(id))
}

/// HMAC-SHA256.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().into()
        }
        Err(_) => [0u8; 32],
    }
}

/// SHA-256.
pub fn sha256(message: &[u8]) -> [u8; 32] {
    Sha256::digest(message).into()
}

/// A data key: encrypts values. Its `Debug` shows the id only.
#[derive(Clone, PartialEq, Eq)]
pub struct DataKey {
    id: [u8; KEY_ID_LEN],
    key: [u8; 32],
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataKey")
            .field("id", &self.id_hex())
            .finish_non_exhaustive()
    }
}

impl DataKey {
    /// A new random data key with a random id.
    pub fn generate() -> Result<DataKey, CryptoError> {
        let mut id = [0u8; KEY_ID_LEN];
        let mut key = [0u8; 32];
        random_bytes(&mut id)?;
        random_bytes(&mut key)?;
        Ok(DataKey { id, key })
    }

    /// A data key from its parts (tests, tools).
    pub fn from_parts(id: [u8; KEY_ID_LEN], key: [u8; 32]) -> DataKey {
        DataKey { id, key }
    }

    pub fn id(&self) -> [u8; KEY_ID_LEN] {
        self.id
    }

    /// The key's bytes (the index key is used as an HMAC root).
    pub(crate) fn material(&self) -> [u8; 32] {
        self.key
    }

    /// The id as 16 hex digits, as stored in `data_keys.id`.
    pub fn id_hex(&self) -> String {
        hex::encode(self.id)
    }

    /// Seals `plaintext` for the place `aad` names, with a fresh random nonce.
    pub fn seal(&self, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce)?;
        self.seal_with_nonce(nonce, aad, plaintext)
    }

    /// Seals with a given nonce. A nonce must never be used twice with one key: use
    /// [`DataKey::seal`] except in tests.
    pub fn seal_with_nonce(
        &self,
        nonce: [u8; NONCE_LEN],
        aad: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let mut header = [0u8; HEADER_LEN];
        header[0] = VERSION;
        header[1..1 + KEY_ID_LEN].copy_from_slice(&self.id);
        header[1 + KEY_ID_LEN..].copy_from_slice(&nonce);
        let full_aad = full_aad(&header[..1 + KEY_ID_LEN], aad);
        let sealed = cipher(&self.key)?
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: &full_aad,
                },
            )
            .map_err(|_| CryptoError::Encryption)?;
        let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
        out.extend_from_slice(&header);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens a value sealed by this key for the place `aad` names.
    pub fn open(&self, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let id = key_id_of(sealed)?;
        if id != self.id {
            return Err(CryptoError::Authentication);
        }
        let nonce: [u8; NONCE_LEN] = sealed[1 + KEY_ID_LEN..HEADER_LEN]
            .try_into()
            .map_err(|_| CryptoError::Truncated)?;
        let full_aad = full_aad(&sealed[..1 + KEY_ID_LEN], aad);
        cipher(&self.key)?
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &sealed[HEADER_LEN..],
                    aad: &full_aad,
                },
            )
            .map_err(|_| CryptoError::Authentication)
    }
}

fn full_aad(header: &[u8], aad: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(header.len() + aad.len());
    out.extend_from_slice(header);
    out.extend_from_slice(aad);
    out
}

/// The id of the data key a sealed value names (checks the version and the length).
pub fn key_id_of(sealed: &[u8]) -> Result<[u8; KEY_ID_LEN], CryptoError> {
    if sealed.len() < HEADER_LEN + TAG_LEN {
        return Err(CryptoError::Truncated);
    }
    if sealed[0] != VERSION {
        return Err(CryptoError::Version(sealed[0]));
    }
    sealed[1..1 + KEY_ID_LEN]
        .try_into()
        .map_err(|_| CryptoError::Truncated)
}

/// Parses a data key id as stored in the database (16 hex digits).
pub fn parse_key_id(s: &str) -> Result<[u8; KEY_ID_LEN], CryptoError> {
    let bytes = hex::decode(s).map_err(|_| CryptoError::InvalidKey("data key id"))?;
    bytes
        .try_into()
        .map_err(|_| CryptoError::InvalidKey("data key id"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> DataKey {
        DataKey::from_parts([n; KEY_ID_LEN], [n.wrapping_add(100); 32])
    }

    #[test]
    fn round_trip() {
        let k = key(1);
        let sealed = k.seal(b"applicants.email:1", b"alice@example.org").unwrap();
        assert_eq!(sealed.len(), HEADER_LEN + 17 + TAG_LEN);
        assert_eq!(sealed[0], VERSION);
        assert_eq!(key_id_of(&sealed).unwrap(), k.id());
        assert_eq!(
            k.open(b"applicants.email:1", &sealed).unwrap(),
            b"alice@example.org"
        );
    }

    #[test]
    fn empty_plaintext_round_trips() {
        let k = key(2);
        let sealed = k.seal(b"x", b"").unwrap();
        assert_eq!(k.open(b"x", &sealed).unwrap(), b"");
    }

    #[test]
    fn nonces_differ() {
        let k = key(1);
        let a = k.seal(b"a", b"same").unwrap();
        let b = k.seal(b"a", b"same").unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn wrong_place_fails() {
        let k = key(1);
        let sealed = k.seal(b"applicants.email:1", b"alice@example.org").unwrap();
        assert_eq!(
            k.open(b"applicants.email:2", &sealed),
            Err(CryptoError::Authentication)
        );
        assert_eq!(
            k.open(b"applicants.level1:1", &sealed),
            Err(CryptoError::Authentication)
        );
    }

    #[test]
    fn tamper_fails() {
        let k = key(1);
        let sealed = k.seal(b"p", b"hello world").unwrap();
        for i in 0..sealed.len() {
            let mut t = sealed.clone();
            t[i] ^= 0x01;
            assert!(k.open(b"p", &t).is_err(), "flip at {i} accepted");
        }
        assert_eq!(k.open(b"p", &sealed[..10]), Err(CryptoError::Truncated));
        assert!(k.open(b"p", &sealed[..sealed.len() - 1]).is_err());
    }

    #[test]
    fn wrong_key_fails() {
        let sealed = key(1).seal(b"p", b"hello").unwrap();
        assert!(key(2).open(b"p", &sealed).is_err());
        // Same id, different key material.
        let impostor = DataKey::from_parts(key(1).id(), [9; 32]);
        assert_eq!(
            impostor.open(b"p", &sealed),
            Err(CryptoError::Authentication)
        );
    }

    #[test]
    fn wrap_unwrap() {
        let master = MasterKey::from_bytes([7; 32]);
        let dk = DataKey::generate().unwrap();
        let wrapped = master.wrap(&dk).unwrap();
        assert_eq!(master.unwrap(dk.id(), &wrapped).unwrap(), dk);
        // Another master key, or another id, fails.
        let other = MasterKey::from_bytes([8; 32]);
        assert!(other.unwrap(dk.id(), &wrapped).is_err());
        assert!(master.unwrap([0; KEY_ID_LEN], &wrapped).is_err());
    }

    #[test]
    fn master_key_hex_and_id() {
        let m = MasterKey::generate();
        let again = MasterKey::from_hex(&m.to_hex()).unwrap();
        assert_eq!(m, again);
        assert_eq!(m.id().len(), 16);
        assert_eq!(m.id(), again.id());
        assert!(MasterKey::from_hex("abcd").is_err());
        assert!(MasterKey::from_hex(&"zz".repeat(32)).is_err());
        let debug = format!("{m:?}");
        assert!(!debug.contains(&m.to_hex()));
        assert!(debug.contains(&m.id()));
    }

    #[test]
    fn derive_is_hmac() {
        let m = MasterKey::from_bytes([0x0b; 32]);
        assert_ne!(m.derive("a"), m.derive("b"));
        assert_eq!(m.derive("a"), hmac_sha256(&[0x0b; 32], b"a"));
        // RFC 4231 test case 2.
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
