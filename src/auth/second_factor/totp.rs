//! Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
//! digits, as every authenticator app reads them from an `otpauth://` link or its QR code.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per step.
pub const STEP: i64 = 30;
/// Steps either side of now that a code may come from (clock drift, a code typed late).
const SKEW: i64 = 1;

/// A new random secret of 20 bytes (160 bits, RFC 4226's recommendation).
pub fn new_secret() -> Vec<u8> {
    let mut s = vec![0u8; 20];
    getrandom::fill(&mut s).expect("the OS random source works");
    s
}

/// The code of `step` (RFC 4226's HOTP with the step as the counter).
pub fn code(secret: &[u8], step: i64) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let offset = usize::from(h[19] & 0x0f);
    let bin = u32::from_be_bytes([h[offset] & 0x7f, h[offset + 1], h[offset + 2], h[offset + 3]]);
    bin % 1_000_000
}

/// The step a typed `code` matches at unix time `now`, if any, newer than `last_used` (a code
/// once accepted cannot be used again, nor one older than it). Spaces in the code are ignored.
pub fn check(secret: &[u8], typed: &str, now: i64, last_used: Option<i64>) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let wanted: u32 = digits.parse().ok()?;
    let current = now.div_euclid(STEP);
    (current - SKEW..=current + SKEW).filter(|step| last_used.is_none_or(|used| *step > used)).find(|step| {
        let c = code(secret, *step);
        // Compared in constant time: the position of a wrong digit must not show.
        subtle::ConstantTimeEq::ct_eq(&c.to_be_bytes()[..], &wanted.to_be_bytes()[..]).into()
    })
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in bytes {
        buffer = (buffer << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The secret in groups of four, easier to type by hand.
pub fn grouped(secret: &[u8]) -> String {
    let b = base32(secret);
    b.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` link an authenticator app reads (from the QR code).
pub fn uri(secret: &[u8], login: &str) -> String {
    let label = crate::web::context::urlencode(&format!("Kreditomat:{login}"));
    format!(
        "otpauth://totp/{label}?secret={}&issuer=Kreditomat&algorithm=SHA1&digits=6&period=30",
        base32(secret)
    )
}

/// The link as a QR code, an SVG image made here (no third party sees the secret).
pub fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => {
            code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build()
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1, the secret "12345678901234567890" (8-digit codes there,
        // whose last six digits are these).
        let secret = b"12345678901234567890";
        for (time, expected) in
            [(59, 287_082), (1_111_111_109, 81_804), (1_234_567_890, 5_924), (2_000_000_000, 279_037)]
        {
            assert_eq!(code(secret, time / STEP), expected, "t = {time}");
        }
        assert_eq!(base32(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn a_code_works_once_within_its_window_and_never_again() {
        let secret = b"12345678901234567890";
        let now = 1_111_111_109;
        let typed = format!("{:06}", code(secret, now / STEP));
        let step = check(secret, &typed, now, None).expect("the current code");
        assert_eq!(check(secret, &typed, now, Some(step)), None, "replayed");
        let late = format!("{:06}", code(secret, now / STEP - 1));
        assert_eq!(check(secret, &late, now, None), Some(now / STEP - 1), "one step late is fine");
        assert_eq!(check(secret, &late, now, Some(step)), None, "older than a used code");
        let stale = format!("{:06}", code(secret, now / STEP - 3));
        assert_eq!(check(secret, &stale, now, None), None, "expired");
        assert_eq!(check(secret, "12 34", now, None), None, "malformed");
        assert_eq!(check(secret, "abcdef", now, None), None);
        let spaced = format!("{} {}", &typed[..3], &typed[3..]);
        assert_eq!(check(secret, &spaced, now, None), Some(step), "spaces are ignored");
    }
}
