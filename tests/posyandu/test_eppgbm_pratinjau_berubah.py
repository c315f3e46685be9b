"""An import never overwrites unseen what was saved after its preview.

A probe: the preview showed "14,25 → 13,50"; another kader then saved 15,75 by hand;
committing the import wrote 13,50 silently (under load 15 of 31 children lost the later
save). The commit now compares each row with what the preview saw (its ``jejak``): when a
measurement (its values or its existence) or a registered child changed since, nothing is
written and the user gets the changed rows and a fresh preview — on the page and through
``manage.py import_eppgbm`` (whose ``--dry-run`` keeps what it saw)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from posyandu.eppgbm.impor import bandingkan_jejak, pratinjau
from posyandu.management.commands.import_eppgbm import FOLDER_JEJAK
from posyandu.models import Balita, ImporEppgbm, Pengukuran
from tests.posyandu.eppgbm_berkas import baris, tulis_csv
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db
HARI = date(2025, 8, 12)


@pytest.fixture(autouse=True)
def tanpa_jejak_perintah():
    """Traces of --dry-run are kept by file content: none of another test's is seen."""
    def kosongkan():
        if default_storage.exists(FOLDER_JEJAK):
            for nama in default_storage.listdir(FOLDER_JEJAK)[1]:
                default_storage.delete(f"{FOLDER_JEJAK}/{nama}")

    kosongkan()
    yield
    kosongkan()


def _unggah(c, tmp_path, rows):
    data = tulis_csv(tmp_path / "a.csv", rows).read_bytes()
    c.post(reverse("posyandu:impor-unggah"), {"berkas": SimpleUploadedFile("a.csv", data)})
    return ImporEppgbm.objects.latest("pk")


def _simpan_manual(c, balita, berat):
    """A kader saves the measurement of the day by hand, on the child's page."""
    resp = c.post(f"/posyandu/balita/{balita.pk}/ukur/", {
        "tanggal_ukur": HARI.isoformat(), "berat_kg": berat, "tinggi_cm": "74,2"})
    assert resp.status_code == 302


def test_a_later_manual_save_is_not_overwritten_by_the_commit(client_as, kader_melati,
                                                              anak_melati, tmp_path):
    ukur(anak_melati, HARI, berat=14.25, tinggi=74.2)
    c = client_as(kader_melati)
    impor = _unggah(c, tmp_path, [baris(Berat="13,50")])
    assert impor.ringkasan["berubah"] == 1
    _simpan_manual(c, anak_melati, "15,75")
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    p = Pengukuran.objects.get()
    assert p.berat_kg == Decimal("15.75")  # the later save stands
    impor.refresh_from_db()
    assert impor.status == "pratinjau" and "berubah sejak pratinjau pada 1 baris" in impor.pesan
    halaman = c.get(impor.get_absolute_url()).content.decode()
    assert ("Baris 2 (Aisyah Putri, 12-08-2025): pengukuran tersimpan diubah sejak pratinjau "
            "(berat 14,25 → 15,75)") in halaman
    # the fresh preview compares with 15,75; committing it now writes the file's value
    baris_pratinjau = next(b for b in impor.baris if b["nomor"] == 2)
    assert baris_pratinjau["status"] == "berubah" and "15.75" in baris_pratinjau["lama"]
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == "selesai" and Pengukuran.objects.get().berat_kg == Decimal("13.50")


def test_of_31_children_none_loses_the_save_made_after_the_preview(client_as, kader_melati,
                                                                   melati, tmp_path):
    anak = [make_balita(melati, nama=f"Anak {i:02d}", nik=f"35790150032400{i:02d}",
                        tanggal_lahir=date(2024, 3, 10)) for i in range(31)]
    for a in anak:
        ukur(a, HARI, berat=10.0, tinggi=74.2)
    c = client_as(kader_melati)
    impor = _unggah(c, tmp_path, [baris(Nama=a.nama, NIK=a.nik, Berat="9,5") for a in anak])
    assert impor.ringkasan["berubah"] == 31
    for a in anak[::2]:  # 16 kader saves after the preview
        _simpan_manual(c, a, "11,25")
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == "pratinjau" and len(impor.ringkasan["berubah_sejak_pratinjau"]) == 16
    tersimpan = dict(Pengukuran.objects.values_list("balita__nama", "berat_kg"))
    assert all(tersimpan[a.nama] == Decimal("11.25") for a in anak[::2])
    assert all(tersimpan[a.nama] == Decimal("10.00") for a in anak[1::2])  # nothing written


def test_a_measurement_added_or_a_child_registered_since_refuses_the_commit(
        client_as, kader_melati, anak_melati, melati, tmp_path):
    c = client_as(kader_melati)
    impor = _unggah(c, tmp_path, [baris(Berat="8,1"),
                                  baris(NIK="", Nama="Citra", **{"Nama Ortu": "Lina"})])
    assert impor.ringkasan["baru"] == 2 and impor.ringkasan["balita_baru"] == 1
    _simpan_manual(c, anak_melati, "8,3")  # measured by hand meanwhile
    citra = make_balita(melati, nama="Citra", nama_ibu="Lina", tanggal_lahir=date(2024, 3, 10))
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    ket = {p["nomor"]: p["keterangan"] for p in impor.ringkasan["berubah_sejak_pratinjau"]}
    assert ket[2].startswith("pengukuran tanggal ini ditambahkan sejak pratinjau (berat 8,30")
    assert ket[3] == "balita ini didaftarkan sejak pratinjau"
    assert Balita.objects.count() == 2 and Pengukuran.objects.count() == 1  # nothing written
    assert not citra.pengukuran.exists()


def test_a_child_edited_since_the_preview_refuses_the_commit(client_as, kader_melati,
                                                             anak_melati, tmp_path):
    c = client_as(kader_melati)
    impor = _unggah(c, tmp_path, [baris(KIA="Ya")])
    anak_melati.nama_ibu = "Siti Rahmawati"
    anak_melati.save()
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    (p,) = impor.ringkasan["berubah_sejak_pratinjau"]
    assert p["nomor"] == 2 and p["keterangan"].startswith("data balita (nama, NIK, tanggal lahir")
    assert not Pengukuran.objects.exists()
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is None


def test_a_preview_without_changes_commits_as_before(client_as, kader_melati, anak_melati,
                                                     tmp_path):
    ukur(anak_melati, HARI, berat=14.25, tinggi=74.2)
    c = client_as(kader_melati)
    impor = _unggah(c, tmp_path, [baris(Berat="13,50"), baris(Nama="Budi", JK="L")])
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == "selesai" and impor.pesan == ""
    assert Pengukuran.objects.get(balita=anak_melati).berat_kg == Decimal("13.50")


def test_the_command_compares_with_its_dry_run(tmp_path, anak_melati):
    ukur(anak_melati, HARI, berat=14.25, tinggi=74.2)
    f = tulis_csv(tmp_path / "a.csv", [baris(Berat="13,50")])
    out = io.StringIO()
    call_command("import_eppgbm", str(f), "--dry-run", stdout=out)
    assert "Berubah: 1" in out.getvalue()
    ukur(anak_melati, HARI, berat=15.75, tinggi=74.2)  # a kader, meanwhile
    out = io.StringIO()
    with pytest.raises(CommandError, match="berubah sejak pratinjau pada 1 baris"):
        call_command("import_eppgbm", str(f), stdout=out)
    assert ("Baris 2 (Aisyah Putri, 12-08-2025): pengukuran tersimpan diubah sejak pratinjau "
            "(berat 14,25 → 15,75).") in out.getvalue()
    assert "Pratinjau baru (tidak disimpan): 1 baris." in out.getvalue()
    assert Pengukuran.objects.get().berat_kg == Decimal("15.75")
    # the refusal was the fresh preview: the next run commits what it showed
    out = io.StringIO()
    call_command("import_eppgbm", str(f), stdout=out)
    assert "Disimpan: 1 pengukuran (0 baru, 1 dikoreksi)" in out.getvalue()
    assert Pengukuran.objects.get().berat_kg == Decimal("13.50")


def test_the_trace_names_what_changed(tmp_path, anak_melati):
    f = tulis_csv(tmp_path / "a.csv", [baris(Berat="13,50"), baris(Berat="200")])
    dilihat = pratinjau(f)
    assert len(dilihat.jejak) == 2 and dilihat.jejak[1] == "t"
    assert bandingkan_jejak(dilihat.jejak, pratinjau(f)) == []
    p = ukur(anak_melati, HARI, berat=14.25, tinggi=74.2)
    (beda,) = bandingkan_jejak(dilihat.jejak, pratinjau(f))
    assert beda["keterangan"].startswith("pengukuran tanggal ini ditambahkan")
    sebelum = pratinjau(f).jejak
    p.delete()
    (beda,) = bandingkan_jejak(sebelum, pratinjau(f))
    assert beda["keterangan"] == "pengukuran tanggal ini dihapus sejak pratinjau"
    assert bandingkan_jejak([], pratinjau(f))[0]["nomor"] == 0
