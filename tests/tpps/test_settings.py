"""Settings come from the environment; production defaults are the safe ones."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KUNCI = "uji-" + "x" * 60


def baca_settings(**env):
    """Import tpps.settings in a fresh interpreter with exactly ``env`` (no .env file)."""
    lingkungan = {"PATH": os.environ["PATH"], "ENV_FILE": "/dev/null/tidak-ada", **env}
    kode = (
        "import json, tpps.settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG','SECURE_SSL_REDIRECT','SESSION_COOKIE_SECURE','CSRF_COOKIE_SECURE',"
        "'SECURE_HSTS_SECONDS','SECURE_HSTS_INCLUDE_SUBDOMAINS','SECURE_HSTS_PRELOAD',"
        "'SECURE_PROXY_SSL_HEADER','ALLOWED_HOSTS','CSRF_TRUSTED_ORIGINS','LANGUAGE_CODE',"
        "'TIME_ZONE']} | {'DB': s.DATABASES['default']['ENGINE']}, default=str))"
    )
    hasil = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=lingkungan, capture_output=True,
        text=True, check=False,
    )
    return hasil


def test_production_defaults_are_https_with_hsts_and_secure_cookies():
    hasil = baca_settings(SECRET_KEY=KUNCI)
    assert hasil.returncode == 0, hasil.stderr
    s = json.loads(hasil.stdout)
    assert s["DEBUG"] is False
    assert s["SECURE_SSL_REDIRECT"] and s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] == 31_536_000
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and s["SECURE_HSTS_PRELOAD"]
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["LANGUAGE_CODE"] == "id" and s["TIME_ZONE"] == "Asia/Jakarta"
    assert s["DB"] == "django.db.backends.sqlite3"


def test_https_off_for_plain_http_and_each_piece_configurable():
    s = json.loads(baca_settings(SECRET_KEY=KUNCI, HTTPS="off").stdout)
    assert not s["SECURE_SSL_REDIRECT"] and not s["SESSION_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] == 0 and s["SECURE_PROXY_SSL_HEADER"] is None

    s = json.loads(
        baca_settings(SECRET_KEY=KUNCI, SECURE_HSTS_PRELOAD="off", SECURE_HSTS_SECONDS="600",
                      PROXY_SSL_HEADER="").stdout
    )
    assert s["SECURE_SSL_REDIRECT"] and not s["SECURE_HSTS_PRELOAD"]
    assert s["SECURE_HSTS_SECONDS"] == 600 and s["SECURE_PROXY_SSL_HEADER"] is None


def test_hosts_origins_and_database_from_environment():
    s = json.loads(
        baca_settings(
            SECRET_KEY=KUNCI,
            ALLOWED_HOSTS="tpps.batukota.go.id,10.0.0.5",
            CSRF_TRUSTED_ORIGINS="https://tpps.batukota.go.id",
            DATABASE_URL="postgres://tpps@127.0.0.1:5432/tpps",
        ).stdout
    )
    assert s["ALLOWED_HOSTS"] == ["tpps.batukota.go.id", "10.0.0.5"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://tpps.batukota.go.id"]
    assert s["DB"] == "django.db.backends.postgresql"


def test_secret_key_required_when_debug_is_off():
    hasil = baca_settings()
    assert hasil.returncode != 0
    assert "SECRET_KEY wajib diisi" in hasil.stderr


def test_debug_runs_without_secret_key():
    hasil = baca_settings(DEBUG="on")
    assert hasil.returncode == 0, hasil.stderr
    assert json.loads(hasil.stdout)["SECURE_SSL_REDIRECT"] is False


@pytest.mark.parametrize("https, lolos", [("on", True), ("off", False)])
def test_deploy_check_passes_only_with_https(https, lolos):
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "ENV_FILE": "/dev/null/tidak-ada",
             "SECRET_KEY": "k3y-" + "Zq9!" * 15, "HTTPS": https,
             "ALLOWED_HOSTS": "tpps.batukota.go.id"},
        capture_output=True, text=True, check=False,
    )
    assert (hasil.returncode == 0) is lolos, hasil.stdout + hasil.stderr
