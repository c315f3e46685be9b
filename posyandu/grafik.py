"""Growth charts: the WHO SD curves (−3, −2, 0, +2, +3) and a child's points, as data for
Chart.js. The curves come from the same LMS tables as the z-scores."""

import numpy as np

from .growth import (
    DAYS_PER_MONTH,
    HEIGHT_FROM_DAY,
    LAST_SCORED_DAY,
    SEX_FEMALE,
    SEX_MALE,
    load_tables,
)
from .growth.tables import AGE_ROWS, sd_curve
from .models import Balita

SD_GARIS = (-3, -2, 0, 2, 3)
HARI_SAMPEL = np.arange(0, LAST_SCORED_DAY + 1, 15)  # every 15 days to 60 months


def _kurva_umur(nama: str, sex: int) -> dict[str, list]:
    tabel = getattr(load_tables(), nama)
    idx = sex * AGE_ROWS + HARI_SAMPEL
    l, m, s = tabel.l[idx], tabel.m[idx], tabel.s[idx]
    x = np.round(HARI_SAMPEL / DAYS_PER_MONTH, 2).tolist()
    return {"x": x, **{str(k): np.round(sd_curve(l, m, s, k), 2).tolist() for k in SD_GARIS}}


def _kurva_panjang(nama: str, sex: int) -> dict[str, list]:
    tabel = getattr(load_tables(), nama)
    baris = np.arange(0, tabel.rows, 5)  # every 0.5 cm
    idx = sex * tabel.rows + baris
    l, m, s = tabel.l[idx], tabel.m[idx], tabel.s[idx]
    x = ((tabel.first_tenth + baris) / 10).tolist()
    return {"x": x, **{str(k): np.round(sd_curve(l, m, s, k), 2).tolist() for k in SD_GARIS}}


def data_grafik(balita: Balita, pengukuran) -> dict:
    """Three charts for a child: PB/U–TB/U and BB/U by age in months, BB/PB–BB/TB by
    length; each with the WHO curves and the child's measured points."""
    sex = SEX_MALE if balita.jenis_kelamin == Balita.JenisKelamin.LAKI_LAKI else SEX_FEMALE
    titik_tb, titik_bb, titik_bbtb = [], [], []
    for p in pengukuran:
        if p.umur_hari is None or p.umur_hari > LAST_SCORED_DAY:  # WHO's curves end there
            continue
        bulan = round(p.umur_hari / DAYS_PER_MONTH, 2)
        if p.tinggi_cm is not None:
            titik_tb.append({"x": bulan, "y": float(p.tinggi_cm)})
        if p.berat_kg is not None:
            titik_bb.append({"x": bulan, "y": float(p.berat_kg)})
        if p.berat_kg is not None and p.clenhei is not None:
            titik_bbtb.append({"x": round(p.clenhei, 1), "y": float(p.berat_kg)})
    muda = all(p.umur_hari is None or p.umur_hari < HEIGHT_FROM_DAY for p in pengukuran)
    return {
        "tb_u": {
            "judul": "PB/U – TB/U",
            "sumbu_x": "umur (bulan)",
            "sumbu_y": "cm",
            "kurva": _kurva_umur("lfa", sex),
            "titik": titik_tb,
        },
        "bb_u": {
            "judul": "BB/U",
            "sumbu_x": "umur (bulan)",
            "sumbu_y": "kg",
            "kurva": _kurva_umur("wfa", sex),
            "titik": titik_bb,
        },
        "bb_tb": {
            "judul": "BB/PB" if muda else "BB/TB",
            "sumbu_x": "panjang/tinggi (cm)",
            "sumbu_y": "kg",
            "kurva": _kurva_panjang("wfl" if muda else "wfh", sex),
            "titik": titik_bbtb,
        },
    }
