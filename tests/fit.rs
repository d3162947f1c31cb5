//! Fitting an outage process from an incident history: exact standard
//! errors (against 50-digit references and hand-worked closed forms), `AICc`,
//! the time unit of the fits, and histories without closed incidents.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::float_cmp,
    reason = "tests"
)]

use std::time::Duration;

use crate::support::evaluate;
use downtime_cost::{
    DurationFamily, DurationFit, Error, FittedAssumption, HistoryFit, ImprovementPolicy, Incident,
    IncidentHistory, Scenario, SeverityDistribution, fit_history,
};

const DAY: u64 = 86_400;

/// `|a − b| ≤ tol·|b|`.
fn rel(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol * b.abs(), "{what}: {a} vs {b} (relative error {:e})", ((a - b) / b).abs());
}

/// A 30-day window with closed incidents of `closed` hours (one a day from
/// day 1) and open ones still open after `open` hours when it ended.
fn history(closed: &[f64], open: &[f64]) -> IncidentHistory {
    let observed = Duration::from_secs(30 * DAY);
    let mut incidents: Vec<Incident> = closed
        .iter()
        .zip(1_u64..)
        .map(|(h, day)| Incident::closed(Duration::from_secs(day * DAY), Duration::from_secs_f64(h * 3600.0)))
        .collect();
    incidents.extend(
        open.iter()
            .map(|h| Incident::open(observed.checked_sub(Duration::from_secs_f64(h * 3600.0)).unwrap())),
    );
    IncidentHistory::new(observed, incidents).unwrap()
}

fn family(fit: &HistoryFit, f: DurationFamily) -> &DurationFit {
    fit.fit(f).unwrap_or_else(|| panic!("{f} not fitted: {:?}", fit.skipped()))
}

// ---------------------------------------------------------------------------
// Standard errors against 50-digit references
// ---------------------------------------------------------------------------

/// One family's reference: the estimates, their standard errors and ln L.
struct Reference {
    family: DurationFamily,
    estimates: &'static [(&'static str, f64)],
    std_errors: &'static [f64],
    log_likelihood: f64,
}

/// The data sets (hours) and references printed by
/// `tests/fixtures/fit_reference.py` (mpmath 1.4.1, 50 significant digits):
/// the MLE solves the score equations, the score and the Hessian `H` of
/// ln L are mpmath's numerical derivatives at 50 digits (`mp.diff`, no
/// closed forms), each parameter in its natural form (exponential mean;
/// lognormal μ, σ; Weibull shape k, scale λ), and the standard errors are
/// `√diag((−H)⁻¹)`. The numbers below are the script's output (25
/// significant digits) rounded to the nearest `f64`.
///
/// ```text
/// python3 -m venv /tmp/mp && /tmp/mp/bin/pip install mpmath
/// /tmp/mp/bin/python tests/fixtures/fit_reference.py
/// ```
fn references() -> Vec<(&'static str, IncidentHistory, Vec<Reference>)> {
    use DurationFamily::{Exponential, Lognormal, Weibull};
    vec![
        (
            "A: closed 1, 2, 3 h; open 4 h",
            history(&[1.0, 2.0, 3.0], &[4.0]),
            vec![
                Reference {
                    family: Exponential,
                    estimates: &[("mean", 3.333_333_333_333_333_5)],
                    std_errors: &[1.924_500_897_298_752_5],
                    log_likelihood: -6.611_918_412_977_808,
                },
                Reference {
                    family: Lognormal,
                    estimates: &[("mu", 0.890_120_606_202_583_7), ("sigma", 0.660_939_087_567_593_2)],
                    std_errors: &[0.345_235_403_841_833_04, 0.287_485_973_849_912_15],
                    log_likelihood: -5.792_717_812_878_109,
                },
                Reference {
                    family: Weibull,
                    estimates: &[("shape", 1.831_549_286_512_258_2), ("scale", 3.161_941_398_735_726)],
                    std_errors: &[0.900_486_261_783_228, 0.996_799_793_501_425_3],
                    log_likelihood: -6.019_939_872_505_78,
                },
            ],
        ),
        (
            "B: closed 1, 2, 5, 0.5 h; open 6 h",
            history(&[1.0, 2.0, 5.0, 0.5], &[6.0]),
            vec![
                Reference {
                    family: Exponential,
                    estimates: &[("mean", 3.625)],
                    std_errors: &[1.8125],
                    log_likelihood: -9.151_417_153_226_552,
                },
                Reference {
                    family: Lognormal,
                    estimates: &[("mu", 0.805_453_511_443_944_2), ("sigma", 1.134_003_881_019_355_8)],
                    std_errors: &[0.522_480_747_356_621_4, 0.421_361_926_219_548_9],
                    log_likelihood: -8.819_012_569_857_45,
                },
                Reference {
                    family: Weibull,
                    estimates: &[("shape", 1.024_416_769_727_778_2), ("scale", 3.632_393_316_692_144_5)],
                    std_errors: &[0.426_564_382_869_293_77, 1.777_969_203_201_874_8],
                    log_likelihood: -9.149_755_889_793_031,
                },
            ],
        ),
        (
            "C: closed 0.25, 1.5, 3, 7, 0.75, 2 h; none open",
            history(&[0.25, 1.5, 3.0, 7.0, 0.75, 2.0], &[]),
            vec![
                Reference {
                    family: Exponential,
                    estimates: &[("mean", 2.416_666_666_666_666_5)],
                    std_errors: &[0.986_600_035_287_668_9],
                    log_likelihood: -11.294_335_081_190_843,
                },
                Reference {
                    family: Lognormal,
                    estimates: &[("mu", 0.411_526_382_136_643_5), ("sigma", 1.050_937_635_965_817_8)],
                    std_errors: &[0.429_043_493_267_178_67, 0.303_379_563_513_186_9],
                    log_likelihood: -11.280_886_006_017_003,
                },
                Reference {
                    family: Weibull,
                    estimates: &[("shape", 1.098_321_054_929_589_9), ("scale", 2.507_396_678_550_248_4)],
                    std_errors: &[0.347_223_483_550_805_96, 0.985_171_512_103_537_2],
                    log_likelihood: -11.252_290_611_001_808,
                },
            ],
        ),
        (
            // The open 2 h incident sits at z = (ln 2 − μ)/σ ≈ 2.18 of the
            // lognormal: the continued-fraction branch of the inverse Mills
            // ratio; the open 0.5 h one at z ≈ −2.8, the direct branch.
            "D: closed 0.875, 1, 1, 1.125, 0.9375, 1.0625, 1.25, 0.8125 h; open 2, 0.5 h",
            history(&[0.875, 1.0, 1.0, 1.125, 0.9375, 1.0625, 1.25, 0.8125], &[2.0, 0.5]),
            vec![
                Reference {
                    family: Exponential,
                    estimates: &[("mean", 1.320_312_5)],
                    std_errors: &[0.466_800_961_017_681_76],
                    log_likelihood: -10.222_947_608_027_651,
                },
                Reference {
                    family: Lognormal,
                    estimates: &[("mu", 0.087_737_372_182_616_42), ("sigma", 0.278_211_861_890_519_2)],
                    std_errors: &[0.093_313_680_682_275_29, 0.072_117_439_343_149_15],
                    log_likelihood: -2.587_838_974_601_133_7,
                },
                Reference {
                    family: Weibull,
                    estimates: &[("shape", 2.920_221_278_784_679_5), ("scale", 1.275_326_103_884_067)],
                    std_errors: &[0.725_545_319_881_878_6, 0.157_541_259_278_668_63],
                    log_likelihood: -5.116_336_489_980_704,
                },
            ],
        ),
    ]
}

#[test]
fn standard_errors_match_50_digit_references() {
    for (name, history, refs) in references() {
        let fit = fit_history(&history).unwrap();
        for r in refs {
            let f = family(&fit, r.family);
            let what = |p: &str, q: &str| format!("{name}, {}: {q} of {p}", r.family);
            for ((param, estimate), se) in r.estimates.iter().zip(r.std_errors) {
                let p = f.parameter(param).unwrap();
                rel(p.estimate(), *estimate, 1e-13, &what(param, "estimate"));
                rel(p.std_error(), *se, 1e-12, &what(param, "standard error"));
                // The 95 % interval is built on the same scale as before:
                // estimate·exp(±z·SE/estimate) for positive parameters,
                // estimate ± z·SE for μ (z = Φ⁻¹(0.975), mpmath).
                let z = 1.959_963_984_540_054;
                let (lo, hi) = if *param == "mu" {
                    (estimate - z * se, estimate + z * se)
                } else {
                    (estimate * (-z * se / estimate).exp(), estimate * (z * se / estimate).exp())
                };
                rel(p.lower(), lo, 1e-12, &what(param, "lower bound"));
                rel(p.upper(), hi, 1e-12, &what(param, "upper bound"));
            }
            rel(f.log_likelihood(), r.log_likelihood, 1e-14, &what("ln L", "value"));
        }
    }
}

// ---------------------------------------------------------------------------
// Hand-worked closed forms, one per family
// ---------------------------------------------------------------------------

#[test]
fn exponential_standard_error_by_hand() {
    // Closed 1, 2, 3 h, none open: ln L(m) = −r ln m − Σt/m with r = 3,
    // Σt = 6, so m̂ = Σt/r = 2 h. d²ln L/dm² = r/m² − 2Σt/m³, which at
    // m̂ is r/m² − 2r/m² = −r/m², so SE(m) = m/√r = 2/√3 = 1.154 700 538 379 251 5.
    // Interval on the log scale: m·exp(±z/√r), z = 1.959 963 984 540 054.
    let fit = fit_history(&history(&[1.0, 2.0, 3.0], &[])).unwrap();
    let m = family(&fit, DurationFamily::Exponential).parameter("mean").unwrap();
    rel(m.estimate(), 2.0, 1e-15, "mean");
    rel(m.std_error(), 2.0 / 3.0_f64.sqrt(), 1e-15, "SE(mean)");
    let w = 1.959_963_984_540_054 / 3.0_f64.sqrt();
    rel(m.lower(), 2.0 * (-w).exp(), 1e-14, "lower");
    rel(m.upper(), 2.0 * w.exp(), 1e-14, "upper");

    // With censoring the same holds with Σt + Σc: closed 1, 2, 3 h, open
    // 4 h: m̂ = 10/3, SE = (10/3)/√3 = 1.924 500 897 298 752 5.
    let fit = fit_history(&history(&[1.0, 2.0, 3.0], &[4.0])).unwrap();
    let m = family(&fit, DurationFamily::Exponential).parameter("mean").unwrap();
    rel(m.std_error(), 10.0 / 3.0 / 3.0_f64.sqrt(), 1e-15, "SE(mean), censored");
}

#[test]
fn lognormal_standard_errors_by_hand() {
    // Closed 1, 2, 4 h, none open: ln t = 0, ln 2, 2 ln 2, so μ̂ = ln 2 and
    // σ̂² = (ln²2 + 0 + ln²2)/3, σ̂ = ln 2·√(2/3). With zᵢ = (ln tᵢ − μ)/σ,
    // ln L = Σ[−ln tᵢ − ln σ − ln √(2π) − zᵢ²/2], and
    //   −∂²/∂μ² = n/σ²,
    //   −∂²/∂μ∂σ = 2Σzᵢ/σ² = 0 at μ̂,
    //   −∂²/∂σ² = (3Σzᵢ² − n)/σ² = 2n/σ² at σ̂ (Σzᵢ² = n),
    // so SE(μ) = σ/√n = σ/√3 and SE(σ) = σ/√(2n) = σ/√6.
    let fit = fit_history(&history(&[1.0, 2.0, 4.0], &[])).unwrap();
    let l = family(&fit, DurationFamily::Lognormal);
    let sigma = 2.0_f64.ln() * (2.0_f64 / 3.0).sqrt();
    rel(l.parameter("mu").unwrap().std_error(), sigma / 3.0_f64.sqrt(), 1e-14, "SE(mu)");
    rel(l.parameter("sigma").unwrap().std_error(), sigma / 6.0_f64.sqrt(), 1e-14, "SE(sigma)");
    // μ's interval is symmetric: μ ± z·SE.
    let mu = l.parameter("mu").unwrap();
    let half = 1.959_963_984_540_054 * sigma / 3.0_f64.sqrt();
    rel(mu.upper() - mu.lower(), 2.0 * half, 1e-14, "width of mu's interval");
}

#[test]
fn weibull_standard_errors_by_hand() {
    // In (k, a = ln λ), with vᵢ = ln xᵢ − a and wᵢ = (xᵢ/λ)^k over all
    // times (closed and open), r closed:
    //   ln L = r ln k − r k a + (k − 1) Σ_closed ln tᵢ − Σ wᵢ,
    //   ∂/∂k = r/k + Σ_closed vᵢ − Σ vᵢwᵢ,  ∂/∂a = k(Σwᵢ − r),
    //   −∂²/∂k² = r/k² + Σ vᵢ²wᵢ,
    //   −∂²/∂k∂a = r − Σwᵢ − kΣvᵢwᵢ  (= −kΣvᵢwᵢ at the MLE, where Σwᵢ = r),
    //   −∂²/∂a² = k²Σwᵢ  (= k²r).
    // Then Var(k) = I_aa/det, Var(a) = I_kk/det, SE(λ) = λ·SE(a) (delta
    // method). Data: closed 1, 2, 3 h, open 4 h.
    let closed = [1.0_f64, 2.0, 3.0];
    let all = [1.0_f64, 2.0, 3.0, 4.0];
    let fit = fit_history(&history(&closed, &[4.0])).unwrap();
    let weibull = family(&fit, DurationFamily::Weibull);
    let k = weibull.parameter("shape").unwrap().estimate();
    let lambda = weibull.parameter("scale").unwrap().estimate();
    let ln_lambda = lambda.ln();
    let closed_count = 3.0;
    let vs: Vec<f64> = all.iter().map(|x| x.ln() - ln_lambda).collect();
    let ws: Vec<f64> = vs.iter().map(|v| (k * v).exp()).collect();
    // Σwᵢ, Σvᵢwᵢ and Σvᵢ²wᵢ.
    let total_w: f64 = ws.iter().sum();
    let first_moment: f64 = vs.iter().zip(&ws).map(|(v, w)| v * w).sum();
    let second_moment: f64 = vs.iter().zip(&ws).map(|(v, w)| v * v * w).sum();
    let sum_v_closed: f64 = closed.iter().map(|t| t.ln() - ln_lambda).sum();
    // The estimate is the MLE: both scores vanish.
    assert!((closed_count / k + sum_v_closed - first_moment).abs() < 1e-13, "∂/∂k");
    assert!((k * (total_w - closed_count)).abs() < 1e-13, "∂/∂a");
    let info_shape = closed_count / (k * k) + second_moment;
    let info_cross = closed_count - total_w - k * first_moment;
    let info_ln_scale = k * k * total_w;
    let det = info_shape * info_ln_scale - info_cross * info_cross;
    rel(weibull.parameter("shape").unwrap().std_error(), (info_ln_scale / det).sqrt(), 1e-13, "SE(shape)");
    rel(
        weibull.parameter("scale").unwrap().std_error(),
        lambda * (info_shape / det).sqrt(),
        1e-13,
        "SE(scale)",
    );
}

// ---------------------------------------------------------------------------
// AICc
// ---------------------------------------------------------------------------

#[test]
fn aicc_by_hand() {
    // Closed 1, 2, 3 h, open 4 h: n = 4 observations.
    // Exponential (p = 1): ln L = −3 ln(10/3) − 3, AIC = 2 − 2 ln L,
    // AICc = AIC + 2·1·2/(4 − 1 − 1) = AIC + 2.
    // Lognormal and Weibull (p = 2): AICc = AIC + 2·2·3/(4 − 2 − 1) = AIC + 12.
    let fit = fit_history(&history(&[1.0, 2.0, 3.0], &[4.0])).unwrap();
    let e = family(&fit, DurationFamily::Exponential);
    let aic = 2.0 + 6.0 * (10.0_f64 / 3.0).ln() + 6.0;
    rel(e.aic(), aic, 1e-14, "AIC");
    rel(e.aicc().unwrap(), aic + 2.0, 1e-14, "AICc, exponential");
    for f in [DurationFamily::Lognormal, DurationFamily::Weibull] {
        let d = family(&fit, f);
        rel(d.aicc().unwrap(), d.aic() + 12.0, 1e-14, "AICc, two parameters");
    }

    // n = 3 (closed 1, 2, 4 h): p = 2 gives n − p − 1 = 0, undefined; the
    // exponential's is AIC + 4/(3 − 2) = AIC + 4.
    let fit = fit_history(&history(&[1.0, 2.0, 4.0], &[])).unwrap();
    rel(
        family(&fit, DurationFamily::Exponential).aicc().unwrap(),
        family(&fit, DurationFamily::Exponential).aic() + 4.0,
        1e-14,
        "n = 3",
    );
    assert_eq!(family(&fit, DurationFamily::Lognormal).aicc(), None);
    assert_eq!(family(&fit, DurationFamily::Weibull).aicc(), None);
    let v = serde_json::to_value(&fit).unwrap();
    for f in v["fits"].as_array().unwrap() {
        assert!(f.get("aicc").is_some(), "aicc is always serialised: {f}");
        assert_eq!(f["aicc"].is_null(), f["family"] != "exponential", "{f}");
    }

    // n = 2: undefined for the exponential too (2 − 1 − 1 = 0).
    let fit = fit_history(&history(&[1.0, 2.0], &[])).unwrap();
    assert_eq!(family(&fit, DurationFamily::Exponential).aicc(), None);
}

#[test]
fn report_prints_aicc_beside_aic() {
    let report = evaluate(&Scenario::builtin("saas_fitted").unwrap()).unwrap();
    let fit = report.to_json().unwrap();
    let v: serde_json::Value = serde_json::from_str(&fit).unwrap();
    let fits = v["fit"]["fits"].as_array().unwrap();
    // 34 incidents: AICc = AIC + 2p(p + 1)/(34 − p − 1).
    for f in fits {
        let p = f["parameters"].as_array().unwrap().len();
        #[expect(clippy::cast_precision_loss, reason = "tiny")]
        let p = p as f64;
        let aic = f["aic"].as_f64().unwrap();
        rel(
            f["aicc"].as_f64().unwrap(),
            aic + 2.0 * p * (p + 1.0) / (34.0 - p - 1.0),
            1e-14,
            "AICc in the JSON",
        );
    }
    let text = report.to_string();
    let header = text.lines().find(|l| l.contains("parameters (95% interval)")).unwrap();
    let (aic, aicc, bic) =
        (header.find(" AIC ").unwrap(), header.find("AICc").unwrap(), header.find("BIC").unwrap());
    assert!(aic < aicc && aicc < bic, "{header}");
    let lognormal = text.lines().find(|l| l.trim_start().starts_with("lognormal")).unwrap();
    let aicc_text = format!("{:.2}", fits[0]["aicc"].as_f64().unwrap());
    assert!(lognormal.contains(&aicc_text), "{aicc_text} missing from {lognormal}");
}

// ---------------------------------------------------------------------------
// The time unit
// ---------------------------------------------------------------------------

#[test]
fn fits_say_their_time_unit_and_depend_on_it_as_documented() {
    let closed = [1.0, 2.0, 3.0];
    let fit = fit_history(&history(&closed, &[4.0])).unwrap();
    assert_eq!(fit.time_unit(), "hours");
    let v = serde_json::to_value(&fit).unwrap();
    assert_eq!(v["time_unit"], "hours");
    for f in fit.fits() {
        assert_eq!(f.time_unit(), "hours");
    }
    assert!(v["fits"].as_array().unwrap().iter().all(|f| f["time_unit"] == "hours"));

    // Durations measured in a unit c times smaller read c times larger:
    // here every time doubled. The density of x = c·t is f(t)/c, the survival
    // unchanged, so ln L drops by r·ln c (r = 3 closed) for every family,
    // μ rises by ln c, σ and the shape stay, and AIC differences between
    // families do not change. (In seconds, c = 3600: ln L − 3 ln 3600.)
    let doubled = fit_history(&history(&[2.0, 4.0, 6.0], &[8.0])).unwrap();
    let shift = 3.0 * 2.0_f64.ln();
    for f in fit.fits() {
        let g = family(&doubled, f.family());
        rel(g.log_likelihood(), f.log_likelihood() - shift, 1e-13, "ln L shift");
        rel(g.aic() - doubled.best().unwrap().aic(), f.aic() - fit.best().unwrap().aic(), 1e-9, "ΔAIC");
    }
    let (l1, l2) = (family(&fit, DurationFamily::Lognormal), family(&doubled, DurationFamily::Lognormal));
    rel(
        l2.parameter("mu").unwrap().estimate(),
        l1.parameter("mu").unwrap().estimate() + 2.0_f64.ln(),
        1e-13,
        "mu",
    );
    rel(l2.parameter("sigma").unwrap().estimate(), l1.parameter("sigma").unwrap().estimate(), 1e-13, "sigma");
}

// ---------------------------------------------------------------------------
// Histories without closed incidents
// ---------------------------------------------------------------------------

#[test]
fn empty_history_fits_a_zero_rate_with_its_one_sided_upper_bound() {
    // Two quiet years (730 d = 2 years of 365 d). P(no incident | λ) = e^{−2λ};
    // the 95 % upper bound solves e^{−2λ} = 0.05: λ = ln 20 / 2 =
    // 2.995 732 273 553 991 / 2 = 1.497 866 136 776 995 5 a year.
    let h = IncidentHistory::from_json(r#"{"observed": "730d", "incidents": []}"#).unwrap();
    assert!(h.incidents().is_empty());
    let fit = h.fit().unwrap();
    let r = fit.rate();
    assert_eq!((r.incidents(), r.per_year(), r.lower()), (0, 0.0, 0.0));
    rel(r.years(), 2.0, 1e-15, "years");
    rel(r.upper(), 2.995_732_273_553_991 / 2.0, 1e-15, "upper");
    // At 90 %: e^{−2λ} = 0.1, λ = ln 10 / 2 = 1.151 292 546 497 023.
    let (lo, hi) = r.interval(0.9).unwrap();
    assert_eq!(lo, 0.0);
    rel(hi, 1.151_292_546_497_023, 1e-15, "upper at 90 %");

    assert_eq!((fit.closed(), fit.open()), (0, 0));
    assert_eq!(fit.fits().count(), 0);
    assert!(fit.best().is_none());
    assert!(fit.best_by_bic().is_none());
    let skipped: Vec<_> = fit.skipped().iter().map(downtime_cost::SkippedFit::family).collect();
    assert_eq!(skipped, [DurationFamily::Exponential, DurationFamily::Lognormal, DurationFamily::Weibull]);
    assert!(fit.skipped()[0].reason().contains("one closed"), "{:?}", fit.skipped());
    assert!(fit.skipped()[1].reason().contains("two closed"), "{:?}", fit.skipped());

    let err = fit.process().unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    assert_eq!(err.field(), Some("incidents"));
    let text = err.to_string();
    for part in ["no duration family could be fitted", "(0 closed, 0 open)", "rate 0 a year"] {
        assert!(text.contains(part), "{part:?} missing from {text}");
    }
    let bound: f64 = text.split("upper bound ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    rel(bound, 2.995_732_273_553_991 / 2.0, 1e-15, "the upper bound in the message");

    let v = serde_json::to_value(&fit).unwrap();
    assert_eq!(v["rate"]["per_year"], 0.0);
    rel(v["rate"]["upper"].as_f64().unwrap(), 2.995_732_273_553_991 / 2.0, 1e-15, "serialised upper");
    assert!(v["best"].is_null() && v["best_by_bic"].is_null() && v["process"].is_null(), "{v}");
    assert_eq!(v["fits"], serde_json::json!([]));
    assert_eq!(v["skipped"].as_array().unwrap().len(), 3);

    // Round trip of the empty history.
    assert_eq!(serde_json::to_value(&h).unwrap(), serde_json::json!({"observed": "730d", "incidents": []}));
}

#[test]
fn history_with_only_open_incidents_fits_the_rate_only() {
    // Two incidents in a 365-day year, both still open: λ̂ = 2 a year with the
    // two-sided Garwood interval [P⁻¹(2, 0.025), P⁻¹(3, 0.975)] =
    // [χ²(4; 0.025)/2, χ²(6; 0.975)/2] = [0.484 418/2, 14.449 375/2] =
    // [0.242 209, 7.224 687] (textbook χ² quantiles).
    let observed = Duration::from_secs(365 * DAY);
    let h = IncidentHistory::new(
        observed,
        vec![Incident::open(Duration::from_secs(100 * DAY)), Incident::open(Duration::from_secs(300 * DAY))],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    assert_eq!((fit.closed(), fit.open()), (0, 2));
    rel(fit.rate().per_year(), 2.0, 1e-15, "rate");
    rel(fit.rate().lower(), 0.242_209, 1e-5, "lower");
    rel(fit.rate().upper(), 7.224_687, 1e-6, "upper");
    assert!(fit.best().is_none());
    assert_eq!(fit.skipped().len(), 3);
    let err = fit.process().unwrap_err();
    assert_eq!(err.field(), Some("incidents"));
    let text = err.to_string();
    assert!(text.contains("(0 closed, 2 open)") && text.contains("rate 2 a year"), "{text}");
    assert!(text.contains(&format!("upper bound {} a year", fit.rate().upper())), "{text}");
}

#[test]
fn fitted_assumption_without_closed_incidents_is_a_typed_error() {
    let empty = IncidentHistory::new(Duration::from_secs(365 * DAY), vec![]).unwrap();
    let assumption =
        FittedAssumption::new(empty, SeverityDistribution::default(), ImprovementPolicy::default());
    assert!(assumption.fit().is_ok());
    let err = assumption.to_process().unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    assert_eq!(err.field(), Some("incidents"));

    // In a scenario the error names the path of the history.
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../scenarios/saas_fitted.json")).unwrap();
    doc["assumption"]["fitted"]["history"]["incidents"] = serde_json::json!([]);
    let err = Scenario::from_json(&doc.to_string()).unwrap_err();
    let field = err.field().unwrap_or_default().to_owned();
    assert!(field.ends_with("fitted.history.incidents"), "{field}: {err}");
    assert!(err.to_string().contains("no duration family could be fitted"), "{err}");
}
