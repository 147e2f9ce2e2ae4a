//! End to end in real headless Chromium (Debian's `chromium` and `chromium-driver`), driven
//! over WebDriver with fantoccini: open the home page, type a query, follow a result, see the
//! MathML formula and the plot, run the playground and read the result.
//!
//! Without Chromium the test prints a skip notice, except in CI (`CI` set), where it fails.
//! `LOSSATLAS_BLESS=1` also writes the screenshots to `docs/`.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file())
}

/// chromedriver on a free port, stopped (and its profile removed) on drop.
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver(driver: &Path) -> Driver {
    let port = free_port();
    let profile = std::env::temp_dir().join(format!("lossatlas-e2e-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile).unwrap();
    let child = Command::new(driver).arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("chromedriver starts");
    let d = Driver { child, port, profile };
    let t0 = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(t0.elapsed() < Duration::from_secs(20), "chromedriver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    d
}

async fn connect(d: &Driver, chromium: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                     "--window-size=1280,900", format!("--user-data-dir={}", d.profile.display())]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(&format!("http://127.0.0.1:{}", d.port)).await.expect("a WebDriver session")
}

/// Polls a script until it returns true.
async fn until(c: &Client, what: &str, script: &str) {
    let t0 = Instant::now();
    loop {
        if c.execute(script, vec![]).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(15), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

fn save_screenshot(name: &str, png: &[u8]) {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&tmp, png).unwrap();
    eprintln!("screenshot: {}", tmp.display());
    if std::env::var_os("LOSSATLAS_BLESS").is_some() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs").join(name);
        std::fs::write(&docs, png).unwrap();
        eprintln!("screenshot: {}", docs.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_read_plot_and_play_in_chromium() {
    let (Some(driver), Some(chromium)) = (find(&["chromedriver"]), find(&["chromium", "chromium-browser"])) else {
        if std::env::var_os("CI").is_some() {
            panic!("CI: chromium and chromedriver are required (apt-get install -y chromium chromium-driver)");
        }
        eprintln!("SKIPPED e2e: chromium or chromedriver not found (apt-get install -y chromium chromium-driver)");
        return;
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, lossatlas_web::router()).await.unwrap() });
    let d = start_driver(&driver);
    let c = connect(&d, &chromium).await;
    // Run in a task so that a failed assertion still closes the browser.
    let session = c.clone();
    let outcome = tokio::spawn(async move { run(&session, &base).await }).await;
    let _ = c.close().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn run(c: &Client, base: &str) {
    c.set_window_size(1280, 900).await.unwrap();
    // Home: every entry, search as you type.
    c.goto(&format!("{base}/")).await.unwrap();
    let total = lossatlas::catalog::all().count();
    assert_eq!(text(c, "#count").await, format!("{total} of {total} entries"));
    save_screenshot("screenshot-home.png", &c.screenshot().await.unwrap());
    let q = c.find(Locator::Id("q")).await.unwrap();
    q.send_keys("categorical cros").await.unwrap();
    until(c, "search results", "return !document.getElementById('count').textContent.startsWith(document.querySelectorAll('#results > li').length + ' of')").await;
    let first = c.find(Locator::Css("#results > li:not([hidden]) h3 a")).await.unwrap();
    assert_eq!(first.text().await.unwrap(), lossatlas::catalog::get("cross-entropy").unwrap().name);
    assert!(c.current_url().await.unwrap().as_str().contains("q=categorical"), "the URL keeps the query");
    first.click().await.unwrap();

    // The entry: MathML formula and the plot.
    until(c, "the entry page", "return location.pathname === '/entry/cross-entropy'").await;
    c.find(Locator::Css(".formula math")).await.expect("a MathML formula");
    until(c, "the plot", "var i = document.querySelector('img.plot'); i && i.scrollIntoView(); return !!i && i.complete && i.naturalWidth > 0").await;
    // A taller window shows the formula and the plot in one picture.
    c.set_window_size(1280, 1400).await.unwrap();
    c.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    save_screenshot("screenshot-entry.png", &c.screenshot().await.unwrap());
    c.set_window_size(1280, 900).await.unwrap();

    // The playground: run the example, then a bad input.
    c.find(Locator::LinkText("Run it in the playground")).await.unwrap().click().await.unwrap();
    until(c, "the playground", "return !!document.getElementById('playground')").await;
    c.find(Locator::Css("#playground button[type=submit]")).await.unwrap().click().await.unwrap();
    until(c, "a result", "var r = document.getElementById('result'); return !r.hidden && !!r.querySelector('code.value')").await;
    let value = text(c, "#result code.value").await;
    let v: f64 = value.strip_prefix("shape []: ").unwrap_or_else(|| panic!("{value}")).parse().unwrap();
    assert!(v.is_finite() && v > 0.0, "{value}");
    assert!(text(c, "#result").await.contains("∂ sum(loss) / ∂ logits"));
    save_screenshot("screenshot-playground.png", &c.screenshot().await.unwrap());
    c.execute("document.getElementById('inputs').value = '{\"logits\": {\"dtype\": \"f64\", \"shape\": [1, 3], \"data\": [1, 2, 3]}, \"targets\": {\"dtype\": \"i64\", \"shape\": [1], \"data\": [5]}}'", vec![])
        .await
        .unwrap();
    c.find(Locator::Css("#playground button[type=submit]")).await.unwrap().click().await.unwrap();
    until(c, "an error", "return document.getElementById('result').classList.contains('error')").await;
    assert!(text(c, "#result").await.contains("targets"), "the evaluator's message");
}
