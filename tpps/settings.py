"""Settings of Sistem Informasi TPPS, read from the environment (and an optional ``.env``).

Every variable is documented in README.md ("Konfigurasi") and `.env.example`.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Real environment variables win over the file: a deployment can override one value.
# ENV_FILE points elsewhere (or at nothing) when the checkout's .env must not be read.
environ.Env.read_env(env.str("ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only-do-not-deploy")
else:
    try:
        SECRET_KEY = env("SECRET_KEY")
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi bila DEBUG mati (lihat .env.example). "
            "`make run` membuatnya otomatis di .env."
        ) from exc

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS: on by default in production. Each piece can be switched on its own, e.g. HSTS
# off while a domain is being moved.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
# Behind nginx/Apache the TLS ends at the proxy; it tells us with this header. Set
# PROXY_SSL_HEADER to an empty value when the app is reached without a proxy.
_proxy_header = env("PROXY_SSL_HEADER", default="HTTP_X_FORWARDED_PROTO" if HTTPS else "")
SECURE_PROXY_SSL_HEADER = (_proxy_header, "https") if _proxy_header else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The city this installation serves; everything else about it is reference data.
NAMA_DAERAH = env("NAMA_DAERAH", default="Kota Batu")
# Four eyes: whoever entered or changed a report's figures cannot verify it. Off
# (EMPAT_MATA=off) only for a team too small to have a second verifier.
EMPAT_MATA = env.bool("EMPAT_MATA", default=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "import_export",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "opd",
    "posyandu",
    "evaluasi",
    "tpps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, pre-compressed at collectstatic
    # Pages and JSON travel gzip-ed (a 150-child event page: ~340 KB as written, a tenth on
    # the wire). BREACH needs a secret echoed beside attacker-chosen text: Django masks the
    # CSRF token on every response, and session ids travel only in cookies.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page requires a signed-in user unless its view says otherwise (login, health).
    "tpps.middleware.WajibMasukMiddleware",  # Django's LoginRequiredMiddleware, JSON-aware
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tpps.urls"
WSGI_APPLICATION = "tpps.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tpps.context_processors.navigasi",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default (make run) holds several desks saving at once: WAL lets readers
    # and one writer work together, a writer waits for the lock (timeout, seconds) instead
    # of failing with "database is locked", and every transaction takes the write lock at
    # its start (IMMEDIATE) so that none fails half-way when it upgrades from reading.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# E-mail, as one URL (django-environ): smtp+tls://user:password@mail.batukota.go.id:587 in
# production; the console by default (make run prints each message); tests use locmem.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sistem Informasi TPPS <tpps@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open the product at: links in e-mails and on printed reports.
ALAMAT_SITUS = env("ALAMAT_SITUS", default="http://127.0.0.1:8000").rstrip("/")

AUTH_USER_MODEL = "opd.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username/IP before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "akun:masuk"
CSRF_FAILURE_VIEW = "tpps.galat.csrf_gagal"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "akun:masuk"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)

# Failed sign-ins: after AXES_FAILURE_LIMIT failures for one username from one address the
# pair is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
# ... and after TPPS_IP_FAILURE_LIMIT failures from one address within AXES_COOLOFF_MINUTES,
# whatever the usernames (password spraying), the whole address is locked (0: no such limit).
# Sekretariat TPPS lists and unlocks both at /pengguna/kunci-masuk/ (tpps/kunci_masuk).
TPPS_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=30)
AXES_HANDLER = "tpps.kunci_masuk.penangan.PenanganMasuk"
AXES_LOCKOUT_CALLABLE = "tpps.kunci_masuk.penangan.respons_terkunci"
# Every failure kept with its time (axes.AccessFailureLog): when a lock's failures began.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind N reverse proxies the client's address is the N-th from the right in
# X-Forwarded-For (tpps/lib/alamat.py); with no proxy the socket's address. A proxy is
# what the deployment says: AXES_PROXY_COUNT, else 1 when PROXY_SSL_HEADER is set in the
# environment. HTTPS alone is no proxy: the header would be the client's own word.
TPPS_PROXY_COUNT = env.int("AXES_PROXY_COUNT",
                           default=1 if env.str("PROXY_SSL_HEADER", default="") else 0)
AXES_CLIENT_IP_CALLABLE = "tpps.lib.alamat.alamat_klien"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this
# site, so an injected <script> or inline handler does not run. Our templates hold no
# inline script (tests/tpps/test_csp.py checks them); style attributes are allowed
# (Bootstrap and the admin use them). The one hash lets django-import-export's "select
# all" checkbox on the admin's export page keep working.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-hashes'",
                       "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        # The service worker (/sw.js) that keeps event pages for use with no signal.
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (decrees, evidence) live outside every public URL: they are served only
# through tpps.views.berkas, which checks who may read them.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": "/berkas/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UKURAN_BERKAS_MAKS_MB = env.int("UKURAN_BERKAS_MAKS_MB", default=10)
# e-PPGBM files are data, not documents: a city's 100,000-row export is ~15 MB as CSV.
UKURAN_IMPOR_MAKS_MB = env.int("UKURAN_IMPOR_MAKS_MB", default=60)
# An .xlsx is a zip: what it inflates to is checked before anything parses it
# (tpps.lib.spreadsheet.periksa_xlsx, on every path that reads one). A city's 100,000-row
# e-PPGBM export is 17 MB on disk and inflates to 164 MB (calamine then peaks near 300 MB);
# a member deflated more than 100 times, or a sheet of more rows than BARIS_XLSX_MAKS
# (declared or counted), is refused too.
UKURAN_XLSX_TERURAI_MAKS_MB = env.int("UKURAN_XLSX_TERURAI_MAKS_MB", default=400)
BARIS_XLSX_MAKS = env.int("BARIS_XLSX_MAKS", default=300_000)
# Retention of personal data (UU 27/2022), applied by the daily `manage.py
# bersihkan_data_pribadi`: uploaded e-PPGBM files and their import records (full NIK and
# names) — failed ones sooner; replaced versions of evidence files, SK, BPKP reports; the
# identity of a child who moved away or aged out (then anonymised, measurements kept).
RETENSI_IMPOR_HARI = env.int("RETENSI_IMPOR_HARI", default=90)
RETENSI_IMPOR_GAGAL_HARI = env.int("RETENSI_IMPOR_GAGAL_HARI", default=30)
RETENSI_BERKAS_DIGANTI_HARI = env.int("RETENSI_BERKAS_DIGANTI_HARI", default=30)
RETENSI_BALITA_HARI = env.int("RETENSI_BALITA_HARI", default=5 * 365 + 1)
NAMA_PROVINSI = env("NAMA_PROVINSI", default="Jawa Timur")

# Background work (long e-PPGBM imports): django-tasks with the database backend; the
# worker is `manage.py db_worker` (started by `make run`). TASKS_BACKEND can name
# "django_tasks.backends.immediate.ImmediateBackend" to run tasks inside the request.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# A cell starting with "=" in an exported roster must not run as a formula in Excel.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # axes logs a banner at every start; its lockouts are warnings and still show.
    "loggers": {"axes": {"level": "WARNING"}},
}
