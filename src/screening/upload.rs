//! The screening lists page: every version with its re-screening progress, and the upload of a
//! new list file with its import report.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Multipart, State, multipart::MultipartRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::{
    file::{FileError, MAX_REPORTED},
    lists::{self, ImportError, ImportReport, Version},
};
use crate::{
    auth::access,
    error::{AppError, AppResult},
    i18n::{self, Lang},
    web::{
        AppState, Ctx,
        page::{FieldErrors, Page},
    },
};

/// Largest list file accepted by the upload page.
pub const UPLOAD_LIMIT: usize = 2 * 1024 * 1024 * 1024;

#[derive(Template, WebTemplate)]
#[template(path = "compliance/lists.html")]
struct ListsPage {
    page: Page,
    versions: Vec<Version>,
    name: String,
    errors: FieldErrors,
    /// A refused file: the reason, in the reader's language.
    refusal: Option<String>,
    report: Option<Report>,
}

/// The summary of an import, in the reader's language.
struct Report {
    summary: String,
    rows: String,
    errors: Vec<String>,
    more: Option<String>,
}

fn report(lang: Lang, r: &ImportReport) -> Report {
    let n = |v: i64| i18n::format_int(v);
    let summary = i18n::t_with(
        lang,
        "lists-report",
        &[
            ("list", r.list.clone()),
            ("version", r.version.to_string()),
            ("format", i18n::t(lang, &format!("list-format-{}", r.format.code()))),
            ("encoding", r.encoding.code().into()),
            ("entries", n(r.entries)),
            ("added", n(r.added)),
            ("changed", n(r.changed)),
            ("removed", n(r.removed)),
            ("unchanged", n(r.unchanged)),
        ],
    );
    let rows = i18n::t_with(
        lang,
        "lists-report-rows",
        &[
            ("rows", n(r.read.rows as i64)),
            ("others", n(r.read.not_persons as i64)),
            ("skipped", n(r.read.skipped as i64)),
        ],
    );
    let errors = r
        .read
        .errors
        .iter()
        .map(|e| {
            let problem =
                i18n::t_with(lang, e.id, &e.args.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>());
            i18n::t_with(lang, "list-row-line", &[("line", e.line.to_string()), ("problem", problem)])
        })
        .collect();
    let hidden = r.read.skipped as i64 - MAX_REPORTED.min(r.read.errors.len()) as i64;
    let more = (hidden > 0).then(|| i18n::t_count(lang, "lists-report-more", hidden, &[]));
    Report { summary, rows, errors, more }
}

/// The report of an import as lines of text, for the command line.
pub fn report_lines(lang: Lang, r: &ImportReport) -> Vec<String> {
    let rep = report(lang, r);
    let mut lines = vec![rep.summary, rep.rows];
    lines.extend(rep.errors);
    lines.extend(rep.more);
    lines
}

/// A refused file's reason in `lang`.
pub fn file_error_text(lang: Lang, e: &FileError) -> String {
    i18n::t_with(lang, e.id, &e.args.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>())
}

pub(super) async fn lists_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.require(access::COMPLIANCE)?;
    let versions = lists::versions(&state.db, 100).await?;
    let page = ListsPage {
        page: ctx.page("lists-title"),
        versions,
        name: String::new(),
        errors: FieldErrors::new(ctx.lang),
        refusal: None,
        report: None,
    };
    Ok(page.into_response())
}

/// Streams the uploaded file to a temporary file, imports it as a new version, and starts the
/// re-screening in the background.
pub(super) async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    use tokio::io::AsyncWriteExt;
    // The role first: a form from someone who may not upload is refused whatever it holds.
    ctx.require(access::COMPLIANCE)?;
    let mut multipart = multipart.map_err(|_| AppError::BadRequest)?;
    let mut name = String::new();
    let mut file_name = String::new();
    let mut size = 0u64;
    let dir = state.config.data_dir.join("uploads");
    tokio::fs::create_dir_all(&dir).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let path = dir.join(format!("list-{}.csv", crate::auth::session::new_token()));
    let _cleanup = RemoveOnDrop(path.clone());
    while let Some(mut field) = multipart.next_field().await.map_err(|_| AppError::BadRequest)? {
        match field.name() {
            Some("name") => {
                name = field.text().await.map_err(|_| AppError::BadRequest)?.chars().take(200).collect()
            }
            Some("file") => {
                file_name = field.file_name().unwrap_or("").chars().take(200).collect();
                let mut out =
                    tokio::fs::File::create(&path).await.map_err(|e| AppError::Internal(e.to_string()))?;
                while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
                    size += chunk.len() as u64;
                    out.write_all(&chunk).await.map_err(|e| AppError::Internal(e.to_string()))?;
                }
                out.flush().await.map_err(|e| AppError::Internal(e.to_string()))?;
            }
            _ => {}
        }
    }
    let mut errors = FieldErrors::new(ctx.lang);
    if name.trim().is_empty() || name.trim().chars().count() > 100 {
        errors.add("name", "lists-name-required");
    }
    if size == 0 && file_name.is_empty() {
        errors.add("file", "lists-file-required");
    }
    let fail = |errors: FieldErrors, refusal: Option<String>, name: String| async {
        let versions = lists::versions(&state.db, 100).await?;
        let page = ListsPage { page: ctx.page("lists-title"), versions, name, errors, refusal, report: None };
        Ok::<_, AppError>((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    if !errors.is_empty() {
        return fail(errors, None, name).await;
    }
    let file = std::fs::File::open(&path).map_err(|e| AppError::Internal(e.to_string()))?;
    let result = lists::import(
        &state.db,
        &ctx.actor(),
        &name,
        &file_name,
        std::io::BufReader::new(file),
        true,
        |_| {},
    )
    .await;
    let report = match result {
        Ok(r) => r,
        Err(ImportError::File(e)) => {
            errors.add("file", "lists-refused");
            return fail(errors, Some(file_error_text(ctx.lang, &e)), name).await;
        }
        Err(ImportError::NoEntries) => {
            errors.add("file", "lists-no-entries");
            return fail(errors, None, name).await;
        }
        Err(ImportError::BadName) => {
            errors.add("name", "lists-name-required");
            return fail(errors, None, name).await;
        }
        Err(ImportError::Db(e)) => return Err(e.into()),
    };
    let versions = lists::versions(&state.db, 100).await?;
    let page = ListsPage {
        page: ctx.page("lists-title"),
        versions,
        name: String::new(),
        errors,
        refusal: None,
        report: Some(self::report(ctx.lang, &report)),
    };
    Ok(page.into_response())
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
