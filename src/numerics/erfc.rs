//! The complementary error function `erfc(x) = 1 − erf(x)`, after FreeBSD
//! msun's `s_erf.c` (Sun Microsystems, 1993), whose method and coefficients
//! it keeps; the one change is that the exponentials are the platform's
//! `exp` (`f64::exp`), which is several times faster than a portable
//! software `exp`. The normal CDF behind the SLA expectation evaluates it at
//! every grid point and severity node, millions of times a study.
//!
//! The original's notice, which its licence asks to be kept:
//!
//! ```text
//! Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//!
//! Developed at SunPro, a Sun Microsystems, Inc. business.
//! Permission to use, copy, modify, and distribute this
//! software is freely granted, provided that this notice
//! is preserved.
//! ```
//!
//! Method (x ≥ 0; `erfc(−x) = 2 − erfc(x)`):
//!
//! ```text
//! 0 ≤ x < 0.84375:     erfc(x) = 1 − (x + x·R(x²))            R = P/Q, |R − (erf(x) − x)/x| ≤ 2^−57.90
//!                             (= 0.5 − (x − 0.5 + x·R) from x = ¼)
//! 0.84375 ≤ x < 1.25:  erfc(x) = (1 − c) − P₁(s)/Q₁(s),      s = x − 1, c = 0.84506291151 (single), error ≤ 2^−59.06
//! 1.25 ≤ x < 1/0.35:   erfc(x) = e^{−x² − 0.5625 + R₁(z)/S₁(z)} / x,   z = 1/x², error ≤ 2^−62.57
//! 1/0.35 ≤ x < 28:     erfc(x) = e^{−x² − 0.5625 + R₂(z)/S₂(z)} / x,   error ≤ 2^−61.52
//! x ≥ 28:              erfc(x) underflows to 0
//! ```
//!
//! In the last two, `−x²` is split as `−s² + (s − x)(s + x)` with `s` the
//! high half of `x`, so that `s²` is exact and the exponential loses nothing
//! to the rounding of `x²`. Measured against mpmath (the tests): relative
//! error below 1e-15 wherever the result is a normal `f64`.

#![expect(
    clippy::unreadable_literal,
    clippy::excessive_precision,
    reason = "msun's coefficients, digit for digit"
)]

/// `erx = 0.84506291151` rounded to single precision.
const ERX: f64 = 8.45062911510467529297e-01;
// erf on [0, 0.84375].
const PP0: f64 = 1.28379167095512558561e-01;
const PP1: f64 = -3.25042107247001499370e-01;
const PP2: f64 = -2.84817495755985104766e-02;
const PP3: f64 = -5.77027029648944159157e-03;
const PP4: f64 = -2.37630166566501626084e-05;
const QQ1: f64 = 3.97917223959155352819e-01;
const QQ2: f64 = 6.50222499887672944485e-02;
const QQ3: f64 = 5.08130628187576562776e-03;
const QQ4: f64 = 1.32494738004321644526e-04;
const QQ5: f64 = -3.96022827877536812320e-06;
// erf on [0.84375, 1.25].
const PA0: f64 = -2.36211856075265944077e-03;
const PA1: f64 = 4.14856118683748331666e-01;
const PA2: f64 = -3.72207876035701323847e-01;
const PA3: f64 = 3.18346619901161753674e-01;
const PA4: f64 = -1.10894694282396677476e-01;
const PA5: f64 = 3.54783043256182359371e-02;
const PA6: f64 = -2.16637559486879084300e-03;
const QA1: f64 = 1.06420880400844228286e-01;
const QA2: f64 = 5.40397917702171048937e-01;
const QA3: f64 = 7.18286544141962662868e-02;
const QA4: f64 = 1.26171219808761642112e-01;
const QA5: f64 = 1.36370839120290507362e-02;
const QA6: f64 = 1.19844998467991074170e-02;
// erfc on [1.25, 1/0.35].
const RA0: f64 = -9.86494403484714822705e-03;
const RA1: f64 = -6.93858572707181764372e-01;
const RA2: f64 = -1.05586262253232909814e+01;
const RA3: f64 = -6.23753324503260060396e+01;
const RA4: f64 = -1.62396669462573470355e+02;
const RA5: f64 = -1.84605092906711035994e+02;
const RA6: f64 = -8.12874355063065934246e+01;
const RA7: f64 = -9.81432934416914548592e+00;
const SA1: f64 = 1.96512716674392571292e+01;
const SA2: f64 = 1.37657754143519042600e+02;
const SA3: f64 = 4.34565877475229228821e+02;
const SA4: f64 = 6.45387271733267880336e+02;
const SA5: f64 = 4.29008140027567833386e+02;
const SA6: f64 = 1.08635005541779435134e+02;
const SA7: f64 = 6.57024977031928170135e+00;
const SA8: f64 = -6.04244152148580987438e-02;
// erfc on [1/0.35, 28].
const RB0: f64 = -9.86494292470009928597e-03;
const RB1: f64 = -7.99283237680523006574e-01;
const RB2: f64 = -1.77579549177547519889e+01;
const RB3: f64 = -1.60636384855821916062e+02;
const RB4: f64 = -6.37566443368389627722e+02;
const RB5: f64 = -1.02509513161107724954e+03;
const RB6: f64 = -4.83519191608651397019e+02;
const SB1: f64 = 3.03380607434824582924e+01;
const SB2: f64 = 3.25792512996573918826e+02;
const SB3: f64 = 1.53672958608443695994e+03;
const SB4: f64 = 3.19985821950859553908e+03;
const SB5: f64 = 2.55305040643316442583e+03;
const SB6: f64 = 4.74528541206955367215e+02;
const SB7: f64 = -2.24409524465858183362e+01;

/// Where the second rational form of the tail takes over: msun's test of the
/// high word against `0x4006db6d`, just below `1/0.35`.
const TAIL_SPLIT: f64 = f64::from_bits(0x4006_db6d_0000_0000);

/// `2^−56`: below it `erfc(x) = 1 − x` to the last bit.
const SMALL: f64 = f64::from_bits(0x3c70_0000_0000_0000);

/// `erfc(|x|)` for `0.84375 ≤ |x| < 28`.
fn erfc_mid(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.25 {
        let s = x - 1.0;
        let p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
        let q = 1.0 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
        return 1.0 - ERX - p / q;
    }
    let s = 1.0 / (x * x);
    let (r, big_s) = if x < TAIL_SPLIT {
        (
            RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7)))))),
            1.0 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8))))))),
        )
    } else {
        (
            RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6))))),
            1.0 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7)))))),
        )
    };
    // The high 32 bits of x: z² is exact.
    let z = f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000);
    (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / big_s).exp() / x
}

/// `erfc(x)`; 2 at −∞, 0 at +∞ and from 28 (where it underflows), NaN
/// for NaN.
#[expect(clippy::many_single_char_names, reason = "msun's names")]
pub(crate) fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let a = x.abs();
    if a < 0.84375 {
        if a < SMALL {
            return 1.0 - x;
        }
        let z = x * x;
        let r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
        let s = 1.0 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
        let y = r / s;
        return if x < 0.25 { 1.0 - (x + x * y) } else { 0.5 - (x - 0.5 + x * y) };
    }
    if a < 28.0 {
        let tail = erfc_mid(x);
        return if x < 0.0 { 2.0 - tail } else { tail };
    }
    if x < 0.0 { 2.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::erfc;
    use crate::numerics::reference::{assert_rel, rows};

    /// mpmath values of erfc (see the file's header).
    const FIXTURE: &str = include_str!("fixtures/erfc.csv");

    #[test]
    fn erfc_matches_mpmath_on_every_branch() {
        let table = rows(FIXTURE, "erfc");
        assert!(table.len() >= 30, "the fixture covers every branch");
        for [x, want] in table {
            assert_rel(erfc(x), want, 1e-15);
        }
    }

    #[test]
    fn erfc_limits_and_symmetry() {
        assert!(erfc(f64::NAN).is_nan());
        assert!((erfc(f64::INFINITY) - 0.0).abs() <= 0.0);
        assert!((erfc(f64::NEG_INFINITY) - 2.0).abs() <= 0.0);
        assert!((erfc(0.0) - 1.0).abs() <= 0.0);
        assert!(erfc(30.0) <= 0.0 && erfc(-30.0) >= 2.0);
        // erfc(−x) = 2 − erfc(x), to the rounding of the subtraction.
        for k in 0..=600_i32 {
            let x = f64::from(k) * 0.01;
            assert!((erfc(-x) - (2.0 - erfc(x))).abs() <= 4.5e-16, "{x}");
        }
    }
}
