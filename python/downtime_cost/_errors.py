"""The package's exceptions, raised by the binding and picklable with their fields."""

from __future__ import annotations

from typing import Any, Optional, Tuple


class ScenarioError(ValueError):
    """A scenario that cannot be read or evaluated.

    ``kind`` is ``invalid`` (a value broke a rule), ``document`` (malformed JSON,
    a wrong type, an unknown or missing field), ``unsupported_schema``,
    ``overflow``, ``currency_mismatch`` or ``error``; ``path`` the JSON path of the
    rejected value (``targets[0]``, ``.`` for the document), ``value`` the value as
    written, ``rule`` the rule it broke; ``line`` and ``column`` (1-based, in
    characters) where the value sits in the JSON text or file given (``None`` for
    a dict, whose text the package wrote). Each is ``None`` where the error has none.
    """

    def __init__(
        self,
        message: str,
        kind: str = "error",
        path: Optional[str] = None,
        value: Optional[str] = None,
        rule: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.value = value
        self.rule = rule
        self.line = line
        self.column = column

    def __reduce__(self) -> Tuple[Any, ...]:
        return (
            type(self),
            (str(self), self.kind, self.path, self.value, self.rule, self.line, self.column),
        )


class InternalError(RuntimeError):
    """A defect in downtime-cost (a Rust panic), raised instead of aborting the interpreter."""
