"""The columns of an e-PPGBM export (domain.md §5) and how their headers are recognised.

Headers are matched loosely: case, spaces and punctuation do not count ("Tgl Lahir",
"TGL_LAHIR", "tgl lahir" are one column), and the known spellings are accepted (e-PPGBM's
own "Pukesmas", "Nama Ibu" for "Nama Ortu", "PB/U" for "TB/U").
"""

import re

from django.utils.translation import gettext as _

#: (key, the header e-PPGBM writes, other spellings) in the export's order.
KOLOM = (
    ("nik", "NIK", ("nikanak", "nikbalita")),
    ("nama", "Nama", ("namaanak", "namabalita")),
    ("jk", "JK", ("jeniskelamin", "lp", "sex")),
    ("tgl_lahir", "Tgl Lahir", ("tanggallahir", "tgllhr")),
    ("bb_lahir", "BB Lahir", ("beratlahir", "bblahirkg")),
    ("tb_lahir", "TB Lahir", ("panjanglahir", "pblahir", "tblahircm")),
    ("nama_ortu", "Nama Ortu", ("namaibu", "namaorangtua", "ortu")),
    ("prov", "Prov", ("provinsi",)),
    ("kab_kota", "Kab/Kota", ("kabupatenkota", "kota", "kabupaten")),
    ("kec", "Kec", ("kecamatan",)),
    ("puskesmas", "Pukesmas", ("puskesmas", "pkm")),
    ("desa", "Desa/Kel", ("desa", "kelurahan", "desakelurahan")),
    ("posyandu", "Posyandu", ("namaposyandu",)),
    ("rt", "RT", ()),
    ("rw", "RW", ()),
    ("alamat", "Alamat", ("alamatlengkap",)),
    ("usia_ukur", "Usia Saat Ukur", ("usia", "umur", "umursaatukur")),
    ("tgl_ukur", "Tanggal Pengukuran", ("tglpengukuran", "tanggalukur", "tglukur")),
    ("berat", "Berat", ("bb", "beratbadan", "beratkg")),
    ("tinggi", "Tinggi", ("tb", "tinggibadan", "tinggicm", "pbtb", "panjangtinggi")),
    ("cara_ukur", "Cara Ukur", ("caraukurtinggi",)),
    ("lila", "LiLA", ("lilacm",)),
    ("bb_u", "BB/U", ()),
    ("zs_bb_u", "ZS BB/U", ("zsbbu", "zbbu")),
    ("tb_u", "TB/U", ("pbu", "pbtbu")),
    ("zs_tb_u", "ZS TB/U", ("zspbu", "zspbtbu", "ztbu")),
    ("bb_tb", "BB/TB", ("bbpb", "bbpbtb")),
    ("zs_bb_tb", "ZS BB/TB", ("zsbbpb", "zsbbpbtb", "zbbtb")),
    ("naik_bb", "Naik Berat Badan", ("naikbb", "ntob")),
    ("pmt_kg", "PMT Diterima (kg)", ("pmtditerima", "pmt")),
    ("vit_a", "Jml Vit A", ("vita", "vitamina", "jumlahvita")),
    ("kpsp", "KPSP", ()),
    ("kia", "KIA", ("bukukia",)),
)

JUDUL = {kunci: judul for kunci, judul, _lain in KOLOM}
URUTAN = [kunci for kunci, _judul, _lain in KOLOM]
WAJIB = ("nama", "jk", "tgl_lahir", "kec", "desa", "posyandu", "tgl_ukur", "berat", "tinggi")


def normal(teks: str) -> str:
    """A header as compared: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", str(teks).lower())


_SEBUTAN = {}
for _kunci, _judul, _lain in KOLOM:
    for _s in (_judul, *_lain):
        _SEBUTAN.setdefault(normal(_s), _kunci)


class KolomError(ValueError):
    """The file's header lacks required columns; the message is for the user."""


def petakan(header: list[str]) -> dict[str, int]:
    """Column key → position in the file; raises ``KolomError`` naming what is missing."""
    peta: dict[str, int] = {}
    for i, judul in enumerate(header):
        kunci = _SEBUTAN.get(normal(judul))
        if kunci and kunci not in peta:
            peta[kunci] = i
    hilang = [JUDUL[k] for k in WAJIB if k not in peta]
    if hilang:
        raise KolomError(
            _("Kolom wajib tidak ditemukan: %(kolom)s. Pastikan baris pertama berisi judul "
              "kolom ekspor e-PPGBM.") % {"kolom": ", ".join(hilang)}
        )
    return peta
