"""Fixtures of the semester evaluation: an open semester 2025S1 (window open, due in 20
days), the achievement bands as seeded, and indicators: S1 and S2 (percent, higher is
better) owned by Dinkes, K2 (percent, lower is better) owned by Dinsos, K8 (a count) owned
by Dinsos; 2025 city targets S1 80, S2 90, K2 20; K8 has none."""

import pytest

from evaluasi import reference
from evaluasi.models import Indikator
from tests.evaluasi.factories import make_indikator, make_semester, make_target
from tpps.reference import muat_sumber


@pytest.fixture
def predikat(db):
    muat_sumber(reference.SUMBER[2])


@pytest.fixture
def semester(db):
    return make_semester("2025S1")


@pytest.fixture
def katalog(predikat, dinkes, dinsos):
    s1 = make_indikator("S1", dinkes, nama="Ibu hamil KEK mendapat tambahan asupan gizi",
                        urutan=1)
    s2 = make_indikator("S2", dinkes, nama="Ibu hamil mengonsumsi TTD", urutan=2)
    k2 = make_indikator("K2", dinsos, nama="Kehamilan yang tidak diinginkan",
                        kelompok=Indikator.Kelompok.SENSITIF, arah=Indikator.Arah.TURUN,
                        urutan=3)
    k8 = make_indikator("K8", dinsos, nama="Keluarga penerima bantuan tunai bersyarat",
                        kelompok=Indikator.Kelompok.SENSITIF, satuan=Indikator.Satuan.JUMLAH,
                        urutan=4)
    make_target(s1, target_kota=80, target_nasional=90)
    make_target(s2, target_nasional=90)
    make_target(k2, target_kota=20)
    return {"S1": s1, "S2": s2, "K2": k2, "K8": k8}
