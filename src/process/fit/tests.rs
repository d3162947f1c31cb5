//! Unit tests of the fits: by-hand estimates, synthetic samples recovered,
//! skipped families, validation and JSON.

use std::time::Duration;

use super::lognormal::lognormal_log_likelihood;
use super::weibull::WeibullProfile;
use super::*;
use crate::numerics::LN_SQRT_2PI;
use crate::process::duration_dist::from_hours;

const H: u64 = 3600;
const DAY: u64 = 86_400;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn field(e: &Error) -> &str {
    e.field().unwrap()
}

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol * b.abs().max(1.0), "{a} vs {b}");
}

// (a) Exponential MLE with censoring, by hand.
#[test]
fn exponential_with_censoring_by_hand() {
    let h = IncidentHistory::new(
        secs(365 * DAY),
        vec![
            Incident::closed(secs(10 * DAY), secs(H)),
            Incident::closed(secs(100 * DAY), secs(2 * H)),
            Incident::closed(secs(200 * DAY), secs(3 * H)),
            Incident::open(secs(365 * DAY - 4 * H)),
        ],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    assert_eq!((fit.closed(), fit.open()), (3, 1));
    let e = fit.fit(DurationFamily::Exponential).unwrap();
    let m = 10.0 / 3.0;
    let mean = e.parameter("mean").unwrap();
    close(mean.estimate(), m, 1e-12);
    // ln L = −3 ln m − 10/m = −3 ln(10/3) − 3.
    close(e.log_likelihood(), -3.0 * m.ln() - 3.0, 1e-12);
    close(e.aic(), 2.0 + 6.0 * m.ln() + 6.0, 1e-12);
    close(e.bic(), 4.0_f64.ln() + 6.0 * m.ln() + 6.0, 1e-12);
    // Observed information r/m² ⇒ SE = m/√r (exact second derivative).
    close(mean.std_error(), m / 3.0_f64.sqrt(), 1e-14);
    let w = 1.959_963_984_540_054 / 3.0_f64.sqrt();
    close(mean.lower(), m * (-w).exp(), 1e-14);
    close(mean.upper(), m * w.exp(), 1e-14);
    assert_eq!(e.distribution(), &DurationDistribution::exponential(from_hours(m)).unwrap());
    // Rate: 4 a year; exact interval [P⁻¹(4, .025), P⁻¹(5, .975)] = [1.0899, 10.2416].
    close(fit.rate().per_year(), 4.0, 1e-15);
    close(fit.rate().lower(), 1.089_865_373_626_325, 1e-9);
    close(fit.rate().upper(), 10.241_588_675_403_697, 1e-9);
}

#[test]
fn garwood_interval_for_three_events() {
    // 3 events in a year: 95 % (0.6186, 8.7673), textbook values.
    let r = RateFit::new(3, 1.0);
    close(r.lower(), 0.618_672_122_895_601, 1e-8);
    close(r.upper(), 8.767_273_069_742_325, 1e-8);
    let (lo, hi) = r.interval(0.9).unwrap();
    close(lo, 0.817_691_447_163_953, 1e-8);
    close(hi, 7.753_656_527_932_726, 1e-8);
    assert_eq!(field(&r.interval(1.0).unwrap_err()), "confidence");
    // Half the window, twice the rate.
    let r2 = RateFit::new(3, 0.5);
    close(r2.per_year(), 6.0, 1e-15);
    close(r2.upper(), 2.0 * 8.767_273_069_742_325, 1e-8);
}

// (b) Uncensored lognormal closed form, by hand: 1 h, 2 h, 4 h.
#[test]
fn lognormal_closed_form_by_hand() {
    let h = IncidentHistory::new(
        secs(30 * DAY),
        vec![
            Incident::closed(secs(DAY), secs(H)),
            Incident::closed(secs(2 * DAY), secs(2 * H)),
            Incident::closed(secs(3 * DAY), secs(4 * H)),
        ],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    let l = fit.fit(DurationFamily::Lognormal).unwrap();
    let ln2 = 2.0_f64.ln();
    // ln t = 0, ln 2, 2 ln 2: μ = ln 2, σ² = (ln²2 + 0 + ln²2)/3.
    let mu = ln2;
    let sigma = ln2 * (2.0_f64 / 3.0).sqrt();
    close(l.parameter("mu").unwrap().estimate(), mu, 1e-14);
    close(l.parameter("sigma").unwrap().estimate(), sigma, 1e-14);
    // ln L = −Σ ln t − 3 ln σ − 3 ln √(2π) − 3/2, Σ ln t = 3 ln 2.
    let ll = -3.0 * ln2 - 3.0 * sigma.ln() - 3.0 * LN_SQRT_2PI - 1.5;
    close(l.log_likelihood(), ll, 1e-12);
    close(l.aic(), 4.0 - 2.0 * ll, 1e-12);
    close(l.bic(), 2.0 * 3.0_f64.ln() - 2.0 * ll, 1e-12);
    // Observed information of the normal MLE: SE(μ) = σ/√n, SE(σ) = σ/√(2n).
    close(l.parameter("mu").unwrap().std_error(), sigma / 3.0_f64.sqrt(), 1e-14);
    close(l.parameter("sigma").unwrap().std_error(), sigma / 6.0_f64.sqrt(), 1e-14);
    let (mu_hat, sigma_hat) =
        (l.parameter("mu").unwrap().estimate(), l.parameter("sigma").unwrap().estimate());
    assert_eq!(l.distribution(), &DurationDistribution::lognormal(mu_hat, sigma_hat).unwrap());
}

// --- (c), (d): synthetic samples ------------------------------------------

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on (0, 1), 32 random bits.
    fn uniform(&mut self) -> f64 {
        let bits = u32::try_from(self.next() >> 32).unwrap();
        (f64::from(bits) + 0.5) / 4_294_967_296.0
    }
}

const N: u32 = 2_000;

/// `N` durations by inverse CDF (`quantile` in hours), a share of them
/// censored by an independent Uniform(0, `censor_max` h) time (none for
/// `censor_max = None`), laid out in a 10-year window: closed incidents in
/// the first half, open ones starting `c` before the end.
fn synthetic(seed: u64, quantile: impl Fn(f64) -> f64, censor_max: Option<f64>) -> IncidentHistory {
    let mut rng = SplitMix(seed);
    let observed = secs(3650 * DAY);
    let spacing = 1825 * DAY / u64::from(N);
    let incidents = (0..u64::from(N))
        .map(|i| {
            let t = quantile(rng.uniform());
            let c = censor_max.map(|m| m * rng.uniform());
            match c {
                Some(c) if c < t => {
                    let c = Duration::from_secs_f64(c * 3600.0).max(Duration::from_nanos(1));
                    Incident::open(observed.checked_sub(c).unwrap())
                }
                _ => Incident::closed(
                    secs(i * spacing),
                    Duration::from_secs_f64(t * 3600.0).max(Duration::from_nanos(1)),
                ),
            }
        })
        .collect();
    IncidentHistory::new(observed, incidents).unwrap()
}

fn lognormal_q(u: f64) -> f64 {
    (0.3 + 1.1 * numerics::normal_quantile(u)).exp()
}

fn weibull_q(u: f64) -> f64 {
    2.0 * (-(-u).ln_1p()).powf(1.0 / 0.8)
}

fn exponential_q(u: f64) -> f64 {
    -1.5 * (-u).ln_1p()
}

/// Fits, checks the censored share, that the truth lies in every 99 %
/// interval and the right family wins by AIC; prints the estimates.
fn recover(name: &str, history: &IncidentHistory, family: DurationFamily, truth: &[(&str, f64)]) {
    let fit = fit_history(history).unwrap();
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let share = fit.open() as f64 / f64::from(N);
    println!("{name}: {} open ({:.1} %)", fit.open(), 100.0 * share);
    assert!(fit.skipped().is_empty(), "{:?}", fit.skipped());
    for f in fit.fits() {
        let params: Vec<String> = f
            .parameters()
            .iter()
            .map(|p| {
                let (lo, hi) = p.interval(0.99).unwrap();
                format!(
                    "{} = {:.4} ± {:.4} (99 %: {:.4}–{:.4})",
                    p.name(),
                    p.estimate(),
                    p.std_error(),
                    lo,
                    hi
                )
            })
            .collect();
        println!(
            "  {:<12} AIC {:>10.2}  BIC {:>10.2}  {}",
            f.family().to_string(),
            f.aic(),
            f.bic(),
            params.join(", ")
        );
    }
    let target = fit.fit(family).unwrap();
    for (param, value) in truth {
        let p = target.parameter(param).unwrap();
        let (lo, hi) = p.interval(0.99).unwrap();
        assert!(lo <= *value && *value <= hi, "{name}: {param} = {value} outside 99 % interval ({lo}, {hi})");
    }
    assert_eq!(fit.best().unwrap().family(), family, "{name}: wrong family wins by AIC");
    assert_eq!(fit.best_by_bic().unwrap().family(), family, "{name}: wrong family wins by BIC");
    close(fit.rate().per_year(), 200.0, 1e-12);
    // The fitted process uses the winner.
    assert_eq!(fit.process().unwrap().duration(), target.distribution());
}

#[test]
fn recovers_lognormal() {
    let truth = [("mu", 0.3), ("sigma", 1.1)];
    let full = synthetic(1, lognormal_q, None);
    recover("lognormal", &full, DurationFamily::Lognormal, &truth);
    let censored = synthetic(2, lognormal_q, Some(25.0));
    recover("lognormal, censored", &censored, DurationFamily::Lognormal, &truth);
}

#[test]
fn recovers_weibull() {
    let truth = [("shape", 0.8), ("scale", 2.0)];
    let full = synthetic(3, weibull_q, None);
    recover("Weibull", &full, DurationFamily::Weibull, &truth);
    let censored = synthetic(4, weibull_q, Some(20.0));
    recover("Weibull, censored", &censored, DurationFamily::Weibull, &truth);
}

#[test]
fn recovers_exponential() {
    let truth = [("mean", 1.5)];
    let full = synthetic(5, exponential_q, None);
    recover("exponential", &full, DurationFamily::Exponential, &truth);
    let censored = synthetic(6, exponential_q, Some(14.0));
    recover("exponential, censored", &censored, DurationFamily::Exponential, &truth);
}

// --- skipped families, failures ----------------------------------------------

#[test]
fn skips_families_it_cannot_fit() {
    // One closed incident: only the exponential.
    let h = IncidentHistory::new(
        secs(10 * DAY),
        vec![Incident::closed(secs(DAY), secs(H)), Incident::open(secs(9 * DAY))],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    assert_eq!(fit.fits().count(), 1);
    assert_eq!(fit.best().unwrap().family(), DurationFamily::Exponential);
    let skipped: Vec<_> = fit.skipped().iter().map(SkippedFit::family).collect();
    assert_eq!(skipped, [DurationFamily::Lognormal, DurationFamily::Weibull]);
    assert!(fit.skipped()[0].reason().contains("two closed"));
    close(fit.best().unwrap().parameter("mean").unwrap().estimate(), 25.0, 1e-12);

    // Two equal durations: lognormal σ = 0, Weibull shape → ∞.
    let h = IncidentHistory::new(
        secs(10 * DAY),
        vec![Incident::closed(secs(DAY), secs(H)), Incident::closed(secs(2 * DAY), secs(H))],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    assert_eq!(fit.fits().count(), 1);
    assert!(fit.skipped()[0].reason().contains("equal"), "{:?}", fit.skipped());
    assert!(fit.skipped()[1].reason().contains("too alike"), "{:?}", fit.skipped());

    // Nothing closed: the rate is fitted, every family skipped, and only
    // the process is an error (tested in full in `no_closed_incident_fits_the_rate_only`).
    let h = IncidentHistory::new(secs(10 * DAY), vec![Incident::open(secs(DAY))]).unwrap();
    let fit = fit_history(&h).unwrap();
    assert_eq!(fit.fits().count(), 0);
    assert_eq!(field(&fit.process().unwrap_err()), "incidents");
}

#[test]
fn weibull_with_equal_closed_durations_outlasted_by_an_open_one() {
    // Closed 1 h, 1 h; open for 3 h: the profile score changes sign, a finite shape.
    let h = IncidentHistory::new(
        secs(10 * DAY),
        vec![
            Incident::closed(secs(DAY), secs(H)),
            Incident::closed(secs(2 * DAY), secs(H)),
            Incident::open(secs(10 * DAY - 3 * H)),
        ],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    let w = fit.fit(DurationFamily::Weibull).unwrap();
    let k = w.parameter("shape").unwrap().estimate();
    let profile = WeibullProfile::new(&h.sample());
    assert!(profile.score(k).0.abs() < 1e-10);
    // λ^k = (1 + 1 + 3^k)/2.
    let scale = w.parameter("scale").unwrap().estimate();
    close(scale.powf(k), f64::midpoint(2.0, 3.0_f64.powf(k)), 1e-10);
}

#[test]
fn censored_lognormal_maximises_the_likelihood() {
    let h = IncidentHistory::new(
        secs(30 * DAY),
        vec![
            Incident::closed(secs(DAY), secs(H)),
            Incident::closed(secs(2 * DAY), secs(2 * H)),
            Incident::closed(secs(3 * DAY), secs(5 * H)),
            Incident::closed(secs(4 * DAY), secs(H / 2)),
            Incident::open(secs(30 * DAY - 6 * H)),
        ],
    )
    .unwrap();
    let s = h.sample();
    let fit = fit_history(&h).unwrap();
    let l = fit.fit(DurationFamily::Lognormal).unwrap();
    let (mu, sigma) = (l.parameter("mu").unwrap().estimate(), l.parameter("sigma").unwrap().estimate());
    let best = lognormal_log_likelihood(&s, mu, sigma);
    close(l.log_likelihood(), best, 1e-14);
    for (dm, ds) in [(1e-3, 0.0), (-1e-3, 0.0), (0.0, 1e-3), (0.0, -1e-3), (1e-3, 1e-3)] {
        assert!(lognormal_log_likelihood(&s, mu + dm, sigma + ds) < best);
    }
    // Censoring pushes the estimates above the closed-only ones.
    let closed_mu = (2.0_f64.ln() + 5.0_f64.ln() + 0.5_f64.ln()) / 4.0;
    assert!(mu > closed_mu);
}

// --- (e) validation --------------------------------------------------------

#[test]
fn rejects_bad_histories_naming_the_field() {
    let d = |t: u64| secs(t);
    let cases: Vec<(Duration, Vec<Incident>, &str)> = vec![
        (Duration::ZERO, vec![Incident::closed(d(0), d(H))], "observed"),
        (d(DAY), vec![Incident::closed(d(0), d(H)), Incident::open(d(DAY))], "incidents[1].start"),
        (d(DAY), vec![Incident::closed(d(2 * DAY), d(H))], "incidents[0].start"),
        (d(DAY), vec![Incident::closed(d(H), Duration::ZERO)], "incidents[0].duration"),
        (
            d(DAY),
            vec![Incident::closed(d(H), d(H)), Incident::closed(d(23 * H), d(2 * H))],
            "incidents[1].duration",
        ),
    ];
    for (observed, incidents, expected) in cases {
        let err = IncidentHistory::new(observed, incidents).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }));
        assert_eq!(field(&err), expected, "{err}");
    }
    // Ending exactly at the window's end is fine.
    IncidentHistory::new(d(DAY), vec![Incident::closed(d(23 * H), d(H))]).unwrap();
    let err = IncidentHistory::new(d(DAY), vec![Incident::closed(d(23 * H), d(H + 1))]).unwrap_err();
    assert!(err.to_string().contains("must not run past the end"), "{err}");
}

#[test]
fn reads_and_writes_json() {
    let json = r#"{"observed": "730d", "incidents": [
        {"start": "12d4h", "duration": "2h"}, {"start": "700d", "open": true},
        {"start": "PT1H", "duration": 1800, "open": false}]}"#;
    let h = IncidentHistory::from_json(json).unwrap();
    assert_eq!(h.observed(), secs(730 * DAY));
    assert_eq!(h.incidents()[0], Incident::closed(secs(12 * DAY + 4 * H), secs(2 * H)));
    assert_eq!(h.incidents()[1], Incident::open(secs(700 * DAY)));
    assert_eq!(h.incidents()[2], Incident::closed(secs(H), secs(1800)));
    close(h.observed_years(), 2.0, 1e-15);
    let back = serde_json::to_value(&h).unwrap();
    assert_eq!(
        back,
        serde_json::json!({"observed": "730d", "incidents": [
            {"start": "12d4h", "duration": "2h"}, {"start": "700d", "open": true},
            {"start": "1h", "duration": "30m"}]})
    );
    let again: IncidentHistory = serde_json::from_value(back).unwrap();
    assert_eq!(again, h);
}

#[test]
fn rejects_bad_json_naming_the_field() {
    let cases = [
        (r#"[{"start": "1h", "duration": "2h", "open": true}]"#, "incidents[0]", "either a duration"),
        (r#"[{"start": "1h"}]"#, "incidents[0]", "must have a duration"),
        (r#"[{"start": "1h", "open": false}]"#, "incidents[0]", "must have a duration"),
        (
            r#"[{"start": "1h", "duration": "1h"}, {"start": "25h", "open": true}]"#,
            "incidents[1].start",
            "before the end",
        ),
        (r#"[{"start": "23h", "duration": "2h"}]"#, "incidents[0].duration", "must not run past the end"),
        (r#"[{"start": "2h", "duration": "0s"}]"#, "incidents[0].duration", "must be above 0"),
        (r#"[{"start": "1h", "duration": "1h", "sev": 1}]"#, "incidents[0].sev", "unknown field"),
        (r#"[{"start": "1h", "duration": "soon"}]"#, "incidents[0].duration", "soon"),
    ];
    for (incidents, path, text) in cases {
        let json = format!(r#"{{"observed": "1d", "incidents": {incidents}}}"#);
        let err = IncidentHistory::from_json(&json).unwrap_err();
        // A broken rule is `Invalid`, a wrong shape `Document`; both are located.
        let rule = text != "unknown field";
        assert_eq!(matches!(err, Error::Invalid { .. }), rule, "{err}");
        assert!(err.location().is_some(), "{err}");
        assert_eq!(field(&err), path, "{err}");
        assert!(err.to_string().contains(text), "{err}");
    }
    let err =
        IncidentHistory::from_json(r#"{"observed": "0s", "incidents": [{"start": "0s", "duration": "1h"}]}"#)
            .unwrap_err();
    assert_eq!(field(&err), "observed", "{err}");
    let err = IncidentHistory::from_json(r#"{"observed": "1d"}"#).unwrap_err();
    assert!(err.to_string().contains("incidents"), "{err}");
}

#[test]
fn serialises_the_fit() {
    let h = IncidentHistory::new(
        secs(365 * DAY),
        vec![
            Incident::closed(secs(10 * DAY), secs(H)),
            Incident::closed(secs(100 * DAY), secs(2 * H)),
            Incident::closed(secs(200 * DAY), secs(3 * H)),
            Incident::open(secs(365 * DAY - 4 * H)),
        ],
    )
    .unwrap();
    let fit = fit_history(&h).unwrap();
    let v = serde_json::to_value(&fit).unwrap();
    assert_eq!(v["rate"]["incidents"], 4);
    assert_eq!(v["rate"]["per_year"], 4.0);
    assert_eq!(v["closed"], 3);
    assert_eq!(v["open"], 1);
    let fits = v["fits"].as_array().unwrap();
    assert_eq!(fits.len(), 3);
    assert_eq!(v["best"], fits[0]["family"]);
    assert_eq!(fits[0]["delta_aic"], 0.0);
    let aics: Vec<f64> = fits.iter().map(|f| f["aic"].as_f64().unwrap()).collect();
    assert!(aics.windows(2).all(|w| w[0] <= w[1]));
    let exp = fits.iter().find(|f| f["family"] == "exponential").unwrap();
    assert_eq!(exp["parameters"][0]["name"], "mean");
    assert_eq!(exp["parameters"][0]["unit"], "h");
    assert!(exp["distribution"]["exponential"]["mean"].is_string());
    assert_eq!(v["process"]["frequency"]["poisson"]["per_year"], 4.0);
    assert_eq!(v["skipped"].as_array().unwrap().len(), 0);
}
