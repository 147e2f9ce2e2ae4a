//! `lossatlas`: find, read, run and check the losses of the atlas.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use lossatlas::catalog::{self, Entry, Kind, search};
use lossatlas::guide;
use lossatlas::eval::{self, CaseOutcome, EvalOptions};
use serde_json::json;

mod render;

#[derive(Parser)]
#[command(name = "lossatlas", version, about = "The atlas of deep-learning loss functions that you can run")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List entries, optionally filtered.
    List {
        #[arg(long)]
        domain: Option<String>,
        /// loss, penalty, score, composite or method.
        #[arg(long)]
        kind: Option<String>,
        /// implemented, planned or not-executable.
        #[arg(long)]
        status: Option<String>,
        /// Print complete entries as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Ranked keyword search over names, aliases, summaries, papers and domains.
    Search {
        query: String,
        #[arg(long)]
        domain: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// Only entries from this year on.
        #[arg(long)]
        since: Option<i32>,
        /// relevance, year or name.
        #[arg(long, default_value = "relevance")]
        sort: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Show one entry in full, formula included.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Evaluate case files (or folders of them): one JSON line per case with the loss and the
    /// gradients of sum(loss) for every float input, or the error.
    Eval {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Compute in f32 instead of f64.
        #[arg(long)]
        f32: bool,
        /// Accepted for symmetry with the other commands; output is always JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Recommend losses for a task and its conditions, with reasons and pitfalls.
    Recommend {
        /// The task (see `--tasks`).
        #[arg(long, required_unless_present = "tasks")]
        task: Option<String>,
        /// List the known tasks and conditions.
        #[arg(long)]
        tasks: bool,
        #[arg(long)]
        imbalance: bool,
        #[arg(long)]
        noisy_labels: bool,
        #[arg(long)]
        outliers: bool,
        #[arg(long)]
        calibration: bool,
        #[arg(long)]
        small_objects: bool,
        #[arg(long)]
        many_classes: bool,
        #[arg(long)]
        few_labels: bool,
        #[arg(long)]
        shift: bool,
        #[arg(long)]
        mixed_precision: bool,
        /// Other conditions by name (repeatable).
        #[arg(long = "condition")]
        conditions: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Practice advice (numerics, gradient checks, mixed precision) and the order to learn the field.
    Guide {
        #[arg(long)]
        json: bool,
    },
    /// Export the whole catalog: a Markdown awesome-list grouped by domain and sorted by year,
    /// or every entry as JSON.
    Export {
        /// markdown or json.
        #[arg(long, default_value = "markdown")]
        format: String,
    },
    /// Plot the loss and its derivative along a 1-D slice, overlaying several entries, as SVG.
    Plot {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, short)]
        out: PathBuf,
        /// Number of points.
        #[arg(long, default_value_t = 121)]
        points: usize,
    },
    /// Compare autodiff gradients with central finite differences (f64) on the inputs of every
    /// case file (or folder of them).
    Gradcheck {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Accepted |autodiff - fd| / max(|fd|, 1).
        #[arg(long, default_value_t = 1e-5)]
        tolerance: f64,
        #[arg(long)]
        json: bool,
    },
    /// Start the web atlas on this machine (http://127.0.0.1:PORT/).
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Open it in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Export the web atlas as static files, for hosting without a server.
    Site {
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare every case with its expected value under its tolerance.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print passing cases.
        #[arg(long, short)]
        verbose: bool,
        /// Print one JSON object per case and a summary object.
        #[arg(long)]
        json: bool,
    },
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("lossatlas: {msg}");
    ExitCode::from(2)
}

fn parse_kind(k: &Option<String>) -> Result<Option<Kind>, String> {
    match k {
        None => Ok(None),
        Some(s) => Kind::parse(s).map(Some).ok_or_else(|| format!("unknown kind {s:?}; known: loss, penalty, score, composite, method")),
    }
}

fn check_domain(d: &Option<String>) -> Result<(), String> {
    match d {
        Some(d) if catalog::domain_title(d).is_none() => {
            let known: Vec<&str> = catalog::DOMAINS.iter().map(|(s, _)| *s).collect();
            Err(format!("unknown domain {d:?}; known: {}", known.join(", ")))
        }
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    // Panics inside a loss are caught by the evaluator and reported as errors; keep stderr clean.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    match cli.command {
        Command::List { domain, kind, status, json } => {
            let kind = match parse_kind(&kind) {
                Ok(k) => k,
                Err(e) => return fail(e),
            };
            if let Err(e) = check_domain(&domain) {
                return fail(e);
            }
            if let Some(s) = &status
                && !["implemented", "planned", "not-executable"].contains(&s.as_str())
            {
                return fail(format!("unknown status {s:?}; known: implemented, planned, not-executable"));
            }
            let filter = search::Filter { domain, kind, status, ..Default::default() };
            let entries: Vec<&Entry> = catalog::all().filter(|e| filter.accepts(e)).collect();
            if json {
                let arr: Vec<_> = entries.iter().map(|e| render::entry_json(e)).collect();
                println!("{}", serde_json::to_string_pretty(&arr).unwrap());
            } else {
                for e in &entries {
                    println!("{}", render::entry_line(e));
                }
                println!("{} entries", entries.len());
            }
            ExitCode::SUCCESS
        }
        Command::Search { query, domain, kind, since, sort, limit, json } => {
            let kind = match parse_kind(&kind) {
                Ok(k) => k,
                Err(e) => return fail(e),
            };
            if let Err(e) = check_domain(&domain) {
                return fail(e);
            }
            let Some(sort) = search::Sort::parse(&sort) else {
                return fail(format!("unknown sort {sort:?}; known: relevance, year, name"));
            };
            let filter = search::Filter { domain, kind, since, ..Default::default() };
            let hits = search::search(&query, &filter, sort);
            let hits: Vec<_> = hits.into_iter().take(limit).collect();
            if json {
                let arr: Vec<_> = hits
                    .iter()
                    .map(|(s, e)| json!({"id": e.id, "name": e.name, "year": e.year, "kind": e.kind, "domains": e.domains, "status": e.status.slug(), "score": (s * 100.0).round() / 100.0}))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&arr).unwrap());
            } else if hits.is_empty() {
                println!("no entry matches {query:?}");
            } else {
                for (_, e) in &hits {
                    println!("{}", render::entry_line(e));
                }
            }
            ExitCode::SUCCESS
        }
        Command::Show { id, json } => match catalog::get(&id) {
            None => {
                let hits = search::search(&id, &Default::default(), search::Sort::Relevance);
                let sugg: Vec<&str> = hits.iter().take(3).map(|(_, e)| e.id).collect();
                fail(format!("no entry {id:?}{}", if sugg.is_empty() { String::new() } else { format!("; did you mean {}?", sugg.join(", ")) }))
            }
            Some(e) => {
                if json {
                    println!("{}", serde_json::to_string_pretty(&render::entry_json(e)).unwrap());
                } else {
                    print!("{}", render::entry_text(e));
                }
                ExitCode::SUCCESS
            }
        },
        Command::Eval { paths, f32, json: _ } => {
            let cases = match eval::load_cases(&paths) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let opts = if f32 { EvalOptions::default() } else { EvalOptions::f64() };
            for (file, case) in cases {
                let line = match eval::evaluate(&case.loss, case.form.as_deref(), &case.params, &case.inputs, &opts) {
                    Ok(ev) => {
                        let grads: serde_json::Map<String, serde_json::Value> = ev.grads.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
                        json!({"case": case.case, "file": file.display().to_string(), "loss": ev.loss.to_json(), "grad": grads})
                    }
                    Err(e) => json!({"case": case.case, "file": file.display().to_string(), "error": e.to_string()}),
                };
                println!("{}", serde_json::to_string(&line).unwrap());
            }
            ExitCode::SUCCESS
        }
        Command::Recommend { task, tasks, imbalance, noisy_labels, outliers, calibration, small_objects, many_classes, few_labels, shift, mixed_precision, conditions, json } => {
            if tasks {
                let t: Vec<_> = guide::TASKS.iter().map(|t| json!({"slug": t.slug, "title": t.title, "description": t.description})).collect();
                let c: Vec<_> = guide::CONDITIONS.iter().map(|c| json!({"slug": c.slug, "flag": c.flag, "title": c.title, "description": c.description})).collect();
                if json {
                    println!("{}", serde_json::to_string_pretty(&json!({"tasks": t, "conditions": c})).unwrap());
                } else {
                    println!("tasks:");
                    for t in guide::TASKS {
                        println!("  {:<28} {}", t.slug, t.description);
                    }
                    println!("conditions:");
                    for c in guide::CONDITIONS {
                        println!("  {:<28} {}", c.flag, c.description);
                    }
                }
                return ExitCode::SUCCESS;
            }
            let task = task.unwrap_or_default();
            let mut conds: Vec<String> = vec![];
            for (on, slug) in [(imbalance, "imbalance"), (noisy_labels, "noisy-labels"), (outliers, "outliers"), (calibration, "calibration"), (small_objects, "small-objects"), (many_classes, "many-classes"), (few_labels, "few-labels"), (shift, "shift"), (mixed_precision, "mixed-precision")] {
                if on {
                    conds.push(slug.to_string());
                }
            }
            conds.extend(conditions);
            let refs: Vec<&str> = conds.iter().map(|s| s.as_str()).collect();
            match guide::recommend(&task, &refs) {
                Err(e) => fail(e),
                Ok(a) => {
                    if json {
                        println!("{}", serde_json::to_string_pretty(&a).unwrap());
                    } else {
                        let t = guide::task(a.task).unwrap();
                        println!("{}{}", t.title, if a.conditions.is_empty() { String::new() } else { format!(" — {}", a.conditions.join(", ")) });
                        for r in &a.recommendations {
                            let mark = if r.implemented { "✓" } else { "·" };
                            println!("{:>2}. {mark} {} ({}){}", r.rank, r.name, r.id, r.because_of.map(|c| format!("  [{c}]")).unwrap_or_default());
                            println!("      why: {}", r.why);
                            println!("      watch: {}", r.pitfalls);
                        }
                        for n in &a.notes {
                            println!("note: {n}");
                        }
                        if let Some(u) = &a.unavailable {
                            println!("{u}");
                        }
                        println!("✓ implemented in Loss Atlas · planned or not executable");
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::Guide { json } => {
            if json {
                println!("{}", serde_json::to_string_pretty(&json!({"practice": guide::PRACTICE, "learning_path": guide::LEARNING_PATH})).unwrap());
            } else {
                println!("Practice\n");
                for a in guide::PRACTICE {
                    println!("* {}: {}\n", a.topic, a.text);
                }
                println!("Learning path\n");
                for s in guide::LEARNING_PATH {
                    println!("{}: {}", s.level, s.ids.join(", "));
                    println!("   {}\n", s.note);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Export { format } => match format.as_str() {
            "markdown" | "md" => {
                print!("{}", lossatlas::catalog::export::markdown());
                ExitCode::SUCCESS
            }
            "json" => {
                println!("{}", serde_json::to_string_pretty(&lossatlas::catalog::export::catalog_json()).unwrap());
                ExitCode::SUCCESS
            }
            other => fail(format!("unknown format {other:?}; known: markdown, json")),
        },
        Command::Plot { ids, out, points } => {
            let mut slices = vec![];
            for id in &ids {
                match lossatlas::plot::slice(id, points) {
                    Ok(s) => slices.push(s),
                    Err(e) => return fail(e),
                }
            }
            match lossatlas_web::svg::slices_svg(&slices) {
                Err(e) => fail(e),
                Ok(svg) => match std::fs::write(&out, svg) {
                    Err(e) => fail(format!("{}: {e}", out.display())),
                    Ok(()) => {
                        println!("wrote {}", out.display());
                        ExitCode::SUCCESS
                    }
                },
            }
        }
        Command::Gradcheck { paths, tolerance, json } => {
            let cases = match eval::load_cases(&paths) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let (mut passed, mut failed, mut skipped) = (0, 0, 0);
            let opts = eval::GradcheckOptions { tolerance, ..Default::default() };
            for (_, case) in &cases {
                if case.expected.error.is_some() || !catalog::get(&case.loss).is_some_and(|e| e.is_implemented()) {
                    skipped += 1;
                    continue;
                }
                // Check the inputs the reference differentiates (indicator and mask inputs such as
                // optax's paddings are floats but not differentiable quantities).
                let only: Vec<&str> = case.expected.grad.keys().map(|s| s.as_str()).collect();
                let only = if only.is_empty() { None } else { Some(only.as_slice()) };
                match eval::gradcheck(&case.loss, case.form.as_deref(), &case.params, &case.inputs, only, opts) {
                    Err(e) => {
                        skipped += 1;
                        if json {
                            println!("{}", json!({"case": case.case, "status": "skipped", "error": e.to_string()}));
                        }
                    }
                    Ok(reports) => {
                        let bad: Vec<_> = reports.iter().filter(|r| !(r.max_scaled <= tolerance) && eval::exempt(&case.case, &r.input).is_none()).collect();
                        if bad.is_empty() { passed += 1 } else { failed += 1 }
                        if json {
                            let rs: Vec<_> = reports.iter().map(|r| json!({"input": r.input, "exempt": eval::exempt(&case.case, &r.input), "max_abs": r.max_abs, "max_scaled": r.max_scaled, "worst": r.worst, "autodiff": r.autodiff, "finite_difference": r.finite_difference})).collect();
                            println!("{}", json!({"case": case.case, "status": if bad.is_empty() { "passed" } else { "failed" }, "inputs": rs}));
                        } else {
                            for r in bad {
                                println!("FAIL {} {}: element {} autodiff {} vs finite difference {} (scaled err {:.2e})", case.case, r.input, r.worst, r.autodiff, r.finite_difference, r.max_scaled);
                            }
                        }
                    }
                }
            }
            println!("{passed} passed, {failed} failed, {skipped} skipped");
            if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Serve { port, open } => match lossatlas_web::serve_blocking(port, open) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("cannot serve on port {port}: {e}")),
        },
        Command::Site { out } => match lossatlas_web::export_site(&out) {
            Ok(s) => {
                println!("wrote {} pages, {} plots and {} JSON files to {}", s.pages, s.plots, s.json, out.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Command::Check { paths, verbose, json } => {
            let cases = match eval::load_cases(&paths) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let (mut passed, mut failed, mut skipped) = (0, 0, 0);
            for (file, case) in &cases {
                let outcome = eval::check_case(case);
                match &outcome {
                    CaseOutcome::Passed => passed += 1,
                    CaseOutcome::Failed(_) => failed += 1,
                    CaseOutcome::Skipped(_) => skipped += 1,
                }
                if json {
                    let (status, detail) = match &outcome {
                        CaseOutcome::Passed => ("passed", vec![]),
                        CaseOutcome::Failed(f) => ("failed", f.clone()),
                        CaseOutcome::Skipped(r) => ("skipped", vec![r.clone()]),
                    };
                    println!("{}", json!({"case": case.case, "file": file.display().to_string(), "status": status, "detail": detail}));
                } else {
                    match &outcome {
                        CaseOutcome::Failed(f) => {
                            println!("FAIL {} ({})", case.case, file.display());
                            for line in f {
                                println!("    {line}");
                            }
                        }
                        CaseOutcome::Passed if verbose => println!("ok   {}", case.case),
                        CaseOutcome::Skipped(r) if verbose => println!("skip {} ({r})", case.case),
                        _ => {}
                    }
                }
            }
            if json {
                println!("{}", json!({"passed": passed, "failed": failed, "skipped": skipped}));
            }
            println!("{passed} passed, {failed} failed, {skipped} skipped");
            if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
    }
}
