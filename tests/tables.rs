//! A report's tables (`Report::table`): every row as long as the header,
//! every figure the report's own, and CSV that a spreadsheet reads safely.

use downtime_cost::{
    Analysis, Cell, Report, Scenario, SensitivityOptions, SimulationOptions, TableKind, Unit,
};
use rust_decimal::Decimal;

fn full_report(name: &str) -> Report {
    let mut analysis = Analysis::new(&Scenario::builtin(name).unwrap()).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(2_000).with_seed(3), |_, _| {}).unwrap();
    analysis.analyse_sensitivity(&SensitivityOptions::new()).unwrap();
    Report::new(&analysis).unwrap()
}

fn number(c: &Cell) -> Decimal {
    match c {
        Cell::Number(d) => *d,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn every_table_is_rectangular_and_its_csv_has_no_blank_line() {
    for name in Scenario::builtin_names() {
        let report = full_report(name);
        for table in report.tables() {
            let width = table.columns().len();
            assert!(table.rows().iter().all(|r| r.len() == width), "{name} {:?}", table.kind());
            let csv = table.to_csv();
            assert!(csv.ends_with("\r\n") && !csv.ends_with("\r\n\r\n"), "{name} {:?}", table.kind());
            assert_eq!(csv.matches("\r\n").count(), table.rows().len() + 1);
            // Names are snake case and unique, the same in every format.
            let mut names: Vec<&str> = table.columns().iter().map(downtime_cost::Column::name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), width, "{name} {:?}: duplicate column names", table.kind());
        }
    }
}

#[test]
fn the_tables_hold_the_reports_own_figures() {
    let report = full_report("saas");
    let targets = report.table(TableKind::Targets);
    let total = targets.columns().iter().position(|c| c.name() == "expected_outage_cost").unwrap();
    assert_eq!(targets.columns()[total].unit(), Unit::Money);
    for (row, study) in targets.rows().iter().zip(report.targets().rows()) {
        assert_eq!(number(&row[0]), study.target().percent());
        assert_eq!(number(&row[total]), study.total());
    }
    let steps = report.table(TableKind::Steps);
    assert_eq!(steps.rows().len(), report.step_savings().len());
    for (row, s) in steps.rows().iter().zip(report.step_savings()) {
        assert_eq!(number(&row[2]), s.saving_per_year());
    }
    let decision = report.table(TableKind::Decision);
    let d = report.decision().unwrap();
    assert_eq!(decision.rows().len(), d.rows().len());
    for (row, r) in decision.rows().iter().zip(d.rows()) {
        assert_eq!(number(&row[3]), r.total_cost());
        let cheapest = matches!(&row[7], Cell::Text(t) if t == "yes");
        assert_eq!(cheapest, d.cheapest().contains(&r.target()));
    }
    let designs = report.table(TableKind::Designs);
    assert_eq!(designs.rows().len(), report.designs().len());
    let sims = report.table(TableKind::Simulations);
    for (row, s) in sims.rows().iter().zip(report.simulations()) {
        assert_eq!(number(&row[3]), s.losses().mean());
    }
    let outages = report.table(TableKind::Outages);
    let lines: usize = report.outages().iter().map(|o| o.breakdown().items().len() + 1).sum();
    assert_eq!(outages.rows().len(), lines);
    assert_eq!(report.table(TableKind::Sensitivity).rows().len(), report.sensitivity().unwrap().rows().len());
}

#[test]
fn a_report_without_the_optional_steps_has_empty_tables() {
    let report = Report::new(&Analysis::new(&Scenario::builtin("erp").unwrap()).unwrap()).unwrap();
    for kind in [TableKind::Simulations, TableKind::Exceedance, TableKind::Sensitivity] {
        let t = report.table(kind);
        assert!(t.is_empty(), "{kind:?}");
        assert_eq!(t.to_csv().lines().count(), 1, "{kind:?}: the header alone");
    }
}
