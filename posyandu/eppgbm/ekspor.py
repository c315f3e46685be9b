"""Our measurements in e-PPGBM's columns, so the city can hand data back as it came.

The z-scores are ours (the WHO engine's, 2 decimals) with the Permenkes 2/2020 categories;
Kec/Desa/Posyandu are those of the child's Posyandu (how the import matches them back).
CSV is written for Excel set to Indonesian (";" and a decimal comma, with a BOM) and is
streamed row block by row block; XLSX is written in openpyxl's write-only mode.
Every export is logged (LogAksesData, aksi "ekspor"): who, when, what, and whether NIK
went out in full. NIK is masked (3579********0001) unless the user has "lihat NIK".
KIA is the child's "punya buku KIA": "Ya", "Tidak", or empty when not recorded.
Every text cell, CSV and XLSX, goes through ``tpps.lib.spreadsheet.aman_untuk_sel``: a name
typed as ``=HYPERLINK(...)`` gets a quote in front and stays text in Excel (the import takes
the quote off again, ``posyandu.eppgbm.baca.teks``); figures stay numbers.
"""

import csv
import io
from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.db.models.functions import Concat, Right, Substr
from django.utils.translation import gettext as _

from posyandu import access
from posyandu.models import LogAksesData, Pengukuran
from tpps.lib.spreadsheet import aman_untuk_sel, open_writer

from .kolom import JUDUL, URUTAN

HEADER = [JUDUL[k] for k in URUTAN]
CARA = {"l": "Terlentang", "h": "Berdiri", "": ""}
_KOLOM = (
    "nik_ekspor", "balita__nama", "balita__jenis_kelamin", "balita__tanggal_lahir",
    "balita__berat_lahir_kg", "balita__panjang_lahir_cm", "balita__nama_ibu",
    "balita__posyandu__desa__kecamatan__nama", "balita__posyandu__puskesmas__nama",
    "balita__posyandu__desa__nama", "balita__posyandu__nama", "balita__rt", "balita__rw",
    "balita__alamat", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm",
    "kategori_bb_u", "zwei", "kategori_tb_u", "zlen", "kategori_bb_tb", "zwfl", "naik",
    "vitamin_a", "balita__punya_buku_kia",
)
KIA = {True: "Ya", False: "Tidak", None: ""}


def nik_lengkap(user) -> bool:
    """Whether an export by ``user`` carries full NIK: only with "lihat NIK" (``None``, a
    run with no user such as a benchmark, writes it in full)."""
    return user is None or user.has_perm("posyandu.lihat_nik")


_NIK_TERSAMAR = Case(
    When(balita__nik="", then=Value("")),
    default=Concat(Substr("balita__nik", 1, 4), Value("*" * 8), Right("balita__nik", 4)),
)


def pengukuran_untuk_ekspor(user, *, kecamatan=None, desa=None, posyandu=None,
                            dari: date | None = None, sampai: date | None = None):
    """Measurements the user may export (their scope), of a Posyandu, desa, kecamatan or
    the whole city, measured between ``dari`` and ``sampai`` (inclusive); ``nik_ekspor``
    is the NIK in full or masked (``nik_lengkap``), masked in SQL."""
    qs = Pengukuran.objects.annotate(
        nik_ekspor=F("balita__nik") if nik_lengkap(user) else _NIK_TERSAMAR
    )
    if user is not None:
        qs = qs.filter(balita__in=access.balita_for_user(user))
    if posyandu is not None:
        qs = qs.filter(balita__posyandu=posyandu)
    elif desa is not None:
        qs = qs.filter(balita__posyandu__desa=desa)
    elif kecamatan is not None:
        qs = qs.filter(balita__posyandu__desa__kecamatan=kecamatan)
    if dari:
        qs = qs.filter(tanggal_ukur__gte=dari)
    if sampai:
        qs = qs.filter(tanggal_ukur__lte=sampai)
    return qs.order_by("balita__posyandu_id", "balita_id", "tanggal_ukur")


def usia_teks(lahir: date, ukur: date) -> str:
    """e-PPGBM's "Usia Saat Ukur": "1 Tahun - 3 Bulan - 12 Hari" (as relativedelta)."""
    bulan = (ukur.year - lahir.year) * 12 + ukur.month - lahir.month
    if ukur.day < lahir.day:
        bulan -= 1
        sebelum = ukur.month - 1 or 12
        tahun_sebelum = ukur.year if ukur.month > 1 else ukur.year - 1
        hari_bulan = (date(ukur.year, ukur.month, 1) - date(tahun_sebelum, sebelum, 1)).days
        hari = hari_bulan - min(lahir.day, hari_bulan) + ukur.day
    else:
        hari = ukur.day - lahir.day
    return f"{bulan // 12} Tahun - {bulan % 12} Bulan - {hari} Hari"


def baris(qs) -> Iterator[list]:
    """Rows in HEADER's order, as Python values (Decimal, date, float, str). NIK as
    ``pengukuran_untuk_ekspor`` decided; masked for any other queryset. Text as stored:
    the writers below make each text cell safe (``aman_untuk_sel``)."""
    prov, kota = settings.NAMA_PROVINSI, settings.NAMA_DAERAH
    if "nik_ekspor" not in qs.query.annotations:
        qs = qs.annotate(nik_ekspor=_NIK_TERSAMAR)
    for (nik, nama, jk, lahir, bb_lahir, tb_lahir, ibu, kec, pkm, desa, pos, rt, rw, alamat,
         tgl, berat, tinggi, cara, lila, kat_bb_u, zwei, kat_tb_u, zlen, kat_bb_tb, zwfl, naik,
         vit_a, kia) in qs.values_list(*_KOLOM).iterator(chunk_size=5000):
        yield [
            nik, nama, jk, lahir, bb_lahir, tb_lahir, ibu, prov, kota, kec, pkm, desa, pos, rt,
            rw, alamat, usia_teks(lahir, tgl), tgl, berat, tinggi, CARA.get(cara, ""), lila,
            kat_bb_u, None if zwei is None else round(zwei, 2), kat_tb_u,
            None if zlen is None else round(zlen, 2), kat_bb_tb,
            None if zwfl is None else round(zwfl, 2), naik, "", 1 if vit_a else "", "",
            KIA[kia],
        ]


def _teks(v) -> str:
    if v.__class__ is str:
        return aman_untuk_sel(v)
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".replace(".", ",")
    if isinstance(v, date):
        return v.strftime("%d/%m/%Y")
    return str(v).replace(".", ",") if not isinstance(v, str) else v


def csv_bertahap(qs, *, blok: int = 5000) -> Iterator[str]:
    """The CSV text in pieces of ``blok`` rows (for a streaming response)."""
    buffer = io.StringIO()
    tulis = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    tulis.writerow(HEADER)
    for n, row in enumerate(baris(qs), 1):
        # NIK and RT/RW stay text; every number gets a decimal comma.
        tulis.writerow([aman_untuk_sel(row[0] or ""), *(_teks(v) for v in row[1:])])
        if n % blok == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def tulis_berkas(qs, path) -> int:
    """Write the export to ``path`` (.csv or .xlsx); returns the number of rows."""
    path = str(path)
    if path.lower().endswith(".csv"):
        n = 0
        with open(path, "w", encoding="utf-8", newline="") as f:
            for potong in csv_bertahap(qs):
                f.write(potong)
        with open(path, encoding="utf-8-sig") as f:
            n = sum(1 for _ in f) - 1
        return n
    with open_writer(path, HEADER, sheet_title="e-PPGBM") as w:
        w.writerows(
            [aman_untuk_sel(row[0]),
             *(float(v) if v.__class__.__name__ == "Decimal" else aman_untuk_sel(v)
               for v in row[1:])]
            for row in baris(qs)
        )
    return w.count


def catat_ekspor(*, user, jumlah: int, keterangan: str) -> LogAksesData:
    nik = _("NIK lengkap") if nik_lengkap(user) else _("NIK disamarkan")
    return LogAksesData.objects.create(
        user=user,
        aksi=LogAksesData.Aksi.EKSPOR,
        keterangan=(
            _("%(n)s pengukuran (e-PPGBM); %(nik)s; %(ket)s")
            % {"n": jumlah, "nik": nik, "ket": keterangan}
        )[:255],
    )
