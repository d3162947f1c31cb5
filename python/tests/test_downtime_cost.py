"""The Python package against the Rust library: the built-in scenarios' figures
equal the Rust golden reports, errors carry their path, money is exact, the
DataFrames are numeric, and a seeded simulation has the Rust bits."""

import json
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
    assert set(dc.builtin_names()) == {"retailer", "saas", "erp", "saas_fitted"}
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
    # The example prints one line per target of the retailer: cost before -> after, the
    # difference being the lost-sales line's half again (revenue × 1.5).
    example = Path(__file__).resolve().parents[1] / "examples" / "notebook.py"
    out = subprocess.run(
        [sys.executable, str(example)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "->" in line]
    assert len(lines) == len(dc.builtin_scenario("retailer")["targets"])
    assert lines[0].split()[0] == "99.0%"
