"""What IT outages really cost a business, and what each extra nine of uptime is worth.

The Python face of the downtime-cost Rust library. A scenario (a dict, a JSON
string or the path of a JSON file, in the format of ``scenario_schema()``) goes
in; a :class:`Report` with one DataFrame per table, or the simulated loss
distribution of each uptime target, comes out.

Money is exact: ``decimal.Decimal`` by default (``money="float"`` for floats),
in the scenario's currency, rounded as the scenario's ``rounding`` says.
Durations are in seconds (``float``), and as ``pandas.Timedelta`` beside them
in DataFrames. Percentages (``target_percent``) are percent numbers (99.95).

pandas and numpy are optional: without them tables are lists of dicts and the
simulated losses a list of floats.

Every error in a scenario raises :class:`ScenarioError` (a ``ValueError``)
with ``.path``, ``.value``, ``.rule``, ``.line`` and ``.column``.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import InternalError, ScenarioError

__version__: str = _native.__version__

__all__ = [
    "InternalError",
    "LossDistribution",
    "Problem",
    "Report",
    "ScenarioError",
    "builtin_names",
    "builtin_scenario",
    "evaluate",
    "report_schema",
    "scenario_schema",
    "simulate",
    "validate",
]

#: A scenario: a dict (as ``json.loads`` gives it), JSON text, or a file path.
ScenarioLike = Union[Mapping[str, Any], str, "os.PathLike[str]"]

#: The table names, in the order a report lists them (the report format's names).
TABLES: Tuple[str, ...] = (
    "targets",
    "steps",
    "decision",
    "designs",
    "support",
    "outages",
    "simulations",
    "exceedance",
    "sensitivity",
)

_MONEY = ("decimal", "float")


def _optional(name: str) -> Any:
    """The module ``name`` if it is installed, else ``None``."""
    try:
        return __import__(name)
    except ImportError:
        return None


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"a scenario cannot hold a {type(value).__name__}: {value!r}")


def _non_finite(value: Any, path: str) -> Optional[str]:
    """The JSON path of the first NaN or infinite float in ``value``, if any."""
    if isinstance(value, float) and not math.isfinite(value):
        return path or "."
    if isinstance(value, Mapping):
        for key, child in value.items():
            found = _non_finite(child, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, (list, tuple)):
        for i, child in enumerate(value):
            found = _non_finite(child, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def _looks_like_json(text: str) -> bool:
    start = text.lstrip("\ufeff \t\r\n")
    return start == "" or start[0] in "{["


#: The library's largest document (``downtime_cost::limits::MAX_DOCUMENT_BYTES``, 32 MiB).
_MAX_DOCUMENT_BYTES = 32 << 20


def _read_document(path: "os.PathLike[str] | str") -> str:
    """The file's text, reading at most one byte more than the largest document, so a
    device or an endless pipe cannot exhaust memory: the reader refuses what is over."""
    with open(path, "rb") as f:
        data = f.read(_MAX_DOCUMENT_BYTES + 1)
    return data.decode("utf-8")


def _scenario_text(scenario: ScenarioLike) -> Tuple[str, bool]:
    """The scenario as JSON text, and whether the package wrote that text (a dict)."""
    if isinstance(scenario, Mapping):
        bad = _non_finite(scenario, "")
        if bad is not None:
            raise ScenarioError(
                f"{bad} must be a finite number", "invalid", bad, "nan or infinity", "must be a finite number"
            )
        return json.dumps(scenario, default=_json_default), True
    if isinstance(scenario, os.PathLike):
        return _read_document(scenario), False
    if isinstance(scenario, str):
        # JSON text (or nothing, which the reader rejects) goes to the reader as is;
        # anything else is a file path.
        if _looks_like_json(scenario):
            return scenario, False
        return _read_document(scenario), False
    raise TypeError(
        f"a scenario is a dict, JSON text or a file path, not a {type(scenario).__name__}"
    )


_POSITION = re.compile(r" \(line \d+, column \d+\)$")


def _call(function: Any, scenario: ScenarioLike, *args: Any) -> Any:
    """``function(text, *args)``; for a dict, errors carry no line or column (the
    text is the package's, not the caller's)."""
    text, written = _scenario_text(scenario)
    try:
        return function(text, *args)
    except ScenarioError as e:
        if not written or e.line is None:
            raise
        raise ScenarioError(_POSITION.sub("", str(e)), e.kind, e.path, e.value, e.rule) from None


def _count(name: str, value: Any, minimum: int) -> Optional[int]:
    """``value`` as a whole number of at least ``minimum`` below 2**64, or ``None``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    if not minimum <= value < 2**64:
        raise ValueError(f"{name} must be between {minimum} and 2**64 - 1, got {value}")
    return value


def _check_money(money: str) -> None:
    if money not in _MONEY:
        raise ValueError(f'money must be "decimal" or "float", got {money!r}')


#: Columns of unit ``number`` that are counts: integers (``uint64`` for seeds).
_INTEGER_COLUMNS = frozenset({"trials", "seed", "outage"})


def _convert(name: str, unit: str, value: Any, money: str) -> Any:
    if value is None:
        return None
    if unit == "money":
        return value if money == "decimal" else float(value)
    if unit == "number" and name in _INTEGER_COLUMNS:
        return int(value)
    if unit in ("number", "percent", "share", "seconds"):
        return float(value)
    return value


def _table(columns: Sequence[Tuple[str, str]], rows: Sequence[Sequence[Any]], money: str) -> Any:
    """A DataFrame (or, without pandas, a list of dicts) of one table. Each column's
    type follows its unit, never its data: money ``Decimal`` (``object`` dtype) or
    ``float64``; counts ``int64`` (seeds ``uint64``); other numbers, percents,
    shares and seconds ``float64`` (NaN where a figure does not apply); text
    ``object``; and beside each ``…_seconds`` column a ``timedelta64[ns]`` one."""
    converted = [
        [_convert(name, unit, row[i], money) for i, (name, unit) in enumerate(columns)] for row in rows
    ]
    pd = _optional("pandas")
    if pd is None:
        return [{name: row[i] for i, (name, _) in enumerate(columns)} for row in converted]
    data: Dict[str, Any] = {}
    for i, (name, unit) in enumerate(columns):
        values = [row[i] for row in converted]
        if unit == "number" and name in _INTEGER_COLUMNS and None not in values:
            data[name] = pd.Series(values, dtype="uint64" if name == "seed" else "int64")
        elif unit in ("number", "percent", "share", "seconds") or (unit == "money" and money == "float"):
            data[name] = pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
        else:
            data[name] = pd.Series(values, dtype="object")
        if unit == "seconds" and name.endswith("_seconds"):
            # The duration itself, under the report format's name for it.
            data[name[: -len("_seconds")]] = pd.to_timedelta(data[name], unit="s").astype("timedelta64[ns]")
    return pd.DataFrame(data, columns=list(data))


@dataclass(frozen=True)
class Problem:
    """One problem with a scenario: what :func:`validate` returns.

    ``path`` is the JSON path of the rejected value (``drivers[0].lost_sales``),
    ``value`` the value as written, ``rule`` the rule it broke, ``line`` and
    ``column`` (1-based, in characters) where it sits in the document; each
    ``None`` where the problem has none. ``kind`` is ``invalid`` (a rule
    broken), ``document`` (malformed JSON, a wrong type, an unknown or missing
    field), ``unsupported_schema``, ``overflow``, ``currency_mismatch`` or ``error``.
    For a scenario given as a dict, ``line`` and ``column`` are ``None``.
    """

    message: str
    kind: str
    path: Optional[str]
    value: Optional[str]
    rule: Optional[str]
    line: Optional[int]
    column: Optional[int]

    def __str__(self) -> str:
        return self.message


class Report:
    """A scenario evaluated: priced outages, targets, decision, designs, and,
    when asked, the simulation and the tornado.

    ``to_json()`` is the report document (``report_schema()``; money as exact
    decimal strings); each table is a property (``targets``, ``steps``,
    ``decision``, ``designs``, ``outages``, ``simulations``, ``exceedance``,
    ``sensitivity``): a DataFrame whose columns are the report format's names,
    empty (with its columns) when the table does not apply.
    """

    def __init__(self, text: str, tables: Sequence[Tuple[str, Any, Any]], money: str) -> None:
        self._text = text
        self._tables = {name: (columns, rows) for name, columns, rows in tables}
        self._money = money
        self._document: Optional[Dict[str, Any]] = None

    def to_json(self) -> str:
        """The report as JSON text (report format version ``report_version``)."""
        return self._text

    def to_dict(self) -> Dict[str, Any]:
        """The report document as Python objects, exactly as ``to_json()`` writes it:
        money and other exact figures stay exact text (whatever ``money`` says), so
        that it validates against ``report_schema()``."""
        return json.loads(self._text)

    def _doc(self) -> Dict[str, Any]:
        if self._document is None:
            self._document = json.loads(self._text)
        return self._document

    def table(self, name: str) -> Any:
        """The table ``name`` (one of :data:`TABLES`) as a DataFrame, or a list of dicts without pandas."""
        if name not in self._tables:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
        columns, rows = self._tables[name]
        return _table(columns, rows, self._money)

    @property
    def targets(self) -> Any:
        """One row per uptime target: downtime budget, outages a year, mean duration, cost per line item, expected outage cost."""
        return self.table("targets")

    @property
    def steps(self) -> Any:
        """What each step up to the next target saves a year."""
        return self.table("steps")

    @property
    def decision(self) -> Any:
        """Run cost, expected outage cost and total cost of ownership per target (empty without run costs)."""
        return self.table("decision")

    @property
    def designs(self) -> Any:
        """One row per architecture: availability, failures a year, time to restore, costs."""
        return self.table("designs")

    @property
    def support(self) -> Any:
        """One row per support option: time to engage, availability, expected and P95 outage cost,
        running cost, credits received, total cost (empty without a ``support`` section)."""
        return self.table("support")

    @property
    def outages(self) -> Any:
        """One row per line item of each priced outage, then its total."""
        return self.table("outages")

    @property
    def simulations(self) -> Any:
        """One row per simulated target: mean, percentiles, value at risk, expected shortfall (empty unless simulated)."""
        return self.table("simulations")

    #: The same table as :attr:`simulations`.
    simulation = simulations

    @property
    def exceedance(self) -> Any:
        """The loss exceedance curve of each simulated target."""
        return self.table("exceedance")

    @property
    def sensitivity(self) -> Any:
        """The tornado: each input swung, the cost at each end (empty unless asked)."""
        return self.table("sensitivity")

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""
        return str(self._doc()["currency"])

    @property
    def scenario(self) -> str:
        """The scenario's name."""
        return str(self._doc()["scenario"])

    @property
    def lowest_outage_cost(self) -> Optional[str]:
        """The target with the lowest expected outage cost (percent text), if any."""
        value = self._doc().get("lowest_outage_cost")
        return None if value is None else str(value)

    def __repr__(self) -> str:
        return f"<Report {self.scenario!r} in {self.currency}>"


class LossDistribution:
    """One target's simulated annual losses.

    Money is ``Decimal`` (``money="float"``: floats) in :attr:`currency`. The
    summary figures (``mean``, ``std_error``, ``std_dev``, ``percentiles``,
    ``to_dict()``) are rounded to the cent, as the report writes them; the
    methods (``quantile``, ``value_at_risk``, ``expected_shortfall``,
    ``return_period_loss``, ``exceedance_curve``) give the simulation's ``f64``
    statistic exactly, as a decimal; ``exact`` is the exact expected cost, unrounded.
    """

    def __init__(self, native: Any, money: str) -> None:
        self._native = native
        self._money = money
        self._summary: Dict[str, Any] = json.loads(native.summary)
        self._reconciliation: Dict[str, Any] = json.loads(native.reconciliation)
        self._losses: Any = None

    def _money_value(self, text: Any) -> Any:
        return Decimal(str(text)) if self._money == "decimal" else float(text)

    @property
    def target(self) -> str:
        """The uptime target in percent (``"99.9"``)."""
        return str(self._native.target)

    @property
    def trials(self) -> int:
        """The number of simulated years."""
        return int(self._summary["trials"])

    @property
    def seed(self) -> int:
        """The seed: the same seed and scenario give the same losses, bit for bit."""
        return int(self._summary["seed"])

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount."""
        return str(self._summary["currency"])

    @property
    def mean(self) -> Any:
        """The mean annual loss, to the cent."""
        return self._money_value(self._summary["mean"])

    @property
    def std_error(self) -> Any:
        """The standard error of the mean, to the cent."""
        return self._money_value(self._summary["std_error"])

    @property
    def std_dev(self) -> Any:
        """The standard deviation of the annual loss, to the cent."""
        return self._money_value(self._summary["std_dev"])

    @property
    def exact(self) -> Any:
        """The exact expected annual cost the simulated mean estimates, unrounded."""
        return self._money_value(self._reconciliation["exact"])

    @property
    def agrees(self) -> bool:
        """Whether the exact cost lies within the simulated mean's 99.9 % interval (widened by its error bound)."""
        return bool(self._reconciliation["agrees"])

    @property
    def prob_zero(self) -> float:
        """The share of years without loss."""
        return float(self._summary["prob_zero"])

    @property
    def percentiles(self) -> Dict[str, Any]:
        """The percentiles of the annual loss by level in percent (``"50"``, ``"95"``, ``"99.9"``), to the cent."""
        return {p["level"]: self._money_value(p["loss"]) for p in self._summary["percentiles"]}

    def quantile(self, p: float) -> Any:
        """The quantile of the annual loss at probability ``p`` in [0, 1] (type 7)."""
        return self._money_value(self._native.quantile(p))

    def value_at_risk(self, level: float = 0.95) -> Any:
        """The value at risk at ``level``: the loss not exceeded in that share of years."""
        return self._money_value(self._native.value_at_risk(level))

    def expected_shortfall(self, level: float = 0.95) -> Any:
        """The expected shortfall at ``level``: the mean loss over the worst ``1 − level`` of years."""
        return self._money_value(self._native.expected_shortfall(level))

    def return_period_loss(self, years: float) -> Any:
        """The loss exceeded once in ``years`` years on average (the ``1 − 1/years`` quantile)."""
        return self._money_value(self._native.return_period_loss(years))

    def prob_exceeding(self, loss: float) -> float:
        """The share of years whose loss exceeds ``loss``."""
        return float(self._native.prob_exceeding(float(loss)))

    def exceedance_curve(self, min_probability: Optional[float] = None) -> Any:
        """The loss exceedance curve: ``exceedance_probability`` and ``loss``, down to
        ``min_probability`` (default 1e-4 or 1/trials, whichever is larger)."""
        floor = max(1e-4, 1.0 / self.trials) if min_probability is None else min_probability
        points = self._native.exceedance_curve(floor)
        columns = [("exceedance_probability", "share"), ("loss", "money")]
        rows = [[probability, Decimal(loss)] for loss, probability in points]
        return _table(columns, rows, self._money)

    @property
    def losses(self) -> Any:
        """The simulated annual losses in ascending order (the years' own order is not
        kept), as a read-only numpy array of float64 over the bytes the simulation
        wrote (no copy after that one), or a list of floats without numpy."""
        if self._losses is None:
            raw = self._native.losses_bytes()
            np = _optional("numpy")
            if np is None:
                import array

                values = array.array("d")
                values.frombytes(raw)
                if sys.byteorder == "big":
                    values.byteswap()
                self._losses = values.tolist()
            else:
                self._losses = np.frombuffer(raw, dtype="<f8")
        return self._losses

    def to_dict(self) -> Dict[str, Any]:
        """The summary (``LossSummary`` in the report format): money as exact text, rounded to the cent."""
        return dict(self._summary)

    def __repr__(self) -> str:
        return f"<LossDistribution {self.target}%: {self.trials} years, mean {self._summary['mean']} {self.currency}>"


def evaluate(
    scenario: ScenarioLike,
    *,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    sensitivity: bool = False,
    swing_percent: Union[str, int, float, Decimal, None] = None,
    money: str = "decimal",
) -> Report:
    """Evaluates ``scenario``: its outages priced, the expected annual outage cost
    at each uptime target, the decision and the designs; with ``trials`` a
    seeded Monte Carlo of that many years per target (``seed``: the library's
    default when ``None``), and with ``sensitivity=True`` the tornado (each
    input swung by ``swing_percent``, default 25). The computation runs
    without the interpreter's lock.

    Raises :class:`ScenarioError` for a scenario that cannot be read or
    evaluated; ``ValueError`` for a ``seed`` without ``trials`` or a
    ``swing_percent`` without ``sensitivity``, which would be ignored.
    """
    _check_money(money)
    trials = _count("trials", trials, 1)
    seed = _count("seed", seed, 0)
    if seed is not None and trials is None:
        raise ValueError("seed is the simulation's: give trials too")
    if swing_percent is not None and not sensitivity:
        raise ValueError("swing_percent is the tornado's: give sensitivity=True too")
    swing = None if swing_percent is None else str(swing_percent)
    text, tables = _call(_native.evaluate, scenario, trials, seed, sensitivity, swing)
    return Report(text, tables, money)


def simulate(
    scenario: ScenarioLike,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    *,
    money: str = "decimal",
) -> Dict[str, LossDistribution]:
    """Simulates ``trials`` years of each uptime target of ``scenario`` from
    ``seed`` (each the library's default when ``None``: 100 000 years, seed 0x5EED):
    a dict from the target in percent, as the report writes it (``"99.9"``;
    ``str(Decimal(repr(x)).normalize())`` of a table's ``target_percent``), to
    its :class:`LossDistribution`, in the scenario's order. The same seed gives
    the same losses, bit for bit, as the Rust library and the ``downtime-cost``
    command. Runs without the interpreter's lock.

    Raises :class:`ScenarioError` for a scenario that cannot be read or evaluated.
    """
    _check_money(money)
    trials = _count("trials", trials, 1)
    seed = _count("seed", seed, 0)
    distributions = _call(_native.simulate, scenario, trials, seed)
    return {d.target: LossDistribution(d, money) for d in distributions}


def validate(scenario: ScenarioLike) -> List[Problem]:
    """The problems of ``scenario``: an empty list when it reads and evaluates,
    else the first problem found (reading stops there). For a dict, ``line``
    and ``column`` are ``None`` (the JSON text is the package's)."""
    try:
        text, written = _scenario_text(scenario)
    except ScenarioError as e:
        return [Problem(str(e), e.kind, e.path, e.value, e.rule, e.line, e.column)]
    problems = [Problem(*p) for p in _native.validate(text)]
    if written:
        problems = [Problem(_POSITION.sub("", p.message), p.kind, p.path, p.value, p.rule, None, None) for p in problems]
    return problems


def scenario_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario document."""
    return json.loads(_native.schema("scenario"))


def report_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report document."""
    return json.loads(_native.schema("report"))


def builtin_names() -> List[str]:
    """The names of the built-in scenarios (``"retailer"``, ``"saas"``, …)."""
    return list(_native.builtin_names())


def builtin_scenario(name: str) -> Dict[str, Any]:
    """The built-in scenario ``name`` as a dict (amounts as exact text), ready to change and evaluate."""
    return json.loads(_native.builtin_scenario(name))
