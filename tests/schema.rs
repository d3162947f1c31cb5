//! The JSON Schemas (feature `schema`): the checked-in files under `schema/`
//! are the generated ones, every sample scenario and golden report
//! validates, a full report (simulation and sensitivity) validates, and
//! documents the crate rejects for their shape fail.
//!
//! After an intended change to the documents' types, regenerate the files
//! with `UPDATE_SCHEMA=1 cargo test --all-features --test integration schema`
//! and review the diff.
#![cfg(feature = "schema")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use downtime_cost::schema::{SchemaKind, report_schema, scenario_schema, schema, schema_json};
use downtime_cost::{Analysis, Report, Scenario, SensitivityOptions, SimulationOptions};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema(kind)).unwrap()
}

/// The validation errors of `document`, one line each (empty when valid).
fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn checked_in_schemas_are_the_generated_ones() {
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    for kind in SchemaKind::ALL {
        let path = root().join("schema").join(kind.file_name());
        let generated = schema_json(kind);
        if update {
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == generated,
            "{} differs from the generated schema: run `UPDATE_SCHEMA=1 cargo test --all-features \
             --test integration schema` and review the diff",
            path.display()
        );
    }
}

#[test]
fn schemas_are_draft_2020_12_documents() {
    for (kind, value) in [(SchemaKind::Scenario, scenario_schema()), (SchemaKind::Report, report_schema())] {
        assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(value["$id"], kind.id());
        assert!(value["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(value["description"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(value["type"], "object");
        assert_eq!(value["additionalProperties"], false, "{kind:?}: unknown fields are rejected");
        assert!(jsonschema::draft202012::meta::is_valid(&value), "{kind:?} is not a valid schema");
        assert!(schema_json(kind).ends_with("}\n"));
    }
}

#[test]
fn every_sample_scenario_validates() {
    let validator = validator(SchemaKind::Scenario);
    let samples = files("scenarios", ".json");
    assert!(samples.len() >= 4, "{samples:?}");
    for path in samples {
        let document = read(&path);
        let found = errors(&validator, &document);
        assert!(found.is_empty(), "{}:\n{}", path.display(), found.join("\n"));
    }
}

#[test]
fn scenarios_written_by_the_crate_validate() {
    let validator = validator(SchemaKind::Scenario);
    for name in Scenario::builtin_names() {
        let written: Value =
            serde_json::from_str(&Scenario::builtin(name).unwrap().to_json().unwrap()).unwrap();
        let found = errors(&validator, &written);
        assert!(found.is_empty(), "{name}:\n{}", found.join("\n"));
    }
}

#[test]
fn every_golden_report_validates() {
    let validator = validator(SchemaKind::Report);
    let goldens = files("tests/golden", ".report.json");
    assert!(goldens.len() >= 4, "{goldens:?}");
    for path in goldens {
        let found = errors(&validator, &read(&path));
        assert!(found.is_empty(), "{}:\n{}", path.display(), found.join("\n"));
    }
}

#[test]
fn a_full_report_validates() {
    // Simulation summaries, the tornado, the decision and the designs: every optional part.
    let scenario = Scenario::builtin("saas").unwrap();
    let mut analysis = Analysis::new(&scenario).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(2_000), |_, _| {}).unwrap();
    analysis.analyse_sensitivity(&SensitivityOptions::new()).unwrap();
    let json = Report::new(&analysis).unwrap().to_json().unwrap();
    let document: Value = serde_json::from_str(&json).unwrap();
    for part in ["simulations", "sensitivity", "decision", "designs"] {
        assert!(document.get(part).is_some(), "the report has no `{part}`");
    }
    let found = errors(&validator(SchemaKind::Report), &document);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_design_with_unknown_failures_validates() {
    // A component given only by its availability leaves the design's failures a year and mean
    // time to restore unknown: those keys are written as null, which the schema must allow.
    let mut scenario = shop();
    scenario["designs"] =
        json!([{"name": "vendor", "architecture": {"component": {"name": "saas", "availability": "99.9"}}}]);
    let scenario = Scenario::from_json(&scenario.to_string()).unwrap();
    let json = Report::new(&Analysis::new(&scenario).unwrap()).unwrap().to_json().unwrap();
    let document: Value = serde_json::from_str(&json).unwrap();
    let design = &document["designs"][0];
    for key in ["incidents_per_year", "mean_time_to_restore", "mean_time_to_restore_seconds"] {
        assert_eq!(design[key], Value::Null, "{key} in {design}");
    }
    let found = errors(&validator(SchemaKind::Report), &document);
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert_eq!(Report::from_json(&json).unwrap().to_json().unwrap(), json);
}

/// A small valid scenario, changed by each bad-document case.
fn shop() -> Value {
    json!({
        "schema": 1,
        "name": "Shop",
        "currency": "EUR",
        "calendar": {"year": 2025},
        "drivers": [{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "100%"}}],
        "outages": [{"duration": "2h", "start": "2025-11-28T19:00"}],
        "assumption": {"typical": {"duration": "1h"}},
        "targets": [99, "99.9", {"nines": 4}]
    })
}

#[test]
fn documents_of_the_wrong_shape_fail() {
    let validator = validator(SchemaKind::Scenario);
    let good = shop();
    assert!(errors(&validator, &good).is_empty(), "{:?}", errors(&validator, &good));
    Scenario::from_json(&good.to_string()).unwrap();

    let mut cases: Vec<(&str, Value)> = Vec::new();
    let mut unknown = shop();
    unknown["colour"] = json!("red");
    cases.push(("an unknown top-level field", unknown));
    let mut unknown_nested = shop();
    unknown_nested["drivers"][0]["lost_sales"]["colour"] = json!("red");
    cases.push(("an unknown field in a driver", unknown_nested));
    let mut wrong_type = shop();
    wrong_type["name"] = json!(42);
    cases.push(("a name that is a number", wrong_type));
    let mut wrong_targets = shop();
    wrong_targets["targets"] = json!("99.9");
    cases.push(("targets that are not a list", wrong_targets));
    let mut boolean_amount = shop();
    boolean_amount["drivers"][0]["lost_sales"]["revenue_per_year"] = json!(true);
    cases.push(("an amount that is a boolean", boolean_amount));
    let mut missing = shop();
    missing.as_object_mut().unwrap().remove("currency");
    cases.push(("no currency", missing));
    let mut missing_nested = shop();
    missing_nested["drivers"][0]["lost_sales"].as_object_mut().unwrap().remove("revenue_per_year");
    cases.push(("a driver without its revenue", missing_nested));
    let mut bad_driver = shop();
    bad_driver["drivers"][0] = json!({"lost_revenue": {"revenue_per_year": "1"}});
    cases.push(("an unknown driver kind", bad_driver));
    let mut bad_enum = shop();
    bad_enum["rounding"] = json!({"decimal_places": 2, "mode": "half_up"});
    cases.push(("an unknown rounding mode", bad_enum));
    let mut bad_version = shop();
    bad_version["schema"] = json!(2);
    cases.push(("schema version 2", bad_version));
    let mut bad_currency = shop();
    bad_currency["currency"] = json!("euro");
    cases.push(("a currency that is not an ISO code", bad_currency));
    let mut negative_duration = shop();
    negative_duration["outages"][0]["duration"] = json!(-60);
    cases.push(("a negative number of seconds", negative_duration));
    let mut two_forms = shop();
    two_forms["targets"] = json!([{"nines": 3, "percent": 99.9}]);
    cases.push(("a target in two forms", two_forms));

    for (what, document) in cases {
        assert!(!validator.is_valid(&document), "{what}: validates, but should not");
        // The schema only describes: the crate rejects each of these too.
        assert!(Scenario::from_json(&document.to_string()).is_err(), "{what}: the crate accepts it");
    }
}

#[test]
fn a_report_with_a_missing_part_fails() {
    let validator = validator(SchemaKind::Report);
    let mut report = read(&root().join("tests/golden/retailer.report.json"));
    assert!(validator.is_valid(&report));
    report.as_object_mut().unwrap().remove("targets");
    assert!(!validator.is_valid(&report));
}
