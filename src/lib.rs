//! # downtime-cost
//!
//! What IT outages really cost a business, and what each extra "nine" of
//! uptime is worth — exactly, in `Decimal` money.
//!
//! ```
//! use downtime_cost::{
//!     Availability, CostModel, Currency, Fraction, LostProductivity, LostSales, Outage,
//!     OutageAssumption, Response, TargetStudy,
//! };
//! use rust_decimal::Decimal;
//! use std::time::Duration;
//!
//! // A shop earning 8.76 M a year (1 000 an hour), 60 % of it online, with
//! // 30 % of lost orders placed again later; 50 staff at 40/h who need the
//! // system for half their work; 3 responders at 90/h.
//! let model = CostModel::new(Currency::USD)
//!     .with_driver(
//!         LostSales::new(Decimal::from(8_760_000), Fraction::from_percent(60.into())?)?
//!             .with_recovered(downtime_cost::Recovery::Constant(Fraction::from_percent(30.into())?))?,
//!     )
//!     .with_driver(LostProductivity::new(50.into(), 40.into(), Fraction::from_percent(50.into())?)?)
//!     .with_driver(Response::new(3.into(), 90.into())?);
//!
//! // A two-hour full outage, start unknown (mean rates):
//! let cost = model.cost(&Outage::new(Duration::from_secs(2 * 3600)))?;
//! // lost sales: 1 000/h × 2 h × 0.6 × (1 − 0.3) = 840
//! assert_eq!(cost.items()[0].amount(), Decimal::from(840));
//! // response: 3 × 90 × 2 h = 540
//! assert_eq!(cost.items()[2].amount(), Decimal::from(540));
//!
//! // What 99.9 % uptime costs a year if outages typically last an hour:
//! let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3600)));
//! let study = TargetStudy::new(&model, &typical, &[Availability::from_nines(3.0)?])?;
//! // 99.9 % of a 365-day year allows 8.76 h of downtime: 8.76 one-hour outages.
//! assert_eq!(study.rows()[0].incidents_per_year(), Decimal::new(876, 2));
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! # Overview
//!
//! Data flows one way: raw input is validated into types, types are
//! evaluated into reports.
//!
//! - Values: [`Money`] and [`Currency`], [`Fraction`] (a share in [0, 1]),
//!   [`Availability`] (from a percent, a fraction or nines), durations as
//!   [`std::time::Duration`] (text forms in [`duration`]), and calendar
//!   [`Conventions`] (365 / 365.2425 / 365.25-day years; year/12, 30-day or
//!   calendar months).
//! - [`Outage`]: duration, severity and optional start in the week or year.
//! - [`Calendar`]: weekly revenue profile, working hours and peak periods;
//!   optionally a named year ([`Calendar::with_year`]) with its real length,
//!   first weekday, months and quarters, on which SLA credits are assessed,
//!   and dates for outage starts and peaks.
//! - [`CostModel`]: the cost drivers — [`LostSales`], [`LostProductivity`],
//!   [`Response`], [`BrandImpact`], [`SlaCredits`], [`CustomImpact`], and
//!   your own through [`CostDriver`] — evaluated into a [`CostBreakdown`].
//! - [`OutageProcess`]: how many outages a year ([`Frequency`]), how long
//!   ([`DurationDistribution`]: fixed, exponential, lognormal, Weibull,
//!   gamma, empirical) and how severe ([`SeverityDistribution`]); or fitted
//!   from an [`IncidentHistory`] with [`fit_history`].
//! - [`CostModel::expected_annual`]: the exact expected annual cost by
//!   driver (closed-form partial expectations; SLA credits per real billing
//!   period, exact for a fixed outage and by a bracketed Panjer recursion
//!   otherwise; your own drivers by their closed form or by integration).
//! - [`simulate`] and [`simulate_with_maintenance`]: a seeded, reproducible
//!   Monte Carlo of the annual loss, giving a [`LossDistribution`]
//!   (percentiles, value at risk, expected shortfall, exceedance curve). It
//!   estimates the same number as the exact expectation: a report that holds
//!   both says per target whether they agree ([`Reconciliation`]).
//! - [`TargetStudy`]: downtime budget and expected annual cost per target,
//!   with an [`ImprovementPolicy`] that rescales the process to each budget.
//! - [`Decision`]: with a [`RunCost`] per target, the total cost of
//!   ownership, the cheapest target, the marginal value and break-even
//!   investment of each step up, and NPV over a horizon ([`DecisionOptions`]).
//! - [`SupportComparison`]: who answers the outage. Each [`SupportOption`]
//!   (covered hours [`CoverHours`], detection, engagement and on-call in a
//!   [`Coverage`], a repair time, a running cost, a provider's
//!   [`ResponseSla`]) makes an outage's duration depend on when it starts;
//!   the comparison gives each option's expected and simulated outage cost
//!   ([`simulate_support`]), credits received, total cost and availability.
//! - [`Tornado`]: which inputs move the expected annual cost most, each
//!   swung one at a time ([`SensitivityOptions`]); the inputs are the named
//!   numeric [`Parameter`]s that drivers, distributions and assumptions list
//!   through [`Parameters`].
//! - [`Scenario`]: the JSON document that describes all of it;
//!   [`Analysis`], the scenario evaluated once (with the Monte Carlo and the
//!   tornado as further steps on it); and [`Report`], the analysis rounded
//!   once, as JSON, CSV, Markdown or text tables.
//!
//! The design, the layer order (checked by a test) and the sources of every
//! reference figure are in [`documentation`].
//!
//! # Cookbook
//!
//! ### Price an outage
//!
//! ```
//! use downtime_cost::{Calendar, Conventions, CostModel, Currency, Fraction, LostSales, Outage};
//! use rust_decimal::Decimal;
//! use std::time::Duration;
//!
//! // 1 000 an hour of sales in the calendar year 2025; a 2-hour outage on Black Friday evening.
//! let model = CostModel::new(Currency::USD)
//!     .with_calendar(Calendar::new(Conventions::new()).with_year(2025)?)
//!     .with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
//! let outage = Outage::new(Duration::from_secs(7_200))
//!     .with_start(downtime_cost::OutageStart::At("2025-11-28T19:00".parse().expect("a date")))?;
//! // A flat revenue profile: 2 h × 1 000 = 2 000.
//! assert_eq!(model.cost(&outage)?.total(), Decimal::from(2_000));
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Compare targets
//!
//! ```
//! use downtime_cost::{Availability, CostModel, Currency, Fraction, LostSales, Outage, OutageAssumption, TargetStudy};
//! use rust_decimal::Decimal;
//! use std::time::Duration;
//!
//! let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
//! let typical = OutageAssumption::Typical(Outage::new(Duration::from_secs(3_600)));
//! let targets = [Availability::from_nines(2.0)?, Availability::from_nines(3.0)?];
//! let study = TargetStudy::new(&model, &typical, &targets)?;
//! // 99 % allows 87.6 one-hour outages a year (87 600), 99.9 % allows 8.76 (8 760).
//! assert_eq!(study.rows()[0].total(), Decimal::from(87_600));
//! assert_eq!(study.step_savings()?, [Decimal::from(78_840)]);
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Fit a history
//!
//! ```
//! use downtime_cost::{IncidentHistory, fit_history};
//!
//! let history = IncidentHistory::from_json(
//!     r#"{"observed": "365d", "incidents": [{"start": "10d", "duration": "1h"}, {"start": "200d", "duration": "3h"}]}"#,
//! )?;
//! let fit = fit_history(&history)?;
//! assert_eq!(fit.rate().per_year(), 2.0); // 2 incidents in one 365-day year
//! let process = fit.process()?; // the lowest-AIC duration family at the fitted rate
//! assert_eq!(process.frequency().mean_per_year(), 2.0);
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Simulate the bad year
//!
//! ```
//! use downtime_cost::*;
//! use rust_decimal::Decimal;
//! use std::time::Duration;
//!
//! let model = CostModel::new(Currency::USD).with_driver(LostSales::new(Decimal::from(8_760_000), Fraction::ONE)?);
//! let process = OutageProcess::new(
//!     Frequency::poisson(0.5)?,
//!     DurationDistribution::lognormal(0.0, 1.0)?,
//!     SeverityDistribution::default(),
//! );
//! let losses = simulate(&model, &process, &SimulationOptions::new().with_trials(20_000).with_seed(1))?;
//! let exact = model.expected_annual(&process, &ExpectedOptions::new())?.total();
//! let (lo, hi) = losses.mean_interval(0.999)?;
//! assert!(lo <= exact && exact <= hi); // one number, two methods
//! let p99 = losses.value_at_risk(0.99)?; // the 1-in-100-year loss
//! assert!(p99 > exact);
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Decide, and see what would change the decision
//!
//! ```
//! use downtime_cost::{Analysis, Report, Scenario, SensitivityOptions};
//!
//! let scenario = Scenario::builtin("saas")?; // run costs per target included
//! let mut analysis = Analysis::new(&scenario)?;
//! let decision = analysis.decision().expect("the scenario has run costs");
//! assert_eq!(decision.cheapest()[0].to_string(), "99.95%");
//! analysis.analyse_sensitivity(&SensitivityOptions::new())?;
//! let report = Report::new(&analysis)?; // rounded once; text, Markdown, CSV or JSON
//! assert!(report.to_string().contains("Sensitivity"));
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Architectures
//!
//! ```
//! use downtime_cost::{Architecture, Availability, Component};
//! use rust_decimal::Decimal;
//!
//! let region = |n: &str| -> Result<Architecture, downtime_cost::Error> {
//!     Ok(Component::with_availability(n, Availability::from_percent(Decimal::new(9995, 2))?)?.into())
//! };
//! let pair = Architecture::parallel(vec![region("a")?, region("b")?])?;
//! // 1 − 0.0005² = 99.999975 %.
//! assert_eq!(pair.availability()?.percent_for_display().to_string(), "99.999975");
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! ### Read a scenario
//!
//! ```
//! use downtime_cost::{Analysis, Report, Scenario};
//!
//! let scenario = Scenario::from_json(r#"{"schema": 1, "name": "Shop", "currency": "EUR",
//!     "calendar": {"year": 2025},
//!     "drivers": [{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "100%"}}],
//!     "outages": [{"duration": "2h", "start": "2025-11-28T19:00"}],
//!     "assumption": {"typical": {"duration": "1h"}}, "targets": [99, "99.9"]}"#)?;
//! let report = Report::new(&Analysis::new(&scenario)?)?;
//! assert_eq!(report.outages()[0].breakdown().total(), 2_000.into());
//! # Ok::<(), downtime_cost::Error>(())
//! ```
//!
//! # API grammar
//!
//! One set of rules, everywhere:
//!
//! - **Construction.** Validated value types are built by `new` or a named
//!   constructor (`from_percent`, `with_availability`) that returns
//!   [`Result`]; their fields are private, and deserialised data passes the
//!   same checks. Shortcuts that cannot fail return the value itself.
//! - **Setters** of a value built step by step ([`CostModel`], [`Calendar`],
//!   [`Scenario`], [`Outage`], the drivers) and of an options type
//!   ([`SimulationOptions`], [`ExpectedOptions`], [`DecisionOptions`],
//!   [`SensitivityOptions`]) are `with_<noun>(value)`: by value, `#[must_use]`,
//!   returning `Self`, or `Result<Self>` when the value is checked on the spot.
//!   An options type that cannot check a value on the spot rejects it with an
//!   error naming the option when it is used; nothing is replaced in silence.
//! - **Getters** are the plain noun: `trials()`, `calendar()`, `rounding()`.
//! - **Money** is `rust_decimal::Decimal`, always, in the currency of the
//!   result that holds it: every result with amounts has `currency()`
//!   ([`CostBreakdown`], [`TargetStudy`], [`Decision`], [`LossSummary`]).
//!   [`Money`] is for arithmetic across models: adding two amounts of
//!   different currencies is an error. Shares are [`Fraction`]s;
//!   availabilities [`Availability`]; durations `std::time::Duration`.
//! - **Sets that may grow** (drivers, distributions, policies, measures) are
//!   `#[non_exhaustive]` enums.
//! - **Text is `Display`**: distributions, notes ([`Note`], a typed enum a
//!   caller can match), methods and policies print themselves; no
//!   `describe() -> String`.
//! - **Errors are structured end to end**: [`Error::Invalid`] keeps the
//!   field (a JSON path when read from a document), the value, the rule and
//!   the [`Location`] of the value; nothing is rendered to text and parsed
//!   back.
//! - **Results are data**: every result a report holds serialises and reads
//!   back equal ([`Report::from_json`]); what cannot be written (a simulated
//!   sample) is summarised ([`LossSummary`]).
//! - **One way to build each result**: [`CostModel::cost`] prices an outage,
//!   [`CostModel::expected_annual`] and [`simulate`] estimate a year,
//!   [`TargetStudy::new`] compares targets, [`Analysis::new`] evaluates a
//!   scenario and [`Report::new`] reports an analysis.
//!
//! # Precision and rounding
//!
//! Every deterministic figure is exact `Decimal` arithmetic (28 significant
//! digits; products are taken before quotients), computed with checked
//! operations: overflow is [`Error::Overflow`], never a panic. Rounding
//! happens once, when a [`Report`] is made, by the scenario's [`Rounding`]
//! (two places, half away from zero, by default).
//!
//! # Crate features
//!
//! - `parallel` (off by default): runs Monte Carlo chunks on rayon's thread
//!   pool. Results are bit-identical with and without it, whatever the
//!   number of threads: chunk `k` of [`CHUNK_TRIALS`] years always draws from
//!   stream `k` of the seed.
//! - `schema` (off by default): the [`schema`] module, JSON Schemas (draft
//!   2020-12) of the scenario and report documents, generated from the
//!   types with `schemars`; the same files are checked in under `schema/`.
//!
//! # Scenario files
//!
//! See the README for the format field by field, and `scenarios/` for three
//! documented examples. Every error names the JSON path of the bad field:
//!
//! ```
//! use downtime_cost::{Error, Scenario};
//! let err = Scenario::from_json(r#"{"schema": 1, "name": "x", "currency": "USD",
//!     "drivers": [], "assumption": {"typical": {"duration": "1h"}}, "targets": [99], "colour": "red"}"#)
//!     .unwrap_err();
//! assert!(matches!(err, Error::Document { .. }));
//! assert!(err.to_string().contains("colour"));
//!
//! // A value that breaks a rule: its path, value, rule and position, as fields.
//! let json = "{\"schema\": 1, \"name\": \"x\", \"currency\": \"USD\",
//!   \"drivers\": [{\"lost_sales\": {\"revenue_per_year\": \"1000000\", \"share_at_risk\": 1.7}}],
//!   \"assumption\": {\"typical\": {\"duration\": \"1h\"}}, \"targets\": [99]}";
//! let Err(Error::Invalid { field, value, rule, location, .. }) = Scenario::from_json(json) else {
//!     panic!("expected a rule broken");
//! };
//! assert_eq!(field, "drivers[0].lost_sales.share_at_risk");
//! assert_eq!((value.as_str(), rule), ("1.7", "must be between 0 and 1"));
//! let at = location.unwrap();
//! assert_eq!((at.line(), at.column()), (2, 79));
//! ```

// Library code never panics on input: no unwrap/expect, no unchecked
// indexing, and no unchecked arithmetic (Decimal `+`/`*` panic on overflow).
// Tests may do all three.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

mod analysis;
mod architecture;
mod availability;
mod calendar;
mod civil;
mod convention;
mod cost;
mod curve;
mod decimal;
mod decision;
pub mod duration;
mod error;
mod expected;
mod extension;
mod fraction;
mod json;
pub mod limits;
mod money;
mod note;
mod numerics;
mod outage;
mod parameter;
mod process;
mod report;
mod scenario;
#[cfg(feature = "schema")]
pub mod schema;
mod sensitivity;
mod simulate;
mod support;
mod target;
mod text;

pub use analysis::{Analysis, DesignEvaluation, RECONCILIATION_LEVEL, Reconciliation, SimulatedTarget};
pub use architecture::{Architecture, ArchitectureSummary, Component, Design};
pub use availability::{Availability, NinesRow, NinesTable};
pub use calendar::{Calendar, ClockTime, PeakPeriod, Weekday, WeeklyProfile};
pub use civil::{MAX_YEAR, MIN_YEAR};
pub use convention::{
    Conventions, MonthLength, Period, QuarterLength, YearLength, days_in_month, is_leap_year,
};
pub use cost::{
    BillingPeriod, BrandImpact, CostBreakdown, CostDriver, CostModel, CreditDirection, CustomImpact,
    DataLoss, Driver, DriverKind, LineItem, LostProductivity, LostSales, Publicity, Recovery, Response,
    SalesBasis, SlaCredits, SlaMeasure, SlaTier,
};
pub use curve::{Curve, CurvePoint};
pub use decision::{
    AllowedIncidents, Decision, DecisionOptions, DecisionRow, DecisionStep, Investment, MAX_HORIZON_YEARS,
    RunCost, RunCostKind, RunCostPoint, SUPPORT_INTERVAL_CONFIDENCE, StepVerdict, SupportComparison,
    SupportComparisonOptions, SupportRow, incidents_allowed,
};
pub use error::{Error, Location, Result};
pub use expected::{ExpectedAnnualCost, ExpectedOptions, MAX_SLA_CELLS};
pub use fraction::Fraction;
pub use money::{Currency, Money, Rounding, RoundingMode};
pub use note::{Note, Side};
pub use outage::{Outage, OutageStart};
pub use parameter::{Parameter, ParameterKind, Parameters};
pub use process::{
    DurationDistribution, DurationFamily, DurationFit, Frequency, HistoryFit, Incident, IncidentHistory,
    MAX_MEAN_DURATION_HOURS, OutageProcess, ParameterEstimate, QuantilePoint, RateFit, SeverityDistribution,
    SkippedFit, fit_history,
};
pub use report::{
    Cell, Column, DesignReport, OutageReport, REPORT_VERSION, Report, Section, SimulationSummary, StepSaving,
    Style, Table, TableKind, Unit,
};
pub use scenario::{SCHEMA_VERSION, Scenario};
pub use sensitivity::{Measure, SensitivityOptions, Tornado, TornadoRow};
pub use simulate::{
    CHUNK_TRIALS, DriverLoss, DriverMean, ExceedancePoint, LevelLoss, LossDistribution, LossSummary,
    MAX_TRIALS, QuantileMethod, ReturnPeriodLoss, SUMMARY_MIN_EXCEEDANCE, SimulationOptions, simulate,
    simulate_support, simulate_with_maintenance,
};
pub use support::{CoverHours, Coverage, ResponseSla, SupportChoice, SupportOption};
pub use target::{
    FittedAssumption, INCIDENT_PLACES, ImprovementPolicy, OutageAssumption, ProcessAssumption, StudyMethod,
    TargetRow, TargetStudy,
};
pub use text::visible;

/// Long-form documentation, shown on docs.rs: the design (data flow,
/// layers, units, formulas, conventions) and the sources of every reference
/// figure the scenarios and the docs cite.
#[allow(
    clippy::doc_markdown,
    reason = "prose documents, written as Markdown files for readers of the repository too"
)]
pub mod documentation {
    /// The design of the crate (`docs/design.md`).
    #[allow(
        rustdoc::broken_intra_doc_links,
        rustdoc::bare_urls,
        reason = "[V], [S] are marks, not links; sources give their addresses as text"
    )]
    #[doc = include_str!("../docs/design.md")]
    pub mod design {}

    /// The sources of the reference figures (`docs/sources.md`).
    #[allow(
        rustdoc::broken_intra_doc_links,
        rustdoc::bare_urls,
        reason = "[V], [S] are marks, not links; sources give their addresses as text"
    )]
    #[doc = include_str!("../docs/sources.md")]
    pub mod sources {}
}

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
