"""The Excel round trip of one OPD's semester report.

``buat_workbook`` writes the report pre-filled (sheets Petunjuk, Capaian, Program);
``baca_workbook`` reads a filled copy back into the same rows the entry page produces, or
raises ``KesalahanBerkas`` with every problem found, each naming its sheet, row and column.
Nothing is saved here: the caller hands the rows to ``alur.simpan_laporan`` (all or
nothing, with the same lost-update guard as the page).

Cells are taken as values people typed: a formula is refused, naming its cell (Excel keeps
only a formula's last result, which may be empty or stale: it would silently replace what is
stored), and so is a text longer than its field holds (the model's max_length, or
``PANJANG_TEKS_MAKS`` for narratives), never cut. Text cells are written through
``tpps.lib.spreadsheet.aman_untuk_sel`` (a quote in front of text that starts like a
formula) and read back through ``asli_dari_sel``, so an untouched workbook changes nothing.
"""

import tempfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tpps.lib.numbers import is_blank, parse_decimal, parse_integer
from tpps.lib.spreadsheet import (
    SpreadsheetError,
    aman_untuk_sel,
    asli_dari_sel,
    open_table,
    periksa_xlsx,
)

from .alur import IsianCapaian, IsianProgram
from .forms import PANJANG_TEKS_MAKS, CapaianForm
from .models import Capaian, Indikator, LaporanSemester, ProgramKegiatan, TargetIndikator

LEMBAR_INFO, LEMBAR_CAPAIAN, LEMBAR_PROGRAM = "Petunjuk", "Capaian", "Program"

KOLOM_CAPAIAN = [
    ("kode", "Kode"), ("nama", "Indikator"), ("satuan", "Satuan"), ("arah", "Arah"),
    ("target", "Target"), ("pembilang", "Pembilang"), ("penyebut", "Penyebut"),
    ("nilai", "Nilai (dihitung)"), ("sumber_data", "Sumber data"), ("kendala", "Kendala"),
    ("rencana_tindak_lanjut", "Rencana tindak lanjut"),
    ("penjelasan_perubahan", "Penjelasan perubahan"), ("tautan_bukti", "Tautan bukti"),
    ("versi", "Versi"),
]
KOLOM_PROGRAM = [
    ("id", "ID"), ("versi", "Versi"), ("program", "Program"), ("kegiatan", "Kegiatan"),
    ("sub_kegiatan", "Sub kegiatan"), ("indikator", "Kode indikator"),
    ("sumber_dana", "Sumber dana"), ("pagu_rp", "Pagu (Rp)"), ("realisasi_rp", "Realisasi (Rp)"),
    ("keluaran", "Keluaran"), ("satuan_keluaran", "Satuan keluaran"),
    ("target_keluaran", "Target keluaran"), ("realisasi_keluaran", "Realisasi keluaran"),
    ("hapus", "Hapus"),
]
TEKS_CAPAIAN = ("sumber_data", "kendala", "rencana_tindak_lanjut", "penjelasan_perubahan",
                "tautan_bukti")
TEKS_PROGRAM = ("program", "kegiatan", "sub_kegiatan", "keluaran", "satuan_keluaran")
#: The columns read back from each sheet; the others (the indicator's name, unit, target,
#: the computed value) are for reading only and ignored, formulas included.
DIBACA_CAPAIAN = frozenset({"kode", "pembilang", "penyebut", "versi", *TEKS_CAPAIAN})
DIBACA_PROGRAM = frozenset(k for k, _label in KOLOM_PROGRAM)
BARIS_KOSONG_PROGRAM = 20


class KesalahanBerkas(Exception):
    def __init__(self, pesan: list[str]):
        super().__init__("; ".join(pesan))
        self.pesan = pesan


def nama_berkas(laporan: LaporanSemester) -> str:
    opd = laporan.opd.singkatan.replace(" ", "_").replace(".", "")
    return f"capaian-{laporan.semester.kode}-{opd}.xlsx"


# --- Writing -------------------------------------------------------------------------


def _tambah(ws, nilai) -> None:
    """One row, every text cell safe to open (``aman_untuk_sel``): openpyxl would store a
    text starting with "=" as a formula."""
    ws.append([aman_untuk_sel(v) for v in nilai])


def _lembar(wb, judul, kolom, lebar):
    from openpyxl.styles import Font, PatternFill

    ws = wb.create_sheet(judul)
    ws.append([label for _kunci, label in kolom])
    for sel in ws[1]:
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="DDEBD9")
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "A2"
    return ws


def buat_workbook(laporan: LaporanSemester) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    semester, opd = laporan.semester, laporan.opd
    wb = Workbook()
    info = wb.active
    info.title = LEMBAR_INFO
    info.append(["Kunci", "Isi"])
    _tambah(info, ["Semester", semester.kode])
    _tambah(info, ["OPD", opd.singkatan])
    for teks in [
        _("Isi lembar Capaian (satu baris per indikator) dan Program (satu baris per "
          "program/kegiatan), lalu unggah kembali di halaman laporan."),
        _("Jangan ubah kolom Kode, ID dan Versi: Versi mencegah perubahan orang lain tertimpa."),
        _("Pembilang, penyebut, pagu dan realisasi: bilangan bulat; titik sebagai pemisah "
          "ribuan boleh (1.250.000). Target dan realisasi keluaran: koma atau titik desimal."),
        _("Nilai dihitung oleh sistem (pembilang ÷ penyebut × 100); isian di kolom itu "
          "diabaikan."),
        _("Kendala dan rencana tindak lanjut wajib bila di bawah target."),
        _("Untuk menghapus program, tulis 'ya' di kolom Hapus. Sumber dana: APBD, DAK, "
          "Dana Desa, CSR atau Lainnya."),
    ]:
        info.append([_("Petunjuk"), teks])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 110

    ws = _lembar(wb, LEMBAR_CAPAIAN, KOLOM_CAPAIAN,
                 [7, 60, 9, 10, 9, 12, 12, 12, 20, 40, 40, 40, 30, 7])
    indikator = list(Indikator.objects.milik(opd))
    capaian = {c.indikator_id: c for c in laporan.capaian.all()} if laporan.pk else {}
    target = {
        t.indikator_id: t.target_acuan
        for t in TargetIndikator.objects.filter(tahun=semester.tahun, indikator__in=indikator)
    }
    for ind in indikator:
        c = capaian.get(ind.pk)
        _tambah(ws, [
            ind.kode, ind.nama, ind.get_satuan_display(), ind.get_arah_display(),
            target.get(ind.pk), c.pembilang if c else None,
            (c.penyebut if c else None) if ind.is_persen else _("(tidak dipakai)"),
            c.nilai if c else None,
            *[getattr(c, f) if c else "" for f in TEKS_CAPAIAN],
            c.versi if c else 0,
        ])

    wp = _lembar(wb, LEMBAR_PROGRAM, KOLOM_PROGRAM,
                 [7, 7, 35, 35, 35, 16, 12, 16, 16, 30, 14, 12, 12, 8])
    program = list(laporan.program.prefetch_related("indikator")) if laporan.pk else []
    for p in program:
        _tambah(wp, [
            p.pk, p.versi, p.program, p.kegiatan, p.sub_kegiatan,
            ", ".join(i.kode for i in p.indikator.all()), p.get_sumber_dana_display(),
            p.pagu_rp, p.realisasi_rp, p.keluaran, p.satuan_keluaran, p.target_keluaran,
            p.realisasi_keluaran, "",
        ])
    label_dana = ",".join(str(label) for label in ProgramKegiatan.SumberDana.labels)
    dv = DataValidation(type="list", formula1=f'"{label_dana}"', allow_blank=True)
    wp.add_data_validation(dv)
    dv.add(f"G2:G{len(program) + BARIS_KOSONG_PROGRAM + 1}")
    for baris in ws.iter_rows(min_row=2, min_col=6, max_col=8):
        for sel in baris:
            sel.number_format = "#,##0" if sel.column < 8 else "#,##0.00"
    for baris in wp.iter_rows(min_row=2, min_col=8, max_col=9):
        for sel in baris:
            sel.number_format = "#,##0"
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


# --- Reading -------------------------------------------------------------------------


class _Lembar:
    """One sheet's rows as dicts by column key, with the row number people see in Excel."""

    def __init__(self, path: Path, nama: str, kolom: list[tuple[str, str]], wajib: set[str]):
        with open_table(path, sheet=nama) as table:
            header = [h.strip().lower() for h in table.header]
            indeks = {}
            hilang = []
            for kunci, label in kolom:
                if label.lower() in header:
                    indeks[kunci] = header.index(label.lower())
                elif kunci in wajib:
                    hilang.append(label)
            if hilang:
                raise KesalahanBerkas([
                    _("Lembar %(lembar)s: kolom %(kolom)s tidak ada. Gunakan berkas yang "
                      "diunduh dari halaman laporan.")
                    % {"lembar": nama, "kolom": ", ".join(hilang)}
                ])
            self.nama, self.kolom, self.indeks = nama, kolom, indeks
            self.baris = [
                (nomor, {k: row[i] for k, i in indeks.items()})
                for nomor, row in enumerate(table.rows, start=2)
                if not all(is_blank(v) for v in row)
            ]


def _teks(v) -> str:
    if is_blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return asli_dari_sel(str(v).strip())  # the quote our download put in front, off


def _sel(indeks: int, nomor: int) -> str:
    """A cell's name as Excel shows it ("K12") from a 0-based column and a row number."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(indeks + 1)}{nomor}"


def _batas_teks(model, f: str) -> int:
    return model._meta.get_field(f).max_length or PANJANG_TEKS_MAKS


def _isian_teks(lembar: "_Lembar", nomor: int, row: dict, medan, model, kesalahan) -> dict:
    """The text fields ``medan`` of one row. A text longer than its field holds is refused
    naming its cell, never cut (the reader itself stops at Excel's 32,767 characters, above
    every limit here); the other checks leave such a text to this message."""
    nilai = {}
    for f in medan:
        teks = _teks(row.get(f))
        batas = _batas_teks(model, f)
        if len(teks) > batas:
            kesalahan.append(_(
                "Lembar %(lembar)s, kolom %(kolom)s: sel %(sel)s berisi teks lebih dari "
                "%(batas)s karakter, batas kolom ini; persingkat lalu unggah lagi."
            ) % {"lembar": lembar.nama, "kolom": _label(lembar.kolom, f),
                 "sel": _sel(lembar.indeks[f], nomor), "batas": f"{batas:,}".replace(",", ".")})
        nilai[f] = teks
    return nilai


def _sel_rumus(path: Path) -> list[str]:
    """A message for every formula in a column that is read back, naming its cell: the
    reader sees only a formula's last result (empty when the file was not recalculated),
    which would silently replace what is stored."""
    from openpyxl import load_workbook

    pesan = []
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # whatever openpyxl trips on, the user gets one message
        return [_("Berkas tidak dapat diperiksa sebagai Excel .xlsx; simpan ulang dari Excel "
                  "sebagai Buku Kerja Excel (.xlsx) lalu unggah lagi.")]
    try:
        for nama, kolom, dibaca in (
            (LEMBAR_INFO, None, None),
            (LEMBAR_CAPAIAN, KOLOM_CAPAIAN, DIBACA_CAPAIAN),
            (LEMBAR_PROGRAM, KOLOM_PROGRAM, DIBACA_PROGRAM),
        ):
            if nama not in wb.sheetnames:
                continue
            baris = wb[nama].iter_rows()
            judul = [str(c.value or "").strip().lower() for c in next(baris, ())]
            if kolom is None:  # Petunjuk is read by position: its first two columns
                label = {0: "Kunci", 1: "Isi"}
            else:
                dibaca_label = {lbl.lower(): lbl for k, lbl in kolom if k in dibaca}
                label = {i: dibaca_label[j] for i, j in enumerate(judul) if j in dibaca_label}
            for row in baris:
                for c in row:
                    if getattr(c, "data_type", None) == "f" and c.column - 1 in label:
                        pesan.append(_(
                            "Lembar %(lembar)s, kolom %(kolom)s: sel %(sel)s berisi rumus; "
                            "tempel sebagai nilai (salin, lalu Tempel Spesial → Nilai) dan "
                            "unggah lagi."
                        ) % {"lembar": nama, "kolom": label[c.column - 1], "sel": c.coordinate})
    finally:
        wb.close()
    return pesan


def _lokasi(lembar, nomor, kolom, kode=""):
    tambahan = f" ({kode})" if kode else ""
    return _("Lembar %(lembar)s, baris %(baris)s%(kode)s, kolom %(kolom)s") % {
        "lembar": lembar, "baris": nomor, "kode": tambahan, "kolom": kolom,
    }


def _label(kolom, kunci):
    return dict(kolom)[kunci]


def _bulat(nilai, kesalahan, lokasi):
    if is_blank(nilai):
        return None
    try:
        return parse_integer(nilai)
    except ValueError as exc:
        kesalahan.append(f"{lokasi}: {exc}.")
        return None


def _desimal(nilai, kesalahan, lokasi):
    if is_blank(nilai):
        return None
    try:
        return parse_decimal(nilai).quantize(Decimal("0.01"))
    except (ValueError, ArithmeticError) as exc:
        kesalahan.append(f"{lokasi}: {exc}.")
        return None


def _versi(nilai, kesalahan, lokasi):
    if is_blank(nilai):
        return 0
    try:
        return parse_integer(nilai)
    except ValueError:
        kesalahan.append(_("%(lokasi)s: versi '%(nilai)s' tidak sah; jangan ubah kolom ini.")
                         % {"lokasi": lokasi, "nilai": nilai})
        return 0


def _url(teks, kesalahan, lokasi):
    """A link read exactly as the entry page reads it (its form field): "www.…" gets
    "https://" in front; anything else that is no link is refused."""
    if not teks:
        return ""
    if len(teks) > _batas_teks(Capaian, "tautan_bukti"):
        return teks  # refused as too long (_isian_teks)
    try:
        return CapaianForm.base_fields["tautan_bukti"].clean(teks)
    except ValidationError:
        kesalahan.append(_("%(lokasi)s: '%(teks)s' bukan alamat tautan yang sah "
                           "(contoh: https://…).") % {"lokasi": lokasi, "teks": teks})
        return ""


def _periksa_medan(model, nilai: dict, kesalahan, lokasi) -> None:
    """The model's own field rules (length, digits, range), checked here so a row that
    would fail on saving is named with its sheet, row and column instead."""
    for f, v in nilai.items():
        if v in (None, ""):
            continue
        if isinstance(v, str) and len(v) > _batas_teks(model, f):
            continue  # refused as too long, naming its cell (_isian_teks)
        try:
            model._meta.get_field(f).run_validators(v)
        except ValidationError as exc:
            kesalahan.extend(f"{lokasi(f)}: {pesan}" for pesan in exc.messages)


def _periksa_nilai(indikator, nilai: dict, kesalahan, lokasi) -> None:
    """The value the system computes from the row must fit its column too."""
    hitung = Capaian(indikator=indikator, pembilang=nilai.get("pembilang"),
                     penyebut=nilai.get("penyebut")).hitung_nilai()
    if hitung is None:
        return
    try:
        Capaian._meta.get_field("nilai").run_validators(hitung)
    except ValidationError as exc:
        kesalahan.extend(
            _("%(lokasi)s: nilai yang dihitung dari baris ini terlalu besar (%(pesan)s).")
            % {"lokasi": lokasi("pembilang"), "pesan": pesan}
            for pesan in exc.messages
        )


def _baca_info(path, laporan, kesalahan):
    with open_table(path, sheet=LEMBAR_INFO) as table:
        isi = {_teks(r[0]).lower(): _teks(r[1]) for r in table.rows if len(r) >= 2}
    semester, opd = isi.get("semester", ""), isi.get("opd", "")
    if semester != laporan.semester.kode or opd != laporan.opd.singkatan:
        kesalahan.append(_(
            "Berkas ini untuk semester %(s_berkas)s dan OPD %(o_berkas)s, bukan semester "
            "%(s)s dan OPD %(o)s. Unduh berkas dari halaman laporan yang benar."
        ) % {"s_berkas": semester or "?", "o_berkas": opd or "?",
             "s": laporan.semester.kode, "o": laporan.opd.singkatan})


def _baca_capaian(path, laporan, kesalahan) -> list[IsianCapaian]:
    lembar = _Lembar(path, LEMBAR_CAPAIAN, KOLOM_CAPAIAN,
                     {"kode", "pembilang", "penyebut", "versi"})
    dimiliki = {i.kode: i for i in Indikator.objects.milik(laporan.opd)}
    hasil, dilihat = [], set()
    for nomor, row in lembar.baris:
        kode = _teks(row["kode"]).upper()
        lok = _lokasi(LEMBAR_CAPAIAN, nomor, "Kode")
        if kode not in dimiliki:
            kesalahan.append(_("%(lokasi)s: indikator '%(kode)s' bukan tanggung jawab "
                               "%(opd)s.") % {"lokasi": lok, "kode": kode or "?",
                                              "opd": laporan.opd.singkatan})
            continue
        if kode in dilihat:
            kesalahan.append(_("%(lokasi)s: indikator %(kode)s muncul lebih dari sekali.")
                             % {"lokasi": lok, "kode": kode})
            continue
        dilihat.add(kode)
        ind = dimiliki[kode]

        def lokasi(kunci, nomor=nomor, kode=kode):
            return _lokasi(LEMBAR_CAPAIAN, nomor, _label(KOLOM_CAPAIAN, kunci), kode)

        nilai = _isian_teks(lembar, nomor, row, TEKS_CAPAIAN, Capaian, kesalahan)
        nilai["tautan_bukti"] = _url(nilai["tautan_bukti"], kesalahan, lokasi("tautan_bukti"))
        nilai["pembilang"] = _bulat(row["pembilang"], kesalahan, lokasi("pembilang"))
        nilai["penyebut"] = (
            _bulat(row["penyebut"], kesalahan, lokasi("penyebut")) if ind.is_persen else None
        )
        jumlah_kesalahan = len(kesalahan)
        _periksa_medan(Capaian, nilai, kesalahan, lokasi)
        if len(kesalahan) == jumlah_kesalahan:
            _periksa_nilai(ind, nilai, kesalahan, lokasi)
        hasil.append(IsianCapaian(indikator=ind, nilai=nilai,
                                  versi=_versi(row["versi"], kesalahan, lokasi("versi"))))
    return hasil


def _sumber_dana(teks, kesalahan, lokasi):
    pilihan = {str(label).lower(): value for value, label in ProgramKegiatan.SumberDana.choices}
    pilihan.update({v: v for v in ProgramKegiatan.SumberDana.values})
    if not teks:
        return ProgramKegiatan.SumberDana.APBD
    if teks.lower() in pilihan:
        return pilihan[teks.lower()]
    kesalahan.append(_("%(lokasi)s: sumber dana '%(teks)s' tidak dikenal; pilih APBD, DAK, "
                       "Dana Desa, CSR atau Lainnya.") % {"lokasi": lokasi, "teks": teks})
    return None


def _baca_program(path, laporan, kesalahan) -> list[IsianProgram]:
    lembar = _Lembar(path, LEMBAR_PROGRAM, KOLOM_PROGRAM,
                     {"id", "versi", "program", "pagu_rp", "realisasi_rp"})
    semua_indikator = {i.kode: i for i in Indikator.objects.aktif()}
    milik_laporan = set(laporan.program.values_list("pk", flat=True)) if laporan.pk else set()
    hasil = []
    for nomor, row in lembar.baris:
        def lokasi(kunci, nomor=nomor):
            return _lokasi(LEMBAR_PROGRAM, nomor, _label(KOLOM_PROGRAM, kunci))

        pk = _bulat(row["id"], kesalahan, lokasi("id"))
        if pk is not None and pk not in milik_laporan:
            kesalahan.append(_("%(lokasi)s: program dengan ID %(id)s tidak ada dalam laporan "
                               "ini; kosongkan ID untuk program baru.")
                             % {"lokasi": lokasi("id"), "id": pk})
            continue
        nilai = _isian_teks(lembar, nomor, row, TEKS_PROGRAM, ProgramKegiatan, kesalahan)
        kode = [k.strip().upper() for k in _teks(row.get("indikator")).replace(";", ",")
                .split(",") if k.strip()]
        tidak_dikenal = [k for k in kode if k not in semua_indikator]
        if tidak_dikenal:
            kesalahan.append(_("%(lokasi)s: kode indikator %(kode)s tidak dikenal.")
                             % {"lokasi": lokasi("indikator"), "kode": ", ".join(tidak_dikenal)})
        nilai["sumber_dana"] = _sumber_dana(_teks(row.get("sumber_dana")), kesalahan,
                                            lokasi("sumber_dana"))
        for f in ("pagu_rp", "realisasi_rp"):
            nilai[f] = _bulat(row[f], kesalahan, lokasi(f)) or 0
        for f in ("target_keluaran", "realisasi_keluaran"):
            nilai[f] = _desimal(row.get(f), kesalahan, lokasi(f))
        hapus = _teks(row.get("hapus")).lower() in {"ya", "y", "hapus", "1"}
        if not nilai["program"] and not hapus:
            kesalahan.append(_("%(lokasi)s: nama program wajib diisi.")
                             % {"lokasi": lokasi("program")})
        _periksa_medan(ProgramKegiatan, nilai, kesalahan, lokasi)
        hasil.append(IsianProgram(
            pk=pk, versi=_versi(row["versi"], kesalahan, lokasi("versi")), nilai=nilai,
            indikator=[semua_indikator[k] for k in kode if k in semua_indikator], hapus=hapus,
        ))
    return hasil


def baca_workbook(laporan: LaporanSemester, berkas) -> tuple[list[IsianCapaian],
                                                             list[IsianProgram]]:
    """The rows of an uploaded workbook, or ``KesalahanBerkas`` listing every problem."""
    if not berkas.name.lower().endswith(".xlsx"):
        raise KesalahanBerkas([_("Unggah berkas Excel .xlsx yang diunduh dari halaman ini.")])
    if berkas.size > settings.UKURAN_BERKAS_MAKS_MB * 1024 * 1024:
        raise KesalahanBerkas([_("Berkas terlalu besar; batasnya %(batas)s MB.")
                               % {"batas": settings.UKURAN_BERKAS_MAKS_MB}])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unggahan.xlsx"
        with path.open("wb") as f:
            for potongan in berkas.chunks():
                f.write(potongan)
        kesalahan: list[str] = []
        try:
            periksa_xlsx(path, nama=berkas.name)  # a zip bomb stops here, before any parsing
            _baca_info(path, laporan, kesalahan)
            if kesalahan:
                raise KesalahanBerkas(kesalahan)
            # After the reader has opened the file (its checks come first).
            kesalahan.extend(_sel_rumus(path))
            capaian = _baca_capaian(path, laporan, kesalahan)
            program = _baca_program(path, laporan, kesalahan)
        except SpreadsheetError as exc:
            raise KesalahanBerkas([str(exc)]) from None
    if kesalahan:
        raise KesalahanBerkas(kesalahan)
    return capaian, program
