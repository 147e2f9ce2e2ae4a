//! The axum router and the server. Every handler that evaluates losses or renders a page runs
//! in `spawn_blocking`, so CPU work never stalls the async workers; a panic anywhere becomes a
//! 500 answer, never a dead server.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, RawQuery};
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use lossatlas::catalog;
use serde_json::{Value as Json, json};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

use crate::api::{self, EvalRequest};
use crate::error::WebError;
use crate::links::Ctx;
use crate::pages::{self, GuideQuery, PlaygroundForm};
use crate::plots;
use crate::query::{Query, SearchQuery};

/// Largest request body accepted; larger ones get 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

const CTX: Ctx = Ctx::SERVER;

/// Runs CPU work on the blocking pool.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, WebError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| WebError::internal(format!("the request failed inside the server: {e}")))
}

fn json_error(e: WebError) -> Response {
    (e.status, axum::Json(json!({"error": e.message}))).into_response()
}

fn html_error(e: WebError) -> Response {
    (e.status, Html(pages::error_page(&CTX, &e).into_string())).into_response()
}

fn json_answer(r: Result<Result<Json, WebError>, WebError>) -> Response {
    match r.and_then(|x| x) {
        Ok(v) => axum::Json(v).into_response(),
        Err(e) => json_error(e),
    }
}

fn html_answer(r: Result<Result<maud::Markup, WebError>, WebError>) -> Response {
    match r.and_then(|x| x) {
        Ok(m) => Html(m.into_string()).into_response(),
        Err(e) => html_error(e),
    }
}

fn body_error(r: BytesRejection) -> WebError {
    WebError { status: r.status(), message: if r.status() == StatusCode::PAYLOAD_TOO_LARGE { format!("the body is larger than {MAX_BODY_BYTES} bytes") } else { r.body_text() } }
}

fn svg_answer(r: Result<Result<String, WebError>, WebError>) -> Response {
    match r.and_then(|x| x) {
        Ok(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=3600")], svg).into_response(),
        Err(e) => json_error(e),
    }
}

async fn home(RawQuery(q): RawQuery) -> Response {
    html_answer(blocking(move || SearchQuery::from_query(&Query::parse(q.as_deref())).map(|s| pages::home(&CTX, &s))).await)
}

async fn entry_page(Path(id): Path<String>) -> Response {
    html_answer(blocking(move || catalog::get(&id).map(|e| pages::entry(&CTX, e)).ok_or_else(|| WebError::no_entry(&id))).await)
}

async fn plot_svg(Path(file): Path<String>) -> Response {
    let Some(id) = file.strip_suffix(".svg").map(str::to_string) else {
        return json_error(WebError::not_found(format!("no plot {file:?}; plots are /plot/ID.svg")));
    };
    svg_answer(blocking(move || plots::plottable(&id).and_then(|e| plots::svg(&[e.id]))).await)
}

async fn compare_svg(RawQuery(q): RawQuery) -> Response {
    svg_answer(blocking(move || plots::compare_ids(&Query::parse(q.as_deref()).list("ids")).and_then(|ids| plots::svg(&ids))).await)
}

async fn compare_page(RawQuery(q): RawQuery) -> Response {
    html_answer(
        blocking(move || {
            let q = Query::parse(q.as_deref());
            let mut ids = q.list("ids");
            if ids.is_empty() {
                ids = plots::default_compare().iter().map(|s| s.to_string()).collect();
            }
            plots::compare_ids(&ids).map(|ids| pages::compare(&CTX, &ids))
        })
        .await,
    )
}

async fn playground_index(RawQuery(q): RawQuery) -> Response {
    if let Some(id) = Query::parse(q.as_deref()).get("id") {
        return match catalog::get(id) {
            Some(e) => Redirect::to(&format!("/playground/{}", e.id)).into_response(),
            None => html_error(WebError::no_entry(id)),
        };
    }
    html_answer(blocking(|| Ok(pages::playground_index(&CTX))).await)
}

async fn playground_get(Path(id): Path<String>) -> Response {
    html_answer(blocking(move || plots::plottable(&id).map(|e| pages::playground(&CTX, e, None))).await)
}

async fn playground_post(Path(id): Path<String>, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(r) => return html_error(body_error(r)),
    };
    let r = blocking(move || {
        let e = plots::plottable(&id)?;
        let form = PlaygroundForm::parse(&body);
        let outcome = form.request(e.id).and_then(|r| r.run());
        let status = outcome.as_ref().err().map(|e| e.status).unwrap_or(StatusCode::OK);
        Ok((status, pages::playground(&CTX, e, Some((&form, &outcome)))))
    })
    .await;
    match r.and_then(|x| x) {
        Ok((status, m)) => (status, Html(m.into_string())).into_response(),
        Err(e) => html_error(e),
    }
}

async fn timeline() -> Response {
    html_answer(blocking(|| Ok(pages::timeline(&CTX))).await)
}

async fn guide_page(RawQuery(q): RawQuery) -> Response {
    html_answer(blocking(move || GuideQuery::from_query(&Query::parse(q.as_deref())).map(|g| pages::guide(&CTX, &g))).await)
}

async fn api_entries(RawQuery(q): RawQuery) -> Response {
    json_answer(blocking(move || api::list(&CTX, &Query::parse(q.as_deref()))).await)
}

async fn api_entry(Path(id): Path<String>) -> Response {
    json_answer(blocking(move || api::entry(&CTX, &id)).await)
}

async fn api_search(RawQuery(q): RawQuery) -> Response {
    json_answer(blocking(move || api::search(&CTX, &Query::parse(q.as_deref()))).await)
}

async fn api_eval(body: Result<Bytes, BytesRejection>) -> Response {
    match body {
        Err(r) => json_error(body_error(r)),
        Ok(b) => json_answer(blocking(move || EvalRequest::from_body(&b).and_then(|r| r.run())).await),
    }
}

async fn api_recommend(RawQuery(q): RawQuery) -> Response {
    json_answer(blocking(move || api::recommend(&Query::parse(q.as_deref()))).await)
}

async fn api_guide() -> Response {
    axum::Json(api::guide_json()).into_response()
}

async fn api_plot(Path(id): Path<String>) -> Response {
    json_answer(blocking(move || api::plot(&id)).await)
}

async fn not_found(uri: Uri) -> Response {
    let e = WebError::not_found(format!("no page at {}", uri.path()));
    if uri.path().starts_with("/api/") { json_error(e) } else { html_error(e) }
}

/// The web atlas as an axum router: pages, plots and the JSON API.
pub fn router() -> Router {
    Router::new()
        .route("/", get(home))
        .route("/entry/{id}", get(entry_page))
        .route("/plot/{file}", get(plot_svg))
        .route("/compare", get(compare_page))
        .route("/compare.svg", get(compare_svg))
        .route("/playground", get(playground_index))
        .route("/playground/{id}", get(playground_get).post(playground_post))
        .route("/timeline", get(timeline))
        .route("/guide", get(guide_page))
        .route("/api/entries", get(api_entries))
        .route("/api/entries/{id}", get(api_entry))
        .route("/api/search", get(api_search))
        .route("/api/eval", axum::routing::post(api_eval))
        .route("/api/recommend", get(api_recommend))
        .route("/api/guide", get(api_guide))
        .route("/api/plot/{id}", get(api_plot))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::new())
}

/// Serves the atlas on `127.0.0.1:port` (0 picks a free port) until Ctrl-C; `open` opens it in
/// the default browser.
pub async fn serve(port: u16, open: bool) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let url = format!("http://{}/", listener.local_addr()?);
    println!("Loss Atlas at {url} (Ctrl-C stops)");
    if open {
        open_browser(&url);
    }
    axum::serve(listener, router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// [`serve`] on a runtime of its own, for callers without one (the CLI).
pub fn serve_blocking(port: u16, open: bool) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(serve(port, open))
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = cmd {
        eprintln!("could not open a browser ({e}); open {url} yourself");
    }
}
