"""Entries sent from a phone carry the id the phone gave them: the server stores each id
once, however often it arrives (a lost answer, a second tab, the signal coming back)."""

import uuid
from datetime import date
from pathlib import Path

import pytest

from posyandu.models import EntriPerangkat, Kegiatan, Pengukuran

pytestmark = pytest.mark.django_db


@pytest.fixture
def kegiatan(melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 5), posyandu=melati)


def _kirim(c, kegiatan, balita, id_entri, **nilai):
    data = {"berat_kg": "9,2", "tinggi_cm": "77,5", "cara_ukur": "l", **nilai}
    if id_entri is not None:
        data["id_entri"] = str(id_entri)
    return c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{balita.pk}/", data)


def test_the_same_entry_sent_twice_is_stored_once(client_as, kader_melati, anak_melati, kegiatan):
    c = client_as(kader_melati)
    id_entri = uuid.uuid4()
    pertama = _kirim(c, kegiatan, anak_melati, id_entri)
    kedua = _kirim(c, kegiatan, anak_melati, id_entri)
    assert pertama.status_code == kedua.status_code == 200
    assert pertama.json()["hasil"] == kedua.json()["hasil"]
    assert Pengukuran.objects.count() == 1 and EntriPerangkat.objects.get().pk == id_entri
    p = Pengukuran.objects.get()
    assert p.entri_perangkat.get().user == kader_melati


def test_a_resent_entry_does_not_undo_a_later_correction(client_as, kader_melati, anak_melati,
                                                         kegiatan):
    c = client_as(kader_melati)
    lama, baru = uuid.uuid4(), uuid.uuid4()
    _kirim(c, kegiatan, anak_melati, lama)
    _kirim(c, kegiatan, anak_melati, baru, berat_kg="9,4")  # the kader corrected the row
    resp = _kirim(c, kegiatan, anak_melati, lama)  # the first one arrives once more
    assert resp.json()["ok"]
    assert str(Pengukuran.objects.get().berat_kg) == "9.40"
    assert EntriPerangkat.objects.count() == 2


def test_without_an_id_the_row_saves_as_before(client_as, kader_melati, anak_melati, kegiatan):
    c = client_as(kader_melati)
    assert _kirim(c, kegiatan, anak_melati, None).json()["ok"]
    assert _kirim(c, kegiatan, anak_melati, None, berat_kg="9,3").json()["ok"]
    assert str(Pengukuran.objects.get().berat_kg) == "9.30"
    assert not EntriPerangkat.objects.exists()


def test_a_malformed_id_is_refused_with_a_message(client_as, kader_melati, anak_melati,
                                                  kegiatan):
    resp = _kirim(client_as(kader_melati), kegiatan, anak_melati, "bukan-uuid")
    assert resp.status_code == 400
    assert "Penanda entri dari perangkat tidak sah" in resp.json()["kesalahan"][0]
    assert not Pengukuran.objects.exists()


def test_a_refused_entry_leaves_no_id_behind(client_as, kader_melati, anak_melati, kegiatan):
    """A refusal stores nothing: the same id, corrected on the phone, may come again."""
    id_entri = uuid.uuid4()
    c = client_as(kader_melati)
    assert _kirim(c, kegiatan, anak_melati, id_entri, berat_kg="abc").status_code == 400
    assert not EntriPerangkat.objects.exists()
    assert _kirim(c, kegiatan, anak_melati, id_entri).json()["ok"]
    assert Pengukuran.objects.count() == 1 and EntriPerangkat.objects.get().pk == id_entri


def test_an_entry_for_another_posyandus_child_is_refused(client_as, kader_melati, anak_mawar,
                                                         kegiatan):
    resp = _kirim(client_as(kader_melati), kegiatan, anak_mawar, uuid.uuid4())
    assert resp.status_code == 404
    assert not EntriPerangkat.objects.exists() and not Pengukuran.objects.exists()


# --- The service worker and its offline page ---------------------------------------------


def test_the_worker_is_served_for_the_whole_site_with_a_versioned_cache(client_as,
                                                                        kader_melati):
    from tpps import lapangan

    resp = client_as(kader_melati).get("/sw.js")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/javascript")
    assert resp["Service-Worker-Allowed"] == "/" and "no-cache" in resp["Cache-Control"]
    teks = resp.content.decode()
    versi = lapangan.versi()
    assert f'var VERSI = "{versi}";' in teks and len(versi) == 12
    for nama in lapangan.SHELL:
        assert f"/static/{nama}" in teks
    # The pages allow the worker, from this site only.
    csp = client_as(kader_melati).get("/").headers["Content-Security-Policy"]
    assert "worker-src 'self'" in csp


def test_the_version_follows_the_shells_files(monkeypatch, tmp_path):
    from django.contrib.staticfiles import finders

    from tpps import lapangan

    asli = finders.find
    salinan = tmp_path / "tpps.css"
    salinan.write_text(Path(asli("css/tpps.css")).read_text(encoding="utf-8") + "\n/* baru */")
    lapangan.versi.cache_clear()
    sebelum = lapangan.versi()
    monkeypatch.setattr(finders, "find",
                        lambda nama, *a, **k: str(salinan) if nama == "css/tpps.css" else asli(nama))
    lapangan.versi.cache_clear()
    try:
        assert lapangan.versi() != sebelum
    finally:
        monkeypatch.undo()
        lapangan.versi.cache_clear()
    assert lapangan.versi() == sebelum


def test_the_offline_page_needs_no_sign_in_and_names_no_one(client):
    resp = client.get("/luring/")
    assert resp.status_code == 200 and "Tidak tersambung ke server" in resp.content.decode()
