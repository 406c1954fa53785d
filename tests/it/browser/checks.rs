//! What every visited page must pass: accessibility (axe-core), layout at both widths, a clean
//! console; and a screenshot of each width.

use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use super::{Browser, WIDTHS};

/// Elements wider than the window (outside `.table-wrap`), and buttons, labels and headings
/// whose text does not fit.
const LAYOUT: &str = r#"
const width = document.documentElement.clientWidth;
const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
  ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
const found = [];
if (document.documentElement.scrollWidth > width + 1) {
  found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px in ' + width + ' px');
}
// Inside a box that clips its overflow (the photo viewer's stage) and itself fits, a zoomed
// picture may be larger than the window.
const clipped = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o !== 'visible' && p.getBoundingClientRect().right <= width + 1) return true;
  }
  return false;
};
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('.table-wrap, dialog:not([open]), [hidden]')) continue;
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  if (r.right > width + 1 && getComputedStyle(el).position !== 'fixed' && !clipped(el)) {
    found.push('wider than the window (' + Math.round(r.right) + ' px): ' + name(el));
  }
}
for (const el of document.body.querySelectorAll('button, label, legend, .button, th, h1, h2, h3, nav a')) {
  if (el.closest('.table-wrap, [hidden], .visually-hidden')) continue;
  if (el.getBoundingClientRect().width === 0) continue;
  if (el.scrollWidth > el.clientWidth + 1) {
    found.push('text cut off (' + el.scrollWidth + ' > ' + el.clientWidth + ' px): ' + name(el));
  }
}
return [...new Set(found)].slice(0, 15);
"#;

/// axe-core's serious and critical violations, one line each.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.passes.length === 0
  ? ['axe checked nothing']
  : r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) =>
    v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))
)).catch((e) => done(['axe failed: ' + e]));
"#;

/// Chromium's console for the page so far (`goog:loggingPrefs`).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

impl Browser {
    /// Checks the page shown at both widths and takes its screenshots; what is wrong is added to
    /// [`Browser::problems`] with the page's `name`.
    pub async fn check(&mut self, name: &str) {
        if !self.scripts {
            // Scripts are off for the page and for WebDriver alike: screenshots only (the same
            // pages are checked with scripts on).
            for width in WIDTHS {
                self.client.set_window_size(width, 900).await.expect("resize");
                let png = self.client.screenshot().await.expect("screenshot");
                std::fs::write(self.next_shot(name, width), png).expect("write screenshot");
            }
            self.client.set_window_size(1366, 900).await.expect("resize");
            return;
        }
        let here = self.here().await;
        let lang = self.script("return document.documentElement.lang").await;
        let lang = lang.as_str().unwrap_or("?").to_string();
        let label = format!("{name} [{lang}] {here}");
        for width in WIDTHS {
            self.client.set_window_size(width, 900).await.expect("resize");
            tokio::time::sleep(Duration::from_millis(150)).await;
            for p in strings(&self.script(LAYOUT).await) {
                self.problems.push(format!("{label} at {width} px: {p}"));
            }
            let loaded = self.script("return typeof axe !== 'undefined'").await;
            if loaded != Value::Bool(true) {
                let inject = format!("{}\nreturn true;", self.axe);
                self.script(&inject).await;
            }
            match self.client.execute_async(AXE_RUN, vec![]).await {
                Ok(v) => {
                    for p in strings(&v) {
                        self.problems.push(format!("{label} at {width} px: {p}"));
                    }
                }
                Err(e) => self.problems.push(format!("{label}: axe did not run: {e}")),
            }
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(self.next_shot(&format!("{name}-{lang}"), width), png).expect("write screenshot");
        }
        self.client.set_window_size(1366, 900).await.expect("resize");
        self.console(&label).await;
    }

    /// Fails the journey on any console error or failed request since the last look.
    pub async fn console(&mut self, label: &str) {
        let Ok(entries) = self.client.issue_cmd(BrowserLog).await else {
            self.problems.push(format!("{label}: the browser's console could not be read"));
            return;
        };
        // The page's own status (422 for a form with errors) is the answer, not a failed request.
        let page = self.client.current_url().await.map(|mut u| {
            u.set_fragment(None);
            u.to_string()
        });
        for e in entries.as_array().into_iter().flatten() {
            if e["level"].as_str() != Some("SEVERE") {
                continue;
            }
            let message = e["message"].as_str().unwrap_or_default();
            let url = message.split(' ').next().unwrap_or_default().split('#').next().unwrap_or_default();
            let own_status = message
                .contains("Failed to load resource: the server responded with a status of 4")
                && page.as_deref().is_ok_and(|p| p == url);
            if !own_status {
                self.problems.push(format!("{label}: console: {message}"));
            }
        }
    }
}
