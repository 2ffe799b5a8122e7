//! Property tests of the encryption envelope.

use kyc_store::crypto::{self, DataKey, HEADER_LEN, TAG_LEN};
use proptest::prelude::*;

fn key() -> DataKey {
    DataKey::from_parts(*b"propkey1", [0x42; 32])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_plaintexts_round_trip(
        plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
        aad in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let k = key();
        let sealed = k.seal(&aad, &plaintext).unwrap();
        prop_assert_eq!(sealed.len(), HEADER_LEN + plaintext.len() + TAG_LEN);
        prop_assert_eq!(crypto::key_id_of(&sealed).unwrap(), k.id());
        prop_assert_eq!(k.open(&aad, &sealed).unwrap(), plaintext);
    }

    #[test]
    fn any_flipped_byte_fails(
        plaintext in proptest::collection::vec(any::<u8>(), 0..256),
        index in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        let k = key();
        let mut sealed = k.seal(b"applicants.email:1", &plaintext).unwrap();
        let i = index.index(sealed.len());
        sealed[i] ^= 1 << bit;
        prop_assert!(k.open(b"applicants.email:1", &sealed).is_err());
    }

    #[test]
    fn other_associated_data_fails(
        plaintext in proptest::collection::vec(any::<u8>(), 0..256),
        a in "[a-z._:0-9]{1,40}",
        b in "[a-z._:0-9]{1,40}",
    ) {
        prop_assume!(a != b);
        let k = key();
        let sealed = k.seal(a.as_bytes(), &plaintext).unwrap();
        prop_assert!(k.open(b.as_bytes(), &sealed).is_err());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = crypto::key_id_of(&bytes);
        prop_assert!(key().open(b"x", &bytes).is_err());
    }
}
