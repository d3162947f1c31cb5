//! Scenario documents: one JSON file describes a business (currency,
//! calendar, cost drivers), the outages to price, the outage assumption for
//! targets, and the targets to compare.

use serde::{Deserialize, Serialize};

use crate::architecture::Design;
use crate::availability::Availability;
use crate::calendar::Calendar;
use crate::cost::{CostModel, Driver};
use crate::decision::Investment;
use crate::error::{Error, Result};
use crate::json::{locate, read};
use crate::money::{Currency, Rounding};
use crate::outage::Outage;
use crate::process::OutageProcess;
use crate::support::SupportChoice;
use crate::target::OutageAssumption;

/// The scenario schema version this crate reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// A scenario: everything needed to price outages and compare targets.
///
/// Read one with [`Scenario::from_json`]; every value is validated as it
/// is read, and a rejected value is reported with its JSON path, the
/// value, the rule and its line and column ([`Error::Invalid`]; a document
/// of the wrong shape is [`Error::Document`]). Unknown fields are rejected. Amounts are written
/// as strings and read from strings or numbers.
///
/// # Example
///
/// ```
/// use downtime_cost::Scenario;
///
/// let json = r#"{
///   "schema": 1,
///   "name": "Shop",
///   "currency": "EUR",
///   "drivers": [{"lost_sales": {"revenue_per_year": "8760000", "share_at_risk": "100%"}}],
///   "outages": [{"duration": "2h"}],
///   "assumption": {"typical": {"duration": "1h"}},
///   "targets": [99, "99.9"]
/// }"#;
/// let scenario = Scenario::from_json(json)?;
/// let report = downtime_cost::Report::new(&downtime_cost::Analysis::new(&scenario)?)?;
/// assert_eq!(report.outages()[0].breakdown().total(), 2_000.into());
///
/// let err = Scenario::from_json(&json.replace("100%", "170%")).unwrap_err();
/// assert_eq!(err.field(), Some("drivers[0].lost_sales.share_at_risk"));
/// # Ok::<(), downtime_cost::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    schema: u64,
    name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    currency: Currency,
    #[serde(default)]
    calendar: Calendar,
    drivers: Vec<Driver>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    outages: Vec<Outage>,
    assumption: OutageAssumption,
    targets: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    maintenance: Option<OutageProcess>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    investment: Option<Investment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    designs: Vec<Design>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportChoice>,
    #[serde(default)]
    rounding: Rounding,
}

/// The built-in scenarios, by name.
const BUILTIN: &[(&str, &str)] = &[
    ("retailer", include_str!("../scenarios/retailer.json")),
    ("saas", include_str!("../scenarios/saas.json")),
    ("erp", include_str!("../scenarios/erp.json")),
    ("saas_fitted", include_str!("../scenarios/saas_fitted.json")),
    ("support", include_str!("../scenarios/support.json")),
];

impl Scenario {
    /// A scenario built in code.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `targets`) when no target is given, or
    /// from the assumption's validation.
    pub fn new(
        name: &str,
        currency: Currency,
        calendar: Calendar,
        drivers: Vec<Driver>,
        assumption: OutageAssumption,
        targets: Vec<Availability>,
    ) -> Result<Self> {
        let s = Scenario {
            schema: SCHEMA_VERSION,
            name: name.to_owned(),
            description: String::new(),
            currency,
            calendar,
            drivers,
            outages: Vec::new(),
            assumption,
            targets,
            maintenance: None,
            investment: None,
            designs: Vec::new(),
            support: None,
            rounding: Rounding::default(),
        };
        s.check()?;
        Ok(s)
    }

    /// Adds an outage to price.
    #[must_use]
    pub fn with_outage(mut self, outage: Outage) -> Self {
        self.outages.push(outage);
        self
    }

    /// Sets the planned-maintenance process: costed on its own line in the
    /// target study, outside every target's budget.
    #[must_use]
    pub fn with_maintenance(mut self, process: OutageProcess) -> Self {
        self.maintenance = Some(process);
        self
    }

    /// Sets the decision inputs: the yearly run cost of each target and the
    /// NPV options, so the report adds the total cost of ownership.
    #[must_use]
    pub fn with_investment(mut self, investment: Investment) -> Self {
        self.investment = Some(investment);
        self
    }

    /// A copy with driver `index` replaced by `driver`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `drivers`) when there is no driver `index`.
    pub(crate) fn with_driver_at(mut self, index: usize, driver: Driver) -> Result<Self> {
        let slot = self.drivers.get_mut(index).ok_or_else(|| {
            Error::invalid("drivers", index, "must be the index of a driver of the scenario")
        })?;
        *slot = driver;
        Ok(self)
    }

    /// A copy with the outage assumption replaced, checked as a scenario's is.
    ///
    /// # Errors
    ///
    /// The document-wide rules' errors, as [`Scenario::new`]'s.
    pub(crate) fn with_assumption(mut self, assumption: OutageAssumption) -> Result<Self> {
        self.assumption = assumption;
        self.check()?;
        Ok(self)
    }

    /// Adds a design (an architecture, optionally with its run cost) to
    /// compare in money.
    #[must_use]
    pub fn with_design(mut self, design: Design) -> Self {
        self.designs.push(design);
        self
    }

    /// The designs to compare.
    #[must_use]
    pub fn designs(&self) -> &[Design] {
        &self.designs
    }

    /// Sets the support options to compare: who answers outages, and what
    /// each way costs ([`crate::SupportComparison`]).
    #[must_use]
    pub fn with_support(mut self, support: SupportChoice) -> Self {
        self.support = Some(support);
        self
    }

    /// The support options to compare, if any.
    #[must_use]
    pub const fn support(&self) -> Option<&SupportChoice> {
        self.support.as_ref()
    }

    /// The decision inputs, if any.
    #[must_use]
    pub const fn investment(&self) -> Option<&Investment> {
        self.investment.as_ref()
    }

    /// The planned-maintenance process, if any.
    #[must_use]
    pub const fn maintenance(&self) -> Option<&OutageProcess> {
        self.maintenance.as_ref()
    }

    /// Sets the description.
    #[must_use]
    pub fn with_description(mut self, text: &str) -> Self {
        text.clone_into(&mut self.description);
        self
    }

    /// Sets the rounding policy of reports.
    #[must_use]
    pub fn with_rounding(mut self, rounding: Rounding) -> Self {
        self.rounding = rounding;
        self
    }

    /// The names of the built-in scenarios: `retailer`, `saas`, `erp`, `saas_fitted`.
    #[must_use]
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// A built-in scenario (`retailer`, `saas`, `erp` or `saas_fitted`; see `scenarios/`).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (field `scenario`) for an unknown name.
    pub fn builtin(name: &str) -> Result<Self> {
        let (_, json) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::invalid(
                "scenario",
                format!("\"{name}\""),
                "must be one of retailer, saas, erp, saas_fitted",
            )
        })?;
        Scenario::from_json(json)
    }

    /// Reads and validates a scenario document.
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedSchema`] for a schema other than 1;
    /// [`Error::Document`] naming the JSON path and position of malformed
    /// JSON, a wrong type, an unknown or missing field; [`Error::Invalid`]
    /// for a value that breaks a rule, with its full JSON path
    /// (`drivers[0].lost_sales.share_at_risk`), the value, the rule and the
    /// line and column of the value ([`Error::location`]), including
    /// document-wide rules (no targets).
    pub fn from_json(json: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Header {
            schema: Option<serde_json::Value>,
        }
        let header: Header = read(json)?;
        match header.schema {
            None => {
                return Err(Error::Document {
                    path: "schema".to_owned(),
                    message: "missing field `schema` (the scenario schema version, 1)".to_owned(),
                    location: Some(crate::error::Location::new(1, 1)),
                });
            }
            Some(serde_json::Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION) => {}
            Some(serde_json::Value::Number(n)) if n.as_u64().is_some() => {
                return Err(Error::UnsupportedSchema {
                    found: n.as_u64().unwrap_or_default(),
                    supported: SCHEMA_VERSION,
                });
            }
            Some(other) => {
                return Err(
                    Error::invalid("schema", other, "must be the integer 1").at(locate(json, "schema"))
                );
            }
        }
        let s: Scenario = read(json)?;
        s.check().map_err(|e| {
            let location = e.field().and_then(|f| locate(json, f));
            e.at(location)
        })?;
        Ok(s)
    }

    /// Document-wide rules.
    pub(crate) fn check(&self) -> Result<()> {
        use crate::limits::{MAX_DESIGNS, MAX_DRIVERS, MAX_OUTAGES, MAX_TARGETS, at_most};
        if self.targets.is_empty() {
            return Err(Error::invalid("targets", "[]", "must list at least one target"));
        }
        at_most("targets", self.targets.len(), MAX_TARGETS, "must list at most 100 targets")?;
        at_most("outages", self.outages.len(), MAX_OUTAGES, "must list at most 10000 outages")?;
        at_most("drivers", self.drivers.len(), MAX_DRIVERS, "must list at most 100 cost drivers")?;
        at_most("designs", self.designs.len(), MAX_DESIGNS, "must list at most 100 designs")?;
        self.assumption.validate().map_err(|e| e.within("assumption"))?;
        for (i, o) in self.outages.iter().enumerate() {
            self.calendar.year_offset(o.start()).map_err(|e| e.within(&format!("outages[{i}]")))?;
        }
        if let Some(i) = &self.investment {
            i.run_cost().check_targets(&self.targets).map_err(|e| e.within("investment"))?;
        }
        Ok(())
    }

    /// The scenario as pretty-printed JSON (amounts as strings). A scenario
    /// built in code is checked first against the document-wide rules
    /// [`Scenario::from_json`] applies (outages added with
    /// [`Scenario::with_outage`] placed in the calendar, the limits), so
    /// what is written reads back.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for a rule a scenario built in code breaks (a
    /// dated outage without a named calendar year: field `outages[i].start`).
    pub fn to_json(&self) -> Result<String> {
        self.check()?;
        crate::json::write(self)
    }

    /// The scenario's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The scenario's description.
    #[must_use]
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The currency.
    #[must_use]
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The calendar.
    #[must_use]
    pub const fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The cost drivers.
    #[must_use]
    pub fn drivers(&self) -> &[Driver] {
        &self.drivers
    }

    /// The outages to price.
    #[must_use]
    pub fn outages(&self) -> &[Outage] {
        &self.outages
    }

    /// The outage assumption for targets.
    #[must_use]
    pub const fn assumption(&self) -> &OutageAssumption {
        &self.assumption
    }

    /// The targets.
    #[must_use]
    pub fn targets(&self) -> &[Availability] {
        &self.targets
    }

    /// The rounding policy of reports.
    #[must_use]
    pub const fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// The validated cost model.
    #[must_use]
    pub fn model(&self) -> CostModel {
        self.drivers
            .iter()
            .cloned()
            .fold(CostModel::new(self.currency).with_calendar(self.calendar.clone()), CostModel::with_driver)
    }
}
