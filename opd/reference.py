"""The roster's reference data: the member agencies of the task force."""

from pathlib import Path

from tpps.lib.acuan import Baris, SumberAcuan, baca_csv, ya_tidak

from .models import OPD

DATA = Path(__file__).resolve().parent / "data"
BERKAS_OPD = DATA / "opd.csv"


def baris_opd():
    for nomor, row in enumerate(baca_csv(BERKAS_OPD), start=1):
        yield Baris(
            kunci=(row["singkatan"],),
            cari={"singkatan": row["singkatan"]},
            nilai={
                "nama": row["nama"],
                "jenis": row["jenis"],
                "wajib_lapor": ya_tidak(row["wajib_lapor"]),
                "catatan": row["catatan"],
                "urutan": nomor,
            },
        )


SUMBER = [SumberAcuan(nama="opd/opd.csv", model=OPD, berkas=BERKAS_OPD, baris=baris_opd)]
