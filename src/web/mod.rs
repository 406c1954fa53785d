//! The HTTP side: application state, the router that merges every feature's routes, and the
//! middleware stack (tracing, security headers, sessions, page context).

pub mod assets;
pub mod context;
mod csrf;
pub mod csv;
pub mod form;
mod headers;
pub mod page;
pub mod sessions;

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit, middleware, routing::any};
use tower_http::trace::TraceLayer;
use tower_sessions::{Expiry, SessionManagerLayer, cookie::SameSite};

use crate::{config::Config, db::Db, error::AppError, photos::storage::Photos};

pub use context::Ctx;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The same database for reads planned once for every value ([`Db::generic_plans`]).
    pub reads: Db,
    pub config: Arc<Config>,
    /// The photo pipeline and storage.
    pub photos: Photos,
    /// The personal-data access log's writer.
    pub views: crate::audit::ViewLog,
    /// The portal as a WebAuthn relying party, for passkeys.
    pub webauthn: Arc<webauthn_rs::Webauthn>,
    /// Intake request bodies that may be read at once (`config.intake_bodies`).
    pub intake_bodies: Arc<tokio::sync::Semaphore>,
    /// The mail server replies go out through (`config.smtp_url`); none: outgoing mail is kept
    /// for administrators ([`crate::mail::send`]).
    pub smtp: Option<Arc<crate::mail::send::Smtp>>,
}

/// Builds the whole application on a migrated database, and starts this process's job workers.
pub async fn app(config: Config, db: Db) -> Result<Router, Box<dyn std::error::Error + Send + Sync>> {
    let photos = Photos::from_config(&config)?;
    let webauthn = Arc::new(crate::auth::second_factor::webauthn::relying_party(&config.public_url)?);
    crate::screening::set_threshold(config.screening_threshold);
    crate::mail::send::check_settings(&config)?;
    crate::mail::outbound::set_sender(&config.support_address);
    let smtp = config.smtp_url.as_deref().map(crate::mail::send::transport).transpose()?;
    if smtp.is_none() {
        tracing::info!("no --smtp-url: outgoing mail is kept at /admin/mail, not sent");
    }
    let store = sessions::Store::new(&db, config.session_idle);
    store.migrate().await?;
    let views = crate::audit::ViewLog::new(db.clone());
    let reads = db.generic_plans();
    let state = AppState {
        reads,
        intake_bodies: Arc::new(tokio::sync::Semaphore::new(config.intake_bodies.max(1))),
        db,
        config: Arc::new(config),
        photos,
        views,
        webauthn,
        smtp,
    };
    crate::jobs::start(&state).await?;
    Ok(router(state, store))
}

fn router(state: AppState, store: sessions::Store) -> Router {
    let config = &state.config;
    let session_layer = SessionManagerLayer::new(store)
        .with_name("kp_session")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(config.secure_cookies)
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(config.session_idle));

    let pages = Router::new()
        .merge(crate::home::router())
        .merge(crate::dashboards::router())
        .merge(crate::quality::router())
        .merge(crate::auth::router())
        .merge(crate::account::router())
        .merge(crate::staff::router())
        .merge(crate::audit::router())
        .merge(crate::photos::router())
        .merge(crate::review::router())
        .merge(crate::customers::router())
        .merge(crate::consents::router())
        .merge(crate::disclosures::router())
        .merge(crate::support::router())
        .merge(crate::screening::routes::router())
        .merge(crate::api::pages())
        .merge(crate::jobs::router())
        .merge(crate::mail::outbox_router())
        .merge(crate::restoration::pages())
        .fallback(any(|| async { AppError::NotFound }))
        .layer(DefaultBodyLimit::max(context::FORM_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), context::middleware))
        .layer(session_layer);

    Router::new()
        .merge(crate::health::router())
        .merge(assets::router())
        .merge(crate::api::router(&state))
        .merge(pages)
        .layer(middleware::from_fn_with_state(state.clone(), headers::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves `app` on `config.bind` until Ctrl-C or SIGTERM.
pub async fn serve(app: Router, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(address = %listener.local_addr()?, "portal listening");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
