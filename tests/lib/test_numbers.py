"""Indonesian-typed numbers and dates: the field type decides the format."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from tpps.lib.numbers import is_blank, parse_date, parse_decimal, parse_float, parse_integer


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        (" 12,50 ", Decimal("12.50")),
        ("-3", Decimal("-3")),
        ("+0,7", Decimal("0.7")),
        ("1.250", Decimal("1.250")),  # a measurement: the dot is the decimal mark
        ("85", Decimal("85")),
        ("12\u00a0,5".replace("\u00a0", ""), Decimal("12.5")),
    ],
)
def test_decimal_accepts_comma_or_point(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1.250,5",
        "1,250.5",
        "12,5,3",
        "12..5",
        "abc",
        "12 5",
        "12,",
        ",5",
        "1e5",
        "nan",
        "12%",
        "--1",
    ],
)
def test_decimal_rejects_thousands_separators_and_garbage(text):
    with pytest.raises(ValueError, match="bukan angka yang sah"):
        parse_decimal(text)


def test_decimal_messages_are_indonesian():
    with pytest.raises(ValueError) as error:
        parse_decimal("1.250,5")
    assert "tanda desimal" in str(error.value) and "1.250,5" in str(error.value)
    with pytest.raises(ValueError, match="kosong"):
        parse_decimal("  ")


def test_decimal_takes_spreadsheet_numbers_as_they_are():
    assert parse_decimal(12.5) == Decimal("12.5")
    assert parse_decimal(7) == Decimal(7)
    assert parse_decimal(Decimal("3.25")) == Decimal("3.25")
    with pytest.raises(ValueError):
        parse_decimal(float("inf"))
    with pytest.raises(ValueError):
        parse_decimal(True)


def test_float():
    assert parse_float("12,5") == 12.5
    assert parse_float(3.5) == 3.5
    assert isinstance(parse_float("3"), float)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.250.000", 1_250_000),
        ("1250000", 1_250_000),
        ("Rp 1.250.000", 1_250_000),
        ("Rp1.250.000,00", 1_250_000),
        ("1.250", 1_250),  # money and counts: the dot separates thousands
        ("0", 0),
        (" 42 ", 42),
        (1250000.0, 1_250_000),
        (37, 37),
    ],
)
def test_integer_uses_dots_for_thousands(text, expected):
    assert parse_integer(text) == expected


@pytest.mark.parametrize(
    "text", ["12,5", "1,250,000", "1.25.000", "1.2500", "12.5", "abc", "1.250.000,50", 12.5]
)
def test_integer_rejects_decimals_and_bad_grouping(text):
    with pytest.raises(ValueError, match="bilangan bulat"):
        parse_integer(text)


def test_integer_negative_only_when_allowed():
    with pytest.raises(ValueError, match="negatif"):
        parse_integer("-5")
    assert parse_integer("-1.000", allow_negative=True) == -1000


@pytest.mark.parametrize(
    "value,expected",
    [
        ("31/01/2024", date(2024, 1, 31)),
        ("1/2/2024", date(2024, 2, 1)),
        ("31-01-2024", date(2024, 1, 31)),
        ("2024-01-31", date(2024, 1, 31)),
        ("2024-01-31 00:00:00", date(2024, 1, 31)),
        ("2024-01-31T10:15", date(2024, 1, 31)),
        (date(2024, 1, 31), date(2024, 1, 31)),
        (datetime(2024, 1, 31, 10, 0), date(2024, 1, 31)),
        (45322, date(2024, 1, 31)),  # Excel's serial number
        (45322.0, date(2024, 1, 31)),
    ],
)
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "2024-13-01"])
def test_impossible_dates(value):
    with pytest.raises(ValueError, match="tidak ada di kalender"):
        parse_date(value)


@pytest.mark.parametrize(
    "value", ["31/01/24", "31.01.2024", "Januari 2024", "20240131", "31/01-2024", 0, -5, True]
)
def test_bad_dates(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_blank_date_message():
    with pytest.raises(ValueError, match="kosong"):
        parse_date(" ")


def test_is_blank():
    assert is_blank(None) and is_blank("") and is_blank("  ") and is_blank(float("nan"))
    assert not is_blank("0") and not is_blank(0) and not is_blank(0.0)


def test_other_cell_types_are_value_errors():
    from datetime import time

    for parse in (parse_decimal, parse_float, parse_integer, parse_date):
        with pytest.raises(ValueError):
            parse(time(10, 30))
        with pytest.raises(ValueError):
            parse(None)


@pytest.mark.parametrize("nilai, teks", [
    (None, "–"), ("", "–"), (True, "ya"), (False, "tidak"), (1250000, "1.250.000"),
    (Decimal("12.50"), "12,5"), (Decimal("3000.00"), "3.000"), (1234.5, "1.234,50"),
    ("teks", "teks"),
])
def test_values_are_formatted_the_indonesian_way(nilai, teks):
    from tpps.lib.numbers import format_nilai

    assert format_nilai(nilai) == teks
