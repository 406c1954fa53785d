//! Name structures a list writes differently from the applicant's record: compound names joined
//! or split (Kassymjomart, Kassym-Jomart; Alikhan, Ali-Khan), a double surname written with a
//! space, and a list name of one word (a mononym, or a surname alone).

use super::{
    names::Word,
    score::{CountryNote, DateNote, Explanation, How, Part, Role},
};

/// Score of a one-word entry that matches a name word, before the birth date: a hit only with
/// the same birth date.
pub const MONONYM: f64 = 0.8;

/// A list word standing for `a` when the list writes two of the applicant's words as one, or
/// one of them as two (Kassymjomart, Kassym-Jomart; Alikhan, Ali-Khan).
fn stand_in(a: &Word, original: String) -> Word {
    Word { original, family: false, ..a.clone() }
}

/// Whether `folded` is one of the word's spellings.
fn spells(w: &Word, folded: &str) -> bool {
    w.unmapped == folded || w.readings.iter().any(|r| r.plain == folded || r.folded == folded)
}

/// The entry's words lined up with the applicant's compound words.
pub fn align(applicant: &[(Word, Role)], entry: &[Word]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(entry.len() + 1);
    let mut j = 0;
    'entry: while j < entry.len() {
        let e = &entry[j];
        if !e.initial {
            // One list word for two applicant words.
            for pair in applicant.windows(2) {
                let (a, b) = (&pair[0].0, &pair[1].0);
                if a.initial || b.initial || pair[0].1 != pair[1].1 {
                    continue;
                }
                let joined = [format!("{}{}", a.folded, b.folded), format!("{}{}", a.unmapped, b.unmapped)];
                if joined.iter().any(|j| spells(e, j)) {
                    out.push(stand_in(a, e.original.clone()));
                    out.push(stand_in(b, e.original.clone()));
                    j += 1;
                    continue 'entry;
                }
            }
            // Two list words for one applicant word.
            if let Some(next) = entry.get(j + 1).filter(|n| !n.initial) {
                let joined =
                    [format!("{}{}", e.folded, next.folded), format!("{}{}", e.unmapped, next.unmapped)];
                if let Some((a, _)) = applicant.iter().find(|(a, _)| joined.iter().any(|j| spells(a, j))) {
                    out.push(stand_in(a, format!("{}-{}", e.original, next.original)));
                    j += 2;
                    continue 'entry;
                }
            }
        }
        out.push(e.clone());
        j += 1;
    }
    out
}

/// Whether an unmatched list word may be the patronymic the applicant has: not when it ends as a
/// surname does (a double surname written with a space).
pub fn could_be_patronymic(w: &Word) -> bool {
    let surname = |f: &str| w.feminine || ["ov", "ev", "in", "ski"].iter().any(|e| f.ends_with(e));
    super::similar::is_patronymic(&w.folded) || !surname(&w.folded)
}

/// A list name of one word: it matches a surname or given name, and is a hit only with the
/// same birth date ([`MONONYM`]).
pub fn mononym(
    applicant: &[(Word, Role)],
    name: &str,
    sims: &[Vec<(f64, How)>],
    capped: bool,
) -> Option<Explanation> {
    let (best, _) = sims
        .iter()
        .enumerate()
        .filter(|(i, _)| applicant[*i].1 != Role::Patronymic)
        .max_by(|a, b| a.1[0].0.total_cmp(&b.1[0].0))?;
    let (sim, _) = sims[best][0];
    if sim < 0.9 {
        return None;
    }
    let parts = applicant
        .iter()
        .enumerate()
        .map(|(i, (w, role))| {
            let (sim, how) = if i == best { sims[i][0] } else { (0.0, How::Missing) };
            Part {
                role: *role,
                applicant: w.original.clone(),
                entry: (i == best).then(|| name.to_string()),
                how,
                gender_ending: false,
                similarity: (sim * 100.0).round() as u8,
            }
        })
        .collect();
    Some(Explanation {
        score: MONONYM,
        name: name.to_string(),
        parts,
        unmatched: Vec::new(),
        date: DateNote::Unknown,
        country: CountryNote::Unknown,
        mononym: true,
        capped,
    })
}
