//! The parameters of the outage assumptions: a typical outage, a process
//! and its policy, or a history to fit.

use rust_decimal::Decimal;

use crate::error::Result;
use crate::parameter::{Parameter, Parameters, parameters_within, scale_share, scaled_within, unknown};
use crate::target::{FittedAssumption, ImprovementPolicy, OutageAssumption, ProcessAssumption};

/// The mixed policy's parameter.
const MIX_SHARE: &str = "policy.mix.fewer_incidents_share";

/// The parameter of a mixed policy (the share from fewer incidents); none for the others.
fn policy_parameters(policy: ImprovementPolicy) -> Option<Parameter> {
    match policy {
        ImprovementPolicy::Mix { fewer_incidents_share } => {
            Some(Parameter::share(MIX_SHARE, fewer_incidents_share))
        }
        _ => None,
    }
}

/// `policy` with its share scaled, when `name` is the mixed policy's parameter.
fn scaled_policy(
    policy: ImprovementPolicy,
    name: &str,
    factor: Decimal,
    cap: bool,
) -> Option<Result<ImprovementPolicy>> {
    match policy {
        ImprovementPolicy::Mix { fewer_incidents_share } if name == MIX_SHARE => Some(
            scale_share(name, fewer_incidents_share, factor, cap)
                .map(|s| ImprovementPolicy::Mix { fewer_incidents_share: s }),
        ),
        _ => None,
    }
}

/// The process's parameters (`frequency.…`, `duration.…`, `severity.…`) and,
/// for a mixed policy, `policy.mix.fewer_incidents_share`.
impl Parameters for ProcessAssumption {
    fn parameters(&self) -> Vec<Parameter> {
        let mut out = self.process().parameters();
        out.extend(policy_parameters(self.policy()));
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        match scaled_policy(self.policy(), name, factor, cap) {
            Some(policy) => Ok(ProcessAssumption::new(&self.process(), policy?)),
            None => Ok(ProcessAssumption::new(
                &self.process().scaled_parameter(name, factor, cap)?,
                self.policy(),
            )),
        }
    }
}

/// The history's parameters (`history.observed`,
/// `history.incidents[*].duration`), the severity's (`severity.…`) and, for
/// a mixed policy, `policy.mix.fewer_incidents_share`.
impl Parameters for FittedAssumption {
    fn parameters(&self) -> Vec<Parameter> {
        let mut out: Vec<Parameter> = parameters_within(self.history(), "history").collect();
        out.extend(parameters_within(self.severity(), "severity"));
        out.extend(policy_parameters(self.policy()));
        out
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        let (severity, policy) = (self.severity().clone(), self.policy());
        if let Some(history) = scaled_within(self.history(), "history", name, factor, cap) {
            Ok(FittedAssumption::new(history?, severity, policy))
        } else if let Some(severity) = scaled_within(&severity, "severity", name, factor, cap) {
            Ok(FittedAssumption::new(self.history().clone(), severity?, policy))
        } else if let Some(policy) = scaled_policy(policy, name, factor, cap) {
            Ok(FittedAssumption::new(self.history().clone(), severity, policy?))
        } else {
            Err(unknown(name))
        }
    }
}

/// The parameters of the typical outage, the process or the fitted
/// history, named within `typical`, `process` or `fitted` as in scenario
/// files (`process.duration.lognormal.mu`).
impl Parameters for OutageAssumption {
    fn parameters(&self) -> Vec<Parameter> {
        match self {
            OutageAssumption::Typical(o) => parameters_within(o, "typical").collect(),
            OutageAssumption::Process(p) => parameters_within(p, "process").collect(),
            OutageAssumption::Fitted(f) => parameters_within(f, "fitted").collect(),
        }
    }

    fn scaled_parameter(&self, name: &str, factor: Decimal, cap: bool) -> Result<Self> {
        let scaled = match self {
            OutageAssumption::Typical(o) => {
                scaled_within(o, "typical", name, factor, cap).map(|r| r.map(OutageAssumption::Typical))
            }
            OutageAssumption::Process(p) => {
                scaled_within(p, "process", name, factor, cap).map(|r| r.map(OutageAssumption::Process))
            }
            OutageAssumption::Fitted(f) => {
                scaled_within(f, "fitted", name, factor, cap).map(|r| r.map(OutageAssumption::Fitted))
            }
        };
        scaled.unwrap_or_else(|| Err(unknown(name)))
    }
}
