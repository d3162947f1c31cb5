//! One right number: for every built-in scenario, every target and every
//! driver on its own (SLA credits included), the exact expected annual cost
//! lies inside the 99.9 % interval of the simulated mean, widened by the
//! exact figure's own numerical error bound. The whole model and planned
//! maintenance are checked the same way through the report.
//!
//! The trial count is what CI affords; the figures at 10⁶ years are in the
//! README (`cargo run --release --example report -- --scenario NAME --trials 1000000`).

use downtime_cost::{
    Analysis, CostModel, ExpectedOptions, Report, Scenario, SimulationOptions, TargetStudy, simulate,
};
use rust_decimal::Decimal;

const TRIALS: u64 = 20_000;
const LEVEL: f64 = 0.999;

fn check(scenario: &str, label: &str, exact: Decimal, bound: Decimal, l: &downtime_cost::LossDistribution) {
    let (lo, hi) = l.mean_interval(LEVEL).unwrap();
    assert!(
        lo - bound <= exact && exact <= hi + bound,
        "{scenario} {label}: exact {exact} (± {bound}) outside the simulated 99.9% interval {lo} .. {hi}"
    );
}

#[test]
fn every_driver_of_every_scenario_converges_at_every_target() {
    let mut checked = 0;
    for name in Scenario::builtin_names() {
        let scenario = Scenario::builtin(name).unwrap();
        for (i, driver) in scenario.drivers().iter().enumerate() {
            let model = CostModel::new(scenario.currency())
                .with_calendar(scenario.calendar().clone())
                .with_driver(driver.clone());
            let study = TargetStudy::with_options(
                &model,
                scenario.assumption(),
                scenario.targets(),
                None,
                &ExpectedOptions::default(),
            )
            .unwrap();
            for (k, row) in study.rows().iter().enumerate() {
                let seed = 1_000 + u64::try_from(i * 16 + k).unwrap();
                let l = simulate(
                    &model,
                    row.process(),
                    &SimulationOptions::new().with_trials(TRIALS).with_seed(seed),
                )
                .unwrap();
                check(
                    name,
                    &format!("{} at {}", driver.name(), row.target()),
                    row.total(),
                    row.error_bound(),
                    &l,
                );
                checked += 1;
            }
        }
        // The whole model with planned maintenance, as the report reconciles it.
        let mut analysis = Analysis::new(&scenario).unwrap();
        analysis.simulate(&SimulationOptions::new().with_trials(TRIALS).with_seed(99), |_, _| {}).unwrap();
        let report = Report::new(&analysis).unwrap();
        for s in report.simulations() {
            assert!(s.reconciliation().agrees(), "{name} at {}: {:?}", s.target(), s.reconciliation());
        }
        assert_eq!(report.simulations().len(), scenario.targets().len());
    }
    assert!(checked >= 4 * 4 * 6, "checked only {checked} driver × target pairs");
}
