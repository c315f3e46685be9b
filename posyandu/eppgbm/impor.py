"""Importing an e-PPGBM file: match places and children, preview, commit all-or-nothing.

``pratinjau`` (the preview, a dry run) reads the file and decides, row by row, what
committing would do:

* **baru** — a measurement to add (for a child already registered or a new one);
* **sama** — the child's measurement of that day is already stored with these values:
  nothing to do, so that importing the same file twice adds nothing;
* **berubah** — the child's measurement of that day is stored with other values:
  committing corrects it, with history;
* **ditolak** — with the reasons, in Indonesian.

Places are matched in ``tempat`` (kecamatan, desa, Posyandu), children in ``identitas``
(NIK + birth date + name, else name + birth date + mother's name). The file's own
z-scores are kept for comparison only: ours are computed by the engine, in one batch.
What committing writes is a ``Rencana``; ``impor_berkas`` makes it again and ``simpan``
writes all of it in one transaction, or nothing.

The preview also leaves its ``jejak`` (trace): per row, what it saw stored — the
measurement of that day (or none), the registered child's fields, the row's status. The
commit makes the plan again and compares (``bandingkan_jejak``): if any row changed since
the preview (a kader saved another value by hand, a child was registered or edited), it
writes nothing and raises ``PratinjauUsang`` with the changed rows and the fresh preview,
so a later save is never overwritten unseen.
"""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from posyandu import alur, ringkasan
from posyandu.growth import MEASURE_UNKNOWN
from posyandu.massal import sisipkan
from posyandu.models import Balita, Pengukuran
from posyandu.skor import KOLOM_SKOR, hitung_naik_banyak, skor_kolom
from tpps.lib.spreadsheet import SpreadsheetError, open_table

from .baca import CARA_DB, KOLOM_DIBACA, Baris, Pengurai
from .identitas import Anak, AnakBaru, BalitaBaru, Identitas, Terdaftar
from .kolom import petakan
from .tempat import Tempat

BARU, SAMA, BERUBAH, DITOLAK = "baru", "sama", "berubah", "ditolak"
LABEL_STATUS = {
    BARU: gettext_lazy("Dibuat"),
    SAMA: gettext_lazy("Cocok, tidak berubah"),
    BERUBAH: gettext_lazy("Berubah"),
    DITOLAK: gettext_lazy("Ditolak"),
}
CONTOH_PER_STATUS = 200
CONTOH_DITOLAK = 1000
SELISIH_Z = 0.05

Kemajuan = Callable[[str, int, int], None]


def _diam(tahap: str, diproses: int, jumlah: int) -> None:
    return None


@dataclass
class Rencana:
    """What committing a file writes: made by ``pratinjau``, written by ``simpan``.

    Rows are referred to by their index in ``Hasil.baris``."""

    anak: list[Anak | None]  # per row: whom it is about (None: refused before that)
    balita_baru: list[BalitaBaru]  # the children the file brings new (``AnakBaru.indeks``)
    baru: list[int]  # rows whose measurement is added
    berubah: list[tuple[int, int]]  # (row, pk of the stored measurement it corrects)
    skor: dict[str, np.ndarray] = field(default_factory=dict)  # the engine's, by ``posisi``
    posisi: dict[int, int] = field(default_factory=dict)  # row → its position in ``skor``
    kia_ubah: dict[int, bool] = field(default_factory=dict)  # registered child → KIA book
    kia_baru: dict[int, bool] = field(default_factory=dict)  # new child's index → KIA book

    def ditulis(self) -> list[int]:
        """The rows whose measurement is written (added or corrected)."""
        return self.baru + [i for i, _pk in self.berubah]

    def balita_dipakai(self) -> list[int]:
        """The new children a written row is about (an index of ``balita_baru``): only they
        are created."""
        return sorted({a.indeks for i in self.ditulis() if isinstance(a := self.anak[i], AnakBaru)})


@dataclass
class Hasil:
    """What a file would do (``pratinjau``), and after ``simpan`` what it did."""

    jumlah: int = 0
    status: list[str] = field(default_factory=list)
    baris: list[Baris] = field(default_factory=list)
    balita_baru: int = 0
    selisih_z: int = 0
    kia_berubah: int = 0  # registered children whose "punya buku KIA" the file changes
    disimpan: bool = False
    info: dict[int, dict] = field(default_factory=dict, repr=False)  # row number → preview
    rencana: Rencana | None = field(default=None, repr=False)
    jejak: list[str] = field(default_factory=list, repr=False)  # per row: what it relied on

    def hitung(self) -> dict[str, int]:
        n = dict.fromkeys(LABEL_STATUS, 0)
        for s in self.status:
            n[s] += 1
        return {
            **n,
            "jumlah": self.jumlah,
            "balita_baru": self.balita_baru,
            "selisih_z": self.selisih_z,
            "kia_berubah": self.kia_berubah,
        }

    def contoh(self) -> list[dict]:
        """Rows to show in the preview: every rejected row (up to a limit) and the first
        rows of each other kind."""
        batas = {BARU: CONTOH_PER_STATUS, SAMA: CONTOH_PER_STATUS,
                 BERUBAH: CONTOH_PER_STATUS, DITOLAK: CONTOH_DITOLAK}
        keluar = []
        for b, s in zip(self.baris, self.status, strict=True):
            if batas[s] <= 0:
                continue
            batas[s] -= 1
            extra = self.info.get(b.nomor, {})
            keluar.append({
                "nomor": b.nomor,
                "status": s,
                "nama": b.nama,
                "tgl_ukur": b.tgl_ukur.isoformat() if b.tgl_ukur else "",
                "posyandu": b.posyandu,
                "berat": None if b.berat is None else str(b.berat),
                "tinggi": None if b.tinggi is None else str(b.tinggi),
                "alasan": " ".join(b.alasan),
                **extra,
            })
        return keluar


def _baca(path, hari_ini: date) -> tuple[list[Baris], int]:
    baris: list[Baris] = []
    with open_table(path) as tabel:
        peta = petakan(tabel.header)
        tabel.tolak_rumus(peta[k] for k in KOLOM_DIBACA if k in peta)
        pengurai = Pengurai(peta, hari_ini)
        nomor = 2
        for blok in tabel.chunks(10_000):
            for row in blok:
                if all(c == "" or c is None for c in row):
                    nomor += 1
                    continue  # an empty line is not a row
                baris.append(pengurai.urai(row, nomor))
                nomor += 1
    if not baris:
        raise SpreadsheetError(_("Berkas tidak berisi baris data: hanya judul kolom. Isi satu "
                                 "baris per pengukuran di bawah judul kolom."))
    return baris, len(baris)


def _pengukuran_tersimpan(balita_ids: set[int], dari: date, sampai: date, *,
                          kunci: bool = False) -> dict:
    """(child, date) → (pk, berat, tinggi, cara, lila) of stored measurements (``kunci``:
    locked until the commit ends, on PostgreSQL)."""
    ids = sorted(balita_ids)
    keluar = {}
    for awal in range(0, len(ids), 5000):
        qs = Pengukuran.objects.filter(
            balita_id__in=ids[awal:awal + 5000], tanggal_ukur__gte=dari, tanggal_ukur__lte=sampai
        )
        if kunci:
            qs = qs.select_for_update()
        for pk, bal, tgl, berat, tinggi, cara, lila in qs.values_list(
            "pk", "balita_id", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm"
        ):
            keluar[(bal, tgl)] = (pk, berat, tinggi, cara, lila)
    return keluar


def _nilai(b: Baris) -> tuple:
    return (b.berat, b.tinggi, CARA_DB[b.cara], b.lila)


_CARA_ENGINE = {db: kode for kode, db in CARA_DB.items()}


def _lengkapi(b: Baris, lama: tuple) -> None:
    """An empty cell says nothing: for a measurement already stored, an empty Berat,
    Tinggi, LiLA or Cara Ukur keeps the stored value (so a file without the measuring
    position does not drop the 0.7 cm correction); a filled cell replaces it."""
    _pk, berat, tinggi, cara, lila = lama
    if b.berat is None:
        b.berat = berat
    if b.tinggi is None:
        b.tinggi = tinggi
    if b.lila is None:
        b.lila = lila
    if b.cara == MEASURE_UNKNOWN:
        b.cara = _CARA_ENGINE.get(cara, MEASURE_UNKNOWN)


def _angka(x) -> float:
    return np.nan if x is None else float(x)


def _cocokkan(baris: list[Baris], tempat: Tempat, identitas: Identitas,
              kemajuan: Kemajuan) -> list[Anak | None]:
    """Whom each row is about (place matching, then child identity); None for a row
    refused, its reason given to it."""
    jumlah = len(baris)
    anak: list[Anak | None] = [None] * jumlah
    for i, b in enumerate(baris):
        if i % 20_000 == 0 and i:
            kemajuan(_("Mencocokkan wilayah dan balita"), i, jumlah)
        if b.alasan:
            continue
        tempat_baris = tempat.cocokkan(b)
        if tempat_baris is not None:
            anak[i] = identitas.tentukan(b, *tempat_baris, tempat)
    return anak


def _bandingkan(hasil: Hasil, anak: list[Anak | None], diterima: list[int], *,
                kunci_db: bool = False) -> tuple[list[int], list[tuple[int, int]], dict]:
    """Each accepted row against what is stored (its status) and against the rows before it
    (one measurement per child per day); returns the rows to add, the (row, pk) to
    correct, and per row the stored measurement it was compared with (for ``jejak``)."""
    baris = hasil.baris
    tanggal_ukur = [baris[i].tgl_ukur for i in diterima]
    tersimpan = (
        _pengukuran_tersimpan(
            {anak[i] for i in diterima if isinstance(anak[i], int)},
            min(tanggal_ukur),
            max(tanggal_ukur),
            kunci=kunci_db,
        )
        if diterima else {}
    )
    pertama = {}
    baru, berubah, dilihat = [], [], {}
    for i in diterima:
        b = baris[i]
        kunci = (anak[i], b.tgl_ukur)
        if kunci in pertama:
            j = pertama[kunci]
            if _nilai(baris[j]) == _nilai(b):
                b.tolak(_("Baris ganda: sama dengan baris %(n)s.") % {"n": baris[j].nomor},
                        "tgl_ukur")
            else:
                b.tolak(
                    _("Balita ini sudah diukur pada tanggal yang sama di baris %(n)s dengan "
                      "nilai lain; satu pengukuran per hari.") % {"n": baris[j].nomor},
                    "tgl_ukur",
                )
            continue
        pertama[kunci] = i
        lama = dilihat[i] = tersimpan.get(kunci)
        if lama is not None:
            _lengkapi(b, lama)
        if lama is None:
            hasil.status[i] = BARU
            baru.append(i)
        elif lama[1:] == _nilai(b):
            hasil.status[i] = SAMA
        else:
            hasil.status[i] = BERUBAH
            berubah.append((i, lama[0]))
            hasil.info[b.nomor] = {"lama": _("berat %(b)s kg, tinggi %(t)s cm") % {
                "b": lama[1] if lama[1] is not None else "–",
                "t": lama[2] if lama[2] is not None else "–"}}
        if isinstance(anak[i], AnakBaru):
            hasil.info.setdefault(b.nomor, {})["balita_baru"] = True
    return baru, berubah, dilihat


def _skor(hasil: Hasil, dihitung: list[int]) -> dict[str, np.ndarray]:
    """Our z-scores for the rows ``dihitung``, in one batch of the engine; each row's
    scores and whether they differ from the file's go to the preview."""
    if not dihitung:
        return {}
    bs = [hasil.baris[i] for i in dihitung]
    skor = skor_kolom(
        laki=np.array([b.jk == "L" for b in bs]),
        umur_hari=np.array([(b.tgl_ukur - b.tgl_lahir).days for b in bs]),
        berat_kg=np.array([_angka(b.berat) for b in bs]),
        tinggi_cm=np.array([_angka(b.tinggi) for b in bs]),
        cara_ukur=np.array([b.cara for b in bs], dtype=np.int8),
        lila_cm=np.array([_angka(b.lila) for b in bs]),
    )
    for pos, b in enumerate(bs):
        kami = (skor["zwei"][pos], skor["zlen"][pos], skor["zwfl"][pos])
        beda = any(
            k is not None and f is not None and abs(k - f) > SELISIH_Z
            for k, f in zip(kami, b.zs_berkas, strict=True)
        )
        hasil.selisih_z += beda
        d = hasil.info.setdefault(b.nomor, {})
        d["z"] = [None if k is None else round(k, 2) for k in kami]
        d["z_berkas"] = list(b.zs_berkas)
        d["kategori"] = [skor["kategori_bb_u"][pos], skor["kategori_tb_u"][pos],
                         skor["kategori_bb_tb"][pos]]
        if beda:
            d["selisih_z"] = True
    return skor


def pratinjau(path, *, user=None, kemajuan: Kemajuan = _diam, hari_ini: date | None = None,
              kunci: bool = False) -> Hasil:
    """Read the file and decide what committing would do, row by row (nothing is written):
    the preview, its ``Rencana`` for ``simpan`` and its ``jejak``.

    ``user``: whose scope applies (None: a command run by an administrator, no scope).
    ``kunci``: lock the children and measurements read until the transaction ends (the
    commit; PostgreSQL — SQLite's writers already take turns).
    Raises ``SpreadsheetError``/``KolomError`` when the file cannot be read as a whole."""
    hari_ini = hari_ini or timezone.localdate()
    kemajuan(_("Membaca berkas"), 0, 0)
    baris, jumlah = _baca(path, hari_ini)
    hasil = Hasil(jumlah=jumlah, baris=baris, status=[DITOLAK] * jumlah)
    kemajuan(_("Mencocokkan wilayah dan balita"), 0, jumlah)
    tempat = Tempat(user)
    identitas = Identitas(baris)
    anak = _cocokkan(baris, tempat, identitas, kemajuan)
    if kunci:
        identitas.kunci({a for a in anak if isinstance(a, int)})
    diterima = [i for i, b in enumerate(baris) if not b.alasan]
    baru, berubah, dilihat = _bandingkan(hasil, anak, diterima, kunci_db=kunci)
    rencana = Rencana(anak=anak, balita_baru=identitas.baru, baru=baru, berubah=berubah)
    rencana.kia_ubah, rencana.kia_baru = _kia_dari_berkas(baris, hasil.status, anak,
                                                          identitas.terdaftar)
    hasil.kia_berubah = len(rencana.kia_ubah)

    kemajuan(_("Menghitung z-score"), jumlah, jumlah)
    dihitung = [i for i in diterima if not baris[i].alasan]
    rencana.skor = _skor(hasil, dihitung)
    rencana.posisi = {i: pos for pos, i in enumerate(dihitung)}
    hasil.balita_baru = len(rencana.balita_dipakai())
    hasil.rencana = rencana
    hasil.jejak = [
        _jejak(s, a, dilihat.get(i), identitas.terdaftar)
        for i, (s, a) in enumerate(zip(hasil.status, anak, strict=True))
    ]
    return hasil


# --- What the preview saw, and what changed since (the commit's guard) -------------------

def _jejak(status: str, anak: Anak | None, lama: tuple | None,
           terdaftar: dict[int, Terdaftar]) -> str:
    """One row's trace: ``status;child;stored measurement``. The child is ``b`` (new in the
    file) or ``p<pk>:<digest of its fields>``; the measurement ``pk|berat|tinggi|cara|lila``
    or empty (none that day). A rejected row is ``t``: it writes nothing."""
    if status == DITOLAK:
        return "t"
    siapa = "b" if isinstance(anak, AnakBaru) else f"p{anak}:{terdaftar[anak].sidik}"
    ukuran = "" if lama is None else "|".join("" if v is None else str(v) for v in lama)
    return f"{status};{siapa};{ukuran}"


def _angka_teks(nilai: str) -> str:
    return (nilai or "–").replace(".", ",")


def _beda_ukuran(lama: str, kini: str) -> str:
    """What happened to the stored measurement of that day between the two traces."""
    if not lama:
        _pk, berat, tinggi, *_sisa = kini.split("|")
        return _("pengukuran tanggal ini ditambahkan sejak pratinjau (berat %(b)s kg, tinggi "
                 "%(t)s cm)") % {"b": _angka_teks(berat), "t": _angka_teks(tinggi)}
    if not kini:
        return _("pengukuran tanggal ini dihapus sejak pratinjau")
    nama = (None, _("berat"), _("tinggi"), _("cara ukur"), _("LiLA"))
    bagian = [
        f"{nama[k]} {_angka_teks(a)} → {_angka_teks(b)}"
        for k, (a, b) in enumerate(zip(lama.split("|"), kini.split("|"), strict=True))
        if k and a != b
    ]
    return _("pengukuran tersimpan diubah sejak pratinjau (%(ubah)s)") % {
        "ubah": ", ".join(bagian) or _("dicatat ulang")}


def _beda_baris(lama: str, kini: str, b: Baris) -> str:
    if lama == "t":
        return _("baris ini ditolak di pratinjau, kini akan disimpan")
    if kini == "t":
        return _("baris ini kini ditolak: %(alasan)s") % {"alasan": " ".join(b.alasan)}
    _s1, anak_lama, ukur_lama = lama.split(";")
    _s2, anak_kini, ukur_kini = kini.split(";")
    keluar = []
    if anak_lama != anak_kini:
        if anak_lama == "b":
            keluar.append(_("balita ini didaftarkan sejak pratinjau"))
        elif anak_kini == "b" or anak_lama.split(":")[0] != anak_kini.split(":")[0]:
            keluar.append(_("data balita terdaftar yang cocok berubah sejak pratinjau"))
        else:
            keluar.append(_("data balita (nama, NIK, tanggal lahir, nama ibu, jenis kelamin, "
                            "Posyandu atau buku KIA) diubah sejak pratinjau"))
    if ukur_lama != ukur_kini:
        keluar.append(_beda_ukuran(ukur_lama, ukur_kini))
    return "; ".join(keluar)


def bandingkan_jejak(jejak: Sequence[str], hasil: Hasil) -> list[dict]:
    """The rows whose trace in ``hasil`` (a fresh preview) differs from ``jejak`` (the
    preview the user saw), each as ``nomor``, ``nama``, ``tgl_ukur``, ``keterangan``."""
    if len(jejak) != len(hasil.jejak):
        return [{"nomor": 0, "nama": "", "tgl_ukur": "", "keterangan": _(
            "Pratinjau yang dilihat tidak dapat dibandingkan dengan berkas ini.")}]
    keluar = []
    for b, lama, kini in zip(hasil.baris, jejak, hasil.jejak, strict=True):
        if lama != kini:
            keluar.append({
                "nomor": b.nomor, "nama": b.nama,
                "tgl_ukur": b.tgl_ukur.strftime("%d-%m-%Y") if b.tgl_ukur else "",
                "keterangan": _beda_baris(lama, kini, b),
            })
    return keluar


class PratinjauUsang(Exception):
    """What is stored changed since the preview: nothing was written. ``perubahan``: the
    rows that changed (``bandingkan_jejak``); ``hasil``: the fresh preview to show."""

    def __init__(self, perubahan: list[dict], hasil: Hasil):
        self.perubahan = perubahan
        self.hasil = hasil
        super().__init__(
            _("Data tersimpan berubah sejak pratinjau pada %(n)s baris; tidak ada yang "
              "disimpan. Periksa pratinjau yang baru (sudah memuat perubahan itu), lalu simpan "
              "lagi.") % {"n": len(perubahan)}
        )

    def daftar(self, batas: int = 50) -> list[str]:
        """The changed rows as lines of text (the first ``batas``)."""
        baris = [
            _("Baris %(nomor)s (%(nama)s, %(tgl)s): %(ket)s.")
            % {"nomor": p["nomor"], "nama": p["nama"], "tgl": p["tgl_ukur"],
               "ket": p["keterangan"]} if p["nomor"] else p["keterangan"]
            for p in self.perubahan[:batas]
        ]
        if len(self.perubahan) > batas:
            baris.append(_("… dan %(n)s baris lainnya.") % {"n": len(self.perubahan) - batas})
        return baris


def _kia_dari_berkas(baris: list[Baris], status: list[str], anak: list[Anak | None],
                     terdaftar: dict[int, Terdaftar]) -> tuple[dict, dict]:
    """What the KIA column says of each child, from their accepted row measured last (an
    empty cell says nothing): for registered children only where it changes what is stored
    (pk → value), for new children all of it (index in ``balita_baru`` → value)."""
    terakhir = {}
    for i, b in enumerate(baris):
        if status[i] == DITOLAK or b.kia is None:
            continue
        if anak[i] not in terakhir or b.tgl_ukur >= terakhir[anak[i]][0]:
            terakhir[anak[i]] = (b.tgl_ukur, b.kia)
    ubah, baru = {}, {}
    for ref, (_tgl, kia) in terakhir.items():
        if isinstance(ref, AnakBaru):
            baru[ref.indeks] = kia
        elif terdaftar[ref].punya_buku_kia != kia:
            ubah[ref] = kia
    return ubah, baru

KOLOM_BARU = (
    "balita", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm", "edema",
    "vitamin_a", "imunisasi", "dicatat_oleh", "berdiri_di_bawah_9_bulan", "naik", "dua_t",
    *[k for k in KOLOM_SKOR if k != "berdiri_di_bawah_9_bulan"],
)


def simpan(hasil: Hasil, *, user, kemajuan: Kemajuan = _diam) -> Hasil:
    """Write the plan ``pratinjau`` made, in the caller's transaction (``impor_berkas``)."""
    r = hasil.rencana
    baris, skor, posisi = hasil.baris, r.skor, r.posisi
    jumlah = hasil.jumlah
    kemajuan(_("Menyimpan balita baru"), 0, jumlah)
    dipakai = r.balita_dipakai()
    objek = []
    for k in dipakai:
        baru = r.balita_baru[k]
        b = baru.baris
        objek.append(Balita(
            nik=b.nik, nama=b.nama, jenis_kelamin=b.jk, tanggal_lahir=b.tgl_lahir,
            nama_ibu=b.nama_ortu, desa_id=baru.desa_id, posyandu_id=baru.posyandu_id,
            rt=b.rt, rw=b.rw, alamat=b.alamat,  # never longer than their fields (baca)
            berat_lahir_kg=b.bb_lahir, panjang_lahir_cm=b.tb_lahir,
            punya_buku_kia=r.kia_baru.get(k),
        ))
    dibuat = bulk_create_with_history(objek, Balita, batch_size=2000, default_user=user,
                                      default_change_reason=_("Impor e-PPGBM"))
    if dibuat and dibuat[0].pk is None:  # a database that returns no keys
        dibuat = list(Balita.objects.order_by("-pk")[: len(objek)])[::-1]
    pk_baru = {k: o.pk for k, o in zip(dipakai, dibuat, strict=True)}

    def pk_anak(i):
        a = r.anak[i]
        return pk_baru[a.indeks] if isinstance(a, AnakBaru) else a

    kemajuan(_("Menyimpan pengukuran"), jumlah // 3, jumlah)
    user_id = getattr(user, "pk", None)
    nama_skor = [k for k in KOLOM_SKOR if k != "berdiri_di_bawah_9_bulan"]

    def baris_baru():
        for i in r.baru:
            b, pos = baris[i], posisi[i]
            yield (
                pk_anak(i), b.tgl_ukur, b.berat, b.tinggi, CARA_DB[b.cara], b.lila,
                False, b.vit_a, False, user_id, skor["berdiri_di_bawah_9_bulan"][pos], "", False,
                *[skor[k][pos] for k in nama_skor],
            )

    sisipkan(Pengukuran, KOLOM_BARU, baris_baru())

    kemajuan(_("Memperbarui pengukuran yang berubah"), jumlah // 2, jumlah)
    if r.berubah:
        objek = Pengukuran.objects.in_bulk([pk for _i, pk in r.berubah])
        ubah = []
        for i, pk in r.berubah:
            p, b, pos = objek[pk], baris[i], posisi[i]
            p.berat_kg, p.tinggi_cm, p.lila_cm = b.berat, b.tinggi, b.lila
            p.cara_ukur = CARA_DB[b.cara]
            p.vitamin_a = p.vitamin_a or b.vit_a
            p.dicatat_oleh_id = user_id
            for k in KOLOM_SKOR:
                setattr(p, k, skor[k][pos])
            ubah.append(p)
        bulk_update_with_history(
            ubah, Pengukuran,
            ["berat_kg", "tinggi_cm", "lila_cm", "cara_ukur", "vitamin_a", "dicatat_oleh",
             *KOLOM_SKOR],
            batch_size=1000, default_user=user,
            default_change_reason=_("Dikoreksi oleh impor e-PPGBM"),
        )

    kia_ubah = sorted(r.kia_ubah)
    for awal in range(0, len(kia_ubah), 5000):
        ubah = list(Balita.objects.filter(pk__in=kia_ubah[awal:awal + 5000]))
        for balita in ubah:
            balita.punya_buku_kia = r.kia_ubah[balita.pk]
        bulk_update_with_history(
            ubah, Balita, ["punya_buku_kia"], batch_size=1000, default_user=user,
            default_change_reason=_("Buku KIA menurut impor e-PPGBM"),
        )

    kemajuan(_("Menghitung N/T dan 2T"), 2 * jumlah // 3, jumlah)
    ditulis = {(pk_anak(i), baris[i].tgl_ukur) for i in r.ditulis()}
    hitung_naik_banyak({b for b, _t in ditulis})
    kemajuan(_("Membuka kasus"), 9 * jumlah // 10, jumlah)
    alur.buka_kasus_banyak(ditulis)
    kemajuan(_("Memperbarui ringkasan dasbor"), 19 * jumlah // 20, jumlah)
    for bulan in sorted({t.replace(day=1) for _b, t in ditulis}):
        ringkasan.segarkan_bulan(bulan)
    hasil.disimpan = True
    return hasil

# --- All rejected rows, for download (the preview shows up to CONTOH_DITOLAK) -----------

def tulis_ditolak(hasil: Hasil, berkas) -> int:
    """Every rejected row as CSV (";", a BOM for Excel): row number, column, reason, one
    line per reason; returns the number of rejected rows."""
    tulis = csv.writer(berkas, delimiter=";", lineterminator="\r\n")
    berkas.write("\ufeff")
    tulis.writerow([_("Baris"), _("Kolom"), _("Alasan")])
    n = 0
    for b, s in zip(hasil.baris, hasil.status, strict=True):
        if s != DITOLAK:
            continue
        n += 1
        for kolom, alasan in b.alasan_per_kolom() or [("", _("Ditolak."))]:
            tulis.writerow([b.nomor, kolom, alasan])
    return n


def impor_berkas(path, *, user=None, kemajuan: Kemajuan = _diam,
                 hari_ini: date | None = None, jejak: Sequence[str] | None = None) -> Hasil:
    """Commit the file: all of it or nothing.

    The preview (``pratinjau``) runs again inside the commit's transaction (under a lock on
    PostgreSQL, so that two imports at once cannot both create the same child; the
    children and measurements it reads stay locked until the end). ``jejak``: the trace of
    the preview the user saw; when a row changed since, nothing is written and
    ``PratinjauUsang`` is raised with the fresh preview."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(5790005)")
        hasil = pratinjau(path, user=user, kemajuan=kemajuan, hari_ini=hari_ini, kunci=True)
        if jejak is not None and (perubahan := bandingkan_jejak(jejak, hasil)):
            raise PratinjauUsang(perubahan, hasil)
        return simpan(hasil, user=user, kemajuan=kemajuan)
