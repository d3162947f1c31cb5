"""The Python package against the Rust library: the built-in scenarios' figures
equal the Rust golden reports, errors carry their path, money is exact, the
DataFrames are numeric, and a seeded simulation has the Rust bits."""

import json
import math
import pickle
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import downtime_cost as dc

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fnv1a64(data: bytes) -> int:
    """FNV-1a (64-bit), as tests/simulation_bits.rs computes it."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def test_fnv1a_reference_values():
    # The published FNV-1a 64 vectors.
    assert fnv1a64(b"") == 0xCBF29CE484222325
    assert fnv1a64(b"a") == 0xAF63DC4C8601EC8C
    assert fnv1a64(b"foobar") == 0x85944171F73967E8


@pytest.mark.parametrize("name", dc.builtin_names())
def test_builtin_reports_equal_the_rust_golden_reports(name):
    # The whole report document, every figure to the cent, as the Rust library writes it.
    report = dc.evaluate(dc.builtin_scenario(name))
    golden = json.loads((GOLDEN / f"{name}.report.json").read_text(encoding="utf-8"))
    assert report.to_dict() == golden
    # ... and the targets table holds the same figures as exact Decimals.
    rows = {r["target"]: r for r in golden["targets"]["rows"]}
    table = report.targets
    assert len(table) == len(rows)
    for _, row in table.iterrows():
        expected = rows[str(Decimal(repr(row["target_percent"])).normalize())]
        assert row["expected_outage_cost"] == Decimal(expected["expected_outage_cost"])
        assert row["incidents_per_year"] == float(expected["incidents_per_year"])
        assert row["mean_duration_seconds"] == float(expected["mean_duration_seconds"])


def test_a_scenario_is_a_dict_json_text_or_a_path(tmp_path):
    scenario = dc.builtin_scenario("retailer")
    text = json.dumps(scenario)
    path = tmp_path / "retailer.json"
    path.write_text(text, encoding="utf-8")
    expected = dc.evaluate(scenario).to_json()
    assert dc.evaluate(text).to_json() == expected
    assert dc.evaluate(path).to_json() == expected
    assert dc.evaluate(str(path)).to_json() == expected
    with pytest.raises(FileNotFoundError):
        dc.evaluate(str(tmp_path / "missing.json"))
    with pytest.raises(TypeError):
        dc.evaluate(42)
    # Text that is no JSON document is the reader's to reject, not a file name.
    for text in ["", "   ", "[1, 2]"]:
        with pytest.raises(dc.ScenarioError) as caught:
            dc.evaluate(text)
        assert caught.value.kind == "document", (text, caught.value)


def test_options_that_would_be_ignored_are_refused():
    scenario = dc.builtin_scenario("retailer")
    with pytest.raises(ValueError, match="trials"):
        dc.evaluate(scenario, seed=7)
    with pytest.raises(ValueError, match="sensitivity"):
        dc.evaluate(scenario, swing_percent=10)
    with pytest.raises(TypeError):
        dc.simulate(scenario, trials=True)
    with pytest.raises(ValueError):
        dc.simulate(scenario, trials=-1)
    with pytest.raises(ValueError):
        dc.simulate(scenario, trials=0)
    with pytest.raises(ValueError):
        dc.simulate(scenario, trials=10, seed=2**64)


def test_changing_revenue_changes_the_lost_sales_line_in_proportion():
    # Lost sales are proportional to revenue: doubling it doubles that line at every target.
    scenario = dc.builtin_scenario("retailer")
    driver = next(d for d in scenario["drivers"] if "lost_sales" in d)
    name = "lost_sales"
    before = dc.evaluate(scenario).to_dict()
    driver[name]["revenue_per_year"] = str(Decimal(driver[name]["revenue_per_year"]) * 2)
    after = dc.evaluate(scenario).to_dict()
    for b, a in zip(before["targets"]["rows"], after["targets"]["rows"]):
        lb = [Decimal(i["amount"]) for i in b["items"] if i["driver"] == "lost_sales"]
        la = [Decimal(i["amount"]) for i in a["items"] if i["driver"] == "lost_sales"]
        # Each amount is rounded to the cent, so twice the rounded value is within 1 cent.
        assert all(abs(x * 2 - y) <= Decimal("0.01") for x, y in zip(lb, la)), (lb, la)


def test_errors_carry_their_path_value_rule_and_position():
    scenario = dc.builtin_scenario("saas")
    scenario["targets"][0] = "101"
    text = json.dumps(scenario, indent=2)
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate(text)
    e = caught.value
    assert isinstance(e, ValueError)
    assert e.kind == "invalid"
    assert e.path == "targets[0]"
    assert e.value == "101%"
    assert e.rule == "must be above 0% and at most 100%"
    # The line and column of the value itself (1-based, in characters).
    line = text.splitlines()[e.line - 1]
    assert line[e.column - 1 :].startswith('"101"'), (line, e.column)
    # A document of the wrong shape: kind document, path and position.
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate('{"schema": 1, "name": 5}')
    assert caught.value.kind == "document"
    assert caught.value.path == "name"
    # `5` is the 23rd character of the line.
    assert (caught.value.line, caught.value.column) == (1, 23)


def test_errors_in_a_dict_name_the_path_without_a_position_and_pickle():
    scenario = dc.builtin_scenario("saas")
    scenario["targets"][0] = "101"
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate(scenario)
    e = caught.value
    # The JSON text of a dict is the package's, so a line and column would point nowhere.
    assert (e.path, e.value, e.line, e.column) == ("targets[0]", "101%", None, None)
    assert "line" not in str(e)
    again = pickle.loads(pickle.dumps(e))
    assert isinstance(again, dc.ScenarioError)
    assert (again.kind, again.path, again.value, again.rule, str(again)) == (
        e.kind, e.path, e.value, e.rule, str(e))
    # A NaN in a dict is named at its own path.
    scenario = dc.builtin_scenario("retailer")
    scenario["drivers"][0]["lost_sales"]["revenue_per_year"] = math.nan
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate(scenario)
    assert caught.value.path == "drivers[0].lost_sales.revenue_per_year"
    assert [p.path for p in dc.validate(scenario)] == ["drivers[0].lost_sales.revenue_per_year"]


def test_validate_lists_the_problems():
    assert dc.validate(dc.builtin_scenario("erp")) == []
    scenario = dc.builtin_scenario("erp")
    scenario["drivers"][0] = {"lost_sales": {"revenue_per_year": "-5", "share_at_risk": "100%"}}
    problems = dc.validate(scenario)
    assert len(problems) == 1
    assert problems[0].path == "drivers[0].lost_sales.revenue_per_year"
    assert problems[0].value == "-5"
    assert problems[0].kind == "invalid"


def test_money_is_exact_decimal_by_default_and_float_on_request():
    report = dc.evaluate(dc.builtin_scenario("saas"))
    targets = report.targets
    items = [c for c in targets.columns if c in {i["name"] for i in report.to_dict()["targets"]["rows"][0]["items"]}]
    assert items, targets.columns
    for _, row in targets.iterrows():
        assert isinstance(row["expected_outage_cost"], Decimal)
        # Σ line items = expected outage cost exactly (each rounded to the cent, as the report sums them).
        assert sum((row[c] for c in items), Decimal(0)) == row["expected_outage_cost"]
    floats = dc.evaluate(dc.builtin_scenario("saas"), money="float").targets
    assert floats["expected_outage_cost"].dtype == np.float64
    assert list(floats["expected_outage_cost"]) == [float(v) for v in targets["expected_outage_cost"]]
    with pytest.raises(ValueError):
        dc.evaluate(dc.builtin_scenario("saas"), money="cents")


def test_tables_have_numeric_dtypes_and_the_report_format_names():
    report = dc.evaluate(dc.builtin_scenario("saas"), trials=2000, seed=7, sensitivity=True, money="float")
    schema_units = {"money", "percent", "share", "seconds", "number"}
    for name in dc.TABLES:
        frame = report.table(name)
        columns, _ = report._tables[name]
        assert isinstance(frame, pd.DataFrame)
        for column, unit in columns:
            if unit in schema_units:
                assert pd.api.types.is_numeric_dtype(frame[column]), (name, column, frame[column].dtype)
    # Durations in seconds, and as Timedelta under the report format's name.
    targets = report.targets
    assert targets["budget_per_year_seconds"].dtype == np.float64
    assert pd.api.types.is_timedelta64_dtype(targets["budget_per_year"])
    # 99 % of a 365-day year is 3.65 days = 315 360 s.
    first = targets.iloc[0]
    assert first["target_percent"] == 99.0
    assert first["budget_per_year_seconds"] == 315_360.0
    assert first["budget_per_year"] == pd.Timedelta(days=3, hours=15, minutes=36)
    # Every table the report has, each named as the report format names it.
    assert not report.simulations.empty and not report.exceedance.empty and not report.sensitivity.empty
    assert report.simulation is not None and report.simulation.equals(report.simulations)


@pytest.mark.parametrize("name", dc.builtin_names())
def test_column_types_follow_the_unit_not_the_data(name):
    report = dc.evaluate(dc.builtin_scenario(name))
    designs = report.designs
    if not designs.empty:
        assert designs["incidents_per_year"].dtype == np.float64
        assert designs["mean_time_to_restore"].dtype == np.dtype("timedelta64[ns]")
    assert report.targets["mean_duration"].dtype == np.dtype("timedelta64[ns]")
    assert report.outages["outage"].dtype == np.int64
    # In the default (Decimal) mode too, every non-money figure is numeric.
    for table in dc.TABLES:
        columns, _ = report._tables[table]
        frame = report.table(table)
        for column, unit in columns:
            if unit in {"percent", "share", "seconds", "number"}:
                assert pd.api.types.is_numeric_dtype(frame[column]), (table, column)
            if unit == "money":
                assert all(v is None or isinstance(v, Decimal) for v in frame[column]), (table, column)


def test_every_table_holds_the_report_documents_money():
    report = dc.evaluate(dc.builtin_scenario("saas"))
    doc = report.to_dict()
    steps = report.steps
    assert list(steps["expected_saving_per_year"]) == [Decimal(s["saving_per_year"]) for s in doc["step_savings"]]
    designs = report.designs
    assert list(designs["design"]) == [d["name"] for d in doc["designs"]]
    assert list(designs["total_cost"]) == [Decimal(d["total_cost"]) for d in doc["designs"]]
    assert list(designs["downtime_per_year_seconds"]) == [float(d["downtime_per_year_seconds"]) for d in doc["designs"]]
    decision = report.decision
    rows = doc["decision"]["rows"]
    assert len(decision) == len(rows)
    assert list(decision["run_cost"]) == [Decimal(r["run_cost"]) for r in rows]
    outages = report.outages
    totals = outages[outages["line_item"] == "total"]
    assert list(totals["amount"]) == [Decimal(o["breakdown"]["total"]) for o in doc["outages"]]


def test_the_support_options_table_holds_the_report_documents_figures():
    report = dc.evaluate(dc.builtin_scenario("support"))
    rows = report.to_dict()["support"]["rows"]
    table = report.support
    assert list(table["option"]) == [r["name"] for r in rows]
    assert list(table["total_cost"]) == [Decimal(r["total_cost"]) for r in rows]
    assert list(table["credits_received"]) == [Decimal(r["credits_received"]) for r in rows]
    # The total is the running cost plus the expected outage cost less the credits received.
    for _, row in table.iterrows():
        assert row["total_cost"] == row["running_cost"] + row["expected_outage_cost"] - row["credits_received"]
    assert dc.evaluate(dc.builtin_scenario("retailer")).support.empty


def test_an_absent_table_is_empty_with_its_columns():
    scenario = dc.builtin_scenario("retailer")
    report = dc.evaluate(scenario)
    assert report.simulations.empty
    assert "mean" in report.simulations.columns


def test_a_seeded_simulation_has_the_rust_bits():
    fixture = json.loads((FIXTURES / "saas-seed7.bits.json").read_text(encoding="utf-8"))
    sims = dc.simulate(dc.builtin_scenario(fixture["scenario"]), trials=fixture["trials"], seed=fixture["seed"])
    assert list(sims) == [t["target"] for t in fixture["targets"]]
    for expected in fixture["targets"]:
        d = sims[expected["target"]]
        losses = d.losses
        assert isinstance(losses, np.ndarray) and losses.dtype == np.dtype("<f8")
        assert len(losses) == fixture["trials"]
        assert f"{fnv1a64(losses.tobytes()):016x}" == expected["fnv1a64"]
        assert f"{losses[len(losses) // 2].view(np.uint64):016x}" == expected["median_bits"]
        assert f"{losses[-1].view(np.uint64):016x}" == expected["max_bits"]


def test_the_simulation_agrees_with_the_exact_cost_and_the_report():
    scenario = dc.builtin_scenario("saas")
    sims = dc.simulate(scenario, trials=20_000, seed=7)
    report = dc.evaluate(scenario, trials=20_000, seed=7)
    table = report.simulations
    exact = {str(Decimal(repr(r["target_percent"])).normalize()): r for _, r in report.targets.iterrows()}
    for target, d in sims.items():
        assert d.agrees, target
        # The exact figure is the report's expected outage cost (which is rounded to the cent).
        assert d.exact.quantize(Decimal("0.01")) == exact[target]["expected_outage_cost"]
        row = table[table["target_percent"] == float(target)].iloc[0]
        assert row["mean"] == d.mean
        assert row["trials"] == 20_000 and row["seed"] == 7
        # Order statistics: VaR 95 % is a quantile; the expected shortfall is at least the VaR.
        assert d.value_at_risk(0.95) == d.quantile(0.95)
        assert d.expected_shortfall(0.95) >= d.value_at_risk(0.95)
        assert float(d.quantile(0.5)) == pytest.approx(float(np.quantile(d.losses, 0.5)), rel=1e-12, abs=1e-6)
        curve = d.exceedance_curve()
        assert list(curve.columns) == ["exceedance_probability", "loss"]
        assert curve["exceedance_probability"].is_monotonic_decreasing
    # The same seed gives the same losses; another seed does not.
    again = dc.simulate(scenario, trials=20_000, seed=7)
    other = dc.simulate(scenario, trials=20_000, seed=8)
    assert np.array_equal(again["99.9"].losses, sims["99.9"].losses)
    assert not np.array_equal(other["99.9"].losses, sims["99.9"].losses)


def test_losses_are_a_view_over_the_simulation_bytes():
    d = dc.simulate(dc.builtin_scenario("saas"), trials=1000, seed=1)["99.9"]
    losses = d.losses
    assert not losses.flags.owndata and not losses.flags.writeable
    assert isinstance(losses.base, bytes)
    assert d.losses is losses
    assert np.all(np.diff(losses) >= 0)


def test_the_interpreter_lock_is_released_while_simulating():
    # With the lock held for the whole call, this thread could not count while the
    # simulation runs; released, it counts all along.
    scenario = dc.builtin_scenario("saas")
    done = threading.Event()
    ticks = 0

    def work():
        dc.simulate(scenario, trials=400_000, seed=3)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    assert ticks >= 5, ticks


def test_a_panic_is_an_exception_not_an_abort():
    with pytest.raises(dc.InternalError) as caught:
        dc._native._panic_for_tests()
    assert isinstance(caught.value, RuntimeError)
    assert "a deliberate panic" in str(caught.value)
    # The interpreter goes on.
    assert dc.builtin_names()


def test_schemas_and_builtins():
    scenario = dc.scenario_schema()
    report = dc.report_schema()
    assert scenario["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert report["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # The schemas the Rust library checks in under schema/.
    for kind, schema in (("scenario", scenario), ("report", report)):
        checked_in = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema == checked_in, kind
    assert set(dc.builtin_names()) == {"retailer", "saas", "erp", "saas_fitted", "support"}
    with pytest.raises(ValueError):
        dc.builtin_scenario("nope")


def test_without_pandas_and_numpy_the_package_returns_dicts_and_lists():
    code = """
import sys
sys.modules["pandas"] = None
sys.modules["numpy"] = None
import downtime_cost as dc
from decimal import Decimal
r = dc.evaluate(dc.builtin_scenario("saas"))
rows = r.targets
assert isinstance(rows, list) and isinstance(rows[0], dict), type(rows)
assert isinstance(rows[0]["expected_outage_cost"], Decimal)
assert rows[0]["budget_per_year_seconds"] == 315360.0
d = dc.simulate(dc.builtin_scenario("saas"), trials=500, seed=7)["99.9"]
assert isinstance(d.losses, list) and len(d.losses) == 500 and d.losses == sorted(d.losses)
assert isinstance(d.exceedance_curve(), list)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_the_notebook_example_runs(tmp_path):
    # The example prints one line per target of the retailer: cost before -> after; the
    # figures are the package's own evaluations of the same two scenarios.
    example = Path(__file__).resolve().parents[1] / "examples" / "notebook.py"
    out = subprocess.run(
        [sys.executable, str(example)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "->" in line]
    scenario = dc.builtin_scenario("retailer")
    before = list(dc.evaluate(scenario).targets["expected_outage_cost"])
    sales = next(d["lost_sales"] for d in scenario["drivers"] if "lost_sales" in d)
    sales["revenue_per_year"] = str(Decimal(sales["revenue_per_year"]) * Decimal("1.5"))
    after = list(dc.evaluate(scenario).targets["expected_outage_cost"])
    assert len(lines) == len(before)
    for line, b, a in zip(lines, before, after):
        shown = line.replace(",", "").replace("(", " ").replace(")", " ").split()
        assert Decimal(shown[1]) == b and Decimal(shown[3]) == a, line
        assert Decimal(shown[4].lstrip("+")) == a - b, line
    if _has("matplotlib"):
        assert (tmp_path / "cost-per-target.png").stat().st_size > 0


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_hostile_input_is_an_error_or_shown_safely():
    # Too many simulated years, or a negative or huge count: an error naming the field, never
    # an abort (10^8 is the limit; Python ints beyond u64 are refused by the binding).
    for trials in (100_000_001, 2**40, 2**64 - 1):
        with pytest.raises(dc.ScenarioError) as caught:
            dc.simulate(dc.builtin_scenario("saas"), trials=trials, seed=1)
        assert caught.value.path == "trials", trials
    for trials in (-1, 2**64):
        with pytest.raises((OverflowError, ValueError, TypeError)):
            dc.simulate(dc.builtin_scenario("saas"), trials=trials, seed=1)
    # More targets than the limit: the path and the count.
    scenario = dc.builtin_scenario("saas")
    scenario.pop("investment")
    scenario["targets"] = ["99.9"] * 101
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate(scenario)
    assert caught.value.path == "targets" and "101 entries" in str(caught.value)
    # A terminal escape in a name is data: the report keeps it exactly (JSON escapes it; the
    # text renderings show it as an escape).
    scenario = dc.builtin_scenario("saas")
    scenario["name"] = "Shop\x1b[2J\u202e"
    text = json.dumps(scenario)
    report = dc.evaluate(text)
    assert report.to_dict()["scenario"] == "Shop\x1b[2J\u202e"
    assert "\x1b" not in report.to_json()
    # A device without end: at most the document limit is read, then refused with the path.
    with pytest.raises(dc.ScenarioError) as caught:
        dc.evaluate(Path("/dev/zero"))
    assert caught.value.path in ("document", "."), caught.value
    # A byte-order mark before the document is skipped.
    assert dc.evaluate("\ufeff" + text).to_json() == report.to_json()
