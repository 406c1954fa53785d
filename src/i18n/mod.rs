//! Russian and Kazakh: Fluent catalogs embedded from `locales/<lang>/*.ftl`, language
//! negotiation, and locale-aware dates and numbers (shown in Asia/Almaty time).

mod format;

use std::{collections::HashMap, sync::LazyLock};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use serde::{Deserialize, Serialize};

pub use format::{ALMATY, format_date, format_date_long, format_datetime, format_decimal, format_int};

/// The embedded `.ftl` files: `(language, file name, source)`.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ru,
    Kk,
}

impl Lang {
    /// Every interface language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::Kk];

    /// BCP 47 code, as used in `<html lang>` and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// Parses a stored or submitted code.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "kk" => Some(Lang::Kk),
            _ => None,
        }
    }

    /// The best match for an `Accept-Language` header, honouring q-values. `kz` (a common
    /// mistake for Kazakh) counts as `kk`.
    pub fn negotiate(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (pos, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok()))
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "ru" => Lang::Ru,
                "kk" | "kz" => Lang::Kk,
                _ => continue,
            };
            if q <= 0.0 {
                continue;
            }
            // Highest q wins; on a tie, the earlier entry.
            if best.is_none_or(|(bq, bpos, _)| q > bq || (q == bq && pos < bpos)) {
                best = Some((q, pos, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }
}

struct Catalog {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::load);

impl Catalog {
    fn load() -> Catalog {
        let mut bundles = HashMap::new();
        for lang in Lang::ALL {
            let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            for (code, name, source) in embedded::FILES {
                if *code != lang.code() {
                    continue;
                }
                let resource = match FluentResource::try_new((*source).to_string()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        tracing::error!(file = %format!("{code}/{name}"), ?errors, "Fluent parse errors");
                        r
                    }
                };
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(file = %format!("{code}/{name}"), ?errors, "Fluent resource errors");
                }
            }
            bundles.insert(lang, bundle);
        }
        Catalog { bundles }
    }
}

/// The message `id` in `lang`, with `args`. A missing id logs an error and shows the id (the
/// locale parity test keeps that from shipping).
pub fn message(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundle = &CATALOG.bundles[&lang];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::error!(lang = lang.code(), id, "missing Fluent message");
        return id.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
    if !errors.is_empty() {
        tracing::error!(lang = lang.code(), id, ?errors, "Fluent formatting errors");
    }
    text
}

/// Whether a message exists (in Russian, the reference language).
pub fn has(id: &str) -> bool {
    CATALOG.bundles[&Lang::Ru].has_message(id)
}

/// The message `id` in `lang` without arguments.
pub fn t(lang: Lang, id: &str) -> String {
    message(lang, id, None)
}

/// The message `id` with named string arguments; a `count` that is a number is passed as one
/// ([`t_count`]: plural forms, `$n`), so a one-time message can count too.
pub fn t_with(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    if let Some(count) = args.iter().find(|(k, _)| *k == "count").and_then(|(_, v)| v.parse::<i64>().ok()) {
        let extra: Vec<(&str, String)> = args.iter().filter(|(k, _)| *k != "count").cloned().collect();
        return t_count(lang, id, count, &extra);
    }
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, FluentValue::from(v.clone()));
    }
    message(lang, id, Some(&fa))
}

/// A message that depends on a count: `$count` selects the CLDR plural category, `$n` is the
/// count formatted for the locale (`1 234`) and `$from` the Kazakh ablative ending that follows
/// the number as it is read (`50-ден`, `24-тен`, `10-нан`).
pub fn t_count(lang: Lang, id: &str, count: i64, extra: &[(&str, String)]) -> String {
    if extra.is_empty() {
        return format::count_cached(lang, id, count, || t_count_uncached(lang, id, count, &[]));
    }
    t_count_uncached(lang, id, count, extra)
}

fn t_count_uncached(lang: Lang, id: &str, count: i64, extra: &[(&str, String)]) -> String {
    let mut fa = FluentArgs::new();
    fa.set("count", FluentValue::from(count));
    fa.set("n", FluentValue::from(format_int(count)));
    fa.set("from", FluentValue::from(format::kk_ablative(count)));
    for (k, v) in extra {
        fa.set(*k, FluentValue::from(v.clone()));
    }
    message(lang, id, Some(&fa))
}
