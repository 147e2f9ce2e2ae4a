use super::*;

fn all_ids() -> Vec<(&'static str, &'static str)> {
    let mut ids = vec![];
    for t in TASKS {
        ids.extend(t.recs.iter().map(|r| (t.slug, r.id)));
        for (c, recs) in t.when {
            assert!(condition(c).is_some(), "task {}: unknown condition {c}", t.slug);
            ids.extend(recs.iter().map(|r| (t.slug, r.id)));
        }
    }
    for c in CONDITIONS {
        ids.extend(c.general.iter().map(|r| (c.slug, r.id)));
    }
    for s in LEARNING_PATH {
        ids.extend(s.ids.iter().map(|i| (s.level, *i)));
    }
    ids
}

#[test]
fn every_id_in_the_guide_is_a_catalog_id() {
    let missing: Vec<_> = all_ids().into_iter().filter(|(_, id)| !crate::catalog::get(id).is_some_and(|e| e.id == *id)).collect();
    assert!(missing.is_empty(), "guide ids not in the catalog: {missing:?}");
}

#[test]
fn the_tasks_of_the_issue_are_covered() {
    for slug in [
        "binary-classification", "multiclass-classification", "multilabel-classification", "long-tailed-classification", "semantic-segmentation",
        "medical-segmentation", "object-detection", "keypoints-pose", "regression", "probabilistic-forecasting", "metric-learning",
        "face-recognition", "self-supervised-vision", "image-text", "language-modeling", "preference-paired", "preference-unpaired",
        "preference-reference-free", "online-rl-llm", "rl-value-based", "rl-policy-based", "gan", "diffusion", "super-resolution",
        "speech-recognition", "source-separation", "tts-vocoder", "3d-reconstruction", "depth", "time-series", "ranking",
        "distillation", "continual-learning", "domain-adaptation", "fairness", "ood-detection",
    ] {
        assert!(task(slug).is_some(), "missing task {slug}");
    }
    for c in ["imbalance", "noisy-labels", "outliers", "small-objects", "shift", "calibration", "few-labels", "many-classes", "mixed-precision"] {
        assert!(condition(c).is_some(), "missing condition {c}");
    }
}

#[test]
fn every_task_and_condition_answers_with_an_implemented_entry_or_says_why() {
    for t in TASKS {
        let mut combos: Vec<Vec<&str>> = vec![vec![]];
        combos.extend(CONDITIONS.iter().map(|c| vec![c.slug]));
        for conds in combos {
            let a = recommend(t.slug, &conds).unwrap();
            assert!(!a.recommendations.is_empty(), "{} {conds:?}: empty answer", t.slug);
            let any = a.recommendations.iter().any(|r| r.implemented);
            assert!(any || a.unavailable.as_ref().is_some_and(|u| !u.is_empty()), "{} {conds:?}: nothing implemented and no reason", t.slug);
            for r in &a.recommendations {
                assert!(!r.why.is_empty() && !r.pitfalls.is_empty(), "{} -> {}: reason and pitfalls", t.slug, r.id);
            }
        }
    }
}

#[test]
fn answers_are_stable_ordered_and_condition_first() {
    let a = recommend("multiclass-classification", &["imbalance", "calibration"]).unwrap();
    let b = recommend("multiclass-classification", &["imbalance", "calibration"]).unwrap();
    let ids = |x: &Answer| x.recommendations.iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert!(a.recommendations.iter().enumerate().all(|(i, r)| r.rank == i + 1));
    assert_eq!(a.recommendations[0].because_of, Some("imbalance"));
    assert_eq!(a.recommendations[0].id, "focal");
    let mut seen = std::collections::BTreeSet::new();
    assert!(a.recommendations.iter().all(|r| seen.insert(r.id)), "no duplicates");
    assert_eq!(a.notes.len(), 2);
}

#[test]
fn unknown_task_or_condition_lists_the_known_ones() {
    match recommend("cooking", &[]) {
        Err(GuideError::UnknownTask { known, .. }) => assert!(known.contains(&"regression")),
        other => panic!("{other:?}"),
    }
    match recommend("regression", &["sunny"]) {
        Err(e @ GuideError::UnknownCondition { .. }) => assert!(e.to_string().contains("outliers")),
        other => panic!("{other:?}"),
    }
    // Flags work as condition names too.
    assert!(recommend("regression", &["--outliers"]).is_ok());
}
