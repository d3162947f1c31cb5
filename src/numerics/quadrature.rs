//! Quadrature rules: Gauss–Legendre nodes and weights on `[0, 1]` for the
//! expected costs, and (test-only) adaptive Gauss–Kronrod integration that
//! the tests check closed forms against.

#[cfg(test)]
mod adaptive;

#[cfg(test)]
pub(crate) use adaptive::{integrate, integrate_to_infinity};

/// The 24-point rule of [`gauss_legendre`], computed once per process: the
/// SLA expectation integrates over a beta severity with it for every
/// billing period of every target.
pub(crate) fn gauss_legendre_24() -> &'static [(f64, f64)] {
    static RULE: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    RULE.get_or_init(|| gauss_legendre(24))
}

/// Gauss–Legendre nodes and weights on [0, 1] (`n` points, exact for
/// polynomials of degree 2n − 1), by Newton's method on Pₙ.
pub(crate) fn gauss_legendre(n: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(n);
    #[expect(clippy::cast_precision_loss, reason = "n is small")]
    let nf = n as f64;
    for i in 1..=n {
        #[expect(clippy::cast_precision_loss, reason = "n is small")]
        let mut x = (std::f64::consts::PI * (i as f64 - 0.25) / (nf + 0.5)).cos();
        let mut dp = 1.0;
        for _ in 0..100 {
            // P_n(x) and P_n'(x) by the three-term recurrence.
            let (mut p0, mut p1) = (1.0, x);
            for k in 2..=n {
                #[expect(clippy::cast_precision_loss, reason = "n is small")]
                let kf = k as f64;
                let p2 = ((2.0 * kf - 1.0) * x * p1 - (kf - 1.0) * p0) / kf;
                p0 = p1;
                p1 = p2;
            }
            let pn = if n == 0 { 1.0 } else { p1 };
            dp = nf * (x * pn - p0) / (x * x - 1.0);
            let dx = pn / dp;
            x -= dx;
            if dx.abs() < 1e-15 {
                break;
            }
        }
        let w = 2.0 / ((1.0 - x * x) * dp * dp);
        out.push(((1.0 - x) / 2.0, w / 2.0));
    }
    out
}
