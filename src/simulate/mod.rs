//! Monte Carlo: the annual loss distribution of an outage process.

mod engine;
mod stats;

pub(crate) use engine::driver_sums;
pub use engine::{
    CHUNK_TRIALS, MAX_TRIALS, SimulationOptions, simulate, simulate_support, simulate_with_maintenance,
};
pub use stats::{
    DriverLoss, DriverMean, ExceedancePoint, LevelLoss, LossDistribution, LossSummary, QuantileMethod,
    ReturnPeriodLoss, SUMMARY_MIN_EXCEEDANCE,
};

#[cfg(test)]
use crate::cost::kernel::Kernel;

#[cfg(test)]
mod tests;
