"""Both file readers — ``manage.py zscore`` (posyandu.survei) and the e-PPGBM import
(posyandu.eppgbm.baca) — read the same cells the same way, through one parse cache
(tpps.lib.parse_cache): decimal comma, blanks, dates."""

import math
from datetime import date, datetime
from decimal import Decimal

import pytest

from posyandu.eppgbm.baca import Pengurai
from posyandu.eppgbm.kolom import petakan
from posyandu.survei import _Parsers
from tests.posyandu.eppgbm_berkas import HEADER
from tpps.lib.parse_cache import Invalid, ParseCache

UKURAN = ["12,5", "12.5", 12.5, " 87,51 ", 87.51, 87.51000000000001, 9, "", "  ", None,
          math.nan, "dua belas", "1.250,5"]
TANGGAL = ["31/01/2024", "31-01-2024", "2024-01-31", "2024-01-31 10:30", 45322,
           date(2024, 1, 31), datetime(2024, 1, 31, 8, 0), "", " ", None, "31/02/2024",
           "kemarin"]


@pytest.fixture
def pembaca():
    survei = _Parsers()
    impor = Pengurai(petakan(HEADER), date(2025, 1, 1))
    return survei, impor


def test_both_readers_keep_their_parsed_cells_in_the_one_cache(pembaca):
    survei, impor = pembaca
    assert isinstance(survei.measurements, ParseCache) and isinstance(survei.dates, ParseCache)
    assert all(isinstance(c, ParseCache) for c in impor.memo.values())


@pytest.mark.parametrize("sel", UKURAN)
def test_a_measurement_cell_reads_the_same(pembaca, sel):
    survei, impor = pembaca
    a, b = survei.measurements[sel], impor.memo["ukuran"][sel]
    if isinstance(b, Invalid):
        assert a == b  # the same message
    elif b is None:
        assert math.isnan(a)
    else:
        assert isinstance(b, Decimal) and a == float(b)


@pytest.mark.parametrize("sel", TANGGAL)
def test_a_date_cell_reads_the_same(pembaca, sel):
    survei, impor = pembaca
    a, b = survei.dates[sel], impor.memo["tgl"][sel]
    if isinstance(b, Invalid):
        assert a == b
    elif b is None:
        assert math.isnan(a)
    else:
        assert date.fromordinal(int(a)) == b == date(2024, 1, 31)


def test_a_measurement_reads_as_written_not_rounded(pembaca):
    survei, impor = pembaca
    assert survei.measurements["87,51"] == 87.51
    assert impor.memo["ukuran"]["87,51"] == Decimal("87.51")
