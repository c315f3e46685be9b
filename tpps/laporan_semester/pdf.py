"""The signed semester report as a PDF (A4), made by the server at the sign-off.

Everything it shows comes from the frozen content (``PengesahanLaporan.isi``, built by
``isi.susun``) and the sign-off's own fields (who, as which position and NIP, when, the
verification code): the same sign-off always gives the same file, so a PDF for a sign-off
made before PDFs existed is made from its frozen content (``alur.arsipkan_pdf``) exactly
as it would have been. The narrative (``narasi``) is generated from the content only.

Sections follow the printable page (templates/laporan_semester/laporan.html): summary with
narrative and charts, indicator achievements (1A, 1B), programmes and budget, prevalence by
wilayah, follow-ups, BPKP, and the signature block with the QR code of the public
verification page (``PengesahanLaporan.alamat_verifikasi``).
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from evaluasi.templatetags.angka import bulat, desimal
from tpps.lib.pdf import WARNA, BarisTebal, Batang, DokumenA4, Grafik, Kolom, Seri
from tpps.templatetags.laporan_semester import romawi

#: How many indicators the narrative names as meeting / missing their target.
NAMA_DALAM_NARASI = 5
WARNA_KINI = (25, 135, 84)
WARNA_LALU = (173, 181, 189)


# --- Formatting (Indonesian) ----------------------------------------------------------------


def _persen(nilai, tempat: int = 2) -> str:
    return "-" if nilai is None else f"{desimal(nilai, tempat)} %"


def _rp(nilai) -> str:
    return f"Rp {bulat(nilai or 0)}"


def _tanggal(nilai, format_: str = "j F Y") -> str:
    """An ISO date (text), a date or an aware datetime (shown in local time) in words."""
    if not nilai:
        return "-"
    if isinstance(nilai, str):
        nilai = date.fromisoformat(nilai)
    if isinstance(nilai, datetime) and timezone.is_aware(nilai):
        nilai = timezone.localtime(nilai)
    return formats.date_format(nilai, format_)


def _nilai_indikator(nilai, satuan: str) -> str:
    if nilai is None:
        return "-"
    return _persen(nilai) if satuan == "persen" else bulat(nilai)


def tempat_pengesahan(daerah: str) -> str:
    """The place written before the date of signing: "Kota Batu" → "Batu"."""
    for awalan in ("Kota ", "Kabupaten ", "Kab. "):
        if daerah.startswith(awalan):
            return daerah[len(awalan):]
    return daerah


def judul_laporan(isi: dict) -> str:
    s = isi["semester"]
    return _("Laporan Semester %(nomor)s Tahun %(tahun)s") % {
        "nomor": romawi(s["nomor"]), "tahun": s["tahun"]}


def periode_laporan(isi: dict) -> str:
    s = isi["semester"]
    return _("%(mulai)s - %(selesai)s") % {
        "mulai": _tanggal(s["mulai"]), "selesai": _tanggal(s["selesai"])}


# --- Narrative --------------------------------------------------------------------------------


def _stunting(baris: list[dict]) -> dict | None:
    return next((p for p in baris if p["kode"] == "stunting"), None)


def _indikator(isi: dict) -> list[dict]:
    return [b for kel in isi["capaian"] for b in kel["baris"]]


def _sebut(daftar: list[dict]) -> str:
    return "; ".join(
        _("%(kode)s %(nama)s (%(persen)s dari target%(predikat)s)") % {
            "kode": b["kode"], "nama": b["nama"], "persen": _persen(b["persen_capaian"], 1),
            "predikat": (", " + b["predikat"]) if b["predikat"] else ""}
        for b in daftar)


def narasi(isi: dict) -> list[str]:
    """Paragraphs stating what improved and what fell behind, with the numbers, taken from
    the content only: reporting OPDs, indicators meeting and missing their targets,
    stunting prevalence against the same bulan penimbangan a year before and by kecamatan,
    budget realisation, follow-ups and BPKP recommendations."""
    r, s = isi["ringkasan"], isi["semester"]
    paragraf = []

    teks = _(
        "%(masuk)s dari %(wajib)s OPD wajib lapor (%(persen)s) telah mengajukan laporan "
        "semester %(kode)s; %(verif)s terverifikasi dan %(lambat)s terlambat."
    ) % {"masuk": r["opd_masuk"], "wajib": r["opd_wajib"], "persen": _persen(r["persen_masuk"], 1),
         "kode": s["kode"], "verif": r["opd_terverifikasi"], "lambat": r["opd_terlambat"]}
    belum = r["opd_wajib"] - r["opd_masuk"]
    if belum > 0:
        teks += " " + _("%(n)s OPD belum mengajukan laporan.") % {"n": belum}
    paragraf.append(teks)

    baris = _indikator(isi)
    dinilai = [b for b in baris if b["persen_capaian"] is not None]
    tercapai = sorted((b for b in dinilai if b["tercapai"]),
                      key=lambda b: (-b["persen_capaian"], b["kode"]))
    tertinggal = sorted((b for b in dinilai if not b["tercapai"]),
                        key=lambda b: (b["persen_capaian"], b["kode"]))
    teks = _(
        "Dari %(n)s indikator, %(v)s memiliki angka terverifikasi dan %(d)s dapat dinilai "
        "terhadap target: %(c)s mencapai target dan %(b)s belum mencapai target."
    ) % {"n": r["indikator"], "v": r["indikator_terverifikasi"], "d": len(dinilai),
         "c": len(tercapai), "b": len(tertinggal)}
    if tercapai:
        teks += " " + _("Mencapai target: %(daftar)s.") % {
            "daftar": _sebut(tercapai[:NAMA_DALAM_NARASI])}
    if tertinggal:
        teks += " " + _("Tertinggal dari target: %(daftar)s.") % {
            "daftar": _sebut(tertinggal[:NAMA_DALAM_NARASI])}
    if r["indikator_tertunda"]:
        teks += " " + _("%(n)s angka belum terverifikasi: dihitung, tidak ditampilkan.") % {
            "n": r["indikator_tertunda"]}
    paragraf.append(teks)

    pr = isi["prevalensi"]
    kota = _stunting(pr["kota"])
    if kota and kota["n"]:
        teks = _(
            "Prevalensi stunting %(daerah)s pada bulan penimbangan %(bulan)s sebesar %(persen)s "
            "(IK 95 %% %(bawah)s-%(atas)s; %(n)s balita dihitung)."
        ) % {"daerah": isi["daerah"], "bulan": _tanggal(pr["bulan"], "F Y"),
             "persen": _persen(kota["persen"]), "bawah": desimal(kota["bawah"], 2),
             "atas": desimal(kota["atas"], 2), "n": bulat(kota["n"])}
        if kota.get("selisih") is not None:
            arah = (_("turun") if kota["selisih"] < 0 else _("naik") if kota["selisih"] > 0
                    else _("tetap"))
            teks += " " + _(
                "Dibanding %(bulan)s (%(lalu)s), prevalensi %(arah)s %(selisih)s poin persen."
            ) % {"bulan": _tanggal(pr["bulan_lalu"], "F Y"),
                 "lalu": _persen(kota["setahun_lalu"]), "arah": arah,
                 "selisih": desimal(abs(kota["selisih"]), 2)}
        kecamatan = [(k["nama"], _stunting(k["indeks"])) for k in pr["kecamatan"]]
        kecamatan = [(nama, p) for nama, p in kecamatan if p and p["n"]]
        if len(kecamatan) > 1:
            tinggi = max(kecamatan, key=lambda k: (k[1]["persen"], k[0]))
            rendah = min(kecamatan, key=lambda k: (k[1]["persen"], k[0]))
            teks += " " + _(
                "Tertinggi di Kecamatan %(tinggi)s (%(p_tinggi)s), terendah di Kecamatan "
                "%(rendah)s (%(p_rendah)s)."
            ) % {"tinggi": tinggi[0], "p_tinggi": _persen(tinggi[1]["persen"]),
                 "rendah": rendah[0], "p_rendah": _persen(rendah[1]["persen"])}
        paragraf.append(teks)
    else:
        paragraf.append(_(
            "Belum ada balita yang dihitung pada bulan penimbangan %(bulan)s: prevalensi "
            "stunting tidak dapat dihitung.") % {"bulan": _tanggal(pr["bulan"], "F Y")})

    a = isi["anggaran"]
    if a["jumlah_program"]:
        teks = _(
            "Realisasi anggaran %(n)s program dari laporan OPD yang terverifikasi %(realisasi)s "
            "dari pagu %(pagu)s (%(persen)s)."
        ) % {"n": a["jumlah_program"], "realisasi": _rp(a["realisasi_rp"]),
             "pagu": _rp(a["pagu_rp"]), "persen": _persen(a["persen"], 1)}
        opd = [o for o in a["opd"] if o["persen"] is not None]
        if len(opd) > 1:
            terendah = min(opd, key=lambda o: (o["persen"], o["opd"]))
            teks += " " + _("Realisasi terendah: %(opd)s (%(persen)s).") % {
                "opd": terendah["opd"], "persen": _persen(terendah["persen"], 1)}
        paragraf.append(teks)
    else:
        paragraf.append(_("Belum ada program dari laporan OPD yang terverifikasi."))

    if r["tindak_lanjut"]:
        teks = _(
            "Dari %(n)s tindak lanjut dalam laporan ini, %(selesai)s selesai dan %(terlambat)s "
            "terlambat per %(tanggal)s."
        ) % {"n": r["tindak_lanjut"], "selesai": r["tindak_lanjut_selesai"],
             "terlambat": r["tindak_lanjut_terlambat"],
             "tanggal": _tanggal(isi["tindak_lanjut"]["per_tanggal"])}
    else:
        teks = _("Tidak ada tindak lanjut dalam laporan ini.")
    if isi.get("bpkp"):
        teks += " " + _(
            "Dari %(n)s rekomendasi BPKP tahun %(tahun)s, %(selesai)s selesai ditindaklanjuti."
        ) % {"n": r["rekomendasi_bpkp"], "tahun": isi["bpkp"]["tahun"],
             "selesai": r["rekomendasi_selesai"]}
    paragraf.append(teks)
    return paragraf


# --- Charts -------------------------------------------------------------------------------------


def grafik_predikat(isi: dict) -> Grafik:
    """Indicators per achievement band (predikat), best band first (ordered by the lowest
    % of target among its indicators), each bar in the band's colour."""
    baris = [b for b in _indikator(isi) if b["persen_capaian"] is not None]
    pita = {}
    for b in baris:
        nama = b["predikat"] or _("tanpa predikat")
        p = pita.setdefault(nama, {"jumlah": 0, "terendah": b["persen_capaian"],
                                   "warna": b["warna"]})
        p["jumlah"] += 1
        p["terendah"] = min(p["terendah"], b["persen_capaian"])
    urut = sorted(pita.items(), key=lambda kv: (-kv[1]["terendah"], kv[0]))
    tidak_dinilai = isi["ringkasan"]["indikator"] - len(baris)
    return Grafik(
        judul=_("Grafik 1. Indikator menurut predikat capaian"),
        baris=[Batang(nama, [p["jumlah"]], _("%(n)s indikator") % {"n": p["jumlah"]})
               for nama, p in urut],
        warna_baris=[WARNA.get(p["warna"], WARNA["secondary"]) for _nama, p in urut],
        catatan=_("%(n)s indikator belum dapat dinilai (belum ada angka terverifikasi atau "
                  "target).") % {"n": tidak_dinilai} if tidak_dinilai else "",
    )


def grafik_kecamatan(isi: dict) -> Grafik:
    """Stunting prevalence per kecamatan at the bulan penimbangan, the city's as a line."""
    pr = isi["prevalensi"]
    kota = _stunting(pr["kota"]) or {}
    baris = []
    for kec in pr["kecamatan"]:
        p = _stunting(kec["indeks"]) or {}
        if p.get("n"):
            teks = _("%(persen)s (n = %(n)s)") % {"persen": _persen(p["persen"]),
                                                   "n": bulat(p["n"])}
            baris.append(Batang(kec["nama"], [p["persen"]], teks))
        else:
            baris.append(Batang(kec["nama"], [None], _("belum ada data")))
    return Grafik(
        judul=_("Grafik 2. Prevalensi stunting per kecamatan, %(bulan)s") % {
            "bulan": _tanggal(pr["bulan"], "F Y")},
        baris=baris, seri=[Seri("", WARNA["danger"])],
        acuan=kota.get("persen") if kota.get("n") else None,
        label_acuan=_("%(daerah)s %(persen)s") % {"daerah": isi["daerah"],
                                                  "persen": _persen(kota.get("persen"))},
    )


def grafik_setahun(isi: dict) -> Grafik:
    """The city's prevalence per index now and at the same month a year before."""
    pr = isi["prevalensi"]
    return Grafik(
        judul=_("Grafik 3. Prevalensi %(daerah)s: %(kini)s dibanding %(lalu)s") % {
            "daerah": isi["daerah"], "kini": _tanggal(pr["bulan"], "F Y"),
            "lalu": _tanggal(pr["bulan_lalu"], "F Y")},
        baris=[Batang(k["nama"], [k["persen"], k["setahun_lalu"]],
                      _("%(kini)s / %(lalu)s") % {"kini": _persen(k["persen"]),
                                                  "lalu": _persen(k["setahun_lalu"])})
               for k in pr["kota"]],
        seri=[Seri(_tanggal(pr["bulan"], "F Y"), WARNA_KINI),
              Seri(_tanggal(pr["bulan_lalu"], "F Y"), WARNA_LALU)],
    )


# --- The document -------------------------------------------------------------------------------


def buat_pdf(pengesahan) -> bytes:
    """The signed report of ``pengesahan`` (saved or not yet: its content, fingerprint,
    signer, date and verification code are what is read) as PDF bytes, in the project's
    language whatever the request's."""
    with translation.override(settings.LANGUAGE_CODE):
        return _Laporan(pengesahan).susun()


class _Laporan:
    def __init__(self, pengesahan):
        self.p = pengesahan
        self.isi = pengesahan.isi
        daerah = self.isi["daerah"]
        judul = judul_laporan(self.isi)
        self.pdf = DokumenA4(
            kop=[(_("PEMERINTAH %(daerah)s") % {"daerah": daerah.upper()}, 13),
                 (_("TIM PERCEPATAN PENURUNAN STUNTING"), 15),
                 (_("Provinsi %(provinsi)s") % {"provinsi": settings.NAMA_PROVINSI}, 9)],
            judul_berjalan=_("%(judul)s - TPPS %(daerah)s - disahkan %(tanggal)s") % {
                "judul": judul, "daerah": daerah, "tanggal": _tanggal(pengesahan.disahkan_pada)},
            catatan_kaki=_("Kode verifikasi: %(kode)s") % {"kode": pengesahan.kode_verifikasi},
            dibuat_pada=pengesahan.disahkan_pada,
            judul=_("%(judul)s TPPS %(daerah)s") % {"judul": judul, "daerah": daerah},
            penulis=pengesahan.nama_pengesah,
        )

    def susun(self) -> bytes:
        pdf = self.pdf
        pdf.add_page()
        self._judul()
        self._ringkasan()
        self._capaian()
        self._anggaran()
        self._prevalensi()
        self._tindak_lanjut()
        self._bpkp()
        self._pengesahan()
        return pdf.hasil()

    def _judul(self):
        pdf, isi, p = self.pdf, self.isi, self.p
        pdf.ln(2)
        pdf.judul_tengah(judul_laporan(isi).upper(), 13)
        pdf.judul_tengah(_("Pelaksanaan Percepatan Penurunan Stunting %(daerah)s") % {
            "daerah": isi["daerah"]}, 10.5, "")
        pdf.judul_tengah(_("Periode %(periode)s (semester %(kode)s) - disusun per %(disusun)s") % {
            "periode": periode_laporan(isi), "kode": isi["semester"]["kode"],
            "disusun": _tanggal(isi["disusun_pada"])}, 9, "")
        pdf.judul_tengah(_("Disahkan oleh %(nama)s pada %(tanggal)s") % {
            "nama": p.nama_pengesah, "tanggal": _tanggal(p.disahkan_pada)}, 9, "B")
        pdf.ln(3)

    def _ringkasan(self):
        pdf, isi, r = self.pdf, self.isi, self.isi["ringkasan"]
        pdf.judul_bagian(_("I. Ringkasan"))
        for teks in narasi(isi):
            pdf.paragraf(teks)
        stunting = (_("%(persen)s (IK 95 %% %(bawah)s-%(atas)s)") % {
            "persen": _persen(r["stunting_persen"]), "bawah": desimal(r["stunting_bawah"], 2),
            "atas": desimal(r["stunting_atas"], 2)} if r["stunting_n"] else "-")
        pdf.tabel([Kolom(_("Uraian"), 95), Kolom(_("Nilai"), 80, "RIGHT")], [
            [_("OPD wajib lapor / sudah mengajukan / terverifikasi / terlambat"),
             f"{r['opd_wajib']} / {r['opd_masuk']} / {r['opd_terverifikasi']} / "
             f"{r['opd_terlambat']}"],
            [_("Indikator / dengan angka terverifikasi / dinilai / mencapai target"),
             f"{r['indikator']} / {r['indikator_terverifikasi']} / {r['indikator_dinilai']} / "
             f"{r['indikator_tercapai']}"],
            [_("Angka belum terverifikasi (dihitung, tidak ditampilkan)"),
             r["indikator_tertunda"]],
            [_("Realisasi / pagu anggaran program (laporan terverifikasi)"),
             f"{_rp(r['realisasi_rp'])} / {_rp(r['pagu_rp'])} ({_persen(r['persen_realisasi'], 1)})"],
            [_("Prevalensi stunting, bulan penimbangan %(bulan)s") % {
                "bulan": _tanggal(isi["prevalensi"]["bulan"], "F Y")}, stunting],
            [_("Balita dihitung (stunting)"), bulat(r["stunting_n"])],
            [_("Tindak lanjut / selesai / terlambat"),
             f"{r['tindak_lanjut']} / {r['tindak_lanjut_selesai']} / "
             f"{r['tindak_lanjut_terlambat']}"],
            [_("Rekomendasi BPKP / selesai ditindaklanjuti"),
             f"{r['rekomendasi_bpkp']} / {r['rekomendasi_selesai']}"],
        ], ukuran=8.5)
        pdf.grafik(grafik_predikat(isi))
        if isi["prevalensi"]["kecamatan"]:
            pdf.grafik(grafik_kecamatan(isi))
        if any(k["n"] or k["setahun_lalu"] is not None for k in isi["prevalensi"]["kota"]):
            pdf.grafik(grafik_setahun(isi))

    def _capaian(self):
        pdf = self.pdf
        pdf.judul_bagian(_("II. Capaian indikator"))
        pdf.catatan(_(
            "Hanya angka terverifikasi. Persentase capaian = realisasi : target (indikator "
            "bertanda * makin rendah makin baik: target : realisasi). Target: target daerah, "
            "bila tidak ada target nasional (N)."))
        for kel in self.isi["capaian"]:
            pdf.subjudul(f"{kel['kode']}. {kel['judul']}")
            if kel["tertunda"]:
                pdf.catatan(_("%(n)s angka belum terverifikasi dan tidak ditampilkan.") % {
                    "n": kel["tertunda"]})
            baris = []
            for b in kel["baris"]:
                if b["menunggu_verifikasi"]:
                    realisasi = _("belum diverifikasi")
                elif not b["terverifikasi"]:
                    realisasi = _("belum ada")
                else:
                    realisasi = _nilai_indikator(b["nilai"], b["satuan"])
                target = _nilai_indikator(b["target"], b["satuan"])
                if b["jenis_target"] == "nasional":
                    target += " (N)"
                predikat = b["predikat"] or (
                    _("tanpa target") if b["terverifikasi"] and b["target"] is None else "-")
                nama = f"{b['nama']} ({b['opd']})" + (" *" if b["arah"] == "turun" else "")
                baris.append([b["kode"], nama, target, realisasi,
                              _persen(b["persen_capaian"], 1), predikat])
            if not baris:
                baris = [[_("Tidak ada indikator dalam kelompok ini.")]]
            pdf.tabel([Kolom(_("Kode"), 11), Kolom(_("Indikator (OPD)"), 64),
                       Kolom(_("Target"), 22, "RIGHT"), Kolom(_("Realisasi"), 24, "RIGHT"),
                       Kolom(_("% capaian"), 18, "RIGHT"), Kolom(_("Predikat"), 20)], baris)
            catatan = [[b["kode"], b["kendala"] or "-", b["rencana_tindak_lanjut"] or "-"]
                       for b in kel["baris"] if b["kendala"] or b["rencana_tindak_lanjut"]]
            if catatan:
                pdf.tabel([Kolom(_("Kode"), 11), Kolom(_("Kendala"), 82),
                           Kolom(_("Rencana tindak lanjut"), 82)], catatan, ukuran=7.5)

    def _anggaran(self):
        pdf, a = self.pdf, self.isi["anggaran"]
        pdf.judul_bagian(_("III. Program dan anggaran per OPD"))
        pdf.catatan(_("Program/kegiatan dari laporan OPD yang terverifikasi; realisasi : pagu."))
        baris = []
        for o in a["opd"]:
            baris.append(BarisTebal([f"{o['opd']} - {o['nama_opd']}", "", "",
                                     bulat(o["pagu_rp"]), bulat(o["realisasi_rp"]),
                                     desimal(o["persen"])]))
            for p in o["program"]:
                nama = " / ".join(x for x in (p["program"], p["kegiatan"], p["sub_kegiatan"]) if x)
                if p["keluaran"]:
                    nama += "\n" + _("Keluaran: %(keluaran)s") % {"keluaran": p["keluaran"]}
                    if p["realisasi_keluaran"] is not None:
                        nama += f" - {desimal(p['realisasi_keluaran'], 2)}"
                        if p["target_keluaran"] is not None:
                            nama += f" / {desimal(p['target_keluaran'], 2)}"
                        nama += f" {p['satuan_keluaran']}"
                baris.append([nama, p["indikator"] or "-", p["sumber_dana"],
                              bulat(p["pagu_rp"]), bulat(p["realisasi_rp"]),
                              desimal(p["persen"])])
        if not baris:
            baris.append([_("Belum ada program dari laporan terverifikasi.")])
        baris.append(BarisTebal([_("Jumlah semua OPD"), "", "", bulat(a["pagu_rp"]),
                                 bulat(a["realisasi_rp"]), desimal(a["persen"])]))
        pdf.tabel([Kolom(_("OPD / program, kegiatan"), 72), Kolom(_("Indikator"), 17),
                   Kolom(_("Sumber dana"), 20), Kolom(_("Pagu (Rp)"), 25, "RIGHT"),
                   Kolom(_("Realisasi (Rp)"), 25, "RIGHT"), Kolom("%", 12, "RIGHT")], baris)

    def _prevalensi(self):
        pdf, isi = self.pdf, self.isi
        pr = isi["prevalensi"]
        pdf.judul_bagian(_("IV. Prevalensi menurut wilayah"))
        pdf.catatan(_(
            "Diambil pada bulan penimbangan semester %(nomor)s: %(bulan)s. Persen dengan "
            "interval kepercayaan 95 %% (Wilson); n = balita yang dihitung untuk indeks itu. "
            "Sumber: %(sumber)s") % {"nomor": romawi(isi["semester"]["nomor"]),
                                     "bulan": _tanggal(pr["bulan"], "F Y"),
                                     "sumber": pr["sumber"]})
        pdf.subjudul(isi["daerah"])
        pdf.tabel([Kolom(_("Indeks"), 50), Kolom("%", 16, "RIGHT"),
                   Kolom(_("IK 95 %"), 24, "RIGHT"), Kolom("n", 14, "RIGHT"),
                   Kolom(_("Pita kesehatan masyarakat"), 29),
                   Kolom(_tanggal(pr["bulan_lalu"], "M Y"), 20, "RIGHT"),
                   Kolom(_("Perubahan (poin %)"), 22, "RIGHT")],
                  [[k["nama"], desimal(k["persen"], 2),
                    f"{desimal(k['bawah'], 2)}-{desimal(k['atas'], 2)}" if k["n"] else "-",
                    bulat(k["n"]), k["pita"] or "-", desimal(k["setahun_lalu"], 2),
                    desimal(k["selisih"], 2)] for k in pr["kota"]])
        pdf.subjudul(_("Kecamatan dan desa/kelurahan"))
        indeks = pr["indeks"]
        lebar = 125 / max(len(indeks), 1)

        def sel(p):
            if not p["n"]:
                return "-"
            return (f"{desimal(p['persen'], 2)} (n={bulat(p['n'])})\n"
                    f"{desimal(p['bawah'], 2)}-{desimal(p['atas'], 2)}")

        baris = []
        for kec in pr["kecamatan"]:
            baris.append(BarisTebal([kec["nama"], *(sel(p) for p in kec["indeks"])]))
            for desa in kec["desa"]:
                baris.append(["   " + desa["nama"], *(sel(p) for p in desa["indeks"])])
        if not baris:
            baris = [[_("Belum ada wilayah.")]]
        pdf.tabel([Kolom(_("Wilayah"), 50),
                   *(Kolom(_("%(nama)s: %% (n), IK 95 %%") % {"nama": i["nama"]}, lebar, "RIGHT")
                     for i in indeks)], baris, ukuran=7)

    def _tindak_lanjut(self):
        pdf, tl = self.pdf, self.isi["tindak_lanjut"]
        pdf.judul_bagian(_("V. Tindak lanjut dan keadaannya"))
        pdf.catatan(_("Keadaan pada %(tanggal)s (akhir semester; hari penyusunan bila semester "
                      "masih berjalan); terlambat = masih terbuka dan tenggatnya sudah lewat.")
                    % {"tanggal": _tanggal(tl["per_tanggal"])})
        pdf.tabel([Kolom(_("OPD"), 45), Kolom(_("Jumlah"), 20, "RIGHT"),
                   Kolom(_("Belum mulai"), 22, "RIGHT"), Kolom(_("Berjalan"), 22, "RIGHT"),
                   Kolom(_("Selesai"), 22, "RIGHT"), Kolom(_("Batal"), 22, "RIGHT"),
                   Kolom(_("Terlambat"), 22, "RIGHT")],
                  [[o["opd"], o["jumlah"], o["belum_mulai"], o["berjalan"], o["selesai"],
                    o["batal"], o["terlambat"]] for o in tl["rekap"]]
                  or [[_("Tidak ada tindak lanjut.")]])
        baris = []
        for t in tl["daftar"]:
            keadaan = t["status_label"]
            if t["terlambat"]:
                keadaan += " - " + _("terlambat %(n)s hari") % {"n": t["hari_terlambat"]}
            progres = (f"{_tanggal(t['progres_tanggal'], 'j M Y')}: {t['progres_terakhir']}"
                       if t["progres_terakhir"] else "-")
            baris.append([t["uraian"], f"{t['asal']}: {_potong(t['asal_uraian'], 80)}", t["opd"],
                          _tanggal(t["tenggat"], "j M Y"), keadaan, _potong(progres, 160)])
        pdf.tabel([Kolom(_("Uraian"), 42), Kolom(_("Asal"), 34), Kolom(_("OPD"), 16),
                   Kolom(_("Tenggat"), 18), Kolom(_("Keadaan"), 27),
                   Kolom(_("Progres terakhir"), 38)],
                  baris or [[_("Tidak ada tindak lanjut.")]], ukuran=7.5)

    def _bpkp(self):
        pdf, b = self.pdf, self.isi.get("bpkp")
        pdf.judul_bagian(_("VI. Temuan BPKP dan tindak lanjutnya"))
        if not b:
            pdf.paragraf(_("Belum ada evaluasi BPKP sampai tahun semester ini."))
            return
        teks = _("Evaluasi BPKP atas pelaksanaan percepatan penurunan stunting tahun %(tahun)s "
                 "(evaluasi terakhir sampai tahun semester ini).") % {"tahun": b["tahun"]}
        if b["nomor_laporan"]:
            teks += " " + _("Laporan nomor %(nomor)s") % {"nomor": b["nomor_laporan"]}
            if b["tanggal_laporan"]:
                teks += ", " + _tanggal(b["tanggal_laporan"])
            teks += "."
        pdf.catatan(teks)
        pdf.tabel([Kolom(_("Aspek"), 120), Kolom(_("Predikat"), 55)],
                  [[a["aspek"], a["predikat"] or "-"] for a in b["aspek"]])
        baris = []
        for t in b["temuan"]:
            baris.append(BarisTebal([str(t["nomor"]), f"{t['aspek']}: {t['uraian']}"]))
            for rk in t["rekomendasi"]:
                tl = "\n".join(
                    f"{x['opd']}: {x['uraian']} ({x['status_label']}"
                    + (", " + _("terlambat") if x["terlambat"] else "")
                    + f", {_tanggal(x['tenggat'], 'j M Y')})" for x in rk["tindak_lanjut"])
                baris.append([rk["nomor"], rk["uraian"], rk["opd"] or "-",
                              _tanggal(rk["batas_waktu"], "j M Y"),
                              rk["status_label"] + ("\n" + tl if tl else "")])
        pdf.tabel([Kolom(pgettext("kolom nomor urut", "No"), 12), Kolom(_("Temuan / rekomendasi"), 68), Kolom(_("OPD"), 20),
                   Kolom(_("Batas waktu"), 20), Kolom(_("Tindak lanjut"), 55)],
                  baris or [[_("Tidak ada temuan.")]], ukuran=7.5)

    def _pengesahan(self):
        pdf, p, isi = self.pdf, self.p, self.isi
        pdf.pastikan_ruang(92)
        pdf.judul_bagian(_("Pengesahan"))
        pdf.set_font("Helvetica", size=9)
        pdf.multi_cell(0, 4.5, _(
            "Laporan ini disahkan secara elektronik melalui Sistem Informasi TPPS. Isinya "
            "dibekukan saat disahkan; koreksi sesudahnya tampil sebagai perbedaan dan tidak "
            "mengubah laporan ini."), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        atas = pdf.get_y()

        # Right: place and date, position, space for the wet signature, name, NIP.
        x_ttd, lebar_ttd = pdf.l_margin + 100, pdf.lebar_teks - 100
        pdf.set_xy(x_ttd, atas)
        pdf.set_font("Helvetica", size=10)
        pdf.cell(lebar_ttd, 5, _("%(tempat)s, %(tanggal)s") % {
            "tempat": tempat_pengesahan(isi["daerah"]), "tanggal": _tanggal(p.disahkan_pada)},
            align="C", new_x="LEFT", new_y="NEXT")
        pdf.multi_cell(lebar_ttd, 5, (p.jabatan_pengesah or _("Pimpinan")) + ",", align="C",
                       new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", "I", 7)
        pdf.set_text_color(110, 110, 110)
        pdf.cell(lebar_ttd, 4, _("disahkan secara elektronik pukul %(jam)s") % {
            "jam": _tanggal(p.disahkan_pada, "H.i")}, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_y(pdf.get_y() + 22)  # room for the wet signature
        pdf.set_x(x_ttd)
        pdf.set_font("Helvetica", "BU", 10)
        pdf.multi_cell(lebar_ttd, 5, p.nama_pengesah, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.cell(lebar_ttd, 5, _("NIP. %(nip)s") % {"nip": p.nip_pengesah or "-"}, align="C",
                 new_x="LMARGIN", new_y="NEXT")
        bawah_ttd = pdf.get_y()

        # Left: the QR code and the short link of the verification page.
        alamat = p.alamat_verifikasi()
        ukuran_qr = 30
        pdf.kode_qr(alamat, x=pdf.l_margin, y=atas, ukuran_mm=ukuran_qr)
        pdf.set_xy(pdf.l_margin, atas + ukuran_qr + 2)
        pdf.set_font("Helvetica", size=7.5)
        pdf.multi_cell(92, 3.6, _("Periksa keaslian laporan ini: pindai kode QR atau buka"),
                       new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 7.5)
        pdf.set_text_color(13, 110, 253)
        pdf.cell(92, 4, alamat, link=alamat, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", size=7.5)
        pdf.cell(92, 4, _("Kode verifikasi: %(kode)s") % {"kode": p.kode_verifikasi},
                 new_x="LMARGIN", new_y="NEXT")

        pdf.set_y(max(bawah_ttd, pdf.get_y()) + 5)
        pdf.set_font("Helvetica", size=6.5)
        pdf.set_text_color(110, 110, 110)
        pdf.multi_cell(0, 3.2, _("Sidik SHA-256 isi yang disahkan: %(sidik)s") % {
            "sidik": p.sidik}, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def _potong(teks: str, panjang: int) -> str:
    return teks if len(teks) <= panjang else teks[: panjang - 1].rstrip() + "..."


__all__ = ["buat_pdf", "grafik_kecamatan", "grafik_predikat", "narasi", "tempat_pengesahan"]
