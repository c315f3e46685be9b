"""seed_reference: inserts what is missing, keeps what administrators changed or deleted."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from opd import roles
from opd.models import OPD

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_reference", *args, stdout=out)
    return out.getvalue()


def izin(grup):
    return {
        f"{app}.{code}"
        for app, code in Group.objects.get(name=grup).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_loads_the_33_members_with_their_kinds():
    keluaran = seed()
    assert "opd/opd.csv: 33 dibuat" in keluaran
    assert OPD.objects.count() == 33
    assert OPD.objects.get(singkatan="Kemenag").jenis == OPD.Jenis.INSTANSI_VERTIKAL
    assert OPD.objects.get(singkatan="TP-PKK").jenis == OPD.Jenis.ORGANISASI
    assert OPD.objects.get(singkatan="RSUD").jenis == OPD.Jenis.RUMAH_SAKIT
    assert OPD.objects.filter(jenis=OPD.Jenis.KECAMATAN).count() == 3
    assert OPD.objects.get(singkatan="Dinkes").wajib_lapor
    assert not OPD.objects.get(singkatan="BPS").wajib_lapor
    # The decree's order: the Setda first.
    assert OPD.objects.first().singkatan == "Setda"


def test_second_run_duplicates_nothing():
    seed()
    keluaran = seed()
    assert "opd/opd.csv: 0 dibuat, 0 diperbarui, 33 sudah ada" in keluaran
    assert OPD.objects.count() == 33
    assert Group.objects.filter(name__in=roles.PERAN).count() == 4


def test_an_administrators_change_is_kept_and_update_takes_the_file_over():
    seed()
    dinkes = OPD.objects.get(singkatan="Dinkes")
    dinkes.nama = "Dinas Kesehatan Kota Batu"
    dinkes.save()
    seed()
    dinkes.refresh_from_db()
    assert dinkes.nama == "Dinas Kesehatan Kota Batu"

    keluaran = seed("--update")
    dinkes.refresh_from_db()
    assert dinkes.nama == "Dinas Kesehatan"
    assert "1 diperbarui" in keluaran


def test_a_deleted_or_renamed_member_does_not_come_back_until_update():
    seed()
    OPD.objects.get(singkatan="Disnaker").delete()
    OPD.objects.filter(singkatan="DPPPAPPKB").update(singkatan="DP3AP2KB")
    keluaran = seed()
    assert not OPD.objects.filter(singkatan__in=["Disnaker", "DPPPAPPKB"]).exists()
    assert "2 tidak dikembalikan" in keluaran
    assert OPD.objects.count() == 32

    seed("--update")
    assert OPD.objects.filter(singkatan="Disnaker").exists()


def test_roles_get_the_permissions_of_the_access_table():
    seed()
    sekretariat, operator = izin(roles.SEKRETARIAT), izin(roles.OPERATOR_OPD)
    assert {"opd.change_anggotatim", "opd.add_user", "opd.change_opd"} <= sekretariat
    assert "opd.kelola_anggota_opd_sendiri" in operator
    assert "opd.change_anggotatim" not in operator
    pimpinan = izin(roles.PIMPINAN)
    assert set(roles.BACA_ROSTER) <= pimpinan
    assert not any(p.startswith(("opd.change", "opd.add", "opd.delete")) for p in pimpinan)
    assert not any(p.startswith(("opd.change", "opd.add", "opd.delete"))
                   for p in izin(roles.PETUGAS_POSYANDU))


def test_a_permission_an_administrator_removed_stays_removed():
    seed()
    grup = Group.objects.get(name=roles.OPERATOR_OPD)
    grup.permissions.remove(Permission.objects.get(codename="kelola_anggota_opd_sendiri"))
    tambahan = Permission.objects.get(codename="view_user")
    grup.permissions.add(tambahan)
    seed()
    assert "opd.kelola_anggota_opd_sendiri" not in izin(roles.OPERATOR_OPD)
    assert "opd.view_user" in izin(roles.OPERATOR_OPD)
    seed("--update")
    assert "opd.kelola_anggota_opd_sendiri" in izin(roles.OPERATOR_OPD)


def test_seeding_is_recorded_in_the_history_with_a_reason():
    seed()
    catatan = OPD.objects.get(singkatan="Dinkes").history.first()
    assert catatan.history_type == "+" and catatan.history_change_reason == "seed_reference"
