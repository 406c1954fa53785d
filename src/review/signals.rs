//! Risk signals, found when an application arrives and kept as a bit set on it, so the queue can
//! filter on them without a join: other applications sharing the IIN, phone, device, IP, card or a
//! contact's phone, near-identical selfie or ID photos (perceptual hash), and the applicant's own
//! problems (under 18, expired document, an IIN that encodes another birth date or sex).
//!
//! When a new application shares something with older ones, the older ones get the bit too.

use time::Date;

use crate::{db::Tx, intake::input::NewApplication, photos::hamming, with_tx};

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
}

impl Signal {
    pub const ALL: [Signal; 11] = [
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
        }
    }

    /// The signals in a bit set.
    pub fn in_set(set: i64) -> Vec<Signal> {
        Signal::ALL.into_iter().filter(|s| set & s.bit() != 0).collect()
    }
}

/// Photos at most this many bits apart (of 64) count as near-identical.
pub const NEAR_DISTANCE: u32 = 6;

/// Bands a 64-bit hash is cut into: with `NEAR_DISTANCE + 1` bands, two hashes within
/// `NEAR_DISTANCE` bits agree on at least one whole band (pigeonhole), so an exact lookup by band
/// finds every near neighbour.
const BANDS: [(u32, u32); 7] = [(0, 10), (10, 9), (19, 9), (28, 9), (37, 9), (46, 9), (55, 9)];

/// Photo kinds compared for near-duplicates, with their number in the band key.
pub fn band_kind(kind: &str) -> Option<i64> {
    match kind {
        "selfie" => Some(1),
        "id_front" => Some(2),
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

/// Marks `bit` on application `id` and on every other application where `column = value`, if
/// there is any; returns whether there was.
async fn shared(tx: &mut Tx, id: i64, column: &str, value: &str, bit: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE applications SET risk_signals = risk_signals | $1
         WHERE {column} = $2 AND id <> $3 AND (risk_signals & $1) = 0"
    );
    with_tx!(tx, |c| sqlx::query(&sql).bind(bit).bind(value).bind(id).execute(c).await.map(|_| ()))?;
    let sql = format!("SELECT id FROM applications WHERE {column} = $1 AND id <> $2 LIMIT 1");
    let other: Option<i64> =
        with_tx!(tx, |c| sqlx::query_scalar(&sql).bind(value).bind(id).fetch_optional(c).await)?;
    Ok(other.is_some())
}

async fn mark(tx: &mut Tx, ids: &[i64], bit: i64) -> Result<(), sqlx::Error> {
    for other in ids {
        with_tx!(tx, |c| sqlx::query(
            "UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2"
        )
        .bind(bit)
        .bind(other)
        .execute(c)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

/// Indexes a new application (inside its intake transaction): name words for search, its own
/// signals, shared values with other applications, and its photos' near-duplicates.
pub async fn index_new(
    tx: &mut Tx,
    id: i64,
    app: &NewApplication,
    photos: &[(i64, &'static str, i64)],
    today: Date,
) -> Result<(), sqlx::Error> {
    let mut tokens = crate::intake::input::name_tokens(&app.search_name());
    tokens.sort();
    tokens.dedup();
    for token in &tokens {
        with_tx!(tx, |c| sqlx::query(
            "INSERT INTO application_name_tokens (token, application_id) VALUES ($1, $2)"
        )
        .bind(token)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))?;
    }

    let mut set = own_signals(app, today);
    for (column, value, signal) in [
        ("iin", app.iin.as_str(), Signal::SameIin),
        ("phone", app.phone.as_str(), Signal::SamePhone),
        ("device_id", app.device_id.as_str(), Signal::SameDevice),
        ("ip", app.ip.as_str(), Signal::SameIp),
        ("card_token", app.card_token.as_str(), Signal::SameCard),
    ] {
        if shared(tx, id, column, value, signal.bit()).await? {
            set |= signal.bit();
        }
    }
    for contact in &app.contacts {
        let phone = contact.phone.as_str();
        let others: Vec<i64> = with_tx!(tx, |c| sqlx::query_scalar(
            "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2
             UNION SELECT id FROM applications WHERE phone = $1 AND id <> $2
             LIMIT 1000"
        )
        .bind(phone)
        .bind(id)
        .fetch_all(c)
        .await)?;
        if !others.is_empty() {
            set |= Signal::SameContactPhone.bit();
            mark(tx, &others, Signal::SameContactPhone.bit()).await?;
        }
    }
    // Someone else named this applicant's phone as a contact's.
    let named: Vec<i64> = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT application_id FROM application_contacts WHERE phone = $1 AND application_id <> $2 LIMIT 1000"
    )
    .bind(app.phone.as_str())
    .bind(id)
    .fetch_all(c)
    .await
    })?;
    if !named.is_empty() {
        set |= Signal::SameContactPhone.bit();
        mark(tx, &named, Signal::SameContactPhone.bit()).await?;
    }
    set |= index_photos(tx, id, photos).await?;
    with_tx!(tx, |c| sqlx::query("UPDATE applications SET risk_signals = risk_signals | $1 WHERE id = $2")
        .bind(set)
        .bind(id)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Adds photos `(photo id, kind, perceptual hash)` of application `id` to the band index, records
/// their near-duplicates on other applications (both ways) and marks those; returns the signals
/// for application `id`.
pub async fn index_photos(
    tx: &mut Tx,
    id: i64,
    photos: &[(i64, &'static str, i64)],
) -> Result<i64, sqlx::Error> {
    let mut set = 0;
    for (photo_id, kind, phash) in photos {
        let Some(k) = band_kind(kind) else { continue };
        let signal = if *kind == "selfie" { Signal::SimilarSelfie } else { Signal::SimilarIdPhoto };
        let keys = band_keys(k, *phash);
        let candidates: Vec<(i64, i64, i64)> = with_tx!(tx, |c| {
            sqlx::query_as(
            "SELECT DISTINCT p.id, p.application_id, p.phash FROM photo_bands b JOIN photos p ON p.id = b.photo_id
             WHERE b.band_key IN ($1, $2, $3, $4, $5, $6, $7) AND p.application_id <> $8"
        )
        .bind(keys[0])
        .bind(keys[1])
        .bind(keys[2])
        .bind(keys[3])
        .bind(keys[4])
        .bind(keys[5])
        .bind(keys[6])
        .bind(id)
        .fetch_all(c)
        .await
        })?;
        let mut others = Vec::new();
        for (other_photo, other_app, other_hash) in candidates {
            let distance = hamming(*phash, other_hash);
            if distance > NEAR_DISTANCE {
                continue;
            }
            for (a, b) in [(*photo_id, other_photo), (other_photo, *photo_id)] {
                with_tx!(tx, |c| sqlx::query(
                    "INSERT INTO photo_matches (photo_id, other_photo_id, distance) VALUES ($1, $2, $3)
                     ON CONFLICT DO NOTHING"
                )
                .bind(a)
                .bind(b)
                .bind(i64::from(distance))
                .execute(c)
                .await
                .map(|_| ()))?;
            }
            others.push(other_app);
        }
        if !others.is_empty() {
            set |= signal.bit();
            others.sort_unstable();
            others.dedup();
            mark(tx, &others, signal.bit()).await?;
        }
        for key in keys {
            with_tx!(tx, |c| sqlx::query(
                "INSERT INTO photo_bands (band_key, photo_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            )
            .bind(key)
            .bind(photo_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        }
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

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
