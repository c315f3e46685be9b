"""How a measurement is shown: severity colours of Permenkes categories, warnings."""

from django.utils.translation import gettext as _

from .growth import BB_TB_LABELS, BB_U_LABELS, TB_U_LABELS
from .models import Pengukuran

# Bootstrap colour per category: red for the severe end, amber for moderate, green normal,
# blue/grey for the high end (overweight risk, tall).
WARNA = {
    BB_U_LABELS[0]: "danger",
    BB_U_LABELS[1]: "warning",
    BB_U_LABELS[2]: "success",
    BB_U_LABELS[3]: "info",
    TB_U_LABELS[0]: "danger",
    TB_U_LABELS[1]: "warning",
    TB_U_LABELS[2]: "success",
    TB_U_LABELS[3]: "secondary",
    BB_TB_LABELS[0]: "danger",
    BB_TB_LABELS[1]: "warning",
    BB_TB_LABELS[2]: "success",
    BB_TB_LABELS[3]: "info",
    BB_TB_LABELS[4]: "warning",
    BB_TB_LABELS[5]: "danger",
}


def warna(label: str) -> str:
    return WARNA.get(label, "light")


def peringatan(p: Pengukuran) -> list[str]:
    pesan = []
    nama = {
        "flen": "PB/U–TB/U",
        "fwei": "BB/U",
        "fwfl": "BB/PB–BB/TB",
        "fbmi": "IMT/U",
        "fhc": _("lingkar kepala/U"),
        "fac": _("LiLA/U"),
    }
    for f, label in nama.items():
        if getattr(p, f):
            pesan.append(
                _(
                    "Nilai %(indeks)s tidak wajar menurut WHO (ditandai, tidak dihitung "
                    "dalam prevalensi): periksa pengukuran."
                )
                % {"indeks": label}
            )
    if p.berdiri_di_bawah_9_bulan:
        pesan.append(
            _(
                "Diukur berdiri padahal di bawah 9 bulan: cara ukur dianggap tidak "
                "diketahui. Ukur telentang."
            )
        )
    if p.dua_t:
        pesan.append(_("2T: berat tidak naik dua kali berturut-turut — rujuk ke Puskesmas."))
    return pesan


def ringkas(p: Pengukuran) -> dict:
    """A saved measurement as the fast-entry page shows it."""

    def z(nilai):
        return None if nilai is None else f"{nilai:.2f}".replace(".", ",")

    return {
        "umur": p.balita.umur_teks(p.tanggal_ukur),
        "z": {"tb_u": z(p.zlen), "bb_u": z(p.zwei), "bb_tb": z(p.zwfl), "imt_u": z(p.zbmi)},
        "kategori": [
            {"indeks": "BB/U", "label": p.kategori_bb_u, "warna": warna(p.kategori_bb_u)},
            {"indeks": "PB/U–TB/U", "label": p.kategori_tb_u, "warna": warna(p.kategori_tb_u)},
            {"indeks": "BB/PB–BB/TB", "label": p.kategori_bb_tb, "warna": warna(p.kategori_bb_tb)},
        ],
        "naik": p.naik,
        "peringatan": peringatan(p),
    }
