"""Meeting pages: plan, record, read; everyone signed in reads, only Sekretariat TPPS writes."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_opd
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import AgendaRapat, KehadiranRapat, KeputusanRapat, Rapat, TindakLanjut

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()


def data_rapat(undangan, **kwargs):
    data = {
        "jenis": "koordinasi",
        "judul": "Rapat Koordinasi Percepatan Penurunan Stunting",
        "tanggal": (HARI_INI + timedelta(days=7)).isoformat(),
        "jam_mulai": "09:00",
        "jam_selesai": "12:00",
        "tempat": "Ruang Rapat Utama Balai Kota Among Tani",
        "pimpinan_rapat": "Sekretaris Daerah",
        "nomor_undangan": "005/123/422.012/2026",
        "agenda": "Pembukaan\n\nPaparan capaian semester I\n",
        "diundang": [o.pk for o in undangan],
    }
    data.update(kwargs)
    return data


# --- Reading ---------------------------------------------------------------------------


def test_list_separates_coming_and_past_meetings(client_as, petugas, dinkes):
    lalu = make_rapat(judul="Rapat lalu", undang=[dinkes])
    datang = make_rapat(judul="Rapat datang", tanggal=HARI_INI + timedelta(days=3))
    resp = client_as(petugas).get(reverse("rapat:daftar"))
    assert resp.status_code == 200
    assert list(resp.context["akan_datang"]) == [datang]
    assert list(resp.context["sudah_lewat"]) == [lalu]
    assert resp.context["sudah_lewat"][0].jumlah_diundang == 1
    assert "Rencanakan rapat" not in resp.content.decode()


def test_list_filters_by_kind_and_year(client_as, pimpinan):
    make_rapat(judul="Rembuk 2025", jenis="rembuk_stunting", tanggal=date(2025, 5, 20))
    make_rapat(judul="Koordinasi 2025", tanggal=date(2025, 3, 1))
    c = client_as(pimpinan)

    def judul(**q):
        resp = c.get(reverse("rapat:daftar"), q)
        return sorted(r.judul for r in [*resp.context["akan_datang"], *resp.context["sudah_lewat"]])

    assert judul(jenis="rembuk_stunting") == ["Rembuk 2025"]
    assert judul(tahun="2025") == ["Koordinasi 2025", "Rembuk 2025"]
    assert judul(tahun="2024") == []
    assert judul(jenis="bukan-jenis") == ["Koordinasi 2025", "Rembuk 2025"]


def test_list_query_count_does_not_grow(client_as, pimpinan, dinkes, dinsos,
                                        django_assert_num_queries):
    c = client_as(pimpinan)
    c.get(reverse("rapat:daftar"))
    for n in range(8):
        rapat = make_rapat(judul=f"Rapat {n}", undang=[dinkes, dinsos],
                           tanggal=HARI_INI + timedelta(days=n - 4))
        make_keputusan(rapat)
    # session, user, the user's permissions (2), coming meetings, past meetings (counts are
    # annotations)
    with django_assert_num_queries(6):
        c.get(reverse("rapat:daftar"))


def test_detail_shows_agenda_attendance_decisions_and_their_follow_ups(client_as, petugas,
                                                                        dinkes):
    rapat = make_rapat(undang=[dinkes], notulen="Dibuka oleh Sekda.")
    AgendaRapat.objects.create(rapat=rapat, nomor=1, uraian="Paparan capaian")
    keputusan = make_keputusan(rapat, uraian="Data balita dimutakhirkan")
    make_tindak_lanjut(dinkes, keputusan, uraian="Verifikasi data e-PPGBM")
    teks = client_as(petugas).get(rapat.get_absolute_url()).content.decode()
    for isi in ["Paparan capaian", "Dinkes", "Dibuka oleh Sekda.", "Data balita dimutakhirkan",
                "Verifikasi data e-PPGBM", "Cetak daftar hadir"]:
        assert isi in teks
    assert "Catat kehadiran dan notulen" not in teks
    assert "Tambah tindak lanjut keputusan" not in teks


def test_unknown_meeting_is_404(client_as, petugas):
    assert client_as(petugas).get(reverse("rapat:detail", args=[999])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    resp = client.get(reverse("rapat:daftar"))
    assert resp.status_code == 302 and resp["Location"].startswith("/akun/masuk/")


# --- Planning ---------------------------------------------------------------------------


def test_new_meeting_invites_every_active_member_by_default(client_as, sekretariat, dinkes,
                                                            dinsos):
    make_opd("Dispora", aktif=False)
    form = client_as(sekretariat).get(reverse("rapat:tambah")).context["form"]
    terpilih = set(form.fields["diundang"].initial)
    assert {dinkes.pk, dinsos.pk, sekretariat.opd_id} == terpilih
    assert "Dispora" not in [o.singkatan for o in form.fields["diundang"].queryset]


def test_planning_saves_agenda_invitations_and_carries_open_follow_ups(client_as, sekretariat,
                                                                       dinkes, dinsos):
    asal = make_keputusan(make_rapat(tanggal=HARI_INI - timedelta(days=60)))
    terlambat = make_tindak_lanjut(dinkes, asal, uraian="Terlambat",
                                   tenggat=HARI_INI - timedelta(days=5))
    berjalan = make_tindak_lanjut(dinsos, asal, uraian="Berjalan", status="berjalan",
                                  tenggat=HARI_INI + timedelta(days=30))
    make_tindak_lanjut(dinsos, asal, uraian="Sudah selesai", status="selesai")
    make_tindak_lanjut(dinsos, asal, uraian="Dibatalkan", status="batal")
    # Due between today and the meeting: overdue by the meeting's date.
    jatuh_tempo = make_tindak_lanjut(dinsos, asal, uraian="Jatuh tempo sebelum rapat",
                                     tenggat=HARI_INI + timedelta(days=3))

    resp = client_as(sekretariat).post(reverse("rapat:tambah"), data_rapat([dinkes, dinsos]))
    rapat = Rapat.objects.get(nomor_undangan="005/123/422.012/2026")
    assert resp.status_code == 302 and resp["Location"] == rapat.get_absolute_url()
    assert rapat.jam_selesai == time(12, 0)
    assert list(rapat.kehadiran.values_list("opd__singkatan", "status")) == [
        ("Dinkes", "belum"), ("Dinsos", "belum")]
    agenda = list(rapat.agenda.values_list("nomor", "uraian", "tindak_lanjut"))
    assert agenda[:2] == [(1, "Pembukaan", None), (2, "Paparan capaian semester I", None)]
    # Overdue by the meeting date first, then the nearest due date.
    assert [a[2] for a in agenda[2:]] == [terlambat.pk, jatuh_tempo.pk, berjalan.pk]
    assert "penanggung jawab Dinkes" in agenda[2][1]

    detail = client_as(sekretariat).get(rapat.get_absolute_url())
    assert detail.context["terlambat_terbawa"] == 2
    assert "2 terlambat" in detail.content.decode()


@pytest.mark.parametrize(
    "salah, pesan",
    [
        ({"judul": ""}, "Bidang ini tidak boleh kosong"),
        ({"tanggal": "31/02/2026"}, "Masukkan tanggal yang valid"),
        ({"jam_mulai": "25:00"}, "Masukkan waktu yang valid"),
        ({"jam_selesai": "08:00"}, "Jam selesai harus sesudah jam mulai"),
        ({"jenis": "arisan"}, "Masukkan pilihan yang valid"),
        ({"diundang": []}, "Pilih sekurang-kurangnya satu OPD yang diundang"),
    ],
)
def test_bad_plan_is_refused_with_a_message_and_saves_nothing(client_as, sekretariat, dinkes,
                                                              salah, pesan):
    resp = client_as(sekretariat).post(reverse("rapat:tambah"), data_rapat([dinkes], **salah))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not Rapat.objects.exists() and not AgendaRapat.objects.exists()


def test_changing_the_plan_replaces_typed_agenda_and_keeps_carried_items(client_as, sekretariat,
                                                                         dinkes, dinsos):
    c = client_as(sekretariat)
    make_tindak_lanjut(dinkes, uraian="Terbawa")
    c.post(reverse("rapat:tambah"), data_rapat([dinkes, dinsos]))
    rapat = Rapat.objects.get(nomor_undangan="005/123/422.012/2026")
    resp = c.post(reverse("rapat:ubah", args=[rapat.pk]),
                  data_rapat([dinkes], agenda="Satu\nDua\nTiga", judul="Judul baru"))
    assert resp.status_code == 302
    rapat.refresh_from_db()
    assert rapat.judul == "Judul baru"
    assert list(rapat.agenda.values_list("nomor", "uraian")) [:3] == [
        (1, "Satu"), (2, "Dua"), (3, "Tiga")]
    assert rapat.agenda.get(nomor=4).tindak_lanjut.uraian == "Terbawa"
    assert list(rapat.kehadiran.values_list("opd__singkatan", flat=True)) == ["Dinkes"]
    form = c.get(reverse("rapat:ubah", args=[rapat.pk])).context["form"]
    assert form["agenda"].value() == "Satu\nDua\nTiga"


def test_an_agency_whose_attendance_is_recorded_cannot_be_uninvited(client_as, sekretariat,
                                                                    dinkes, dinsos):
    rapat = make_rapat(undang=[dinkes, dinsos])
    rapat.kehadiran.filter(opd=dinsos).update(status="tidak_hadir")
    resp = client_as(sekretariat).post(reverse("rapat:ubah", args=[rapat.pk]),
                                       data_rapat([dinkes], tanggal=rapat.tanggal.isoformat(),
                                                  judul="Diubah"))
    assert resp.status_code == 200
    assert "Kehadiran Dinsos sudah dicatat" in resp.content.decode()
    rapat.refresh_from_db()
    assert rapat.judul != "Diubah" and rapat.kehadiran.count() == 2


def test_carrying_over_again_adds_only_new_open_follow_ups(client_as, sekretariat, dinkes):
    rapat = make_rapat(tanggal=HARI_INI + timedelta(days=10), undang=[dinkes])
    make_tindak_lanjut(dinkes, uraian="Pertama")
    c = client_as(sekretariat)
    c.post(reverse("rapat:bawa-tindak-lanjut", args=[rapat.pk]))
    make_tindak_lanjut(dinkes, uraian="Kedua")
    c.post(reverse("rapat:bawa-tindak-lanjut", args=[rapat.pk]))
    c.post(reverse("rapat:bawa-tindak-lanjut", args=[rapat.pk]))
    assert list(rapat.agenda.values_list("nomor", "tindak_lanjut__uraian")) == [
        (1, "Pertama"), (2, "Kedua")]


# --- Recording --------------------------------------------------------------------------


def data_kehadiran(rapat, baris):
    data = {"hadir-TOTAL_FORMS": str(len(baris)), "hadir-INITIAL_FORMS": str(len(baris)),
            "notulen-notulen": "Rapat dibuka pukul 09.00 oleh Sekda."}
    for i, (kehadiran, status, nama, jabatan) in enumerate(baris):
        data.update({f"hadir-{i}-id": kehadiran.pk, f"hadir-{i}-status": status,
                     f"hadir-{i}-nama_hadir": nama, f"hadir-{i}-jabatan_hadir": jabatan})
    return data


def test_recording_attendance_and_minutes(client_as, sekretariat, dinkes, dinsos,
                                          bappelitbangda):
    rapat = make_rapat(undang=[dinkes, dinsos, bappelitbangda])
    k = {x.opd.singkatan: x for x in rapat.kehadiran.select_related("opd")}
    resp = client_as(sekretariat).post(reverse("rapat:catat", args=[rapat.pk]), data_kehadiran(
        rapat, [(k["Dinkes"], "hadir", "dr. Kadis", "Kepala Dinas"),
                (k["Dinsos"], "diwakilkan", "Bu Sekdin", "Sekretaris Dinas"),
                (k["Bappelitbangda"], "tidak_hadir", "", "")]))
    assert resp.status_code == 302
    rapat.refresh_from_db()
    assert rapat.notulen == "Rapat dibuka pukul 09.00 oleh Sekda."
    assert dict(rapat.kehadiran.values_list("opd__singkatan", "status")) == {
        "Dinkes": "hadir", "Dinsos": "diwakilkan", "Bappelitbangda": "tidak_hadir"}
    assert rapat.kehadiran.get(opd=dinsos).history.first().history_user == sekretariat


@pytest.mark.parametrize(
    "status, nama, pesan",
    [
        ("hadir", "", "Nama yang hadir wajib diisi"),
        ("tidak_hadir", "Pak Budi", "Ada nama yang hadir"),
        ("datang", "Pak Budi", "Masukkan pilihan yang valid"),
    ],
)
def test_bad_attendance_is_refused_and_nothing_is_saved(client_as, sekretariat, dinkes, dinsos,
                                                        status, nama, pesan):
    rapat = make_rapat(undang=[dinkes, dinsos])
    k = {x.opd.singkatan: x for x in rapat.kehadiran.select_related("opd")}
    resp = client_as(sekretariat).post(reverse("rapat:catat", args=[rapat.pk]), data_kehadiran(
        rapat, [(k["Dinkes"], "hadir", "dr. Kadis", ""), (k["Dinsos"], status, nama, "")]))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert set(rapat.kehadiran.values_list("status", flat=True)) == {"belum"}
    rapat.refresh_from_db()
    assert rapat.notulen == ""


def test_attendance_of_another_meeting_cannot_be_smuggled_in(client_as, sekretariat, dinkes):
    rapat = make_rapat(undang=[dinkes])
    lain = make_rapat(judul="Lain", undang=[dinkes])
    kehadiran_lain = lain.kehadiran.get()
    client_as(sekretariat).post(reverse("rapat:catat", args=[rapat.pk]), data_kehadiran(
        rapat, [(kehadiran_lain, "hadir", "Penyusup", "")]))
    kehadiran_lain.refresh_from_db()
    assert kehadiran_lain.status == "belum"


def test_a_meeting_in_the_future_cannot_be_recorded_yet(client_as, sekretariat, dinkes):
    rapat = make_rapat(undang=[dinkes], tanggal=HARI_INI + timedelta(days=2))
    c = client_as(sekretariat)
    resp = c.post(reverse("rapat:catat", args=[rapat.pk]), data_kehadiran(
        rapat, [(rapat.kehadiran.get(), "hadir", "dr. Kadis", "")]), follow=True)
    assert "belum berlangsung" in resp.content.decode()
    assert rapat.kehadiran.get().status == "belum"
    resp = c.post(reverse("rapat:keputusan-tambah", args=[rapat.pk]), {"uraian": "X"}, follow=True)
    assert "belum berlangsung" in resp.content.decode()
    assert not KeputusanRapat.objects.exists()


def test_decisions_are_numbered_and_renumbered_after_a_delete(client_as, sekretariat):
    rapat = make_rapat()
    c = client_as(sekretariat)
    for uraian in ["Satu", "Dua", "Tiga"]:
        resp = c.post(reverse("rapat:keputusan-tambah", args=[rapat.pk]), {"uraian": uraian})
    assert resp["Location"] == f"{rapat.get_absolute_url()}#keputusan-3"
    assert list(rapat.keputusan.values_list("nomor", "uraian")) == [
        (1, "Satu"), (2, "Dua"), (3, "Tiga")]
    c.post(reverse("rapat:keputusan-hapus", args=[rapat.keputusan.get(nomor=1).pk]))
    assert list(rapat.keputusan.values_list("nomor", "uraian")) == [(1, "Dua"), (2, "Tiga")]
    resp = c.post(reverse("rapat:keputusan-ubah", args=[rapat.keputusan.get(nomor=2).pk]),
                  {"uraian": "Tiga, diperbaiki"})
    assert resp.status_code == 302
    assert rapat.keputusan.get(nomor=2).uraian == "Tiga, diperbaiki"


def test_empty_decision_and_decision_with_follow_ups_are_refused(client_as, sekretariat, dinkes):
    rapat = make_rapat()
    c = client_as(sekretariat)
    resp = c.post(reverse("rapat:keputusan-tambah", args=[rapat.pk]), {"uraian": "  "},
                  follow=True)
    assert "Uraian keputusan wajib diisi" in resp.content.decode()
    assert not rapat.keputusan.exists()
    keputusan = make_keputusan(rapat)
    make_tindak_lanjut(dinkes, keputusan)
    resp = c.post(reverse("rapat:keputusan-hapus", args=[keputusan.pk]), follow=True)
    assert "sudah punya tindak lanjut" in resp.content.decode()
    assert rapat.keputusan.count() == 1


# --- Permissions ------------------------------------------------------------------------


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
def test_only_sekretariat_plans_and_records(request, client_as, pengguna, dinkes):
    c = client_as(request.getfixturevalue(pengguna))
    rapat = make_rapat(undang=[dinkes])
    keputusan = make_keputusan(rapat, uraian="Asli")
    kehadiran = rapat.kehadiran.get()
    assert c.get(reverse("rapat:detail", args=[rapat.pk])).status_code == 200
    assert c.get(reverse("rapat:tambah")).status_code == 403
    assert c.post(reverse("rapat:tambah"), data_rapat([dinkes])).status_code == 403
    assert c.get(reverse("rapat:ubah", args=[rapat.pk])).status_code == 403
    assert c.post(reverse("rapat:ubah", args=[rapat.pk]),
                  data_rapat([dinkes], judul="Diubah")).status_code == 403
    assert c.post(reverse("rapat:catat", args=[rapat.pk]), data_kehadiran(
        rapat, [(kehadiran, "hadir", "X", "")])).status_code == 403
    assert c.post(reverse("rapat:keputusan-tambah", args=[rapat.pk]),
                  {"uraian": "Baru"}).status_code == 403
    assert c.post(reverse("rapat:keputusan-ubah", args=[keputusan.pk]),
                  {"uraian": "Diubah"}).status_code == 403
    assert c.post(reverse("rapat:keputusan-hapus", args=[keputusan.pk])).status_code == 403
    assert c.post(reverse("rapat:bawa-tindak-lanjut", args=[rapat.pk])).status_code == 403
    rapat.refresh_from_db()
    kehadiran.refresh_from_db()
    assert Rapat.objects.count() == 1 and rapat.judul != "Diubah"
    assert kehadiran.status == KehadiranRapat.Status.BELUM
    assert list(rapat.keputusan.values_list("uraian", flat=True)) == ["Asli"]
    assert not TindakLanjut.objects.exists()


def test_sekretariat_sees_the_buttons(client_as, sekretariat, dinkes):
    rapat = make_rapat(undang=[dinkes])
    make_keputusan(rapat)
    teks = client_as(sekretariat).get(rapat.get_absolute_url()).content.decode()
    assert "Catat kehadiran dan notulen" in teks
    assert "Tambah tindak lanjut keputusan 1" in teks
    assert "Rencanakan rapat" in client_as(sekretariat).get(reverse("rapat:daftar")).content.decode()


def test_a_forged_extra_attendance_row_creates_nothing(client_as, sekretariat, dinkes, dinsos):
    rapat = make_rapat(undang=[dinkes])
    data = data_kehadiran(rapat, [(rapat.kehadiran.get(), "hadir", "dr. Kadis", "")])
    data.update({"hadir-TOTAL_FORMS": "2", "hadir-1-status": "hadir",
                 "hadir-1-nama_hadir": "Penyusup", "hadir-1-opd": dinsos.pk})
    resp = client_as(sekretariat).post(reverse("rapat:catat", args=[rapat.pk]), data)
    assert resp.status_code == 302
    assert list(rapat.kehadiran.values_list("opd__singkatan", "nama_hadir")) == [
        ("Dinkes", "dr. Kadis")]
