//! Test support: the tolerance assertions and probability grid the unit
//! tests of the numerics share.
//!
//! Reference values marked "mpmath" were computed with mpmath 1.3 at 50
//! significant digits (`loggamma`, `gammainc(.., regularized=True)`,
//! `ncdf`, `npdf`, `betainc(.., regularized=True)`, and bisection to 1e-100
//! for inverses) for the exact `f64` arguments written here, then rounded
//! to the nearest `f64`.

#![allow(clippy::float_cmp, reason = "exact values are compared where they are exact")]

/// Asserts `|actual − expected| ≤ tol·|expected|` (or both are equal).
#[track_caller]
pub(super) fn assert_rel(actual: f64, expected: f64, tol: f64) {
    if actual == expected {
        return;
    }
    let err = (actual - expected).abs() / expected.abs();
    assert!(err <= tol, "got {actual:e}, want {expected:e}: relative error {err:e} > {tol:e}");
}

/// Asserts `|actual − expected| ≤ tol`.
#[track_caller]
pub(super) fn assert_abs(actual: f64, expected: f64, tol: f64) {
    let err = (actual - expected).abs();
    assert!(err <= tol, "got {actual:e}, want {expected:e}: error {err:e} > {tol:e}");
}

/// Probabilities from 1e-300 to `1 − 1e-15`, both tails.
pub(super) const PROBS: [f64; 15] = [
    1e-300,
    1e-30,
    1e-12,
    1e-5,
    0.01,
    0.1,
    0.3,
    0.5,
    0.7,
    0.9,
    0.99,
    0.999_99,
    1.0 - 1e-9,
    1.0 - 1e-12,
    1.0 - 1e-15,
];
