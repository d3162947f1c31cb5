"""Type stubs of the extension module ``downtime_cost._native`` (the Rust binding).

The package's API is ``downtime_cost``; these functions are its plumbing. Scenarios
arrive as JSON text; money leaves as exact decimal text or ``decimal.Decimal``.
"""

from decimal import Decimal
from typing import List, Optional, Tuple, Union

__version__: str

Cell = Union[Decimal, float, str, None]
#: (table name, [(column name, unit)], rows); unit is money, percent, share, seconds, number or text.
TableData = Tuple[str, List[Tuple[str, str]], List[List[Cell]]]

class ScenarioError(ValueError):
    """A scenario that cannot be read or evaluated."""

    #: invalid, document, unsupported_schema, overflow, currency_mismatch or error.
    kind: str
    #: The JSON path of the rejected value (``targets[0]``), ``.`` for the document.
    path: Optional[str]
    #: The rejected value as written.
    value: Optional[str]
    #: The rule it broke (``must be above 0% and at most 100%``).
    rule: Optional[str]
    #: 1-based line of the value in the document.
    line: Optional[int]
    #: 1-based column (in characters) of the value in the document.
    column: Optional[int]

class InternalError(RuntimeError):
    """A defect in downtime-cost (a Rust panic), raised instead of aborting."""

class Distribution:
    """One target's simulated annual losses (money as exact decimal text)."""

    @property
    def target(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def reconciliation(self) -> str: ...
    def quantile(self, p: float) -> str: ...
    def value_at_risk(self, level: float) -> str: ...
    def expected_shortfall(self, level: float) -> str: ...
    def return_period_loss(self, years: float) -> str: ...
    def prob_exceeding(self, x: float) -> float: ...
    def exceedance_curve(self, min_probability: float) -> List[Tuple[str, float]]: ...
    def losses_bytes(self) -> bytes:
        """The annual losses in ascending order, little-endian float64, 8 bytes a year."""

def builtin_names() -> List[str]: ...
def builtin_scenario(name: str) -> str: ...
def validate(json: str) -> List[dict]: ...
def schema(kind: str) -> str: ...
def evaluate(
    json: str,
    trials: Optional[int] = None,
    seed: Optional[int] = None,
    sensitivity: bool = False,
    swing_percent: Optional[str] = None,
) -> Tuple[str, List[TableData]]: ...
def simulate(json: str, trials: int, seed: Optional[int] = None) -> List[Distribution]: ...
def _panic_for_tests() -> None: ...
