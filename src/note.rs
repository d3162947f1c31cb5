//! Typed notes: what a result says about how it was computed, or about a
//! condition the caller may want to act on. Each note is a variant a caller
//! can match; `Display` gives the sentence the reports print.
//!
//! In JSON a note is an object tagged by its `kind` (the variant in
//! snake case) with the variant's fields and the sentence as `text`:
//! `{"kind": "sla_lattice", "line_item": "SLA credits", "text": "SLA credits: a billing period's …"}`.
//! Reading one ignores `text`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::Duration;

use crate::availability::Availability;

/// A note attached to a result.
///
/// # Example
///
/// ```
/// use downtime_cost::{Note, Scenario, TargetStudy};
///
/// let scenario = Scenario::builtin("saas")?;
/// let study = TargetStudy::new(&scenario.model(), scenario.assumption(), scenario.targets())?;
/// // The SaaS SLA line under a typical outage is exact (a lattice), and says so.
/// assert!(study.notes().iter().any(|n| matches!(n, Note::SlaLattice { .. })));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(remote = "Self", tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Note {
    /// An SLA line computed by the bracketed Panjer recursion; its bound is
    /// in the row's error bound.
    SlaRecursion {
        /// The line item.
        line_item: String,
        /// The most grid cells allowed.
        max_cells: usize,
    },
    /// An SLA line whose bracket did not reach the tolerance: its grids
    /// reached the finest within the cell limit, or (a period's mean count in
    /// the hundreds) nothing could be known. The bound reached is in the
    /// error bound.
    SlaBracketIncomplete {
        /// The line item.
        line_item: String,
        /// The bound reached (money a year).
        #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
        bound: Decimal,
        /// The cell limit.
        max_cells: usize,
        /// The relative tolerance asked for.
        #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
        tolerance: Decimal,
    },
    /// An SLA line whose per-outage downtime mixes a beta severity over the
    /// 24-point Gauss–Legendre rule on its quantile function: the rule's
    /// error in the per-outage CDF (6.2e-4 at short downtimes for
    /// Beta(1.5, 2.5) with a lognormal σ = 0.5, more for narrower durations)
    /// is not in the error bound. With a lognormal duration, Beta(α, 1) and the whole-number
    /// shapes whose CDF polynomial is small (Beta(α, 2) to α = 49, Beta(α, 3)
    /// to α = 6, and a few more: design § 5.3) are in closed form and carry
    /// no such note.
    SlaSeverityQuadrature {
        /// The line item.
        line_item: String,
    },
    /// An SLA line under a typical outage: a period's downtime is N × one
    /// outage's counted downtime, exact from the Poisson distribution function.
    SlaLattice {
        /// The line item.
        line_item: String,
    },
    /// A user-defined driver's expectation from its own closed form.
    ExtensionClosedForm {
        /// The line item.
        line_item: String,
    },
    /// A user-defined driver's expectation by numerical integration.
    ExtensionIntegrated {
        /// The line item.
        line_item: String,
        /// The difference between two quadrature rules (money a year), added to the error bound.
        #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
        error_estimate: Decimal,
    },
    /// A lognormal duration so wide (σ > 2) that rare, very long outages drive the mean.
    HeavyTail {
        /// σ of ln hours (4 decimals).
        #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
        sigma: Decimal,
        /// The mean outage.
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        mean: Duration,
        /// The median outage.
        #[cfg_attr(feature = "schema", schemars(with = "crate::duration::WireDuration"))]
        #[serde(with = "crate::duration::wire")]
        median: Duration,
        /// mean / median = e^{σ²/2} (1 decimal).
        #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
        ratio: Decimal,
    },
    /// Targets whose totals are equal within the error bounds.
    Tie {
        /// The tied targets.
        targets: Vec<Availability>,
    },
    /// A step up that does not change the total within the error bounds.
    FlatStep {
        /// The lower target.
        from: Availability,
        /// The higher target.
        to: Availability,
    },
    /// The cheapest target is the highest listed: a higher one may be cheaper still.
    CheapestIsHighest {
        /// The target.
        target: Availability,
    },
    /// The cheapest target is the lowest listed: a lower one may be cheaper still.
    CheapestIsLowest {
        /// The target.
        target: Availability,
    },
    /// A tornado input that could not be swung on one side; that side keeps the base value.
    NotSwung {
        /// The input's path.
        input: String,
        /// The side that kept the base value.
        side: Side,
        /// Why (the validation error).
        reason: String,
    },
    /// The tornado swung only the first inputs of a scenario with more
    /// (in document order): the others are not in it.
    InputsLimited {
        /// The inputs swung.
        swung: usize,
        /// The inputs the scenario has.
        inputs: usize,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::SlaRecursion { line_item, max_cells } => write!(
                f,
                "{line_item}: Panjer recursion on a grid of up to {max_cells} cells; the bound on its error is each row's error_bound"
            ),
            Note::SlaBracketIncomplete { line_item, bound, max_cells, tolerance } => write!(
                f,
                "{line_item}: the bracket did not reach the {tolerance} relative tolerance within the limit of {max_cells} cells a grid; the bound reached, {bound} a year, is in the error bound (raise ExpectedOptions::with_max_cells to tighten it)"
            ),
            Note::SlaSeverityQuadrature { line_item } => write!(
                f,
                "{line_item}: the beta severity is mixed over a 24-point Gauss–Legendre rule, whose error (6e-4 in the per-outage distribution function at short downtimes for Beta(1.5, 2.5) with a lognormal σ of 0.5, more for narrower durations) is not in the error bound"
            ),
            Note::SlaLattice { line_item } => write!(
                f,
                "{line_item}: a billing period's downtime is N × the typical outage's counted downtime, N Poisson; exact from the Poisson distribution function"
            ),
            Note::ExtensionClosedForm { line_item } => {
                write!(f, "{line_item}: the driver's own closed-form expectation")
            }
            Note::ExtensionIntegrated { line_item, error_estimate } => write!(
                f,
                "{line_item}: expected cost by numerical integration over the duration and severity distributions (Gauss–Legendre on their quantiles); the difference between two rules, {error_estimate} a year, is added to the error bound"
            ),
            Note::HeavyTail { sigma, mean, median, ratio } => write!(
                f,
                "lognormal σ = {sigma}: the mean ({}) is {ratio}× the median ({}); the expected cost is driven by rare, very long outages",
                crate::duration::format(*mean),
                crate::duration::format(*median)
            ),
            Note::Tie { targets } => {
                let list: Vec<String> = targets.iter().map(ToString::to_string).collect();
                write!(f, "tie: {} have the same total cost within the error bounds", list.join(", "))
            }
            Note::FlatStep { from, to } => {
                write!(f, "flat: {from} to {to} does not change the total cost within the error bounds")
            }
            Note::CheapestIsHighest { target } => write!(
                f,
                "the cheapest target is the highest listed ({target}); a higher one may be cheaper still"
            ),
            Note::CheapestIsLowest { target } => write!(
                f,
                "the cheapest target is the lowest listed ({target}); a lower one may be cheaper still"
            ),
            Note::NotSwung { input, side, reason } => write!(f, "{input} not swung {side}: {reason}"),
            Note::InputsLimited { swung, inputs } => write!(
                f,
                "only the first {swung} of the scenario's {inputs} inputs were swung (in document order)"
            ),
        }
    }
}

impl Serialize for Note {
    /// The tagged fields and the sentence, as `text`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Annotated<'a> {
            #[serde(flatten, serialize_with = "tagged")]
            note: &'a Note,
            text: String,
        }
        #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes `&T`
        fn tagged<S: Serializer>(note: &&Note, s: S) -> Result<S::Ok, S::Error> {
            Note::serialize(note, s)
        }
        Annotated { note: self, text: self.to_string() }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Note {
    /// The tagged fields (`text` is ignored).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Note::deserialize(d)
    }
}

/// Which side of a tornado swing: the input scaled down or up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Side {
    /// The input scaled down (the low factor).
    Down,
    /// The input scaled up (the high factor).
    Up,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Down => "down",
            Side::Up => "up",
        })
    }
}
