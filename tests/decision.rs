//! Decision figures (total cost of ownership, cheapest target, marginal
//! value, break-even investment, NPV) and the sensitivity table, each checked
//! against a value worked out by hand.

use crate::support::evaluate;
use downtime_cost::{
    Analysis, Availability, CostModel, Currency, Decision, DecisionOptions, Error, Fraction, LostSales,
    Outage, OutageAssumption, Report, RunCost, RunCostKind, Scenario, SimulationOptions, StepVerdict,
    TargetStudy,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;
use std::time::Duration;

fn pct(p: Decimal) -> Availability {
    Availability::from_percent(p).unwrap()
}

/// 1 000 a lost hour (8 760 000 a year, all at risk), one-hour typical outages:
/// the expected annual outage cost at A is (1 − A) × 8 760 h × 1 000.
fn study(targets: &[Availability]) -> TargetStudy {
    let model =
        CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8760000), Fraction::ONE).unwrap());
    let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3600)));
    TargetStudy::new(&model, &typical, targets).unwrap()
}

fn three() -> [Availability; 3] {
    [pct(dec!(99)), pct(dec!(99.9)), pct(dec!(99.99))]
}

#[test]
fn total_cost_optimum_marginal_value_break_even_and_npv_by_hand() {
    let t = three();
    // Expected outage cost: 99 % → 87 600; 99.9 % → 8 760; 99.99 % → 876.
    let run = RunCost::per_target(&[(t[0], dec!(10000)), (t[1], dec!(50000)), (t[2], dec!(120000))]).unwrap();
    // 10 % over 2 years: F = 1/1.1 + 1/1.21 = (1.1 + 1) / 1.21 = 2.1 / 1.21 = 1.7355371900826446280991735537…
    let options = DecisionOptions::new().with_horizon_years(2).with_discount_rate(dec!(0.1));
    let d = Decision::new(&study(&t), &run, &options).unwrap();
    let f = d.annuity_factor();
    assert!((f - dec!(1.7355371900826446280991735537)).abs() < dec!(1e-26), "{f}");
    // TCO: 97 600, 58 760, 120 876.
    let totals: Vec<Decimal> = d.rows().iter().map(downtime_cost::DecisionRow::total_cost).collect();
    assert_eq!(totals, vec![dec!(97600), dec!(58760), dec!(120876)]);
    assert_eq!(d.cheapest(), &[t[1]]);
    // Step 99 → 99.9: saving 78 840, extra run 40 000, net 38 840, break-even 38 840 × F = 67 408.26446…
    let s = &d.steps()[0];
    assert_eq!(
        (s.expected_saving(), s.extra_run_cost(), s.net_saving()),
        (dec!(78840), dec!(40000), dec!(38840))
    );
    assert!((s.break_even_investment() - dec!(67408.264462809917355371900826)).abs() < dec!(1e-20));
    assert_eq!(s.verdict(), StepVerdict::Saves);
    // Step 99.9 → 99.99: saving 7 884 for 70 000 more: net −62 116, it costs.
    let s = &d.steps()[1];
    assert_eq!((s.expected_saving(), s.net_saving()), (dec!(7884), dec!(-62116)));
    assert_eq!(s.verdict(), StepVerdict::Costs);
    // NPV against 99 %: F × (97 600 − 58 760) = F × 38 840, the first step's break-even; 0 for the baseline.
    assert_eq!(d.rows()[0].npv_vs_baseline(), Decimal::ZERO);
    assert_eq!(d.rows()[1].npv_vs_baseline(), d.steps()[0].break_even_investment());
    // F × (97 600 − 120 876) = −23 276 × F.
    assert_eq!(d.rows()[2].npv_vs_baseline(), f * dec!(-23276));
    assert!(d.risk_cheapest().is_empty() && d.rows()[0].risk_outage_cost().is_none());
}

#[test]
fn baseline_can_be_chosen_and_targets_are_sorted() {
    let t = three();
    // Targets given out of order: the decision lists them ascending.
    let shuffled = [t[2], t[0], t[1]];
    let run = RunCost::per_target(&[(t[0], dec!(0)), (t[1], dec!(0)), (t[2], dec!(0))]).unwrap();
    let o =
        DecisionOptions::new().with_horizon_years(1).with_discount_rate(Decimal::ZERO).with_baseline(t[1]);
    let d = Decision::new(&study(&shuffled), &run, &o).unwrap();
    let order: Vec<Availability> = d.rows().iter().map(downtime_cost::DecisionRow::target).collect();
    assert_eq!(order, t.to_vec());
    // F = 1; NPV vs 99.9 %: 8 760 − 87 600 = −78 840; 0; 8 760 − 876 = 7 884.
    let npv: Vec<Decimal> = d.rows().iter().map(downtime_cost::DecisionRow::npv_vs_baseline).collect();
    assert_eq!(npv, vec![dec!(-78840), dec!(0), dec!(7884)]);
    // With free running the highest target is cheapest, and the note says a higher one may be cheaper still.
    assert_eq!(d.cheapest(), &[t[2]]);
    assert!(
        d.notes().iter().any(|n| matches!(n, downtime_cost::Note::CheapestIsHighest { .. })),
        "{:?}",
        d.notes()
    );
    assert!(d.notes().iter().any(|n| n.to_string().contains("highest listed")), "{:?}", d.notes());
}

#[test]
fn ties_and_flat_regions_are_reported() {
    let t = three();
    // Run costs chosen so 99.9 % and 99.99 % tie: 8 760 + 10 000 = 876 + 17 884 = 18 760.
    let run = RunCost::per_target(&[(t[0], dec!(0)), (t[1], dec!(10000)), (t[2], dec!(17884))]).unwrap();
    let d = Decision::new(&study(&t), &run, &DecisionOptions::new()).unwrap();
    assert_eq!(d.cheapest(), &[t[1], t[2]]);
    assert_eq!(d.steps()[1].verdict(), StepVerdict::Flat);
    assert_eq!(d.steps()[1].break_even_investment(), Decimal::ZERO);
    assert!(d.notes().iter().any(|n| matches!(n, downtime_cost::Note::Tie { .. })), "{:?}", d.notes());
    assert!(d.notes().iter().any(|n| matches!(n, downtime_cost::Note::FlatStep { .. })), "{:?}", d.notes());
    assert!(d.notes().iter().any(|n| n.to_string().starts_with("tie:")), "{:?}", d.notes());
}

#[test]
fn run_cost_curve_interpolates_linearly_in_availability() {
    let t = three();
    // 99 % → 0, 99.99 % → 99 000: 99.9 % is (0.999 − 0.99)/(0.9999 − 0.99) = 0.009/0.0099 = 10/11 of the way: 90 000.
    let curve = RunCost::curve(&[(t[0], dec!(0)), (t[2], dec!(99000))]).unwrap();
    assert_eq!(curve.kind(), RunCostKind::Curve);
    assert_eq!(curve.at(t[1]).unwrap(), dec!(90000));
    assert_eq!(curve.at(t[0]).unwrap(), dec!(0));
    assert_eq!(curve.at(t[2]).unwrap(), dec!(99000));
    // No extrapolation.
    let e = curve.at(pct(dec!(99.999))).unwrap_err();
    assert_eq!(e.field(), Some("run_cost"));
    // The decision reads it: TCO at 99.9 % = 90 000 + 8 760 = 98 760.
    let d = Decision::new(&study(&t), &curve, &DecisionOptions::new()).unwrap();
    assert_eq!(d.rows()[1].total_cost(), dec!(98760));
}

#[test]
fn bad_inputs_are_clear_errors() {
    let t = three();
    let s = study(&t);
    let field = |e: Error| e.field().map(str::to_owned);
    // A target without a run cost.
    let run = RunCost::per_target(&[(t[0], dec!(1)), (t[1], dec!(1))]).unwrap();
    let e = Decision::new(&s, &run, &DecisionOptions::new()).unwrap_err();
    assert_eq!(field(e.clone()).as_deref(), Some("run_cost"));
    assert!(e.to_string().contains("99.99%"), "{e}");
    // A run cost for a target the study does not have.
    let run =
        RunCost::per_target(&[(t[0], dec!(1)), (t[1], dec!(1)), (t[2], dec!(1)), (pct(dec!(99.5)), dec!(1))])
            .unwrap();
    let e = Decision::new(&s, &run, &DecisionOptions::new()).unwrap_err();
    assert!(e.to_string().contains("99.5%") && e.to_string().contains("study's targets"), "{e}");
    // Negative run costs, repeated targets, empty lists, unsorted curves.
    let e = RunCost::per_target(&[(t[0], dec!(-1))]).unwrap_err();
    assert_eq!(field(e).as_deref(), Some("[0].cost_per_year"));
    let e = RunCost::per_target(&[(t[0], dec!(1)), (t[0], dec!(2))]).unwrap_err();
    assert_eq!(field(e).as_deref(), Some("[1].target"));
    assert!(RunCost::per_target(&[]).is_err());
    assert!(RunCost::curve(&[(t[0], dec!(1))]).is_err());
    let e = RunCost::curve(&[(t[1], dec!(1)), (t[0], dec!(2))]).unwrap_err();
    assert_eq!(field(e).as_deref(), Some("[1].target"));
    // Discount rates of −100 % or less; a baseline that is not a target; losses of the wrong length.
    let run = RunCost::per_target(&[(t[0], dec!(1)), (t[1], dec!(1)), (t[2], dec!(1))]).unwrap();
    for rate in [dec!(-1), dec!(-2)] {
        let e = Decision::new(&s, &run, &DecisionOptions::new().with_discount_rate(rate)).unwrap_err();
        assert_eq!(field(e).as_deref(), Some("discount_rate"));
    }
    let e = Decision::new(&s, &run, &DecisionOptions::new().with_baseline(pct(dec!(95)))).unwrap_err();
    assert_eq!(field(e).as_deref(), Some("baseline"));
    let e = Decision::with_losses(&s, &run, &DecisionOptions::new(), &[]).unwrap_err();
    assert_eq!(field(e).as_deref(), Some("losses"));
}

#[test]
fn scenario_investment_is_validated_with_its_path() {
    let base = r#"{"schema": 1, "name": "t", "currency": "USD",
        "drivers": [{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "1"}}],
        "assumption": {"typical": {"duration": "1h"}}, "targets": [99, 99.9], "investment": INV}"#;
    let read = |inv: &str| Scenario::from_json(&base.replace("INV", inv));
    let ok = read(
        r#"{"run_cost": {"per_target": [{"target": 99, "cost_per_year": "0"}, {"target": 99.9, "cost_per_year": "50000"}]},
            "options": {"horizon_years": 1, "discount_rate": "0%"}}"#,
    )
    .unwrap();
    let report = evaluate(&ok).unwrap();
    let d = report.decision().unwrap();
    // 87 600 vs 50 000 + 8 760 = 58 760: one year, undiscounted, break-even 28 840.
    assert_eq!(d.steps()[0].break_even_investment(), dec!(28840.00));
    let e = read(r#"{"run_cost": {"per_target": [{"target": 99, "cost_per_year": "-5"}]}}"#).unwrap_err();
    assert_eq!(e.field(), Some("investment.run_cost.per_target[0].cost_per_year"), "{e}");
    let e = read(r#"{"run_cost": {"per_target": [{"target": 99, "cost_per_year": "5"}]}}"#).unwrap_err();
    assert_eq!(e.field(), Some("investment.run_cost"), "{e}");
    let e = read(
        r#"{"run_cost": {"curve": [{"target": 99, "cost_per_year": "0"}, {"target": 99.9, "cost_per_year": "1"}]},
            "options": {"discount_rate": "-100%"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("investment.options.discount_rate"), "{e}");
    let e = read(r#"{"run_cost": {"curve": []}, "extra": 1}"#).unwrap_err();
    assert!(e.field().is_some_and(|f| f.starts_with("investment")), "{e}");
}

#[test]
fn risk_view_uses_the_simulated_quantile() {
    let scenario = Scenario::builtin("saas").unwrap();
    let mut analysis = Analysis::new(&scenario).unwrap();
    analysis.simulate(&SimulationOptions::new().with_trials(4_000).with_seed(3), |_, _| {}).unwrap();
    let report = Report::new(&analysis).unwrap();
    let d = report.decision().unwrap();
    for (row, sim) in d.rows().iter().zip(analysis.simulations()) {
        assert_eq!(row.target(), sim.target());
        // Risk total = run cost + P95 (both rounded to cents by the scenario's policy).
        let p95 = sim.losses().quantile(0.95).unwrap().round_dp(2);
        assert_eq!(row.risk_outage_cost(), Some(p95));
        assert_eq!(row.risk_total_cost(), Some(row.run_cost() + p95));
    }
    let min = d.rows().iter().filter_map(downtime_cost::DecisionRow::risk_total_cost).min().unwrap();
    for t in d.risk_cheapest() {
        assert_eq!(d.rows().iter().find(|r| r.target() == *t).unwrap().risk_total_cost(), Some(min));
    }
    // Text, Markdown and CSV all carry the decision.
    assert!(report.to_string().contains("Total cost of ownership per target"));
    let md = report.to_markdown();
    assert!(md.contains("## Total cost of ownership per target"), "{md}");
    let csv = report.to_csv();
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("target_percent,") && header.contains("total_cost_of_ownership,npv_vs_baseline")
    );
    assert!(header.ends_with("expected_shortfall_99"));
    assert_eq!(csv.lines().count(), 1 + scenario.targets().len());
}

proptest! {
    /// The cheapest target is at least as cheap as every other, the step net
    /// savings add up to the difference of the end totals, and NPV is F × the
    /// saving against the baseline.
    #[test]
    fn cheapest_is_cheapest_and_steps_telescope(
        costs in proptest::collection::vec(0u32..5_000_000, 4),
        rate in -50i64..200,
        years in 1u32..30,
    ) {
        let t = [pct(dec!(99)), pct(dec!(99.5)), pct(dec!(99.9)), pct(dec!(99.99))];
        let points: Vec<(Availability, Decimal)> =
            t.iter().zip(&costs).map(|(&a, &c)| (a, Decimal::from(c))).collect();
        let run = RunCost::per_target(&points).unwrap();
        let options = DecisionOptions::new().with_horizon_years(years).with_discount_rate(Decimal::new(rate, 2));
        let d = Decision::new(&study(&t), &run, &options).unwrap();
        let best = d.cheapest()[0];
        let best_total = d.rows().iter().find(|r| r.target() == best).unwrap().total_cost();
        for r in d.rows() {
            prop_assert!(best_total <= r.total_cost());
        }
        let sum: Decimal = d.steps().iter().map(downtime_cost::DecisionStep::net_saving).sum();
        prop_assert_eq!(sum, d.rows()[0].total_cost() - d.rows()[3].total_cost());
        for r in d.rows() {
            let expected = d.annuity_factor() * (d.rows()[0].total_cost() - r.total_cost());
            prop_assert_eq!(r.npv_vs_baseline(), expected);
        }
        // A longer horizon is worth more when the rate is positive.
        if rate > 0 {
            let longer = options.with_horizon_years(years + 1).annuity_factor().unwrap();
            prop_assert!(longer > d.annuity_factor());
        }
    }
}

#[test]
fn designs_are_priced_from_their_outage_process() {
    // One component, MTBF 999 h and MTTR 1 h: A = 999/1000, f = 8 760 h / 1 000 h = 8.76 outages a
    // year of mean 1 h. Lost sales of 1 000 an hour are linear in duration: 8.76 × 1 000 = 8 760.
    // A second design adds a redundant copy: A = 1 − 0.001² = 0.999999; f = 2 × f₁ × U₁ = 2 × 8.76 ×
    // 0.001 = 0.01752 a year of mean MTTR/2 = 30 min: 0.01752 × 500 = 8.76. Run costs 1 000 and 5 000.
    let json = r#"{"schema": 1, "name": "t", "currency": "USD",
        "drivers": [{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "1"}}],
        "assumption": {"typical": {"duration": "1h"}}, "targets": [99.9],
        "designs": [
          {"name": "one", "cost_per_year": "1000", "architecture": {"component": {"name": "app", "mtbf": "999h", "mttr": "1h"}}},
          {"name": "two", "cost_per_year": "5000", "architecture": {"parallel": [
            {"component": {"name": "a", "mtbf": "999h", "mttr": "1h"}},
            {"component": {"name": "b", "mtbf": "999h", "mttr": "1h"}}]}},
          {"name": "unknown rate", "architecture": {"component": {"name": "saas", "availability": 99.9}}}
        ]}"#;
    let report = evaluate(&Scenario::from_json(json).unwrap()).unwrap();
    let [one, two, unknown] = report.designs() else { panic!("three designs") };
    assert_eq!(one.summary().availability(), pct(dec!(99.9)));
    assert_eq!(one.summary().incidents_per_year(), Some(dec!(8.76)));
    assert_eq!(one.expected_outage_cost(), Some(dec!(8760.00)));
    assert_eq!(one.total_cost(), Some(dec!(9760.00)));
    assert_eq!(two.summary().availability(), pct(dec!(99.9999)));
    assert_eq!(two.summary().incidents_per_year(), Some(dec!(0.01752)));
    assert_eq!(two.summary().mean_time_to_restore(), Some(Duration::from_secs(1800)));
    assert_eq!(two.expected_outage_cost(), Some(dec!(8.76)));
    assert_eq!(two.total_cost(), Some(dec!(5008.76)));
    // Availability alone gives no rate: the design is listed, its outage cost is not guessed.
    assert_eq!(unknown.expected_outage_cost(), None);
    assert!(unknown.note().is_some_and(|n| n.contains("saas")), "{:?}", unknown.note());
    let text = report.to_string();
    assert!(text.contains("Designs:") && text.contains("99.9999%"), "{text}");
    // A bad design names its path.
    let bad = json.replace(r#""cost_per_year": "1000""#, r#""cost_per_year": "-1""#);
    let e = Scenario::from_json(&bad).unwrap_err();
    assert!(e.field().is_some_and(|f| f.starts_with("designs[0]")), "{e}");
    let bad = json.replace(r#""mtbf": "999h", "mttr": "1h"}}}"#, r#""mtbf": "999h", "mttr": "0s"}}}"#);
    let e = Scenario::from_json(&bad).unwrap_err();
    assert!(e.field().is_some_and(|f| f.starts_with("designs[0].architecture")), "{e}");
}

#[test]
fn the_tornado_runs_at_the_decision_target_and_shows_what_flips_it() {
    use downtime_cost::{Measure, SensitivityOptions, Tornado};
    // SaaS: the cheapest total cost of ownership is 99.95 %, so the tornado measures there.
    let scenario = Scenario::builtin("saas").unwrap();
    let base = Tornado::new(&scenario, &SensitivityOptions::new()).unwrap();
    assert_eq!(base.target(), Availability::from_percent(rust_decimal::Decimal::new(9995, 2)).unwrap());
    assert_eq!(base.base_cheapest(), [base.target()]);
    // Rows are labelled by their line item, with the path beside it.
    let churn = base.rows().iter().find(|r| r.input() == "drivers[3].brand_impact.lifetime_value").unwrap();
    assert_eq!(churn.label(), "B2B churn and publicity: lifetime_value");
    // ±25 % moves no single input far enough to change the decision.
    assert!(base.decision_flips().is_empty());
    // Tripling the customer lifetime value does: the step from 99.95 % to 99.99 % costs 800 000 a
    // year more to run and saves 446 155.27 of expected outage cost, of which churn is
    // 322 868.57 − 64 573.71 = 258 294.86 (the SaaS target table); with churn × 3 the saving is
    // 446 155.27 + 2 × 258 294.86 = 962 744.99 > 800 000, so 99.99 % becomes the cheapest.
    let options = SensitivityOptions::new().with_factors(
        "drivers[3].brand_impact.lifetime_value",
        rust_decimal::Decimal::ONE,
        rust_decimal::Decimal::from(3),
    );
    let t = Tornado::new(&scenario, &options).unwrap();
    let row = t.rows().iter().find(|r| r.input() == "drivers[3].brand_impact.lifetime_value").unwrap();
    assert_eq!(
        row.cheapest_at_high(),
        [Availability::from_percent(rust_decimal::Decimal::from(9999) / rust_decimal::Decimal::from(100))
            .unwrap()]
    );
    assert!(row.flips_decision(t.base_cheapest()));
    assert_eq!(t.decision_flips().len(), 1);
    // Measured in total cost of ownership the base is run cost + expected outage cost at 99.95 %:
    // 1 600 000 + 561 740.01 (the SaaS decision table).
    let tco = Tornado::new(&scenario, &SensitivityOptions::new().with_measure(Measure::TotalCostOfOwnership))
        .unwrap();
    assert_eq!(tco.base_cost().round_dp(2), rust_decimal::Decimal::new(216_174_001, 2));
    // Without run costs there is no total cost of ownership to measure.
    let retailer_without = {
        let mut v: serde_json::Value =
            serde_json::from_str(&Scenario::builtin("retailer").unwrap().to_json().unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("investment");
        Scenario::from_json(&v.to_string()).unwrap()
    };
    let e = Tornado::new(
        &retailer_without,
        &SensitivityOptions::new().with_measure(Measure::TotalCostOfOwnership),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("measure"));
    // ... and the tornado measures the middle target (the 4th of six, 99.95 %).
    let t = Tornado::new(&retailer_without, &SensitivityOptions::new()).unwrap();
    assert!(t.base_cheapest().is_empty());
    assert_eq!(t.target(), retailer_without.targets()[3]);
}

#[test]
fn a_tornado_limited_to_fewer_inputs_says_so() {
    use downtime_cost::{Note, SensitivityOptions, Tornado};
    let scenario = Scenario::builtin("saas").unwrap();
    let all = Tornado::new(&scenario, &SensitivityOptions::new()).unwrap();
    let n = all.rows().len();
    assert!(n > 3, "the SaaS scenario has {n} inputs");
    assert!(!all.notes().iter().any(|x| matches!(x, Note::InputsLimited { .. })));
    // Three inputs swung of n: the first three of the full tornado's inputs, and a note.
    let limited = Tornado::new(&scenario, &SensitivityOptions::new().with_max_inputs(3)).unwrap();
    assert_eq!(limited.rows().len(), 3);
    let note = limited.notes().iter().find(|x| matches!(x, Note::InputsLimited { .. })).unwrap();
    assert!(matches!(note, Note::InputsLimited { swung: 3, inputs } if *inputs == n), "{note:?}");
    assert!(limited.rows().iter().all(|l| all.rows().iter().any(|r| r.input() == l.input())));
}
