"""Creating follow-ups from a decision, editing them, and posting progress with evidence."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut
from tpps.models import ProgresTindakLanjut, TindakLanjut

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def keputusan():
    return make_keputusan(make_rapat(tanggal=HARI_INI - timedelta(days=10)),
                          uraian="Data balita stunting dimutakhirkan per desa")


def data_tl(opd, **kwargs):
    data = {"uraian": "Verifikasi data e-PPGBM bersama Puskesmas", "opd_penanggung_jawab": opd.pk,
            "tenggat": (HARI_INI + timedelta(days=30)).isoformat()}
    data.update(kwargs)
    return data


# --- Creating ----------------------------------------------------------------------------


def test_one_click_from_a_decision_prefills_the_origin(client_as, sekretariat, keputusan, dinkes,
                                                       dinsos):
    c = client_as(sekretariat)
    url = reverse("tindak_lanjut:tambah") + f"?keputusan={keputusan.pk}"
    halaman = c.get(url)
    assert halaman.context["form"]["keputusan"].value() == keputusan.pk
    assert "Data balita stunting dimutakhirkan per desa" in halaman.content.decode()
    resp = c.post(url, data_tl(dinkes, opd_pendukung=[dinsos.pk]))
    assert resp.status_code == 302
    assert resp["Location"] == keputusan.get_absolute_url()
    tl = TindakLanjut.objects.get()
    assert tl.keputusan == keputusan and tl.asal == keputusan
    assert tl.opd_penanggung_jawab == dinkes and list(tl.opd_pendukung.all()) == [dinsos]
    assert tl.status == TindakLanjut.Status.BELUM_MULAI
    assert tl.history.first().history_user == sekretariat


def test_a_forged_origin_in_the_form_is_ignored(client_as, sekretariat, keputusan, dinkes):
    lain = make_keputusan(keputusan.rapat, uraian="Lain")
    client_as(sekretariat).post(
        reverse("tindak_lanjut:tambah") + f"?keputusan={keputusan.pk}",
        data_tl(dinkes, keputusan=lain.pk),
    )
    assert TindakLanjut.objects.get().keputusan == keputusan


def test_without_a_prefilled_origin_the_decision_is_chosen(client_as, sekretariat, keputusan,
                                                           dinkes):
    c = client_as(sekretariat)
    resp = c.post(reverse("tindak_lanjut:tambah"), data_tl(dinkes))
    assert resp.status_code == 200
    assert "tepat satu sumber" in resp.content.decode()
    resp = c.post(reverse("tindak_lanjut:tambah"), data_tl(dinkes, keputusan=keputusan.pk))
    assert resp.status_code == 302 and TindakLanjut.objects.get().keputusan == keputusan


@pytest.mark.parametrize("nilai", ["abc", "999999"])
def test_an_unknown_origin_is_404(client_as, sekretariat, nilai):
    url = reverse("tindak_lanjut:tambah") + f"?keputusan={nilai}"
    assert client_as(sekretariat).get(url).status_code == 404


@pytest.mark.parametrize(
    "salah, pesan",
    [
        ({"uraian": ""}, "Bidang ini tidak boleh kosong"),
        ({"tenggat": ""}, "Bidang ini tidak boleh kosong"),
        ({"tenggat": "30/02/2026"}, "Masukkan tanggal yang valid"),
        ({"tenggat": "BEFORE"}, "Tenggat tidak boleh sebelum tanggal asalnya"),
        ({"opd_penanggung_jawab": ""}, "Bidang ini tidak boleh kosong"),
        ({"opd_pendukung": ["PJ"]}, "tidak perlu dipilih lagi sebagai pendukung"),
    ],
)
def test_bad_follow_up_is_refused_with_a_message_and_saves_nothing(client_as, sekretariat,
                                                                   keputusan, dinkes, salah,
                                                                   pesan):
    if salah.get("tenggat") == "BEFORE":
        salah["tenggat"] = (keputusan.rapat.tanggal - timedelta(days=1)).isoformat()
    if salah.get("opd_pendukung") == ["PJ"]:
        salah["opd_pendukung"] = [dinkes.pk]
    resp = client_as(sekretariat).post(
        reverse("tindak_lanjut:tambah") + f"?keputusan={keputusan.pk}", data_tl(dinkes, **salah))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not TindakLanjut.objects.exists()


def test_sekretariat_edits_a_follow_up(client_as, sekretariat, keputusan, dinkes, dinsos):
    tl = make_tindak_lanjut(dinkes, keputusan)
    resp = client_as(sekretariat).post(reverse("tindak_lanjut:ubah", args=[tl.pk]),
                                       data_tl(dinsos, uraian="Diperbaiki"))
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.uraian == "Diperbaiki" and tl.opd_penanggung_jawab == dinsos
    assert tl.keputusan == keputusan


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
def test_only_sekretariat_creates_and_edits_follow_ups(request, client_as, pengguna, keputusan,
                                                       dinkes):
    c = client_as(request.getfixturevalue(pengguna))
    tl = make_tindak_lanjut(dinkes, keputusan, uraian="Asli")
    url = reverse("tindak_lanjut:tambah") + f"?keputusan={keputusan.pk}"
    assert c.get(url).status_code == 403
    assert c.post(url, data_tl(dinkes)).status_code == 403
    assert c.get(reverse("tindak_lanjut:ubah", args=[tl.pk])).status_code == 403
    assert c.post(reverse("tindak_lanjut:ubah", args=[tl.pk]),
                  data_tl(dinkes, uraian="Diubah")).status_code == 403
    tl.refresh_from_db()
    assert tl.uraian == "Asli" and TindakLanjut.objects.count() == 1
    assert "Tambah tindak lanjut" not in c.get(reverse("tindak_lanjut:daftar")).content.decode()


# --- Progress ------------------------------------------------------------------------------


def test_the_responsible_operator_posts_progress(client_as, operator_dinkes, keputusan, dinkes):
    tl = make_tindak_lanjut(dinkes, keputusan)
    c = client_as(operator_dinkes)
    assert "Catat progres" in c.get(tl.get_absolute_url()).content.decode()
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(),
                                          "catatan": "Verifikasi 5 desa selesai",
                                          "status_baru": "berjalan"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "berjalan"
    progres = tl.progres.get()
    assert progres.dicatat_oleh == operator_dinkes and progres.catatan == "Verifikasi 5 desa selesai"
    assert tl.history.first().history_user == operator_dinkes


@pytest.mark.parametrize("pengguna", ["operator_dinsos", "pimpinan", "petugas"])
def test_others_cannot_post_progress(request, client_as, pengguna, keputusan, dinkes, dinsos):
    # Dinsos is neither responsible nor supporting here (a supporting agency may post).
    tl = make_tindak_lanjut(dinkes, keputusan)
    c = client_as(request.getfixturevalue(pengguna))
    assert "Catat progres" not in c.get(tl.get_absolute_url()).content.decode()
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(), "catatan": "Menyusup",
                                          "status_baru": "berjalan"})
    assert resp.status_code == 403
    tl.refresh_from_db()
    assert tl.status == "belum_mulai" and not tl.progres.exists()


def test_done_needs_evidence(client_as, operator_dinkes, keputusan, dinkes):
    tl = make_tindak_lanjut(dinkes, keputusan, status="berjalan")
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Sudah beres", "status_baru": "selesai"})
    assert resp.status_code == 200
    assert "hanya dapat dinyatakan selesai dengan bukti" in resp.content.decode()
    tl.refresh_from_db()
    assert tl.status == "berjalan" and not tl.progres.exists()


def test_done_with_a_link_as_evidence(client_as, operator_dinkes, keputusan, dinkes):
    tl = make_tindak_lanjut(dinkes, keputusan)
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Laporan diunggah", "status_baru": "selesai",
        "tautan": "https://batukota.go.id/laporan-verifikasi"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "selesai"
    assert not TindakLanjut.objects.dengan_keadaan_pada().get().terlambat


def test_done_with_an_evidence_file_served_only_through_the_checking_view(
    client_as, operator_dinkes, petugas, keputusan, dinkes, client
):
    tl = make_tindak_lanjut(dinkes, keputusan)
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Berita acara", "status_baru": "selesai",
        "berkas": SimpleUploadedFile("Berita Acara.pdf", PDF)})
    assert resp.status_code == 302
    progres = tl.progres.get()
    assert progres.berkas.name.startswith("tindak-lanjut/")
    assert progres.berkas.name.endswith("-berita-acara.pdf")
    tl.refresh_from_db()
    assert tl.status == "selesai"
    c = client_as(petugas)
    assert progres.berkas.url in c.get(tl.get_absolute_url()).content.decode()
    unduh = c.get(progres.berkas.url)
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == PDF
    c.logout()
    assert c.get(progres.berkas.url).status_code == 302
    assert client_as(petugas).get("/berkas/tindak-lanjut/tidak-ada.pdf").status_code == 404


@pytest.mark.parametrize(
    "isian, pesan",
    [
        ({"berkas": SimpleUploadedFile("bukti.pdf", b"MZ bukan pdf")}, "bukan PDF yang sah"),
        ({"berkas": SimpleUploadedFile("bukti.docx", b"PK\x03\x04")}, "Jenis berkas .docx"),
        ({"tautan": "bukan tautan"}, "Masukkan URL yang valid"),
        ({"catatan": ""}, "Bidang ini tidak boleh kosong"),
        ({"tanggal": "FUTURE"}, "tidak boleh di masa depan"),
        ({"status_baru": "batal"}, "Masukkan pilihan yang valid"),
    ],
)
def test_bad_progress_is_refused_and_changes_nothing(client_as, operator_dinkes, keputusan,
                                                     dinkes, isian, pesan):
    tl = make_tindak_lanjut(dinkes, keputusan)
    data = {"tanggal": HARI_INI.isoformat(), "catatan": "Catatan", "status_baru": "berjalan"}
    data.update(isian)
    if data["tanggal"] == "FUTURE":
        data["tanggal"] = (HARI_INI + timedelta(days=1)).isoformat()
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), data)
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    tl.refresh_from_db()
    assert tl.status == "belum_mulai" and not ProgresTindakLanjut.objects.exists()


def test_sekretariat_cancels_and_the_operator_can_no_longer_post(client_as, sekretariat,
                                                                 operator_dinkes, keputusan,
                                                                 dinkes):
    tl = make_tindak_lanjut(dinkes, keputusan)
    resp = client_as(sekretariat).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Tidak relevan lagi", "status_baru": "batal"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "batal"
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Masih jalan", "status_baru": "berjalan"})
    assert resp.status_code == 403
    tl.refresh_from_db()
    assert tl.status == "batal"


def test_a_cancelled_follow_up_needs_a_new_state_to_take_progress(client_as, sekretariat,
                                                                  keputusan, dinkes):
    tl = make_tindak_lanjut(dinkes, keputusan, status="batal")
    c = client_as(sekretariat)
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(), "catatan": "Catatan"})
    assert resp.status_code == 200 and "sudah dibatalkan" in resp.content.decode()
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(), "catatan": "Dibuka",
                                          "status_baru": "berjalan"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "berjalan"


def test_the_model_refuses_done_without_evidence(keputusan, dinkes):
    from django.core.exceptions import ValidationError

    tl = make_tindak_lanjut(dinkes, keputusan)
    tl.status = TindakLanjut.Status.SELESAI
    with pytest.raises(ValidationError, match="bukti"):
        tl.full_clean()
    make_progres(tl, tautan="https://batukota.go.id/bukti")
    tl.full_clean()


def test_progress_is_not_blocked_when_the_meeting_was_moved_after_the_due_date(
    client_as, operator_dinkes, sekretariat, keputusan, dinkes
):
    """The meeting was moved after its follow-up was made, so the follow-up is now due
    before its meeting. The operator cannot change the due date; their progress (and its
    state change) is still taken. The rule holds whenever the due date is set again."""
    from tpps.models import Rapat

    tl = make_tindak_lanjut(dinkes, keputusan, tenggat=HARI_INI)
    Rapat.objects.filter(pk=keputusan.rapat_id).update(tanggal=HARI_INI + timedelta(days=5))
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Pendataan dimulai",
        "status_baru": "berjalan"})
    assert resp.status_code == 302, resp.context["form"].errors
    tl.refresh_from_db()
    assert tl.status == "berjalan" and tl.progres.count() == 1

    c = client_as(sekretariat)
    data = data_tl(dinkes, keputusan=keputusan.pk, tenggat=(HARI_INI + timedelta(days=1))
                   .isoformat())
    resp = c.post(reverse("tindak_lanjut:ubah", args=[tl.pk]), data)
    assert resp.status_code == 200 and "Tenggat tidak boleh sebelum" in resp.content.decode()
    tl.refresh_from_db()
    assert tl.tenggat == HARI_INI
    data["tenggat"] = (HARI_INI + timedelta(days=10)).isoformat()
    assert c.post(reverse("tindak_lanjut:ubah", args=[tl.pk]), data).status_code == 302


def test_the_due_date_rule_on_the_model(keputusan, dinkes):
    from django.core.exceptions import ValidationError

    tl = make_tindak_lanjut(dinkes, keputusan, tenggat=HARI_INI)
    tl.full_clean()
    tl.keputusan.rapat.tanggal = HARI_INI + timedelta(days=3)
    tl.keputusan.rapat.save()
    tl = TindakLanjut.objects.get(pk=tl.pk)
    tl.status = TindakLanjut.Status.BERJALAN
    tl.full_clean()  # unchanged due date and origin: not checked again
    tl.tenggat = HARI_INI + timedelta(days=1)
    with pytest.raises(ValidationError, match="Tenggat tidak boleh sebelum"):
        tl.full_clean()
    baru = TindakLanjut(keputusan=keputusan, opd_penanggung_jawab=dinkes, uraian="Baru",
                        tenggat=HARI_INI)
    with pytest.raises(ValidationError, match="Tenggat tidak boleh sebelum"):
        baru.full_clean()
