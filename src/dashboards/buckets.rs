//! Durations as the rollups keep them: in buckets whose upper ends are [`BOUNDS`] (seconds), a
//! minute apart under ten minutes and growing to about a quarter of the value beyond, so a
//! median or a 90th percentile is read to about a fifth of itself from a few dozen rows. The
//! migrations repeat the list (`dash_bucket` on PostgreSQL, the `dash_change` trigger on
//! SQLite); a test reads it back from the database.

/// The upper end (exclusive) of each bucket; the last bucket has none.
pub const BOUNDS: [i64; 46] = [
    60, 120, 180, 240, 300, 360, 480, 600, 720, 900, 1200, 1500, 1800, 2400, 3000, 3600, 4500, 5400, 7200,
    9000, 10800, 14400, 18000, 21600, 28800, 36000, 43200, 57600, 72000, 86400, 129600, 172800, 259200,
    345600, 432000, 518400, 604800, 864000, 1209600, 1814400, 2592000, 3888000, 5184000, 7776000, 15552000,
    31536000,
];

/// The bucket of a duration of `secs` whole seconds (a negative one counts as none).
pub fn bucket(secs: i64) -> i64 {
    BOUNDS.partition_point(|b| *b <= secs) as i64
}

/// A duration read from a bucket: its upper end, or `None` past the last one (over a year).
pub fn upper(bucket: i64) -> Option<i64> {
    usize::try_from(bucket).ok().and_then(|b| BOUNDS.get(b)).copied()
}

/// The bucket holding the `q`-th quantile (`q` in hundredths: 50, 90) of a histogram of
/// `(bucket, count)`: the first bucket at which the running count reaches `ceil(total * q / 100)`.
/// `None` for an empty histogram.
pub fn quantile(hist: &[(i64, i64)], q: i64) -> Option<i64> {
    let mut hist: Vec<(i64, i64)> = hist.iter().copied().filter(|(_, n)| *n > 0).collect();
    hist.sort_unstable();
    let total: i64 = hist.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let rank = (total * q + 99) / 100;
    let mut seen = 0;
    for (b, n) in hist {
        seen += n;
        if seen >= rank.max(1) {
            return Some(b);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_their_bounds() {
        assert_eq!(bucket(-5), 0);
        assert_eq!(bucket(0), 0);
        assert_eq!(bucket(59), 0);
        assert_eq!(bucket(60), 1);
        assert_eq!(bucket(54_000), 27);
        assert_eq!(upper(27), Some(57_600));
        assert_eq!(bucket(40_000_000), 46);
        assert_eq!(upper(46), None);
        assert!(BOUNDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quantiles_take_the_bucket_where_the_rank_falls() {
        // 10 durations: four in bucket 1, five in bucket 3, one in bucket 9.
        let hist = [(3, 5), (1, 4), (9, 1)];
        assert_eq!(quantile(&hist, 50), Some(3));
        assert_eq!(quantile(&hist, 40), Some(1));
        assert_eq!(quantile(&hist, 90), Some(3));
        assert_eq!(quantile(&hist, 91), Some(9));
        assert_eq!(quantile(&[], 50), None);
        assert_eq!(quantile(&[(2, 0)], 50), None);
    }
}
