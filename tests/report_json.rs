//! A report written to JSON reads back equal, for every built-in scenario
//! with every section present (simulation, sensitivity, fit, decision,
//! designs); a damaged report is rejected with the path of the damage.

use downtime_cost::{Analysis, Error, Note, Report, Scenario, SensitivityOptions, SimulationOptions};
use serde_json::Value;

/// The report of `name` with the simulation (20 000 years, seed 11) and the tornado.
fn full_report(name: &str) -> Report {
    let scenario = Scenario::builtin(name).unwrap();
    let mut analysis = Analysis::new(&scenario).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(20_000).with_seed(11), |_, _| {}).unwrap();
    analysis.analyse_sensitivity(&SensitivityOptions::new()).unwrap();
    Report::new(&analysis).unwrap()
}

#[test]
fn every_builtin_report_reads_back_equal() {
    for name in Scenario::builtin_names() {
        let report = full_report(name);
        assert!(!report.simulations().is_empty() && report.sensitivity().is_some(), "{name}");
        let json = report.to_json().unwrap();
        let back = Report::from_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back, report, "{name}");
        // And it writes the same text again: nothing was lost or reformatted.
        assert_eq!(back.to_json().unwrap(), json, "{name}");
        assert_eq!(back.to_string(), report.to_string(), "{name}");
    }
}

#[test]
fn the_fitted_scenario_reads_back_with_its_fit() {
    let report = full_report("saas_fitted");
    let json: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    assert!(json["fit"]["fits"].as_array().is_some_and(|f| !f.is_empty()), "the fit is in the report");
    assert_eq!(Report::from_json(&report.to_json().unwrap()).unwrap(), report);
}

#[test]
fn notes_are_tagged_objects_with_their_sentence() {
    let report = full_report("saas");
    let note = report.targets().notes().first().expect("the SaaS study has notes").clone();
    let json: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    let first = &json["targets"]["notes"][0];
    assert_eq!(first["kind"], "sla_lattice", "{first}");
    assert_eq!(first["text"], note.to_string());
    assert!(matches!(note, Note::SlaLattice { .. }));
}

#[test]
fn a_damaged_report_is_rejected_with_the_path_of_the_damage() {
    let json: Value = serde_json::from_str(&full_report("saas").to_json().unwrap()).unwrap();
    // An availability above 100 %: a rule broken, located at the value.
    let mut bad = json.clone();
    bad["targets"]["rows"][0]["target"] = Value::from("100.5");
    let text = serde_json::to_string_pretty(&bad).unwrap();
    let err = Report::from_json(&text).unwrap_err();
    assert_eq!(err.field(), Some("targets.rows[0].target"), "{err}");
    assert!(matches!(err, Error::Invalid { .. }) && err.location().is_some(), "{err:?}");
    // A duration whose seconds disagree with its text (7 560 s is 2h6m; 7 561 is not).
    let mut disagree = json.clone();
    assert_eq!(disagree["targets"]["rows"][0]["mean_duration_seconds"], Value::from("7560"));
    disagree["targets"]["rows"][0]["mean_duration_seconds"] = Value::from("7561");
    let err = Report::from_json(&serde_json::to_string_pretty(&disagree).unwrap()).unwrap_err();
    assert_eq!(err.field(), Some("targets.rows[0].mean_duration_seconds"), "{err}");
    let mut disagree = json.clone();
    disagree["nines"]["rows"][1]["per_day_seconds"] = Value::from("1");
    let err = Report::from_json(&disagree.to_string()).unwrap_err();
    assert_eq!(err.field(), Some("nines.rows[1].per_day_seconds"), "{err}");
    let mut disagree = json.clone();
    disagree["outages"][0]["duration_seconds"] = Value::from("0");
    let err = Report::from_json(&disagree.to_string()).unwrap_err();
    assert_eq!(err.field(), Some("outages[0].duration_seconds"), "{err}");
    // A report format this version does not read.
    let mut newer = json.clone();
    newer["report_version"] = Value::from(2);
    newer["added_in_version_2"] = Value::from(true);
    let text = serde_json::to_string_pretty(&newer).unwrap();
    let err = Report::from_json(&text).unwrap_err();
    assert_eq!(err.field(), Some("report_version"), "{err}");
    let line = text.lines().nth(err.location().unwrap().line() - 1).unwrap();
    assert_eq!(line.trim(), "\"report_version\": 2,", "{err}");
    // A field the report does not have.
    let mut extra = json.clone();
    extra["colour"] = Value::from("red");
    let err = Report::from_json(&extra.to_string()).unwrap_err();
    assert!(matches!(err, Error::Document { .. }) && err.to_string().contains("colour"), "{err}");
    // A missing section.
    let mut missing = json;
    missing.as_object_mut().unwrap().remove("targets");
    let err = Report::from_json(&missing.to_string()).unwrap_err();
    assert!(err.to_string().contains("targets"), "{err}");
}

/// Every object key under `v`.
fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                out.insert(k.clone());
                keys(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
        _ => {}
    }
}

#[test]
fn every_field_of_a_full_report_is_documented() {
    // docs/report-format.md names each field as `name`; a report with every section has no other.
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/report-format.md")).unwrap();
    let mut all = std::collections::BTreeSet::new();
    for name in Scenario::builtin_names() {
        let json: Value = serde_json::from_str(&full_report(name).to_json().unwrap()).unwrap();
        // The outage processes are in the scenario's own form (scenarios/README.md documents it).
        let mut json = json;
        for row in json["targets"]["rows"].as_array_mut().unwrap() {
            row.as_object_mut().unwrap().remove("process");
        }
        json["fit"].as_object_mut().map(|f| f.remove("process"));
        if let Some(fits) = json["fit"]["fits"].as_array_mut() {
            for fit in fits {
                fit.as_object_mut().unwrap().remove("distribution");
            }
        }
        keys(&json, &mut all);
    }
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")) && !doc.contains(&format!("`{k}[]`")))
        .collect();
    assert!(missing.is_empty(), "fields missing from docs/report-format.md: {missing:?}");
}
