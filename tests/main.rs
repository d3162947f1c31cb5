//! The integration tests, in one binary so a 2-core machine links once.
//! Each module is one area of the public API; `support` holds what several
//! share.

mod support;

mod architecture;
mod calendar_year;
mod charts;
mod convergence;
mod coverage;
mod decision;
mod drivers;
mod fit;
mod fuzz_replay;
mod hostile;
mod layering;
mod properties;
mod report_json;
mod scenarios;
mod schema;
mod simulation_bits;
mod support_options;
mod tables;
mod targets;
mod traits;
mod validation;
