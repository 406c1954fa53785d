//! Secrets kept encrypted at rest (TOTP secrets): ChaCha20-Poly1305 with the portal's key
//! (`PORTAL_SECRET_KEY`, 64 hex digits). Stored as hex of `nonce | ciphertext | tag`; the
//! associated data binds a sealed value to what it belongs to, so it cannot be moved to another
//! account's row.

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

/// The portal's key for secrets at rest.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(..)")
    }
}

impl SecretKey {
    /// A key from 64 hex digits.
    pub fn from_hex(hex_key: &str) -> Option<SecretKey> {
        let bytes = hex::decode(hex_key.trim()).ok()?;
        Some(SecretKey(bytes.try_into().ok()?))
    }

    /// A new random key, as 64 hex digits.
    pub fn generate_hex() -> String {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).expect("the OS random source works");
        hex::encode(k)
    }

    fn key(&self) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&CHACHA20_POLY1305, &self.0).expect("a 32-byte key"))
    }

    /// Encrypts `plain` for `context` (e.g. `"totp:17"`).
    pub fn seal(&self, context: &str, plain: &[u8]) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).expect("the OS random source works");
        let mut data = plain.to_vec();
        self.key()
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context.as_bytes()),
                &mut data,
            )
            .expect("sealing cannot fail for small inputs");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        hex::encode(out)
    }

    /// Decrypts what [`SecretKey::seal`] made for the same `context`; `None` if it was made with
    /// another key or context, or altered.
    pub fn open(&self, context: &str, sealed: &str) -> Option<Vec<u8>> {
        let bytes = hex::decode(sealed).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = rest.to_vec();
        let plain = self.key().open_in_place(nonce, Aad::from(context.as_bytes()), &mut data).ok()?;
        Some(plain.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_with_their_key_and_context() {
        let key = SecretKey::from_hex(&SecretKey::generate_hex()).unwrap();
        let sealed = key.seal("totp:1", b"secret");
        assert!(!sealed.contains(&hex::encode(b"secret")), "not stored in the clear");
        assert_eq!(key.open("totp:1", &sealed).as_deref(), Some(&b"secret"[..]));
        assert_eq!(key.open("totp:2", &sealed), None, "another account's row");
        let other = SecretKey::from_hex(&SecretKey::generate_hex()).unwrap();
        assert_eq!(other.open("totp:1", &sealed), None, "another key");
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'0' { b'1' } else { b'0' };
        assert_eq!(key.open("totp:1", &String::from_utf8(tampered).unwrap()), None, "altered");
        assert!(SecretKey::from_hex("abcd").is_none());
    }
}
