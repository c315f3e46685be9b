"""The signed report as a PDF made by the server: a confirmation step before signing, the
PDF archived with the sign-off (letterhead, "Halaman X dari Y", narrative, charts,
signature block with name and NIP, QR code and short link), the public verification page,
the download refused once the file was altered, and a PDF for a sign-off made before.

Text is read from the PDF itself: its content streams are inflated (zlib) and the strings
of each text object joined, one list of lines per page (fpdf2 writes pages in order)."""

import hashlib
import re
import zlib
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from opd import roles
from tests.factories import make_user
from tpps.laporan_semester import alur, isi, pdf
from tpps.lib import pdf as lib_pdf
from tpps.models import PengesahanLaporan
from tpps.models.pengesahan import sidik_isi

from .conftest import kunci

pytestmark = pytest.mark.django_db

NIP = "197001012000031001"


def url(nama, kode="2025S1"):
    return reverse(f"laporan_semester:{nama}", args=[kode])


# --- Reading a PDF without a PDF library ---------------------------------------------------


def _unescape(teks: bytes) -> str:
    teks = re.sub(rb"\\([()\\])", rb"\1", teks).replace(rb"\r", b"\r")
    return teks.decode("latin-1")


def halaman_pdf(data: bytes) -> list[list[str]]:
    """Per page, the lines of text (each text object's strings joined)."""
    halaman = []
    # Each stream's bytes are taken by its /Length, as PDF readers do: compressed data can
    # hold "endstream" by chance (1 of ~150 random verification codes did).
    for m in re.finditer(rb"/Length (\d+)(?:(?!>>).)*>>\s*stream\r?\n", data, re.S):
        try:
            isi_stream = zlib.decompress(data[m.end():m.end() + int(m.group(1))])
        except zlib.error:
            continue
        if b" Tj" not in isi_stream:
            continue  # an image or a font, not a page
        baris = []
        for blok in re.findall(rb"BT(.*?)ET", isi_stream, re.S):
            potongan = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", blok)
            if potongan:
                baris.append("".join(_unescape(p) for p in potongan))
        halaman.append(baris)
    return halaman


def teks_pdf(data: bytes) -> str:
    """All text, lines joined by spaces (a wrapped sentence reads as one)."""
    return re.sub(r"\s+", " ", " ".join(b for h in halaman_pdf(data) for b in h))


def jumlah_halaman(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


# --- Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def sekda(pimpinan):
    pimpinan.first_name, pimpinan.last_name = "Budi", "Santoso"
    pimpinan.jabatan, pimpinan.nip = "Sekretaris Daerah", NIP
    pimpinan.save()
    return pimpinan


@pytest.fixture
def terkunci(data, sekretariat):
    return kunci(data["semester"], sekretariat)


@pytest.fixture
def disahkan(client_as, terkunci, sekda):
    sebelum = _berkas_tersimpan()
    resp = client_as(sekda).post(url("sahkan"), {"konfirmasi": "on"})
    assert resp.status_code == 302 and resp["Location"] == url("disahkan")
    p = PengesahanLaporan.objects.get()
    assert _berkas_tersimpan() - sebelum == {p.berkas.name.split("/", 1)[1]}  # one file
    return p


# --- 1. The confirmation step ----------------------------------------------------------------


def test_sign_off_leads_to_a_confirmation_page_and_get_does_not_sign(client_as, terkunci, sekda):
    c = client_as(sekda)
    laporan = c.get(url("laporan")).content.decode()
    # The report's button is a link to the confirmation page, not a form that signs.
    assert f'href="{url("sahkan")}"' in laporan
    assert f'action="{url("sahkan")}"' not in laporan

    resp = c.get(url("sahkan"))
    assert resp.status_code == 200
    teks = resp.content.decode()
    for kalimat in ("Isi laporan dibekukan untuk selamanya.",
                    "Pengesahan tidak dapat dibatalkan, diubah atau dihapus",
                    "Berkas PDF diarsipkan.",
                    "Koreksi sesudahnya hanya tampil sebagai perbedaan.",
                    "Ditandatangani atas nama"):
        assert kalimat in teks, kalimat
    assert 'id="nama-pengesah">Budi Santoso<' in teks
    assert 'id="jabatan-pengesah">Sekretaris Daerah<' in teks
    assert f'id="nip-pengesah">{NIP}<' in teks
    assert 'type="checkbox" name="konfirmasi"' in teks and "Ya, sahkan laporan" in teks
    assert f'action="{url("sahkan")}"' in teks
    assert not PengesahanLaporan.objects.exists()


def test_the_page_warns_when_the_signer_has_no_nip(client_as, terkunci, pimpinan):
    teks = client_as(pimpinan).get(url("sahkan")).content.decode()
    assert "belum tercatat: blok tanda tangan akan tercetak tanpa NIP" in teks


@pytest.mark.parametrize("isian", [{}, {"konfirmasi": ""}, {"konfirmasi": "false"}])
def test_a_post_without_the_confirmation_does_nothing_and_says_why(client_as, terkunci, sekda,
                                                                   isian):
    sebelum = _berkas_tersimpan()
    resp = client_as(sekda).post(url("sahkan"), isian)
    assert resp.status_code == 400
    teks = resp.content.decode()
    assert 'id="konfirmasi-galat"' in teks
    assert "Laporan belum disahkan: centang pernyataan" in teks
    assert "Tanpa pernyataan itu tidak ada yang disimpan." in teks
    assert not PengesahanLaporan.objects.exists()
    assert _berkas_tersimpan() == sebelum  # no PDF written either


def _berkas_tersimpan() -> set[str]:
    if not default_storage.exists("laporan-disahkan"):
        return set()
    return set(default_storage.listdir("laporan-disahkan")[1])


def test_only_pimpinan_reaches_the_confirmation_page(client_as, terkunci, sekretariat,
                                                     operator_dinkes, petugas):
    for user in (sekretariat, operator_dinkes, petugas):
        c = client_as(user)
        assert c.get(url("sahkan")).status_code == 403
        assert c.post(url("sahkan"), {"konfirmasi": "on"}).status_code == 403
    assert not PengesahanLaporan.objects.exists()


def test_an_unlocked_semester_shows_the_reason_and_no_form(client_as, data, sekda):
    c = client_as(sekda)
    teks = c.get(url("sahkan")).content.decode()
    assert "baru dapat disahkan sesudah semester 2025S1 dikunci" in teks
    assert 'id="form-konfirmasi"' not in teks
    resp = c.post(url("sahkan"), {"konfirmasi": "on"}, follow=True)
    assert "baru dapat disahkan sesudah semester 2025S1 dikunci" in resp.content.decode()
    assert not PengesahanLaporan.objects.exists()


# --- 2./3. Signing archives the PDF ----------------------------------------------------------


def test_signing_archives_the_pdf_with_its_fingerprint(client_as, disahkan, sekda):
    p = disahkan
    assert p.berkas.name.startswith("laporan-disahkan/") and p.berkas.name.endswith(".pdf")
    with default_storage.open(p.berkas.name, "rb") as f:
        data = f.read()
    assert p.sidik_pdf == hashlib.sha256(data).hexdigest()
    assert p.nip_pengesah == NIP and p.jabatan_pengesah == "Sekretaris Daerah"
    assert len(p.kode_verifikasi) >= 12 and p.is_utuh() and p.is_pdf_utuh()
    # The frozen JSON stays beside it, its fingerprint as before.
    assert p.isi == isi.susun(p.semester) and p.sidik == sidik_isi(p.isi)

    assert data.startswith(b"%PDF-")
    n = jumlah_halaman(data)
    halaman = halaman_pdf(data)
    assert n >= 2 and len(halaman) == n
    for nomor, baris in enumerate(halaman, start=1):
        assert f"Halaman {nomor} dari {n}" in baris, nomor
    pertama = " ".join(halaman[0])
    assert "PEMERINTAH KOTA BATU" in pertama
    assert "TIM PERCEPATAN PENURUNAN STUNTING" in pertama
    assert "Provinsi Jawa Timur" in pertama
    assert "LAPORAN SEMESTER I TAHUN 2025" in pertama
    teks = teks_pdf(data)
    for judul in ("I. RINGKASAN", "II. CAPAIAN INDIKATOR", "1A. Intervensi spesifik",
                  "1B. Intervensi sensitif", "III. PROGRAM DAN ANGGARAN PER OPD",
                  "IV. PREVALENSI MENURUT WILAYAH", "V. TINDAK LANJUT DAN KEADAANNYA",
                  "VI. TEMUAN BPKP DAN TINDAK LANJUTNYA", "PENGESAHAN"):
        assert judul in teks, judul
    # The main tables, with their figures; nothing unverified, no child.
    assert "Ibu hamil KEK mendapat tambahan asupan gizi (Dinkes)" in teks
    assert "Sangat baik" in teks and "80,00 %" in teks and "100,0 %" in teks
    assert "150.000.000" in teks and "Program Pemenuhan Upaya Kesehatan / PMT KEK" in teks
    assert "Rapat teknis Puskesmas" in teks
    assert "Lakukan pemadanan data sasaran secara berkala." in teks
    assert "1.250" not in teks and "999.000.000" not in teks
    assert "Anak Melati" not in teks and "Anak Mawar" not in teks
    # Everyone downloads the same file: the page links it, the download is it.
    c = client_as(sekda)
    assert url("pdf-disahkan") in c.get(url("disahkan")).content.decode()
    unduh = c.get(url("pdf-disahkan"))
    assert unduh.status_code == 200 and unduh["Content-Type"] == "application/pdf"
    assert "laporan-semester-2025S1-disahkan.pdf" in unduh["Content-Disposition"]
    assert unduh.content == data


def test_the_signed_pdf_is_served_by_berkas_to_readers_of_the_signed_copy(
        client_as, disahkan, sekretariat, operator_dinkes, petugas):
    alamat = reverse("berkas", args=[disahkan.berkas.name])
    for user in (sekretariat, operator_dinkes):
        resp = client_as(user).get(alamat)
        assert resp.status_code == 200
        assert b"".join(resp.streaming_content) == disahkan.baca_pdf()
    assert client_as(petugas).get(alamat).status_code == 403
    assert client_as(sekretariat).get(reverse(
        "berkas", args=["laporan-disahkan/tidak-ada.pdf"])).status_code == 404


def test_the_narrative_states_the_numbers_of_the_content(disahkan):
    r = disahkan.isi["ringkasan"]
    paragraf = pdf.narasi(disahkan.isi)
    teks = " ".join(paragraf)
    assert (f"{r['opd_masuk']} dari {r['opd_wajib']} OPD wajib lapor" in teks
            and f"{r['opd_wajib'] - r['opd_masuk']} OPD belum mengajukan laporan." in teks)
    # S1 meets its target (100,0 %), S2 falls behind (90,0 %, "Baik").
    assert "dan 2 dapat dinilai terhadap target: 1 mencapai target dan 1 belum" in teks
    assert "Mencapai target: S1 Ibu hamil KEK mendapat tambahan asupan gizi (100,0 %" in teks
    assert "Tertinggal dari target: S2 Ibu hamil mengonsumsi TTD (90,0 % dari target, Baik)" \
        in teks
    assert "2 angka belum terverifikasi" in teks
    # Prevalence: 2 of 5 children stunted; by kecamatan, Bumiaji 1 of 1, Batu 1 of 4.
    assert "Februari 2025 sebesar 40,00 %" in teks and "5 balita dihitung" in teks
    assert "Tertinggi di Kecamatan Bumiaji (100,00 %), terendah di Kecamatan Batu (25,00 %)" \
        in teks
    assert "Rp 90.000.000 dari pagu Rp 150.000.000 (60,0 %)" in teks
    assert f"Dari {r['tindak_lanjut']} tindak lanjut" in teks
    assert f"{r['tindak_lanjut_terlambat']} terlambat per 30 Juni 2025" in teks
    # From the content only: the same paragraphs from the frozen copy, whatever the data now.
    assert pdf.narasi(PengesahanLaporan.objects.get().isi) == paragraf
    # ... and they are what the PDF prints.
    dicetak = teks_pdf(disahkan.baca_pdf())
    assert "1 mencapai target dan 1 belum mencapai target" in dicetak
    assert "Tertinggi di Kecamatan Bumiaji (100,00 %)" in dicetak


def test_the_narrative_compares_with_the_year_before_when_the_content_has_it(disahkan):
    import copy

    isi_lain = copy.deepcopy(disahkan.isi)
    kota = next(k for k in isi_lain["prevalensi"]["kota"] if k["kode"] == "stunting")
    kota["setahun_lalu"], kota["selisih"] = 45.5, -5.5
    teks = " ".join(pdf.narasi(isi_lain))
    assert "Dibanding Februari 2024 (45,50 %), prevalensi turun 5,50 poin persen." in teks


def test_the_charts_count_bands_and_draw_kecamatan_prevalence(disahkan):
    g = pdf.grafik_predikat(disahkan.isi)
    assert [(b.label, b.nilai) for b in g.baris] == [("Sangat baik", [1]), ("Baik", [1])]
    assert g.warna_baris == [lib_pdf.WARNA["success"], lib_pdf.WARNA["primary"]]
    k = pdf.grafik_kecamatan(disahkan.isi)
    assert [(b.label, b.nilai) for b in k.baris] == [("Bumiaji", [100.0]), ("Batu", [25.0])]
    assert k.acuan == 40.0
    data = disahkan.baca_pdf()
    teks = teks_pdf(data)
    assert "Grafik 1. Indikator menurut predikat capaian" in teks
    assert "Grafik 2. Prevalensi stunting per kecamatan, Februari 2025" in teks
    assert "100,00 % (n = 1)" in teks and "Kota Batu 40,00 %" in teks
    # The bars are rectangles filled in the band's colour (green for "Sangat baik").
    stream = b"".join(zlib.decompress(m) for m in re.findall(
        rb"stream\r?\n(.*?)\r?\nendstream", data, re.S) if _inflatable(m))
    hijau = re.search(rb"0\.098\d* 0\.529\d* 0\.329\d* rg\s+-?[\d.]+ -?[\d.]+ -?[\d.]+ -?[\d.]+ re f",
                      stream)
    assert hijau, "no green bar"


def _inflatable(data: bytes) -> bool:
    try:
        zlib.decompress(data)
        return True
    except zlib.error:
        return False


def test_the_signature_block_has_place_date_position_name_and_nip(disahkan):
    teks = teks_pdf(disahkan.baca_pdf())
    hari = timezone.localtime(disahkan.disahkan_pada)
    bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"][hari.month - 1]
    assert f"Batu, {hari.day} {bulan} {hari.year}" in teks
    assert "Sekretaris Daerah," in teks
    assert "Budi Santoso" in teks and f"NIP. {NIP}" in teks
    assert f"Sidik SHA-256 isi yang disahkan: {disahkan.sidik}" in teks


# --- 4. The public verification page ----------------------------------------------------------


def test_the_qr_code_and_the_short_link_open_the_verification_page(client_as, client, terkunci,
                                                                   sekda, monkeypatch):
    dikodekan = []
    asli = lib_pdf.segno.make_qr
    monkeypatch.setattr(lib_pdf.segno, "make_qr",
                        lambda data, **kw: dikodekan.append(data) or asli(data, **kw))
    client_as(sekda).post(url("sahkan"), {"konfirmasi": "on"})
    p = PengesahanLaporan.objects.get()
    jalan = f"/verifikasi/{p.kode_verifikasi}/"
    assert dikodekan == [settings.ALAMAT_SITUS + jalan] == [p.alamat_verifikasi()]
    # The short link printed beside the QR code is the very address it encodes.
    assert dikodekan[0] in teks_pdf(p.baca_pdf())
    assert f"/URI ({dikodekan[0]})".encode() in p.baca_pdf()  # clickable too

    client.logout()  # no sign-in needed
    resp = client.get(jalan)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert 'id="keadaan"' in teks and ">utuh<" in teks and ">berubah<" not in teks
    assert "Laporan Semester I Tahun 2025" in teks and "Budi Santoso" in teks
    assert "Semester 2025S1: 1 Januari 2025 – 30 Juni 2025" in teks
    # Only who and when: no figure, no NIP, no content.
    for angka in ("40,00", "80,00", "Sangat baik", "150.000.000", "Rapat teknis", NIP,
                  p.sidik, "Sekretaris Daerah"):
        assert angka not in teks, angka


def test_an_unknown_code_answers_404_in_indonesian(client):
    resp = client.get("/verifikasi/bukan-kode-asli/")
    assert resp.status_code == 404
    assert "Kode verifikasi ini tidak dikenal" in resp.content.decode()


def test_a_tampered_pdf_says_berubah_and_is_not_downloaded(client_as, client, disahkan, sekda):
    jalan = f"/verifikasi/{disahkan.kode_verifikasi}/"
    asli = disahkan.baca_pdf()
    # Someone with access to the storage changes the archived file (here its title).
    assert b"TPPS Kota Batu)" in asli
    lokasi = default_storage.path(disahkan.berkas.name)
    with open(lokasi, "wb") as f:
        f.write(asli.replace(b"TPPS Kota Batu)", b"TPPS Kota Lain)"))
    p = PengesahanLaporan.objects.get()
    assert p.is_utuh() and not p.is_pdf_utuh()

    teks = client.get(jalan).content.decode()
    assert ">berubah<" in teks and ">utuh<" not in teks
    c = client_as(sekda)
    resp = c.get(url("pdf-disahkan"))
    assert resp.status_code == 302 and resp["Location"] == url("disahkan")
    assert resp.get("Content-Type", "") != "application/pdf"
    halaman = c.get(resp["Location"]).content.decode()
    assert "tidak cocok lagi dengan sidik SHA-256-nya (atau hilang)" in halaman
    assert c.get(reverse("berkas", args=[p.berkas.name])).status_code == 404
    with pytest.raises(ValidationError, match="telah diubah sesudah disahkan"):
        p.pdf_utuh()

    # A missing file is no better.
    default_storage.delete(p.berkas.name)
    assert ">berubah<" in client.get(jalan).content.decode()
    assert c.get(url("pdf-disahkan")).status_code == 302


def test_altered_content_says_berubah_too(client, disahkan):
    import copy

    diubah = copy.deepcopy(disahkan.isi)
    diubah["ringkasan"]["pagu_rp"] = 1
    PengesahanLaporan._base_manager.filter(pk=disahkan.pk).update(isi=diubah)
    assert ">berubah<" in client.get(f"/verifikasi/{disahkan.kode_verifikasi}/").content.decode()


# --- Immutability and the sign-offs made before ------------------------------------------------


def test_the_archive_fields_cannot_be_changed(disahkan):
    p = PengesahanLaporan.objects.get()
    for medan, nilai in (("sidik_pdf", "0" * 64), ("berkas", "laporan-disahkan/lain.pdf"),
                         ("nip_pengesah", "1"), ("kode_verifikasi", "tebakan")):
        setattr(p, medan, nilai)
        with pytest.raises(ValidationError):
            p.save()
        with pytest.raises(ValidationError):
            PengesahanLaporan.objects.filter(pk=p.pk).update(**{medan: nilai})
    # The controlled path leaves a sign-off that has its PDF alone.
    sebelum = PengesahanLaporan.objects.get()
    assert alur.arsipkan_pdf(sebelum) is False
    sesudah = PengesahanLaporan.objects.get()
    assert (sesudah.berkas.name, sesudah.sidik_pdf) == (disahkan.berkas.name, disahkan.sidik_pdf)
    assert sesudah.baca_pdf() == disahkan.baca_pdf()


def _pengesahan_lama(semester, oleh):
    """A sign-off as sahkan_laporan made it before PDFs were archived: no file, no NIP."""
    return PengesahanLaporan.objects.create(
        semester=semester, isi=isi.susun(semester), disahkan_oleh=oleh,
        nama_pengesah="Budi Santoso", jabatan_pengesah="Sekretaris Daerah",
        disahkan_pada=timezone.now())


def test_an_old_sign_off_gets_its_pdf_from_its_frozen_content(client, terkunci, sekda):
    lama = _pengesahan_lama(terkunci, sekda)
    assert not lama.berkas and not lama.sidik_pdf and lama.kode_verifikasi
    # Its verification page judges the content while no PDF exists.
    assert ">utuh<" in client.get(f"/verifikasi/{lama.kode_verifikasi}/").content.decode()

    keluaran = StringIO()
    call_command("arsipkan_laporan_disahkan", stdout=keluaran)
    assert "2025S1: berkas PDF diarsipkan." in keluaran.getvalue()
    p = PengesahanLaporan.objects.get()
    data = p.baca_pdf()
    assert data.startswith(b"%PDF-") and p.sidik_pdf == hashlib.sha256(data).hexdigest()
    assert p.berkas.name.startswith("laporan-disahkan/")
    assert p.nip_pengesah == NIP  # the signer's, from their account
    assert (p.isi, p.sidik) == (lama.isi, lama.sidik) and p.is_utuh() and p.is_pdf_utuh()
    # Made from the frozen content: the same sign-off always gives the same file, whatever
    # the time zone its moment is handed over in.
    assert pdf.buat_pdf(p) == data
    p.disahkan_pada = timezone.localtime(p.disahkan_pada)
    assert pdf.buat_pdf(p) == data
    p = PengesahanLaporan.objects.get()
    teks = teks_pdf(data)
    assert "Budi Santoso" in teks and f"NIP. {NIP}" in teks and p.alamat_verifikasi() in teks
    assert ">utuh<" in client.get(f"/verifikasi/{p.kode_verifikasi}/").content.decode()

    # Run again: nothing to do, nothing changed.
    keluaran = StringIO()
    call_command("arsipkan_laporan_disahkan", stdout=keluaran)
    assert "0 berkas PDF laporan yang disahkan diarsipkan." in keluaran.getvalue()
    assert PengesahanLaporan.objects.get().berkas.name == p.berkas.name


def test_an_old_sign_off_whose_content_was_altered_is_not_archived(terkunci, sekda):
    from django.core.management.base import CommandError

    lama = _pengesahan_lama(terkunci, sekda)
    diubah = {**lama.isi, "daerah": "Kota Lain"}
    PengesahanLaporan._base_manager.filter(pk=lama.pk).update(isi=diubah)
    keluaran, galat = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 laporan yang disahkan tidak diarsipkan"):
        call_command("arsipkan_laporan_disahkan", stdout=keluaran, stderr=galat)
    assert "telah diubah sesudah disahkan" in galat.getvalue()
    assert not PengesahanLaporan.objects.get().berkas


def test_the_signed_copys_page_says_when_the_pdf_is_not_archived_yet(client_as, terkunci, sekda):
    _pengesahan_lama(terkunci, sekda)
    c = client_as(sekda)
    assert url("pdf-disahkan") not in c.get(url("disahkan")).content.decode()
    resp = c.get(url("pdf-disahkan"), follow=True)
    assert "belum diarsipkan" in resp.content.decode()


# --- The PDF helper beneath ------------------------------------------------------------------


def test_text_outside_latin1_is_printed_in_ascii():
    assert lib_pdf.teks_aman("Cakupan ≥ 90 % – ‘uji’ “kutip” −2 SD … é") == (
        "Cakupan >= 90 % - 'uji' \"kutip\" -2 SD ... é")
    assert lib_pdf.teks_aman("Ĉu 中") == "Cu ?"
    dok = lib_pdf.DokumenA4(kop=[("PEMERINTAH KOTA BATU", 13)], judul_berjalan="Uji",
                            catatan_kaki="kaki", dibuat_pada=timezone.now(), judul="Uji ≥")
    dok.add_page()
    dok.paragraf("Target ≥ 90 % – tercapai’")
    dok.tabel([lib_pdf.Kolom("Nama ≤", 1)], [["Stunting (TB/U < −2 SD)"]])
    teks = teks_pdf(dok.hasil())
    assert "Target >= 90 % - tercapai'" in teks and "Stunting (TB/U < -2 SD)" in teks
    assert "Halaman 1 dari 1" in teks


def test_another_signer_and_the_place_of_signing():
    assert pdf.tempat_pengesahan("Kota Batu") == "Batu"
    assert pdf.tempat_pengesahan("Kabupaten Malang") == "Malang"
    assert pdf.tempat_pengesahan("Batu") == "Batu"


def test_a_report_without_children_or_programmes_still_prints(client_as, peran, dinkes, dinsos,
                                                              sekretariat):
    from tests.evaluasi.factories import make_semester

    semester = kunci(make_semester("2025S2"), sekretariat)
    ketua = make_user("ketua", peran=roles.PIMPINAN, first_name="Ani", nip="")
    p = alur.sahkan_laporan(semester=semester, oleh=ketua)
    teks = teks_pdf(p.baca_pdf())
    assert "prevalensi stunting tidak dapat dihitung" in teks
    assert "Belum ada program dari laporan OPD yang terverifikasi." in teks
    assert "NIP. -" in teks and "Halaman 1 dari" in teks
