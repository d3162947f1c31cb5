//! Test support: the reference tables in `fixtures/` and the tolerance
//! assertions and probability grid the unit tests of the numerics share.
//!
//! A fixture is a CSV file: `#` comment lines (how the values were computed,
//! and what each table holds), then lines `table,arguments…,value`. Numbers
//! are parsed with `str::parse::<f64>`, which rounds correctly, so each gives
//! the same `f64` as the same literal in Rust source.

#![allow(clippy::float_cmp, reason = "exact values are compared where they are exact")]

/// The rows of `table` in the fixture `text` (`include_str!` of a file in
/// `fixtures/`), each of `N` numbers, in file order. Panics if there is none,
/// or if a row does not have `N` numbers.
#[track_caller]
pub(super) fn rows<const N: usize>(text: &str, table: &str) -> Vec<[f64; N]> {
    let rows: Vec<[f64; N]> = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.trim().split(',');
            (fields.next() == Some(table)).then(|| {
                let values: Vec<f64> = fields
                    .map(|v| v.parse().unwrap_or_else(|e| panic!("{table}: {v:?} is not a number: {e}")))
                    .collect();
                <[f64; N]>::try_from(values.as_slice())
                    .unwrap_or_else(|_| panic!("{table}: {line:?} does not hold {N} numbers"))
            })
        })
        .collect();
    assert!(!rows.is_empty(), "no table {table:?} in the fixture");
    rows
}

/// The one row of `table` in the fixture `text` (see [`rows`]).
#[track_caller]
pub(super) fn row<const N: usize>(text: &str, table: &str) -> [f64; N] {
    let rows = rows::<N>(text, table);
    assert_eq!(rows.len(), 1, "table {table:?} has {} rows, not one", rows.len());
    rows[0]
}

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
