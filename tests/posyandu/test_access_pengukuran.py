"""``access.get_pengukuran_for_hapus``: who may delete which measurement (the unit beneath
the delete page, whose tests are in test_pengukuran_hapus.py)."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from opd import roles
from posyandu import access
from posyandu.models import CakupanPetugas
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, ukur


def test_in_scope_with_the_permission(kader_melati, dinkes_kota, anak_melati):
    p = ukur(anak_melati, date(2025, 7, 10), berat=8.0)
    assert access.get_pengukuran_for_hapus(kader_melati, p.pk) == p
    assert access.get_pengukuran_for_hapus(dinkes_kota, p.pk) == p


def test_out_of_scope_without_the_permission_or_unknown(kader_melati, anak_mawar, anak_melati,
                                                       pimpinan):
    lain = ukur(anak_mawar, date(2025, 7, 10), berat=11.0)
    with pytest.raises(Http404):
        access.get_pengukuran_for_hapus(kader_melati, lain.pk)  # Mawar is not their Posyandu
    sendiri = ukur(anak_melati, date(2025, 7, 10), berat=8.0)
    with pytest.raises(PermissionDenied):
        access.get_pengukuran_for_hapus(pimpinan, sendiri.pk)  # aggregates only
    tanpa_cakupan = make_user("tamu", peran=roles.PETUGAS_POSYANDU)
    with pytest.raises(Http404):
        access.get_pengukuran_for_hapus(tanpa_cakupan, sendiri.pk)
    hanya_lihat = make_user("pengamat")  # in Melati's scope, may see but not correct
    hanya_lihat.user_permissions.add(Permission.objects.get(codename="view_balita"))
    beri_cakupan(hanya_lihat, CakupanPetugas.Tingkat.POSYANDU, posyandu=[anak_melati.posyandu])
    assert access.balita_for_user(hanya_lihat).filter(pk=anak_melati.pk).exists()
    with pytest.raises(PermissionDenied):
        access.get_pengukuran_for_hapus(hanya_lihat, sendiri.pk)
    with pytest.raises(Http404):
        access.get_pengukuran_for_hapus(kader_melati, 999_999)
