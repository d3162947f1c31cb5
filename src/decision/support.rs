//! Who answers the outage: each support option's expected outage cost, its
//! bad year, running cost, service credits received and total cost of
//! ownership, side by side.
//!
//! # Formulas (amounts per year)
//!
//! ```text
//! outage duration      D(t)  = T(t) + R            T the option's time to engage at the start t, R its repair
//! expected outage cost E[C]  = λ · E_t,R,S[ cost(t, D(t), S) ]     (SLA credits: per billing period, below)
//! credits received     K     = λ · late_share · credit_per_miss    (exact; late_share over the year)
//! total cost           TCO   = running_cost + E[C] − K
//! availability         A     = 1 − λ · E[D] · E[S] / year          (E[D] = exact mean time to engage + E[R])
//! incidents allowed    λ*(A) = (1 − A) · year / (E[D] · E[S])      (the rate a target allows under the option)
//! ```
//!
//! The start is spread evenly over the year and the week position of `t`
//! follows the calendar's first weekday. `E_t,R,S` is a quasi-Monte Carlo
//! quadrature: `N` starts at the midpoints of `N` equal slices of the year,
//! the repair and severity at their quantiles at the points of a
//! two-dimensional Kronecker sequence (the plastic number's, Roberts
//! 2018), each outage priced by the functions the simulation uses. Its
//! error estimate is the difference from the same rule on every other
//! point, `|Q_N − Q_N/2|` by line (those points sit off their wider
//! slices' midpoints, so the estimate is cautious: it is not 0 where the
//! finer rule is exact). SLA credits are a compound Poisson sum
//! per billing period, computed exactly ([`crate::CostModel::expected_annual`])
//! for the quadrature's `N` durations taken as an empirical distribution,
//! with the recursion's bound added to the estimate.

use std::sync::Arc;
use std::time::Duration;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::availability::Availability;
use crate::cost::{CostModel, DriverKind, LineItem};
use crate::decimal::{add, decimal_from_f64, div, mul, sub};
use crate::error::{Error, Result};
use crate::expected::{ExpectedOptions, money};
use crate::money::Currency;
use crate::process::{DurationDistribution, Frequency, OutageProcess, SeverityDistribution};
use crate::simulate::{SimulationOptions, driver_sums, simulate_support};
use crate::support::SupportOption;

/// The confidence of the simulated mean's interval each row reports.
pub const SUPPORT_INTERVAL_CONFIDENCE: f64 = 0.999;

/// How a [`SupportComparison`] computes: the quadrature's points, the
/// simulation and the SLA expectation.
///
/// # Example
///
/// ```
/// use downtime_cost::{SimulationOptions, SupportComparisonOptions};
/// let o = SupportComparisonOptions::new().with_nodes(1 << 12).with_simulation(SimulationOptions::new().with_trials(1_000));
/// assert_eq!(o.nodes(), Some(4_096));
/// assert_eq!(o.simulation().map(|s| s.trials()), Some(1_000));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SupportComparisonOptions {
    nodes: Option<usize>,
    simulation: Option<SimulationOptions>,
    expected: ExpectedOptions,
    targets: Vec<Availability>,
}

impl Default for SupportComparisonOptions {
    fn default() -> Self {
        SupportComparisonOptions {
            nodes: None,
            simulation: None,
            expected: ExpectedOptions::new(),
            targets: Vec::new(),
        }
    }
}

impl SupportComparisonOptions {
    /// The defaults: a quadrature start every 10 minutes of the year (52 560
    /// points in a 365-day year), no simulation, the SLA expectation's
    /// defaults.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The quadrature's points `N`, an even number from 64 to 100 000
    /// (checked when the comparison is computed), in place of one start
    /// every 10 minutes of the year. With 10-minute slices the midpoint rule
    /// is exact for a time to engage that changes slope on whole tens of
    /// minutes (cover from 09:00, detection in 10 minutes).
    #[must_use]
    pub fn with_nodes(mut self, nodes: usize) -> Self {
        self.nodes = Some(nodes);
        self
    }

    /// Simulates each option's bad year (P95, simulated mean and its
    /// interval); without it, only the exact figures are computed.
    #[must_use]
    pub fn with_simulation(mut self, simulation: SimulationOptions) -> Self {
        self.simulation = Some(simulation);
        self
    }

    /// The SLA expectation's options.
    #[must_use]
    pub fn with_expected(mut self, expected: ExpectedOptions) -> Self {
        self.expected = expected;
        self
    }

    /// Uptime targets at which each row states the incidents a year the
    /// target allows under the option ([`incidents_allowed`]): the target
    /// study under each support model.
    #[must_use]
    pub fn with_targets(mut self, targets: &[Availability]) -> Self {
        self.targets = targets.to_vec();
        self
    }

    /// The targets each row states its allowed incidents at.
    #[must_use]
    pub fn targets(&self) -> &[Availability] {
        &self.targets
    }

    /// The quadrature's points, if set (else one every 10 minutes).
    #[must_use]
    pub const fn nodes(&self) -> Option<usize> {
        self.nodes
    }

    /// The simulation's options, if the bad years are simulated.
    #[must_use]
    pub const fn simulation(&self) -> Option<&SimulationOptions> {
        self.simulation.as_ref()
    }

    /// The SLA expectation's options.
    #[must_use]
    pub const fn expected(&self) -> &ExpectedOptions {
        &self.expected
    }
}

/// One support option's figures (amounts in the model's currency a year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportRow {
    name: Arc<str>,
    /// The running cost (staff, on-call, provider fee).
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    running_cost: Decimal,
    /// The expected outage cost by line.
    items: Vec<LineItem>,
    /// The expected annual outage cost (the items' sum).
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    expected_outage_cost: Decimal,
    /// The quadrature's error estimate plus the SLA recursion's bound.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    error_estimate: Decimal,
    /// The expected service credits the provider pays us.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    credits_received: Decimal,
    /// `running_cost + expected_outage_cost − credits_received`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    total_cost: Decimal,
    /// The simulated annual outage cost's 95th percentile (before credits) (absent until simulated).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::decimal::option_wire")]
    p95_outage_cost: Option<Decimal>,
    /// The simulated mean annual outage cost (absent until simulated).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::decimal::option_wire")]
    simulated_mean: Option<Decimal>,
    /// The lower end of the simulated mean's 99.9 % confidence interval (absent until simulated).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::decimal::option_wire")]
    simulated_low: Option<Decimal>,
    /// The upper end of the simulated mean's 99.9 % confidence interval (absent until simulated).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::decimal::WireDecimal>"))]
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::decimal::option_wire")]
    simulated_high: Option<Decimal>,
    /// The availability reached at the incident rate, severity-weighted.
    availability: Availability,
    /// The mean time from an outage's start to engagement over the year, in seconds (exact).
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    mean_time_to_engage_seconds: Decimal,
    /// The mean outage duration in hours.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    mean_outage_hours: Decimal,
    /// The share of outages answered later than the provider's SLA, over the year.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    late_share: Decimal,
    /// At each target asked for, the incidents a year it allows under this option.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    incidents_allowed: Vec<AllowedIncidents>,
}

/// The incidents a year an uptime target allows under a support option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllowedIncidents {
    target: Availability,
    /// `(1 − A) · year / (E[D] · E[S])`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    incidents_per_year: Decimal,
}

impl AllowedIncidents {
    /// The target.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// The incidents a year the target allows.
    #[must_use]
    pub const fn incidents_per_year(&self) -> Decimal {
        self.incidents_per_year
    }
}

impl SupportRow {
    /// The option's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The yearly running cost.
    #[must_use]
    pub const fn running_cost(&self) -> Decimal {
        self.running_cost
    }

    /// The expected annual outage cost by line.
    #[must_use]
    pub fn items(&self) -> &[LineItem] {
        &self.items
    }

    /// The expected annual outage cost.
    #[must_use]
    pub const fn expected_outage_cost(&self) -> Decimal {
        self.expected_outage_cost
    }

    /// The expected outage cost's error estimate (quadrature estimate plus
    /// the SLA recursion's bound).
    #[must_use]
    pub const fn error_estimate(&self) -> Decimal {
        self.error_estimate
    }

    /// The expected service credits received a year.
    #[must_use]
    pub const fn credits_received(&self) -> Decimal {
        self.credits_received
    }

    /// The total cost of ownership a year.
    #[must_use]
    pub const fn total_cost(&self) -> Decimal {
        self.total_cost
    }

    /// The simulated 95th percentile of the annual outage cost, once simulated.
    #[must_use]
    pub const fn p95_outage_cost(&self) -> Option<Decimal> {
        self.p95_outage_cost
    }

    /// The simulated mean annual outage cost, once simulated.
    #[must_use]
    pub const fn simulated_mean(&self) -> Option<Decimal> {
        self.simulated_mean
    }

    /// The simulated mean's 99.9 % confidence interval, once simulated.
    #[must_use]
    pub fn simulated_interval(&self) -> Option<(Decimal, Decimal)> {
        self.simulated_low.zip(self.simulated_high)
    }

    /// The availability the option reaches at the incident rate.
    #[must_use]
    pub const fn availability(&self) -> Availability {
        self.availability
    }

    /// The mean time to engage, in seconds (exact).
    #[must_use]
    pub const fn mean_time_to_engage_seconds(&self) -> Decimal {
        self.mean_time_to_engage_seconds
    }

    /// The mean outage duration in hours.
    #[must_use]
    pub const fn mean_outage_hours(&self) -> Decimal {
        self.mean_outage_hours
    }

    /// The share of outages answered later than the SLA promises.
    #[must_use]
    pub const fn late_share(&self) -> Decimal {
        self.late_share
    }

    /// At each target of [`SupportComparisonOptions::with_targets`], the
    /// incidents a year it allows under this option.
    #[must_use]
    pub fn incidents_allowed(&self) -> &[AllowedIncidents] {
        &self.incidents_allowed
    }
}

/// Support options compared: for each, the expected annual outage cost
/// (by line, with its error estimate), the simulated bad year (P95), the
/// running cost, the service credits received, the total cost of ownership
/// and the availability reached; the cheapest option and what moving from
/// one option to another saves.
///
/// # Example
///
/// ```
/// use downtime_cost::*;
/// use rust_decimal::Decimal;
/// use std::time::Duration;
///
/// let min = |m: u64| Duration::from_secs(m * 60);
/// // 1 000 an hour of sales, around the clock; 6 outages a year, repaired in an hour.
/// let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
/// let repair = DurationDistribution::fixed(min(60));
/// let office = Coverage::new(CoverHours::business_hours(), min(10), min(15))?;
/// let always = Coverage::new(CoverHours::always(), min(10), min(15))?;
/// let options = [
///     SupportOption::new("business hours", office, repair.clone(), Decimal::from(0))?,
///     SupportOption::new("24x7", always, repair, Decimal::from(50_000))?,
/// ];
/// let fast = SupportComparisonOptions::new().with_simulation(SimulationOptions::new().with_trials(2_000));
/// let c = SupportComparison::new(&model, &Frequency::poisson(6.0)?, &SeverityDistribution::default(), &options, &fast)?;
/// // 24×7: every outage lasts 1 h 25 min, so 6 × 85/60 h × 1 000 = 8 500 a year.
/// assert!((c.rows()[1].expected_outage_cost() - Decimal::from(8_500)).abs() < Decimal::ONE);
/// // Business hours: a 365-day year from a Monday is 52 weeks and a Monday. The wait for cover
/// // integrates to Σg²/2 = (4 × 16² + 64²)/2 = 2 560 h² a week (nights, the weekend) and to
/// // 9²/2 + (16 + 9) × 7/2 = 128 h² on the extra Monday: a mean of 133 248/8 760 = 15.211 h, so
/// // an outage lasts 25 min + 15.211 h + 1 h = 16.628 h: 6 × 16.628 × 1 000 = 99 766 a year.
/// let office_cost = c.rows()[0].expected_outage_cost();
/// assert!((office_cost - Decimal::from(99_766)).abs() < Decimal::from(2), "{office_cost}");
/// assert_eq!(c.cheapest().map(SupportRow::name), Some("24x7"));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupportComparison {
    currency: Currency,
    /// Expected incidents a year.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    incidents_per_year: Decimal,
    /// Simulated years behind each row's P95 and interval (absent until simulated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    trials: Option<u64>,
    /// The simulation's seed (absent until simulated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    rows: Vec<SupportRow>,
}

impl SupportComparison {
    /// Compares `options` for outages that arrive as `frequency` says, of
    /// severity `severity`, priced by `model`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for no options or more than
    /// [`crate::limits::MAX_DESIGNS`] (field `options`), two with one name
    /// (field `options[i].name`), quadrature points outside 64 to 100 000 or odd
    /// (field `nodes`); the model's, the simulation's and the SLA
    /// expectation's errors; [`Error::Overflow`] for a figure beyond
    /// `Decimal`'s range.
    pub fn new(
        model: &CostModel,
        frequency: &Frequency,
        severity: &SeverityDistribution,
        options: &[SupportOption],
        settings: &SupportComparisonOptions,
    ) -> Result<Self> {
        crate::support::check_options(options)?;
        if let Some(n) = settings.nodes
            && (!(64..=crate::limits::MAX_EMPIRICAL_DURATIONS).contains(&n) || n % 2 != 0)
        {
            return Err(Error::invalid("nodes", n, "must be an even number from 64 to 100000"));
        }
        let rows = options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                row(model, frequency, severity, o, settings).map_err(|e| e.within(&format!("options[{i}]")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SupportComparison {
            currency: model.currency(),
            incidents_per_year: money(frequency.mean_per_year(), "incidents per year")?,
            trials: settings.simulation.map(|s| s.trials()),
            seed: settings.simulation.map(|s| s.seed()),
            rows,
        })
    }

    /// The currency of every amount.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Expected incidents a year.
    #[must_use]
    pub const fn incidents_per_year(&self) -> Decimal {
        self.incidents_per_year
    }

    /// Simulated years behind each row's P95 and interval.
    #[must_use]
    pub const fn trials(&self) -> Option<u64> {
        self.trials
    }

    /// The simulation's seed.
    #[must_use]
    pub const fn seed(&self) -> Option<u64> {
        self.seed
    }

    /// The same comparison with every amount rounded by `rounding` (shares
    /// and hours kept).
    #[must_use]
    pub fn rounded(&self, rounding: crate::money::Rounding) -> Self {
        let rows = self
            .rows
            .iter()
            .map(|r| SupportRow {
                running_cost: rounding.apply(r.running_cost),
                items: r.items.iter().map(|i| i.rounded(rounding)).collect(),
                expected_outage_cost: rounding.apply(r.expected_outage_cost),
                error_estimate: rounding.apply(r.error_estimate),
                credits_received: rounding.apply(r.credits_received),
                total_cost: rounding.apply(r.total_cost),
                p95_outage_cost: r.p95_outage_cost.map(|x| rounding.apply(x)),
                simulated_mean: r.simulated_mean.map(|x| rounding.apply(x)),
                simulated_low: r.simulated_low.map(|x| rounding.apply(x)),
                simulated_high: r.simulated_high.map(|x| rounding.apply(x)),
                mean_time_to_engage_seconds: r.mean_time_to_engage_seconds.round_dp(3),
                late_share: r.late_share.round_dp(12),
                ..r.clone()
            })
            .collect();
        SupportComparison { rows, ..self.clone() }
    }

    /// One row per option, in the order given.
    #[must_use]
    pub fn rows(&self) -> &[SupportRow] {
        &self.rows
    }

    /// The option with the lowest total cost of ownership (the first of
    /// equals).
    #[must_use]
    pub fn cheapest(&self) -> Option<&SupportRow> {
        self.rows.iter().min_by_key(|r| r.total_cost)
    }

    /// What moving from option `from` to option `to` saves a year:
    /// `TCO(from) − TCO(to)` (negative: it costs more).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `support`) for a name not compared.
    pub fn saving(&self, from: &str, to: &str) -> Result<Decimal> {
        let find = |name: &str| {
            self.rows
                .iter()
                .find(|r| &*r.name == name)
                .ok_or_else(|| Error::invalid("support", name, "must name a compared option"))
        };
        sub(find(from)?.total_cost, find(to)?.total_cost, "support saving")
    }
}

/// The additive recurrence of the plastic number ρ (ρ³ = ρ + 1): the
/// Kronecker sequence `frac(½ + k/ρ), frac(½ + k/ρ²)` covers the unit
/// square more evenly than any other additive one (Roberts 2018).
const PLASTIC: f64 = 1.324_717_957_244_746;

fn row(
    model: &CostModel,
    frequency: &Frequency,
    severity: &SeverityDistribution,
    option: &SupportOption,
    settings: &SupportComparisonOptions,
) -> Result<SupportRow> {
    let lambda = frequency.mean_per_year();
    let kernel = crate::cost::kernel::Kernel::compile(model)?.without_sla();
    let year = kernel.calendar.year;
    let offset = kernel.calendar.week_offset();
    // One start every 10 minutes unless set, rounded up to an even count.
    let n = if let Some(n) = settings.nodes {
        n
    } else {
        let slices = div(model.calendar().year_seconds(), Decimal::from(600), "nodes")?.ceil();
        let n = usize::try_from(slices.mantissa()).map_err(|_| Error::overflow("nodes"))?;
        n.saturating_add(n % 2)
    };
    let (ts, ds, ss) = nodes(option, severity, n, year, offset)?;
    let every_other = |v: &[f64]| v.iter().step_by(2).copied().collect::<Vec<_>>();
    #[expect(clippy::cast_precision_loss, reason = "at most 100 000 points")]
    let (full, half) = (n as f64, (n / 2) as f64);
    let all = driver_sums(&kernel, &ts, &ds, &ss)?;
    let evens = driver_sums(&kernel, &every_other(&ts), &every_other(&ds), &every_other(&ss))?;
    // The SLA lines: period by period, for the quadrature's durations.
    let sla = sla_lines(model, frequency, severity, &ds, settings)?;
    let sla_half = sla_lines(model, frequency, severity, &every_other(&ds), settings)?;
    let mut items = Vec::with_capacity(model.line_count());
    let mut total = Decimal::ZERO;
    let mut estimate = sla.bound;
    let mut priced = all.iter().zip(&evens);
    let mut slas = sla.items.iter().zip(&sla_half.items);
    let kinds = model
        .drivers()
        .iter()
        .map(crate::cost::Driver::kind)
        .chain(model.extensions().iter().map(|_| DriverKind::Extension));
    for (kind, name) in kinds.zip(model.line_names().iter()) {
        let (amount, other) = if kind == DriverKind::SlaCredits {
            let (a, b) = slas.next().ok_or(Error::overflow("support SLA lines"))?;
            (*a, *b)
        } else {
            let (a, b) = priced.next().ok_or(Error::overflow("support lines"))?;
            (
                money(lambda * a / full, "expected outage cost")?,
                money(lambda * b / half, "expected outage cost")?,
            )
        };
        estimate = add(estimate, sub(amount, other, "error estimate")?.abs(), "error estimate")?;
        total = add(total, amount, "expected outage cost")?;
        items.push(LineItem::new(kind, name.clone(), amount));
    }
    let simulated = match &settings.simulation {
        Some(sim) => {
            let losses = simulate_support(model, frequency, severity, option, sim)?;
            let (low, high) = losses.mean_interval(SUPPORT_INTERVAL_CONFIDENCE)?;
            Some((losses.quantile(0.95)?, losses.mean(), low, high))
        }
        None => None,
    };
    let credits = mul(
        money(lambda, "incidents")?,
        option.expected_credit_per_outage(model.calendar())?,
        "credits received",
    )?
    .round_dp(12);
    let running = option.running_cost();
    let total_cost = sub(add(running, total, "total cost")?, credits, "total cost")?;
    let mean_hours = option.mean_outage_hours(model.calendar())?;
    let year_hours = year / 3600.0;
    let down = lambda * mean_hours * severity.mean() / year_hours;
    let availability = Availability::from_fraction(
        decimal_from_f64(1.0 - down).map(|d| d.round_dp(12)).ok_or(Error::overflow("availability"))?,
    )
    .map_err(|_| Error::invalid("availability", 1.0 - down, "the option's outages exceed the year"))?;
    Ok(SupportRow {
        name: Arc::from(option.name()),
        running_cost: running,
        items,
        expected_outage_cost: total,
        error_estimate: estimate.round_dp(6),
        credits_received: credits,
        total_cost,
        p95_outage_cost: simulated.map(|s| s.0),
        simulated_mean: simulated.map(|s| s.1),
        simulated_low: simulated.map(|s| s.2),
        simulated_high: simulated.map(|s| s.3),
        availability,
        mean_time_to_engage_seconds: option.coverage().mean_time_to_engage_in(model.calendar())?,
        mean_outage_hours: money(mean_hours, "mean outage")?.round_dp(6),
        late_share: option.late_share_in(model.calendar())?,
        incidents_allowed: settings
            .targets
            .iter()
            .map(|t| {
                Ok(AllowedIncidents {
                    target: *t,
                    incidents_per_year: incidents_allowed(option, severity, *t, model.calendar())?
                        .round_dp(6),
                })
            })
            .collect::<Result<Vec<_>>>()?,
    })
}

/// The quadrature's `n` outages: starts at the midpoints of `n` slices of
/// the `year` (seconds), durations (seconds: the time to engage at the
/// start's place in the week, `offset` the year's start from a Monday, plus
/// the repair at a Kronecker point's quantile) and severities.
fn nodes(
    option: &SupportOption,
    severity: &SeverityDistribution,
    n: usize,
    year: f64,
    offset: f64,
) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let (a1, a2) = (1.0 / PLASTIC, 1.0 / (PLASTIC * PLASTIC));
    let mut ts = Vec::with_capacity(n);
    let mut ds = Vec::with_capacity(n);
    let mut ss = Vec::with_capacity(n);
    #[expect(clippy::cast_precision_loss, reason = "at most 100 000 points")]
    for k in 0..n {
        let kf = k as f64;
        let t = (kf + 0.5) / n as f64 * year;
        let u = (0.5 + kf * a1).fract();
        let v = (0.5 + kf * a2).fract();
        let repair = option.repair().quantile_hours(u) * 3600.0;
        ts.push(t);
        ds.push(option.coverage().time_to_engage_seconds(offset + t) + repair);
        ss.push(severity.quantile(v)?);
    }
    Ok((ts, ds, ss))
}

/// The expected SLA lines, in the model's order, and their bound.
struct SlaLines {
    items: Vec<Decimal>,
    bound: Decimal,
}

fn sla_lines(
    model: &CostModel,
    frequency: &Frequency,
    severity: &SeverityDistribution,
    durations: &[f64],
    settings: &SupportComparisonOptions,
) -> Result<SlaLines> {
    if !model.drivers().iter().any(|d| d.kind() == DriverKind::SlaCredits) {
        return Ok(SlaLines { items: Vec::new(), bound: Decimal::ZERO });
    }
    let durations = durations
        .iter()
        .map(|d| {
            Duration::try_from_secs_f64(*d)
                .map_err(|_| Error::invalid("repair", d, "must give finite durations"))
        })
        .collect::<Result<Vec<_>>>()?;
    let empirical = DurationDistribution::derived_empirical(durations)?;
    let process = OutageProcess::new(*frequency, empirical, severity.clone());
    let e = model.expected_annual(&process, &settings.expected)?;
    let items =
        e.items().iter().filter(|i| i.kind() == DriverKind::SlaCredits).map(LineItem::amount).collect();
    Ok(SlaLines { items, bound: e.sla_error_bound() })
}

/// The incidents a year `target` allows under `option` for outages of
/// severity `severity`, on `calendar`'s year:
/// `(1 − A) · year / (E[D] · E[S])`, `E[D]` the option's mean outage over
/// that year ([`SupportOption::mean_outage_hours`]).
///
/// # Errors
///
/// [`Error::Overflow`] when the mean downtime is 0 or a figure leaves
/// `Decimal`'s range.
pub fn incidents_allowed(
    option: &SupportOption,
    severity: &SeverityDistribution,
    target: Availability,
    calendar: &crate::calendar::Calendar,
) -> Result<Decimal> {
    const OP: &str = "incidents allowed";
    let year_hours = div(calendar.year_seconds(), Decimal::from(3_600), OP)?;
    let budget = mul(sub(Decimal::ONE, target.fraction(), OP)?, year_hours, OP)?;
    let per = money(option.mean_outage_hours(calendar)? * severity.mean(), OP)?;
    if per.is_zero() {
        return Err(Error::invalid(
            "repair",
            "a mean outage of 0",
            "must give outages a positive mean duration and severity to count incidents a target allows",
        ));
    }
    div(budget, per, OP)
}
