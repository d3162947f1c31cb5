//! Scenario files: every sample reads, round-trips through JSON unchanged,
//! and evaluates to the report pinned in `tests/golden/` (the JSON that
//! finance tooling reads must not change by accident).
//!
//! After an intended change, regenerate the golden files with
//! `UPDATE_GOLDEN=1 cargo test --test scenarios` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use crate::support::evaluate;
use downtime_cost::Scenario;
use std::path::Path;

fn sample_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn there_are_at_least_three_samples_and_they_are_the_builtins() {
    let files = sample_files();
    assert!(files.len() >= 3, "{files:?}");
    for name in Scenario::builtin_names() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios").join(format!("{name}.json"));
        let from_file = Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(Scenario::builtin(name).unwrap(), from_file, "{name}");
    }
}

#[test]
fn every_sample_round_trips_through_json() {
    for path in sample_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = scenario.to_json().unwrap();
        let again =
            Scenario::from_json(&written).unwrap_or_else(|e| panic!("{}: {e}\n{written}", path.display()));
        assert_eq!(scenario, again, "{}", path.display());
        // Writing is a fixed point after one round.
        assert_eq!(written, again.to_json().unwrap(), "{}", path.display());
        // And the reports agree.
        assert_eq!(evaluate(&scenario).unwrap(), evaluate(&again).unwrap(), "{}", path.display());
    }
}

#[test]
fn reports_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for name in Scenario::builtin_names() {
        let report = evaluate(&Scenario::builtin(name).unwrap()).unwrap().to_json().unwrap();
        let golden =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.report.json"));
        if update {
            std::fs::write(&golden, format!("{report}\n")).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", golden.display()));
        assert!(
            expected.trim_end() == report,
            "{name}: the report's JSON changed; if intended, run UPDATE_GOLDEN=1 cargo test --test scenarios"
        );
    }
}

#[test]
fn text_report_adds_up_and_names_every_line() {
    let scenario = Scenario::builtin("retailer").unwrap();
    let report = evaluate(&scenario).unwrap();
    let text = report.to_string();
    for driver in scenario.drivers() {
        assert!(text.contains(driver.name()), "{} missing from\n{text}", driver.name());
    }
    for o in report.outages() {
        let b = o.breakdown();
        let sum = b.items().iter().map(downtime_cost::LineItem::amount).sum::<rust_decimal::Decimal>();
        assert_eq!(sum, b.total());
    }
    assert!(text.lines().all(|l| !l.ends_with(' ')), "trailing spaces in\n{text}");
}
