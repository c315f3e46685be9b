"""Download measurements in e-PPGBM's columns (logged as an export of child records)."""

import tempfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..eppgbm.ekspor import catat_ekspor, csv_bertahap, pengukuran_untuk_ekspor, tulis_berkas
from ..eppgbm.forms import EksporForm

#: An XLSX file is built inside the request (about 43 s per 100,000 rows; the server gives a
#: request 60 s): above this many rows only CSV, which is streamed, is offered.
XLSX_MAKS_BARIS = 50_000


def ekspor(request):
    if not access.can_ekspor(request.user):
        raise PermissionDenied
    posyandu_qs = access.posyandu_for_user(request.user)
    form = EksporForm(request.GET if "format" in request.GET else None, posyandu_qs=posyandu_qs)
    if not form.is_bound or not form.is_valid():
        return render(request, "posyandu/ekspor.html", {"form": form})
    d = form.cleaned_data
    qs = pengukuran_untuk_ekspor(request.user, kecamatan=d["kecamatan"], desa=d["desa"],
                                 posyandu=d["posyandu"], dari=d["dari"], sampai=d["sampai"])
    wilayah = d["posyandu"] or d["desa"] or d["kecamatan"] or "seluruh cakupan"
    keterangan = f"{wilayah}; {d['dari'] or '…'}–{d['sampai'] or '…'}; {d['format']}"
    nama = f"eppgbm-{timezone.localdate():%Y%m%d}.{d['format']}"
    if d["format"] == "csv":
        catat_ekspor(user=request.user, jumlah=qs.count(), keterangan=keterangan)
        respons = StreamingHttpResponse(csv_bertahap(qs), content_type="text/csv; charset=utf-8")
        respons["Content-Disposition"] = f'attachment; filename="{nama}"'
        return respons
    jumlah = qs.count()
    if jumlah > XLSX_MAKS_BARIS:
        form.add_error("format", _(
            "Ekspor ini berisi %(n)s baris, lebih dari batas Excel (.xlsx) %(batas)s baris yang "
            "dapat dibuat sekaligus. Pilih format CSV (dapat dibuka di Excel), atau persempit "
            "wilayah atau rentang tanggal."
        ) % {"n": f"{jumlah:,}".replace(",", "."),
             "batas": f"{XLSX_MAKS_BARIS:,}".replace(",", ".")})
        return render(request, "posyandu/ekspor.html", {"form": form})
    berkas = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    jumlah = tulis_berkas(qs, berkas.name)
    catat_ekspor(user=request.user, jumlah=jumlah, keterangan=keterangan)
    return FileResponse(open(berkas.name, "rb"), as_attachment=True, filename=nama)  # noqa: SIM115
