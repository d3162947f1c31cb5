//! The lognormal family: censored log-likelihood, exact score and observed
//! information, and the estimate (closed form, or Newton's method with
//! censoring).

use super::{DurationFamily, FitResult, NOT_PD, ParameterEstimate, Sample, finish, too_few};
use crate::numerics::{LN_SQRT_2PI, inverse_mills, ln_normal_sf, maximise, standard_errors_2};
use crate::process::DurationDistribution;

/// `ln L(μ, σ) = Σ_closed [−ln tᵢ − ln σ − ln √(2π) − zᵢ²/2] + Σ_open ln(1 − Φ(zⱼ))`,
/// `z = (ln x − μ)/σ`.
pub(super) fn lognormal_log_likelihood(s: &Sample, mu: f64, sigma: f64) -> f64 {
    let ln_sigma = sigma.ln();
    let closed: f64 = s
        .ln_closed
        .iter()
        .map(|y| {
            let z = (y - mu) / sigma;
            -y - ln_sigma - LN_SQRT_2PI - 0.5 * z * z
        })
        .sum();
    let open: f64 = s.ln_censored.iter().map(|y| ln_normal_sf((y - mu) / sigma)).sum();
    closed + open
}

/// The score `(∂ ln L/∂μ, ∂ ln L/∂σ)` and the observed information
/// `(−∂²/∂μ², −∂²/∂μ∂σ, −∂²/∂σ²)` of the lognormal at `(μ, σ)`, exact.
///
/// With `z = (ln x − μ)/σ`, each closed time contributes `(z, z² − 1)/σ` to
/// the score and `(1, 2z, 3z² − 1)/σ²` to the information; each open one,
/// through `ln(1 − Φ(z))` with `d/dz = −λ(z)` and `d²/dz² = −λ′(z)`
/// ([`inverse_mills`]), contributes `(λ, λz)/σ` and
/// `(λ′, λ′z + λ, λ′z² + 2λz)/σ²`.
fn lognormal_derivatives(s: &Sample, mu: f64, sigma: f64) -> ([f64; 2], (f64, f64, f64)) {
    let (mut g1, mut g2, mut i11, mut i12, mut i22) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for y in &s.ln_closed {
        let z = (y - mu) / sigma;
        g1 += z;
        g2 += z * z - 1.0;
        i11 += 1.0;
        i12 += 2.0 * z;
        i22 += 3.0 * z * z - 1.0;
    }
    for y in &s.ln_censored {
        let z = (y - mu) / sigma;
        let (lambda, excess) = inverse_mills(z);
        let slope = lambda * excess;
        g1 += lambda;
        g2 += lambda * z;
        i11 += slope;
        i12 += slope * z + lambda;
        i22 += slope * z * z + 2.0 * lambda * z;
    }
    let s2 = sigma * sigma;
    ([g1 / sigma, g2 / sigma], (i11 / s2, i12 / s2, i22 / s2))
}

pub(super) fn fit_lognormal(s: &Sample) -> FitResult {
    if s.closed.len() < 2 {
        return Err(too_few("two"));
    }
    let r = s.r();
    let mu0 = s.ln_closed.iter().sum::<f64>() / r;
    let var0 = s.ln_closed.iter().map(|y| (y - mu0) * (y - mu0)).sum::<f64>() / r;
    let spread = s.ln_closed.iter().fold(0.0_f64, |m, y| m.max((y - mu0).abs()));
    if var0.is_nan() || var0 <= 0.0 || spread <= 1e-12 * (1.0 + mu0.abs()) {
        return Err("all closed durations are equal: σ would be 0".to_owned());
    }
    // Working parameters (μ, θ = ln σ): the score is (g_μ, σ g_σ) and the
    // information (i_μμ, σ i_μσ, σ² i_σσ − σ g_σ).
    let f = |x: [f64; 2]| {
        let [mu, ln_sigma] = x;
        lognormal_log_likelihood(s, mu, ln_sigma.exp())
    };
    let derivatives = |x: [f64; 2]| {
        let [mu, ln_sigma] = x;
        let sigma = ln_sigma.exp();
        let ([g1, g2], (i11, i12, i22)) = lognormal_derivatives(s, mu, sigma);
        ([g1, sigma * g2], (i11, sigma * i12, sigma * sigma * i22 - sigma * g2))
    };
    let start = [mu0, 0.5 * var0.ln()];
    let x = if s.censored.is_empty() {
        start
    } else {
        maximise(&f, &derivatives, start)
            .ok_or_else(|| "the likelihood maximisation did not converge".to_owned())?
    };
    let [mu, ln_sigma] = x;
    let sigma = ln_sigma.exp();
    let (_, information) = lognormal_derivatives(s, mu, sigma);
    let [se_mu, se_sigma] = standard_errors_2(information).ok_or_else(|| NOT_PD.to_owned())?;
    finish(
        DurationFamily::Lognormal,
        s,
        f(x),
        vec![
            ParameterEstimate::new("mu", "ln h", mu, se_mu, false),
            ParameterEstimate::new("sigma", "ln h", sigma, se_sigma, true),
        ],
        DurationDistribution::lognormal(mu, sigma),
    )
}
