"""Fixtures of the semester evaluation: an open semester 2025S1 (window open, due in 20
days), the achievement bands as seeded, and indicators: S1 and S2 (percent, higher is
better) owned by Dinkes, K2 (percent, lower is better) owned by Dinsos, K8 (a count) owned
by Dinsos; 2025 city targets S1 80, S2 90, K2 20; K8 has none."""

import pytest

from evaluasi import reference
from tests.evaluasi.factories import make_katalog, make_semester
from tpps.reference import muat_sumber


@pytest.fixture
def predikat(db):
    muat_sumber(reference.SUMBER[2])


@pytest.fixture
def semester(db):
    return make_semester("2025S1")


@pytest.fixture
def katalog(predikat, dinkes, dinsos):
    return make_katalog(dinkes, dinsos)
