"""Numbers and dates as Indonesian users type them (architecture.md, "Where logic lives").

The field type decides the format, never a guess:

* measurements, percentages and targets (``parse_decimal``, ``parse_float``):
  ``,`` or ``.`` as the decimal mark and no thousands separator — "12,5" and
  "12.5" are both 12.5, so "1.250" is 1.25, not 1250;
* money and counts (``parse_integer``): ``.`` as the thousands separator and no
  decimals — "1.250.000" is 1250000 (an optional "Rp" and a ",00" are allowed);
* dates (``parse_date``): dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, and the date,
  datetime or serial-number cells of a spreadsheet.

Bad input raises ``ValueError`` with a message in Indonesian that says what was
expected; callers add the row and column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

__all__ = [
    "format_nilai", "is_blank", "parse_bulan", "parse_date", "parse_decimal", "parse_float",
    "parse_id",
    "parse_integer",
]

_DECIMAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_INTEGER = re.compile(r"(?:rp\.?\s*)?([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")

#: Day 0 of spreadsheet serial dates (Excel's 1900 system, as LibreOffice counts it).
_SERIAL_EPOCH = date(1899, 12, 30)
_SERIAL_MAX = (date(9999, 12, 31) - _SERIAL_EPOCH).days

_DECIMAL_HINT = "gunakan koma atau titik sebagai tanda desimal, tanpa pemisah ribuan (contoh: 12,5)"
_INTEGER_HINT = "tulis bilangan bulat dengan titik sebagai pemisah ribuan (contoh: 1.250.000)"
_DATE_HINT = "gunakan format hh/bb/tttt, hh-bb-tttt atau tttt-bb-hh (contoh: 31/01/2024)"


def is_blank(value: object) -> bool:
    """True for None, an empty or whitespace-only string, or a NaN float."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def _text(value: str) -> str:
    return value.strip().replace("\u00a0", "")


def parse_decimal(value: str | int | float | Decimal) -> Decimal:
    """A measurement or percentage: "12,5", "12.5", "-3" → ``Decimal``.

    Numbers from a spreadsheet cell (int, float, Decimal) are taken as they are.
    """
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka")
    if isinstance(value, Decimal | int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"'{value}' bukan angka yang sah")
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError(f"'{value}' bukan angka")
    text = _text(value)
    if not text:
        raise ValueError("nilai kosong")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"'{value}' bukan angka yang sah: {_DECIMAL_HINT}")
    return Decimal(text.replace(",", "."))


def parse_float(value: str | int | float | Decimal) -> float:
    """``parse_decimal`` as a float, for arrays of measurements."""
    if isinstance(value, float) and math.isfinite(value):
        return value
    return float(parse_decimal(value))


def parse_integer(value: str | int | float | Decimal, *, allow_negative: bool = False) -> int:
    """Money or a count: "1.250.000", "Rp 1.250.000,00", "1250000" → 1250000."""
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan bilangan bulat")
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"'{value}' bukan bilangan bulat")
        if value != int(value):
            raise ValueError(f"'{value}' bukan bilangan bulat: {_INTEGER_HINT}")
        number = int(value)
    elif not isinstance(value, str):
        raise ValueError(f"'{value}' bukan bilangan bulat")
    else:
        text = _text(value)
        if not text:
            raise ValueError("nilai kosong")
        match = _INTEGER.fullmatch(text)
        if not match:
            raise ValueError(f"'{value}' bukan bilangan bulat yang sah: {_INTEGER_HINT}")
        sign, digits = match.groups()
        number = int(digits.replace(".", ""))
        if sign == "-":
            number = -number
    if number < 0 and not allow_negative:
        raise ValueError(f"'{value}' tidak boleh negatif")
    return number


def parse_date(value: str | date | datetime | int | float) -> date:
    """A date: "31/01/2024", "31-01-2024", "2024-01-31" (a time part is ignored),
    a ``date``/``datetime`` cell, or a spreadsheet serial number (45322)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan tanggal")
    if isinstance(value, int | float):
        if not (math.isfinite(value) and 1 <= value <= _SERIAL_MAX):
            raise ValueError(f"'{value}' bukan nomor tanggal spreadsheet yang sah")
        return _SERIAL_EPOCH + timedelta(days=int(value))
    if not isinstance(value, str):
        raise ValueError(f"'{value}' bukan tanggal")
    text = _text(value)
    if not text:
        raise ValueError("tanggal kosong")
    if match := _DMY.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _YMD.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise ValueError(f"'{value}' bukan tanggal yang sah: {_DATE_HINT}")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"tanggal '{value}' tidak ada di kalender") from None


def parse_id(value: object) -> int | None:
    """A primary key from a query string or form (``?kecamatan=3``); anything else is None,
    so a forged or stale parameter falls back instead of failing."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def format_nilai(value: object) -> str:
    """A value as Indonesian readers write it: "1.250.000", "12,5", "ya"/"tidak", "–"."""
    from django.utils.translation import gettext as _

    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}".replace(",", ".")
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return str(value)


def parse_bulan(value: object) -> date | None:
    """A month from a query string ("2025-08") as its first day; anything else is None."""
    try:
        year, month = map(int, str(value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return None
