"""Checks for uploaded documents (decrees now, evidence later).

An upload is judged by its content, not only by its name: a file called ``sk.pdf`` that is
not a PDF is refused with a message the user can act on.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

# Extension → the bytes a genuine file of that kind starts with.
TANDA_BERKAS = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
EKSTENSI_DOKUMEN = tuple(TANDA_BERKAS)


def validasi_dokumen(berkas) -> None:
    """Refuse a document that is too large, of another kind, or not what its name says."""
    ekstensi = PurePath(berkas.name).suffix.lower().lstrip(".")
    if ekstensi not in TANDA_BERKAS:
        raise ValidationError(
            _("Jenis berkas .%(ekstensi)s tidak diterima. Unggah PDF, PNG atau JPG."),
            code="ekstensi",
            params={"ekstensi": ekstensi or "?"},
        )
    batas_mb = settings.UKURAN_BERKAS_MAKS_MB
    if berkas.size > batas_mb * 1024 * 1024:
        raise ValidationError(
            _("Berkas terlalu besar (%(ukuran).1f MB); batasnya %(batas)d MB."),
            code="ukuran",
            params={"ukuran": berkas.size / 1024 / 1024, "batas": batas_mb},
        )
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    awal = berkas.read(16)
    berkas.seek(posisi)
    if not awal.startswith(TANDA_BERKAS[ekstensi]):
        raise ValidationError(
            _("Isi berkas bukan %(jenis)s yang sah, walau namanya berakhiran .%(ekstensi)s."),
            code="isi",
            params={"jenis": ekstensi.upper(), "ekstensi": ekstensi},
        )


def nama_berkas_unik(folder: str, nama_asli: str) -> str:
    """A storage name that cannot be guessed or collide, keeping the original name readable."""
    asli = PurePath(nama_asli)
    dasar = slugify(asli.stem)[:60] or "berkas"
    return f"{folder}/{uuid.uuid4().hex[:12]}-{dasar}{asli.suffix.lower()}"
