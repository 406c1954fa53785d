//! Which roles must use a second factor: administrators choose (`second_factor_roles`; by
//! default admin, security, senior compliance and compliance). A person holding one of them who
//! has no second factor is sent to enrol right after the password and can do nothing else first.

use crate::{
    auth::Role,
    db::{Db, Tx},
    with_db, with_tx,
};

/// The roles that must use a second factor, in the interface's order.
pub async fn roles(db: &Db) -> Result<Vec<Role>, sqlx::Error> {
    let codes: Vec<String> =
        with_db!(db, |c| sqlx::query_scalar("SELECT role FROM second_factor_roles").fetch_all(c).await)?;
    Ok(Role::ALL.into_iter().filter(|r| codes.iter().any(|c| c == r.code())).collect())
}

/// Whether someone holding `held` must use a second factor.
pub async fn required(db: &Db, held: &[Role]) -> Result<bool, sqlx::Error> {
    let required = roles(db).await?;
    Ok(held.iter().any(|r| required.contains(r)))
}

/// Sets the roles that must use a second factor.
pub async fn set_roles(tx: &mut Tx, roles: &[Role]) -> Result<(), sqlx::Error> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM second_factor_roles").execute(c).await.map(|_| ()))?;
    for r in roles {
        with_tx!(tx, |c| sqlx::query("INSERT INTO second_factor_roles (role) VALUES ($1)")
            .bind(r.code())
            .execute(c)
            .await
            .map(|_| ()))?;
    }
    Ok(())
}
