//! Password hashing with Argon2id, run on the blocking pool so sign-ins never stall the async
//! workers, and at most a few at a time (each hash takes about 19 MiB).

use std::sync::LazyLock;

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Shortest password a person may choose.
pub const MIN_LEN: usize = 10;
/// Longest password accepted (in characters), so hashing cost stays bounded.
pub const MAX_LEN: usize = 128;

static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(4));

/// A hash of a password nobody has, verified when the login does not exist so that a wrong login
/// takes as long as a wrong password.
static DUMMY: LazyLock<String> = LazyLock::new(|| hash_blocking("not-a-real-password"));

fn hash_blocking(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Hashes `password` (Argon2id, random salt) into a PHC string.
pub async fn hash(password: String) -> Result<String, AppError> {
    let _slot = SLOTS.acquire().await.map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(tokio::task::spawn_blocking(move || hash_blocking(&password)).await?)
}

/// Checks `password` against `hash`; with no hash, spends the same time and answers `false`.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let _slot = SLOTS.acquire().await.map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_blocking(&password, &h),
        None => {
            let _ = verify_blocking(&password, &DUMMY);
            false
        }
    })
    .await?)
}

/// A random password for a new account or a reset: 16 characters from an alphabet without
/// look-alikes (no 0/O, 1/l/I).
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // Rejection sampling keeps every character equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    let mut chars = String::with_capacity(16);
    while chars.len() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the OS random source works");
        for b in bytes.iter().map(|b| *b as usize).filter(|b| *b < limit) {
            if chars.len() < 16 {
                chars.push(ALPHABET[b % ALPHABET.len()] as char);
            }
        }
    }
    format!("{}-{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12], &chars[12..16])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash_blocking("correct horse battery");
        let b = hash_blocking("correct horse battery");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_blocking("correct horse battery", &a));
        assert!(!verify_blocking("wrong horse battery", &a));
        assert!(!verify_blocking("anything", "not a hash"));
    }

    #[test]
    fn generated_passwords_are_long_enough() {
        let p = generate();
        assert_eq!(p.len(), 19);
        assert!(p.chars().count() >= MIN_LEN);
        assert_ne!(p, generate());
    }
}
