//! The request context of every page: who is signed in, in which language, from which address,
//! with which CSRF token. The middleware here builds it, refuses forged form posts, sends people
//! who must change their password to do so, and turns error responses into localized pages.

use std::net::SocketAddr;

use askama::Template;
use axum::{
    body::Body,
    extract::{ConnectInfo, FromRequestParts, Request, State},
    http::{HeaderMap, Method, StatusCode, header, request::Parts},
    middleware::Next,
    response::{Html, IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use super::{
    AppState,
    page::{Flash, Page},
};
use crate::{
    audit::Actor,
    auth::{CurrentUser, Role, session},
    config::Config,
    error::{AppError, AppResult, ErrorPage},
    i18n::{self, Lang},
};

/// Largest form body accepted on a page (multipart uploads have their own limits).
pub const FORM_LIMIT: usize = 64 * 1024;
/// Largest form body of the pages that take a long text: a policy version's two texts (up to
/// 200,000 characters each, percent-encoded Cyrillic at up to 6 bytes a character).
pub const LONG_FORM_LIMIT: usize = 3 * 1024 * 1024;
/// The pages whose forms may be that long.
pub const LONG_FORMS: &[&str] = &["/admin/policy-versions"];

/// The largest form body `path` accepts.
pub fn form_limit(path: &str) -> usize {
    if LONG_FORMS.contains(&path) { LONG_FORM_LIMIT } else { FORM_LIMIT }
}

/// The context of a page request; handlers take it as an extractor.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<CurrentUser>,
    /// Client address, for the audit log and throttling.
    pub ip: String,
    pub csrf: String,
    /// Request path (without query).
    pub path: String,
    /// Request path with query.
    pub here: String,
    /// The browser's user-agent, for the list of one's sessions.
    pub user_agent: String,
    /// How long a given second factor spares sensitive actions the step-up.
    pub step_up: time::Duration,
    pub session: Session,
    flash: Option<Flash>,
}

impl Ctx {
    /// The signed-in person, whatever their roles.
    pub fn user(&self) -> AppResult<&CurrentUser> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// The signed-in person if they hold one of `roles`; otherwise sign-in or 403.
    pub fn require(&self, roles: &[Role]) -> AppResult<&CurrentUser> {
        let user = self.user()?;
        if user.has_any(roles) { Ok(user) } else { Err(AppError::Forbidden) }
    }

    /// The audit actor of this request.
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor::Staff { id: u.id, login: u.login.clone() },
            None => Actor::Anonymous,
        }
    }

    /// Layout data for a page titled by the Fluent id `title_id`.
    pub fn page(&self, title_id: &str) -> Page {
        Page::new(
            self.lang,
            title_id,
            &self.csrf,
            &self.path,
            &self.here,
            self.user.as_ref(),
            self.flash.as_ref(),
        )
    }

    /// A message in the request's language.
    pub fn t(&self, id: &str) -> String {
        i18n::t(self.lang, id)
    }

    /// A message with arguments in the request's language.
    pub fn t_with(&self, id: &str, args: &[(&str, String)]) -> String {
        i18n::t_with(self.lang, id, args)
    }

    /// Leaves a one-time message for the next page.
    pub async fn flash(&self, ok: bool, id: &str, args: &[(&str, String)]) -> AppResult<()> {
        let flash = Flash {
            ok,
            id: id.to_string(),
            args: args.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect(),
        };
        self.session.insert(session::FLASH, flash).await?;
        Ok(())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal("page context missing".into()))
    }
}

/// The client address: the socket peer, or the last `X-Forwarded-For` hop when the portal runs
/// behind a trusted proxy.
pub fn client_ip(config: &Config, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if config.trust_proxy
        && let Some(forwarded) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())
        && let Some(last) = forwarded.rsplit(',').next().map(str::trim).filter(|s| !s.is_empty())
    {
        return last.chars().take(64).collect();
    }
    peer.map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// Paths a person who must change their password may still open.
fn allowed_before_password_change(path: &str) -> bool {
    path == "/account" || path.starts_with("/account/") || path == "/logout" || path == "/language"
}

/// What a person who must enrol a second factor may open before they have: the enrolment,
/// signing out and the language switch.
fn allowed_before_enrolment(path: &str) -> bool {
    path == "/account/two-factor"
        || path.starts_with("/account/two-factor/")
        || path == "/logout"
        || path == "/language"
}

/// Builds the [`Ctx`], checks CSRF on unsafe methods, and renders error pages.
pub async fn middleware(
    State(state): State<AppState>,
    session: Session,
    req: Request,
    next: Next,
) -> Response {
    match handle(state, session, req, next).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "page context failed");
            plain_error(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

async fn handle(state: AppState, session: Session, req: Request, next: Next) -> AppResult<Response> {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    let ip = client_ip(&state.config, req.headers(), peer);
    let path = req.uri().path().to_string();
    let here = req.uri().path_and_query().map_or_else(|| path.clone(), |pq| pq.as_str().to_string());

    let user = session::current_user(&state.db, &state.config, &session, &ip).await?;
    let lang = match user.as_ref().and_then(|u| u.language) {
        Some(l) => l,
        None => match session.get::<String>(session::LANG).await?.as_deref().and_then(Lang::parse) {
            Some(l) => l,
            None => req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
                .unwrap_or(Lang::Ru),
        },
    };
    // A session keeps its form token; a visitor without one (not signed in) gets it in a cookie
    // of its own, so a page view stores nothing (double submit: the form must repeat it).
    let (csrf, new_cookie) = match session.get::<String>(session::CSRF).await? {
        Some(t) => (t, false),
        None => match cookie_token(req.headers()) {
            Some(t) => (t, false),
            None => (session::new_token(), true),
        },
    };
    let flash =
        if req.method() == Method::GET { session.remove::<Flash>(session::FLASH).await? } else { None };
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect();
    let step_up = state.config.step_up;
    let ctx = Ctx { lang, user, ip, csrf, path: path.clone(), here, user_agent, step_up, session, flash };

    let mut res = match page(ctx.clone(), req, next).await {
        Ok(r) | Err(r) => r,
    };
    if new_cookie {
        let secure = if state.config.secure_cookies { "; Secure" } else { "" };
        let cookie = format!("{CSRF_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict{secure}", ctx.csrf);
        if let Ok(v) = header::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// Checks the form token of unsafe requests, sends people who must change their password to do
/// so, and runs the page.
async fn page(ctx: Ctx, mut req: Request, next: Next) -> Result<Response, Response> {
    if !req.method().is_safe() {
        req = super::csrf::check(req, &ctx.csrf).await.map_err(|e| finish(&ctx, e.into_response()))?;
    }
    if ctx.user.as_ref().is_some_and(|u| u.must_change_password) && !allowed_before_password_change(&ctx.path)
    {
        return Err(Redirect::to("/account").into_response());
    }
    if ctx.user.as_ref().is_some_and(|u| u.must_enrol) && !allowed_before_enrolment(&ctx.path) {
        return Err(Redirect::to("/account/two-factor").into_response());
    }
    req.extensions_mut().insert(ctx.clone());
    Ok(finish(&ctx, next.run(req).await))
}

/// The cookie that carries the form token of a visitor who has no session.
const CSRF_COOKIE: &str = "kp_csrf";

/// The form token in the visitor's `kp_csrf` cookie, if it is one the portal could have made.
fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == CSRF_COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Marks a response to be sent to sign-in, remembering where the person wanted to go.
#[derive(Clone, Copy)]
pub struct NeedsSignIn;

/// Replaces error responses that carry no page of their own with the localized error page.
fn finish(ctx: &Ctx, res: Response) -> Response {
    if res.extensions().get::<NeedsSignIn>().is_some() {
        let target = if ctx.here == "/" || ctx.here.starts_with("/login") {
            "/login".to_string()
        } else {
            format!("/login?next={}", urlencode(&ctx.here))
        };
        return Redirect::to(&target).into_response();
    }
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let marked = res.extensions().get::<ErrorPage>().copied();
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let kind = match marked {
        Some(k) => k,
        None if !is_html => ErrorPage::for_status(status),
        None => return res,
    };
    render_error(ctx, status, kind)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    page: Page,
    status: u16,
    text: String,
}

fn render_error(ctx: &Ctx, status: StatusCode, kind: ErrorPage) -> Response {
    let key = kind.message_key();
    let page = ctx.page(&format!("{key}-title"));
    // "Ask an administrator" means nothing to an administrator.
    let admin = ctx.user.as_ref().is_some_and(|u| u.has_any(crate::auth::access::ADMIN));
    let text = if kind == ErrorPage::Forbidden && admin {
        ctx.t("error-403-admin-text")
    } else {
        ctx.t(&format!("{key}-text"))
    };
    let tpl = ErrorTemplate { text, status: status.as_u16(), page };
    match tpl.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            plain_error(status)
        }
    }
}

/// Last resort when even the error page cannot be built: a status with no details.
fn plain_error(status: StatusCode) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], Body::from(status.to_string()))
        .into_response()
}

/// `path?k=v&...` with the non-empty parameters percent-encoded (just `path` when none is).
pub fn with_query(path: &str, parts: &[(&str, &str)]) -> String {
    let qs = parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if qs.is_empty() { path.to_string() } else { format!("{path}?{qs}") }
}

/// Percent-encodes a path for a query parameter.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|q| q[1..].to_string()).unwrap_or_default()
}

/// A local path to return to after a form, or `/` for anything that could leave the portal.
pub fn safe_return_path(raw: &str) -> String {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control);
    if ok { raw.to_string() } else { "/".to_string() }
}
