//! The exact expected annual cost of an outage process (docs/design.md §5).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::cost::{CostModel, Driver, DriverKind, LineItem, SlaCredits, SlaMeasure};
use crate::decimal::{add, decimal_from_f64, to_f64_lossy};
use crate::error::{Error, Result};
use crate::money::{Currency, Rounding};
use crate::note::Note;
use crate::process::duration_dist::Kind as DurationKind;
use crate::process::severity_dist::Kind as SeverityKind;
use crate::process::{
    DurationDistribution, GridCache, Moments, OutageProcess, PerOutage, PeriodCount, SeverityDistribution,
    cells_to, first_step, lattice_tail, tail_bounds,
};

/// The largest grid the SLA recursion may use (2²⁰ cells). Panjer's
/// recursion keeps nine `f64` a cell; the transform that replaces it from
/// 512 cells keeps two complex vectors of the next power of two above the
/// cells (up to 64 bytes a cell), the two cumulative sums (16) and, above
/// 2¹⁶ cells, its twiddle factors (up to 16): about 96 bytes a cell. At the recursion's O(m²), which a grid
/// still falls back to when the transform's bounds would widen the bracket
/// too much, this bounds the longest a single expectation may run.
pub const MAX_SLA_CELLS: usize = 1 << 20;

/// Options of the analytic expectation.
///
/// # Example
///
/// ```
/// use downtime_cost::ExpectedOptions;
/// let o = ExpectedOptions::new().with_sla_tolerance(1e-4);
/// assert_eq!(o.sla_tolerance(), 1e-4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpectedOptions {
    sla_tolerance: f64,
    max_cells: usize,
}

impl Default for ExpectedOptions {
    fn default() -> Self {
        ExpectedOptions { sla_tolerance: 1e-2, max_cells: 1 << 13 }
    }
}

impl ExpectedOptions {
    /// The defaults: SLA credits to within 1 % (relative error bound 1e-2),
    /// at most 8 192 grid cells.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The largest relative error allowed in the SLA line: the grids are
    /// refined until the bound on the year's line's error is at most
    /// `tolerance` × Σ over the year's billing periods of the larger of the
    /// period's line and 0.1 % of its fee (so `tolerance` × the line where
    /// every period's line is above that floor), or no grid within the cell
    /// limit can be refined; the bound reached is reported.
    #[must_use]
    pub fn with_sla_tolerance(mut self, tolerance: f64) -> Self {
        self.sla_tolerance = tolerance;
        self
    }

    /// The most grid cells for the SLA recursion, from 64 to
    /// [`MAX_SLA_CELLS`]; checked when an expectation is computed.
    #[must_use]
    pub fn with_max_cells(mut self, cells: usize) -> Self {
        self.max_cells = cells;
        self
    }

    /// Rejects options out of range: a tolerance that is not finite and
    /// above 0 (field `sla_tolerance`), a cell limit outside 64 to
    /// [`MAX_SLA_CELLS`] (field `max_cells`).
    pub(crate) fn check(&self) -> Result<()> {
        if !(self.sla_tolerance.is_finite() && self.sla_tolerance > 0.0) {
            return Err(Error::invalid("sla_tolerance", self.sla_tolerance, "must be finite and above 0"));
        }
        if !(64..=MAX_SLA_CELLS).contains(&self.max_cells) {
            return Err(Error::invalid("max_cells", self.max_cells, "must be between 64 and 1048576"));
        }
        Ok(())
    }

    /// The relative tolerance in force.
    #[must_use]
    pub fn sla_tolerance(&self) -> f64 {
        self.sla_tolerance
    }
}

/// The expected annual cost of an outage process, by driver.
///
/// # Formula
///
/// ```text
/// per-outage drivers:  E[N] × E[cost(D, S)]         (closed forms; start uniform over the year)
/// SLA credits:         Σ_periods p Σᵢ (cᵢ − cᵢ₋₁) × fee × P(T_p > uᵢ,p)
/// user drivers:        E[N] × E[cost(D, S)]         (their closed form, or quadrature)
/// ```
///
/// `T_p` is billing period p's total counted downtime (a compound sum over
/// the period's outages; a named year's real months each with their own
/// length), `uᵢ,p = (1 − belowᵢ) × length_p` the tier thresholds and `cᵢ`
/// the capped credits. When every outage counts the same downtime `x`,
/// `P(T_p > u) = P(N ≥ ⌊u/x⌋ + 1)` exactly; otherwise it comes from Panjer's
/// recursion on the per-outage downtime discretised up and down, which
/// brackets it; the midpoint is reported and `sla_error_bound` is the
/// largest possible error of the SLA line in money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExpectedAnnualCost {
    currency: Currency,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    expected_outages: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    weighted_downtime_hours: Decimal,
    items: Vec<LineItem>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    total: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    sla_error_bound: Decimal,
    /// Estimated error of user-defined drivers integrated numerically.
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    integration_error: Decimal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<Note>,
}

impl ExpectedAnnualCost {
    /// `E[N]`, outages a year.
    #[must_use]
    pub const fn expected_outages(&self) -> Decimal {
        self.expected_outages
    }

    /// `E[N] × E[D] × E[S]`, hours a year.
    #[must_use]
    pub const fn weighted_downtime_hours(&self) -> Decimal {
        self.weighted_downtime_hours
    }

    /// Expected annual cost by driver.
    #[must_use]
    pub fn items(&self) -> &[LineItem] {
        &self.items
    }

    /// `Σ items`.
    #[must_use]
    pub const fn total(&self) -> Decimal {
        self.total
    }

    /// The largest error of the SLA line (money a year) from the recursion's bounds.
    #[must_use]
    pub const fn sla_error_bound(&self) -> Decimal {
        self.sla_error_bound
    }

    /// The estimated error of the user-defined drivers' lines, integrated
    /// numerically (money a year; 0 without extensions or with closed forms).
    #[must_use]
    pub const fn integration_error(&self) -> Decimal {
        self.integration_error
    }

    /// The largest error of [`ExpectedAnnualCost::total`] from numerical
    /// methods: the SLA bound plus the extensions' integration estimate.
    #[must_use]
    pub fn error_bound(&self) -> Decimal {
        self.sla_error_bound.saturating_add(self.integration_error)
    }

    /// Notes on how items were computed.
    #[must_use]
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// A copy with every amount rounded by `rounding`; the total is the sum
    /// of the rounded items.
    #[must_use]
    pub fn rounded(&self, rounding: Rounding) -> Self {
        let items: Vec<LineItem> = self.items.iter().map(|i| i.rounded(rounding)).collect();
        let total = items.iter().fold(Decimal::ZERO, |a, i| a.saturating_add(i.amount()));
        ExpectedAnnualCost {
            items,
            total,
            expected_outages: self.expected_outages.round_dp(6),
            weighted_downtime_hours: self.weighted_downtime_hours.round_dp(6),
            sla_error_bound: rounding.apply(self.sla_error_bound),
            integration_error: rounding.apply(self.integration_error),
            ..self.clone()
        }
    }
}

/// `v` as `Decimal` money to 12 places.
pub(crate) fn money(v: f64, what: &'static str) -> Result<Decimal> {
    decimal_from_f64(v).map(|d| d.round_dp(12)).ok_or(Error::overflow(what))
}

impl CostModel {
    /// The expected annual cost of `process` under this model, by driver.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] when an expectation is not finite or beyond
    /// `Decimal`'s range.
    ///
    /// # Example
    ///
    /// ```
    /// use downtime_cost::*;
    /// use rust_decimal::Decimal;
    /// use std::time::Duration;
    ///
    /// // 1 000 an hour of sales; 4 outages a year, exponential with a mean of 90 minutes.
    /// let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
    /// let process = OutageProcess::new(
    ///     Frequency::poisson(4.0)?,
    ///     DurationDistribution::exponential(Duration::from_secs(5400))?,
    ///     SeverityDistribution::default(),
    /// );
    /// let e = model.expected_annual(&process, &ExpectedOptions::new())?;
    /// // 4 × 1.5 h × 1 000 = 6 000 a year.
    /// assert!((e.total() - Decimal::from(6_000)).abs() < Decimal::new(1, 6));
    /// # Ok::<(), downtime_cost::Error>(())
    /// ```
    pub fn expected_annual(
        &self,
        process: &OutageProcess,
        options: &ExpectedOptions,
    ) -> Result<ExpectedAnnualCost> {
        self.expected_annual_with(process, options, &mut StudyCache::default())
    }

    /// [`CostModel::expected_annual`] with the SLA recursion's grids and the
    /// other drivers' cost of one outage kept in `cache` (a study of several
    /// targets of this model passes the same one).
    pub(crate) fn expected_annual_with(
        &self,
        process: &OutageProcess,
        options: &ExpectedOptions,
        cache: &mut StudyCache,
    ) -> Result<ExpectedAnnualCost> {
        options.check()?;
        self.check_size()?;
        cache.refresh(process);
        let m = Moments::new(process.duration(), process.severity());
        let n = process.frequency().mean_per_year();
        let calendar = self.calendar();
        let mut items = Vec::with_capacity(self.line_count());
        let mut total = Decimal::ZERO;
        let mut sla_error = 0.0;
        let mut notes = Vec::new();
        for (index, d) in self.drivers().iter().enumerate() {
            // The expected cost of one outage depends on the durations and
            // severities only: computed once while they stay (every target
            // of a study under fewer incidents).
            let mut per_outage = |f: &dyn Fn() -> f64| {
                if cache.per_outage.len() <= index {
                    cache.per_outage.resize(index.saturating_add(1), None);
                }
                let kept = cache.per_outage.get_mut(index).map(|slot| *slot.get_or_insert_with(f));
                n * kept.unwrap_or_else(f)
            };
            let per_year = match d {
                Driver::LostSales(x) => per_outage(&|| x.expected(&m, calendar)),
                Driver::LostProductivity(x) => per_outage(&|| x.expected(&m, calendar)),
                Driver::Response(x) => per_outage(&|| x.expected(&m)),
                Driver::BrandImpact(x) => per_outage(&|| x.expected(&m)),
                Driver::Custom(x) => per_outage(&|| x.expected(&m)),
                Driver::SlaCredits(s) => {
                    let quadrature = cache.nodes(process.severity())?;
                    let shapes = match cache.shapes.entry(index) {
                        std::collections::hash_map::Entry::Occupied(kept) => kept.into_mut(),
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(period_shapes(s, self)?)
                        }
                    };
                    // (`refresh` above has matched the grids to this process.)
                    let grids = cache.grids.entry(index).or_default();
                    let x = sla_expected_on(s, process, shapes, options, &quadrature, grids);
                    sla_error += x.error;
                    if x.cells > 0 {
                        notes.push(panjer_note(s.name(), options));
                    }
                    if !x.converged {
                        notes.push(unconverged_note(s.name(), x.error, options));
                    }
                    if x.quadrature {
                        notes.push(Note::SlaSeverityQuadrature { line_item: s.name().to_owned() });
                    }
                    x.value
                }
            };
            let amount = money(per_year, "expected annual cost")?;
            total = add(total, amount, "expected annual cost")?;
            items.push(LineItem::new(d.kind(), Arc::from(d.name()), amount));
        }
        let mut integration_error = 0.0;
        let names = self.line_names().iter().skip(self.drivers().len());
        for (e, name) in self.extensions().iter().zip(names) {
            let x = crate::extension::expected_per_outage(e.as_ref(), process, calendar)?;
            let amount = money(n * x.value, "expected annual cost")?;
            integration_error += n * x.error;
            total = add(total, amount, "expected annual cost")?;
            items.push(LineItem::new(DriverKind::Extension, name.clone(), amount));
            notes.push(if x.closed_form {
                Note::ExtensionClosedForm { line_item: name.to_string() }
            } else {
                Note::ExtensionIntegrated {
                    line_item: name.to_string(),
                    error_estimate: money(n * x.error, "integration error")?.round_dp(6),
                }
            });
        }
        for w in process.duration().warnings() {
            notes.push(w);
        }
        Ok(ExpectedAnnualCost {
            currency: self.currency(),
            expected_outages: money(n, "expected outages")?,
            weighted_downtime_hours: money(process.expected_weighted_downtime_hours(), "downtime")?,
            items,
            total,
            sla_error_bound: money(sla_error, "SLA error bound")?,
            integration_error: money(integration_error, "integration error")?,
            notes,
        })
    }
}

/// The SLA recursion's discretised per-outage downtimes, and the other
/// drivers' expected cost of one outage, kept across the evaluations of one
/// model: under fewer incidents every target of a study has the same
/// durations and severities, so each grid's CDF is evaluated once for all
/// targets and only the recursion runs per target, and the cost of one
/// outage is computed once and scaled by each target's rate. Both belong to
/// one per-outage downtime; a process with other durations or severities
/// empties them. The SLA drivers' billing periods on the model's calendar
/// are kept for every process.
#[derive(Debug, Default)]
pub(crate) struct StudyCache {
    of: Option<(DurationDistribution, SeverityDistribution)>,
    /// Grids by the SLA driver's index among the model's drivers.
    grids: std::collections::HashMap<usize, GridCache>,
    /// The other drivers' expected cost of one outage, by the driver's
    /// index (`None` until computed, and for SLA drivers): like the grids,
    /// they depend on the per-outage durations and severities only.
    per_outage: Vec<Option<f64>>,
    /// The severity's quadrature nodes ([`severity_nodes`]), which every
    /// target of a study shares under either policy.
    nodes: Option<(SeverityDistribution, Vec<(f64, f64)>)>,
    /// Each SLA driver's billing periods ([`period_shapes`]), by the driver's
    /// index: they depend on the model only, and are kept whatever the process.
    shapes: std::collections::HashMap<usize, Vec<PeriodShape>>,
}

impl StudyCache {
    /// Empties the grids and the per-outage costs when `process` has other
    /// durations or severities than the ones they were computed for.
    fn refresh(&mut self, process: &OutageProcess) {
        let same = self.of.as_ref().is_some_and(|(d, s)| d == process.duration() && s == process.severity());
        if !same {
            self.grids.clear();
            self.per_outage.clear();
            self.of = Some((process.duration().clone(), process.severity().clone()));
        }
    }

    /// [`severity_nodes`] of `sev`, computed once while the severity stays.
    fn nodes(&mut self, sev: &SeverityDistribution) -> Result<Vec<(f64, f64)>> {
        if let Some((kept, nodes)) = &self.nodes
            && kept == sev
        {
            return Ok(nodes.clone());
        }
        let nodes = severity_nodes(sev)?;
        self.nodes = Some((sev.clone(), nodes.clone()));
        Ok(nodes)
    }
}

/// The severity's quadrature nodes `(severity, weight)` for the SLA
/// expectation: the one value of a fixed severity, the samples of an
/// empirical one, and 24-point Gauss–Legendre nodes in probability for a
/// beta (its quantiles at the nodes).
///
/// # Errors
///
/// A beta quantile that cannot be computed, under the field path `severity`.
pub(crate) fn severity_nodes(sev: &SeverityDistribution) -> Result<Vec<(f64, f64)>> {
    Ok(match sev.kind() {
        SeverityKind::Fixed(v) => vec![(*v, 1.0)],
        #[expect(clippy::cast_precision_loss, reason = "sample counts are small")]
        SeverityKind::Empirical(v) => v.iter().map(|x| (*x, 1.0 / v.len() as f64)).collect(),
        // The nodes lie inside (0, 1), where every quantile exists; an error is passed on.
        SeverityKind::Beta { .. } => crate::numerics::gauss_legendre_24()
            .iter()
            .map(|&(u, w)| sev.quantile(u).map(|q| (q, w)))
            .collect::<Result<_>>()
            .map_err(|e| e.within("severity"))?,
    })
}

/// The note that says an SLA line came from the bracketed recursion.
pub(crate) fn panjer_note(name: &str, options: &ExpectedOptions) -> Note {
    Note::SlaRecursion { line_item: name.to_owned(), max_cells: options.max_cells }
}

/// The CDF of a beta severity as a sum of powers on `[0, 1]`,
/// `F_S(s) = Σ_k c_k·s^k`: `s^α` for Beta(α, 1) (any `α > 0`), and for
/// whole-number shapes the polynomial `I_s(α, β) = Σ_{k=α..n} (−1)^{k−α}·C(n, k)·C(k − 1, α − 1)·s^k`,
/// `n = α + β − 1` (the binomial tail `Σ_{j≥α} C(n, j)·sʲ·(1 − s)^{n−j}` expanded).
#[derive(Debug, Clone, PartialEq)]
struct BetaPolynomial {
    /// `(k, c_k)` for the non-zero coefficients.
    terms: Vec<(f64, f64)>,
}

impl BetaPolynomial {
    /// The most `Σ |c_k|` kept: each term below carries a relative error of
    /// a few 1e-15, so the sum's absolute error stays below about 1e-12.
    const MAX_SIZE: f64 = 100.0;

    /// The powers of Beta(`alpha`, `beta`): `s^α` for `beta = 1`; otherwise
    /// `None` unless both are whole numbers with `n = α + β − 1 ≤ 60` and
    /// `Σ |c_k|` at most [`Self::MAX_SIZE`]. That is Beta(α, 2) up to α = 49
    /// (`(α + 1)s^α − α·s^{α+1}`), Beta(α, 3) up to α = 6, Beta(1, 4),
    /// Beta(2, 4), Beta(1, 5) and Beta(1, 6) (Beta(2, 2): `3s² − 2s³`, size 5;
    /// Beta(3, 3) and Beta(1, 5): 31; Beta(3, 4): 111, refused).
    fn new(alpha: f64, beta: f64) -> Option<Self> {
        // Exactly 1 (its only representation): the CDF is s^α.
        if beta.to_bits() == 1.0_f64.to_bits() && alpha > 0.0 && alpha.is_finite() {
            return Some(BetaPolynomial { terms: vec![(alpha, 1.0)] });
        }
        let whole = |v: f64| (1.0..=60.0).contains(&v).then_some(v).filter(|v| v.fract() == 0.0);
        let (a, b) = (whole(alpha)?, whole(beta)?);
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "whole numbers 1 to 60")]
        let (a, n) = (a as u32, (a + b - 1.0) as u32);
        if n > 60 {
            return None;
        }
        // C(n, j): exact in f64 while below 2⁵³; a larger one makes the size far
        // above the limit, where its rounding does not matter.
        let choose = |n: u32, j: u32| {
            (0..j).fold(1.0_f64, |c, i| c * f64::from(n.saturating_sub(i)) / f64::from(i.saturating_add(1)))
        };
        let terms: Vec<(f64, f64)> = (a..=n)
            .map(|k| {
                // α ≤ k: no subtraction saturates.
                let sign = if k.saturating_sub(a).is_multiple_of(2) { 1.0 } else { -1.0 };
                (f64::from(k), sign * choose(n, k) * choose(k.saturating_sub(1), a.saturating_sub(1)))
            })
            .collect();
        let size: f64 = terms.iter().map(|(_, c)| c.abs()).sum();
        (size <= Self::MAX_SIZE).then_some(BetaPolynomial { terms })
    }

    /// `P(S·D ≤ x)` for a lognormal duration `D` (`ln D ~ N(μ, σ²)`), `x > 0`:
    ///
    /// ```text
    /// F_X(x) = P(D ≤ x) + E[F_S(x/D); D > x] = Φ(z) + Σ_k c_k·E[(x/D)^k; D > x]
    /// E[(x/D)^k; D > x] = e^{kσ(z + kσ/2)}·(1 − Φ(z + kσ)),   z = (ln x − μ)/σ
    /// ```
    ///
    /// (`x/D = e^{−σ(Z − z)}` and `E[e^{−kσZ}; Z > z] = e^{k²σ²/2}·(1 − Φ(z + kσ))`).
    /// With `t = z + kσ ≥ 0` the term is `φ(z)·R(t)`, Mills' ratio `R`
    /// ([`crate::numerics::mills_ratio`], relative to itself: one `exp` a
    /// grid point for `φ(z)` and a table read a term); with `t < 0` the
    /// exponent `(t² − z²)/2` is negative and `1 − Φ(t)` is above ½, so
    /// [`crate::numerics::normal_cdf_table`]'s absolute error suffices.
    /// Each term is at most `P(D > x) ≤ 1`, with a relative error of a few
    /// 1e-15.
    fn lognormal_product_cdf(&self, x: f64, mu: f64, sigma: f64) -> f64 {
        // S·D > 0: nothing is at or below 0 (and ln 0 would make φ(z) NaN).
        if x <= 0.0 {
            return 0.0;
        }
        let z = (x.ln() - mu) / sigma;
        let density = crate::numerics::normal_pdf(z);
        let tail: f64 = self
            .terms
            .iter()
            .map(|&(k, c)| {
                let ks = k * sigma;
                let t = z + ks;
                let term = if t >= 0.0 {
                    density * crate::numerics::mills_ratio(t)
                } else {
                    crate::numerics::normal_cdf_table(-t) * (ks * (z + 0.5 * ks)).exp()
                };
                c * term
            })
            .sum();
        crate::numerics::normal_cdf_table(z) + tail
    }
}

/// Expected SLA line a year, its error bound, and the cells used: the sum
/// over the calendar's billing periods (a named year's real months, each
/// with its own length), periods of one length and placement computed once.
pub(crate) fn sla_expected(
    s: &SlaCredits,
    process: &OutageProcess,
    model: &CostModel,
    options: &ExpectedOptions,
    nodes: &[(f64, f64)],
    cache: &mut GridCache,
) -> Result<SlaExpectation> {
    options.check()?;
    Ok(sla_expected_on(s, process, &period_shapes(s, model)?, options, nodes, cache))
}

/// [`sla_expected`] on the billing periods `shapes` ([`period_shapes`]).
fn sla_expected_on(
    s: &SlaCredits,
    process: &OutageProcess,
    shapes: &[PeriodShape],
    options: &ExpectedOptions,
    nodes: &[(f64, f64)],
    cache: &mut GridCache,
) -> SlaExpectation {
    let groups: Vec<PeriodGroup<'_>> = shapes
        .iter()
        .map(|p| PeriodGroup {
            count: process.frequency().period_count(p.share),
            thresholds: &p.thresholds,
            steps: &p.steps,
            periods: p.periods,
        })
        .collect();
    sla_periods(s, process, &groups, nodes, options, cache)
}

/// The billing periods of one length and placement, as an SLA driver
/// assesses them on a model's calendar: their share of the year, the tier
/// thresholds (hours of counted downtime, ascending) and credit steps
/// (shares of the fee) of each, and how many of the year's periods they
/// are. They depend on the driver and the calendar only, so a study keeps
/// them for all its targets ([`StudyCache`]).
#[derive(Debug, Clone)]
struct PeriodShape {
    share: f64,
    thresholds: Vec<f64>,
    steps: Vec<f64>,
    periods: f64,
}

/// The distinct billing periods of `s` on `model`'s calendar (by length and
/// assessed length), with how many of the year's periods have each; those
/// with no tier threshold (no credit can be owed) are left out.
///
/// # Errors
///
/// The calendar's error for billing periods it cannot lay out.
fn period_shapes(s: &SlaCredits, model: &CostModel) -> Result<Vec<PeriodShape>> {
    let calendar = model.calendar();
    let year = calendar.year_seconds();
    let slots = calendar.billing_periods(s.period().period())?;
    // Distinct (length, assessed length) pairs with how many periods have each.
    let mut lengths: Vec<(Decimal, Decimal, f64)> = Vec::new();
    for slot in slots {
        match lengths.iter_mut().find(|(l, a, _)| *l == slot.length && *a == slot.assessed) {
            Some(g) => g.2 += 1.0,
            None => lengths.push((slot.length, slot.assessed, 1.0)),
        }
    }
    Ok(lengths
        .into_iter()
        .map(|(length, assessed, periods)| {
            let share = to_f64_lossy(length) / to_f64_lossy(year);
            let (thresholds, steps) = s.tier_steps(to_f64_lossy(assessed) / 3600.0);
            PeriodShape { share, thresholds, steps, periods }
        })
        .filter(|p| !p.thresholds.is_empty())
        .collect())
}

/// The billing periods of one length and placement under a process: the
/// count of outages in each, with the [`PeriodShape`]'s thresholds, steps
/// and number of periods.
struct PeriodGroup<'a> {
    count: PeriodCount,
    thresholds: &'a [f64],
    steps: &'a [f64],
    periods: f64,
}

/// The SLA line a year (`scale` × its share of the fee) where every outage
/// counts the same downtime `x` (a fixed duration at a fixed severity: the
/// typical outage): `T = N·x` on a lattice, exact from the count's CDF
/// ([`lattice_tail`]); 1e-12 relative covers the special functions' error.
/// `None` for any other process.
fn lattice_line(
    s: &SlaCredits,
    process: &OutageProcess,
    groups: &[PeriodGroup],
    scale: f64,
) -> Option<SlaExpectation> {
    let atoms = process.duration().atoms();
    let (Some([(d, _)]), SeverityKind::Fixed(sv)) = (atoms.as_deref(), process.severity().kind()) else {
        return None;
    };
    let x = match s.downtime_measure() {
        SlaMeasure::FullDuration { min_severity } => {
            if *sv >= min_severity.to_f64_lossy() && *sv > 0.0 {
                *d
            } else {
                0.0
            }
        }
        _ => d * sv,
    };
    let value: f64 = groups
        .iter()
        .map(|g| {
            let line: f64 =
                g.thresholds.iter().zip(g.steps).map(|(u, step)| step * lattice_tail(g.count, x, *u)).sum();
            g.periods * line
        })
        .sum();
    let value = scale * value;
    Some(SlaExpectation { value, error: value.abs() * 1e-12, cells: 0, converged: true, quadrature: false })
}

/// The expected signed credit a year of the billing periods `groups`, its
/// error bound, and the cells used; `nodes` are the severity's quadrature
/// nodes `(severity, weight)`.
fn sla_periods(
    s: &SlaCredits,
    process: &OutageProcess,
    groups: &[PeriodGroup],
    nodes: &[(f64, f64)],
    options: &ExpectedOptions,
    cache: &mut GridCache,
) -> SlaExpectation {
    if groups.is_empty() {
        return SlaExpectation { value: 0.0, error: 0.0, cells: 0, converged: true, quadrature: false };
    }
    let fee = to_f64_lossy(s.fee());
    let sign = if s.is_received() { -1.0 } else { 1.0 };
    if let Some(exact) = lattice_line(s, process, groups, sign * fee) {
        return exact;
    }
    let d = process.duration();
    let sev = process.severity();
    let measure = s.downtime_measure();
    // With a continuous severity and an atomic duration, integrate over the
    // duration's atoms instead: F_X(x) = Σ wᵢ·F_S(x / dᵢ), exact.
    let duration_atoms = match sev.kind() {
        SeverityKind::Beta { .. } => d.atoms(),
        _ => None,
    };
    // Beta(α, 1) or a small whole-number beta severity times a lognormal
    // duration: F_X in closed form ([`BetaPolynomial`]), in place of the
    // quadrature nodes.
    let closed = match (measure, d.kind(), sev.kind()) {
        (
            SlaMeasure::SeverityWeighted,
            DurationKind::LogNormal { mu, sigma },
            SeverityKind::Beta { alpha, beta },
        ) => BetaPolynomial::new(*alpha, *beta).map(|p| (p, *mu, *sigma)),
        _ => None,
    };
    // A lognormal duration: F_D(x / s) = Φ((ln x − ln s − μ)/σ), so each
    // severity node keeps ln s + μ and a grid point takes one logarithm
    // (`None` for a node at severity 0, which counts nothing); not built
    // where the closed form applies.
    let lognormal = match d.kind() {
        DurationKind::LogNormal { mu, sigma } if closed.is_none() => {
            let shifted: Vec<(Option<f64>, f64)> =
                nodes.iter().map(|(sv, w)| ((*sv > 0.0).then(|| sv.ln() + mu), *w)).collect();
            Some((shifted, *sigma))
        }
        _ => None,
    };
    let cdf = |x: f64, left: bool| -> f64 {
        if x < 0.0 || (left && x <= 0.0) {
            return 0.0;
        }
        if let Some((p, mu, sigma)) = &closed {
            return p.lognormal_product_cdf(x, *mu, *sigma);
        }
        let fd = |y: f64| if left { d.cdf_left_hours(y) } else { d.cdf_hours(y) };
        match measure {
            SlaMeasure::FullDuration { min_severity } => {
                let p = sev.prob_at_least(min_severity.to_f64_lossy());
                (1.0 - p) + p * fd(x)
            }
            _ => match (&duration_atoms, &lognormal) {
                (Some(atoms), _) => {
                    atoms.iter().map(|(dh, w)| if *dh <= 0.0 { *w } else { w * sev.cdf(x / dh) }).sum()
                }
                (None, Some((shifted, sigma))) => {
                    // ln 0 = −∞: Φ(−∞) = 0, as F_D(0) = 0. Φ to an absolute
                    // 4e-16 (a table and series): what a sum of CDF values
                    // can hold, at a tenth of the cost of the direct form.
                    let lx = x.ln();
                    shifted
                        .iter()
                        .map(|(c, w)| match c {
                            None => *w,
                            Some(c) => w * crate::numerics::normal_cdf_table((lx - c) / sigma),
                        })
                        .sum()
                }
                (None, None) => {
                    nodes.iter().map(|(sv, w)| if *sv <= 0.0 { *w } else { w * fd(x / sv) }).sum()
                }
            },
        }
    };
    // X has no atoms when D is continuous, every severity is positive and
    // the full-duration measure (which puts the mild outages at 0) is not used.
    let continuous = matches!(measure, SlaMeasure::SeverityWeighted)
        && match &duration_atoms {
            Some(atoms) => atoms.iter().all(|(dh, _)| *dh > 0.0),
            None => d.is_continuous() && nodes.iter().all(|(sv, _)| *sv > 0.0),
        };
    let up = |x: f64| cdf(x, false);
    let down = |x: f64| cdf(x, true);
    let x = PerOutage { cdf: &up, cdf_left: &down, continuous };
    let (value, error, cells, converged) = tiers_bracketed(groups, &x, options, cache);
    // A beta severity mixed over its nodes (not at a duration's atoms, where
    // its own CDF is used), where the measure counts it.
    let quadrature = closed.is_none()
        && duration_atoms.is_none()
        && matches!(measure, SlaMeasure::SeverityWeighted)
        && matches!(sev.kind(), SeverityKind::Beta { .. });
    SlaExpectation { value: sign * fee * value, error: fee * error, cells, converged, quadrature }
}

/// `Σ_g periods_g × Σᵢ stepᵢ × P(T_g > uᵢ)` over the billing periods
/// `groups` (in shares of the fee), the bound on its error, the most cells
/// used, and whether the tolerance was met within the cell limit, for each
/// group's thresholds `uᵢ` (hours) and credit steps `stepᵢ` (positive).
fn tiers_bracketed(
    groups: &[PeriodGroup],
    x: &PerOutage<'_>,
    options: &ExpectedOptions,
    cache: &mut GridCache,
) -> (f64, f64, usize, bool) {
    // Each threshold gets its own grid up to it (a small threshold needs fine
    // cells, a large one does not), of a step that is a power of two hours, so
    // that the grids of the tiers, periods and targets share their points
    // (the cache). The year's error budget is shared by every tier of every
    // period: the grids are refined until Σ periods × stepᵢ × (half the
    // bracket of P(T > uᵢ)) is at most the tolerance × the line, the sum of
    // periods × stepᵢ × (its middle), with a floor of the tolerance × 0.1 %
    // of the fee per period ([`ExpectedOptions::with_sla_tolerance`]). A tier
    // that is rarely reached, whose credit step is small, or whose periods
    // are few, is bounded on a coarse grid; the tiers that carry the line get
    // the fine ones.
    let mut tiers: Vec<Tier> = groups
        .iter()
        .enumerate()
        .flat_map(|(group, g)| {
            g.thresholds.iter().zip(g.steps).map(move |(&u, &step)| Tier {
                group,
                periods: g.periods,
                u,
                step,
                // A threshold too small for a normal step nearest u/32 (below about
                // 1e-306 hours) starts from the smallest normal step: its bracket still holds.
                exp: first_step(u).unwrap_or(-1022),
                computed: None,
                cells: 0,
                bounds: (0.0, 1.0),
                refinable: true,
            })
        })
        .collect();
    // The budget: the tolerance × the line, each period's share of it at
    // least 0.1 % of the fee.
    let allowance = |tiers: &[Tier]| {
        let floor: f64 = groups
            .iter()
            .enumerate()
            .map(|(group, g)| {
                let line: f64 = tiers.iter().filter(|t| t.group == group).map(|t| t.step * t.middle()).sum();
                g.periods * line.max(1e-3)
            })
            .sum();
        options.sla_tolerance * floor
    };
    loop {
        for tier in tiers.iter_mut().filter(|t| t.computed != Some(t.exp)) {
            let Some(count) = groups.get(tier.group).map(|g| g.count) else { continue };
            let t = tail_bounds(count, x, std::slice::from_ref(&tier.u), tier.exp, cache);
            tier.bounds = t.bounds.first().copied().unwrap_or((0.0, 1.0));
            // No grid: the figure is exact, or nothing is known and no grid would help.
            tier.refinable &= t.cells > 0;
            tier.cells = t.cells;
            tier.computed = Some(tier.exp);
        }
        let error: f64 = tiers.iter().map(Tier::predicted_error).sum();
        let budget = allowance(&tiers);
        if error <= budget || !refine(&mut tiers, options.max_cells, budget) {
            break;
        }
    }
    let (mut value, mut error, mut cells) = (0.0_f64, 0.0, 0);
    for tier in &tiers {
        value += tier.periods * tier.step * tier.middle();
        error += tier.periods * tier.step * tier.half();
        cells = cells.max(tier.cells);
    }
    // `value` is the line the budget was measured against.
    let converged = error <= allowance(&tiers);
    (value, error, cells, converged)
}

/// One tier threshold of the billing periods of one length (standing for
/// `periods` of the year's periods) while its grid is refined.
#[derive(Debug, Clone, Copy)]
struct Tier {
    /// The index of its periods' [`PeriodGroup`].
    group: usize,
    /// How many of the year's billing periods it stands for.
    periods: f64,
    /// The threshold `u` (hours of counted downtime).
    u: f64,
    /// The credit step at it (share of the fee).
    step: f64,
    /// Its grid's step is `2^exp` hours.
    exp: i32,
    /// The `exp` of the grid that gave `bounds` (`None` before the first).
    computed: Option<i32>,
    /// Cells of that grid (0 where no grid was used).
    cells: usize,
    /// `(lower, upper)` bounds on `P(T > u)`.
    bounds: (f64, f64),
    /// Whether a finer grid would narrow the bounds (not when they are
    /// exact, or when nothing can be known: see [`tail_bounds`]).
    refinable: bool,
}

impl Tier {
    fn middle(&self) -> f64 {
        f64::midpoint(self.bounds.0, self.bounds.1)
    }

    fn half(&self) -> f64 {
        (self.bounds.1 - self.bounds.0) / 2.0
    }

    /// `periods × step × half-width`, the half-width shrunk in proportion to
    /// the cell width where `exp` is finer than the grid that gave the bounds.
    fn predicted_error(&self) -> f64 {
        let shrink = match self.computed {
            Some(c) if self.exp < c => 2f64.powi(self.exp.saturating_sub(c)),
            _ => 1.0,
        };
        self.periods * self.step * self.half() * shrink
    }

    /// What halving the step would take off the predicted error (half of
    /// it) for each unit of the recursion's work on the new grid of `next`
    /// cells (squared): the recursion is O(m²), and a refined grid is
    /// computed afresh. (From 512 cells the transform takes over, faster
    /// than that: the rule then leans away from the largest grids.)
    fn worth_halving(predicted_error: f64, next: usize) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "cell counts are at most 2^21")]
        let cells = next as f64;
        predicted_error / 2.0 / (cells * cells)
    }

    /// The cells of the grid of half the step where it is allowed and could
    /// narrow the bounds: `None` where the tier is not refinable, or beyond
    /// `max_cells` or the grid limit, or for a step that is not a normal float.
    fn next_cells(&self, max_cells: usize) -> Option<usize> {
        if !self.refinable {
            return None;
        }
        self.exp.checked_sub(1).and_then(|e| cells_to(self.u, e)).filter(|c| *c <= max_cells)
    }
}

/// Chooses finer grids for `tiers`, whose errors exceed `budget`, and says
/// whether any grid changed. A bracket's width is about proportional to the
/// cell width (`T↑ − T↓ = N·h` for a continuous downtime), so halving a grid's
/// step (about doubling its cells) is predicted to halve its half-width. The
/// tiers that a finer grid can still help (refinable, and whose next grid
/// stays within `max_cells`) must bring their predicted
/// errors within what the others leave of the budget, or within the whole
/// budget on their own where the others alone exceed it (a tier at the cell
/// limit does not send every other tier to the limit too). The one whose
/// halving takes the most off the predicted error (`periods × step ×
/// half-width`) for the recursion's work on its next grid
/// ([`Tier::worth_halving`]) is refined, again and again, until they do or
/// none can be; the caller recomputes the tiers so changed and checks what
/// they give. Where the width shrinks as predicted, the grids end where
/// refining one step at a time would have, without computing the grids
/// between.
fn refine(tiers: &mut [Tier], max_cells: usize, budget: f64) -> bool {
    let mut changed = false;
    loop {
        // Recounted on every pass: a tier that reaches the limit joins the fixed ones.
        // Each tier's error and next grid once a pass; the best to halve is the last
        // of the largest worth, as `max_by` would choose.
        let (mut fixed, mut rest) = (0.0, 0.0);
        let mut best: Option<(usize, f64)> = None;
        for (i, t) in tiers.iter().enumerate() {
            let error = t.predicted_error();
            match t.next_cells(max_cells) {
                Some(next) => {
                    rest += error;
                    let worth = Tier::worth_halving(error, next);
                    if best.is_none_or(|(_, w)| worth.total_cmp(&w).is_ge()) {
                        best = Some((i, worth));
                    }
                }
                None => fixed += error,
            }
        }
        let target = if fixed <= budget { budget - fixed } else { budget };
        if rest <= target {
            break;
        }
        let Some(tier) = best.and_then(|(i, _)| tiers.get_mut(i)) else { break };
        tier.exp = tier.exp.saturating_sub(1);
        changed = true;
    }
    changed
}

/// The expected SLA line of a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SlaExpectation {
    /// Signed money a year.
    pub(crate) value: f64,
    /// Bound on its error (money a year).
    pub(crate) error: f64,
    /// Most grid cells used.
    pub(crate) cells: usize,
    /// Whether the year's tiers met its error budget (the tolerance × the
    /// line, with each period's floor) within the cell limit.
    pub(crate) converged: bool,
    /// Whether a beta severity was mixed over the quadrature rule (whose
    /// error is not in `error`) rather than in closed form.
    pub(crate) quadrature: bool,
}

/// The note for an SLA line whose bracket did not reach the tolerance.
pub(crate) fn unconverged_note(name: &str, bound: f64, options: &ExpectedOptions) -> Note {
    Note::SlaBracketIncomplete {
        line_item: name.to_owned(),
        bound: decimal_from_f64(bound).map_or(Decimal::MAX, |b| b.round_dp(2)),
        max_cells: options.max_cells,
        tolerance: decimal_from_f64(options.sla_tolerance).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tier at threshold 1 h on a grid of step 2⁻⁵ h: 32 cells.
    fn tier(step: f64, bounds: (f64, f64)) -> Tier {
        Tier {
            group: 0,
            periods: 1.0,
            u: 1.0,
            step,
            exp: -5,
            computed: Some(-5),
            cells: 32,
            bounds,
            refinable: true,
        }
    }

    /// The cells of a tier's next grid (1 h over its step).
    fn grid(t: Tier) -> usize {
        cells_to(t.u, t.exp).unwrap_or(0)
    }

    #[test]
    fn the_tier_whose_halving_buys_the_most_is_refined_first() {
        // Tiers A, B, C: steps 0.1, 0.15, 0.75 with brackets (0.90, 0.92), (0.30, 0.40), (0.005, 0.013):
        // errors step × half-width 0.001, 0.0075, 0.003 (0.0115 in all); the line
        // 0.1·0.91 + 0.15·0.35 + 0.75·0.009 = 0.15025, so a tolerance of 1 % allows 0.0015025.
        // Each halving of a step (a doubling of the cells) halves a tier's predicted error; the
        // tier refined next takes the most off it for the work on its next grid,
        // (error / 2) / cells², all three at threshold 1 h:
        //   B → 64 (0.0075/2/64² = 9.2e-7, the largest at equal cost; error 0.00375),
        //   C → 64 (0.003/2/64² = 3.7e-7 against A's 1.2e-7 and B's 0.00375/2/128² = 1.1e-7; 0.0015),
        //   A → 64 (1.2e-7; 0.0005), B → 128 (1.1e-7; 0.001875), C → 128 (4.6e-8; 0.00075),
        //   A → 128 (1.5e-8; 0.00025), B → 256 (1.4e-8; 0.0009375): 0.0019375 in all;
        //   C → 256 (5.7e-9 against A's 1.9e-9 and B's 1.8e-9; 0.000375): 0.0015625;
        //   A → 256 (1.9e-9; 0.000125): 0.000125 + 0.0009375 + 0.000375 = 0.0014375 ≤ 0.0015025.
        // Three grids of 256 cells (3 × 256² = 196 608 cells²) where refining the largest
        // error first ended on 64, 512 and 256 (331 776).
        let start = [tier(0.1, (0.90, 0.92)), tier(0.15, (0.30, 0.40)), tier(0.75, (0.005, 0.013))];
        let budget = 0.01 * 0.150_25;
        let predicted = |tiers: &[Tier]| tiers.iter().map(Tier::predicted_error).sum::<f64>();
        let mut tiers = start;
        assert!(refine(&mut tiers, 1 << 13, budget));
        assert_eq!(tiers.map(grid), [256, 256, 256]);
        assert!(predicted(&tiers) <= budget);
        // Limited to 128 cells: B → 64, C → 64, A → 64, B → 128 as above; B can go no further
        // and its 0.001875 alone exceeds the budget, so A and C must meet the whole budget on
        // their own: C → 128 (4.6e-8 against A's 1.5e-8; 0.00075), now at the limit too, and
        // A's 0.0005 alone is within the budget (0.0005 + 0.001875 + 0.00075 = 0.003125 in all).
        let mut tiers = start;
        assert!(refine(&mut tiers, 128, budget));
        assert_eq!(tiers.map(grid), [64, 128, 128]);
        assert!(predicted(&tiers) > budget);
        // Already within the budget, or nothing that a finer grid would change: no grid changes.
        let mut tiers = [tier(0.1, (0.5, 0.5001))];
        assert!(!refine(&mut tiers, 1 << 13, budget));
        let mut tiers = [Tier { refinable: false, ..tier(0.1, (0.0, 1.0)) }];
        assert!(!refine(&mut tiers, 1 << 13, budget));
        assert_eq!(grid(tiers[0]), 32);
        // A tier nothing can narrow, with an error of 0.1 × 0.5 = 0.05 against a budget of
        // 0.01 × (0.1·0.5 + 0.15·0.35) = 0.001025: the other meets the whole budget on its own,
        // 0.0075 → 0.00375 → 0.001875 → 0.0009375 at 256 cells, instead of going to the limit.
        let mut tiers = [Tier { refinable: false, ..tier(0.1, (0.0, 1.0)) }, tier(0.15, (0.30, 0.40))];
        assert!(refine(&mut tiers, 1 << 13, 0.01 * 0.1025));
        assert_eq!(tiers.map(grid), [32, 256]);
    }

    /// Two tiers alike but for the periods they stand for (seven 31-day months against one
    /// 28-day month): the same step 0.15 and bracket (0.30, 0.40), so errors 7 × 0.15 × 0.05 =
    /// 0.0525 and 0.0075, at the same work (32 cells, 64 next). A budget of 0.034 needs one
    /// halving, of the seven months' tier: 0.02625 + 0.0075 = 0.03375 ≤ 0.034, where halving
    /// the other would have left 0.0525 + 0.00375 = 0.05625.
    #[test]
    fn a_tier_standing_for_more_periods_is_refined_first() {
        let tiers = |periods: [f64; 2]| periods.map(|periods| Tier { periods, ..tier(0.15, (0.30, 0.40)) });
        let mut seven_first = tiers([7.0, 1.0]);
        assert!(refine(&mut seven_first, 1 << 13, 0.034));
        assert_eq!(seven_first.map(grid), [64, 32]);
        let mut seven_last = tiers([1.0, 7.0]);
        assert!(refine(&mut seven_last, 1 << 13, 0.034));
        assert_eq!(seven_last.map(grid), [32, 64]);
        // Equal tiers (0.0075 each, 0.015 against a budget of 0.012): one halving, of the
        // last of them, as `max_by` picks among equals (0.0075 + 0.00375 = 0.01125).
        let mut equal = tiers([1.0, 1.0]);
        assert!(refine(&mut equal, 1 << 13, 0.012));
        assert_eq!(equal.map(grid), [32, 64]);
    }

    #[test]
    fn a_beta_cdf_with_whole_number_shapes_is_its_polynomial() {
        // I_s(α, β) = Σ_{j=α..n} C(n, j)·sʲ·(1 − s)^{n−j}, n = α + β − 1:
        // Beta(4, 1): s⁴ (and Beta(2.5, 1): s^2.5); Beta(2, 2): 3s² − 2s³;
        // Beta(1, 5): 1 − (1 − s)⁵ = 5s − 10s² + 10s³ − 5s⁴ + s⁵.
        let terms = |a: f64, b: f64| BetaPolynomial::new(a, b).map(|p| p.terms);
        assert_eq!(terms(4.0, 1.0), Some(vec![(4.0, 1.0)]));
        assert_eq!(terms(2.5, 1.0), Some(vec![(2.5, 1.0)]));
        assert_eq!(terms(2.0, 2.0), Some(vec![(2.0, 3.0), (3.0, -2.0)]));
        assert_eq!(
            terms(1.0, 5.0),
            Some(vec![(1.0, 5.0), (2.0, -10.0), (3.0, 10.0), (4.0, -5.0), (5.0, 1.0)])
        );
        // Beta(49, 2): 50s⁴⁹ − 49s⁵⁰, size 99, the largest of its family.
        assert_eq!(terms(49.0, 2.0), Some(vec![(49.0, 50.0), (50.0, -49.0)]));
        // Other shapes that are not whole numbers, or a polynomial whose coefficients would
        // cancel (Beta(3, 4): 20s³ − 45s⁴ + 36s⁵ − 10s⁶, Σ|c_k| = 111 > 100; Beta(50, 2): 101),
        // keep the quadrature.
        assert_eq!(terms(2.5, 1.5), None);
        assert_eq!(terms(0.5, 0.5), None);
        assert_eq!(terms(3.0, 4.0), None);
        assert_eq!(terms(50.0, 2.0), None);
        // Each polynomial is the distribution function: it matches the crate's beta CDF.
        for (a, b) in [(4.0, 1.0), (2.5, 1.0), (2.0, 2.0), (1.0, 5.0), (3.0, 3.0), (1.0, 1.0), (6.0, 3.0)] {
            let Some(p) = BetaPolynomial::new(a, b) else { panic!("Beta({a}, {b})") };
            let sev = SeverityDistribution::beta(a, b).unwrap();
            for s in [0.01_f64, 0.2, 0.5, 0.77, 0.999] {
                let poly: f64 = p.terms.iter().map(|(k, c)| c * s.powf(*k)).sum();
                assert!((poly - sev.cdf(s)).abs() < 1e-14, "Beta({a}, {b}) at {s}: {poly} vs {}", sev.cdf(s));
            }
        }
    }

    /// `F_X(x)` for a severity `sev` times a lognormal duration (μ = `mu`, σ = `sigma`) by a
    /// quadrature over the duration: `Φ(z) + ∫_z^∞ F_S(e^{−σ(v − z)})·φ(v) dv`, composite
    /// Gauss–Legendre with 32 nodes on panels of `width` from `z` to 12 (past which φ is below
    /// 1e-31). Independent of both the closed form and the severity's nodes.
    fn over_the_duration(sev: &SeverityDistribution, mu: f64, sigma: f64, x: f64, width: f64) -> f64 {
        let z = (f64::ln(x) - mu) / sigma;
        let rule = crate::numerics::gauss_legendre(32);
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a few hundred")]
        let panels = ((12.0 - z).max(0.0) / width).ceil() as u32;
        let integral: f64 = (0..panels)
            .flat_map(|panel| rule.iter().map(move |&(u, w)| (z + (f64::from(panel) + u) * width, w * width)))
            .map(|(v, w)| w * sev.cdf((-sigma * (v - z)).exp()) * crate::numerics::normal_pdf(v))
            .sum();
        crate::numerics::normal_cdf(z) + integral
    }

    /// `F_X(x)` mixed over the severity's `nodes` (what `sla_periods` does without the
    /// closed form), for a lognormal duration with μ = 0.
    fn mixed(nodes: &[(f64, f64)], sigma: f64, x: f64) -> f64 {
        nodes.iter().map(|(s, w)| w * crate::numerics::normal_cdf((x.ln() - s.ln()) / sigma)).sum()
    }

    #[test]
    fn the_closed_form_is_the_integral_over_the_duration() {
        // F_X(x) = Φ(z) + Σ c_k·e^{kσ(z + kσ/2)}·(1 − Φ(z + kσ)), z = (ln x − μ)/σ. By hand
        // (mpmath, 30 digits): Beta(1, 1), μ = 0, σ = 1, x = 1: ½ + e^{½}·(1 − Φ(1))
        // = 0.761578291865123; Beta(2, 2), μ = ½, σ = 0.8, x = 2 (z = 0.241434…):
        // 0.853319723411836, which mpmath's quadrature of ∫ F_S(min(1, x/d)) dF_D(d) also gives.
        let b11 = BetaPolynomial::new(1.0, 1.0).unwrap();
        assert_eq!(b11.lognormal_product_cdf(0.0, 0.0, 1.0).to_bits(), 0.0_f64.to_bits());
        assert!((b11.lognormal_product_cdf(1.0, 0.0, 1.0) - 0.761_578_291_865_123).abs() < 4e-15);
        let b22 = BetaPolynomial::new(2.0, 2.0).unwrap();
        assert!((b22.lognormal_product_cdf(2.0, 0.5, 0.8) - 0.853_319_723_411_836).abs() < 4e-15);
        // Against a quadrature over the duration: F_X(x) = Φ(z) + ∫_z^∞ F_S(e^{−σ(v − z)})·φ(v) dv,
        // composite Gauss–Legendre (panels of a quarter, 32 nodes each, from z to 12, past which
        // φ is below 1e-31), from far below the median to far above it, where the terms'
        // exponents pass a hundred.
        for (a, b) in [(4.0, 1.0), (2.5, 1.0), (2.0, 2.0), (1.0, 5.0), (3.0, 3.0)] {
            let p = BetaPolynomial::new(a, b).unwrap();
            let sev = SeverityDistribution::beta(a, b).unwrap();
            for (mu, sigma) in [(0.0, 1.2), (1.0, 0.3), (-2.0, 2.5)] {
                for x in [1e-4, 0.01, 0.3, 1.0, 4.0, 50.0, 1e4] {
                    let want = over_the_duration(&sev, mu, sigma, x, 0.25);
                    let got = p.lognormal_product_cdf(x, mu, sigma);
                    assert!(
                        (got - want).abs() < 1e-13,
                        "Beta({a}, {b}), μ {mu}, σ {sigma}, x {x}: {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_quadrature_the_closed_form_replaces_is_off() {
        // Beta(4, 1) severity, lognormal duration μ = 0, σ = 1.2 (the benchmark's process): the
        // 24-point rule on the quantile function s = u^{1/4} puts no node near u = x⁴, where
        // Φ((ln x − ln s)/σ) turns at short downtimes; its mixture is off by up to 8.8e-5 (near
        // x = 0.127 h). For a uniform severity (Beta(1, 1)), by up to 8.9e-4 with σ = 0.5 and
        // 5.1e-3 with σ = 0.1: narrower durations resolve the severity's nodes more sharply. All
        // measured on 2 001 log-spaced x from 1e-3 to 1e3 h (the first two also against a rule of
        // 2 880 nodes).
        for (a, sigma, low, high) in
            [(4.0, 1.2, 8.0e-5, 9.5e-5), (1.0, 0.5, 8.0e-4, 9.5e-4), (1.0, 0.1, 5.0e-3, 5.3e-3)]
        {
            let sev = SeverityDistribution::beta(a, 1.0).unwrap();
            let nodes = severity_nodes(&sev).unwrap();
            let closed = BetaPolynomial::new(a, 1.0).unwrap();
            let worst = (0..=2000)
                .map(|i| {
                    let x = 10f64.powf(-3.0 + f64::from(i) * 0.003);
                    (mixed(&nodes, sigma, x) - closed.lognormal_product_cdf(x, 0.0, sigma)).abs()
                })
                .fold(0.0, f64::max);
            assert!(worst > low && worst < high, "Beta({a}, 1), σ {sigma}: {worst:e}");
        }
    }

    #[test]
    fn the_quadrature_that_remains_is_off() {
        // Beta(1.5, 2.5), outside the closed form, with a lognormal duration μ = 0, σ = 0.5: the
        // 24-point mixture against F_X(x) = Φ(z) + ∫_z^∞ F_S(e^{−0.5(v − z)})·φ(v) dv (composite
        // Gauss–Legendre, panels of a half, 32 nodes each, from z to 12) on 121 log-spaced x from
        // 1e-3 to 1e2 h: off by up to 6.2e-4 (near x = 0.004 h; scipy's quad gives the same).
        // This is the error the `SlaSeverityQuadrature` note speaks of.
        let sev = SeverityDistribution::beta(1.5, 2.5).unwrap();
        let nodes = severity_nodes(&sev).unwrap();
        let sigma = 0.5;
        let worst = (0..=120)
            .map(|i| {
                let x = 10f64.powf(-3.0 + f64::from(i) / 24.0);
                (mixed(&nodes, sigma, x) - over_the_duration(&sev, 0.0, sigma, x, 0.5)).abs()
            })
            .fold(0.0, f64::max);
        assert!(worst > 5.8e-4 && worst < 6.6e-4, "{worst:e}");
    }
}
