"""Importing an e-PPGBM file: match places and children, preview, commit all-or-nothing.

``periksa`` reads the file and decides, row by row, what committing would do:

* **baru** — a measurement to add (for a child already registered or a new one);
* **sama** — the child's measurement of that day is already stored with these values:
  nothing to do, so that importing the same file twice adds nothing;
* **berubah** — the child's measurement of that day is stored with other values:
  committing corrects it, with history;
* **ditolak** — with the reasons, in Indonesian.

Places: a desa by (kecamatan, desa) — Batu, Bumiaji and Junrejo are both — and a
Posyandu by name within that desa. Children: NIK + birth date + name, else name + birth
date + mother's name (a parent's NIK can be on several children, so NIK alone is not an
identity). The file's own z-scores are kept for comparison only: ours are computed by
the engine, in one batch. ``simpan`` writes all of it in one transaction, or nothing.
"""

import csv
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from posyandu import access, ringkasan
from posyandu.alur import kondisi_baru
from posyandu.growth import MEASURE_UNKNOWN
from posyandu.massal import sisipkan
from posyandu.models import Balita, Desa, Kasus, Pengukuran, Posyandu
from posyandu.models.pengukuran import KOLOM_KONDISI, kondisi
from posyandu.skor import KOLOM_SKOR, hitung_naik_banyak, skor_kolom
from tpps.lib.spreadsheet import open_table

from .baca import CARA_DB, Baris, Pengurai, kunci_nama
from .kolom import petakan

BARU, SAMA, BERUBAH, DITOLAK = "baru", "sama", "berubah", "ditolak"
LABEL_STATUS = {
    BARU: _("Dibuat"),
    SAMA: _("Cocok, tidak berubah"),
    BERUBAH: _("Berubah"),
    DITOLAK: _("Ditolak"),
}
CONTOH_PER_STATUS = 200
CONTOH_DITOLAK = 1000
SELISIH_Z = 0.05

Kemajuan = Callable[[str, int, int], None]


def _diam(tahap: str, diproses: int, jumlah: int) -> None:
    return None


_AWALAN = re.compile(r"^(kecamatan|kec|kelurahan|kel|desa|posyandu|pos)\b\.?\s*")


def kunci_tempat(nama: str) -> str:
    """A place name as compared: no "Kec."/"Desa"/"Posyandu" prefix, letters and digits."""
    teks = _AWALAN.sub("", nama.strip().lower())
    return re.sub(r"[^a-z0-9]", "", teks)


@dataclass
class Hasil:
    """What a file would do (``periksa``), and after ``simpan`` what it did."""

    jumlah: int = 0
    status: list[str] = field(default_factory=list)
    baris: list[Baris] = field(default_factory=list)
    balita_baru: int = 0
    selisih_z: int = 0
    kia_berubah: int = 0  # registered children whose "punya buku KIA" the file changes
    disimpan: bool = False
    # internal: what to write
    _rencana: dict = field(default_factory=dict, repr=False)

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
        info = self._rencana.get("info", {})
        for b, s in zip(self.baris, self.status, strict=True):
            if batas[s] <= 0:
                continue
            batas[s] -= 1
            extra = info.get(b.nomor, {})
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
        pengurai = Pengurai(peta, hari_ini)
        nomor = 2
        for blok in tabel.chunks(10_000):
            for row in blok:
                if all(c == "" or c is None for c in row):
                    nomor += 1
                    continue  # an empty line is not a row
                baris.append(pengurai.urai(row, nomor))
                nomor += 1
    return baris, len(baris)


class _Tempat:
    """Desa by (kecamatan, desa); Posyandu by name within the desa; the user's scope."""

    def __init__(self, user):
        self.desa = {}
        for d in Desa.objects.select_related("kecamatan"):
            for kec in {kunci_tempat(d.kecamatan.nama), kunci_tempat(d.kecamatan.kode)}:
                self.desa[(kec, kunci_tempat(d.nama))] = d.pk
        self.posyandu = {}
        self.nama_posyandu = {}
        for p in Posyandu.objects.all().values("pk", "desa_id", "nama"):
            self.posyandu[(p["desa_id"], kunci_tempat(p["nama"]))] = p["pk"]
            self.nama_posyandu[p["pk"]] = p["nama"]
        self.cakupan = (
            None if user is None or user.has_perm(access.SEMUA)
            else set(access.posyandu_for_user(user).values_list("pk", flat=True))
        )

    def boleh(self, posyandu_id: int) -> bool:
        return self.cakupan is None or posyandu_id in self.cakupan


def _balita_terdaftar(baris: list[Baris]) -> tuple[dict, dict, dict]:
    """Registered children who could be in the file (by birth date), indexed by both
    identities; and their (sex, home Posyandu, holds a KIA book)."""
    tanggal = sorted({b.tgl_lahir for b in baris if not b.alasan})
    per_nik, per_ibu, data = {}, {}, {}
    for awal in range(0, len(tanggal), 500):
        for pk, nik, nama, lahir, ibu, jk, posyandu_id, kia in (
            Balita.objects.filter(tanggal_lahir__in=tanggal[awal:awal + 500])
            .order_by("pk")
            .values_list("pk", "nik", "nama", "tanggal_lahir", "nama_ibu", "jenis_kelamin",
                         "posyandu_id", "punya_buku_kia")
        ):
            nama_k = kunci_nama(nama)
            if nik:
                per_nik.setdefault((nik, lahir, nama_k), pk)
            if ibu:
                per_ibu.setdefault((nama_k, lahir, kunci_nama(ibu)), pk)
            data[pk] = (jk, posyandu_id, kia)
    return per_nik, per_ibu, data


def _pengukuran_tersimpan(balita_ids: set[int], dari: date, sampai: date) -> dict:
    """(child, date) → (pk, berat, tinggi, cara, lila) of stored measurements."""
    ids = sorted(balita_ids)
    keluar = {}
    for awal in range(0, len(ids), 5000):
        for pk, bal, tgl, berat, tinggi, cara, lila in Pengukuran.objects.filter(
            balita_id__in=ids[awal:awal + 5000], tanggal_ukur__gte=dari, tanggal_ukur__lte=sampai
        ).values_list("pk", "balita_id", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur",
                      "lila_cm"):
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


def periksa(path, *, user=None, kemajuan: Kemajuan = _diam, hari_ini: date | None = None) -> Hasil:
    """Read the file and decide what committing would do, row by row (nothing is written).

    ``user``: whose scope applies (None: a command run by an administrator, no scope).
    Raises ``SpreadsheetError``/``KolomError`` when the file cannot be read as a whole."""
    hari_ini = hari_ini or timezone.localdate()
    kemajuan(_("Membaca berkas"), 0, 0)
    baris, jumlah = _baca(path, hari_ini)
    hasil = Hasil(jumlah=jumlah, baris=baris, status=[DITOLAK] * jumlah)
    kemajuan(_("Mencocokkan wilayah dan balita"), 0, jumlah)
    tempat = _Tempat(user)
    per_nik, per_ibu, terdaftar = _balita_terdaftar(baris)

    anak = [None] * jumlah  # int pk of a registered child, or ("baru", index)
    posyandu_baris = [None] * jumlah
    baru_per_nik, baru_per_ibu, balita_baru = {}, {}, []
    for i, b in enumerate(baris):
        if i % 20_000 == 0 and i:
            kemajuan(_("Mencocokkan wilayah dan balita"), i, jumlah)
        if b.alasan:
            continue
        desa_id = tempat.desa.get((kunci_tempat(b.kec), kunci_tempat(b.desa)))
        if desa_id is None:
            b.tolak(
                _("Desa/kelurahan '%(desa)s' tidak ada di Kecamatan '%(kec)s'.")
                % {"desa": b.desa, "kec": b.kec},
                "desa",
            )
            continue
        posyandu_id = tempat.posyandu.get((desa_id, kunci_tempat(b.posyandu)))
        if posyandu_id is None:
            b.tolak(
                _("Posyandu '%(posyandu)s' tidak terdaftar di %(desa)s (Kec. %(kec)s); "
                  "Sekretariat TPPS menambahkannya di admin.")
                % {"posyandu": b.posyandu, "desa": b.desa, "kec": b.kec},
                "posyandu",
            )
            continue
        if not tempat.boleh(posyandu_id):
            b.tolak(
                _("Posyandu %(posyandu)s di luar cakupan wilayah Anda.")
                % {"posyandu": tempat.nama_posyandu[posyandu_id]},
                "posyandu",
            )
            continue
        nama_k = kunci_nama(b.nama)
        k_nik = (b.nik, b.tgl_lahir, nama_k) if b.nik else None
        k_ibu = (nama_k, b.tgl_lahir, kunci_nama(b.nama_ortu)) if b.nama_ortu else None
        pk = (k_nik and per_nik.get(k_nik)) or (k_ibu and per_ibu.get(k_ibu))
        if pk:
            jk, rumah, _kia = terdaftar[pk]
            if jk != b.jk:
                b.tolak(
                    _("Jenis kelamin %(file)s berbeda dengan data balita terdaftar (%(db)s); "
                      "periksa datanya.") % {"file": b.jk, "db": jk},
                    "jk",
                )
                continue
            if not tempat.boleh(rumah):
                b.tolak(
                    _("Balita ini terdaftar di Posyandu %(posyandu)s, di luar cakupan Anda.")
                    % {"posyandu": tempat.nama_posyandu.get(rumah, "?")}
                )
                continue
            anak[i] = pk
        else:
            ref = (k_nik and baru_per_nik.get(k_nik)) or (k_ibu and baru_per_ibu.get(k_ibu))
            if ref is None:
                ref = ("baru", len(balita_baru))
                balita_baru.append((b, desa_id, posyandu_id))
                if k_nik:
                    baru_per_nik[k_nik] = ref
                if k_ibu:
                    baru_per_ibu[k_ibu] = ref
            elif balita_baru[ref[1]][0].jk != b.jk:
                b.tolak(_("Jenis kelamin berbeda dengan baris %(n)s untuk balita yang sama.")
                        % {"n": balita_baru[ref[1]][0].nomor}, "jk")
                continue
            anak[i] = ref
        posyandu_baris[i] = posyandu_id

    diterima = [i for i, b in enumerate(baris) if not b.alasan]
    tanggal_ukur = [baris[i].tgl_ukur for i in diterima]
    tersimpan = (
        _pengukuran_tersimpan(
            {anak[i] for i in diterima if isinstance(anak[i], int)},
            min(tanggal_ukur),
            max(tanggal_ukur),
        )
        if diterima else {}
    )
    pertama = {}
    baru, berubah, info = [], [], {}
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
        lama = tersimpan.get(kunci)
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
            info[b.nomor] = {"lama": _("berat %(b)s kg, tinggi %(t)s cm") % {
                "b": lama[1] if lama[1] is not None else "–",
                "t": lama[2] if lama[2] is not None else "–"}}
        if isinstance(anak[i], tuple):
            info.setdefault(b.nomor, {})["balita_baru"] = True

    kia_ubah, kia_baru = _kia_dari_berkas(baris, hasil.status, anak, terdaftar)
    hasil.kia_berubah = len(kia_ubah)

    # Our z-scores, for every accepted row, in one batch of the engine.
    kemajuan(_("Menghitung z-score"), jumlah, jumlah)
    dihitung = [i for i in diterima if not baris[i].alasan]
    skor = {}
    if dihitung:
        bs = [baris[i] for i in dihitung]
        skor = skor_kolom(
            laki=np.array([b.jk == "L" for b in bs]),
            umur_hari=np.array([(b.tgl_ukur - b.tgl_lahir).days for b in bs]),
            berat_kg=np.array([_angka(b.berat) for b in bs]),
            tinggi_cm=np.array([_angka(b.tinggi) for b in bs]),
            cara_ukur=np.array([b.cara for b in bs], dtype=np.int8),
            lila_cm=np.array([_angka(b.lila) for b in bs]),
        )
        for pos, i in enumerate(dihitung):
            b = baris[i]
            kami = (skor["zwei"][pos], skor["zlen"][pos], skor["zwfl"][pos])
            beda = any(
                k is not None and f is not None and abs(k - f) > SELISIH_Z
                for k, f in zip(kami, b.zs_berkas, strict=True)
            )
            hasil.selisih_z += beda
            d = info.setdefault(b.nomor, {})
            d["z"] = [None if k is None else round(k, 2) for k in kami]
            d["z_berkas"] = list(b.zs_berkas)
            d["kategori"] = [skor["kategori_bb_u"][pos], skor["kategori_tb_u"][pos],
                             skor["kategori_bb_tb"][pos]]
            if beda:
                d["selisih_z"] = True
    posisi = {i: pos for pos, i in enumerate(dihitung)}
    dipakai_baru = sorted({anak[i][1] for i in baru + [i for i, _p in berubah]
                           if isinstance(anak[i], tuple)})
    hasil.balita_baru = len(dipakai_baru)
    hasil._rencana = {
        "anak": anak,
        "posyandu": posyandu_baris,
        "balita_baru": balita_baru,
        "baru": baru,
        "berubah": berubah,
        "skor": skor,
        "posisi": posisi,
        "info": info,
        "kia_ubah": kia_ubah,
        "kia_baru": kia_baru,
    }
    return hasil


def _kia_dari_berkas(baris, status, anak, terdaftar) -> tuple[dict, dict]:
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
        if isinstance(ref, tuple):
            baru[ref[1]] = kia
        elif terdaftar[ref][2] != kia:
            ubah[ref] = kia
    return ubah, baru


def buka_kasus_banyak(kunci_ukur: set[tuple[int, date]]) -> int:
    """``alur.buka_kasus`` for many children: a case for each condition new at the
    child's latest measurement — when that measurement is one just written."""
    anak = sorted({b for b, _t in kunci_ukur})
    if not anak:
        return 0
    dari = min(t for _b, t in kunci_ukur) - timedelta(days=400)
    baru = []
    for awal in range(0, len(anak), 5000):
        kelompok = anak[awal:awal + 5000]
        riwayat = defaultdict(list)  # every row since ``dari``, newest first
        for bal, tgl, pk, *nilai in (
            Pengukuran.objects.filter(balita_id__in=kelompok, tanggal_ukur__gte=dari)
            .order_by("balita_id", "-tanggal_ukur")
            .values_list("balita_id", "tanggal_ukur", "pk", *KOLOM_KONDISI)
        ):
            riwayat[bal].append((tgl, pk, nilai))
        terbuka = set(
            Kasus.objects.terbuka().filter(balita_id__in=kelompok).values_list("balita_id", "jenis")
        )
        for bal, rows in riwayat.items():
            tgl, pk, nilai = rows[0]
            if (bal, tgl) not in kunci_ukur:
                continue
            sebelumnya = (kondisi(*r[2]) for r in rows[1:])
            for jenis in sorted(kondisi_baru(kondisi(*nilai), sebelumnya)):
                if (bal, jenis) not in terbuka:
                    baru.append(Kasus(balita_id=bal, jenis=jenis, pengukuran_id=pk,
                                      tanggal_ditemukan=tgl))
    Kasus.objects.bulk_create(baru, batch_size=2000)
    return len(baru)


KOLOM_BARU = (
    "balita", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm", "edema",
    "vitamin_a", "imunisasi", "dicatat_oleh", "berdiri_di_bawah_9_bulan", "naik", "dua_t",
    *[k for k in KOLOM_SKOR if k != "berdiri_di_bawah_9_bulan"],
)


def simpan(hasil: Hasil, *, user, kemajuan: Kemajuan = _diam) -> Hasil:
    """Write what ``periksa`` found, in the caller's transaction (``impor_berkas``)."""
    r = hasil._rencana
    baris, anak, skor, posisi = hasil.baris, r["anak"], r["skor"], r["posisi"]
    jumlah = hasil.jumlah
    kemajuan(_("Menyimpan balita baru"), 0, jumlah)
    dipakai = sorted({anak[i][1] for i in r["baru"] + [i for i, _p in r["berubah"]]
                      if isinstance(anak[i], tuple)})
    objek = []
    for k in dipakai:
        b, desa_id, posyandu_id = r["balita_baru"][k]
        objek.append(Balita(
            nik=b.nik, nama=b.nama, jenis_kelamin=b.jk, tanggal_lahir=b.tgl_lahir,
            nama_ibu=b.nama_ortu, desa_id=desa_id, posyandu_id=posyandu_id,
            rt=b.rt[:5], rw=b.rw[:5], alamat=b.alamat[:255],
            berat_lahir_kg=b.bb_lahir, panjang_lahir_cm=b.tb_lahir,
            punya_buku_kia=r["kia_baru"].get(k),
        ))
    dibuat = bulk_create_with_history(objek, Balita, batch_size=2000, default_user=user,
                                      default_change_reason=_("Impor e-PPGBM"))
    if dibuat and dibuat[0].pk is None:  # a database that returns no keys
        dibuat = list(Balita.objects.order_by("-pk")[: len(objek)])[::-1]
    pk_baru = {k: o.pk for k, o in zip(dipakai, dibuat, strict=True)}

    def pk_anak(i):
        a = anak[i]
        return pk_baru[a[1]] if isinstance(a, tuple) else a

    kemajuan(_("Menyimpan pengukuran"), jumlah // 3, jumlah)
    user_id = getattr(user, "pk", None)
    nama_skor = [k for k in KOLOM_SKOR if k != "berdiri_di_bawah_9_bulan"]

    def baris_baru():
        for i in r["baru"]:
            b, pos = baris[i], posisi[i]
            yield (
                pk_anak(i), b.tgl_ukur, b.berat, b.tinggi, CARA_DB[b.cara], b.lila,
                False, b.vit_a, False, user_id, skor["berdiri_di_bawah_9_bulan"][pos], "", False,
                *[skor[k][pos] for k in nama_skor],
            )

    sisipkan(Pengukuran, KOLOM_BARU, baris_baru())

    kemajuan(_("Memperbarui pengukuran yang berubah"), jumlah // 2, jumlah)
    if r["berubah"]:
        objek = Pengukuran.objects.in_bulk([pk for _i, pk in r["berubah"]])
        ubah = []
        for i, pk in r["berubah"]:
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

    kia_ubah = sorted(r["kia_ubah"])
    for awal in range(0, len(kia_ubah), 5000):
        ubah = list(Balita.objects.filter(pk__in=kia_ubah[awal:awal + 5000]))
        for balita in ubah:
            balita.punya_buku_kia = r["kia_ubah"][balita.pk]
        bulk_update_with_history(
            ubah, Balita, ["punya_buku_kia"], batch_size=1000, default_user=user,
            default_change_reason=_("Buku KIA menurut impor e-PPGBM"),
        )

    kemajuan(_("Menghitung N/T dan 2T"), 2 * jumlah // 3, jumlah)
    ditulis = {(pk_anak(i), baris[i].tgl_ukur) for i in r["baru"] + [i for i, _p in r["berubah"]]}
    hitung_naik_banyak({b for b, _t in ditulis})
    kemajuan(_("Membuka kasus"), 9 * jumlah // 10, jumlah)
    buka_kasus_banyak(ditulis)
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


def impor_berkas(path, *, user=None, simpan_data: bool = True, kemajuan: Kemajuan = _diam,
                 hari_ini: date | None = None) -> Hasil:
    """Check the file and, with ``simpan_data``, commit it: all of it or nothing.

    The check runs again inside the commit's transaction (under a lock on PostgreSQL, so
    that two imports at once cannot both create the same child)."""
    if not simpan_data:
        return periksa(path, user=user, kemajuan=kemajuan, hari_ini=hari_ini)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(5790005)")
        hasil = periksa(path, user=user, kemajuan=kemajuan, hari_ini=hari_ini)
        return simpan(hasil, user=user, kemajuan=kemajuan)
