//! What the portal writes into messages: base64 in lines of 76 characters, as MIME wants it
//! (the demo's messages now, the portal's own mail later).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` in base64, a CRLF after every 76 characters.
pub fn base64_lines(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + bytes.len() / 38 + 4);
    for (i, chunk) in bytes.chunks(3).enumerate() {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for j in 0..4 {
            out.push(if j <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * j) & 63) as usize] as char
            } else {
                '='
            });
        }
        if i % 19 == 18 {
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_is_padded_and_wrapped_at_76() {
        assert_eq!(super::base64_lines(b"Ma"), "TWE=");
        assert_eq!(super::base64_lines(b"M"), "TQ==");
        let long = super::base64_lines(&[0u8; 120]);
        assert!(long.lines().all(|l| l.len() <= 76), "{long}");
        assert_eq!(long.lines().next().map(str::len), Some(76));
    }
}
