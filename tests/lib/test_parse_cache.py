"""The one parse cache of the file readers (``manage.py zscore`` and the e-PPGBM import)."""

import math
from datetime import date
from decimal import Decimal

import pytest

from tpps.lib.parse_cache import Invalid, ParseCache, blank_or, parse_measurement


def test_each_distinct_value_is_parsed_once():
    calls = []

    def parse(value):
        calls.append(value)
        return int(value) * 2

    cache = ParseCache(parse)
    assert [cache[v] for v in ("1", "2", "1", "1", "2")] == [2, 4, 2, 2, 4]
    assert calls == ["1", "2"]


def test_a_refused_value_is_an_invalid_with_its_message_and_raises_the_flag():
    def parse(value):
        if value == "x":
            raise ValueError("'x' bukan angka")
        return value

    cache = ParseCache(parse)
    assert cache["a"] == "a" and not cache.invalid
    assert cache["x"] == Invalid("'x' bukan angka") and cache.invalid
    assert str(cache["x"]) == "'x' bukan angka"
    with pytest.raises(TypeError):  # anything else than ValueError is a bug: not hidden
        ParseCache(lambda v: v + 1)["a"]


def test_beyond_the_limit_the_cache_starts_afresh(monkeypatch):
    monkeypatch.setattr(ParseCache, "LIMIT", 3)
    cache = ParseCache(str)
    for v in range(10):
        assert cache[v] == str(v)
        assert len(cache) <= 3


@pytest.mark.parametrize("blank", [None, "", "   ", math.nan])
def test_blank_or_gives_the_blank_value_without_parsing(blank):
    parse = blank_or(lambda v: pytest.fail(f"parsed {v!r}"), "kosong")
    assert parse(blank) == "kosong"
    assert blank_or(int, None)("7") == 7


@pytest.mark.parametrize("cell, expected", [
    ("87,51", Decimal("87.51")), ("87.51", Decimal("87.51")), (" 87,5 ", Decimal("87.5")),
    (87.51, Decimal("87.51")), (87.51000000000001, Decimal("87.51")), (12, Decimal("12")),
    ("87,512", Decimal("87.512")),  # kept as written: refusing is the reader's rule
])
def test_a_measurement_is_read_as_written(cell, expected):
    value = parse_measurement(cell)
    assert value == expected and value.as_tuple().exponent == expected.as_tuple().exponent


def test_a_bad_measurement_says_how_to_write_it():
    with pytest.raises(ValueError, match="koma atau titik"):
        parse_measurement("1.250,5")
    with pytest.raises(ValueError):
        parse_measurement(date(2024, 1, 1))
