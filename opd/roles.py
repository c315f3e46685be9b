"""The four roles (architecture.md, "Who sees what") as groups with their permissions.

Roles are defined here in code; ``seed_reference`` creates the groups and grants what is
listed. Later capabilities add their permissions to these lists.
"""

SEKRETARIAT = "Sekretariat TPPS"
OPERATOR_OPD = "Operator OPD"
PIMPINAN = "Pimpinan"
PETUGAS_POSYANDU = "Petugas Posyandu"

#: Roles whose work is partly in the admin (roster, catalogue, targets, semesters, BPKP
#: evaluation; accounts are managed in the app at /pengguna/, the admin's account pages are
#: for superusers): holding one gives admin access (``is_staff``), see ``beri_akses_admin``.
PERAN_ADMIN = (SEKRETARIAT,)

_ROSTER = ("opd", "sk", "bidang", "anggotatim", "mitra")


def _izin(aksi: tuple[str, ...], models: tuple[str, ...], app: str = "opd") -> list[str]:
    return [f"{app}.{a}_{m}" for m in models for a in aksi]


BACA_ROSTER = _izin(("view",), _ROSTER)

# Semester evaluation (evaluasi). Reading a model means reading *verified* figures; drafts
# of other OPDs need "lihat_draf_semua_opd". Reports change only through the workflow pages.
_EVALUASI_KATALOG = ("indikator", "targetindikator", "predikatcapaian", "semester",
                     "evaluasibpkp", "temuanbpkp", "rekomendasibpkp")
_EVALUASI_LAPORAN = ("laporansemester", "capaian", "programkegiatan", "pembukaankunci")
BACA_EVALUASI = _izin(("view",), _EVALUASI_KATALOG + _EVALUASI_LAPORAN, app="evaluasi")

# Meetings, the follow-up register, partner contributions (tpps). Every signed-in user reads
# them all; an Operator OPD posts progress on their own agency's follow-ups.
_RAPAT = ("rapat", "agendarapat", "kehadiranrapat", "keputusanrapat", "tindaklanjut",
          "progrestindaklanjut", "kontribusimitra")
BACA_RAPAT = _izin(("view",), _RAPAT, app="tpps")

# The semester report (tpps.laporan_semester): whoever reads semester data reads the report;
# Pimpinan signs it off once the semester is locked (the signed copy is frozen).
BACA_LAPORAN_SEMESTER = ["tpps.view_pengesahanlaporan"]

# Children and measurements (posyandu). Which children: posyandu.access (Sekretariat all
# through "akses_semua_wilayah"; a Petugas the Posyandu of their scope). "lihat_nik" is
# granted to single users, never to a whole role.
_WILAYAH = ("kecamatan", "desa", "puskesmas", "posyandu", "layanan", "targetprevalensi",
            "angkaresmi")
_BALITA = ("balita", "kegiatan", "pengukuran", "kasus")
KELOLA_BALITA = [
    *_izin(("view",), _WILAYAH, app="posyandu"),
    *_izin(("add", "change", "view"), _BALITA, app="posyandu"),
]
# e-PPGBM files in and out (scope applies to both; every export is logged).
EPPGBM = ["posyandu.impor_eppgbm", "posyandu.ekspor_balita", "posyandu.view_imporeppgbm"]

PERAN: dict[str, list[str]] = {
    SEKRETARIAT: [
        *_izin(("add", "change", "delete", "view"), _ROSTER),
        # Account management at /pengguna/ (posyandu.pengguna): invite users, give them a
        # role, an agency or a scope, deactivate them. People set their own passwords.
        *_izin(("add", "change", "view"), ("user",)),
        *BACA_EVALUASI,
        *_izin(("add", "change", "delete"), _EVALUASI_KATALOG, app="evaluasi"),
        "evaluasi.isi_laporan_semua_opd",
        "evaluasi.lihat_draf_semua_opd",
        "evaluasi.verifikasi_laporan",
        "evaluasi.kunci_semester",
        *_izin(("add", "change", "delete", "view"), _RAPAT, app="tpps"),
        *KELOLA_BALITA,
        *_izin(("add", "change", "delete"), _WILAYAH, app="posyandu"),
        "posyandu.akses_semua_wilayah", "posyandu.view_logaksesdata",
        # A parent's request (UU 27/2022): one child's whole record exported, logged.
        "posyandu.ekspor_data_anak",
        "posyandu.view_cakupanpetugas", "posyandu.add_cakupanpetugas",
        "posyandu.change_cakupanpetugas", "posyandu.delete_cakupanpetugas",
        *EPPGBM,
        *BACA_LAPORAN_SEMESTER,
    ],
    PIMPINAN: [*BACA_ROSTER, *BACA_EVALUASI, *BACA_RAPAT, *BACA_LAPORAN_SEMESTER,
               "tpps.sahkan_laporan"],
    OPERATOR_OPD: [
        *BACA_ROSTER, "opd.kelola_anggota_opd_sendiri",
        *BACA_EVALUASI, "evaluasi.isi_laporan_opd_sendiri",
        *BACA_RAPAT, "tpps.catat_progres_opd_sendiri",
        *BACA_LAPORAN_SEMESTER,
    ],
    PETUGAS_POSYANDU: [*BACA_ROSTER, *BACA_RAPAT, *KELOLA_BALITA, *EPPGBM],
}


def beri_akses_admin(user) -> bool:
    """Give ``user`` admin access when they hold a role that works in the admin.

    Called wherever a role is given (the account page in the admin, ``seed_reference``),
    so assigning Sekretariat TPPS is enough to reach the pages its work sends it to.
    Access is only given here, never taken: an account may be staff for another reason.
    True when it changed.
    """
    if user.is_staff or not user.groups.filter(name__in=PERAN_ADMIN).exists():
        return False
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return True
