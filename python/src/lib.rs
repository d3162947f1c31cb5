//! The Python binding of downtime-cost: the extension module
//! `downtime_cost._native`.
//!
//! A thin layer: it reads a scenario document, runs the library with the
//! interpreter's lock released, and hands back the report's JSON, its
//! tables (cells as `decimal.Decimal`, `float`, `str` or `None`) and the
//! simulated losses. The package's API (`downtime_cost/__init__.py`) is
//! Python built on these functions. Every library error is raised as
//! `downtime_cost.ScenarioError` (a `ValueError`) with the error's kind,
//! path, value, rule, line and column; a panic is raised as
//! `downtime_cost.InternalError`, never an abort. Both are defined in
//! Python (`downtime_cost/_errors.py`) so that they pickle with their fields.

use std::panic::{AssertUnwindSafe, catch_unwind};

use downtime_cost::schema::{SchemaKind, schema_json};
use downtime_cost::{
    Analysis, Cell, Error, Fraction, LossDistribution, LossSummary, Report, Scenario, SensitivityOptions,
    SimulationOptions, Table, Unit,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};

/// The package's exception `name` (`downtime_cost._errors`), built with `args`.
fn exception<'py>(py: Python<'py>, name: &str, args: impl pyo3::call::PyCallArgs<'py>) -> PyErr {
    let built =
        py.import("downtime_cost._errors").and_then(|m| m.getattr(name)).and_then(|class| class.call1(args));
    match built {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// `InternalError(message)`: a defect in this crate, never the caller's.
fn internal(message: &str) -> PyErr {
    Python::attach(|py| exception(py, "InternalError", (message,)))
}

/// Runs `f`, turning a panic into `InternalError`.
fn guarded<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        internal(&format!("downtime-cost panicked: {message}"))
    })
}

/// The error's kind: `invalid`, `document`, `unsupported_schema`,
/// `overflow`, `currency_mismatch` or `error`.
fn kind_of(error: &Error) -> &'static str {
    match error {
        Error::Invalid { .. } => "invalid",
        Error::Document { .. } => "document",
        Error::UnsupportedSchema { .. } => "unsupported_schema",
        Error::Overflow { .. } => "overflow",
        Error::CurrencyMismatch { .. } => "currency_mismatch",
        _ => "error",
    }
}

/// An error's fields: `(message, kind, path, value, rule, line, column)`,
/// `None` where the error has none.
type Fields = (
    String,
    &'static str,
    Option<String>,
    Option<String>,
    Option<&'static str>,
    Option<usize>,
    Option<usize>,
);

fn fields(error: &Error) -> Fields {
    let (value, rule) = match error {
        Error::Invalid { value, rule, .. } => (Some(value.clone()), Some(*rule)),
        _ => (None, None),
    };
    (
        error.to_string(),
        kind_of(error),
        error.field().map(str::to_owned),
        value,
        rule,
        error.location().map(downtime_cost::Location::line),
        error.location().map(downtime_cost::Location::column),
    )
}

/// `error` as a `ScenarioError(message, kind, path, value, rule, line, column)`.
fn raise(py: Python<'_>, error: &Error) -> PyErr {
    exception(py, "ScenarioError", fields(error))
}

/// Runs `f` without the interpreter's lock and turns its error into
/// `ScenarioError` and a panic into `InternalError`.
fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    py.detach(|| guarded(f))?.map_err(|e| raise(py, &e))
}

/// The names of the built-in scenarios.
#[pyfunction]
fn builtin_names() -> Vec<&'static str> {
    Scenario::builtin_names()
}

/// The built-in scenario `name` as JSON text.
#[pyfunction]
fn builtin_scenario(py: Python<'_>, name: &str) -> PyResult<String> {
    if !Scenario::builtin_names().contains(&name) {
        return Err(PyValueError::new_err(format!(
            "no built-in scenario {name:?}; the built-ins are {}",
            Scenario::builtin_names().join(", ")
        )));
    }
    run(py, || Scenario::builtin(name)?.to_json())
}

/// The problems of a scenario document: an empty list when it is valid,
/// else one `(message, kind, path, value, rule, line, column)`: reading
/// stops at the first.
#[pyfunction]
fn validate(py: Python<'_>, json: &str) -> PyResult<Vec<Fields>> {
    let outcome =
        py.detach(|| guarded(|| Scenario::from_json(json).and_then(|s| Analysis::new(&s).map(drop))))?;
    Ok(outcome.err().iter().map(fields).collect())
}

/// The JSON Schema (draft 2020-12) of a scenario (`"scenario"`) or a report
/// (`"report"`), as JSON text.
#[pyfunction]
fn schema(kind: &str) -> PyResult<String> {
    let kind = match kind {
        "scenario" => SchemaKind::Scenario,
        "report" => SchemaKind::Report,
        other => {
            return Err(PyValueError::new_err(format!("no schema {other:?}: \"scenario\" or \"report\"")));
        }
    };
    Ok(schema_json(kind))
}

/// A table as `(name, [(column, unit)], rows)`; cells are `decimal.Decimal`
/// (exact numbers), `float`, `str` or `None`.
fn table<'py>(py: Python<'py>, decimal: &Bound<'py, PyAny>, t: &Table) -> PyResult<Bound<'py, PyTuple>> {
    let columns = PyList::empty(py);
    for c in t.columns() {
        columns.append((c.name(), unit_name(c.unit())?))?;
    }
    let rows = PyList::empty(py);
    for row in t.rows() {
        let cells = PyList::empty(py);
        for cell in row {
            match cell {
                Cell::Number(d) => cells.append(decimal.call1((d.to_string(),))?)?,
                Cell::Float(f) => cells.append(*f)?,
                Cell::Text(s) => cells.append(s)?,
                Cell::Empty => cells.append(py.None())?,
                other => {
                    return Err(internal(&format!("a table cell this binding does not know: {other:?}")));
                }
            }
        }
        rows.append(cells)?;
    }
    PyTuple::new(py, [t.kind().name().into_pyobject(py)?.into_any(), columns.into_any(), rows.into_any()])
}

/// The unit's name: `money`, `percent`, `share`, `seconds`, `number` or `text`.
fn unit_name(unit: Unit) -> PyResult<&'static str> {
    Ok(match unit {
        Unit::Money => "money",
        Unit::Percent => "percent",
        Unit::Share => "share",
        Unit::Seconds => "seconds",
        Unit::Number => "number",
        Unit::Text => "text",
        other => return Err(internal(&format!("a column unit this binding does not know: {other:?}"))),
    })
}

/// Evaluates a scenario document: `(report_json, tables)`, with a
/// simulation of `trials` years from `seed` and the tornado when asked
/// (`swing_percent`: the inputs' swing in percent, default 25).
#[pyfunction]
#[pyo3(signature = (json, trials=None, seed=None, sensitivity=false, swing_percent=None))]
fn evaluate<'py>(
    py: Python<'py>,
    json: &str,
    trials: Option<u64>,
    seed: Option<u64>,
    sensitivity: bool,
    swing_percent: Option<&str>,
) -> PyResult<(String, Bound<'py, PyList>)> {
    let swing = match swing_percent {
        Some(s) => Some(s.parse::<rust_decimal::Decimal>().map_err(|_| {
            PyValueError::new_err(format!("swing_percent must be a number of percent, got {s:?}"))
        })?),
        None => None,
    };
    let (text, tables) = run(py, || {
        let scenario = Scenario::from_json(json)?;
        let mut analysis = Analysis::new(&scenario)?;
        if sensitivity {
            let mut options = SensitivityOptions::new();
            if let Some(s) = swing {
                options = options.with_swing(Fraction::from_percent(s)?);
            }
            analysis.analyse_sensitivity(&options)?;
        }
        if trials.is_some() {
            analysis.simulate(&simulation_options(trials, seed), |_, _| {})?;
        }
        let report = Report::new(&analysis)?;
        Ok((report.to_json()?, report.tables()))
    })?;
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    let list = PyList::empty(py);
    for t in &tables {
        list.append(guarded(|| table(py, &decimal, t))??)?;
    }
    Ok((text, list))
}

/// The library's simulation options, with `trials` and `seed` where given.
fn simulation_options(trials: Option<u64>, seed: Option<u64>) -> SimulationOptions {
    let mut options = SimulationOptions::new();
    if let Some(t) = trials {
        options = options.with_trials(t);
    }
    if let Some(s) = seed {
        options = options.with_seed(s);
    }
    options
}

/// One target's simulated annual losses.
#[pyclass(frozen, module = "downtime_cost._native", name = "Distribution")]
struct Distribution {
    target: String,
    summary: String,
    reconciliation: String,
    losses: LossDistribution,
}

#[pymethods]
impl Distribution {
    /// The target, as the report writes it (`"99.9"`).
    #[getter]
    fn target(&self) -> &str {
        &self.target
    }

    /// The summary (`LossSummary`) as JSON text: money rounded to the cent.
    #[getter]
    fn summary(&self) -> &str {
        &self.summary
    }

    /// The exact expected cost against the simulated mean, as JSON text.
    #[getter]
    fn reconciliation(&self) -> &str {
        &self.reconciliation
    }

    /// The quantile of the annual loss at probability `p` (type 7), exact text.
    fn quantile(&self, py: Python<'_>, p: f64) -> PyResult<String> {
        run(py, || self.losses.quantile(p).map(|d| d.to_string()))
    }

    /// The value at risk at `level` (the `level` quantile), exact text.
    fn value_at_risk(&self, py: Python<'_>, level: f64) -> PyResult<String> {
        run(py, || self.losses.value_at_risk(level).map(|d| d.to_string()))
    }

    /// The expected shortfall at `level` (mean loss in the worst `1 − level`), exact text.
    fn expected_shortfall(&self, py: Python<'_>, level: f64) -> PyResult<String> {
        run(py, || self.losses.expected_shortfall(level).map(|d| d.to_string()))
    }

    /// The loss exceeded once in `years` years on average, exact text.
    fn return_period_loss(&self, py: Python<'_>, years: f64) -> PyResult<String> {
        run(py, || self.losses.return_period_loss(years).map(|d| d.to_string()))
    }

    /// The share of years whose loss exceeds `x`.
    fn prob_exceeding(&self, x: f64) -> PyResult<f64> {
        guarded(|| self.losses.prob_exceeding(x))
    }

    /// The loss exceedance curve down to `min_probability`: `[(loss text, probability)]`.
    fn exceedance_curve(&self, min_probability: f64) -> PyResult<Vec<(String, f64)>> {
        guarded(|| {
            self.losses
                .exceedance_curve(min_probability)
                .into_iter()
                .map(|(l, p)| (l.to_string(), p))
                .collect()
        })
    }

    /// The annual losses in ascending order as little-endian `f64` bytes
    /// (8 a year), written once into a Python `bytes`.
    fn losses_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let losses = self.losses.sorted_losses();
        guarded(|| {
            PyBytes::new_with(py, losses.len().saturating_mul(8), |buf| {
                for (chunk, x) in buf.chunks_exact_mut(8).zip(losses) {
                    chunk.copy_from_slice(&x.to_le_bytes());
                }
                Ok(())
            })
        })?
    }
}

/// Simulates each target of a scenario: one `Distribution` per target, in
/// the scenario's order (`trials` and `seed`: the library's defaults when `None`).
#[pyfunction]
#[pyo3(signature = (json, trials=None, seed=None))]
fn simulate(
    py: Python<'_>,
    json: &str,
    trials: Option<u64>,
    seed: Option<u64>,
) -> PyResult<Vec<Distribution>> {
    let simulated = run(py, || {
        let scenario = Scenario::from_json(json)?;
        let mut analysis = Analysis::new(&scenario)?;
        analysis.simulate(&simulation_options(trials, seed), |_, _| {})?;
        Ok(analysis.into_simulations())
    })?;
    // The losses move into each Distribution: no copy until `losses_bytes`.
    simulated
        .into_iter()
        .map(|s| {
            let (target, losses, reconciliation) = s.into_parts();
            Ok(Distribution {
                target: target.percent().to_string(),
                summary: to_json(&LossSummary::new(&losses))?,
                reconciliation: to_json(&reconciliation)?,
                losses,
            })
        })
        .collect()
}

/// `value` as JSON text (a failure is a defect: `InternalError`).
fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| internal(&format!("cannot write JSON: {e}")))
}

/// Panics, to test that a panic becomes `InternalError` (tests only).
#[pyfunction]
fn _panic_for_tests() -> PyResult<()> {
    guarded(|| panic!("a deliberate panic"))
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Distribution>()?;
    m.add_function(wrap_pyfunction!(builtin_names, m)?)?;
    m.add_function(wrap_pyfunction!(builtin_scenario, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    Ok(())
}
