//! Sensitivity: which inputs move the answer most.
//!
//! One at a time, every numeric input of a scenario's cost drivers, outage
//! assumption and planned maintenance is swung down and up by a stated
//! range (±25 % by default), the scenario is validated again, and the
//! expected annual cost at one target is recomputed. The rows, sorted by the
//! size of the swing, are a tornado table: the inputs at the top are the
//! estimates worth refining.
//!
//! # What an input is
//!
//! An input is a named numeric parameter of a cost driver, of the outage
//! assumption or of planned maintenance, as each lists it through
//! [`Parameters`] ([`Parameter`]). Its path is the part's place in the
//! scenario followed by the parameter's name, the same path a validation
//! error names in a scenario file: `drivers[0].lost_sales.revenue_per_year`,
//! `assumption.typical.duration`, `maintenance.frequency.fixed.per_year`.
//! Each input is swung through [`Parameters::scaled_parameter`], which
//! validates the part again with its own constructors:
//!
//! - An amount, a share or a real distribution parameter is multiplied by
//!   the factor, a duration (`"6h"`) too (to the millisecond).
//! - A field of a list (a curve, a list of tiers, an empirical
//!   distribution) is one input swung jointly across the list
//!   (`drivers[3].brand_impact.churn[*].value`), which keeps curves in
//!   order; its values are shown as the factor (`x0.75`).
//! - Integer counts stay integers (rounded half away from zero).
//! - An SLA tier's threshold (`below`, an availability in percent) is swung
//!   on its unavailability: 99.9 ± 25 % means 100 − 0.1 × (1 ± 0.25).
//! - Names, start times, enumerations and the calendar are not parameters.
//!
//! Within a part, inputs are taken in the order of their names' fields.
//!
//! When a swung value breaks a rule (a share above 1), shares that were in
//! [0, 1] are capped at 1 and the part is validated again; a swing that
//! still fails is skipped on that side (the cost at that side is the base
//! cost), and a note says so.
//!
//! # Target and measure
//!
//! The tornado is measured at one target: the one given, else the
//! decision's cheapest target when the scenario has run costs, else the
//! middle of the scenario's targets. It measures the expected annual outage
//! cost, or with [`Measure::TotalCostOfOwnership`] the run cost plus the
//! expected outage cost. With run costs, each side also records the
//! decision's cheapest target, so a row shows which input would flip the
//! decision.
//!
//! # Formula
//!
//! ```text
//! low, high  = input × (1 − s), input × (1 + s)          (or the factors given for that input)
//! swing      = |cost(high) − cost(low)|                  at the target, in the measure chosen
//! ```

mod assumption;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::availability::Availability;
use crate::decimal::sub;
use crate::error::{Error, Result};
use crate::money::Rounding;
use crate::parameter::{Parameter, Parameters};
use crate::scenario::Scenario;
use crate::target::TargetStudy;

/// What a [`Tornado`] measures at its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// The expected annual outage cost (default).
    #[default]
    ExpectedOutageCost,
    /// Run cost + expected annual outage cost; needs run costs in the scenario.
    TotalCostOfOwnership,
}

/// Options of a [`Tornado`]: the target, the measure, the default swing and per-input factors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityOptions {
    target: Option<Availability>,
    measure: Measure,
    swing: crate::fraction::Fraction,
    factors: Vec<(String, Decimal, Decimal)>,
    /// At most this many inputs are swung (a bound on work for huge documents).
    max_inputs: usize,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            target: None,
            measure: Measure::ExpectedOutageCost,
            swing: crate::fraction::Fraction::new(Decimal::new(25, 2))
                .unwrap_or(crate::fraction::Fraction::ONE),
            factors: Vec::new(),
            max_inputs: 512,
        }
    }
}

impl SensitivityOptions {
    /// ±25 % on every input, measuring the expected outage cost at the
    /// decision's cheapest target (or the middle target without run costs).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The target whose expected annual cost is measured (one of the scenario's targets or any other).
    #[must_use]
    pub const fn with_target(mut self, target: Availability) -> Self {
        self.target = Some(target);
        self
    }

    /// What to measure at the target.
    #[must_use]
    pub const fn with_measure(mut self, measure: Measure) -> Self {
        self.measure = measure;
        self
    }

    /// The default swing `s`: inputs go to `× (1 − s)` and `× (1 + s)`.
    #[must_use]
    pub const fn with_swing(mut self, swing: crate::fraction::Fraction) -> Self {
        self.swing = swing;
        self
    }

    /// Factors for one input (by its path as listed in the tornado), in place
    /// of `1 ± s`: e.g. `("drivers[0].lost_sales.revenue_per_year", 0.9, 1.5)`.
    #[must_use]
    pub fn with_factors(mut self, input: &str, low: Decimal, high: Decimal) -> Self {
        self.factors.push((input.to_owned(), low, high));
        self
    }

    /// At most `n` inputs are swung, the first in document order (default
    /// 512, a bound on the work for a huge scenario); the tornado notes it
    /// ([`crate::note::Note::InputsLimited`]) when the scenario has more.
    #[must_use]
    pub const fn with_max_inputs(mut self, n: usize) -> Self {
        self.max_inputs = n;
        self
    }

    /// The most inputs swung.
    #[must_use]
    pub const fn max_inputs(&self) -> usize {
        self.max_inputs
    }
}

/// One input's swing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TornadoRow {
    input: String,
    label: String,
    base_value: String,
    low_value: String,
    high_value: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost_at_low: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    cost_at_high: Decimal,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    swing: Decimal,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cheapest_at_low: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cheapest_at_high: Vec<Availability>,
}

impl TornadoRow {
    /// The line item (or section) the input belongs to and the input's
    /// field: `B2B churn and publicity: lifetime_value`.
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The decision's cheapest target(s) with the input at its low value
    /// (empty without run costs).
    #[must_use]
    pub fn cheapest_at_low(&self) -> &[Availability] {
        &self.cheapest_at_low
    }

    /// The decision's cheapest target(s) with the input at its high value
    /// (empty without run costs).
    #[must_use]
    pub fn cheapest_at_high(&self) -> &[Availability] {
        &self.cheapest_at_high
    }

    /// Whether moving this input changes the decision's cheapest target.
    #[must_use]
    pub fn flips_decision(&self, base: &[Availability]) -> bool {
        !base.is_empty()
            && ((!self.cheapest_at_low.is_empty() && self.cheapest_at_low != base)
                || (!self.cheapest_at_high.is_empty() && self.cheapest_at_high != base))
    }

    /// The input's path in the scenario, as a validation error names it
    /// (`drivers[0].lost_sales.revenue_per_year`; `[*]` for a field swung across a list).
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The input's value as given (`x1` for a field swung across a list, whose sides show the factor).
    #[must_use]
    pub fn base_value(&self) -> &str {
        &self.base_value
    }

    /// The value at the low side.
    #[must_use]
    pub fn low_value(&self) -> &str {
        &self.low_value
    }

    /// The value at the high side.
    #[must_use]
    pub fn high_value(&self) -> &str {
        &self.high_value
    }

    /// Expected annual cost at the target with the input at its low value.
    #[must_use]
    pub const fn cost_at_low(&self) -> Decimal {
        self.cost_at_low
    }

    /// Expected annual cost at the target with the input at its high value.
    #[must_use]
    pub const fn cost_at_high(&self) -> Decimal {
        self.cost_at_high
    }

    /// `|cost at high − cost at low|`.
    #[must_use]
    pub const fn swing(&self) -> Decimal {
        self.swing
    }
}

/// A tornado table: each input's swing of the expected annual cost at one
/// target, largest first.
///
/// # Example
///
/// ```
/// use downtime_cost::{Scenario, SensitivityOptions, Tornado};
///
/// let scenario = Scenario::builtin("retailer")?;
/// let tornado = Tornado::new(&scenario, &SensitivityOptions::new())?;
/// let top = &tornado.rows()[0];
/// assert!(top.swing() >= tornado.rows()[1].swing());
/// println!("refine {} first", top.input());
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tornado {
    target: Availability,
    measure: Measure,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    base_cheapest: Vec<Availability>,
    swing: crate::fraction::Fraction,
    #[cfg_attr(feature = "schema", schemars(with = "crate::decimal::WireDecimal"))]
    #[serde(with = "crate::decimal::wire")]
    base_cost: Decimal,
    rows: Vec<TornadoRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    notes: Vec<crate::note::Note>,
}

/// A part of a scenario whose parameters are swung.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// The driver at this index.
    Driver(usize),
    /// The outage assumption.
    Assumption,
    /// Planned maintenance.
    Maintenance,
}

impl Part {
    /// The parts of `s`, in order: the drivers, the assumption, maintenance (if any).
    fn all(s: &Scenario) -> Vec<Part> {
        let mut parts: Vec<Part> = (0..s.drivers().len()).map(Part::Driver).collect();
        parts.push(Part::Assumption);
        if s.maintenance().is_some() {
            parts.push(Part::Maintenance);
        }
        parts
    }

    /// Its path in the scenario: `drivers[0]`, `assumption`, `maintenance`.
    fn path(self) -> String {
        match self {
            Part::Driver(i) => format!("drivers[{i}]"),
            Part::Assumption => "assumption".to_owned(),
            Part::Maintenance => "maintenance".to_owned(),
        }
    }

    /// Its parameters in `s`.
    fn parameters(self, s: &Scenario) -> Vec<Parameter> {
        match self {
            Part::Driver(i) => s.drivers().get(i).map(Parameters::parameters).unwrap_or_default(),
            Part::Assumption => s.assumption().parameters(),
            Part::Maintenance => s.maintenance().map(Parameters::parameters).unwrap_or_default(),
        }
    }

    /// `s` with the part's parameter `name` × `factor` (shares capped at 1 with `cap`).
    fn scaled(self, s: &Scenario, name: &str, factor: Decimal, cap: bool) -> Result<Scenario> {
        let within = |e: Error| e.within(&self.path());
        match self {
            Part::Driver(i) => {
                let driver = s.drivers().get(i).ok_or_else(|| crate::parameter::unknown(name))?;
                let driver = driver.scaled_parameter(name, factor, cap).map_err(within)?;
                s.clone().with_driver_at(i, driver)
            }
            Part::Assumption => {
                let assumption = s.assumption().scaled_parameter(name, factor, cap).map_err(within)?;
                s.clone().with_assumption(assumption)
            }
            Part::Maintenance => {
                let process = s.maintenance().ok_or_else(|| crate::parameter::unknown(name))?;
                Ok(s.clone().with_maintenance(process.scaled_parameter(name, factor, cap).map_err(within)?))
            }
        }
    }
}

/// One swingable input: a parameter of a part of the scenario.
struct Input {
    /// The full path: the part's path and the parameter's name.
    name: String,
    part: Part,
    parameter: Parameter,
}

/// The fields of a parameter's name (`churn[*].value` → `churn`, `value`),
/// by which the inputs of a part are ordered.
fn fields(name: &str) -> Vec<&str> {
    name.split('.').map(|f| f.trim_end_matches("[*]")).collect()
}

/// The inputs of `scenario`: every part's parameters, in the order of their fields.
fn inputs(scenario: &Scenario) -> Vec<Input> {
    let mut out = Vec::new();
    for part in Part::all(scenario) {
        let mut parameters = part.parameters(scenario);
        parameters.sort_by(|a, b| fields(a.name()).cmp(&fields(b.name())));
        let path = part.path();
        out.extend(parameters.into_iter().map(|parameter| Input {
            name: format!("{path}.{}", parameter.name()),
            part,
            parameter,
        }));
    }
    out
}

/// How the swung input of `input` reads in `swung`: the factor for a list,
/// else its new value (the base value if it cannot be found).
fn shown(input: &Input, swung: &Scenario, factor: Decimal) -> String {
    if input.parameter.is_list() {
        return format!("x{}", factor.normalize());
    }
    input
        .part
        .parameters(swung)
        .into_iter()
        .find(|p| p.name() == input.parameter.name())
        .map_or_else(|| input.parameter.value().to_owned(), |p| p.value().to_owned())
}

impl Tornado {
    /// Swings every input of `scenario` one at a time.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a factor that is negative (field
    /// `factors`) or names no input; errors of the base scenario's study.
    pub fn new(scenario: &Scenario, options: &SensitivityOptions) -> Result<Self> {
        // The limits of a scenario built in code, before its inputs are swung one by one.
        scenario.check()?;
        let measure = options.measure;
        if measure == Measure::TotalCostOfOwnership && scenario.investment().is_none() {
            return Err(Error::invalid(
                "measure",
                "total_cost_of_ownership",
                "must have run costs in the scenario (investment.run_cost)",
            ));
        }
        let target = match options.target {
            Some(t) => t,
            None => default_target(scenario)?,
        };
        // The measure at the target, and the decision's cheapest targets.
        let cost = |s: &Scenario| -> Result<(Decimal, Vec<Availability>)> {
            let expected =
                study_of(s, &[target])?.rows().first().map_or(Decimal::ZERO, crate::target::TargetRow::total);
            let decision = if s.investment().is_some() { decide(s)? } else { None };
            let cheapest = decision.as_ref().map(|d| d.cheapest().to_vec()).unwrap_or_default();
            let value = match (measure, s.investment()) {
                (Measure::TotalCostOfOwnership, Some(i)) => {
                    crate::decimal::add(i.run_cost().at(target)?, expected, "total cost of ownership")?
                }
                _ => expected,
            };
            Ok((value, cheapest))
        };
        let (base_cost, base_cheapest) = cost(scenario)?;
        let mut inputs = inputs(scenario);
        let mut notes = Vec::new();
        if inputs.len() > options.max_inputs {
            notes.push(crate::note::Note::InputsLimited { swung: options.max_inputs, inputs: inputs.len() });
            inputs.truncate(options.max_inputs);
        }
        for (name, low, high) in &options.factors {
            if !inputs.iter().any(|i| &i.name == name) {
                return Err(Error::invalid("factors", name, "must name an input of the scenario"));
            }
            if low.is_sign_negative() || high.is_sign_negative() {
                return Err(Error::invalid("factors", name, "must not be negative"));
            }
        }
        let s = options.swing.get();
        let mut rows = Vec::with_capacity(inputs.len());
        for input in &inputs {
            let (low, high) = options.factors.iter().find(|(n, _, _)| n == &input.name).map_or(
                (sub(Decimal::ONE, s, "swing")?, crate::decimal::add(Decimal::ONE, s, "swing")?),
                |&(_, l, h)| (l, h),
            );
            let base_shown = input.parameter.value().to_owned();
            let base = (base_cost, base_cheapest.clone());
            let mut side = |factor: Decimal,
                            label: crate::note::Side|
             -> Result<(String, (Decimal, Vec<Availability>))> {
                let attempt = |cap: bool| input.part.scaled(scenario, input.parameter.name(), factor, cap);
                let first = match attempt(false) {
                    Ok(sc) => return Ok((shown(input, &sc, factor), cost(&sc)?)),
                    Err(e) => e,
                };
                // A share pushed above 1: cap it and try again.
                if let Ok(sc) = attempt(true) {
                    return Ok((shown(input, &sc, factor), cost(&sc)?));
                }
                notes.push(crate::note::Note::NotSwung {
                    input: input.name.clone(),
                    side: label,
                    reason: first.to_string(),
                });
                Ok((base_shown.clone(), base.clone()))
            };
            let (low_value, (cost_at_low, cheapest_at_low)) = side(low, crate::note::Side::Down)?;
            let (high_value, (cost_at_high, cheapest_at_high)) = side(high, crate::note::Side::Up)?;
            rows.push(TornadoRow {
                input: input.name.clone(),
                label: label_of(scenario, &input.name),
                base_value: base_shown.clone(),
                low_value,
                high_value,
                cost_at_low,
                cost_at_high,
                swing: sub(cost_at_high, cost_at_low, "tornado swing")?.abs(),
                cheapest_at_low,
                cheapest_at_high,
            });
        }
        rows.sort_by(|a, b| b.swing.cmp(&a.swing).then_with(|| a.input.cmp(&b.input)));
        Ok(Tornado { target, measure, base_cheapest, swing: options.swing, base_cost, rows, notes })
    }

    /// The target measured.
    #[must_use]
    pub const fn target(&self) -> Availability {
        self.target
    }

    /// What the tornado measures.
    #[must_use]
    pub const fn measure(&self) -> Measure {
        self.measure
    }

    /// The decision's cheapest target(s) with every input as given (empty
    /// without run costs).
    #[must_use]
    pub fn base_cheapest(&self) -> &[Availability] {
        &self.base_cheapest
    }

    /// The rows whose swing changes the decision's cheapest target.
    #[must_use]
    pub fn decision_flips(&self) -> Vec<&TornadoRow> {
        self.rows.iter().filter(|r| r.flips_decision(&self.base_cheapest)).collect()
    }

    /// The default swing.
    #[must_use]
    pub const fn default_swing(&self) -> crate::fraction::Fraction {
        self.swing
    }

    /// Expected annual cost at the target with every input as given.
    #[must_use]
    pub const fn base_cost(&self) -> Decimal {
        self.base_cost
    }

    /// The inputs, largest swing first (ties by name).
    #[must_use]
    pub fn rows(&self) -> &[TornadoRow] {
        &self.rows
    }

    /// Inputs that could not be swung on a side, and why.
    #[must_use]
    pub fn notes(&self) -> &[crate::note::Note] {
        &self.notes
    }

    /// A copy with every amount rounded by `rounding`.
    #[must_use]
    pub fn rounded(&self, rounding: Rounding) -> Tornado {
        Tornado {
            base_cost: rounding.apply(self.base_cost),
            rows: self
                .rows
                .iter()
                .map(|r| TornadoRow {
                    cost_at_low: rounding.apply(r.cost_at_low),
                    cost_at_high: rounding.apply(r.cost_at_high),
                    swing: rounding.apply(r.swing),
                    ..r.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// The study of `s` at `targets`.
fn study_of(s: &Scenario, targets: &[Availability]) -> Result<TargetStudy> {
    TargetStudy::with_options(
        &s.model(),
        s.assumption(),
        targets,
        s.maintenance(),
        &crate::expected::ExpectedOptions::default(),
    )
}

/// The decision of `s`, when it has run costs.
fn decide(s: &Scenario) -> Result<Option<crate::decision::Decision>> {
    match s.investment() {
        Some(i) => Ok(Some(i.decide(&study_of(s, s.targets())?, None)?)),
        None => Ok(None),
    }
}

/// The decision's (first) cheapest target with run costs, else the middle
/// of the sorted targets (the upper middle for an even count).
fn default_target(scenario: &Scenario) -> Result<Availability> {
    if let Some(first) = decide(scenario)?.and_then(|d| d.cheapest().first().copied()) {
        return Ok(first);
    }
    let mut sorted = scenario.targets().to_vec();
    sorted.sort();
    sorted
        .get(sorted.len() / 2)
        .copied()
        .ok_or_else(|| Error::invalid("targets", "[]", "must list at least one target"))
}

/// The line item (or section) an input belongs to, and its field:
/// `drivers[3].brand_impact.lifetime_value` → `B2B churn and publicity: lifetime_value`.
fn label_of(scenario: &Scenario, input: &str) -> String {
    let field = input.rsplit('.').next().unwrap_or(input);
    let field = field.split('[').next().unwrap_or(field);
    let owner = if let Some(rest) = input.strip_prefix("drivers[") {
        rest.split(']')
            .next()
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| scenario.drivers().get(i))
            .map_or_else(|| "driver".to_owned(), |d| d.name().to_owned())
    } else if input.starts_with("assumption") {
        "outage assumption".to_owned()
    } else if input.starts_with("maintenance") {
        "planned maintenance".to_owned()
    } else {
        input.split('.').next().unwrap_or(input).to_owned()
    };
    format!("{owner}: {field}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn scenario(drivers: &str) -> Scenario {
        Scenario::from_json(&format!(
            r#"{{"schema": 1, "name": "t", "currency": "USD", "drivers": {drivers},
                "assumption": {{"typical": {{"duration": "1h"}}}}, "targets": [99, 99.9]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn linear_driver_swings_by_hand() {
        // Lost sales 8 760 000 a year = 1 000 an hour; 99.9 % allows 8.76 h a year, so the
        // expected annual cost is 8 760 × share. Revenue ±25 %: 6 570 and 10 950, swing 4 380.
        // share_at_risk 0.5 ±25 %: 0.375 and 0.625 → 3 285 and 5 475, swing 2 190.
        let s = scenario(r#"[{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "0.5"}}]"#);
        let t = Tornado::new(&s, &SensitivityOptions::new()).unwrap();
        assert_eq!(t.target(), Availability::from_percent(dec!(99.9)).unwrap());
        assert_eq!(t.base_cost(), dec!(4380));
        let names: Vec<&str> = t.rows().iter().map(TornadoRow::input).collect();
        assert_eq!(
            &names[..2],
            &["drivers[0].lost_sales.revenue_per_year", "drivers[0].lost_sales.share_at_risk"]
        );
        let revenue = &t.rows()[0];
        assert_eq!((revenue.cost_at_low(), revenue.cost_at_high()), (dec!(3285), dec!(5475)));
        assert_eq!(revenue.swing(), dec!(2190));
        assert_eq!((revenue.low_value(), revenue.high_value()), ("6570000", "10950000"));
        // The typical duration does not move a linear cost: fewer, longer outages, same hours.
        let duration = t.rows().iter().find(|r| r.input() == "assumption.typical.duration").unwrap();
        assert_eq!(duration.swing(), Decimal::ZERO);
        assert_eq!((duration.low_value(), duration.high_value()), ("45m", "1h15m"));
    }

    #[test]
    fn shares_are_capped_at_one() {
        // share 1 × 1.25 fails validation, so it is capped at 1: the high side equals the base.
        let s = scenario(r#"[{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "1"}}]"#);
        let t = Tornado::new(&s, &SensitivityOptions::new()).unwrap();
        let share = t.rows().iter().find(|r| r.input().ends_with("share_at_risk")).unwrap();
        assert_eq!(share.high_value(), "1");
        assert_eq!(share.cost_at_high(), t.base_cost());
        // Low side: 0.75 × 8 760 = 6 570.
        assert_eq!(share.cost_at_low(), dec!(6570));
    }

    #[test]
    fn explicit_factors_and_bad_factors() {
        let s = scenario(r#"[{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "1"}}]"#);
        let path = "drivers[0].lost_sales.revenue_per_year";
        let options = SensitivityOptions::new().with_factors(path, dec!(0.5), dec!(2));
        let tornado = Tornado::new(&s, &options).unwrap();
        // 8 760 × 0.5 = 4 380 and 8 760 × 2 = 17 520.
        let row = tornado.rows().iter().find(|r| r.input() == path).unwrap();
        assert_eq!((row.cost_at_low(), row.cost_at_high()), (dec!(4380), dec!(17520)));
        let e =
            Tornado::new(&s, &SensitivityOptions::new().with_factors("nope", dec!(1), dec!(1))).unwrap_err();
        assert_eq!(e.field(), Some("factors"));
        let e =
            Tornado::new(&s, &SensitivityOptions::new().with_factors(path, dec!(-1), dec!(1))).unwrap_err();
        assert_eq!(e.field(), Some("factors"));
    }

    #[test]
    fn list_fields_swing_jointly() {
        let s = Scenario::builtin("saas").unwrap();
        let t = Tornado::new(&s, &SensitivityOptions::new()).unwrap();
        let names: Vec<&str> = t.rows().iter().map(TornadoRow::input).collect();
        assert!(names.contains(&"drivers[3].brand_impact.churn[*].value"), "{names:?}");
        assert!(names.contains(&"drivers[2].sla_credits.fee_per_period"), "{names:?}");
        // Sorted by swing, largest first.
        assert!(t.rows().windows(2).all(|w| w[0].swing() >= w[1].swing()));
        // Each swing is the distance between its two sides.
        assert!(t.rows().iter().all(|r| r.swing() == (r.cost_at_high() - r.cost_at_low()).abs()));
    }

    #[test]
    fn every_parameter_scaled_by_one_gives_back_an_equal_value() {
        for name in Scenario::builtin_names() {
            let s = Scenario::builtin(name).unwrap();
            for d in s.drivers() {
                for p in d.parameters() {
                    assert_eq!(
                        &d.scaled_parameter(p.name(), Decimal::ONE, false).unwrap(),
                        d,
                        "{name}: {}",
                        p.name()
                    );
                }
            }
            let a = s.assumption();
            for p in a.parameters() {
                assert_eq!(
                    &a.scaled_parameter(p.name(), Decimal::ONE, false).unwrap(),
                    a,
                    "{name}: {}",
                    p.name()
                );
            }
            if let Some(m) = s.maintenance() {
                for p in m.parameters() {
                    assert_eq!(
                        &m.scaled_parameter(p.name(), Decimal::ONE, false).unwrap(),
                        m,
                        "{name}: {}",
                        p.name()
                    );
                }
            }
            // And through the tornado's parts: every input, whole scenario, shown as given.
            let inputs = inputs(&s);
            assert!(inputs.len() >= 10, "{name}: {} inputs", inputs.len());
            for input in &inputs {
                let same = input.part.scaled(&s, input.parameter.name(), Decimal::ONE, false).unwrap();
                assert_eq!(same, s, "{name}: {}", input.name);
                assert_eq!(
                    shown(input, &same, Decimal::ONE),
                    input.parameter.value(),
                    "{name}: {}",
                    input.name
                );
            }
        }
    }

    #[test]
    fn inputs_are_named_by_their_path_in_the_scenario() {
        // saas_fitted: a fitted history (the incidents' starts are not inputs) and planned maintenance.
        let s = Scenario::builtin("saas_fitted").unwrap();
        let names: Vec<String> = inputs(&s).into_iter().map(|i| i.name).collect();
        let others: Vec<&str> =
            names.iter().map(String::as_str).filter(|n| !n.starts_with("drivers")).collect();
        assert_eq!(
            others,
            [
                "assumption.fitted.history.incidents[*].duration",
                "assumption.fitted.history.observed",
                "assumption.fitted.severity.fixed",
                "maintenance.duration.fixed",
                "maintenance.frequency.fixed.per_year",
                "maintenance.severity.fixed",
            ]
        );
        assert!(names.contains(&"drivers[2].sla_credits.tiers[*].below".to_owned()), "{names:?}");
        assert!(names.contains(&"drivers[1].response.data_loss.window".to_owned()), "{names:?}");
    }

    #[test]
    fn a_swing_that_breaks_a_rule_is_a_note_naming_the_parameter() {
        // saas_fitted: the history's window × 0.75 = 547d12h ends before the 23rd incident starts.
        let s = Scenario::builtin("saas_fitted").unwrap();
        let t = Tornado::new(&s, &SensitivityOptions::new()).unwrap();
        let reasons: Vec<String> = t.notes().iter().map(ToString::to_string).collect();
        assert_eq!(
            reasons,
            [
                "assumption.fitted.history.observed not swung down: assumption.fitted.history.incidents[22].start \
              must be before the end of the observation window, got 558d8h33m (the window is 547d12h)"
            ]
        );
        let row = t.rows().iter().find(|r| r.input() == "assumption.fitted.history.observed").unwrap();
        assert_eq!((row.base_value(), row.low_value(), row.high_value()), ("730d", "730d", "912d12h"));
        assert_eq!(row.cost_at_low(), t.base_cost());
    }
}
