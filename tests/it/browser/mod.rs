//! Journeys in a real browser: Chromium driven through chromedriver (WebDriver), against the same
//! portal the other tests start, on SQLite with a fresh database.
//!
//! Every page a journey visits is checked at 1366 and 390 px: axe-core finds no violation of
//! impact "serious" or "critical", nothing is wider than the window except tables meant to scroll
//! (`.table-wrap`), no button or label cuts its text, the console shows no error and no asset
//! failed to load. Screenshots go to `target/browser-shots/`.
//!
//! Chromium and chromedriver come from Debian's `chromium` and `chromium-driver` (or `CHROMIUM`
//! and `CHROMEDRIVER`); axe-core from `tests/browser/node_modules` (`npm ci --prefix
//! tests/browser`). Without chromedriver the journeys are skipped with a message, unless
//! `TEST_REQUIRE_BROWSER=1`, which CI sets.

mod accounts;
mod admin;
mod checks;
mod compliance;
mod customers;
mod dashboards;
mod jobs;
mod journeys;
mod language;
mod mail;
mod no_script;
mod passkeys;
mod personal_data;
mod quality;
mod restoration;
mod security;
mod sessions;
mod support;
mod support_files;

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicUsize, Ordering},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::harness::TestApp;

/// The two widths every page is checked at: a laptop and a phone.
pub const WIDTHS: [u32; 2] = [1366, 390];

/// A chromedriver process and one browser session on it.
pub struct Browser {
    driver: Child,
    pub client: Client,
    pub base: String,
    /// The journey's name, for screenshot files.
    journey: String,
    shots: PathBuf,
    shot: AtomicUsize,
    axe: String,
    /// Whether the page's scripts run (a journey without JavaScript skips the checks that need them).
    scripts: bool,
    /// Whatever a check found, reported together at the end of the journey.
    pub problems: Vec<String>,
}

fn found(var: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var(var).map(PathBuf::from).unwrap_or_else(|_| PathBuf::from(default));
    path.exists().then_some(path)
}

fn required() -> bool {
    std::env::var("TEST_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Why the browser half cannot run, as a skip or (in CI) a failure.
fn unavailable(why: &str) -> Option<Browser> {
    if required() {
        panic!("TEST_REQUIRE_BROWSER=1 but {why}");
    }
    eprintln!("skipping the browser journey: {why} (install chromium and chromium-driver)");
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Chromium on `app`, with scripts on or off; `None` (after saying so) when there is no
    /// chromedriver and the browser half is not required.
    pub async fn start(app: &TestApp, journey: &str, scripts: bool) -> Option<Browser> {
        let Some(driver_bin) = found("CHROMEDRIVER", "/usr/bin/chromedriver") else {
            return unavailable("no chromedriver found");
        };
        let Some(chromium) = found("CHROMIUM", "/usr/bin/chromium") else {
            return unavailable("no chromium found");
        };
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let axe_file = root.join("tests/browser/node_modules/axe-core/axe.min.js");
        let Ok(axe) = std::fs::read_to_string(&axe_file) else {
            return unavailable(&format!(
                "{} is missing: run `npm ci --prefix tests/browser`",
                axe_file.display()
            ));
        };
        let port = free_port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let mut prefs = json!({});
        if !scripts {
            prefs = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1366,900", "--hide-scrollbars", "--lang=ru",
                ],
                "prefs": prefs,
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(caps) = caps else { unreachable!() };
        let mut client = None;
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
        let client = client.expect("a browser session on chromedriver");
        crate::harness::ran("browser");
        let shots = root.join("target/browser-shots");
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Some(Browser {
            driver,
            client,
            base: app.base.clone(),
            journey: journey.to_string(),
            shots,
            shot: AtomicUsize::new(0),
            axe,
            scripts,
            problems: Vec::new(),
        })
    }

    /// Opens `path` (relative to the portal).
    pub async fn open(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("open a page");
    }

    /// The path and query of the page shown.
    pub async fn here(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Types `text` into the field `css`, replacing what it held.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap_or_else(|_| panic!("field {css}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Clicks the element `css`; when it submits a form or follows a link, waits until the next
    /// page has replaced this one (the old document's root goes stale).
    pub async fn click(&self, css: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|_| panic!("element {css}"));
        let tag = el.tag_name().await.unwrap_or_default().to_lowercase();
        let kind = el.attr("type").await.ok().flatten().unwrap_or_default().to_lowercase();
        let href = el.attr("href").await.ok().flatten();
        // A link a script handles in place: a photo viewer, a canned reply filling a form.
        let view = match el.attr("data-view").await.ok().flatten() {
            Some(v) => Some(v),
            None if self.scripts => el.attr("data-fill").await.ok().flatten(),
            None => None,
        };
        let navigates = (tag == "button" && (kind.is_empty() || kind == "submit"))
            || (tag == "input" && kind == "submit")
            || (tag == "a" && href.is_some() && view.is_none());
        let root = self.client.find(Locator::Css("html")).await.expect("the page's root");
        el.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
        // A form that asks first (`data-confirm`): the browser's own dialog, accepted.
        if self.client.get_alert_text().await.is_ok() {
            self.client.accept_alert().await.expect("accept the confirmation");
        }
        if navigates {
            let mut replaced = false;
            for _ in 0..200 {
                if root.tag_name().await.is_err() {
                    replaced = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert!(replaced, "clicking {css} did not load a page");
        }
        self.settle().await;
    }

    /// Waits until the document has loaded.
    pub async fn settle(&self) {
        if !self.scripts {
            return;
        }
        for _ in 0..100 {
            let state = self.client.execute("return document.readyState", vec![]).await;
            if state.ok().and_then(|v| v.as_str().map(str::to_string)).as_deref() == Some("complete") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether an element matching `css` is on the page.
    pub async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// The text of the first element matching `css` (empty if there is none).
    pub async fn text_of(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Signs `login` in and shows the portal in `lang` (the header's switcher).
    pub async fn enter(&self, login: &str, password: &str, lang: &str) {
        self.sign_in(login, password).await;
        let switch = format!("form.lang-switch button[value='{lang}']:not([disabled])");
        if self.has(&switch).await {
            self.click(&switch).await;
        }
    }

    /// Runs a script and returns its value.
    pub async fn script(&self, js: &str) -> Value {
        self.client.execute(js, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{js}"))
    }

    /// Signs in through the form.
    pub async fn sign_in(&self, login: &str, password: &str) {
        self.open("/login").await;
        self.fill("#login", login).await;
        self.fill("#password", password).await;
        self.click("form[action='/login'] button[type=submit], form[action='/login'] button").await;
    }

    /// Records a problem unless `ok`.
    pub fn expect(&mut self, ok: bool, what: impl Into<String>) {
        if !ok {
            self.problems.push(what.into());
        }
    }

    /// Ends the journey: closes the browser and fails with every problem found.
    pub async fn finish(mut self) {
        let problems = std::mem::take(&mut self.problems);
        let journey = self.journey.clone();
        let _ = self.client.clone().close().await;
        assert!(problems.is_empty(), "{journey}: {} problem(s)\n- {}", problems.len(), problems.join("\n- "));
    }

    fn next_shot(&self, name: &str, width: u32) -> PathBuf {
        let n = self.shot.fetch_add(1, Ordering::Relaxed);
        let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        self.shots.join(format!("{}-{n:02}-{safe}-{width}.png", self.journey))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
