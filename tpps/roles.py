"""The four roles (architecture.md, "Who sees what") as groups with their permissions.

Roles are defined here in code; ``seed_reference`` creates the groups and grants what is
listed. Later capabilities add their permissions to these lists.
"""

SEKRETARIAT = "Sekretariat TPPS"
OPERATOR_OPD = "Operator OPD"
PIMPINAN = "Pimpinan"
PETUGAS_POSYANDU = "Petugas Posyandu"

_ROSTER = ("opd", "sk", "bidang", "anggotatim", "mitra")


def _izin(aksi: tuple[str, ...], models: tuple[str, ...], app: str = "opd") -> list[str]:
    return [f"{app}.{a}_{m}" for m in models for a in aksi]


BACA_ROSTER = _izin(("view",), _ROSTER)

PERAN: dict[str, list[str]] = {
    SEKRETARIAT: [
        *_izin(("add", "change", "delete", "view"), _ROSTER),
        # Account management: create users, give them a role, an agency, a new password.
        *_izin(("add", "change", "view"), ("user",)),
    ],
    PIMPINAN: [*BACA_ROSTER],
    OPERATOR_OPD: [*BACA_ROSTER, "opd.kelola_anggota_opd_sendiri"],
    PETUGAS_POSYANDU: [*BACA_ROSTER],
}
