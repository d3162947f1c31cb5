//! Hostile input: text that would act on a terminal, a table or a
//! spreadsheet; documents and options past a limit; numeric edges. Each test
//! is a regression of a finding of the fuzzing and hostile-input campaign.

use std::time::Duration;

use downtime_cost::limits::{
    MAX_COMPONENTS, MAX_CURVE_POINTS, MAX_DESIGNS, MAX_DOCUMENT_BYTES, MAX_DRIVERS, MAX_EMPIRICAL_DURATIONS,
    MAX_EMPIRICAL_SEVERITIES, MAX_INCIDENTS, MAX_OUTAGES, MAX_TARGETS,
};
use downtime_cost::{
    Analysis, Architecture, Availability, Component, Curve, CurvePoint, DurationDistribution, Error,
    Fraction, Frequency, Incident, IncidentHistory, MAX_TRIALS, OutageProcess, Report, Scenario,
    SeverityDistribution, SimulationOptions, Style, TableKind, simulate,
};
use rust_decimal::Decimal;
use rust_decimal::dec;

fn saas_json() -> serde_json::Value {
    serde_json::from_str(&Scenario::builtin("saas").unwrap().to_json().unwrap()).unwrap()
}

fn read(v: &serde_json::Value) -> Result<Scenario, Error> {
    Scenario::from_json(&v.to_string())
}

/// Whether `c` acts on a terminal or reorders text (what `visible` escapes).
fn acts(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

const HOSTILE: &str = "Shop\u{1b}[31m red\nsecond line | cell\u{202e}desrever\u{7}";
const SHOWN: &str = r"Shop\u{1b}[31m red\u{a}second line";

#[test]
fn control_characters_and_bidi_marks_are_shown_as_escapes_in_text_and_markdown() {
    let mut v = saas_json();
    v["name"] = HOSTILE.into();
    v["description"] = HOSTILE.into();
    v["drivers"][0]["lost_sales"]["name"] = HOSTILE.into();
    v["designs"][0]["name"] = HOSTILE.into();
    let scenario = read(&v).unwrap();
    let report = Report::new(&Analysis::new(&scenario).unwrap()).unwrap();
    for (style, out) in [
        ("text", report.to_string()),
        ("markdown", report.to_markdown()),
        ("text sections", report.render_sections(&downtime_cost::Section::ALL, Style::Text)),
    ] {
        let bad: Vec<char> = out.chars().filter(|c| *c != '\n' && acts(*c)).collect();
        assert!(bad.is_empty(), "{style}: {bad:?}");
        // Markdown escapes its own characters too ([ and the escapes' backslashes, which it
        // renders as one).
        let md = |s: &str| {
            if style == "markdown" { s.replace('\\', r"\\").replace('[', r"\[") } else { s.to_owned() }
        };
        assert!(out.contains(&md(SHOWN)), "{style} shows the name with its escapes");
        assert!(out.contains(&md(r"\u{202e}desrever\u{7}")), "{style}");
    }
    // In Markdown the name cannot end a table row early: every row of the outage table keeps
    // the header's number of unescaped pipes.
    let md = report.to_markdown();
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let pipes = |line: &str| line.replace(r"\|", "").matches('|').count();
        let mut lines = table.lines();
        let header = pipes(lines.next().unwrap());
        for line in lines {
            assert_eq!(pipes(line), header, "{line}");
        }
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let mut v = saas_json();
    v["drivers"][0]["lost_sales"]["name"] = "=HYPERLINK(\"http://x\",\"y\")".into();
    v["drivers"][1]["response"]["name"] = "@SUM(A1:A9)".into();
    v["designs"][0]["name"] = "-2+3+cmd|' /C calc'!A0".into();
    v["designs"][1]["name"] = "+1+1".into();
    let scenario = read(&v).unwrap_or_else(|e| panic!("{e}: {}", v["drivers"]));
    let report = Report::new(&Analysis::new(&scenario).unwrap()).unwrap();
    let mut csv = report.to_csv();
    for kind in [TableKind::Outages, TableKind::Targets, TableKind::Designs] {
        csv.push_str(&report.table(kind).to_csv());
    }
    assert!(
        csv.contains("'=HYPERLINK")
            && csv.contains("'@SUM")
            && csv.contains("'-2+3")
            && csv.contains("'+1+1")
    );
    for field in csv.split(['\r', '\n', ',']).map(|f| f.trim_start_matches('"')) {
        let risky = field.starts_with(['=', '+', '@', '\t']);
        assert!(!risky || field.parse::<Decimal>().is_ok(), "{field}");
        if field.starts_with('-') {
            assert!(field.parse::<Decimal>().is_ok(), "a cell starting with '-' is a number: {field}");
        }
    }
}

#[test]
fn rejected_values_are_shown_safely_and_cut_when_long() {
    let mut v = saas_json();
    v["targets"][0] = "99\u{1b}]0;pwned\u{7}".into();
    let e = read(&v).unwrap_err();
    let text = e.to_string();
    assert_eq!(e.field(), Some("targets[0]"), "{text}");
    assert!(!text.chars().any(acts), "{text:?}");
    assert!(text.contains(r"99\u{1b}]0;pwned\u{7}"), "{text}");
    // A value of 100 000 characters is cut to 400 in the message, which says how much is left out.
    v["targets"][0] = "9".repeat(100_000).into();
    let text = read(&v).unwrap_err().to_string();
    // (The value shown is the JSON string, quotes included.)
    assert!(text.len() < 800 && text.contains("(99602 more characters)"), "{text}");
    // An unknown field's name is the document's text too.
    let mut v = saas_json();
    v["\u{1b}[2Jfield"] = 1.into();
    let text = read(&v).unwrap_err().to_string();
    assert!(!text.chars().any(acts) && text.contains(r"\u{1b}[2Jfield"), "{text:?}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let json = Scenario::builtin("saas").unwrap().to_json().unwrap();
    let with_bom = Scenario::from_json(&format!("\u{feff}{json}")).unwrap();
    assert_eq!(with_bom.to_json().unwrap(), json);
    // A rule broken in a document with a byte-order mark keeps its line and column.
    let mut v = saas_json();
    v["targets"][0] = "101".into();
    let e =
        Scenario::from_json(&format!("\u{feff}{}", serde_json::to_string_pretty(&v).unwrap())).unwrap_err();
    assert_eq!(e.field(), Some("targets[0]"), "{e}");
    assert!(e.location().is_some(), "{e}");
    // Only one, and only at the start: a second one is not JSON.
    let e = Scenario::from_json(&format!("\u{feff}\u{feff}{json}")).unwrap_err();
    assert!(matches!(e, Error::Document { .. }), "{e}");
}

/// `count` copies of the first element of `v[key]`.
fn repeated(v: &serde_json::Value, key: &str, count: usize) -> serde_json::Value {
    let mut v = v.clone();
    let first = v[key][0].clone();
    v[key] = serde_json::Value::Array(vec![first; count]);
    v
}

#[test]
fn each_scenario_limit_accepts_the_maximum_and_names_the_field_above_it() {
    let mut v = saas_json();
    // (The investment's run costs name every target; the targets are repeated below.)
    v.as_object_mut().unwrap().remove("investment");
    for (key, max) in [
        ("targets", MAX_TARGETS),
        ("outages", MAX_OUTAGES),
        ("drivers", MAX_DRIVERS),
        ("designs", MAX_DESIGNS),
    ] {
        read(&repeated(&v, key, max)).unwrap_or_else(|e| panic!("{key} at {max}: {e}"));
        let e = read(&repeated(&v, key, max + 1)).unwrap_err();
        assert_eq!(e.field(), Some(key), "{e}");
        assert!(e.to_string().contains(&format!("got {} entries", max + 1)), "{e}");
        assert!(e.location().is_some(), "{e}");
    }
    // A scenario built in code is checked when it is evaluated, before any work.
    let scenario = Scenario::builtin("saas").unwrap();
    let outage = scenario.outages()[0];
    let many = (0..=MAX_OUTAGES).fold(scenario, |s, _| s.with_outage(outage));
    let e = Analysis::new(&many).unwrap_err();
    assert_eq!(e.field(), Some("outages"), "{e}");
}

#[test]
fn the_document_size_is_limited_before_it_is_parsed() {
    let json = Scenario::builtin("saas").unwrap().to_json().unwrap();
    // Padded with spaces to exactly the limit: read; one byte more: refused, naming the document.
    let padded = format!("{json}{}", " ".repeat(MAX_DOCUMENT_BYTES - json.len()));
    Scenario::from_json(&padded).unwrap();
    let e = Scenario::from_json(&format!("{padded} ")).unwrap_err();
    assert_eq!(e.field(), Some("document"), "{e}");
    assert!(e.to_string().contains(&format!("got {} bytes", MAX_DOCUMENT_BYTES + 1)), "{e}");
    let e = Report::from_json(&format!("{padded} ")).unwrap_err();
    assert_eq!(e.field(), Some("document"), "{e}");
}

#[test]
fn value_limits_of_the_constructors() {
    let hour = Duration::from_secs(3600);
    // Curve points.
    let points = |n: usize| -> Vec<CurvePoint> {
        (0..n).map(|i| CurvePoint::new(Duration::from_secs(60 * i as u64), dec!(0.5))).collect()
    };
    Curve::non_decreasing(&points(MAX_CURVE_POINTS)).unwrap();
    assert_eq!(Curve::non_decreasing(&points(MAX_CURVE_POINTS + 1)).unwrap_err().field(), Some("points"));
    // Empirical durations and severities.
    DurationDistribution::empirical(&vec![hour; MAX_EMPIRICAL_DURATIONS]).unwrap();
    let e = DurationDistribution::empirical(&vec![hour; MAX_EMPIRICAL_DURATIONS + 1]).unwrap_err();
    assert_eq!(e.field(), Some("empirical"), "{e}");
    let half = Fraction::new(dec!(0.5)).unwrap();
    SeverityDistribution::empirical(&vec![half; MAX_EMPIRICAL_SEVERITIES]).unwrap();
    let e = SeverityDistribution::empirical(&vec![half; MAX_EMPIRICAL_SEVERITIES + 1]).unwrap_err();
    assert_eq!(e.field(), Some("empirical"), "{e}");
    // Incidents of a history.
    let window = Duration::from_secs(3600 * 24 * 365 * 10);
    let incidents = |n: usize| vec![Incident::closed(hour, hour); n];
    IncidentHistory::new(window, incidents(MAX_INCIDENTS)).unwrap();
    let e = IncidentHistory::new(window, incidents(MAX_INCIDENTS + 1)).unwrap_err();
    assert_eq!(e.field(), Some("incidents"), "{e}");
    // Components of one architecture.
    let leaf = || {
        Architecture::component(
            Component::with_availability("x", Availability::from_percent(dec!(99.9)).unwrap()).unwrap(),
        )
    };
    Architecture::series((0..MAX_COMPONENTS).map(|_| leaf()).collect()).unwrap();
    let e = Architecture::series((0..=MAX_COMPONENTS).map(|_| leaf()).collect()).unwrap_err();
    assert_eq!(e.field(), Some("components"), "{e}");
    // Nested groups count their members' components.
    let half_a_group = || Architecture::series((0..MAX_COMPONENTS / 2).map(|_| leaf()).collect()).unwrap();
    Architecture::parallel(vec![half_a_group(), half_a_group()]).unwrap();
    let e = Architecture::parallel(vec![half_a_group(), half_a_group(), leaf()]).unwrap_err();
    assert_eq!(e.field(), Some("components"), "{e}");
    // The negative binomial's shape and the beta's parameters.
    for (shape, ok) in [(1e-3, true), (0.000_999, false), (1e6, true), (1.000_001e6, false)] {
        assert_eq!(Frequency::negative_binomial(4.0, shape).is_ok(), ok, "shape {shape}");
        assert_eq!(SeverityDistribution::beta(shape, 1.0).is_ok(), ok, "alpha {shape}");
        assert_eq!(SeverityDistribution::beta(1.0, shape).is_ok(), ok, "beta {shape}");
    }
    assert_eq!(
        Frequency::negative_binomial(4.0, 1e-12).unwrap_err().field(),
        Some("negative_binomial.shape")
    );
    assert_eq!(SeverityDistribution::beta(1e-9, 1e9).unwrap_err().field(), Some("beta.alpha"));
}

fn saas_model_and(process: &OutageProcess) -> (downtime_cost::CostModel, OutageProcess) {
    (Scenario::builtin("saas").unwrap().model(), process.clone())
}

#[test]
fn trials_above_the_limit_are_an_error_not_an_abort() {
    let process = OutageProcess::new(
        Frequency::poisson(1e-12).unwrap(),
        DurationDistribution::exponential(Duration::from_secs(3600)).unwrap(),
        SeverityDistribution::default(),
    );
    let (model, process) = saas_model_and(&process);
    for trials in [MAX_TRIALS + 1, 1 << 40, u64::MAX] {
        let e = simulate(&model, &process, &SimulationOptions::new().with_trials(trials)).unwrap_err();
        assert_eq!(e.field(), Some("trials"), "{e}");
        assert!(e.to_string().contains("at most 100000000"), "{e}");
    }
    // The maximum itself runs (λ = 1e-12 a year: a chunk draws how many of its years hold an
    // outage, in one draw; the 800 MB of losses are the work).
    let d = simulate(&model, &process, &SimulationOptions::new().with_trials(MAX_TRIALS)).unwrap();
    assert_eq!(d.trials(), MAX_TRIALS);
}

#[test]
fn a_rate_whose_zero_probability_rounds_to_one_gives_outage_free_years() {
    // λ = 1e-20 a year: e^{−λ} rounds to 1. The skip of outage-free years once divided by
    // ln 1 = 0 and every year held an outage (a mean of about one outage's cost a year); the
    // binomial count of a chunk's years with one now draws 1 − e^{−λ} = −expm1(−λ) = λ. The chance
    // of any outage in 10⁵ years is 1e-15: every year is free of them.
    for lambda in [1e-20, 1e-300, f64::MIN_POSITIVE] {
        let process = OutageProcess::new(
            Frequency::poisson(lambda).unwrap(),
            DurationDistribution::exponential(Duration::from_secs(3600)).unwrap(),
            SeverityDistribution::default(),
        );
        let (model, process) = saas_model_and(&process);
        let d =
            simulate(&model, &process, &SimulationOptions::new().with_trials(100_000).with_seed(3)).unwrap();
        assert_eq!(d.max(), Decimal::ZERO, "λ = {lambda}");
    }
    // At λ = 1e-3 the count still finds the outages: about 100 years in 10⁵ hold one.
    let process = OutageProcess::new(
        Frequency::poisson(1e-3).unwrap(),
        DurationDistribution::exponential(Duration::from_secs(3600)).unwrap(),
        SeverityDistribution::default(),
    );
    let (model, process) = saas_model_and(&process);
    let d = simulate(&model, &process, &SimulationOptions::new().with_trials(100_000).with_seed(3)).unwrap();
    let with_loss = d.losses().iter().filter(|x| **x > 0.0).count();
    // Binomial(10⁵, 1 − e^{−0.001} ≈ 0.0009995): mean 99.95, sd ≈ 10; 5 sd either side.
    assert!((50..=150).contains(&with_loss), "{with_loss}");
}

#[test]
fn the_severity_and_count_errors_name_their_scenario_path() {
    let mut v = saas_json();
    v["assumption"] = serde_json::json!({"process": {
        "frequency": {"negative_binomial": {"mean_per_year": 4, "shape": 1e-12}},
        "duration": {"lognormal": {"mu": 0, "sigma": 1}}}});
    let e = read(&v).unwrap_err();
    assert_eq!(e.field(), Some("assumption.process.frequency.negative_binomial.shape"), "{e}");
    v["assumption"] = serde_json::json!({"process": {
        "frequency": {"poisson": {"per_year": 4}},
        "duration": {"lognormal": {"mu": 0, "sigma": 1}},
        "severity": {"beta": {"alpha": 1e-9, "beta": 1e9}}}});
    let e = read(&v).unwrap_err();
    assert_eq!(e.field(), Some("assumption.process.severity.beta.alpha"), "{e}");
}

/// The scenario with `drivers[0].lost_sales.revenue_per_year` set to `value` (a JSON value).
fn with_revenue(value: serde_json::Value) -> Result<Scenario, Error> {
    let mut v = saas_json();
    v["drivers"][0]["lost_sales"]["revenue_per_year"] = value;
    read(&v)
}

#[test]
fn numeric_edges_are_computed_exactly_or_rejected_with_their_path() {
    let path = "drivers[0].lost_sales.revenue_per_year";
    // NaN and infinity in every spelling, and numbers beyond f64: rejected at the path.
    for bad in ["NaN", "nan", "inf", "-inf", "Infinity", "1e400", "", " ", "0x10", "1,000"] {
        let e = with_revenue(bad.into()).unwrap_err();
        assert_eq!(e.field(), Some(path), "{bad:?}: {e}");
        assert!(e.location().is_some(), "{bad:?}");
    }
    let e = with_revenue(serde_json::from_str("1e400").unwrap_or(serde_json::Value::Null)).unwrap_err();
    assert_eq!(e.field(), Some(path), "{e}");
    // Exponent notation is the same exact decimal as its digits.
    let a = Report::new(&Analysis::new(&with_revenue("6e6".into()).unwrap()).unwrap()).unwrap();
    let b = Report::new(&Analysis::new(&with_revenue("6000000".into()).unwrap()).unwrap()).unwrap();
    assert_eq!(a.to_json().unwrap(), b.to_json().unwrap());
    // The largest Decimal as a revenue: computed exactly (each outage loses a share of it).
    let max = with_revenue(Decimal::MAX.to_string().into()).unwrap();
    let report = Report::new(&Analysis::new(&max).unwrap()).unwrap();
    assert!(report.outages().iter().all(|o| o.breakdown().items()[0].amount() > Decimal::ZERO));
    // The largest Decimal as an SLA fee: the credits overflow, an error that says where (never
    // a saturated figure).
    let mut v = saas_json();
    v["drivers"][2]["sla_credits"]["fee_per_period"] = Decimal::MAX.to_string().into();
    let e = Analysis::new(&read(&v).unwrap()).unwrap_err();
    assert!(matches!(e, Error::Overflow { .. }), "{e}");
    assert!(e.to_string().contains("SLA credits"), "{e}");
    // Availability: 0 % is rejected at its path; 100 % is a target with no downtime budget.
    let mut v = saas_json();
    v.as_object_mut().unwrap().remove("investment");
    v["targets"] = serde_json::json!([0]);
    assert_eq!(read(&v).unwrap_err().field(), Some("targets[0]"));
    v["targets"] = serde_json::json!([100, "99.9"]);
    let analysis = Analysis::new(&read(&v).unwrap()).unwrap();
    let report = Report::new(&analysis).unwrap();
    let rows = report.table(TableKind::Targets);
    assert_eq!(rows.rows().len(), 2);
    // Durations: below a second's format or above 2⁶⁴ seconds, rejected at their path.
    for bad in ["1ns", "100000000000000000000h", "-1h", "NaNh"] {
        let mut v = saas_json();
        v["outages"][0]["duration"] = bad.into();
        assert_eq!(read(&v).unwrap_err().field(), Some("outages[0].duration"), "{bad}");
    }
}

#[test]
fn a_fixed_outage_longer_than_a_year_reads_back_and_is_priced_in_bounded_time() {
    // Found by the `text` and `structured` fuzz targets: a typical outage of 8761 h, or planned
    // maintenance of a fixed 8761 h, was accepted, but the report's process (a fixed duration)
    // broke the one-year limit on a mean outage and did not read back. A fixed duration has no
    // tail: the limit is for the distributions that have one, and every fixed duration reads.
    for hours in ["8761h", "1000000h"] {
        let mut v = saas_json();
        v["assumption"] = serde_json::json!({"typical": {"duration": hours, "severity": "1"}});
        v["maintenance"] = serde_json::json!({
            "frequency": {"poisson": {"per_year": 1}}, "duration": {"fixed": hours}});
        let mut analysis = Analysis::new(&read(&v).unwrap()).unwrap();
        analysis.simulate(&SimulationOptions::new().with_trials(2_000).with_seed(1), |_, _| {}).unwrap();
        let report = Report::new(&analysis).unwrap();
        let json = report.to_json().unwrap();
        let back = Report::from_json(&json).unwrap_or_else(|e| panic!("{hours}: {e}"));
        assert_eq!(back.to_json().unwrap(), json, "{hours}");
        assert_eq!(back, report, "{hours}");
    }
}

#[test]
fn tiers_peaks_and_years_across_targets_have_their_limits() {
    use downtime_cost::limits::{MAX_PEAKS, MAX_SLA_TIERS};
    // SLA tiers: thresholds falling by 0.5 points, credits rising by 0.5 %.
    let tiers = |n: usize| -> serde_json::Value {
        (0..n)
            .map(|i| {
                let below = Decimal::from(100) - Decimal::new(5, 1) * Decimal::from(i + 1);
                let credit = Decimal::new(5, 3) * Decimal::from(i + 1);
                serde_json::json!({"below": below.to_string(), "credit": credit.to_string()})
            })
            .collect()
    };
    let mut v = saas_json();
    v["drivers"][2]["sla_credits"]["tiers"] = tiers(MAX_SLA_TIERS);
    read(&v).unwrap_or_else(|e| panic!("{e}"));
    v["drivers"][2]["sla_credits"]["tiers"] = tiers(MAX_SLA_TIERS + 1);
    assert_eq!(read(&v).unwrap_err().field(), Some("drivers[2].sla_credits.tiers"));
    // Peaks: one a day through 2025 fits 365; 367 are refused before they are laid out.
    let mut v: serde_json::Value =
        serde_json::from_str(&Scenario::builtin("retailer").unwrap().to_json().unwrap()).unwrap();
    let day = |i: i64| (jiff::civil::date(2025, 1, 1) + jiff::Span::new().days(i)).to_string();
    let peaks = |n: i64| -> serde_json::Value {
        (0..n).map(|i| serde_json::json!({"name": format!("p{i}"), "from": day(i), "to": day(i), "multiplier": "2"})).collect()
    };
    v["calendar"]["peaks"] = peaks(365);
    read(&v).unwrap_or_else(|e| panic!("{e}"));
    v["calendar"]["peaks"] = peaks(i64::try_from(MAX_PEAKS).unwrap() + 1);
    assert_eq!(read(&v).unwrap_err().field(), Some("calendar.peaks"));
    // Simulated years in an analysis: every target's losses are kept, so the limit is on them all.
    let saas = Scenario::builtin("saas").unwrap();
    let mut analysis = Analysis::new(&saas).unwrap();
    let per_target = MAX_TRIALS / 6 + 1;
    let e = analysis.simulate(&SimulationOptions::new().with_trials(per_target), |_, _| {}).unwrap_err();
    assert_eq!(e.field(), Some("trials"), "{e}");
    assert!(e.to_string().contains("× 6 targets"), "{e}");
}

#[test]
fn a_scenario_built_in_code_is_written_only_if_it_reads_back() {
    // Found by the `structured` fuzz target: a dated outage added to a scenario whose calendar
    // names no year was written, and the document did not read back. Writing checks the rules
    // reading applies.
    // The SaaS scenario without its named year (and its two dated outages).
    let mut v = saas_json();
    v["calendar"].as_object_mut().unwrap().remove("year");
    v["outages"] = serde_json::json!([v["outages"][0], v["outages"][1]]);
    let scenario = read(&v).unwrap();
    let date = jiff::civil::date(2025, 5, 1).at(10, 0, 0, 0);
    let outage = downtime_cost::Outage::new(Duration::from_secs(3600))
        .with_start(downtime_cost::OutageStart::At(date))
        .unwrap();
    let dated = scenario.clone().with_outage(outage);
    let e = dated.to_json().unwrap_err();
    assert_eq!(e.field(), Some("outages[2].start"), "{e}");
    assert!(Analysis::new(&dated).is_err());
    // With a week start it writes and reads back.
    let weekly = downtime_cost::Outage::new(Duration::from_secs(3600))
        .with_start(downtime_cost::OutageStart::Week(Duration::from_secs(3600)))
        .unwrap();
    let ok = scenario.with_outage(weekly);
    assert_eq!(
        Scenario::from_json(&ok.to_json().unwrap()).unwrap().to_json().unwrap(),
        ok.to_json().unwrap()
    );
}

#[test]
fn a_date_outside_the_years_a_scenario_reads_is_refused_when_set() {
    // Found by the `structured` fuzz target: a start in year 0 was taken, then the scenario
    // written with it did not read back (the reader takes years 1 to 9 999).
    let outage = downtime_cost::Outage::new(Duration::from_secs(3600));
    let year0 = jiff::civil::date(0, 8, 4).at(7, 27, 0, 0);
    let e = outage.with_start(downtime_cost::OutageStart::At(year0)).unwrap_err();
    assert_eq!(e.field(), Some("start.at"), "{e}");
    let year1 = jiff::civil::date(1, 1, 1).at(0, 0, 0, 0);
    assert!(outage.with_start(downtime_cost::OutageStart::At(year1)).is_ok());
    let year9999 = jiff::civil::date(9999, 12, 31).at(23, 0, 0, 0);
    assert!(outage.with_start(downtime_cost::OutageStart::At(year9999)).is_ok());
}

/// Fuzz finding (structured): a study derives its rows' processes, and under
/// faster recovery a rare process at a low target may be allowed outages
/// longer than a year on average. The limit on the mean guards what a user
/// writes, so the derived row is written and reads back as itself.
///
/// By hand: 0.01 outages a year of mean 10 h downtime 0.1 h a year; 50 %
/// allows half a year, 4 380 h (365-day year) or 4 383 h (365.25), so every
/// duration is stretched by about 43 800: a mean of about 438 000 h, fifty
/// times the one-year limit.
#[test]
fn derived_row_past_a_year_reads_back() {
    use downtime_cost::{
        CostModel, Currency, ImprovementPolicy, LostSales, OutageAssumption, ProcessAssumption, TargetStudy,
    };
    let process = OutageProcess::new(
        Frequency::poisson(0.01).unwrap(),
        DurationDistribution::exponential(Duration::from_secs(36_000)).unwrap(),
        SeverityDistribution::default(),
    );
    let model =
        CostModel::new(Currency::USD).with_driver(LostSales::new(dec!(8_760_000), Fraction::ONE).unwrap());
    let assumption =
        OutageAssumption::Process(ProcessAssumption::new(&process, ImprovementPolicy::FasterRecovery));
    let target = Availability::from_percent(dec!(50)).unwrap();
    let study = TargetStudy::new(&model, &assumption, &[target]).unwrap();
    let row = &study.rows()[0];
    let mean_h = row.mean_duration().as_secs_f64() / 3600.0;
    assert!((437_999.0..=438_301.0).contains(&mean_h), "mean {mean_h} h");
    let json = serde_json::to_string(&study).unwrap();
    let back: TargetStudy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, study);
    // The same distribution written by a user is refused, naming its field.
    let mean = serde_json::json!({"exponential": {"mean": format!("{}s", row.mean_duration().as_secs())}});
    let err = serde_json::from_value::<DurationDistribution>(mean).unwrap_err().to_string();
    assert!(err.contains("one year"), "{err}");
}
