"""The semester report as an Excel workbook, from the same plain data as the page.

One sheet per section (Ringkasan, Capaian 1A, Capaian 1B, Anggaran, Prevalensi,
Tindak lanjut, BPKP). Figures are numbers (so staff can sum them), formatted the way
Indonesian Excel shows them; every text cell goes through
``tpps.lib.spreadsheet.aman_untuk_sel``, so text typed like a formula (``=HYPERLINK(...)``,
``@SUM(...)``, ``+…``, ``-…``) gets a quote in front and never runs.
"""

from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _

from tpps.lib.spreadsheet import aman_untuk_sel

FORMAT_RP = "#,##0"
FORMAT_DESIMAL = "0.00"
FORMAT_PERSEN1 = "0.0"


def nama_berkas(data: dict, *, disahkan: bool = False) -> str:
    akhiran = "-disahkan" if disahkan else ""
    return f"laporan-semester-{data['semester']['kode']}{akhiran}.xlsx"


class _Lembar:
    def __init__(self, wb, judul: str, lebar: list[int]):
        from openpyxl.utils import get_column_letter

        self.ws = wb.create_sheet(judul)
        for i, w in enumerate(lebar, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    def baris(self, nilai: list, *, format_: dict | None = None, tebal: bool = False):
        from openpyxl.styles import Font, PatternFill

        self.ws.append([_sel(v) for v in nilai])
        r = self.ws.max_row
        for i in range(1, len(nilai) + 1):
            sel = self.ws.cell(row=r, column=i)
            if format_ and i in format_:
                sel.number_format = format_[i]
            if tebal:
                sel.font = Font(bold=True)
                sel.fill = PatternFill("solid", fgColor="DDEBD9")

    def judul(self, teks: str):
        from openpyxl.styles import Font

        self.ws.append([aman_untuk_sel(teks)])
        self.ws.cell(row=self.ws.max_row, column=1).font = Font(bold=True, size=12)

    def kosong(self):
        self.ws.append([])


def _sel(v):
    if isinstance(v, str) and len(v) == 10 and v[4:5] == "-" and v[7:8] == "-":
        try:
            return date.fromisoformat(v)
        except ValueError:
            return v
    return aman_untuk_sel(v)


def buat_workbook(data: dict, pengesahan=None) -> bytes:
    """The workbook of ``data``; with ``pengesahan`` (the signed copy, stamped with who
    signed it and its fingerprint) only while its stored content matches the fingerprint
    (``PengesahanLaporan.pastikan_utuh``: ValidationError otherwise)."""
    from openpyxl import Workbook

    if pengesahan is not None:
        pengesahan.pastikan_utuh()

    wb = Workbook()
    wb.remove(wb.active)
    _ringkasan(wb, data, pengesahan)
    for kel in data["capaian"]:
        _capaian(wb, kel)
    _anggaran(wb, data["anggaran"])
    _prevalensi(wb, data)
    _tindak_lanjut(wb, data["tindak_lanjut"])
    _bpkp(wb, data.get("bpkp"))
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _ringkasan(wb, data, pengesahan):
    s, r = data["semester"], data["ringkasan"]
    ws = _Lembar(wb, _("Ringkasan"), [46, 22, 18])
    ws.judul(_("Laporan Semester %(kode)s TPPS %(daerah)s") % {"kode": s["kode"],
                                                              "daerah": data["daerah"]})
    ws.baris([_("Periode"), s["mulai"], s["selesai"]])
    ws.baris([_("Status semester"), s["status_label"]])
    ws.baris([_("Disusun per tanggal"), data["disusun_pada"]])
    if pengesahan is not None:
        ws.baris([_("Disahkan oleh"), pengesahan.nama_pengesah, pengesahan.jabatan_pengesah])
        ws.baris([_("Disahkan pada"), pengesahan.disahkan_pada.replace(tzinfo=None)])
        ws.baris([_("Sidik SHA-256"), pengesahan.sidik])
    ws.kosong()
    ws.baris([_("Uraian"), _("Nilai")], tebal=True)
    for label, nilai, fmt in (
        (_("OPD wajib lapor"), r["opd_wajib"], None),
        (_("OPD sudah mengajukan"), r["opd_masuk"], None),
        (_("OPD terverifikasi"), r["opd_terverifikasi"], None),
        (_("OPD terlambat"), r["opd_terlambat"], None),
        (_("Indikator"), r["indikator"], None),
        (_("Indikator dengan angka terverifikasi"), r["indikator_terverifikasi"], None),
        (_("Angka belum terverifikasi (tidak ditampilkan)"), r["indikator_tertunda"], None),
        (_("Indikator mencapai target"), r["indikator_tercapai"], None),
        (_("Pagu (Rp)"), r["pagu_rp"], FORMAT_RP),
        (_("Realisasi (Rp)"), r["realisasi_rp"], FORMAT_RP),
        (_("Realisasi anggaran (%)"), r["persen_realisasi"], FORMAT_PERSEN1),
        (_("Prevalensi stunting (%)"), r["stunting_persen"], FORMAT_DESIMAL),
        (_("IK 95 % bawah"), r["stunting_bawah"], FORMAT_DESIMAL),
        (_("IK 95 % atas"), r["stunting_atas"], FORMAT_DESIMAL),
        (_("Balita dihitung"), r["stunting_n"], None),
        (_("Tindak lanjut"), r["tindak_lanjut"], None),
        (_("Tindak lanjut selesai"), r["tindak_lanjut_selesai"], None),
        (_("Tindak lanjut terlambat"), r["tindak_lanjut_terlambat"], None),
        (_("Rekomendasi BPKP"), r["rekomendasi_bpkp"], None),
        (_("Rekomendasi BPKP selesai"), r["rekomendasi_selesai"], None),
    ):
        ws.baris([label, nilai], format_={2: fmt} if fmt else None)
    for p in r["per_predikat"]:
        ws.baris([_("Predikat: %(nama)s") % {"nama": p["predikat"]}, p["jumlah"]])


def _capaian(wb, kel):
    ws = _Lembar(wb, _("Capaian %(kode)s") % {"kode": kel["kode"]},
                 [8, 48, 12, 10, 12, 12, 12, 12, 12, 16, 40, 40])
    ws.judul(f"{kel['kode']} {kel['judul']}")
    if kel["tertunda"]:
        ws.baris([_("%(n)s angka belum terverifikasi dan tidak ditampilkan.") % {
            "n": kel["tertunda"]}])
    ws.baris([_("Kode"), _("Indikator"), _("OPD"), _("Satuan"), _("Target"), _("Pembilang"),
              _("Penyebut"), _("Realisasi"), _("% capaian"), _("Predikat"), _("Kendala"),
              _("Tindak lanjut")], tebal=True)
    for b in kel["baris"]:
        ws.baris([b["kode"], b["nama"], b["opd"], b["satuan"], b["target"], b["pembilang"],
                  b["penyebut"], b["nilai"], b["persen_capaian"], b["predikat"] or "",
                  b["kendala"], b["rencana_tindak_lanjut"]],
                 format_={5: FORMAT_DESIMAL, 6: FORMAT_RP, 7: FORMAT_RP, 8: FORMAT_DESIMAL,
                          9: FORMAT_PERSEN1})


def _anggaran(wb, a):
    ws = _Lembar(wb, _("Anggaran"), [12, 36, 30, 30, 12, 12, 16, 16, 10, 30])
    ws.judul(_("Program dan anggaran per OPD (laporan terverifikasi)"))
    ws.baris([_("OPD"), _("Program"), _("Kegiatan"), _("Sub kegiatan"), _("Indikator"),
              _("Sumber dana"), _("Pagu (Rp)"), _("Realisasi (Rp)"), _("% realisasi"),
              _("Keluaran")], tebal=True)
    uang = {7: FORMAT_RP, 8: FORMAT_RP, 9: FORMAT_PERSEN1}
    for o in a["opd"]:
        for p in o["program"]:
            ws.baris([o["opd"], p["program"], p["kegiatan"], p["sub_kegiatan"], p["indikator"],
                      p["sumber_dana"], p["pagu_rp"], p["realisasi_rp"], p["persen"],
                      p["keluaran"]], format_=uang)
        ws.baris([o["opd"], _("Jumlah %(opd)s") % {"opd": o["opd"]}, "", "", "", "",
                  o["pagu_rp"], o["realisasi_rp"], o["persen"], ""], format_=uang, tebal=True)
    ws.baris([_("Semua OPD"), _("Jumlah"), "", "", "", "", a["pagu_rp"], a["realisasi_rp"],
              a["persen"], ""], format_=uang, tebal=True)


def _prevalensi(wb, data):
    pr = data["prevalensi"]
    indeks = pr["indeks"]
    ws = _Lembar(wb, _("Prevalensi"), [14, 22] + [10, 10, 10, 10, 16] * len(indeks))
    ws.judul(_("Prevalensi menurut wilayah, bulan penimbangan %(bulan)s") % {
        "bulan": pr["bulan"][:7]})
    ws.baris([_("Sumber: %(sumber)s") % {"sumber": pr["sumber"]}])
    kepala = [_("Tingkat"), _("Wilayah")]
    for i in indeks:
        kepala += [f"{i['nama']} %", _("IK 95 % bawah"), _("IK 95 % atas"), "n", _("Pita")]
    ws.baris(kepala, tebal=True)
    fmt = {}
    for j in range(len(indeks)):
        fmt.update({3 + 5 * j: FORMAT_DESIMAL, 4 + 5 * j: FORMAT_DESIMAL,
                    5 + 5 * j: FORMAT_DESIMAL})

    def sel(prev):
        return [prev.get("persen"), prev.get("bawah"), prev.get("atas"), prev.get("n", 0),
                prev.get("pita") or ""]

    def baris(tingkat, nama, daftar, **kwargs):
        isi = [tingkat, nama]
        for prev in daftar:
            isi += sel(prev)
        ws.baris(isi, format_=fmt, **kwargs)

    baris(_("Kota"), data["daerah"], pr["kota"], tebal=True)
    for kec in pr["kecamatan"]:
        baris(_("Kecamatan"), kec["nama"], kec["indeks"])
        for desa in kec["desa"]:
            baris(_("Desa/kelurahan"), f"{kec['nama']} / {desa['nama']}", desa["indeks"])


def _tindak_lanjut(wb, tl):
    ws = _Lembar(wb, _("Tindak lanjut"), [8, 48, 26, 12, 12, 14, 10, 40])
    ws.judul(_("Tindak lanjut per %(tanggal)s") % {"tanggal": tl["per_tanggal"]})
    ws.baris([_("No"), _("Uraian"), _("Asal"), _("OPD"), _("Tenggat"), _("Status"),
              _("Terlambat"), _("Progres terakhir")], tebal=True)
    for t in tl["daftar"]:
        ws.baris([t["id"], t["uraian"], f"{t['asal']}: {t['asal_uraian']}", t["opd"],
                  t["tenggat"], t["status_label"],
                  _("ya, %(n)s hari") % {"n": t["hari_terlambat"]} if t["terlambat"] else "",
                  t["progres_terakhir"]], format_={5: "DD-MM-YYYY"})
    ws.kosong()
    ws.baris([_("OPD"), _("Jumlah"), _("Belum mulai"), _("Berjalan"), _("Selesai"), _("Batal"),
              _("Terlambat")], tebal=True)
    for r in tl["rekap"]:
        ws.baris([r["opd"], r["jumlah"], r["belum_mulai"], r["berjalan"], r["selesai"],
                  r["batal"], r["terlambat"]])


def _bpkp(wb, b):
    ws = _Lembar(wb, _("BPKP"), [10, 22, 48, 48, 16, 14, 18])
    if not b:
        ws.judul(_("Belum ada evaluasi BPKP."))
        return
    ws.judul(_("Evaluasi BPKP tahun %(tahun)s") % {"tahun": b["tahun"]})
    for a in b["aspek"]:
        ws.baris([a["aspek"], a["predikat"] or "–"])
    ws.kosong()
    ws.baris([_("No"), _("Aspek"), _("Temuan"), _("Rekomendasi"), _("OPD"), _("Batas waktu"),
              _("Status tindak lanjut")], tebal=True)
    for t in b["temuan"]:
        for r in t["rekomendasi"] or [None]:
            if r is None:
                ws.baris([str(t["nomor"]), t["aspek"], t["uraian"], "", "", "", ""])
                continue
            ws.baris([r["nomor"], t["aspek"], t["uraian"], r["uraian"], r["opd"],
                      r["batas_waktu"] or "", r["status_label"]], format_={6: "DD-MM-YYYY"})
