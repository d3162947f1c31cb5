//! `eˣ` by a table and a polynomial: the same bits on every platform with
//! IEEE double arithmetic (SSE2 on x86, not the x87 unit), and a loop body
//! the compiler can keep in registers.
//!
//! The Monte Carlo's lognormal durations are `exp(μ + σz)`, one an outage;
//! the platform's `exp` is a call (through the dynamic linker on Linux) and
//! may differ by platform in the last bit. This one is inlined and fixed.
//!
//! Method (P. T. P. Tang, "Table-driven implementation of the exponential
//! function in IEEE floating-point arithmetic", ACM TOMS 15, 1989, with 64
//! entries): `x = (64m + j)·ln2/64 + r` with `k = 64m + j` the nearest
//! integer to `64x/ln2` and `|r| ≤ ln2/128`, so
//! `eˣ = 2^m · 2^(j/64) · e^r`. The table holds `2^(j/64)` rounded to the
//! nearest double and its rest (from 200-bit `mpmath` values); `e^r − 1` is
//! its Taylor polynomial of degree 6 (truncation below `4e-20` relative);
//! `ln2/64` is split in two so that `k` times the leading part, and `x`
//! less that product, are exact (the trailing part's product is rounded).
//! The power `2^m` is applied as two factors, the first exact, so a result
//! near overflow is one rounding of the product; a subnormal result is
//! rounded twice (the factor `2^(j/64)·e^r`, then the product).
//!
//! Accuracy, measured once against 120-bit `mpmath` values at 20 000
//! arguments over `[−745, 710]` (half of them in `[−20, 20]`, where the
//! durations fall; not part of the tests): at most 0.505 units in the last
//! place for normal results (glibc's `exp`: 0.503; 0.507 at
//! `x = 357.389…`, found since); up to about 0.75 for subnormal results,
//! from the double rounding. Against glibc's `exp`, 0.2 % of the 2 × 10⁶ arguments of the
//! test `matches_the_platform_exp` differ, each by one unit; the test
//! `correctly_rounded_at_mpmath_points` checks eleven arguments to the bit.
//! `exp(0) = 1`, `+∞ → +∞`, `−∞ → 0`, NaN → NaN; above about 709.78 the
//! result is `+∞`, below about −745.13 it is 0.

/// `2^(j/64)` for `j = 0..64`, as bit patterns of the nearest doubles.
const TABLE: [u64; 64] = [
    0x3ff0_0000_0000_0000,
    0x3ff0_2c9a_3e77_8061,
    0x3ff0_59b0_d315_8574,
    0x3ff0_8745_1875_9bc8,
    0x3ff0_b558_6cf9_890f,
    0x3ff0_e3ec_32d3_d1a2,
    0x3ff1_1301_d012_5b51,
    0x3ff1_429a_aea9_2de0,
    0x3ff1_72b8_3c7d_517b,
    0x3ff1_a35b_eb6f_cb75,
    0x3ff1_d487_3168_b9aa,
    0x3ff2_063b_8862_8cd6,
    0x3ff2_387a_6e75_6238,
    0x3ff2_6b45_65e2_7cdd,
    0x3ff2_9e9d_f51f_dee1,
    0x3ff2_d285_a6e4_030b,
    0x3ff3_06fe_0a31_b715,
    0x3ff3_3c08_b264_16ff,
    0x3ff3_71a7_373a_a9cb,
    0x3ff3_a7db_34e5_9ff7,
    0x3ff3_dea6_4c12_3422,
    0x3ff4_160a_21f7_2e2a,
    0x3ff4_4e08_6061_892d,
    0x3ff4_86a2_b5c1_3cd0,
    0x3ff4_bfda_d536_2a27,
    0x3ff4_f9b2_769d_2ca7,
    0x3ff5_342b_569d_4f82,
    0x3ff5_6f47_36b5_27da,
    0x3ff5_ab07_dd48_5429,
    0x3ff5_e76f_15ad_2148,
    0x3ff6_247e_b03a_5585,
    0x3ff6_6238_8255_2225,
    0x3ff6_a09e_667f_3bcd,
    0x3ff6_dfb2_3c65_1a2f,
    0x3ff7_1f75_e8ec_5f74,
    0x3ff7_5feb_5642_67c9,
    0x3ff7_a114_73eb_0187,
    0x3ff7_e2f3_36cf_4e62,
    0x3ff8_2589_994c_ce13,
    0x3ff8_68d9_9b44_92ed,
    0x3ff8_ace5_422a_a0db,
    0x3ff8_f1ae_9915_7736,
    0x3ff9_3737_b0cd_c5e5,
    0x3ff9_7d82_9fde_4e50,
    0x3ff9_c491_82a3_f090,
    0x3ffa_0c66_7b5d_e565,
    0x3ffa_5503_b23e_255d,
    0x3ffa_9e6b_5579_fdbf,
    0x3ffa_e89f_995a_d3ad,
    0x3ffb_33a2_b84f_15fb,
    0x3ffb_7f76_f2fb_5e47,
    0x3ffb_cc1e_904b_c1d2,
    0x3ffc_199b_dd85_529c,
    0x3ffc_67f1_2e57_d14b,
    0x3ffc_b720_dcef_9069,
    0x3ffd_072d_4a07_897c,
    0x3ffd_5818_dcfb_a487,
    0x3ffd_a9e6_03db_3285,
    0x3ffd_fc97_337b_9b5f,
    0x3ffe_502e_e78b_3ff6,
    0x3ffe_a4af_a2a4_90da,
    0x3ffe_fa1b_ee61_5a27,
    0x3fff_5076_5b6e_4540,
    0x3fff_a7c1_819e_90d8,
];

/// `2^(j/64) − TABLE[j]`, the rest of each entry, as bit patterns of the
/// nearest doubles (so each entry is known to about 2⁻¹⁰⁶ relative).
const TABLE_REST: [u64; 64] = [
    0x0000_0000_0000_0000,
    0xbc71_9083_535b_085d,
    0x3c8d_73e2_a475_b465,
    0x3c61_86be_4bb2_84ff,
    0x3c98_a62e_4adc_610b,
    0x3c40_3a17_27c5_7b53,
    0xbc96_c510_3944_9b3a,
    0xbc93_2fbf_9af1_369e,
    0xbc81_9041_b9d7_8a76,
    0x3c8e_5b4c_7b49_68e4,
    0x3c9e_016e_00a2_643c,
    0x3c8d_c775_814a_8495,
    0x3c99_b07e_b6c7_0573,
    0x3c82_bd33_9940_e9d9,
    0x3c86_12e8_afad_1255,
    0x3c90_0247_54db_41d5,
    0x3c86_f46a_d231_82e4,
    0x3c93_2721_8436_59a6,
    0xbc96_3aea_bf42_eae2,
    0xbc75_e436_d661_f5e3,
    0x3c8a_da09_11f0_9ebc,
    0xbc5e_f369_1c30_9278,
    0x3c48_9b7a_04ef_80d0,
    0x3c73_c1a3_b690_62f0,
    0x3c7d_4397_afec_42e2,
    0xbc94_b309_d259_57e3,
    0xbc80_7abe_1db1_3cad,
    0x3c99_bb2c_011d_93ad,
    0x3c96_324c_0546_47ad,
    0x3c9b_a6f9_3080_e65e,
    0xbc93_83c1_7e40_b497,
    0xbc9b_b609_8759_1c34,
    0xbc9b_dd34_13b2_6456,
    0xbc6b_be3a_683c_88ab,
    0xbc81_6e47_8688_7a99,
    0xbc90_2459_5731_6dd3,
    0xbc84_1577_ee04_992f,
    0x3c70_5d02_ba15_797e,
    0xbc9d_4c1d_d415_32d8,
    0xbc9f_c6f8_9bd4_f6ba,
    0x3c96_e9f1_5686_4b27,
    0x3c85_cc13_a2e3_976c,
    0xbc67_5fc7_81b5_7ebc,
    0xbc9d_185b_7c1b_85d1,
    0x3c7c_7c46_b071_f2be,
    0xbc93_5949_5d1c_d533,
    0xbc9d_2f6e_db8d_41e1,
    0x3c90_fac9_0ef7_fd31,
    0x3c97_a1cd_345d_cc81,
    0xbc62_805e_3084_d708,
    0xbc75_584f_7e54_ac3b,
    0x3c82_3dd0_7a2d_9e84,
    0x3c81_1065_8950_48dd,
    0x3c92_884d_ff48_3cad,
    0x3c75_03cb_d1e9_49db,
    0xbc9c_bc37_4379_7a9c,
    0x3c82_ed02_d75b_3707,
    0x3c9c_2300_696d_b532,
    0xbc91_a5cd_4f18_4b5c,
    0x3c83_9e89_80a9_cc8f,
    0xbc9e_9c23_179c_2893,
    0x3c9d_c7f4_86a4_b6b0,
    0x3c99_d3e1_2dd8_a18b,
    0x3c87_4853_f3a5_931e,
];

/// `64 / ln 2`.
const SCALE: f64 = 92.332_482_616_893_66;
/// The leading part of `ln2/64`: fdlibm's `ln2_hi` (32 significant bits)
/// over 64, so `k × LN2_64_HI` is exact for `|k| < 2²¹`.
const LN2_64_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000) / 64.0;
/// The rest, `ln2/64 − LN2_64_HI`.
const LN2_64_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76) / 64.0;
/// `1.5 × 2⁵²`: adding it rounds to the nearest integer, which it leaves in
/// the low bits of the sum.
const ROUND: f64 = 6_755_399_441_055_744.0;
/// Beyond `±1 400` the result is `+∞` or 0 already; the clamp keeps the
/// exponents below in range.
const LIMIT: f64 = 1_400.0;

/// `eˣ` (see the module's documentation for the method and its accuracy).
#[inline]
#[expect(
    clippy::cast_sign_loss,
    reason = "the entry is k's low six bits; the exponent fields are within 13..2033 by the clamp"
)]
pub(crate) fn exp(x: f64) -> f64 {
    let x = x.clamp(-LIMIT, LIMIT);
    let shifted = x * SCALE + ROUND;
    let nearest = shifted - ROUND;
    // k, from the sum's low bits (two's complement through the wrapping subtraction).
    let k = shifted.to_bits().wrapping_sub(ROUND.to_bits()).cast_signed();
    let reduced = (x - nearest * LN2_64_HI) - nearest * LN2_64_LO;
    let poly = reduced
        * (1.0
            + reduced
                * (0.5
                    + reduced
                        * (1.0 / 6.0
                            + reduced * (1.0 / 24.0 + reduced * (1.0 / 120.0 + reduced * (1.0 / 720.0))))));
    let entry = (k & 63) as usize;
    let lead = f64::from_bits(TABLE.get(entry).copied().unwrap_or(0x3ff0_0000_0000_0000));
    let rest = f64::from_bits(TABLE_REST.get(entry).copied().unwrap_or(0));
    // 2^(j/64)·e^r = lead + (rest + lead·(e^r − 1)), to second order in the small terms.
    // 2^(j/64)·e^r, in about [1, 2].
    let factor = lead + (rest + lead * poly);
    let power = k >> 6;
    let half = power >> 1;
    let first = f64::from_bits((half.wrapping_add(1023) as u64) << 52);
    let second = f64::from_bits((power.wrapping_sub(half).wrapping_add(1023) as u64) << 52);
    factor * first * second
}

#[cfg(test)]
mod tests {
    use super::{TABLE, exp};

    /// Units in the last place between two doubles of one sign.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn matches_the_platform_exp() {
        // 2 × 10⁶ arguments over [−745, 710], evenly spread with a splitmix64 jitter, and the
        // middle range, where the durations fall, 40 times as densely.
        let mut z = 0x9E37_79B9_7F4A_7C15_u64;
        let (mut worst, mut differ) = (0, 0u32);
        for i in 0..2_000_000u32 {
            z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
            #[allow(clippy::cast_precision_loss, reason = "a uniform in [0, 1)")]
            let u = (z >> 11) as f64 * 2f64.powi(-53);
            let x = if i % 2 == 0 { -745.0 + 1455.0 * u } else { -20.0 + 40.0 * u };
            let (ours, platform) = (exp(x), x.exp());
            worst = worst.max(ulps(ours, platform));
            assert!(ulps(ours, platform) <= 1, "exp({x:e}) = {ours:e}, the platform's {platform:e}");
            differ += u32::from(ours.to_bits() != platform.to_bits());
        }
        // The one-unit differences are rare (0.2 % against glibc when measured; the bound of
        // 1 % leaves room for another platform's exp).
        assert!(worst <= 1);
        assert!(differ < 20_000, "{differ} of 2 000 000 differ");
    }

    #[test]
    fn correctly_rounded_at_mpmath_points() {
        // e^x to 200 bits by mpmath, rounded to the nearest double: (x, its bits).
        let points = [
            (1.0, 0x4005_bf0a_8b14_5769_u64), // 2.7182818284590452354
            (-1.0, 0x3fd7_8b56_362c_ef38),    // 0.3678794411714423216
            (0.1, 0x3ff1_aec7_b35a_00d4),     // 1.1051709180756476309
            (10.0, 0x40d5_829d_cf95_0560),    // 22026.465794806716517
            (-10.0, 0x3f07_cd79_b564_7c9b),   // 4.5399929762484851536e-5
            (3.7, 0x4044_3941_44ee_ec81),     // 40.447304360067397714
            (700.0, 0x7f0d_945d_f4f8_ec8e),   // 1.0142320547350045095e304
            (-700.0, 0x00d1_4f2b_0fb9_307f),  // 9.8596765437597708567e-305
            (-740.0, 0x0000_0000_0000_0055),  // 4.1887398800480489395e-322 (subnormal)
            (1e-10, 0x3ff0_0000_0006_df38),   // 1.0000000001
            (2.5e-5, 0x3ff0_001a_36f8_64b7),  // 1.0000250003125026042
        ];
        for (x, bits) in points {
            assert_eq!(exp(x).to_bits(), bits, "exp({x})");
        }
    }

    #[test]
    fn exact_points_limits_and_specials() {
        assert_eq!(exp(0.0).to_bits(), 1.0f64.to_bits());
        assert_eq!(exp(-0.0).to_bits(), 1.0f64.to_bits());
        // ln 2 · j/64 lands on the table: e^(ln 2) = 2 to the unit, e^(32 ln2 / 64) = √2.
        assert!(ulps(exp(std::f64::consts::LN_2), 2.0) <= 1);
        assert!(ulps(exp(std::f64::consts::LN_2 / 2.0), std::f64::consts::SQRT_2) <= 1);
        // Largest finite: e^709.782712893384 ≈ 1.7976931348622e308; the next up overflows.
        assert!(exp(709.782_712_893_384).is_finite());
        assert_eq!(exp(709.79).to_bits(), f64::INFINITY.to_bits());
        assert_eq!(exp(1e300).to_bits(), f64::INFINITY.to_bits());
        assert_eq!(exp(f64::INFINITY).to_bits(), f64::INFINITY.to_bits());
        // Subnormal results: e^−740 ≈ 4.2e-322, within a unit of the platform's; then 0.
        assert!(ulps(exp(-740.0), (-740.0f64).exp()) <= 1);
        assert!(exp(-740.0) > 0.0 && !exp(-740.0).is_normal());
        assert_eq!(exp(-745.2).to_bits(), 0.0f64.to_bits());
        assert_eq!(exp(f64::NEG_INFINITY).to_bits(), 0.0f64.to_bits());
        assert!(exp(f64::NAN).is_nan());
        // The table: 2^(j/64) within half a unit (the platform's exp2 is correctly rounded
        // at these points, or within a unit), and 2^(32/64) = √2 exactly as rounded.
        for (j, bits) in TABLE.iter().enumerate() {
            #[allow(clippy::cast_precision_loss, reason = "j < 64")]
            let want = (j as f64 / 64.0).exp2();
            assert!(ulps(f64::from_bits(*bits), want) <= 1, "entry {j}");
        }
        assert_eq!(TABLE[32], std::f64::consts::SQRT_2.to_bits());
    }
}
