"""A child aged the engine's ``MAX_AGE_MONTHS`` (60) or more on the measurement date is no
balita: registering them (on its own or on an event's page, for that event's day) and
measuring them (the single form, the fast entry) are refused with a message, as the
e-PPGBM import refuses their rows (test_eppgbm_berkas_rusak). A probe found a 94-month-old
child created "aktif", measured, without a word."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta

from posyandu.growth import MAX_AGE_MONTHS
from posyandu.models import Balita, Kegiatan, Pengukuran
from tests.posyandu.factories import make_balita

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
HARI = date(2025, 8, 12)  # the event's day


def _data(melati, lahir: date, **lain):
    return {"nama": "Rafa", "jenis_kelamin": "L", "tanggal_lahir": lahir.isoformat(),
            "nama_ibu": "Nur", "posyandu": melati.pk, "desa": melati.desa_id, **lain}


@pytest.fixture
def kegiatan(melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)


def test_registering_a_child_of_94_months_is_refused(client_as, kader_melati, melati, hari_uji):
    lahir = hari_uji - relativedelta(months=94)
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", _data(melati, lahir))
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "Umur balita 94 bulan" in teks and f"{MAX_AGE_MONTHS} bulan atau lebih" in teks
    assert not Balita.objects.exists()
    lahir = hari_uji - relativedelta(months=MAX_AGE_MONTHS) + relativedelta(days=1)
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", _data(melati, lahir))
    assert resp.status_code == 302 and Balita.objects.count() == 1  # 59 months: a balita


def test_registering_on_the_event_page_counts_the_events_day(client_as, kader_melati, melati,
                                                             kegiatan):
    url = f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/"
    c = client_as(kader_melati)
    resp = c.post(url, _data(melati, HARI - relativedelta(months=MAX_AGE_MONTHS)))
    assert resp.status_code == 400
    assert "Umur balita 60 bulan pada 12-08-2025" in " ".join(resp.json()["kesalahan"])
    assert not Balita.objects.exists()
    resp = c.post(url, _data(melati, HARI - relativedelta(months=MAX_AGE_MONTHS, days=-1)))
    assert resp.status_code == 200 and resp.json()["ok"]


def test_the_single_measurement_form_refuses_a_child_too_old_that_day(client_as, kader_melati,
                                                                     melati):
    anak = make_balita(melati, nama="Tua", tanggal_lahir=date(2017, 10, 12))
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/balita/{anak.pk}/ukur/", {"tanggal_ukur": "2025-08-12",
                                                        "berat_kg": "17", "tinggi_cm": "110"})
    assert resp.status_code == 200 and "Umur balita 94 bulan" in resp.content.decode()
    assert not Pengukuran.objects.exists()
    # a measurement dated while the child was a balita is still taken
    resp = c.post(f"/posyandu/balita/{anak.pk}/ukur/", {"tanggal_ukur": "2022-10-11",
                                                        "berat_kg": "16", "tinggi_cm": "105"})
    assert resp.status_code == 302 and Pengukuran.objects.count() == 1


@pytest.mark.parametrize("lahir, diterima", [
    (HARI - relativedelta(months=MAX_AGE_MONTHS), False),
    (HARI - relativedelta(months=MAX_AGE_MONTHS, days=-1), True),
])
def test_the_fast_entry_refuses_a_child_of_60_months(client_as, kader_melati, melati, kegiatan,
                                                     lahir, diterima):
    anak = make_balita(melati, nama="Tepi", tanggal_lahir=lahir)
    resp = client_as(kader_melati).post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak.pk}/",
                                        {"berat_kg": "17", "tinggi_cm": "108", "cara_ukur": "h"})
    if diterima:
        assert resp.status_code == 200 and Pengukuran.objects.count() == 1
    else:
        assert resp.status_code == 400
        assert "Umur balita 60 bulan" in " ".join(resp.json()["kesalahan"])
        assert not Pengukuran.objects.exists()


def test_a_correction_of_a_child_who_aged_out_is_not_refused(client_as, sekretariat, melati):
    anak = make_balita(melati, nama="Lulus", tanggal_lahir=date(2019, 1, 5))
    data = _data(melati, anak.tanggal_lahir, nama="Lulus Putra", status="aktif")
    resp = client_as(sekretariat).post(f"/posyandu/balita/{anak.pk}/ubah/", data)
    assert resp.status_code == 302
    anak.refresh_from_db()
    assert anak.nama == "Lulus Putra"
