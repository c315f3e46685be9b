"""Write a local .env for `make run` when there is none (never overwrites one)."""

import secrets
import sys
from pathlib import Path

env = Path(__file__).resolve().parent.parent / ".env"
if env.exists():
    sys.exit(0)
env.write_text(
    "# Dibuat oleh `make run` untuk mesin ini. Lihat .env.example untuk semua variabel.\n"
    f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    "DEBUG=off\n"
    "# http biasa di mesin ini; di server produksi di belakang proxy HTTPS, hapus baris ini.\n"
    "HTTPS=off\n"
    "ALLOWED_HOSTS=127.0.0.1,localhost\n",
    encoding="utf-8",
)
env.chmod(0o600)
print(f"{env.name} dibuat dengan SECRET_KEY baru.")
