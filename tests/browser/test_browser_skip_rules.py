"""Browser tests skip with a reason where Chromium is missing, and fail instead in CI."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def jalankan_uji_peramban(**env):
    # SQLite in memory: the inner run must not touch the outer run's test database.
    lingkungan = {k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL"}}
    lingkungan.update(CHROMIUM="/tidak/ada/chromium", **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider",
         "tests/browser/test_roster_browser.py::test_operator_replaces_their_focal_person_on_a_phone"],
        cwd=ROOT, env=lingkungan, capture_output=True, text=True, check=False,
    )


def test_without_chromium_browser_tests_skip_with_the_reason():
    hasil = jalankan_uji_peramban()
    assert hasil.returncode == 0, hasil.stdout[-2000:]
    assert "1 skipped" in hasil.stdout
    assert "Chromium tidak ditemukan di /tidak/ada/chromium" in hasil.stdout


def test_in_ci_a_missing_chromium_fails_the_run():
    hasil = jalankan_uji_peramban(CI="true")
    assert hasil.returncode != 0
    assert "Di CI uji peramban wajib berjalan" in hasil.stdout
