//! Canned replies: texts administrators write in both languages, with placeholders filled from
//! the ticket (`{name}`, `{number}`, `{deadline}`), put in the reply form in the ticket's
//! language.

use sqlx::FromRow;

use crate::{db::Db, with_db};

/// One canned reply (a row, or by position from JSON).
#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct Canned {
    pub id: i64,
    pub title_ru: String,
    pub title_kk: String,
    pub body_ru: String,
    pub body_kk: String,
    /// The category it is for (none: every category).
    pub category: Option<String>,
    #[serde(deserialize_with = "crate::db::json_rows::de::boolean")]
    pub active: bool,
}

impl Canned {
    pub fn title(&self, lang: &str) -> &str {
        if lang == "kk" { &self.title_kk } else { &self.title_ru }
    }

    pub fn body(&self, lang: &str) -> &str {
        if lang == "kk" { &self.body_kk } else { &self.body_ru }
    }
}

/// The placeholders a text may hold.
pub const PLACEHOLDERS: [&str; 3] = ["{name}", "{number}", "{deadline}"];

/// The text with its placeholders filled.
pub fn fill(text: &str, name: &str, number: &str, deadline: &str) -> String {
    text.replace("{name}", name).replace("{number}", number).replace("{deadline}", deadline)
}

/// A placeholder in `text` that is not one of [`PLACEHOLDERS`], if any (`{имя}` typed by hand).
pub fn unknown_placeholder(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let end = after.find('}').map_or(after.len(), |e| e + 1);
        let token = &after[..end];
        if !PLACEHOLDERS.contains(&token) {
            return Some(token.to_string());
        }
        rest = &after[end..];
    }
    None
}

/// The columns of a [`Canned`], in its order.
pub const COLUMNS: [&str; 7] = ["id", "title_ru", "title_kk", "body_ru", "body_kk", "category", "active"];

/// Active canned replies for `category` (and those for every category); every one when
/// `category` is `None`, inactive ones too.
pub async fn list(db: &Db, category: Option<&str>) -> Result<Vec<Canned>, sqlx::Error> {
    let sql = "SELECT id, title_ru, title_kk, body_ru, body_kk, category, active FROM canned_replies";
    with_db!(db, |c| match category {
        Some(k) => {
            sqlx::query_as(&format!(
                "{sql} WHERE active AND (category IS NULL OR category = $1) ORDER BY title_ru"
            ))
            .bind(k)
            .fetch_all(c)
            .await
        }
        None => sqlx::query_as(&format!("{sql} ORDER BY active DESC, title_ru")).fetch_all(c).await,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_found() {
        assert_eq!(
            fill("{name}, {number} до {deadline}", "Әбенова Гүлнар", "T-000007", "09.12.2026"),
            "Әбенова Гүлнар, T-000007 до 09.12.2026"
        );
        assert_eq!(unknown_placeholder("Здравствуйте, {name}!"), None);
        assert_eq!(unknown_placeholder("Сәлеметсіз бе, {аты}!"), Some("{аты}".into()));
        assert_eq!(unknown_placeholder("{name"), Some("{name".into()));
    }
}
