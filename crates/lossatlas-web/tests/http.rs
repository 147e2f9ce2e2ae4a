//! Every route and endpoint of the web atlas through the router itself (no network): pages,
//! plots, the JSON API, bad requests, oversized bodies and concurrent evaluations.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use lossatlas::catalog;
use serde_json::{Value, json};
use tower::ServiceExt;

struct Answer {
    status: StatusCode,
    content_type: String,
    location: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_else(|| panic!("no error message: {}", self.body)).to_string()
    }
}

async fn send(req: Request<Body>) -> Answer {
    let res = lossatlas_web::router().oneshot(req).await.unwrap();
    let status = res.status();
    let header = |h| res.headers().get(h).map(|v: &header::HeaderValue| v.to_str().unwrap().to_string());
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let location = header(header::LOCATION);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer { status, content_type, location, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn get(uri: &str) -> Answer {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Answer {
    send(Request::post(uri).header(header::CONTENT_TYPE, content_type).body(body.into()).unwrap()).await
}

async fn post_json(uri: &str, v: &Value) -> Answer {
    post(uri, "application/json", v.to_string()).await
}

fn planned() -> &'static catalog::Entry {
    catalog::all().find(|e| !e.is_implemented()).expect("the catalog has an entry that does not run")
}

fn ce_request() -> Value {
    json!({
        "id": "cross-entropy",
        "inputs": {
            "logits": {"dtype": "f64", "shape": [2, 3], "data": [2.0, 0.5, -1.0, 0.1, 0.2, 3.0]},
            "targets": {"dtype": "i64", "shape": [2], "data": [0, 2]}
        }
    })
}

// ----- pages ---------------------------------------------------------------------------------

#[tokio::test]
async fn home_lists_every_entry_with_domains_search_and_filters() {
    let a = get("/").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.content_type.starts_with("text/html"));
    assert!(a.body.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(a.body.contains("prefers-color-scheme:dark"), "dark mode");
    for id in catalog::all().map(|e| e.id) {
        assert!(a.body.contains(&format!("id=\"e-{id}\"")), "card of {id}");
    }
    for needle in ["type=\"search\"", "name=\"domain\"", "name=\"kind\"", "name=\"since\"", "name=\"until\"", "name=\"status\"", "name=\"prop\"", "name=\"sort\"", "/?domain=classification", "<script>"] {
        assert!(a.body.contains(needle), "home lacks {needle}");
    }
    let n = catalog::all().count();
    assert!(a.body.contains(&format!("{n} of {n} entries")));
}

#[tokio::test]
async fn pages_are_compressed_when_the_client_asks() {
    let res = lossatlas_web::router().oneshot(Request::get("/").header(header::ACCEPT_ENCODING, "gzip").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn home_filters_on_the_server_without_javascript() {
    let a = get("/?q=crossentropy&sort=relevance").await;
    assert_eq!(a.status, StatusCode::OK);
    let first = a.body.find("<li class=\"card\"").unwrap();
    assert!(a.body[first..].starts_with("<li class=\"card\" id=\"e-cross-entropy\""), "cross-entropy first");
    let hidden = a.body.matches("<li class=\"card\" id=").count() - a.body.matches(" hidden data-id=").count();
    assert!(hidden >= 1);
    let a = get("/?status=implemented&prop=convex&since=1900&until=2100&kind=loss&domain=classification&sort=year").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<details class=\"filters\" open>"), "filters shown when set");
    for bad in ["/?domain=cooking", "/?kind=x", "/?since=soon", "/?sort=best", "/?prop=tasty"] {
        let a = get(bad).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(a.body.contains("role=\"alert\""), "{bad}: the message is shown");
    }
}

#[tokio::test]
async fn entry_page_has_everything_for_cross_entropy() {
    let a = get("/entry/cross-entropy").await;
    assert_eq!(a.status, StatusCode::OK);
    let e = catalog::get("cross-entropy").unwrap();
    for needle in [e.name, e.paper.title, "<math", "Parameters", "label_smoothing", "Properties", "Equivalents", "torch.nn.CrossEntropyLoss", "/plot/cross-entropy.svg", "alt=\"Two line charts", "/playground/cross-entropy", "Use it from Rust", "evaluate(&quot;cross-entropy&quot;", "Related"] {
        assert!(a.body.contains(needle), "entry page lacks {needle}");
    }
    assert!(a.body.contains(&lossatlas::catalog::formula::to_mathml(e.formula).unwrap()), "formula rendered by Rust");
    assert!(a.body.contains(&html_escape(&lossatlas_web::snippet::rust("cross-entropy").unwrap())), "the doc-tested snippet");
    // Aliases resolve to the entry.
    assert_eq!(get("/entry/Categorical%20Cross-Entropy").await.status, StatusCode::OK);
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[tokio::test]
async fn every_entry_page_renders_and_planned_ones_say_why() {
    for e in catalog::all() {
        let a = get(&format!("/entry/{}", e.id)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", e.id);
        if let Some(reason) = e.status.reason() {
            assert!(a.body.contains(&html_escape(reason)), "{}: reason shown", e.id);
            assert!(!a.body.contains("&amp;nbsp;"), "{}: a stray entity in the formula", e.id);
            assert!(!a.body.contains("class=\"plot\""), "{}: no plot", e.id);
            assert!(!a.body.contains("/playground/"), "{}: no playground", e.id);
        }
    }
    for (id, _) in lossatlas::plot::NO_SLICE {
        let a = get(&format!("/entry/{id}")).await;
        assert!(a.body.contains("No plot: ") && a.body.contains(&format!("/playground/{id}")), "{id}: says why there is no plot");
        assert_eq!(get(&format!("/playground/{id}")).await.status, StatusCode::OK, "{id}: runs in the playground");
    }
    let a = get("/entry/no-such-loss").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.body.contains("no entry"));
}

#[tokio::test]
async fn plots_are_svg_with_a_title() {
    let a = get("/plot/cross-entropy.svg").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.content_type, "image/svg+xml");
    assert!(a.body.contains("<svg") && a.body.contains("<title>"));
    assert_eq!(get("/plot/no-such-loss.svg").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get("/plot/cross-entropy.png").await.status, StatusCode::NOT_FOUND);
    let a = get(&format!("/plot/{}.svg", planned().id)).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("no plot"));
}

fn implemented(n: usize) -> Vec<&'static str> {
    catalog::all().filter(|e| e.is_implemented()).map(|e| e.id).take(n).collect()
}

#[tokio::test]
async fn compare_overlays_several_losses() {
    let ids = implemented(3).join(",");
    let a = get(&format!("/compare?ids={ids}")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains(&format!("/compare.svg?ids={ids}")));
    let a = get(&format!("/compare.svg?ids={ids}")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<svg"));
    assert_eq!(get("/compare").await.status, StatusCode::OK, "a default set");
    assert_eq!(get("/compare?ids=cross-entropy,no-such-loss").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&format!("/compare?ids=cross-entropy,{}", planned().id)).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get("/compare.svg").await.status, StatusCode::BAD_REQUEST);
    if catalog::all().filter(|e| e.is_implemented()).count() > 8 {
        let a = get(&format!("/compare.svg?ids={}", implemented(9).join(","))).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        assert!(a.error().contains("at most 8"));
    }
}

#[tokio::test]
async fn playground_runs_as_a_plain_form() {
    let a = get("/playground").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("/playground/cross-entropy"));
    let a = get("/playground?id=CE").await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.location.as_deref(), Some("/playground/cross-entropy"));
    assert_eq!(get("/playground?id=nope").await.status, StatusCode::NOT_FOUND);

    let a = get("/playground/cross-entropy").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("name=\"inputs\"") && a.body.contains("&quot;logits&quot;"));

    let req = ce_request();
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("inputs", &req["inputs"].to_string())
        .append_pair("params", "{\"label_smoothing\": 0.1}")
        .append_pair("precision", "f64")
        .finish();
    let a = post("/playground/cross-entropy", "application/x-www-form-urlencoded", form).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("Result") && a.body.contains("∂ sum(loss) / ∂ logits"));

    let form = "inputs=%7Bnot+json&params=%7B%7D";
    let a = post("/playground/cross-entropy", "application/x-www-form-urlencoded", form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("inputs: not JSON"));
    let form = format!("inputs={}&params=%7B%22gamma%22%3A1%7D", urlencode(&req["inputs"].to_string()));
    let a = post("/playground/cross-entropy", "application/x-www-form-urlencoded", form).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("gamma"), "the evaluator's message is shown");

    assert_eq!(get(&format!("/playground/{}", planned().id)).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get("/playground/no-such-loss").await.status, StatusCode::NOT_FOUND);
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn timeline_shows_years_and_domains() {
    let a = get("/timeline").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("<table class=\"heat\">"));
    let e = catalog::get("cross-entropy").unwrap();
    assert!(a.body.contains(&format!("id=\"y{}\"", e.year)));
    assert!(a.body.contains("Classification"));
}

/// A task and condition that the guide answers (while entries are still being added, some
/// answers name ids the catalog lacks; the guide's own tests report those).
fn question() -> (&'static str, &'static str, lossatlas::guide::Answer) {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut found = None;
    'outer: for c in lossatlas::guide::CONDITIONS {
        for t in lossatlas::guide::TASKS {
            if let Ok(Ok(a)) = std::panic::catch_unwind(|| lossatlas::guide::recommend(t.slug, &[c.slug])) {
                found = Some((t.slug, c.slug, a));
                break 'outer;
            }
        }
    }
    std::panic::set_hook(prev);
    found.expect("the guide answers at least one question")
}

#[tokio::test]
async fn guide_recommends_with_reasons() {
    let a = get("/guide").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("name=\"task\"") && a.body.contains("name=\"cond\"") && a.body.contains("Learning path") && a.body.contains("Practice"));
    let (task, cond, want) = question();
    let a = get(&format!("/guide?task={task}&cond={cond}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let first = catalog::get(want.recommendations[0].id).unwrap();
    assert!(a.body.contains(&format!("/entry/{}", first.id)));
    assert!(a.body.contains(&html_escape(want.recommendations[0].why)));
    assert!(a.body.contains("Watch out"));
    assert_eq!(get("/guide?task=cooking").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(get("/guide?task=regression&cond=sunny").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let a = get("/no/such/page").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.content_type.starts_with("text/html"));
    let a = get("/api/nothing").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().contains("/api/nothing"));
}

// ----- API -----------------------------------------------------------------------------------

#[tokio::test]
async fn api_lists_and_filters_entries() {
    let a = get("/api/entries").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["count"].as_u64().unwrap() as usize, catalog::all().count());
    let ce = v["entries"].as_array().unwrap().iter().find(|e| e["id"] == "cross-entropy").unwrap();
    assert_eq!(ce["url"], "/entry/cross-entropy");
    assert_eq!(ce["status"], "implemented");
    let v = get("/api/entries?status=implemented").await.json();
    assert_eq!(v["count"].as_u64().unwrap() as usize, catalog::all().filter(|e| e.is_implemented()).count());
    let a = get("/api/entries?kind=food").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("unknown kind"));
}

#[tokio::test]
async fn api_search_ranks_and_validates() {
    let v = get("/api/search?q=crossentropy").await.json();
    assert_eq!(v["results"][0]["id"], "cross-entropy");
    assert!(v["results"][0]["score"].as_f64().unwrap() > 0.0);
    let v = get("/api/search?q=&sort=year&limit=3").await.json();
    assert_eq!(v["count"], 3);
    let years: Vec<i64> = v["results"].as_array().unwrap().iter().map(|r| r["year"].as_i64().unwrap()).collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]));
    for bad in ["/api/search?sort=best", "/api/search?domain=cooking", "/api/search?limit=many", "/api/search?prop=tasty", "/api/search?until=99999999999"] {
        let a = get(bad).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(!a.error().is_empty());
    }
    let long = "x".repeat(300);
    assert_eq!(get(&format!("/api/search?q={long}")).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn api_entry_is_complete() {
    let v = get("/api/entries/cross-entropy").await.json();
    assert_eq!(v["id"], "cross-entropy");
    assert!(v["formula_mathml"].as_str().unwrap().starts_with("<math"));
    assert!(v["rust"].as_str().unwrap().contains("evaluate(\"cross-entropy\""));
    assert_eq!(v["plot"], "/plot/cross-entropy.svg");
    assert!(v["example"]["inputs"]["logits"]["shape"].is_array());
    let v = get(&format!("/api/entries/{}", planned().id)).await.json();
    assert!(v["plot"].is_null() && v["rust"].is_null() && v["status_reason"].is_string());
    let a = get("/api/entries/focall-loss-x").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().starts_with("no entry"));
}

#[tokio::test]
async fn api_eval_matches_the_evaluator() {
    let a = post_json("/api/eval", &ce_request()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let v = a.json();
    let req = lossatlas_web_eval(&ce_request());
    let close = |a: &Value, b: &[f64]| {
        let a: Vec<f64> = a["data"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12 * (1.0 + y.abs()))
    };
    assert!(close(&v["loss"], &req.loss.floats), "{}", v["loss"]);
    assert!(close(&v["grad"]["logits"], &req.grads["logits"].floats), "{}", v["grad"]);
    assert!(v["grad"].get("targets").is_none(), "no gradient for integer labels");
    // f32 and params.
    let mut r = ce_request();
    r["precision"] = json!("f32");
    r["params"] = json!({"label_smoothing": 0.1, "reduction": "sum"});
    assert_eq!(post_json("/api/eval", &r).await.status, StatusCode::OK);
}

fn lossatlas_web_eval(v: &Value) -> lossatlas::eval::Evaluation {
    let inputs = v["inputs"].as_object().unwrap().iter().map(|(k, t)| (k.clone(), lossatlas::eval::HostTensor::from_json(t).unwrap())).collect();
    lossatlas::eval::evaluate(v["id"].as_str().unwrap(), None, &Default::default(), &inputs, &lossatlas::eval::EvalOptions::f64()).unwrap()
}

#[tokio::test]
async fn api_eval_takes_a_reference_case_file_as_it_is() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/cases/cross-entropy");
    let Ok(text) = std::fs::read_to_string(dir.join("torch-index-mean.json")) else {
        eprintln!("skipped: no shared/reference beside the repository");
        return;
    };
    let case: Value = serde_json::from_str(&text).unwrap();
    let a = post("/api/eval", "application/json", text).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let got = a.json()["loss"]["data"][0].as_f64().unwrap();
    let want = case["expected"]["loss"]["data"][0].as_f64().unwrap();
    assert!((got - want).abs() <= 1e-9 + 1e-7 * want.abs(), "{got} vs {want}");
}

#[tokio::test]
async fn api_eval_bad_requests_are_400_with_the_message() {
    let mut cases: Vec<(Value, &str)> = vec![];
    let mut r = ce_request();
    r["inputs"]["targets"]["data"] = json!([0, 7]);
    cases.push((r, "targets"));
    let mut r = ce_request();
    r["inputs"]["logits"]["shape"] = json!([3, 3]);
    cases.push((r, "holds 9 values"));
    let mut r = ce_request();
    r["inputs"]["logits"]["shape"] = json!([100000, 100000]);
    cases.push((r, "more than"));
    let mut r = ce_request();
    r["inputs"]["logits"]["shape"] = json!([1, 1, 1, 1, 1, 1, 1]);
    cases.push((r, "rank 7"));
    let mut r = ce_request();
    r["params"] = json!({"gamma": 2.0});
    cases.push((r, "gamma"));
    let mut r = ce_request();
    r["params"] = json!([1, 2]);
    cases.push((r, "\"params\" must be an object"));
    let mut r = ce_request();
    r["precision"] = json!("f16");
    cases.push((r, "precision"));
    let mut r = ce_request();
    r["inputs"]["logits"]["dtype"] = json!("complex");
    cases.push((r, "bad dtype"));
    let mut r = ce_request();
    r["form"] = json!(3);
    cases.push((r, "\"form\" must be a string"));
    let mut r = ce_request();
    r.as_object_mut().unwrap().remove("inputs");
    cases.push((r, "missing \"inputs\""));
    let mut r = ce_request();
    r.as_object_mut().unwrap().remove("id");
    cases.push((r, "missing \"id\""));
    let mut r = ce_request();
    r["inputs"]["logits"]["data"] = json!(["x", 1, 2, 3, 4, 5]);
    cases.push((r, "not a number"));
    cases.push((json!([1, 2, 3]), "must be a JSON object"));
    let mut r = ce_request();
    r["id"] = json!(planned().id);
    cases.push((r, planned().status.slug()));
    for (body, want) in cases {
        let a = post_json("/api/eval", &body).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{body}: {}", a.body);
        assert!(a.error().contains(want), "{body}: {:?} lacks {want:?}", a.error());
    }
    let a = post("/api/eval", "application/json", "{not json").await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("not JSON"));
    let mut r = ce_request();
    r["id"] = json!("no-such-loss");
    let a = post_json("/api/eval", &r).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.error().contains("no entry"));
    assert_eq!(get("/api/eval").await.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let big = format!("{{\"id\": \"cross-entropy\", \"pad\": \"{}\"}}", "x".repeat(lossatlas_web::MAX_BODY_BYTES + 10));
    let a = post("/api/eval", "application/json", big.clone()).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.error().contains("larger than"));
    let a = post("/playground/cross-entropy", "application/x-www-form-urlencoded", big).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn api_recommend_and_guide() {
    let (task, cond, want) = question();
    let a = get(&format!("/api/recommend?task={task}&conditions={cond}")).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json(), serde_json::to_value(&want).unwrap());
    assert_eq!(get(&format!("/api/recommend?task={task}&condition={cond}")).await.json()["conditions"], json!([cond]));
    for (bad, msg) in [("/api/recommend", "missing task"), ("/api/recommend?task=cooking", "unknown task"), ("/api/recommend?task=regression&conditions=sunny", "unknown condition")] {
        let a = get(bad).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(a.error().contains(msg), "{bad}");
    }
    let v = get("/api/guide").await.json();
    assert_eq!(v["tasks"].as_array().unwrap().len(), lossatlas::guide::TASKS.len());
    assert!(!v["learning_path"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn api_plot_gives_the_numbers() {
    let v = get("/api/plot/cross-entropy").await.json();
    assert_eq!(v["x"].as_array().unwrap().len(), v["loss"].as_array().unwrap().len());
    assert_eq!(get("/api/plot/no-such-loss").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeps_serving_under_concurrent_requests() {
    let router = lossatlas_web::router();
    let mut tasks = vec![];
    for k in 0..24 {
        let router = router.clone();
        tasks.push(tokio::spawn(async move {
            let req = if k % 3 == 0 {
                let mut r = ce_request();
                r["inputs"]["targets"]["data"] = json!([0, 9]); // bad, on purpose
                Request::post("/api/eval").header(header::CONTENT_TYPE, "application/json").body(Body::from(r.to_string())).unwrap()
            } else if k % 3 == 1 {
                Request::post("/api/eval").header(header::CONTENT_TYPE, "application/json").body(Body::from(ce_request().to_string())).unwrap()
            } else {
                Request::get("/entry/cross-entropy").body(Body::empty()).unwrap()
            };
            router.oneshot(req).await.unwrap().status()
        }));
    }
    for (k, t) in tasks.into_iter().enumerate() {
        let want = if k % 3 == 0 { StatusCode::BAD_REQUEST } else { StatusCode::OK };
        assert_eq!(t.await.unwrap(), want);
    }
    assert_eq!(router.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap().status(), StatusCode::OK);
}
