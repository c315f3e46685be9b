"""Reference data of the semester evaluation: the indicator catalogue, national targets,
and the achievement bands.

``data/indikator.csv`` is the project's copy of the 20 Perpres 72/2021 indicators; a column
``target_nasional_<tahun>`` gives that year's national target (blank: no target). Facts
marked "(periksa)" are uncertain seed data for the administrator to check.
"""

import re
from decimal import Decimal
from pathlib import Path

from opd.models import OPD
from tpps.lib.acuan import Baris, SumberAcuan, baca_csv
from tpps.lib.numbers import is_blank, parse_decimal

from .models import Indikator, PredikatCapaian, TargetIndikator

DATA = Path(__file__).resolve().parent / "data"
BERKAS_INDIKATOR = DATA / "indikator.csv"
BERKAS_PREDIKAT = DATA / "predikat.csv"
KOLOM_TARGET = re.compile(r"^target_nasional_(\d{4})$")


def _opd(singkatan: str) -> OPD | None:
    return OPD.objects.filter(singkatan=singkatan).first()


def baris_indikator():
    for nomor, row in enumerate(baca_csv(BERKAS_INDIKATOR), start=1):
        opd_utama = _opd(row["opd_utama"])
        if opd_utama is None:  # the roster no longer knows this OPD: leave the row out
            continue
        pendukung = [s.strip() for s in row["opd_pendukung"].split(";") if s.strip()]
        yield Baris(
            kunci=(row["kode"],),
            cari={"kode": row["kode"]},
            nilai={
                "nama": row["nama"],
                "kelompok": row["kelompok"],
                "satuan": row["satuan"],
                "arah": row["arah"],
                "opd_utama": opd_utama,
                "arti_pembilang": row["arti_pembilang"],
                "arti_penyebut": row["arti_penyebut"],
                "definisi_operasional": row["definisi_operasional"],
                "sumber_data": row["sumber_data"],
                "catatan": row["catatan"],
                "urutan": nomor,
            },
            m2m={"opd_pendukung": list(OPD.objects.filter(singkatan__in=pendukung))},
        )


def baris_target():
    for row in baca_csv(BERKAS_INDIKATOR):
        indikator = Indikator.objects.filter(kode=row["kode"]).first()
        if indikator is None:
            continue
        for kolom, isi in row.items():
            match = KOLOM_TARGET.match(kolom)
            if not match or is_blank(isi):
                continue
            tahun = int(match[1])
            yield Baris(
                kunci=(row["kode"], str(tahun)),
                cari={"indikator": indikator, "tahun": tahun},
                nilai={"target_nasional": parse_decimal(isi)},
            )


def baris_predikat():
    def batas(teks):
        return None if is_blank(teks) else Decimal(parse_decimal(teks))

    for nomor, row in enumerate(baca_csv(BERKAS_PREDIKAT), start=1):
        yield Baris(
            kunci=(row["nama"],),
            cari={"nama": row["nama"]},
            nilai={
                "batas_bawah": batas(row["batas_bawah"]),
                "batas_atas": batas(row["batas_atas"]),
                "warna": row["warna"],
                "urutan": nomor,
            },
        )


SUMBER = [
    SumberAcuan(nama="evaluasi/indikator.csv", model=Indikator, berkas=BERKAS_INDIKATOR,
                baris=baris_indikator),
    SumberAcuan(nama="evaluasi/indikator.csv (target nasional)", model=TargetIndikator,
                berkas=BERKAS_INDIKATOR, baris=baris_target),
    SumberAcuan(nama="evaluasi/predikat.csv", model=PredikatCapaian, berkas=BERKAS_PREDIKAT,
                baris=baris_predikat),
]
