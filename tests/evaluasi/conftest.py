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


@pytest.fixture
def sekretariat_kedua(peran, bappelitbangda):
    """A second Sekretariat TPPS member (Rina): the other pair of eyes."""
    from opd import roles
    from tests.factories import make_user

    return make_user("rina", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True,
                     email="rina@batukota.go.id")


@pytest.fixture
def diajukan(semester, dinkes, dinsos, katalog, operator_dinkes, operator_dinsos):
    """Both OPDs' reports, filled and submitted by their own operators: Dinkes S1 85/100,
    S2 95/100 and one programme; Dinsos K2 10/100 and K8 1.250."""
    from tests.evaluasi.factories import isi_dan_ajukan

    return {
        "dinkes": isi_dan_ajukan(semester, dinkes, operator_dinkes, katalog, program=True),
        "dinsos": isi_dan_ajukan(semester, dinsos, operator_dinsos, katalog),
    }
