//! The `lossatlas` binary end to end: every command, human and JSON output, bad arguments.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lossatlas"))
}

fn cases() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/cases")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn list_json_has_complete_entries() {
    let (code, out, _) = run(&["list", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert!(!arr.is_empty());
    for e in arr {
        for field in ["id", "name", "aliases", "kind", "domains", "year", "paper", "summary", "formula", "inputs", "params", "properties", "equivalents", "related", "uses", "status"] {
            assert!(e.get(field).is_some(), "entry {} lacks {field}", e["id"]);
        }
    }
    let ce = arr.iter().find(|e| e["id"] == "cross-entropy").unwrap();
    assert_eq!(ce["status"], "implemented");
    assert_eq!(ce["paper"]["title"], "A Mathematical Theory of Communication");
}

#[test]
fn list_filters() {
    let (code, out, _) = run(&["list", "--status", "implemented", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().iter().all(|e| e["status"] == "implemented"));
    let (code, out, _) = run(&["list", "--domain", "metric-learning"]);
    assert_eq!(code, 0);
    assert!(out.contains("triplet"));
    let (code, _, err) = run(&["list", "--domain", "cooking"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown domain"));
    let (code, _, err) = run(&["list", "--kind", "potion"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown kind"));
}

#[test]
fn search_is_tolerant() {
    for (q, want) in [("cross entropy", "cross-entropy"), ("CROSS-ENTROPY", "cross-entropy"), ("crossentropy", "cross-entropy"), ("tripplet", "triplet"), ("KLDivLoss", "kl-divergence")] {
        let (code, out, _) = run(&["search", q, "--json"]);
        assert_eq!(code, 0);
        let v: Value = serde_json::from_str(&out).unwrap();
        let ids: Vec<&str> = v.as_array().unwrap().iter().take(3).map(|e| e["id"].as_str().unwrap()).collect();
        assert!(ids.contains(&want), "{q}: top 3 {ids:?}");
    }
    let (code, out, _) = run(&["search", "zzzzqqq"]);
    assert_eq!(code, 0);
    assert!(out.contains("no entry matches"));
}

#[test]
fn show_prints_formula_and_suggests() {
    let (code, out, _) = run(&["show", "cross-entropy"]);
    assert_eq!(code, 0);
    assert!(out.contains("formula:") && out.contains(r"\log"));
    let (code, out, _) = run(&["show", "cross-entropy", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["id"], "cross-entropy");
    let (code, _, err) = run(&["show", "cross-entropi"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean") && err.contains("cross-entropy"), "{err}");
}

#[test]
fn eval_prints_one_json_line_per_case() {
    let dir = cases().join("cross-entropy");
    let (code, out, _) = run(&["eval", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), std::fs::read_dir(&dir).unwrap().count());
    let err_line = lines.iter().find(|l| l["case"] == "cross-entropy/torch-error-target-out-of-range").unwrap();
    assert!(err_line["error"].as_str().unwrap().starts_with("cross-entropy: targets"));
    let ok = lines.iter().find(|l| l["case"] == "cross-entropy/torch-index-mean").unwrap();
    assert_eq!(ok["loss"]["shape"], serde_json::json!([]));
    assert_eq!(ok["grad"]["logits"]["shape"], serde_json::json!([5, 4]));
}

#[test]
fn eval_reports_unreadable_files() {
    let dir = std::env::temp_dir().join(format!("lossatlas-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.json"), "{not json").unwrap();
    let (code, _, err) = run(&["eval", dir.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("bad.json"));
    let (code, _, _) = run(&["eval", "/no/such/path"]);
    assert_ne!(code, 0);
}

#[test]
fn check_summarizes_and_fails_on_mismatch() {
    let (code, out, _) = run(&["check", cases().join("cross-entropy").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.trim_end().ends_with("13 passed, 0 failed, 0 skipped"), "{out}");
    // A case whose expected value is wrong fails with the error sizes.
    let src = std::fs::read_to_string(cases().join("mse/torch-mean.json")).unwrap();
    let mut v: Value = serde_json::from_str(&src).unwrap();
    let want = v["expected"]["loss"]["data"][0].as_f64().unwrap();
    v["expected"]["loss"]["data"][0] = serde_json::json!(want + 1.0);
    let dir = std::env::temp_dir().join(format!("lossatlas-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("case.json"), serde_json::to_string(&v).unwrap()).unwrap();
    let (code, out, _) = run(&["check", dir.to_str().unwrap()]);
    if out.contains("0 passed, 0 failed, 1 skipped") {
        return; // mse not implemented in this build
    }
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAIL mse/torch-mean") && out.contains("max abs err"), "{out}");
    assert!(out.trim_end().ends_with("0 passed, 1 failed, 0 skipped"));
}
