//! The most of each input that makes work or memory grow. Each maximum is
//! checked before the work starts, and going over it is an
//! [`crate::Error::Invalid`] naming the field, so a hostile
//! or mistaken document fails at once instead of exhausting time or memory.
//!
//! The whole table, with the maxima that live beside their types
//! ([`MAX_TRIALS`](crate::MAX_TRIALS), [`MAX_SLA_CELLS`](crate::MAX_SLA_CELLS),
//! [`Architecture::MAX_DEPTH`](crate::Architecture::MAX_DEPTH), …), is in
//! the design document's "Limits" section.

use crate::error::{Error, Result};

/// The largest document read (scenario, report, incident history): 32 MiB.
/// The built-in scenarios are under 40 KiB.
pub const MAX_DOCUMENT_BYTES: usize = 32 << 20;

/// The most uptime targets a scenario compares.
pub const MAX_TARGETS: usize = 100;

/// The most outages a scenario prices one by one.
pub const MAX_OUTAGES: usize = 10_000;

/// The most cost drivers (and extensions) a model holds: each is priced for
/// every outage of every method.
pub const MAX_DRIVERS: usize = 100;

/// The most architectures (designs) a scenario compares.
pub const MAX_DESIGNS: usize = 100;

/// The most components (leaves) one architecture holds.
pub const MAX_COMPONENTS: usize = 10_000;

/// The most points of one cost curve.
pub const MAX_CURVE_POINTS: usize = 1_000;

/// The most values of an empirical duration distribution.
pub const MAX_EMPIRICAL_DURATIONS: usize = 100_000;

/// The most values of an empirical severity distribution: the exact SLA
/// expectation mixes one scaled duration distribution per value at every
/// grid point.
pub const MAX_EMPIRICAL_SEVERITIES: usize = 10_000;

/// The most tiers of an SLA: each threshold is a tail probability of the
/// exact method, in every billing period.
pub const MAX_SLA_TIERS: usize = 100;

/// The most peak periods of a calendar (one a day of a leap year).
pub const MAX_PEAKS: usize = 366;

/// The most incidents of an incident history.
pub const MAX_INCIDENTS: usize = 500_000;

/// [`Error::Invalid`] for `field` when `count > max`, with the count as the
/// value.
pub(crate) fn at_most(field: impl Into<String>, count: usize, max: usize, rule: &'static str) -> Result<()> {
    if count > max { Err(Error::invalid(field, format!("{count} entries"), rule)) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_the_limit_names_the_field_and_the_count() {
        assert!(at_most("targets", 100, 100, "must list at most 100 targets").is_ok());
        let e = at_most("targets", 101, 100, "must list at most 100 targets").unwrap_err();
        assert_eq!(e.to_string(), "targets must list at most 100 targets, got 101 entries");
    }
}
