//! Monte Carlo: the annual loss distribution of an outage process.

mod engine;
mod kernel;
mod stats;

pub use engine::{CHUNK_TRIALS, SimulationOptions, simulate, simulate_with_maintenance};
pub use stats::{DriverMean, LossDistribution, QuantileMethod};

#[cfg(test)]
use kernel::Kernel;
pub(crate) use kernel::{CalendarF, CurveF, DriverF, SlaF, WeekF};

#[cfg(test)]
mod tests;
