//! The discrete Fourier transform of a length `n = 2ᵖ`, by the iterative
//! radix-2 Cooley–Tukey algorithm with twiddle factors computed one by one
//! (not by recurrence), and the few complex functions its callers need.
//!
//! The algorithm is the textbook one on purpose: its rounding error has a
//! proven bound (Higham, *Accuracy and Stability of Numerical Algorithms*,
//! 2nd ed., 2002, Theorem 24.2): the computed `ŷ` of `y = F x` satisfies
//!
//! ```text
//! ‖ŷ − y‖₂ ≤ κ(n)·‖y‖₂,   κ(n) = p·η / (1 − p·η),   η = μ + γ₄(√2 + μ),   γ₄ = 4u/(1 − 4u),
//! ```
//!
//! with `u = 2⁻⁵³` and `μ` a bound on the error of each computed twiddle
//! factor. The angle `2π·(k/n) ≤ π` is off by `τ`'s representation (a
//! relative 0.35u) and one rounding (half an ulp, 2u); `cos` and `sin`, if
//! within an ulp as glibc's are (Rust does not promise it), add at most
//! `u` each: about `4.6u` in all. The bound takes `μ = 8u`. [`error_ratio`]
//! returns `κ(n)`. Results are bit-identical on every run: no fused
//! multiply-adds, no runtime dispatch, a fixed order of operations.

/// A complex number in `f64`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Complex {
    /// The real part.
    pub(crate) re: f64,
    /// The imaginary part.
    pub(crate) im: f64,
}

impl Complex {
    /// `re + i·im`.
    pub(crate) const fn new(re: f64, im: f64) -> Self {
        Complex { re, im }
    }

    /// `self + other`.
    pub(crate) fn add(self, other: Self) -> Self {
        Complex::new(self.re + other.re, self.im + other.im)
    }

    /// `self − other`.
    pub(crate) fn sub(self, other: Self) -> Self {
        Complex::new(self.re - other.re, self.im - other.im)
    }

    /// `self × other`.
    pub(crate) fn mul(self, other: Self) -> Self {
        Complex::new(self.re * other.re - self.im * other.im, self.re * other.im + self.im * other.re)
    }

    /// `self × k` for a real `k`.
    pub(crate) fn scale(self, k: f64) -> Self {
        Complex::new(self.re * k, self.im * k)
    }

    /// The complex conjugate.
    pub(crate) const fn conj(self) -> Self {
        Complex::new(self.re, -self.im)
    }

    /// `|self|`.
    #[cfg(test)]
    pub(crate) fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }

    /// `eᶻ = eʳᵉ·(cos im + i·sin im)`.
    pub(crate) fn exp(self) -> Self {
        let m = self.re.exp();
        let (s, c) = self.im.sin_cos();
        Complex::new(m * c, m * s)
    }
}

/// A radix-2 transform of a length up to `2^bits`, with its twiddle factors.
#[derive(Debug, Clone)]
struct Plan {
    /// `p` with `n = 2ᵖ` the longest length it transforms.
    bits: u32,
    /// `e^{−2πik/n}`, `k = 0..n/2`.
    twiddles: Vec<Complex>,
}

/// The longest transform whose plan a thread keeps (`2¹⁶`, 512 KiB of
/// twiddle factors); longer ones compute theirs each time.
const KEPT_BITS: u32 = 16;

std::thread_local! {
    /// The longest plan this thread has used, up to [`KEPT_BITS`].
    static PLAN: std::cell::RefCell<Option<Plan>> = const { std::cell::RefCell::new(None) };
}

impl Plan {
    fn new(bits: u32) -> Self {
        let n = 1_usize.checked_shl(bits).unwrap_or(0);
        #[expect(clippy::cast_precision_loss, reason = "n ≤ 2³⁰ is exact in f64")]
        let nf = n as f64;
        let twiddles = (0..n / 2)
            .map(|k| {
                // k/n is exact (n a power of two): one rounding in the angle.
                // A shorter length's factor k'·(n/n') gives the same angle,
                // bit for bit, so results do not depend on the plan's length.
                #[expect(clippy::cast_precision_loss, reason = "k < 2³⁰ is exact in f64")]
                let angle = std::f64::consts::TAU * (k as f64 / nf);
                let (s, c) = angle.sin_cos();
                Complex::new(c, -s)
            })
            .collect();
        Plan { bits, twiddles }
    }

    /// The transform of length `2^bits ≤ 2^self.bits`.
    fn run(&self, bits: u32, input: impl Fn(usize) -> Complex, inverse: bool, out: &mut Vec<Complex>) {
        let n = 1_usize.checked_shl(bits).unwrap_or(0);
        let shift = usize::BITS.saturating_sub(bits);
        // The input in bit-reversed order, so that the stages work in place.
        out.clear();
        out.extend((0..n).map(|i| input(i.reverse_bits().checked_shr(shift).unwrap_or(0))));
        for stage in 1..=bits {
            // Blocks of `len = 2^stage`; this length's twiddles are every
            // `2^(self.bits − stage)`-th of the plan's.
            let (Some(len), Some(step)) =
                (1_usize.checked_shl(stage), 1_usize.checked_shl(self.bits.saturating_sub(stage)))
            else {
                return;
            };
            let half = len.checked_shr(1).unwrap_or(0);
            for block in out.chunks_exact_mut(len) {
                let (lo, hi) = block.split_at_mut(half);
                for ((a, b), w) in lo.iter_mut().zip(hi.iter_mut()).zip(self.twiddles.iter().step_by(step)) {
                    let w = if inverse { w.conj() } else { *w };
                    let t = b.mul(w);
                    *b = a.sub(t);
                    *a = a.add(t);
                }
            }
        }
    }
}

/// `y_j = Σ_k x_k·e^{∓2πijk/n}` (the minus sign for the forward transform,
/// the plus sign for the inverse, unscaled), where `x_k` is `input(k)`,
/// written into `out` (resized to `n`). Returns `false`, leaving `out`
/// untouched, unless `n` is a power of two from 2 to 2³⁰.
pub(crate) fn transform(
    n: usize,
    input: impl Fn(usize) -> Complex,
    inverse: bool,
    out: &mut Vec<Complex>,
) -> bool {
    if !n.is_power_of_two() || !(2..=1 << 30).contains(&n) {
        return false;
    }
    let bits = n.trailing_zeros();
    if bits > KEPT_BITS {
        Plan::new(bits).run(bits, input, inverse, out);
        return true;
    }
    PLAN.with(|cell| match cell.try_borrow_mut() {
        Ok(mut kept) => {
            if kept.as_ref().is_none_or(|p| p.bits < bits) {
                *kept = Some(Plan::new(bits));
            }
            match kept.as_ref() {
                Some(plan) => plan.run(bits, input, inverse, out),
                None => Plan::new(bits).run(bits, input, inverse, out),
            }
        }
        // (Not reached: nothing transforms while transforming.)
        Err(_) => Plan::new(bits).run(bits, input, inverse, out),
    });
    true
}

/// `κ(n)` of the module's error bound, `‖ŷ − y‖₂ ≤ κ(n)·‖y‖₂`, for a
/// length `n = 2ᵖ`: `p·η / (1 − p·η)`.
pub(crate) fn error_ratio(n: usize) -> f64 {
    let unit = f64::EPSILON / 2.0;
    let mu = 8.0 * unit;
    let gamma4 = 4.0 * unit / (1.0 - 4.0 * unit);
    let eta = mu + gamma4 * (std::f64::consts::SQRT_2 + mu);
    let pe = f64::from(n.trailing_zeros()) * eta;
    pe / (1.0 - pe)
}

#[cfg(test)]
#[allow(clippy::cast_precision_loss, reason = "small test lengths")]
mod tests {
    use super::*;

    /// The DFT by its definition, in the same precision.
    fn naive(x: &[Complex], inverse: bool) -> Vec<Complex> {
        let n = x.len();
        let sign = if inverse { 1.0 } else { -1.0 };
        (0..n)
            .map(|j| {
                x.iter().enumerate().fold(Complex::default(), |acc, (k, v)| {
                    let angle = sign * std::f64::consts::TAU * ((j * k % n) as f64 / n as f64);
                    acc.add(v.mul(Complex::new(angle.cos(), angle.sin())))
                })
            })
            .collect()
    }

    #[test]
    fn the_transform_is_the_definition_within_its_bound() {
        for bits in 1..=9 {
            let n = 1_usize << bits;
            let x: Vec<Complex> = (0..n)
                .map(|k| Complex::new(((k * 7 + 3) % 11) as f64 / 11.0, ((k * 5) % 13) as f64 / 13.0))
                .collect();
            for inverse in [false, true] {
                let mut y = Vec::new();
                assert!(transform(n, |k| x[k], inverse, &mut y));
                let exact = naive(&x, inverse);
                let err: f64 = y.iter().zip(&exact).map(|(a, b)| a.sub(*b).abs().powi(2)).sum::<f64>().sqrt();
                let norm: f64 = exact.iter().map(|v| v.abs().powi(2)).sum::<f64>().sqrt();
                // The naive sum has its own error (about n·u); allow both.
                let allowed = error_ratio(n) * norm + (n as f64) * 4.0 * f64::EPSILON * norm;
                assert!(err <= allowed, "n = {n}: error {err:e} above {allowed:e}");
            }
        }
    }

    #[test]
    fn inverse_after_forward_gives_n_times_the_input() {
        // A unit impulse at 3 transforms to e^{−2πij·3/8}; back, it is 8 at 3.
        let mut y = Vec::new();
        assert!(transform(8, |k| Complex::new(f64::from(u8::from(k == 3)), 0.0), false, &mut y));
        let angle = -std::f64::consts::TAU * 3.0 / 8.0;
        assert!((y[1].re - angle.cos()).abs() < 1e-15 && (y[1].im - angle.sin()).abs() < 1e-15);
        let mut back = Vec::new();
        assert!(transform(8, |j| y[j], true, &mut back));
        for (k, v) in back.iter().enumerate() {
            let expected = if k == 3 { 8.0 } else { 0.0 };
            assert!((v.re - expected).abs() < 1e-14 && v.im.abs() < 1e-14, "{k}: {v:?}");
        }
    }

    #[test]
    fn lengths_other_than_powers_of_two_are_refused() {
        let mut out = vec![Complex::new(7.0, 0.0)];
        for n in [0, 1, 12] {
            assert!(!transform(n, |_| Complex::default(), false, &mut out));
            assert_eq!(out, vec![Complex::new(7.0, 0.0)]);
        }
        assert!(transform(16, |_| Complex::default(), false, &mut out));
        assert_eq!(out.len(), 16);
        // κ grows with log₂ n: η = 8u + γ₄(√2 + 8u) ≈ 13.7u per stage.
        let k = error_ratio(1024);
        let u = f64::EPSILON / 2.0;
        assert!(k > 10.0 * 13.6 * u && k < 10.0 * 13.8 * u, "{k:e}");
    }

    #[test]
    fn a_longer_plan_gives_the_same_bits() {
        // The thread keeps its longest plan; a short transform before and
        // after a long one must not change by a bit.
        let x = |k: usize| Complex::new((k as f64).sin(), (k as f64 * 0.3).cos());
        std::thread::spawn(move || {
            let (mut first, mut again, mut long) = (Vec::new(), Vec::new(), Vec::new());
            assert!(transform(64, x, false, &mut first));
            assert!(transform(4096, x, false, &mut long));
            assert!(transform(64, x, false, &mut again));
            assert_eq!(first, again);
            // Above the kept length, a fresh plan: the same bits again.
            let (mut huge, mut huge_again) = (Vec::new(), Vec::new());
            assert!(transform(1 << 17, x, true, &mut huge));
            assert!(transform(1 << 17, x, true, &mut huge_again));
            assert_eq!(huge, huge_again);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn complex_functions() {
        // e^{iπ} = −1; (1 + 2i)(3 − i) = 5 + 5i.
        let e = Complex::new(0.0, std::f64::consts::PI).exp();
        assert!((e.re + 1.0).abs() < 1e-15 && e.im.abs() < 1e-15);
        assert_eq!(Complex::new(1.0, 2.0).mul(Complex::new(3.0, -1.0)), Complex::new(5.0, 5.0));
    }
}
