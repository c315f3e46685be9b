import io
import re

import pytest
from django.core.management import call_command

from opd import roles
from opd.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def buat():
    out = io.StringIO()
    call_command("buat_akun_demo", stdout=out)
    return out.getvalue()


def test_creates_a_demo_administrator_once_and_prints_a_working_password(peran):
    keluaran = buat()
    sandi = re.search(r"kata sandi\s*:\s*(\S+)", keluaran).group(1)
    admin = User.objects.get(username="admin")
    assert admin.check_password(sandi) and admin.is_superuser and admin.is_staff
    assert admin.groups.filter(name=roles.SEKRETARIAT).exists()

    keluaran = buat()
    assert "tidak dibuat" in keluaran and "kata sandi" not in keluaran
    assert User.objects.count() == 1
    assert User.objects.get(username="admin").check_password(sandi)


def test_no_demo_account_when_users_exist(peran):
    make_user("sari")
    buat()
    assert not User.objects.filter(username="admin").exists()


def test_printed_account_signs_in(client, peran):
    sandi = re.search(r"kata sandi\s*:\s*(\S+)", buat()).group(1)
    resp = client.post("/akun/masuk/", {"username": "admin", "password": sandi})
    assert resp.status_code == 302
    assert client.get("/admin/").status_code == 200
