//! What every request handler and worker shares.

use std::sync::Arc;

use kyc_core::Policy;
use kyc_store::Store;

use crate::auth::TokenSigner;
use crate::config::Config;

/// The shared state of the API and the workers: cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub policy: Arc<Policy>,
    pub config: Arc<Config>,
    pub tokens: TokenSigner,
}
