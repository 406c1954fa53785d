//! `mailgate --url URL --key KEY`: a mail server's pipe transport hands one message on standard
//! input; it is posted raw to the portal's `POST /api/v1/mail` (the way Request Tracker's
//! rt-mailgate works). The exit status is what a mail server understands: 0 delivered (or
//! delivered before), 65 (EX_DATAERR) for a message that can never be taken (too large: refused
//! before it is read whole; not a message; no sender), 75 (EX_TEMPFAIL) when the portal cannot
//! take it now (unreachable, busy, failing, or the key refused), so the mail server retries.

use std::{io::Read, process::ExitCode, time::Duration};

use clap::Args;

use crate::mail::api::MAIL_MAX;

const EX_DATAERR: u8 = 65;
const EX_TEMPFAIL: u8 = 75;

#[derive(Args, Debug)]
pub(super) struct MailgateArgs {
    /// The portal's address, e.g. https://portal.example.kz.
    #[arg(long, env = "PORTAL_MAILGATE_URL")]
    url: String,
    /// An API key with the `mail:write` scope (seen in the process list: prefer --key-file or
    /// the environment variable).
    #[arg(long, env = "PORTAL_MAILGATE_KEY", hide_env_values = true, required_unless_present = "key_file")]
    key: Option<String>,
    /// A file holding the key.
    #[arg(long)]
    key_file: Option<std::path::PathBuf>,
    /// Seconds to wait for the portal.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
}

pub(super) async fn run(a: MailgateArgs) -> ExitCode {
    let key = match (&a.key, &a.key_file) {
        (Some(k), _) => k.trim().to_string(),
        (None, Some(path)) => match std::fs::read_to_string(path) {
            Ok(k) => k.trim().to_string(),
            Err(e) => {
                // The mail server keeps the message while the file is fixed.
                eprintln!("mailgate: {}: {e}", path.display());
                return ExitCode::from(EX_TEMPFAIL);
            }
        },
        (None, None) => return ExitCode::from(EX_TEMPFAIL),
    };
    // At most one byte more than the portal takes: a larger message is refused unread.
    let mut raw = Vec::new();
    let read = std::io::stdin().lock().take(MAIL_MAX as u64 + 1).read_to_end(&mut raw);
    if let Err(e) = read {
        eprintln!("mailgate: reading the message: {e}");
        return ExitCode::from(EX_TEMPFAIL);
    }
    if raw.len() > MAIL_MAX {
        eprintln!("mailgate: the message is larger than {MAIL_MAX} bytes");
        return ExitCode::from(EX_DATAERR);
    }
    let client = match reqwest::Client::builder().timeout(Duration::from_secs(a.timeout)).build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mailgate: {e}");
            return ExitCode::from(EX_TEMPFAIL);
        }
    };
    let url = format!("{}/api/v1/mail", a.url.trim_end_matches('/'));
    let sent = client
        .post(&url)
        .bearer_auth(&key)
        .header(reqwest::header::CONTENT_TYPE, "message/rfc822")
        .body(raw)
        .send()
        .await;
    let res = match sent {
        Ok(res) => res,
        Err(e) => {
            eprintln!("mailgate: the portal at {url} did not answer: {e}");
            return ExitCode::from(EX_TEMPFAIL);
        }
    };
    let status = res.status().as_u16();
    let body = res.text().await.unwrap_or_default();
    match status {
        200 | 201 => ExitCode::SUCCESS,
        400 | 413 | 422 => {
            eprintln!("mailgate: the portal refused the message ({status}): {body}");
            ExitCode::from(EX_DATAERR)
        }
        _ => {
            eprintln!("mailgate: the portal could not take the message now ({status}): {body}");
            ExitCode::from(EX_TEMPFAIL)
        }
    }
}
