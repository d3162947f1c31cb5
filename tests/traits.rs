//! Every public type can cross threads and be printed: `Send + Sync + Debug`,
//! checked at compile time for each, and the list checked against the
//! crate root's re-exports so a new type cannot be left out.

use std::fmt::Debug;

use downtime_cost::*;

fn sendable<T: Send + Sync + Debug + ?Sized>() {}

/// Asserts the traits of each type and returns the names asserted.
macro_rules! assert_all {
    ($($t:ty),* $(,)?) => {{
        $(sendable::<$t>();)*
        vec![$(stringify!($t)),*]
    }};
}

/// The names of the types `src/lib.rs` re-exports (`pub use module::{A, B, f, CONST}`): those
/// that start with a capital and are not constants.
fn reexported_types() -> Vec<String> {
    let lib = include_str!("../src/lib.rs");
    let mut names = Vec::new();
    for block in lib.split("pub use ").skip(1) {
        let Some(end) = block.find(';') else { continue };
        let item = &block[..end];
        let list = match item.find('{') {
            Some(open) => &item[open + 1..item.rfind('}').unwrap_or(item.len())],
            None => item.rsplit("::").next().unwrap_or(item),
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let is_type = name.starts_with(char::is_uppercase) && name.chars().any(char::is_lowercase);
            if is_type {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    names
}

#[test]
#[expect(clippy::too_many_lines, reason = "one line per public type")]
fn every_public_type_is_send_sync_and_debug() {
    let mut asserted = assert_all![
        Analysis,
        DesignEvaluation,
        Reconciliation,
        SimulatedTarget,
        Architecture,
        ArchitectureSummary,
        Component,
        Design,
        Availability,
        NinesRow,
        NinesTable,
        Calendar,
        ClockTime,
        PeakPeriod,
        Weekday,
        WeeklyProfile,
        Conventions,
        MonthLength,
        Period,
        QuarterLength,
        YearLength,
        BillingPeriod,
        BrandImpact,
        CostBreakdown,
        CostModel,
        CreditDirection,
        CustomImpact,
        DataLoss,
        Driver,
        DriverKind,
        LineItem,
        LostProductivity,
        LostSales,
        Publicity,
        Recovery,
        Response,
        SalesBasis,
        SlaCredits,
        SlaMeasure,
        SlaTier,
        Curve,
        CurvePoint,
        Decision,
        DecisionOptions,
        DecisionRow,
        DecisionStep,
        Investment,
        RunCost,
        RunCostKind,
        RunCostPoint,
        StepVerdict,
        Error,
        Location,
        ExpectedAnnualCost,
        ExpectedOptions,
        Fraction,
        Currency,
        Money,
        Rounding,
        RoundingMode,
        Note,
        Side,
        Outage,
        OutageStart,
        Parameter,
        ParameterKind,
        DurationDistribution,
        DurationFamily,
        DurationFit,
        Frequency,
        HistoryFit,
        Incident,
        IncidentHistory,
        OutageProcess,
        ParameterEstimate,
        QuantilePoint,
        RateFit,
        SeverityDistribution,
        SkippedFit,
        Cell,
        Column,
        DesignReport,
        OutageReport,
        Report,
        Section,
        SimulationSummary,
        StepSaving,
        Style,
        Table,
        TableKind,
        Unit,
        Scenario,
        Measure,
        SensitivityOptions,
        Tornado,
        TornadoRow,
        DriverLoss,
        DriverMean,
        ExceedancePoint,
        LevelLoss,
        LossDistribution,
        LossSummary,
        QuantileMethod,
        ReturnPeriodLoss,
        SimulationOptions,
        FittedAssumption,
        ImprovementPolicy,
        OutageAssumption,
        ProcessAssumption,
        StudyMethod,
        TargetRow,
        TargetStudy,
        CoverHours,
        Coverage,
        ResponseSla,
        SupportOption,
        SupportChoice,
        AllowedIncidents,
        SupportComparison,
        SupportComparisonOptions,
        SupportRow,
    ];
    #[cfg(feature = "schema")]
    sendable::<schema::SchemaKind>();
    // A user's cost driver is shared across the simulation's threads: the trait requires it.
    sendable::<dyn CostDriver>();
    sendable::<Box<dyn CostDriver>>();
    sendable::<Result<Report>>();
    // (`Result` is an alias, `CostDriver` and `Parameters` are traits: checked above or not types.)
    asserted.extend(["Result", "CostDriver", "Parameters"]);
    let mut asserted: Vec<String> = asserted.into_iter().map(str::to_owned).collect();
    asserted.sort();
    assert_eq!(asserted, reexported_types(), "assert the traits of every type the crate root re-exports");
}
