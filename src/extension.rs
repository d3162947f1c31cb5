//! The expected cost of one outage under a user-defined [`CostDriver`]:
//! the driver's own closed form when it gives one, otherwise numerical
//! integration over the duration and severity distributions with an error
//! estimate.

use crate::calendar::Calendar;
use crate::cost::CostDriver;
use crate::decimal::{decimal_from_f64, to_f64_lossy};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::numerics::gauss_legendre;
use crate::outage::Outage;
use crate::process::OutageProcess;
use crate::process::duration_dist::from_hours;
use crate::process::severity_dist::Kind as SeverityKind;

/// `E[cost(D, S)]` for one outage, and the error estimate of the number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PerOutageExpectation {
    /// The expectation (money per outage).
    pub(crate) value: f64,
    /// An estimate of its numerical error (0 for a closed form or atoms).
    pub(crate) error: f64,
    /// Whether the driver supplied the closed form.
    pub(crate) closed_form: bool,
}

/// Panel edges in probability for a continuous distribution: fine near 0
/// and 1, where quantiles change fastest.
const EDGES: [f64; 23] = [
    0.0,
    1e-9,
    1e-6,
    1e-4,
    1e-3,
    1e-2,
    0.05,
    0.1,
    0.2,
    0.3,
    0.4,
    0.5,
    0.6,
    0.7,
    0.8,
    0.9,
    0.95,
    0.99,
    0.999,
    0.9999,
    0.999_999,
    0.999_999_999,
    1.0,
];

/// Nodes `(value, weight)` of a distribution on its quantile function:
/// composite Gauss–Legendre with `n` points on each panel of [`EDGES`].
fn panel_nodes(n: usize, quantile: &dyn Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let rule = gauss_legendre(n);
    let mut out = Vec::with_capacity(rule.len().saturating_mul(EDGES.len()));
    for pair in EDGES.windows(2) {
        if let [a, b] = pair {
            for (u, w) in &rule {
                out.push((quantile(a + (b - a) * u), w * (b - a)));
            }
        }
    }
    out
}

/// The expected cost of one outage of `process` under `driver`.
///
/// # Formula
///
/// ```text
/// closed form:  the driver's CostDriver::expected_cost
/// otherwise:    E[c(D, S)] = ∫₀¹ ∫₀¹ c(Q_D(u), Q_S(v)) du dv
/// ```
///
/// Atoms (fixed and empirical distributions) are summed exactly; a
/// continuous distribution is integrated on its quantile function by
/// composite Gauss–Legendre on 22 panels (fine near both ends), with 8 and
/// 16 points a panel (12 and 24 over a beta severity). The 16-point figure
/// is reported; the difference between the two rules is the error estimate.
///
/// # Errors
///
/// Whatever the driver reports; [`Error::Overflow`] when the expectation
/// is not finite (a cost that grows faster than the duration's tail
/// allows).
pub(crate) fn expected_per_outage(
    driver: &dyn CostDriver,
    process: &OutageProcess,
    calendar: &Calendar,
) -> Result<PerOutageExpectation> {
    if let Some(closed) = driver.expected_cost(process, calendar) {
        return Ok(PerOutageExpectation { value: to_f64_lossy(closed?), error: 0.0, closed_form: true });
    }
    let duration = process.duration();
    let durations = |n: usize| match duration.atoms() {
        Some(atoms) => atoms,
        None => panel_nodes(n, &|p| duration.quantile_hours(p)),
    };
    let severity = process.severity();
    let severities = |n: usize| -> Vec<(f64, f64)> {
        match severity.kind() {
            SeverityKind::Fixed(s) => vec![(*s, 1.0)],
            #[expect(clippy::cast_precision_loss, reason = "sample counts are small")]
            SeverityKind::Empirical(v) => v.iter().map(|s| (*s, 1.0 / v.len() as f64)).collect(),
            SeverityKind::Beta { .. } => gauss_legendre(n)
                .into_iter()
                .map(|(u, w)| (severity.quantile(u).unwrap_or(f64::NAN), w))
                .collect(),
        }
    };
    let integrate = |d: &[(f64, f64)], s: &[(f64, f64)]| -> Result<f64> {
        let mut total = 0.0;
        for (sv, ws) in s {
            let fraction = decimal_from_f64(*sv)
                .and_then(|x| Fraction::new(x.round_dp(15)).ok())
                .ok_or_else(|| Error::invalid("severity", sv, "must be a share between 0 and 1"))?;
            for (h, wd) in d {
                let outage = Outage::new(from_hours(*h)).with_severity(fraction);
                let c = to_f64_lossy(driver.cost(&outage, calendar)?);
                total += ws * wd * c;
            }
        }
        if total.is_finite() { Ok(total) } else { Err(Error::overflow("expected cost of an extension")) }
    };
    let high = integrate(&durations(16), &severities(24))?;
    let low = integrate(&durations(8), &severities(12))?;
    Ok(PerOutageExpectation { value: high, error: (high - low).abs(), closed_form: false })
}
