//! Risk signals, found when an application arrives and kept as a bit set on it, so the queue can
//! filter on them without a join: other applications sharing the IIN, phone, device, IP, card or a
//! contact's phone, near-identical selfie or ID photos (perceptual hash), and the applicant's own
//! problems (under 18, expired document, an IIN that encodes another birth date or sex).
//!
//! When a new application shares something with older ones, the older ones get the bit too.
//!
//! Intake finds them (`index`), the review page and the queue show them; customers and access
//! restoration use the same signals, so they live here, below all of those.

use time::Date;

use crate::intake::input::NewApplication;

mod index;
pub mod others;
pub mod reads;

pub use index::{index_new, index_photos};

/// A photo just stored, as the signals index sees it.
#[derive(Clone, Debug)]
pub struct NewPhoto {
    pub id: i64,
    pub kind: &'static str,
    /// The hash compared for near-duplicates: the whole photo's, or for an ID card's front its
    /// portrait's ([`crate::photos::ID_PORTRAIT`]).
    pub hash: i64,
    /// The 256-bit hash of the same area.
    pub fine: String,
    pub sha256: String,
}

/// One risk signal; its bit in `applications.risk_signals`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    SameIin = 1,
    SamePhone = 2,
    SameDevice = 4,
    SameIp = 8,
    SameCard = 16,
    SameContactPhone = 32,
    SimilarSelfie = 64,
    SimilarIdPhoto = 128,
    Underage = 256,
    DocumentExpired = 512,
    IinMismatch = 1024,
    /// The same file (same SHA-256) on another application.
    IdenticalPhoto = 2048,
    /// The customer's account is blocked, archived or barred from new applications: kept on
    /// the customer's open applications while it is so, and they cannot be approved.
    AccountBarred = 4096,
}

impl Signal {
    pub const ALL: [Signal; 13] = [
        Signal::AccountBarred,
        Signal::IdenticalPhoto,
        Signal::SameIin,
        Signal::SamePhone,
        Signal::SameDevice,
        Signal::SameIp,
        Signal::SameCard,
        Signal::SameContactPhone,
        Signal::SimilarSelfie,
        Signal::SimilarIdPhoto,
        Signal::Underage,
        Signal::DocumentExpired,
        Signal::IinMismatch,
    ];

    pub fn bit(self) -> i64 {
        self as i64
    }

    /// Fluent id of the signal's short name.
    pub fn message_id(self) -> &'static str {
        match self {
            Signal::SameIin => "signal-same-iin",
            Signal::SamePhone => "signal-same-phone",
            Signal::SameDevice => "signal-same-device",
            Signal::SameIp => "signal-same-ip",
            Signal::SameCard => "signal-same-card",
            Signal::SameContactPhone => "signal-same-contact-phone",
            Signal::SimilarSelfie => "signal-similar-selfie",
            Signal::SimilarIdPhoto => "signal-similar-id-photo",
            Signal::Underage => "signal-underage",
            Signal::DocumentExpired => "signal-document-expired",
            Signal::IinMismatch => "signal-iin-mismatch",
            Signal::IdenticalPhoto => "signal-identical-photo",
            Signal::AccountBarred => "signal-account-barred",
        }
    }

    /// The signals in a bit set.
    pub fn in_set(set: i64) -> Vec<Signal> {
        Signal::ALL.into_iter().filter(|s| set & s.bit() != 0).collect()
    }
}

/// Photos at most this many bits apart (of 64) are candidates for near-identical ones...
pub const NEAR_DISTANCE: u32 = 6;

/// ...and are near-identical when their 256-bit hashes are at most this many bits apart too.
/// Measured on the drawn demo photos: the same picture taken again brighter differs by at most
/// 10 bits, photos of different people by at least 23.
pub const FINE_DISTANCE: u32 = 16;

/// Bands a 64-bit hash is cut into: with `NEAR_DISTANCE + 1` bands, two hashes within
/// `NEAR_DISTANCE` bits agree on at least one whole band (pigeonhole), so an exact lookup by band
/// finds every near neighbour.
const BANDS: [(u32, u32); 7] = [(0, 10), (10, 9), (19, 9), (28, 9), (37, 9), (46, 9), (55, 9)];

/// Photo kinds compared for near-duplicates, with their number in the band key.
pub fn band_kind(kind: &str) -> Option<i64> {
    match kind {
        "selfie" => Some(1),
        // 2 was the whole card's hash; since cards are compared by their portraits, 3.
        "id_front" => Some(3),
        _ => None,
    }
}

/// The band keys of a hash (`kind * 65536 + band * 4096 + value`).
pub fn band_keys(kind: i64, phash: i64) -> [i64; 7] {
    let h = phash as u64;
    let mut keys = [0i64; 7];
    for (i, (start, width)) in BANDS.iter().enumerate() {
        let value = (h >> start) & ((1u64 << width) - 1);
        keys[i] = kind * 65536 + (i as i64) * 4096 + value as i64;
    }
    keys
}

/// Whether someone born on `birth` is under 18 on `today`.
pub fn underage(birth: Date, today: Date) -> bool {
    match birth.replace_year(birth.year() + 18) {
        Ok(adult) => adult > today,
        // 29 February: of age on 1 March.
        Err(_) => Date::from_calendar_date(birth.year() + 18, time::Month::March, 1).is_ok_and(|a| a > today),
    }
}

/// Signals of the applicant's own data, as of `today`.
pub fn own_signals(app: &NewApplication, today: Date) -> i64 {
    let mut set = 0;
    if underage(app.birth_date, today) {
        set |= Signal::Underage.bit();
    }
    if app.doc_expires_on < today {
        set |= Signal::DocumentExpired.bit();
    }
    let sex_differs = app.iin.sex().is_some_and(|s| {
        let stated_male = app.sex == "male";
        stated_male != (s == crate::intake::iin::EncodedSex::Male)
    });
    if app.iin.birth_date().is_some_and(|d| d != app.birth_date) || sex_differs {
        set |= Signal::IinMismatch.bit();
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photos::hamming;

    #[test]
    fn hashes_within_the_near_distance_share_a_band() {
        let a: i64 = 0x5a5a_1234_f0f0_0ff0;
        // Flip NEAR_DISTANCE bits spread over the bands: one band is still whole.
        let b = a ^ (1 | 1 << 12 | 1 << 21 | 1 << 30 | 1 << 40 | 1 << 50);
        assert_eq!(hamming(a, b), 6);
        let (ka, kb) = (band_keys(1, a), band_keys(1, b));
        assert!(ka.iter().zip(kb.iter()).any(|(x, y)| x == y));
        // One flipped bit in every band: no band in common (and distance 7 > NEAR_DISTANCE).
        let c = a ^ (1 | 1 << 12 | 1 << 21 | 1 << 30 | 1 << 40 | 1 << 50 | 1 << 60);
        assert!(band_keys(1, c).iter().zip(ka.iter()).all(|(x, y)| x != y));
        assert_ne!(band_keys(1, a)[0], band_keys(2, a)[0], "kinds never share keys");
    }

    #[test]
    fn eighteenth_birthday() {
        let d = |y, m, day| Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), day).unwrap();
        assert!(underage(d(2008, 11, 26), d(2026, 11, 25)));
        assert!(!underage(d(2008, 11, 25), d(2026, 11, 25)));
        assert!(underage(d(2008, 2, 29), d(2026, 2, 28)));
        assert!(!underage(d(2008, 2, 29), d(2026, 3, 1)));
    }
}

#[cfg(test)]
mod id_card_tests {
    use super::{FINE_DISTANCE, NEAR_DISTANCE};
    use crate::photos::{PhotoLimits, fine_distance, fixtures, hamming, process};

    /// The demo's drawn ID cards share one design, like real ones. Compared whole, every card
    /// looked like every other; compared by the portrait area with the 64-bit hash alone, a few
    /// strangers still did; with the 256-bit check after it, none. Prints the three rates over
    /// every pair of 80 people.
    #[test]
    fn id_cards_of_different_people_do_not_look_alike() {
        let limits = PhotoLimits::default();
        let cards: Vec<(i64, i64, String)> = (0..80u64)
            .map(|person| {
                let p =
                    process(&fixtures::id_card_jpeg(person, false), &limits).expect("a drawn card decodes");
                (p.phash, p.portrait_hash, p.portrait_fine_hash)
            })
            .collect();
        let (mut pairs, mut whole, mut portrait, mut checked) = (0u32, 0u32, 0u32, 0u32);
        for i in 0..cards.len() {
            for j in i + 1..cards.len() {
                pairs += 1;
                whole += u32::from(hamming(cards[i].0, cards[j].0) <= NEAR_DISTANCE);
                let near = hamming(cards[i].1, cards[j].1) <= NEAR_DISTANCE;
                portrait += u32::from(near);
                checked +=
                    u32::from(near && fine_distance(&cards[i].2, &cards[j].2).unwrap() <= FINE_DISTANCE);
            }
        }
        let rate = |n: u32| f64::from(n) / f64::from(pairs) * 100.0;
        println!(
            "pairs of different people: {pairs}; similar as whole cards: {whole} ({:.1} %); by portrait: {portrait} ({:.2} %); by portrait with the 256-bit check: {checked} ({:.2} %)",
            rate(whole),
            rate(portrait),
            rate(checked)
        );
        assert_eq!(checked, 0, "portraits of different people look alike");
        // The same person's card, photographed again a little brighter, still matches.
        let again = process(&fixtures::brighter(&fixtures::id_card_jpeg(7, false), 18), &limits).unwrap();
        assert!(hamming(cards[7].1, again.portrait_hash) <= NEAR_DISTANCE);
        assert!(fine_distance(&cards[7].2, &again.portrait_fine_hash).unwrap() <= FINE_DISTANCE);
    }
}
