//! Who answers the outage: the built-in `support` scenario's three options
//! (an in-house team on business hours, the same with on-call, a managed
//! service provider) compared by total cost of ownership.
//!
//! Run: `cargo run --release --example support_options`

use downtime_cost::{Analysis, Scenario, SimulationOptions};

fn main() -> Result<(), downtime_cost::Error> {
    let scenario = Scenario::builtin("support")?;
    let mut analysis = Analysis::new(&scenario)?;
    analysis.simulate(&SimulationOptions::new().with_trials(100_000).with_seed(1), |_, _| {})?;
    let Some(c) = analysis.support() else { return Ok(()) };
    println!("{} incidents a year, {} simulated years", c.incidents_per_year(), c.trials().unwrap_or(0));
    for r in c.rows() {
        println!(
            "{:<26} outages {:>10.0} ± {:>5.0}  P95 {:>10.0}  running {:>8}  credits {:>6.0}  TCO {:>10.0}  availability {}  mean outage {:.2} h  engage {:.1} min",
            r.name(),
            r.expected_outage_cost(),
            r.error_estimate(),
            r.p95_outage_cost().unwrap_or_default(),
            r.running_cost(),
            r.credits_received(),
            r.total_cost(),
            r.availability(),
            r.mean_outage_hours(),
            r.mean_time_to_engage_seconds() / rust_decimal::Decimal::from(60),
        );
    }
    if let Some(best) = c.cheapest() {
        println!("cheapest: {}", best.name());
    }
    Ok(())
}
