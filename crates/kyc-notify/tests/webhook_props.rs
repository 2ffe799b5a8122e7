//! Property tests of the webhook signature: untrusted headers never panic and never verify, and
//! a real signature verifies only for its own body.

use kyc_notify::webhook::{signature_header, verify_signature};
use proptest::prelude::*;

const BODY: &[u8] = b"{\"event\":\"x\"}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_headers_never_verify(header in ".{0,300}", now in any::<i64>(), tolerance in any::<i64>()) {
        prop_assert!(!verify_signature(b"secret", &header, BODY, now, tolerance), "{:?} verified", header);
    }

    #[test]
    fn header_shaped_noise_never_verifies(
        t in any::<i64>(),
        v1 in "[0-9a-fA-F]{0,70}",
        extra in "[a-z0-9=,. -]{0,40}",
    ) {
        let header = format!("t={t},v1={v1}{extra}");
        prop_assert!(!verify_signature(b"secret", &header, BODY, t, 300), "{:?} verified", header);
    }

    #[test]
    fn a_signature_verifies_only_its_own_body(
        secret in proptest::collection::vec(any::<u8>(), 0..80),
        body in proptest::collection::vec(any::<u8>(), 0..200),
        t in -10_000_000_000i64..10_000_000_000,
        flip in any::<prop::sample::Index>(),
        skew in -300i64..=300,
    ) {
        let header = signature_header(&secret, t, &body);
        prop_assert!(verify_signature(&secret, &header, &body, t + skew, 300));
        if !body.is_empty() {
            let mut tampered = body.clone();
            let i = flip.index(tampered.len());
            tampered[i] ^= 0x01;
            prop_assert!(!verify_signature(&secret, &header, &tampered, t, 300));
        }
        let mut longer = body.clone();
        longer.push(b' ');
        prop_assert!(!verify_signature(&secret, &header, &longer, t, 300));
    }
}
