"""Test settings: the real settings, with HTTPS off (tests that need it switch it on)."""

import os
import tempfile

os.environ["HTTPS"] = "off"
os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "k" * 40)

from tpps.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="tpps-uji-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="tpps-uji-static-")
STORAGES["default"] = {
    **STORAGES["default"],
    "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": MEDIA_ROOT},
}
