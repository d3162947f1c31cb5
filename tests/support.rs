//! Helpers shared by the test modules.

use downtime_cost::{Analysis, Report, Result, Scenario};

/// The report of `scenario`: analysed once, rounded once.
pub(crate) fn evaluate(scenario: &Scenario) -> Result<Report> {
    Report::new(&Analysis::new(scenario)?)
}
