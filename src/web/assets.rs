//! Static assets embedded in the binary and served under fingerprinted names
//! (`app.3f9a1c2e.css`) with a one-year immutable cache lifetime.

use std::{collections::HashMap, sync::LazyLock};

use axum::{
    Router,
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use sha2::{Digest, Sha256};

use super::AppState;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

struct Asset {
    bytes: &'static [u8],
    content_type: &'static str,
}

struct Assets {
    /// Plain name -> fingerprinted URL.
    urls: HashMap<&'static str, String>,
    /// Fingerprinted file name -> content.
    files: HashMap<String, Asset>,
}

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let mut urls = HashMap::new();
    let mut files = HashMap::new();
    for (name, bytes) in embedded::FILES {
        let digest = hex::encode(Sha256::digest(bytes));
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let fingerprinted = format!("{stem}.{}.{ext}", &digest[..12]);
        let content_type = match ext {
            "css" => "text/css; charset=utf-8",
            "js" => "text/javascript; charset=utf-8",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "ico" => "image/x-icon",
            _ => "application/octet-stream",
        };
        urls.insert(*name, format!("/static/{fingerprinted}"));
        files.insert(fingerprinted, Asset { bytes, content_type });
    }
    Assets { urls, files }
});

/// The URL of a static file by its plain name (`"app.css"`).
pub fn url(name: &str) -> String {
    ASSETS.urls.get(name).cloned().unwrap_or_else(|| {
        tracing::error!(name, "unknown static asset");
        format!("/static/{name}")
    })
}

async fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.files.get(&file) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /static/{file}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/static/{file}", get(serve))
}
