//! Data a migration cannot compute in SQL, rebuilt once at start-up: a migration inserts a row
//! into `pending_rebuilds`, and [`pending`] runs each named rebuild in one transaction that also
//! deletes its row, so an interrupted rebuild runs again on the next start.

use super::{
    Db, Tx,
    bulk::{self, V},
};
use crate::with_tx;

/// Runs every rebuild a migration asked for.
pub async fn pending(db: &Db) -> Result<(), sqlx::Error> {
    let names: Vec<String> =
        crate::with_db!(db, |c| sqlx::query_scalar("SELECT name FROM pending_rebuilds").fetch_all(c).await)?;
    for name in names {
        let mut tx = db.begin().await?;
        match name.as_str() {
            "name-tokens-folded" => name_tokens(&mut tx).await?,
            "list-entry-keys" => list_entry_keys(&mut tx).await?,
            other => tracing::warn!(rebuild = other, "unknown rebuild left in pending_rebuilds"),
        }
        with_tx!(&mut tx, |c| sqlx::query("DELETE FROM pending_rebuilds WHERE name = $1")
            .bind(&name)
            .execute(c)
            .await
            .map(|_| ()))?;
        tx.commit().await?;
        tracing::info!(rebuild = %name, "rebuilt");
    }
    Ok(())
}

/// Search words of every applicant's name, folded across scripts
/// ([`crate::intake::input::name_tokens`]), and their pairs ([`crate::review::name_search::pairs`]).
async fn name_tokens(tx: &mut Tx) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM application_name_tokens").execute(c).await.map(|_| ()))?;
    with_tx!(tx, |c| sqlx::query("DELETE FROM application_name_pairs").execute(c).await.map(|_| ()))?;
    let mut after = 0i64;
    loop {
        type Name = (i64, String, String, Option<String>, time::OffsetDateTime, String);
        let rows: Vec<Name> = with_tx!(tx, |c| {
            sqlx::query_as(
                "SELECT id, last_name, first_name, patronymic, received_at, status FROM applications
             WHERE id > $1 ORDER BY id LIMIT 5000",
            )
            .bind(after)
            .fetch_all(c)
            .await
        })?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        let (mut tokens, mut pairs) = (Vec::new(), Vec::new());
        for (id, last_name, first_name, patronymic, received_at, status) in &rows {
            let name = crate::review::store::full_name(last_name, first_name, patronymic.as_deref());
            let mut words = crate::intake::input::name_tokens(&name);
            words.sort();
            words.dedup();
            let pair_rows = crate::review::name_search::pairs(&words).into_iter();
            pairs.extend(
                pair_rows
                    .map(|p| vec![V::Text(p), V::Int(*id), V::Time(*received_at), V::Text(status.clone())]),
            );
            tokens.extend(words.into_iter().map(|w| vec![V::Text(w), V::Int(*id), V::Time(*received_at)]));
        }
        let columns = ["token", "application_id", "received_at"];
        bulk::insert(tx, "application_name_tokens", &columns, &tokens).await?;
        let columns = ["pair", "application_id", "received_at", "status"];
        bulk::insert(tx, "application_name_pairs", &columns, &pairs).await?;
    }
    Ok(())
}

/// Index keys of every current list entry ([`crate::screening::file::keys_of`]).
async fn list_entry_keys(tx: &mut Tx) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM list_entry_keys").execute(c).await.map(|_| ()))?;
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String, String)> = with_tx!(tx, |c| {
            sqlx::query_as(
                "SELECT id, name, aliases FROM list_entries WHERE id > $1 AND removed_in IS NULL
                 ORDER BY id LIMIT 5000",
            )
            .bind(after)
            .fetch_all(c)
            .await
        })?;
        let Some(last) = rows.last() else { break };
        after = last.0;
        let keys: Vec<Vec<V>> = rows
            .iter()
            .flat_map(|(id, name, aliases)| {
                crate::screening::file::keys_of(name, aliases)
                    .into_iter()
                    .map(|k| vec![V::Text(k), V::Int(*id)])
            })
            .collect();
        bulk::insert(tx, "list_entry_keys", &["key", "entry_id"], &keys).await?;
    }
    Ok(())
}
