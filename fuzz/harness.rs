//! The fuzz harness: one function per target, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, nightly) and by the stable replay test
//! (`tests/fuzz_replay.rs`), so a corpus or regression file means the same thing
//! in both. A panic is a finding: the checks below are `assert!`s.
//!
//! `DC_FUZZ_NO_TEXT_CHECK` set (to anything) turns off the output-safety checks
//! ([`check_output_safety`]): control and bidi characters in rendered text and
//! formula-like CSV fields. `DC_FUZZ_NO_KNOWN_GATES` set turns off the
//! `KNOWN` gates ([`known_gates`]), the early returns that skip a failure
//! already reported so a campaign can go on. None is in place: every failure
//! the campaigns found is fixed, and its input is in `regressions/`.
#![allow(dead_code, reason = "each fuzz target uses one entry point; the replay test uses all three")]
#![allow(
    clippy::too_many_lines,
    clippy::missing_panics_doc,
    reason = "a fuzz harness: long straight-line drivers, panics are its findings"
)]

use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::{Arbitrary, Unstructured};
use downtime_cost::{
    Analysis, Architecture, Availability, BillingPeriod, BrandImpact, Calendar, ClockTime, Component,
    Conventions, CostModel, CoverHours, Coverage, CreditDirection, Currency, Curve, CurvePoint, CustomImpact,
    DataLoss, DecisionOptions, Design, Driver, DurationDistribution, ExpectedOptions, FittedAssumption,
    Fraction, Frequency, ImprovementPolicy, Incident, IncidentHistory, Investment, LineItem, LossSummary,
    LostProductivity, LostSales, MonthLength, Outage, OutageAssumption, OutageProcess, OutageStart,
    PeakPeriod, ProcessAssumption, Publicity, QuarterLength, Recovery, Report, Response, ResponseSla,
    RunCost, SalesBasis, Scenario, Section, SensitivityOptions, SeverityDistribution, SimulationOptions,
    SlaCredits, SlaMeasure, SlaTier, Style, SupportChoice, SupportComparison, SupportComparisonOptions,
    SupportOption, TableKind, TargetStudy, Weekday, WeeklyProfile, YearLength,
};
use rust_decimal::Decimal;

/// Trials a scenario is simulated with under the fuzzer.
pub(crate) const FUZZ_TRIALS: u64 = 64;

/// Whether the `KNOWN` gates skip the failures already reported (on unless
/// `DC_FUZZ_NO_KNOWN_GATES` is set: set it to see whether a fix landed).
pub(crate) fn known_gates() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("DC_FUZZ_NO_KNOWN_GATES").is_none())
}

/// Whether the output-safety assertions run (on unless `DC_FUZZ_NO_TEXT_CHECK` is set).
pub(crate) fn check_output_safety() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("DC_FUZZ_NO_TEXT_CHECK").is_none())
}

// ---------------------------------------------------------------------------------------------
// Output checks
// ---------------------------------------------------------------------------------------------

/// A character no rendered text may carry: C0 controls but `\n`, DEL, C1
/// controls, and the bidi embeddings, overrides and isolates.
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text and Markdown output: no forbidden character.
fn check_text(what: &str, out: &str) {
    if let Some((i, c)) = out.char_indices().find(|&(_, c)| forbidden(c)) {
        let before: String = out[..i].chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = out[i..].chars().take(40).collect();
        panic!("{what}: forbidden character {c:?} at byte {i}: {before:?} + {after:?}");
    }
}

/// Markdown structure: a table row is one line (starts and ends with `|`, as
/// many unescaped `|` as the table's header); a heading line is followed by
/// an empty line (a line break inside a heading would end it early).
fn check_markdown(what: &str, md: &str) {
    check_text(what, md);
    let lines: Vec<&str> = md.split('\n').collect();
    let mut pipes_in_table: Option<usize> = None;
    for (n, line) in lines.iter().enumerate() {
        if line.starts_with('|') {
            assert!(line.ends_with(" |"), "{what}: table row {n} does not end with \" |\": {line:?}");
            let bytes = line.as_bytes();
            let pipes = bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
                .count();
            match pipes_in_table {
                None => pipes_in_table = Some(pipes),
                Some(p) => assert_eq!(p, pipes, "{what}: table row {n} has another column count: {line:?}"),
            }
        } else {
            pipes_in_table = None;
        }
        if line.starts_with('#') {
            let next = lines.get(n + 1).copied().unwrap_or("");
            assert!(
                next.is_empty(),
                "{what}: heading line {n} {line:?} continues on the next line: {next:?}"
            );
        }
    }
}

/// A plain number as a spreadsheet reads one: `[+-]digits[.digits][e[+-]digits]`.
fn plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// Parses RFC 4180 CSV (CRLF records), asserting it is well formed.
fn parse_csv(what: &str, csv: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = csv.chars().peekable();
    let mut at_field_start = true;
    loop {
        let Some(c) = chars.next() else {
            assert!(
                at_field_start && record.is_empty() && field.is_empty(),
                "{what}: CSV does not end with CRLF"
            );
            break;
        };
        match c {
            '"' if at_field_start => {
                at_field_start = false;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => panic!("{what}: unterminated quoted CSV field {field:?}"),
                    }
                }
                assert!(
                    matches!(chars.peek(), Some(',' | '\r')),
                    "{what}: text after a quoted CSV field {field:?}: {:?}",
                    chars.peek()
                );
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "{what}: CR without LF outside quotes");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            '"' | '\n' => panic!("{what}: {c:?} in an unquoted CSV field after {field:?}"),
            c => {
                at_field_start = false;
                field.push(c);
            }
        }
    }
    records
}

/// CSV: well formed, rows as wide as the header, and no field a spreadsheet
/// would run as a formula (`=`, `@`, tab or CR first; `+`/`-` first unless a
/// plain number).
fn check_csv(what: &str, csv: &str) {
    let records = parse_csv(what, csv);
    let width = records.first().map_or(0, Vec::len);
    for (n, r) in records.iter().enumerate() {
        assert_eq!(r.len(), width, "{what}: CSV record {n} has {} fields, the header {width}", r.len());
    }
    if !check_output_safety() {
        return;
    }
    for (n, r) in records.iter().enumerate() {
        for f in r {
            let risky =
                f.starts_with(['=', '@', '\t', '\r']) || (f.starts_with(['+', '-']) && !plain_number(f));
            assert!(!risky, "{what}: CSV record {n} has a formula-like field {f:?}");
        }
    }
}

/// A document written, read back and written again is the same text.
fn same_json(what: &str, written: &str, again: &str) {
    if written == again {
        return;
    }
    assert_eq!(written, again, "{what} JSON changes on a round trip");
}

// ---------------------------------------------------------------------------------------------
// scenario: a scenario document, analysed, simulated and rendered every way
// ---------------------------------------------------------------------------------------------

/// The `scenario` target with the fuzzer's trial count.
pub(crate) fn scenario(data: &[u8]) {
    scenario_with_trials(data, FUZZ_TRIALS);
}

/// Reads `data` as a scenario; a valid one must write and read back the same,
/// and its analysis, simulation (`trials` trials; none for 0) and report must render safely.
pub(crate) fn scenario_with_trials(data: &[u8], trials: u64) {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let Ok(scenario) = Scenario::from_json(json) else { return };
    let written = scenario.to_json().expect("a valid scenario writes");
    let back = Scenario::from_json(&written)
        .unwrap_or_else(|e| panic!("a written scenario reads back: {e}\n{written}"));
    let again = back.to_json().expect("a read-back scenario writes");
    same_json("scenario", &written, &again);
    let Some(report) = analyse(&scenario, (trials > 0).then_some(trials)) else { return };
    // Sections one at a time, and Display as the whole text report.
    assert_eq!(
        report.to_string(),
        report.render_sections(&Section::ALL, Style::Text),
        "Display is the text report"
    );
    if check_output_safety() {
        for s in Section::ALL {
            check_markdown("markdown section", &report.render_sections(&[s], Style::Markdown));
            check_text("text section", &report.render_sections(&[s], Style::Text));
        }
    }
}

/// Analyses `scenario` (and simulates it with `trials` and swings a few
/// inputs for the tornado when `trials` is given), then
/// reports and renders it.
fn analyse(scenario: &Scenario, trials: Option<u64>) -> Option<Report> {
    let mut analysis = Analysis::new(scenario).ok()?;
    if let Some(trials) = trials {
        let options = SimulationOptions::new().with_trials(trials).with_seed(1);
        // An error (a process too large to simulate, say) leaves the analysis as it was.
        let _ = analysis.simulate(&options, |_, _| {});
        // The tornado over the first few inputs (each swing is a study of its own).
        let _ = analysis.analyse_sensitivity(&SensitivityOptions::new().with_max_inputs(4));
    }
    let report = Report::new(&analysis).ok()?;
    render(&report);
    Some(report)
}

/// Every rendering of `report`, checked.
fn render(report: &Report) {
    let safe = check_output_safety();
    let md = report.to_markdown();
    let text = report.render_sections(&Section::ALL, Style::Text);
    if safe {
        check_markdown("markdown", &md);
        check_text("text", &text);
    }
    check_csv("to_csv", &report.to_csv());
    check_csv("exceedance_csv", &report.exceedance_csv());
    check_csv("sensitivity_csv", &report.sensitivity_csv());
    for kind in TableKind::ALL {
        let table = report.table(kind);
        for row in table.rows() {
            assert_eq!(row.len(), table.columns().len(), "{kind:?}: a row as wide as the columns");
        }
        check_csv(kind.name(), &table.to_csv());
    }
    let json = report.to_json().expect("a report writes");
    let back = match Report::from_json(&json) {
        Ok(back) => back,
        Err(e) => panic!("a written report reads back: {e}\n{json}"),
    };
    let (a, b) = if back == *report {
        (String::new(), String::new())
    } else {
        (format!("{report:?}"), format!("{back:?}"))
    };
    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    if a != b {
        let from = a[..at].rfind(", ").unwrap_or(0).saturating_sub(200);
        panic!(
            "a report reads back as another value; first difference (Debug):\nwritten: {}\nread:    {}",
            a.get(from..at.saturating_add(120).min(a.len())).unwrap_or(""),
            b.get(from..at.saturating_add(120).min(b.len())).unwrap_or("")
        );
    }
    same_json("report", &json, &back.to_json().expect("a read-back report writes"));
}

// ---------------------------------------------------------------------------------------------
// text: one string into every text parser
// ---------------------------------------------------------------------------------------------

/// Small valid scenarios; each `@NAME@` is replaced by a JSON value: the
/// fuzzed one at one field, the default elsewhere. The first has no calendar
/// (cheap to read), the second a calendar year with working hours and a peak.
const TEMPLATES: [&str; 2] = [
    r#"{"schema":1,"name":@NAME@,"description":@DESCRIPTION@,"currency":@CURRENCY@,
"drivers":[{"lost_sales":{"name":"shop","revenue_per_year":@MONEY@,"share_at_risk":@SHARE@}},
{"custom":{"name":"fine","curve":[{"at":"0s","value":"0"},{"at":"4h","value":@CURVE@}]}}],
"outages":[{"duration":@DURATION@,"severity":@SEVERITY@,"start":{"week":@WEEK@}},
{"duration":"1h","start":{"year":@YEAR@}}],
"assumption":{"typical":{"duration":@TYPICAL@,"severity":1}},
"targets":[99,@TARGET@]}"#,
    r#"{"schema":1,"name":"shop","currency":"EUR",
"calendar":{"year":2025,"working_hours":{"days":[@WEEKDAY@,"tue"],"from":@CLOCK@,"to":"17:30"},
"peaks":[{"name":"peak","from":@DATE@,"to":"2025-12-01","multiplier":@MULTIPLIER@}]},
"drivers":[{"lost_productivity":{"staff":10,"cost_per_hour":"40","dependency":"0.5"}}],
"outages":[{"duration":"2h","start":@START@}],
"assumption":{"typical":{"duration":"1h"}},
"targets":[99.9]}"#,
];

/// The templates' fields: template, placeholder, default (JSON), and whether
/// the field also takes a bare JSON number.
const FIELDS: &[(usize, &str, &str, bool)] = &[
    (0, "@CURRENCY@", r#""EUR""#, false),
    (0, "@MONEY@", r#""8760000""#, true),
    (0, "@SHARE@", r#""60%""#, true),
    (0, "@CURVE@", r#""100000""#, true),
    (0, "@DURATION@", r#""2h30m""#, false),
    (0, "@SEVERITY@", r#""0.5""#, true),
    (0, "@WEEK@", r#""2d9h""#, false),
    (0, "@YEAR@", r#""331d14h""#, false),
    (0, "@TYPICAL@", r#""1h""#, false),
    (0, "@TARGET@", r#""99.9%""#, true),
    (1, "@WEEKDAY@", r#""mon""#, false),
    (1, "@CLOCK@", r#""09:00""#, false),
    (1, "@DATE@", r#""2025-11-28""#, false),
    (1, "@MULTIPLIER@", r#""3""#, true),
    (1, "@START@", r#""2025-11-28T19:00""#, false),
];

/// Template `t` with `value` (JSON) at `field` (the name and description
/// too when `field` is `"@TEXT@"`), defaults elsewhere.
fn fill(t: usize, field: &str, value: &str) -> String {
    let mut doc = TEMPLATES[t].to_owned();
    for (_, key, default, _) in FIELDS.iter().filter(|f| f.0 == t) {
        doc = doc.replace(key, if *key == field { value } else { default });
    }
    let text = field == "@TEXT@";
    doc.replace("@NAME@", if text { value } else { r#""shop""# })
        .replace("@DESCRIPTION@", if text { value } else { r#""a shop""# })
}

/// A template scenario read; a valid one must write and read back the same
/// and is analysed (and reported and rendered when `render` is set).
fn template(doc: &str, full: bool) {
    let Ok(scenario) = Scenario::from_json(doc) else { return };
    let written = scenario.to_json().expect("a valid scenario writes");
    let back = Scenario::from_json(&written)
        .unwrap_or_else(|e| panic!("a written scenario reads back: {e}\n{written}"));
    same_json("scenario", &written, &back.to_json().expect("a read-back scenario writes"));
    if full {
        let _ = analyse(&scenario, None);
    } else {
        let _ = Analysis::new(&scenario);
    }
}

/// Reads `s` as a JSON string of type `T`; an accepted value must write and
/// read back as itself.
fn de<T>(s: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    if let Ok(v) = serde_json::from_value::<T>(serde_json::Value::String(s.to_owned())) {
        let written = serde_json::to_value(&v).expect("an accepted value writes");
        let back: T = serde_json::from_value(written.clone())
            .unwrap_or_else(|e| panic!("{v:?} written as {written} does not read back: {e}"));
        assert_eq!(back, v, "{s:?} → {written} reads back as another value");
    }
}

/// The `text` target: `data` as UTF-8 into the duration, currency, availability,
/// fraction, report, history and scenario parsers.
pub(crate) fn text(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(d) = downtime_cost::duration::parse(s) {
        let f = downtime_cost::duration::format(d);
        let back = downtime_cost::duration::parse(&f)
            .unwrap_or_else(|e| panic!("{s:?} parsed as {d:?}, formatted {f:?}, does not parse: {e}"));
        assert_eq!(back, d, "{s:?} → {d:?} → {f:?} → {back:?}");
        let secs = downtime_cost::duration::seconds(d);
        assert!(!secs.is_sign_negative(), "negative seconds {secs} for {s:?}");
    }
    if let Ok(c) = Currency::new(s) {
        assert_eq!(c.as_str(), s, "a currency is the code it was given");
        assert_eq!(Currency::from_str(s).ok(), Some(c));
    }
    de::<Availability>(s);
    de::<Fraction>(s);
    de::<Currency>(s);
    if let Ok(d) = Decimal::from_str(s) {
        if let Ok(a) = Availability::from_percent(d) {
            let p = a.percent();
            assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED, "availability {p}% from {s:?}");
        }
        if let Ok(f) = Fraction::new(d) {
            let v = f.get();
            assert!(v >= Decimal::ZERO && v <= Decimal::ONE, "fraction {v} from {s:?}");
        }
    }
    if let Ok(report) = Report::from_json(s) {
        render(&report);
    }
    if let Ok(history) = IncidentHistory::from_json(s) {
        let _ = history.fit();
    }
    if Scenario::from_json(s).is_ok() {
        // A whole scenario: the `scenario` target's checks without the simulation.
        scenario_with_trials(data, 0);
    }
    let quoted = serde_json::to_string(s).expect("a string writes as JSON");
    // The text fields (name and description): analysed, reported and rendered.
    template(&fill(0, "@TEXT@", &quoted), true);
    // Each typed field in turn: analysed when accepted.
    for &(t, key, _, number) in FIELDS {
        template(&fill(t, key, &quoted), false);
        if number && !s.is_empty() && s.len() < 400 {
            template(&fill(t, key, s), false);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// structured: the public constructors, driven by `arbitrary`
// ---------------------------------------------------------------------------------------------

/// A duration: mostly small (minutes, seconds), sometimes any.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Dur {
    Minutes(u16),
    Seconds(u32),
    Any(u64, u32),
}

impl Dur {
    fn get(self) -> Duration {
        match self {
            Dur::Minutes(m) => Duration::from_secs(u64::from(m) * 60),
            Dur::Seconds(s) => Duration::from_secs(u64::from(s)),
            Dur::Any(s, n) => Duration::new(s, n % 1_000_000_000),
        }
    }
}

/// A decimal: a small integer, a scaled integer, a wide one, or from an `f64`.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Dec {
    Int(i16),
    Percent(u16),
    Scaled(i64, u8),
    Wide(i128, u8),
    Float(f64),
}

impl Dec {
    fn get(self) -> Decimal {
        match self {
            Dec::Int(i) => Decimal::from(i),
            Dec::Percent(p) => Decimal::new(i64::from(p), 2),
            Dec::Scaled(m, s) => Decimal::new(m, u32::from(s % 29)),
            Dec::Wide(m, s) => {
                Decimal::try_from_i128_with_scale(m, u32::from(s % 29)).unwrap_or(Decimal::MAX)
            }
            Dec::Float(f) => Decimal::try_from(f).unwrap_or_default(),
        }
    }
}

/// An `f64`: a ratio of small integers, or any bits.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Real {
    Ratio(u16, u16),
    Any(f64),
}

impl Real {
    fn get(self) -> f64 {
        match self {
            Real::Ratio(a, b) => f64::from(a) / f64::from(b.max(1)),
            Real::Any(f) => f,
        }
    }
}

fn fraction(d: Dec) -> Option<Fraction> {
    Fraction::new(d.get()).ok()
}

fn availability(d: Dec) -> Option<Availability> {
    Availability::from_percent(d.get()).ok()
}

#[derive(Arbitrary, Debug)]
enum DurationIn {
    Fixed(Dur),
    Exponential(Dur),
    Lognormal(Real, Real),
    LognormalQuantiles((Real, Dur), (Real, Dur)),
    Weibull(Real, Dur),
    Gamma(Real, Dur),
    Empirical(Vec<Dur>),
}

impl DurationIn {
    fn build(&self) -> Option<DurationDistribution> {
        match self {
            DurationIn::Fixed(d) => Some(DurationDistribution::fixed(d.get())),
            DurationIn::Exponential(d) => DurationDistribution::exponential(d.get()).ok(),
            DurationIn::Lognormal(mu, sigma) => DurationDistribution::lognormal(mu.get(), sigma.get()).ok(),
            DurationIn::LognormalQuantiles((p, a), (q, b)) => {
                DurationDistribution::lognormal_from_quantiles((p.get(), a.get()), (q.get(), b.get())).ok()
            }
            DurationIn::Weibull(k, d) => DurationDistribution::weibull(k.get(), d.get()).ok(),
            DurationIn::Gamma(k, d) => DurationDistribution::gamma(k.get(), d.get()).ok(),
            DurationIn::Empirical(v) => {
                let v: Vec<Duration> = v.iter().take(64).map(|d| d.get()).collect();
                DurationDistribution::empirical(&v).ok()
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum SeverityIn {
    Default,
    Fixed(Dec),
    Beta(Real, Real),
    Empirical(Vec<Dec>),
}

impl SeverityIn {
    fn build(&self) -> Option<SeverityDistribution> {
        match self {
            SeverityIn::Default => Some(SeverityDistribution::default()),
            SeverityIn::Fixed(d) => fraction(*d).map(SeverityDistribution::fixed),
            SeverityIn::Beta(a, b) => SeverityDistribution::beta(a.get(), b.get()).ok(),
            SeverityIn::Empirical(v) => {
                let v: Vec<Fraction> = v.iter().take(64).filter_map(|d| fraction(*d)).collect();
                SeverityDistribution::empirical(&v).ok()
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum FrequencyIn {
    Poisson(Real),
    Fixed(u8),
    FixedAny(u32),
    NegativeBinomial(Real, Real),
}

impl FrequencyIn {
    fn build(&self) -> Option<Frequency> {
        match self {
            FrequencyIn::Poisson(r) => Frequency::poisson(r.get()).ok(),
            FrequencyIn::Fixed(n) => Some(Frequency::fixed(u32::from(*n))),
            FrequencyIn::FixedAny(n) => Some(Frequency::fixed(*n)),
            FrequencyIn::NegativeBinomial(m, k) => Frequency::negative_binomial(m.get(), k.get()).ok(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ProcessIn {
    frequency: FrequencyIn,
    duration: DurationIn,
    severity: SeverityIn,
}

impl ProcessIn {
    fn build(&self) -> Option<OutageProcess> {
        Some(OutageProcess::new(self.frequency.build()?, self.duration.build()?, self.severity.build()?))
    }
}

#[derive(Arbitrary, Debug)]
enum ProfileIn {
    Flat,
    OfficeHours,
    Hourly(Vec<Dec>),
    DaysHours(Vec<Dec>, Vec<Dec>),
    Schedule(Vec<u8>, (u8, u8), (u8, u8)),
}

fn weekday(n: u8) -> Weekday {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ][usize::from(n % 7)]
}

impl ProfileIn {
    fn build(&self) -> Option<WeeklyProfile> {
        let decs = |v: &[Dec]| v.iter().take(200).map(|d| d.get()).collect::<Vec<_>>();
        match self {
            ProfileIn::Flat => Some(WeeklyProfile::flat()),
            ProfileIn::OfficeHours => Some(WeeklyProfile::office_hours()),
            ProfileIn::Hourly(v) => WeeklyProfile::from_hourly(&decs(v)).ok(),
            ProfileIn::DaysHours(d, h) => WeeklyProfile::from_days_and_hours(&decs(d), &decs(h)).ok(),
            ProfileIn::Schedule(days, from, to) => {
                let days: Vec<Weekday> = days.iter().take(14).map(|&d| weekday(d)).collect();
                let from = ClockTime::new(from.0, from.1).ok()?;
                let to = ClockTime::new(to.0, to.1).ok()?;
                WeeklyProfile::schedule(&days, from, to).ok()
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum PeakIn {
    Days { name: String, first_day: u16, days: Dec, multiplier: Dec },
    Between { name: String, from: (u8, u8), to: (u8, u8), multiplier: Dec },
}

#[derive(Arbitrary, Debug)]
struct CalendarIn {
    year: Option<i16>,
    year_length: u8,
    month_length: u8,
    quarter_length: u8,
    starts_on: Option<u8>,
    revenue: Option<ProfileIn>,
    working: Option<ProfileIn>,
    peaks: Vec<PeakIn>,
}

impl CalendarIn {
    fn conventions(&self) -> Conventions {
        let year = [YearLength::Days365, YearLength::Gregorian, YearLength::Julian]
            [usize::from(self.year_length % 3)];
        let month = [MonthLength::YearTwelfth, MonthLength::Days30, MonthLength::Calendar]
            [usize::from(self.month_length % 3)];
        let quarter = [QuarterLength::YearQuarter, QuarterLength::Days90, QuarterLength::Calendar]
            [usize::from(self.quarter_length % 3)];
        Conventions::new().with_year(year).with_month(month).with_quarter(quarter)
    }

    /// The calendar; a rejected part is left out (the errors are what the
    /// constructors are for, the rest still runs).
    fn build(&self) -> Calendar {
        let mut c = Calendar::new(self.conventions());
        if let Some(y) = self.year {
            c = c.clone().with_year(y).unwrap_or(c);
        }
        if let Some(d) = self.starts_on {
            c = c.clone().with_year_starts_on(weekday(d)).unwrap_or(c);
        }
        if let Some(p) = self.revenue.as_ref().and_then(ProfileIn::build) {
            c = c.clone().with_revenue_profile(p).unwrap_or(c);
        }
        if let Some(p) = self.working.as_ref().and_then(ProfileIn::build) {
            c = c.clone().with_working_hours(p).unwrap_or(c);
        }
        for p in self.peaks.iter().take(8) {
            let peak = match p {
                PeakIn::Days { name, first_day, days, multiplier } => {
                    PeakPeriod::new(name, *first_day, days.get(), multiplier.get()).ok()
                }
                PeakIn::Between { name, from, to, multiplier } => {
                    let year = self.year.unwrap_or(2025);
                    let date = |(m, d): (u8, u8)| {
                        jiff::civil::Date::new(
                            year,
                            i8::try_from(m % 13).unwrap_or(1),
                            i8::try_from(d % 32).unwrap_or(1),
                        )
                        .ok()
                    };
                    match (date(*from), date(*to)) {
                        (Some(f), Some(t)) => PeakPeriod::between(name, f, t, multiplier.get()).ok(),
                        _ => None,
                    }
                }
            };
            if let Some(peak) = peak {
                c = c.clone().with_peak(peak).unwrap_or(c);
            }
        }
        c
    }
}

#[derive(Arbitrary, Debug)]
struct PointIn(Dur, Dec);

fn points(v: &[PointIn]) -> Vec<CurvePoint> {
    v.iter().take(32).map(|PointIn(d, y)| CurvePoint::new(d.get(), y.get())).collect()
}

#[derive(Arbitrary, Debug)]
enum DriverIn {
    LostSales {
        name: Option<String>,
        revenue: Dec,
        share: Dec,
        recovered: Option<Result<Dec, Vec<PointIn>>>,
        margin: Option<Dec>,
    },
    LostProductivity {
        name: Option<String>,
        staff: Dec,
        cost_per_hour: Dec,
        dependency: Dec,
        caught_up: Option<(Dec, Dec)>,
    },
    Response {
        name: Option<String>,
        responders: Dec,
        cost_per_hour: Dec,
        wrap_up: Option<Dur>,
        fixed: Option<Dec>,
        data_loss: Option<(Dur, Dec, Dec)>,
    },
    BrandImpact {
        name: Option<String>,
        customers: Dec,
        churn: Vec<PointIn>,
        lifetime_value: Dec,
        publicity: Vec<(Dur, Dec, Option<Dec>)>,
    },
    SlaCredits {
        name: Option<String>,
        fee: Dec,
        tiers: Vec<(Dec, Dec)>,
        received: bool,
        period: u8,
        cap: Option<Dec>,
        #[allow(
            clippy::option_option,
            reason = "the library's default, severity-weighted, or full duration above a severity; \
                      the byte layout the corpus was found with"
        )]
        measure: Option<Option<Dec>>,
    },
    Custom {
        name: String,
        curve: Vec<PointIn>,
        scale: bool,
    },
}

impl DriverIn {
    fn build(&self) -> Option<Driver> {
        Some(match self {
            DriverIn::LostSales { name, revenue, share, recovered, margin } => {
                let mut d = LostSales::new(revenue.get(), fraction(*share)?).ok()?;
                match recovered {
                    Some(Ok(r)) => d = d.with_recovered(Recovery::Constant(fraction(*r)?)).ok()?,
                    Some(Err(p)) => {
                        let curve = Curve::non_increasing(&points(p)).ok()?;
                        d = d.with_recovered(Recovery::Curve(curve)).ok()?;
                    }
                    None => {}
                }
                if let Some(m) = margin {
                    d = d.with_basis(SalesBasis::GrossMargin(fraction(*m)?));
                }
                if let Some(n) = name {
                    d = d.with_named(n);
                }
                Driver::from(d)
            }
            DriverIn::LostProductivity { name, staff, cost_per_hour, dependency, caught_up } => {
                let mut d =
                    LostProductivity::new(staff.get(), cost_per_hour.get(), fraction(*dependency)?).ok()?;
                if let Some((share, premium)) = caught_up {
                    d = d.with_caught_up(fraction(*share)?, premium.get()).ok()?;
                }
                if let Some(n) = name {
                    d = d.with_named(n);
                }
                Driver::from(d)
            }
            DriverIn::Response { name, responders, cost_per_hour, wrap_up, fixed, data_loss } => {
                let mut d = Response::new(responders.get(), cost_per_hour.get()).ok()?;
                if let Some(w) = wrap_up {
                    d = d.with_wrap_up(w.get());
                }
                if let Some(f) = fixed {
                    d = d.with_fixed_cost(f.get()).ok()?;
                }
                if let Some((window, staff, cost)) = data_loss {
                    d = d.with_data_loss(DataLoss::new(window.get(), staff.get(), cost.get()).ok()?);
                }
                if let Some(n) = name {
                    d = d.with_named(n);
                }
                Driver::from(d)
            }
            DriverIn::BrandImpact { name, customers, churn, lifetime_value, publicity } => {
                let mut d = BrandImpact::new(customers.get(), &points(churn), lifetime_value.get()).ok()?;
                for (after, cost, min) in publicity.iter().take(8) {
                    let mut p = Publicity::new(after.get(), cost.get()).ok()?;
                    if let Some(m) = min {
                        p = p.with_min_severity(fraction(*m)?);
                    }
                    d = d.with_publicity(p);
                }
                if let Some(n) = name {
                    d = d.with_named(n);
                }
                Driver::from(d)
            }
            DriverIn::SlaCredits { name, fee, tiers, received, period, cap, measure } => {
                let tiers: Vec<SlaTier> = tiers
                    .iter()
                    .take(8)
                    .map(|(b, c)| Some(SlaTier::new(availability(*b)?, fraction(*c)?)))
                    .collect::<Option<_>>()?;
                let mut d = SlaCredits::new(fee.get(), &tiers).ok()?;
                if *received {
                    d = d.with_direction(CreditDirection::Received);
                }
                d = d.with_period(
                    [BillingPeriod::Month, BillingPeriod::Quarter, BillingPeriod::Year]
                        [usize::from(period % 3)],
                );
                if let Some(c) = cap {
                    d = d.with_cap(fraction(*c)?);
                }
                match measure {
                    Some(Some(m)) => {
                        d = d.with_measure(SlaMeasure::FullDuration { min_severity: fraction(*m)? });
                    }
                    Some(None) => d = d.with_measure(SlaMeasure::SeverityWeighted),
                    None => {}
                }
                if let Some(n) = name {
                    d = d.with_named(n);
                }
                Driver::from(d)
            }
            DriverIn::Custom { name, curve, scale } => {
                Driver::from(CustomImpact::new(name, &points(curve)).ok()?.with_scale_by_severity(*scale))
            }
        })
    }
}

#[derive(Arbitrary, Debug)]
enum StartIn {
    Week(Dur),
    Year(Dur),
    At(u8, u8, u8, u8),
}

#[derive(Arbitrary, Debug)]
struct OutageIn {
    duration: Dur,
    severity: Option<Dec>,
    start: Option<StartIn>,
}

impl OutageIn {
    fn build(&self, year: i16) -> Option<Outage> {
        let mut o = Outage::new(self.duration.get());
        if let Some(s) = self.severity {
            o = o.with_severity(fraction(s)?);
        }
        if let Some(s) = &self.start {
            let start = match s {
                StartIn::Week(d) => OutageStart::Week(d.get()),
                StartIn::Year(d) => OutageStart::Year(d.get()),
                StartIn::At(m, d, h, min) => OutageStart::At(
                    jiff::civil::DateTime::new(
                        year,
                        i8::try_from(m % 13).ok()?,
                        i8::try_from(d % 32).ok()?,
                        i8::try_from(h % 25).ok()?,
                        i8::try_from(min % 61).ok()?,
                        0,
                        0,
                    )
                    .ok()?,
                ),
            };
            o = o.with_start(start).ok()?;
        }
        Some(o)
    }
}

#[derive(Arbitrary, Debug)]
enum ComponentIn {
    Availability(String, Dec),
    MtbfMttr(String, Dur, Dur),
}

/// An architecture as a program for a stack machine (no recursion in the input).
#[derive(Arbitrary, Debug)]
enum ArchOp {
    Component(ComponentIn),
    Series(u8),
    Parallel(u8),
    KOfN(u8, u8),
}

fn architecture(ops: &[ArchOp]) -> Option<Architecture> {
    let mut stack: Vec<Architecture> = Vec::new();
    for op in ops.iter().take(48) {
        let mut pop = |n: u8| {
            let n = usize::from(n % 5).min(stack.len());
            stack.split_off(stack.len() - n)
        };
        let next = match op {
            ArchOp::Component(ComponentIn::Availability(name, a)) => {
                Architecture::component(Component::with_availability(name.as_str(), availability(*a)?).ok()?)
            }
            ArchOp::Component(ComponentIn::MtbfMttr(name, mtbf, mttr)) => Architecture::component(
                Component::with_mtbf_mttr(name.as_str(), mtbf.get(), mttr.get()).ok()?,
            ),
            ArchOp::Series(n) => Architecture::series(pop(*n)).ok()?,
            ArchOp::Parallel(n) => Architecture::parallel(pop(*n)).ok()?,
            ArchOp::KOfN(k, n) => Architecture::k_of_n(usize::from(*k % 6), pop(*n)).ok()?,
        };
        stack.push(next);
    }
    stack.pop()
}

#[derive(Arbitrary, Debug)]
enum PolicyIn {
    FewerIncidents,
    FasterRecovery,
    Mix(Dec),
}

impl PolicyIn {
    fn build(&self) -> Option<ImprovementPolicy> {
        Some(match self {
            PolicyIn::FewerIncidents => ImprovementPolicy::FewerIncidents,
            PolicyIn::FasterRecovery => ImprovementPolicy::FasterRecovery,
            PolicyIn::Mix(d) => ImprovementPolicy::Mix { fewer_incidents_share: fraction(*d)? },
        })
    }
}

#[derive(Arbitrary, Debug)]
enum AssumptionIn {
    Typical(OutageIn),
    Process(ProcessIn, PolicyIn),
    Fitted(Dur, Vec<(Dur, Option<Dur>)>, SeverityIn, PolicyIn),
}

fn history(observed: Dur, incidents: &[(Dur, Option<Dur>)]) -> Option<IncidentHistory> {
    let incidents = incidents
        .iter()
        .take(64)
        .map(|(s, d)| match d {
            Some(d) => Incident::closed(s.get(), d.get()),
            None => Incident::open(s.get()),
        })
        .collect();
    IncidentHistory::new(observed.get(), incidents).ok()
}

impl AssumptionIn {
    fn build(&self, year: i16) -> Option<OutageAssumption> {
        Some(match self {
            AssumptionIn::Typical(o) => OutageAssumption::Typical(o.build(year)?),
            AssumptionIn::Process(p, policy) => {
                OutageAssumption::Process(ProcessAssumption::new(&p.build()?, policy.build()?))
            }
            AssumptionIn::Fitted(observed, incidents, severity, policy) => OutageAssumption::Fitted(
                FittedAssumption::new(history(*observed, incidents)?, severity.build()?, policy.build()?),
            ),
        })
    }
}

/// Covered hours: 24×7, business hours, or shifts (days as bits, from and
/// length in half hours), joined.
#[derive(Arbitrary, Debug)]
enum CoverIn {
    Always,
    BusinessHours,
    Shifts(Vec<(u8, u8, u8)>),
}

impl CoverIn {
    fn build(&self) -> Option<CoverHours> {
        match self {
            CoverIn::Always => Some(CoverHours::always()),
            CoverIn::BusinessHours => Some(CoverHours::business_hours()),
            CoverIn::Shifts(shifts) => {
                let mut hours: Option<CoverHours> = None;
                for (days, from, len) in shifts.iter().take(8) {
                    let days: Vec<Weekday> =
                        (0..7).filter(|d| days & (1 << d) != 0).map(Weekday::from_days_from_monday).collect();
                    let time = |half: u8| ClockTime::new(half / 2, (half % 2) * 30).ok();
                    let (from, to) = (from % 48, from.wrapping_add(*len) % 48);
                    let shift = CoverHours::weekly(&days, time(from)?, time(to)?).ok()?;
                    hours = Some(hours.map_or(shift.clone(), |h| h.with(&shift)));
                }
                hours
            }
        }
    }
}

/// A support option's inputs.
#[derive(Arbitrary, Debug)]
struct SupportIn {
    name: String,
    cover: CoverIn,
    detect: Dur,
    engage: Dur,
    on_call: Option<Dur>,
    repair: DurationIn,
    running_cost: Dec,
    sla: Option<(Dur, Dec)>,
    start: Dur,
}

impl SupportIn {
    fn build(&self) -> Option<SupportOption> {
        let mut coverage = Coverage::new(self.cover.build()?, self.detect.get(), self.engage.get()).ok()?;
        if let Some(o) = self.on_call {
            coverage = coverage.with_on_call(o.get()).ok()?;
        }
        let option =
            SupportOption::new(&self.name, coverage, self.repair.build()?, self.running_cost.get()).ok()?;
        Some(match self.sla {
            Some((within, credit)) => {
                option.with_response_sla(ResponseSla::new(within.get(), credit.get()).ok()?)
            }
            None => option,
        })
    }
}

/// The support options of an input: each on its own (durations, the late
/// share, the exact means), then compared (the total is running + outage −
/// credits, the lines add up), then as a scenario's section.
fn support_options(input: &StructuredIn, model: &CostModel, calendar: &Calendar) -> Option<SupportChoice> {
    let options: Vec<SupportOption> = input.support.iter().take(3).filter_map(SupportIn::build).collect();
    for (o, i) in options.iter().zip(&input.support) {
        let start = i.start.get();
        let repair = Duration::from_secs(90);
        let d = o.outage_duration(start, repair);
        assert!(d >= repair + o.coverage().detect(), "support: an outage shorter than detection and repair");
        let late = o.late_share().expect("a late share");
        assert!((Decimal::ZERO..=Decimal::ONE).contains(&late), "support: late share {late} outside [0, 1]");
        let week = o.coverage().mean_time_to_engage_seconds().expect("a weekly mean");
        let year = o.coverage().mean_time_to_engage_in(calendar).expect("a yearly mean");
        let floor = duration_seconds(
            o.coverage().detect()
                + o.coverage().engage().min(o.coverage().on_call().unwrap_or(Duration::MAX)),
        );
        assert!(week >= floor && year >= floor, "support: mean time to engage {week} / {year} below {floor}");
        if let Ok(outage) = o.outage(
            OutageStart::Week(Duration::from_secs(start.as_secs() % 604_800)),
            repair,
            Fraction::ONE,
            calendar,
        ) {
            assert_eq!(
                outage.duration(),
                o.outage_duration(Duration::from_secs(start.as_secs() % 604_800), repair)
            );
            let _ = model.cost(&outage);
        }
    }
    let frequency = input.process.frequency.build()?;
    let severity = input.process.severity.build()?;
    let settings = SupportComparisonOptions::new().with_nodes(64).with_simulation(
        SimulationOptions::new().with_trials(u64::from(input.trials % 64) + 1).with_seed(input.seed),
    );
    if let Ok(c) = SupportComparison::new(model, &frequency, &severity, &options, &settings) {
        for r in c.rows() {
            let sum: Decimal = r.items().iter().map(LineItem::amount).sum();
            assert_eq!(sum, r.expected_outage_cost(), "support {}: the lines do not add up", r.name());
            assert_eq!(
                r.total_cost(),
                r.running_cost() + r.expected_outage_cost() - r.credits_received(),
                "support {}: total",
                r.name()
            );
            assert!(r.error_estimate() >= Decimal::ZERO, "support {}: error estimate < 0", r.name());
            let (low, high) = r.simulated_interval().expect("simulated");
            assert!(low <= high, "support {}: interval {low} > {high}", r.name());
        }
        let json = serde_json::to_string(&c).expect("a comparison writes");
        let back: SupportComparison = serde_json::from_str(&json).expect("a comparison reads back");
        assert_eq!(back, c, "support comparison read back as another value");
    }
    SupportChoice::new(frequency, severity, options).ok()
}

fn duration_seconds(d: Duration) -> Decimal {
    Decimal::from(d.as_secs()) + Decimal::new(i64::from(d.subsec_nanos()), 9)
}

/// What one `structured` input builds and evaluates.
#[derive(Arbitrary, Debug)]
struct StructuredIn {
    name: String,
    currency: u8,
    calendar: CalendarIn,
    drivers: Vec<DriverIn>,
    process: ProcessIn,
    maintenance: Option<ProcessIn>,
    outages: Vec<OutageIn>,
    assumption: AssumptionIn,
    targets: Vec<Dec>,
    architecture: Vec<ArchOp>,
    run_costs: Option<(bool, Vec<(Dec, Dec)>)>,
    probe: Vec<(Dur, Real)>,
    trials: u8,
    seed: u64,
    max_outages_per_year: Option<u16>,
    whole_scenario: bool,
    support: Vec<SupportIn>,
}

/// Checks a CDF value and that it does not decrease.
fn check_cdf(what: &str, at: &[(f64, f64)]) {
    for &(x, p) in at {
        assert!((0.0..=1.0).contains(&p), "{what}: cdf({x}) = {p} outside [0, 1]");
    }
    let mut sorted = at.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in sorted.windows(2) {
        assert!(
            w[1].1 >= w[0].1 - 1e-9,
            "{what}: cdf decreases: cdf({}) = {} > cdf({}) = {}",
            w[0].0,
            w[0].1,
            w[1].0,
            w[1].1
        );
    }
}

/// The `structured` target: builds values through the public constructors
/// from `data` and evaluates them. Errors are fine; panics are findings.
pub(crate) fn structured(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(input) = StructuredIn::arbitrary(&mut u) else { return };
    structured_input(&input);
}

fn structured_input(input: &StructuredIn) {
    let currency = [Currency::EUR, Currency::USD, Currency::GBP][usize::from(input.currency % 3)];
    let calendar = input.calendar.build();
    let conventions = input.calendar.conventions();
    let year = input.calendar.year.unwrap_or(2025);

    // Distributions on their own.
    let duration = input.process.duration.build();
    if let Some(d) = &duration {
        let _ = d.mean();
        let cdf: Vec<(f64, f64)> =
            input.probe.iter().take(16).map(|(x, _)| (x.get().as_secs_f64(), d.cdf(x.get()))).collect();
        check_cdf("duration", &cdf);
        for (x, p) in input.probe.iter().take(16) {
            let _ = d.quantile(p.get());
            let _ = d.partial_expectation(x.get(), None);
            let _ = d.partial_expectation(Duration::ZERO, Some(x.get()));
        }
        let _ = d.warnings();
    }
    if let Some(s) = input.process.severity.build() {
        let mut cdf = Vec::new();
        // P(S ≤ NaN) has no meaning: NaN probes are skipped.
        for x in input.probe.iter().take(16).map(|(_, p)| p.get()).filter(|x| !x.is_nan()) {
            cdf.push((x, s.cdf(x)));
            let q = s.prob_at_least(x);
            assert!((0.0..=1.0).contains(&q), "severity: P(S ≥ {x}) = {q} outside [0, 1]");
            if let Ok(v) = s.quantile(x) {
                assert!((0.0..=1.0).contains(&v), "severity: quantile({x}) = {v} outside [0, 1]");
            }
        }
        check_cdf("severity", &cdf);
    }
    if let Some(f) = input.process.frequency.build() {
        let (m, v) = (f.mean_per_year(), f.variance_per_year());
        assert!(m >= 0.0 && v >= 0.0, "frequency mean {m} and variance {v} must be ≥ 0");
    }

    // The cost model.
    let drivers: Vec<Driver> = input.drivers.iter().take(8).filter_map(DriverIn::build).collect();
    let mut model = CostModel::new(currency).with_calendar(calendar.clone());
    for d in &drivers {
        model = model.with_driver(d.clone());
    }
    let outages: Vec<Outage> = input.outages.iter().take(12).filter_map(|o| o.build(year)).collect();
    for o in &outages {
        if let Ok(b) = model.cost(o) {
            let sum = b.items().iter().try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.amount()));
            assert_eq!(sum, Some(b.total()), "an outage's total is the sum of its line items");
        }
    }
    let _ = model.period_cost(&outages);
    let _ = model.year_cost(&outages);

    let process = input.process.build();
    if let Some(p) = &process {
        let _ = p.expected_weighted_downtime_hours();
        if let Ok(e) = model.expected_annual(p, &ExpectedOptions::new()) {
            assert!(e.error_bound() >= Decimal::ZERO, "error bound {} < 0", e.error_bound());
            assert!(e.sla_error_bound() >= Decimal::ZERO, "SLA error bound {} < 0", e.sla_error_bound());
        }
        let trials = u64::from(input.trials % 200) + 1;
        // At most 1000 outages a simulated year unless the input asks for up to 65 535: the
        // library's default (100 000) makes a fuzz input of 200 trials take seconds.
        let max = input.max_outages_per_year.map_or(1000, u64::from);
        let options =
            SimulationOptions::new().with_trials(trials).with_seed(input.seed).with_max_outages_per_year(max);
        let losses = match input.maintenance.as_ref().and_then(ProcessIn::build) {
            Some(m) => downtime_cost::simulate_with_maintenance(&model, p, &m, &options),
            None => downtime_cost::simulate(&model, p, &options),
        };
        if let Ok(l) = losses {
            assert_eq!(l.trials(), trials, "a simulation runs the trials asked for");
            let q: Vec<Decimal> = [0.5, 0.9, 0.99].iter().filter_map(|&p| l.quantile(p).ok()).collect();
            assert!(q.windows(2).all(|w| w[0] <= w[1]), "quantiles decrease: {q:?}");
            let _ = l.value_at_risk(0.99);
            let _ = l.expected_shortfall(0.99);
            let _ = l.exceedance_curve(1e-3);
            let pz = l.prob_zero();
            assert!((0.0..=1.0).contains(&pz), "P(loss = 0) = {pz}");
            let _ = LossSummary::new(&l);
        }
    }

    // Targets, designs and the decision.
    let targets: Vec<Availability> = input.targets.iter().take(8).filter_map(|d| availability(*d)).collect();
    let assumption = input.assumption.build(year);
    let mut study = None;
    if let Some(a) = &assumption {
        let maintenance = input.maintenance.as_ref().and_then(ProcessIn::build);
        if let Ok(s) =
            TargetStudy::with_options(&model, a, &targets, maintenance.as_ref(), &ExpectedOptions::new())
        {
            for row in s.rows() {
                assert!(row.error_bound() >= Decimal::ZERO, "target {}: error bound < 0", row.target());
            }
            let _ = s.step_savings();
            study = Some(s);
        }
    }
    let arch = architecture(&input.architecture);
    if let Some(a) = &arch {
        let _ = a.availability();
        let _ = a.summary(&conventions);
        if let Ok(p) = a.outage_process(&conventions) {
            let _ = model.expected_annual(&p, &ExpectedOptions::new());
        }
    }
    let investment = input.run_costs.as_ref().and_then(|(curve, points)| {
        let points: Vec<(Availability, Decimal)> =
            points.iter().take(8).filter_map(|(a, c)| Some((availability(*a)?, c.get()))).collect();
        let run_cost = if *curve { RunCost::curve(&points) } else { RunCost::per_target(&points) }.ok()?;
        Investment::new(run_cost, DecisionOptions::new()).ok()
    });
    if let (Some(i), Some(s)) = (&investment, &study) {
        let _ = i.decide(s, None);
    }

    let support = support_options(input, &model, model.calendar());

    // The same values as a scenario: written, read back, analysed, rendered.
    let Some(assumption) = assumption else { return };
    let Ok(mut scenario) = Scenario::new(&input.name, currency, calendar, drivers, assumption, targets)
    else {
        return;
    };
    for o in outages {
        scenario = scenario.with_outage(o);
    }
    if let Some(m) = input.maintenance.as_ref().and_then(ProcessIn::build) {
        scenario = scenario.with_maintenance(m);
    }
    if let Some(a) = arch {
        scenario = scenario.with_design(Design::new(input.name.as_str(), a));
    }
    if let Some(i) = investment {
        scenario = scenario.with_investment(i);
    }
    if let Some(choice) = support {
        scenario = scenario.with_support(choice);
    }
    // Writing checks the document-wide rules; what is written must read back.
    let Ok(written) = scenario.to_json() else { return };
    // A scenario built through the constructors is a valid document.
    let back = match Scenario::from_json(&written) {
        Ok(back) => back,
        Err(e) => panic!("a scenario built in code does not read back: {e}\n{written}"),
    };
    same_json("scenario", &written, &back.to_json().expect("a read-back scenario writes"));
    if input.whole_scenario {
        let _ = analyse(&scenario, None);
    }
}
