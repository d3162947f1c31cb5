//! The board report's summary: one paragraph in plain words, every figure
//! read from the report.

use downtime_cost::{Availability, Decision, Report, StepVerdict};
use rust_decimal::Decimal;

use super::format::{money, target};

/// The targets the report calls cheapest: by total cost of ownership when
/// the scenario gives run costs, else the lowest expected outage cost.
pub(crate) fn cheapest(report: &Report) -> Vec<Availability> {
    match report.decision() {
        Some(d) => d.cheapest().to_vec(),
        None => report.targets().cheapest().map(downtime_cost::TargetRow::target).into_iter().collect(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The summary paragraph's sentences (plain text; no user string, so nothing to escape).
pub(crate) fn sentences(report: &Report) -> Vec<String> {
    let currency = report.targets().currency().to_string();
    let m = |x: Decimal| money(&currency, x);
    let mut out = Vec::new();

    // What outages cost a year at each target.
    let rows = report.targets().rows();
    let costs: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if i == 0 {
                format!(
                    "At {} availability, outages are expected to cost {} a year",
                    target(r.target()),
                    m(r.total())
                )
            } else {
                format!("at {}, {}", target(r.target()), m(r.total()))
            }
        })
        .collect();
    if !costs.is_empty() {
        out.push(format!("{}.", costs.join("; ")));
    }
    let highest = rows.iter().map(downtime_cost::TargetRow::target).max();
    let cheapest = cheapest(report);
    let top = cheapest.iter().copied().max();

    match (report.decision(), top) {
        (Some(decision), Some(top)) => with_run_costs(&mut out, decision, &cheapest, top, &m),
        (None, Some(lowest)) => without_run_costs(&mut out, report, lowest, highest, &m),
        (_, None) => {}
    }

    // The bad year at the cheapest target, when simulated.
    let first = cheapest.first().copied();
    if let Some(sim) = report.simulations().iter().find(|s| Some(s.target()) == first)
        && let Some(p95) = sim.losses().percentile("95")
    {
        out.push(format!(
            "In a bad year (one year in 20: the 95th percentile of {} simulated years), outages at {} would cost {} or more.",
            super::format::amount(rust_decimal::Decimal::from(sim.losses().trials())),
            target(sim.target()),
            m(p95)
        ));
    }
    out
}

/// The cheapest target by total cost of ownership, the step up into it and the next nine.
fn with_run_costs(
    out: &mut Vec<String>,
    decision: &Decision,
    cheapest: &[Availability],
    top: Availability,
    m: &dyn Fn(Decimal) -> String,
) {
    let names: Vec<String> = cheapest.iter().map(|&a| target(a)).collect();
    let row = decision.rows().iter().find(|r| r.target() == top);
    let figures = row.map_or_else(String::new, |r| {
        format!(
            " (total cost of ownership {} a year: {} to run and {} in expected outages)",
            m(r.total_cost()),
            m(r.run_cost()),
            m(r.expected_outage_cost())
        )
    });
    if names.len() == 1 {
        out.push(format!(
            "Counting what each target costs to run, the cheapest is {}{figures}.",
            list(&names)
        ));
    } else {
        out.push(format!(
            "Counting what each target costs to run, {} are the cheapest, tied within the numerical error; at {}{figures}.",
            list(&names),
            target(top)
        ));
    }
    // The step up into the cheapest target, then the next nine above it.
    let low = cheapest.iter().copied().min().unwrap_or(top);
    if let Some(step) = decision.steps().iter().find(|s| s.to() == low) {
        out.push(format!(
            "Moving up to {} from {} saves {} a year in expected outage cost for {} more a year to run.",
            target(step.to()),
            target(step.from()),
            m(step.expected_saving()),
            m(step.extra_run_cost()),
        ));
    }
    match decision.steps().iter().find(|s| s.from() == top) {
        Some(step) => {
            let verdict = match step.verdict() {
                StepVerdict::Saves => "so it pays for itself",
                StepVerdict::Costs => "so it does not pay for itself",
                _ => "about as much as it saves",
            };
            out.push(format!(
                "The next nine, from {} to {}, would save {} a year in expected outage cost but cost {} more a year to run, {verdict}.",
                target(step.from()),
                target(step.to()),
                m(step.expected_saving()),
                m(step.extra_run_cost()),
            ));
        }
        None => out.push(format!(
            "{} is the highest target studied, so this report cannot say what a further nine is worth.",
            target(top)
        )),
    }
}

/// No run costs: the lowest expected outage cost, and the step up into it.
fn without_run_costs(
    out: &mut Vec<String>,
    report: &Report,
    lowest: Availability,
    highest: Option<Availability>,
    m: &dyn Fn(Decimal) -> String,
) {
    let rows = report.targets().rows();
    let cost = rows.iter().find(|r| r.target() == lowest).map(|r| m(r.total())).unwrap_or_default();
    let place = if Some(lowest) == highest { ", the highest target studied" } else { "" };
    out.push(format!(
        "The scenario gives no run costs, so run costs are not included: the lowest expected outage cost is at {}{place} ({cost} a year).",
        target(lowest)
    ));
    if let Some(step) = report.step_savings().iter().find(|s| s.to() == lowest) {
        out.push(format!(
            "Moving from {} to {} saves {} a year in expected outage cost; weigh that against what the higher target costs to run.",
            target(step.from()),
            target(step.to()),
            m(step.saving_per_year())
        ));
    }
}
