"""Spreadsheet cells parsed once per distinct value: the one cache of both file readers.

``manage.py zscore`` (``posyandu/survei.py``) and the e-PPGBM import
(``posyandu/eppgbm/baca.py``) read files whose columns repeat the same dates, places and
numbers thousands of times; each reader keeps one ``ParseCache`` per kind of column, so
a distinct value is parsed once per file.

* ``cache[value]`` is the parsed value, or an ``Invalid`` holding the parser's message
  (a ``ValueError``, in Indonesian) — and ``cache.invalid`` turns true, so that callers
  scan their results for ``Invalid`` only when there is one;
* ``blank_or(parse, blank)`` gives ``blank`` for an empty cell (``is_blank``) without
  calling ``parse``; parsers that give blank cells their own meaning do without it;
* ``parse_measurement`` is how both readers read a measurement: as written.

Beyond ``LIMIT`` distinct values (a column of unique numbers) the cache starts afresh, so
memory stays flat.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .numbers import is_blank, parse_decimal

__all__ = ["Invalid", "ParseCache", "blank_or", "parse_measurement"]


class Invalid:
    """A cell that did not parse; ``message`` says why (in Indonesian)."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Invalid) and other.message == self.message

    def __hash__(self) -> int:
        return hash(self.message)

    def __repr__(self) -> str:
        return f"Invalid({self.message!r})"

    def __str__(self) -> str:
        return self.message


class ParseCache(dict):
    """``cache[value]`` → ``parse(value)``, parsed once; ``Invalid`` when it raised ValueError."""

    #: Beyond this many distinct values start afresh.
    LIMIT = 100_000

    def __init__(self, parse: Callable[[Any], Any]):
        super().__init__()
        self.parse = parse
        self.invalid = False

    def __missing__(self, value: Any) -> Any:
        try:
            result = self.parse(value)
        except ValueError as exc:
            result = Invalid(str(exc))
            self.invalid = True
        if len(self) >= self.LIMIT:
            self.clear()
        self[value] = result
        return result


def blank_or(parse: Callable[[Any], Any], blank: Any) -> Callable[[Any], Any]:
    """``parse``, except that an empty cell is ``blank``."""
    return lambda value: blank if is_blank(value) else parse(value)


def parse_measurement(value: Any) -> Decimal:
    """A measurement as written: "87,51", "87.51" or a number cell → ``Decimal("87.51")``.

    A number cell is taken to the 15 significant digits a spreadsheet keeps, so 87.51
    typed in Excel stays 87.51 and never becomes 87.51000000000001; nothing is rounded
    to fewer decimals than were written."""
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(f"{value:.15g}")
    return parse_decimal(value)
