"""The rows of an e-PPGBM file as values, or as reasons (in Indonesian) to reject them.

Cells are parsed as the field type says (tpps.lib.numbers): measurements with a decimal
comma or point, dates as dd/mm/yyyy, yyyy-mm-dd or spreadsheet dates. NIK is text: an
Excel cell that turned it into a number is turned back, a number in scientific notation
(digits lost) is rejected. Weight, length/height and LiLA are kept as written, to 2
decimals (more are refused: never rounded), as ``manage.py zscore`` reads them. Each
distinct cell value is parsed once (``tpps.lib.parse_cache``, the cache ``manage.py
zscore`` uses too): a city's file repeats the same dates, places and numbers thousands of
times.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from posyandu.growth import MEASURE_LYING, MEASURE_STANDING, MEASURE_UNKNOWN
from posyandu.models import Balita, Desa, Kecamatan, Posyandu
from posyandu.models.pengukuran import DESIMAL_UKURAN, pesan_terlalu_tua
from tpps.lib.numbers import is_blank, parse_date, parse_float
from tpps.lib.parse_cache import Invalid, ParseCache, blank_or, parse_measurement
from tpps.lib.spreadsheet import asli_dari_sel

from .kolom import JUDUL

BERAT_MIN_KG, BERAT_MAKS_KG = 0.5, 80
TINGGI_MIN_CM, TINGGI_MAKS_CM = 30, 200
LILA_MAKS_CM = 40

_CARA = {
    "": MEASURE_UNKNOWN,
    "l": MEASURE_LYING,
    "h": MEASURE_STANDING,
    "telentang": MEASURE_LYING,
    "terlentang": MEASURE_LYING,
    "berbaring": MEASURE_LYING,
    "pb": MEASURE_LYING,
    "panjangbadan": MEASURE_LYING,
    "berdiri": MEASURE_STANDING,
    "tb": MEASURE_STANDING,
    "tinggibadan": MEASURE_STANDING,
}
#: Engine code → what Pengukuran.cara_ukur stores.
CARA_DB = {MEASURE_LYING: "l", MEASURE_STANDING: "h", MEASURE_UNKNOWN: ""}
_JK = {"l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "1": "L", "m": "L",
       "p": "P", "pr": "P", "perempuan": "P", "2": "P", "f": "P"}
_NIK_KOSONG = {"", "-", "0", "null", "none", "tidak ada"}
_NIK_DISAMARKAN = re.compile(r"\d{4}\*{8}\d{4}")
_SPASI = re.compile(r"\s+")
#: The columns whose values the import uses (a formula without a stored value in one of
#: them refuses the file: it would read as empty); the others are shown or compared only.
KOLOM_DIBACA = ("nik", "nama", "jk", "tgl_lahir", "bb_lahir", "tb_lahir", "nama_ortu", "kec",
                "desa", "posyandu", "rt", "rw", "alamat", "tgl_ukur", "berat", "tinggi",
                "cara_ukur", "lila", "vit_a", "kia")
#: Text columns → the model field that keeps (or matches) them: a longer value is refused
#: in the preview, never cut or left to fail the commit.
_MEDAN_TEKS = {
    "nama": (Balita, "nama"), "nama_ortu": (Balita, "nama_ibu"), "rt": (Balita, "rt"),
    "rw": (Balita, "rw"), "alamat": (Balita, "alamat"), "kec": (Kecamatan, "nama"),
    "desa": (Desa, "nama"), "posyandu": (Posyandu, "nama"),
}


@dataclass(slots=True)
class Baris:
    """One row of the file: parsed values, or ``alasan`` (reasons it is rejected, each
    with the columns it is about in ``kolom_alasan``: add them with ``tolak``)."""

    nomor: int  # as the spreadsheet numbers it (the header is row 1)
    alasan: list[str] = field(default_factory=list)
    kolom_alasan: list[tuple[str, ...]] = field(default_factory=list)  # keys; () = the row
    nik: str = ""
    nama: str = ""
    jk: str = ""
    tgl_lahir: date | None = None
    bb_lahir: Decimal | None = None
    tb_lahir: Decimal | None = None
    nama_ortu: str = ""
    kec: str = ""
    desa: str = ""
    posyandu: str = ""
    rt: str = ""
    rw: str = ""
    alamat: str = ""
    tgl_ukur: date | None = None
    berat: Decimal | None = None
    tinggi: Decimal | None = None
    cara: int = MEASURE_UNKNOWN
    lila: Decimal | None = None
    vit_a: bool = False
    kia: bool | None = None  # holds a KIA book/KMS; None: the cell is empty (says nothing)
    zs_berkas: tuple = (None, None, None)  # the file's ZS BB/U, TB/U, BB/TB: compared only

    def tolak(self, pesan: str, *kolom: str) -> None:
        """Reject the row for ``pesan``, about the columns ``kolom`` (keys of kolom.KOLOM;
        none: the row as a whole)."""
        self.alasan.append(pesan)
        self.kolom_alasan.append(kolom)

    def ditolak_di(self, kunci: str) -> bool:
        """Whether a reason already given is about column ``kunci``."""
        return any(kunci in kolom for kolom in self.kolom_alasan)

    def alasan_per_kolom(self) -> list[tuple[str, str]]:
        """(the columns as the file's headers, "" for the row; the reason), per reason."""
        return [
            (", ".join(JUDUL[k] for k in kolom), pesan)
            for pesan, kolom in zip(self.alasan, self.kolom_alasan, strict=True)
        ]


def teks(nilai) -> str:
    """A cell as tidy text: spaces collapsed, an integral number without ".0"."""
    if nilai is None:
        return ""
    if isinstance(nilai, float):
        if math.isnan(nilai):
            return ""
        if nilai.is_integer():
            return str(int(nilai))
    if isinstance(nilai, date):
        return nilai.isoformat()
    return _SPASI.sub(" ", asli_dari_sel(str(nilai))).strip()  # our export's quote off


def kunci_nama(nilai: str) -> str:
    """How names are compared: case and spacing do not count."""
    return _SPASI.sub(" ", nilai).strip().lower()


def _nik(nilai) -> str:
    if isinstance(nilai, float):
        if not nilai.is_integer():
            raise ValueError(_("NIK '%(nilai)s' bukan 16 angka") % {"nilai": nilai})
        nilai = str(int(nilai))
    t = str(nilai).strip().lstrip("'").replace(" ", "")
    if t.lower() in _NIK_KOSONG or _NIK_DISAMARKAN.fullmatch(t):
        # A NIK masked by our own export (3579********0001) says nothing: the child is
        # matched by name, birth date and mother, and a stored NIK is kept.
        return ""
    if "e+" in t.lower():
        raise ValueError(
            _("NIK '%(nilai)s' tertulis sebagai angka ilmiah (digitnya hilang); simpan kolom "
              "NIK sebagai teks") % {"nilai": nilai}
        )
    if not re.fullmatch(r"\d{16}", t):
        raise ValueError(_("NIK '%(nilai)s' harus tepat 16 angka") % {"nilai": nilai})
    return t


def _jk(nilai) -> str:
    kata = teks(nilai).lower()
    if kata not in _JK:
        raise ValueError(_("jenis kelamin '%(nilai)s' tidak dikenal; gunakan L atau P")
                         % {"nilai": nilai})
    return _JK[kata]


def _cara(nilai) -> int:
    kata = re.sub(r"[^a-z]", "", teks(nilai).lower())
    if kata not in _CARA:
        raise ValueError(_("cara ukur '%(nilai)s' tidak dikenal; gunakan Terlentang atau Berdiri")
                         % {"nilai": nilai})
    return _CARA[kata]


def _ukuran(nilai) -> Decimal:
    """A measurement as written (``parse_measurement``: as ``manage.py zscore`` reads
    it); more decimals than Pengukuran keeps are refused, not rounded."""
    angka = parse_measurement(nilai)
    if angka.as_tuple().exponent < -DESIMAL_UKURAN:
        raise ValueError(
            _("'%(nilai)s' memiliki lebih dari %(n)s angka di belakang koma; tulis paling "
              "banyak %(n)s (contoh: 87,51)") % {"nilai": nilai, "n": DESIMAL_UKURAN}
        )
    return angka


def _lahir(tempat: str):
    """Birth weight/length (Balita's fields): rounded to ``tempat``, as they are kept."""
    q = Decimal(tempat)

    def urai(nilai) -> Decimal:
        return Decimal(str(parse_float(nilai))).quantize(q, rounding=ROUND_HALF_UP)

    return urai


def _z(nilai) -> float:
    return round(parse_float(nilai), 2)


def _vit_a(nilai) -> bool:
    if is_blank(nilai):
        return False
    kata = teks(nilai).lower()
    if kata in ("ya", "y", "sudah"):
        return True
    if kata in ("tidak", "t", "n", "belum", "-"):
        return False
    return parse_float(nilai) > 0


_KIA_YA = {"ya", "y", "punya", "ada", "sudah", "memiliki", "1", "true"}
_KIA_TIDAK = {"tidak", "t", "n", "no", "tidakpunya", "tidakada", "belum", "belumpunya",
              "tidakmemiliki", "0", "false"}


def _kia(nilai) -> bool | None:
    if is_blank(nilai):
        return None
    kata = re.sub(r"[^a-z0-9]", "", teks(nilai).lower())
    if kata in _KIA_YA:
        return True
    if kata in _KIA_TIDAK:
        return False
    if not kata:  # "-" and the like: nothing said
        return None
    raise ValueError(_("'%(nilai)s' tidak dikenal; gunakan Ya, Tidak, atau kosongkan")
                     % {"nilai": nilai})


class Pengurai:
    """Parses rows given the column map; one instance per file (its memos are per file)."""

    def __init__(self, peta: dict[str, int], hari_ini: date):
        self.peta = peta
        self.hari_ini = hari_ini
        self.memo = {
            "nik": ParseCache(_nik),
            "jk": ParseCache(_jk),
            "tgl": ParseCache(blank_or(parse_date, None)),
            "ukuran": ParseCache(blank_or(_ukuran, None)),
            "berat_lahir": ParseCache(blank_or(_lahir("0.01"), None)),
            "panjang_lahir": ParseCache(blank_or(_lahir("0.1"), None)),
            "cara": ParseCache(_cara),
            "z": ParseCache(blank_or(_z, None)),
            "vit_a": ParseCache(_vit_a),
            "kia": ParseCache(_kia),
            "teks": ParseCache(teks),
        }

    def _sel(self, row, kunci):
        i = self.peta.get(kunci)
        return "" if i is None else row[i]

    def _nilai(self, b: Baris, row, kunci: str, jenis: str):
        hasil = self.memo[jenis][self._sel(row, kunci)]
        if isinstance(hasil, Invalid):
            b.tolak(_("Kolom %(kolom)s: %(pesan)s.") % {"kolom": JUDUL[kunci], "pesan": hasil},
                    kunci)
            return None
        return hasil

    def urai(self, row, nomor: int) -> Baris:
        b = Baris(nomor=nomor)
        t = self.memo["teks"]
        b.nama = t[self._sel(row, "nama")]
        if not b.nama:
            b.tolak(_("Nama balita kosong."), "nama")
        b.nik = self._nilai(b, row, "nik", "nik") or ""
        b.jk = self._nilai(b, row, "jk", "jk") or ""
        b.tgl_lahir = self._nilai(b, row, "tgl_lahir", "tgl")
        b.tgl_ukur = self._nilai(b, row, "tgl_ukur", "tgl")
        b.berat = self._nilai(b, row, "berat", "ukuran")
        b.tinggi = self._nilai(b, row, "tinggi", "ukuran")
        b.lila = self._nilai(b, row, "lila", "ukuran")
        b.cara = self._nilai(b, row, "cara_ukur", "cara") or MEASURE_UNKNOWN
        b.bb_lahir = self._nilai(b, row, "bb_lahir", "berat_lahir")
        b.tb_lahir = self._nilai(b, row, "tb_lahir", "panjang_lahir")
        b.vit_a = bool(self._nilai(b, row, "vit_a", "vit_a"))
        b.kia = self._nilai(b, row, "kia", "kia")
        z = self.memo["z"]
        b.zs_berkas = tuple(
            None if isinstance(v := z[self._sel(row, k)], Invalid) else v
            for k in ("zs_bb_u", "zs_tb_u", "zs_bb_tb")
        )
        b.nama_ortu = t[self._sel(row, "nama_ortu")]
        b.kec = t[self._sel(row, "kec")]
        b.desa = t[self._sel(row, "desa")]
        b.posyandu = t[self._sel(row, "posyandu")]
        b.rt, b.rw, b.alamat = (t[self._sel(row, k)] for k in ("rt", "rw", "alamat"))
        self._panjang(b)
        self._validasi(b)
        return b

    def _panjang(self, b: Baris) -> None:
        """A text longer than its model field refuses the row, naming the column; the row
        keeps a cut copy for the preview (the value itself may be a megabyte). So does a
        NUL character (an .xlsx may hold one as ``_x0000_``; no database keeps it)."""
        for kunci, (model, nama_medan) in _MEDAN_TEKS.items():
            nilai = getattr(b, kunci)
            batas = model._meta.get_field(nama_medan).max_length
            if "\x00" in nilai:
                b.tolak(_("Kolom %(kolom)s berisi karakter NUL; ketik ulang isinya.")
                        % {"kolom": JUDUL[kunci]}, kunci)
                setattr(b, kunci, nilai.replace("\x00", "")[:batas])
            elif len(nilai) > batas:
                b.tolak(_("Kolom %(kolom)s: %(n)s karakter, lebih dari batas %(batas)s "
                          "karakter.") % {"kolom": JUDUL[kunci], "n": len(nilai), "batas": batas},
                        kunci)
                setattr(b, kunci, nilai[:batas] + "…")

    def _validasi(self, b: Baris) -> None:
        if b.tgl_lahir is None and not b.ditolak_di("tgl_lahir"):
            b.tolak(_("Tanggal lahir kosong."), "tgl_lahir")
        if b.tgl_ukur is None and not b.ditolak_di("tgl_ukur"):
            b.tolak(_("Tanggal pengukuran kosong."), "tgl_ukur")
        if b.tgl_lahir and b.tgl_lahir > self.hari_ini:
            b.tolak(_("Tanggal lahir di masa depan."), "tgl_lahir")
        if b.tgl_ukur and b.tgl_ukur > self.hari_ini:
            b.tolak(_("Tanggal pengukuran di masa depan."), "tgl_ukur")
        if b.tgl_lahir and b.tgl_ukur and b.tgl_ukur < b.tgl_lahir:
            b.tolak(_("Tanggal pengukuran sebelum tanggal lahir."), "tgl_ukur")
        elif not (b.ditolak_di("tgl_ukur") or b.ditolak_di("tgl_lahir")) and (
                pesan := pesan_terlalu_tua(b.tgl_lahir, b.tgl_ukur)):
            b.tolak(pesan, "tgl_lahir", "tgl_ukur")
        if not b.jk and not b.ditolak_di("jk"):
            b.tolak(_("Jenis kelamin kosong."), "jk")
        if not (b.kec and b.desa and b.posyandu):
            b.tolak(_("Kecamatan, desa/kelurahan dan Posyandu harus diisi."),
                    "kec", "desa", "posyandu")
        if b.berat is None and b.tinggi is None and not b.alasan:
            b.tolak(_("Berat dan tinggi kosong: tidak ada yang diukur."), "berat", "tinggi")
        if b.berat is not None and not BERAT_MIN_KG <= b.berat <= BERAT_MAKS_KG:
            b.tolak(_("Berat %(nilai)s kg tidak masuk akal untuk balita.") % {"nilai": b.berat},
                    "berat")
        if b.tinggi is not None and not TINGGI_MIN_CM <= b.tinggi <= TINGGI_MAKS_CM:
            b.tolak(_("Tinggi %(nilai)s cm tidak masuk akal untuk balita.") % {"nilai": b.tinggi},
                    "tinggi")
        if b.lila is not None and not 0 < b.lila <= LILA_MAKS_CM:
            b.tolak(_("LiLA %(nilai)s cm tidak masuk akal.") % {"nilai": b.lila}, "lila")
        if b.bb_lahir is not None and b.bb_lahir > 10:
            b.bb_lahir = (b.bb_lahir / 1000).quantize(Decimal("0.01"))  # written in grams
        if b.bb_lahir is not None and not 0 < b.bb_lahir < 10:
            b.bb_lahir = None
        if b.tb_lahir is not None and not 20 <= b.tb_lahir <= 70:
            b.tb_lahir = None
