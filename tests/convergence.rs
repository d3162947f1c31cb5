//! One right number: for every built-in scenario, every target and every
//! driver on its own (SLA credits included), the exact expected annual cost
//! lies inside the 99.9 % interval of the simulated mean, widened by the
//! exact figure's own numerical error bound. The whole model and planned
//! maintenance are checked the same way through the report.
//!
//! The trial count is what CI affords; the figures at 10⁶ years are in the
//! README (`cargo run --release --example report -- --scenario NAME --trials 1000000`).

use downtime_cost::{
    Analysis, Availability, CostModel, DriverKind, DurationDistribution, ExpectedOptions, Frequency,
    ImprovementPolicy, OutageAssumption, OutageProcess, ProcessAssumption, Report, Scenario,
    SeverityDistribution, SimulationOptions, TargetRow, TargetStudy, simulate,
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

/// The fewest simulated years with a loss for the normal interval of the mean to hold.
const MIN_LOSS_YEARS: f64 = 100.0;

/// The most years a row is simulated.
const MAX_TRIALS: u64 = 5_000_000;

/// [`check`] of a study's row against `TRIALS` simulated years of its process under `seed`,
/// or ten times as many (up to `MAX_TRIALS`) until `MIN_LOSS_YEARS` of them have a loss. A
/// line whose loss is rare (credits at 99.999 %: about 1 year in 50,000) has a handful of
/// such years or none in `TRIALS`; the normal interval of their mean is then no interval at
/// all (`0 .. 0` when none has a loss), and the check would say nothing true either way.
fn check_row(scenario: &str, label: &str, model: &CostModel, row: &TargetRow, seed: u64) {
    let mut trials = TRIALS;
    loop {
        let options = SimulationOptions::new().with_trials(trials).with_seed(seed);
        let l = simulate(model, row.process(), &options).unwrap();
        #[allow(clippy::cast_precision_loss, reason = "at most 5 000 000 years")]
        let loss_years = (1.0 - l.prob_zero()) * trials as f64;
        // A line whose exact cost is 0 (no loss ever) is checked at `TRIALS`.
        if loss_years >= MIN_LOSS_YEARS || trials >= MAX_TRIALS || row.total().is_zero() {
            check(scenario, label, row.total(), row.error_bound(), &l);
            return;
        }
        trials = (trials * 10).min(MAX_TRIALS);
    }
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
                check_row(name, &format!("{} at {}", driver.name(), row.target()), &model, row, seed);
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

#[test]
fn a_beta_severity_is_in_closed_form_or_named_in_a_note() {
    // With a lognormal duration, Beta(α, 1) and whole-number shapes with a small CDF
    // polynomial: the per-outage CDF is exact (no note about the severity's quadrature). Other
    // shapes keep the 24-point rule, whose error is not in the bound: the line carries a note
    // that says so.
    let scenario = Scenario::builtin("saas").unwrap();
    let sla = scenario.drivers().iter().find(|d| d.kind() == DriverKind::SlaCredits).unwrap().clone();
    let model =
        CostModel::new(scenario.currency()).with_calendar(scenario.calendar().clone()).with_driver(sla);
    let quadrature = |n: &downtime_cost::Note| matches!(n, downtime_cost::Note::SlaSeverityQuadrature { .. });
    for (alpha, beta, noted) in
        [(4.0, 1.0, false), (2.5, 1.0, false), (2.0, 2.0, false), (1.5, 2.5, true), (3.0, 4.0, true)]
    {
        let process = OutageProcess::new(
            Frequency::poisson(12.0).unwrap(),
            DurationDistribution::lognormal(0.3, 1.2).unwrap(),
            SeverityDistribution::beta(alpha, beta).unwrap(),
        );
        let e = model.expected_annual(&process, &ExpectedOptions::default()).unwrap();
        assert_eq!(e.notes().iter().any(quadrature), noted, "Beta({alpha}, {beta}): {:?}", e.notes());
        if noted {
            let note = e.notes().iter().find(|n| quadrature(n)).unwrap();
            assert!(note.to_string().contains("not in the error bound"), "{note}");
        }
    }
}

/// The SLA line under a lognormal duration and a beta severity against the Monte Carlo, which
/// draws both: under both policies, at a target whose months often breach a tier and at one
/// where they rarely do. Beta(4, 1) takes the closed form (`Φ(z) + φ(z)·R(z + 4σ)`,
/// `z = (ln x − μ)/σ`); Beta(1.5, 2.5) the 24-point mixture of normal CDFs read from the table,
/// whose nodes keep `ln s + μ`. μ = 0.3, not 0, so that the shift by μ is tested whole in both.
#[test]
fn a_lognormal_duration_with_a_beta_severity_converges() {
    let scenario = Scenario::builtin("saas").unwrap();
    let sla = scenario.drivers().iter().find(|d| d.kind() == DriverKind::SlaCredits).unwrap().clone();
    let model =
        CostModel::new(scenario.currency()).with_calendar(scenario.calendar().clone()).with_driver(sla);
    let targets =
        [Decimal::new(99, 0), Decimal::new(9995, 2)].map(|t| Availability::from_percent(t).unwrap());
    for (b, (alpha, beta)) in [(4.0, 1.0), (1.5, 2.5)].into_iter().enumerate() {
        let process = OutageProcess::new(
            Frequency::poisson(12.0).unwrap(),
            DurationDistribution::lognormal(0.3, 1.2).unwrap(),
            SeverityDistribution::beta(alpha, beta).unwrap(),
        );
        for (p, policy) in
            [ImprovementPolicy::FewerIncidents, ImprovementPolicy::FasterRecovery].into_iter().enumerate()
        {
            let assumption = OutageAssumption::Process(ProcessAssumption::new(&process, policy));
            let study = TargetStudy::new(&model, &assumption, &targets).unwrap();
            for (k, row) in study.rows().iter().enumerate() {
                assert!(row.total() > Decimal::ZERO, "{policy:?} at {}: credits are owed", row.target());
                let seed = 7_000 + u64::try_from(b * 16 + p * 8 + k).unwrap();
                let label = format!("Beta({alpha}, {beta}), {policy:?} at {}", row.target());
                check_row("saas, beta severity", &label, &model, row, seed);
            }
        }
    }
}
