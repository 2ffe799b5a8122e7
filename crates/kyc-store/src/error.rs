//! The store's error type.

/// Why a store operation failed. Messages carry ids and states, never personal data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The configuration is unusable (database URL, master key).
    #[error("store configuration: {0}")]
    Config(String),
    /// No such row (or not in this tenant).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule would be broken (e.g. the external user id is taken in this tenant).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The operation is not allowed in the row's current state (e.g. submitting twice, a lost
    /// job lease).
    #[error("invalid state: {0}")]
    InvalidState(String),
    /// A value could not be decrypted (tampered, moved, unknown key id, wrong master key).
    #[error("crypto: {0}")]
    Crypto(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A stored value does not parse (an unknown status, a malformed id).
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl From<crate::crypto::CryptoError> for StoreError {
    fn from(e: crate::crypto::CryptoError) -> StoreError {
        StoreError::Crypto(e.to_string())
    }
}
