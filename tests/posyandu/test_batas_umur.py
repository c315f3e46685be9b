"""The engine's limits, written once in ``posyandu.growth`` and read everywhere else: the
age it scores to (60 months, the last day 1826), lying before 731 days and standing from
it. No view, chart, form, count, template or command writes them as bare numbers, and the
places that read them agree with the engine at the edges."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings

from posyandu.growth import (
    DAYS_PER_MONTH,
    HEIGHT_FROM_DAY,
    LAST_SCORED_DAY,
    MAX_AGE_MONTHS,
    score_child,
)
from posyandu.models import Balita
from tests.posyandu.factories import make_balita, ukur

BASE = Path(settings.BASE_DIR)
#: The limits as bare numbers: 731/730 days, 1826/1827/1856 days, 60 months.
ANGKA = re.compile(r"(?<![\w.])(730|731|1826|1827|1856)(?![\w.])|months\s*=\s*60\b|\b60\s*\*\s*30")


def _berkas():
    for paket in ("posyandu", "tpps", "evaluasi", "opd"):
        for berkas in (BASE / paket).rglob("*.py"):
            if "migrations" in berkas.parts or berkas.parent.name == "growth":
                continue
            yield berkas
    yield from (BASE / "templates").rglob("*.html")
    yield from (BASE / "static" / "js").glob("*.js")


def test_no_place_outside_the_engine_writes_its_limits_as_numbers():
    salah, dibaca = [], 0
    for berkas in _berkas():
        dibaca += 1
        for nomor, baris in enumerate(berkas.read_text(encoding="utf-8").splitlines(), 1):
            kode = baris.split("#", 1)[0] if berkas.suffix == ".py" else baris
            if ANGKA.search(kode):
                salah.append(f"{berkas.relative_to(BASE)}:{nomor}: {baris.strip()}")
    assert dibaca > 150
    assert salah == []


def test_the_scan_sees_a_bare_limit():
    assert ANGKA.search("if umur_hari < 731:") and ANGKA.search("relativedelta(months=60)")
    assert not ANGKA.search("CONN_MAX_AGE = 60") and not ANGKA.search("x = 7310")


def test_the_limits_are_the_engines_own():
    assert MAX_AGE_MONTHS == 60 and LAST_SCORED_DAY == 1826 and HEIGHT_FROM_DAY == 731
    assert LAST_SCORED_DAY / DAYS_PER_MONTH < MAX_AGE_MONTHS <= (LAST_SCORED_DAY + 1) / DAYS_PER_MONTH
    # The engine scores the last day and nothing after it.
    assert score_child(2, age_days=LAST_SCORED_DAY, weight_kg=17.0).zwei is not None
    assert score_child(2, age_days=LAST_SCORED_DAY + 1, weight_kg=17.0).zwei is None


@pytest.mark.django_db
@pytest.mark.parametrize("umur, cara", [(HEIGHT_FROM_DAY - 1, "l"), (HEIGHT_FROM_DAY, "h")])
def test_the_fast_entry_row_offers_the_position_the_engine_expects(client_as, sekretariat,
                                                                    melati, umur, cara):
    from posyandu.models import Kegiatan

    hari = date(2025, 8, 12)
    anak = make_balita(melati, nama="Tepi", tanggal_lahir=hari - timedelta(days=umur))
    assert anak.cara_ukur_awal(hari) == cara
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=hari, posyandu=melati)
    teks = client_as(sekretariat).get(kegiatan.get_absolute_url()).content.decode()
    baris = teks[teks.index('data-url="', teks.index("Tepi") - 3000):]
    assert re.search(rf'<option value="{cara}"[^>]*selected', baris[:6000])


@pytest.mark.django_db
def test_s_and_d_stop_where_the_engine_stops(melati):
    """A child is in S while under 60 months and in D for a weighing the engine scores."""
    lahir = date(2021, 1, 1)
    anak = make_balita(melati, nama="Genap", tanggal_lahir=lahir)
    genap = date(2026, 1, 1)  # 60 months old; 1826 days (2024 is a leap year)
    assert (genap - lahir).days == LAST_SCORED_DAY
    assert Balita.objects.sasaran(genap - timedelta(days=1)).filter(pk=anak.pk).exists()
    assert not Balita.objects.sasaran(genap).filter(pk=anak.pk).exists()
    ukur(anak, date(2025, 12, 31), berat=17.0, tinggi=108.0)
    assert Balita.objects.ditimbang_bulan(date(2025, 12, 1)).filter(pk=anak.pk).exists()
