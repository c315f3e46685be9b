"""Working with no signal: the service worker (served at /sw.js so that its scope is the
whole site) and the page it shows when a page was never opened online.

The worker keeps the app's own files (the shell) and, network first, every event page a
user opened online, so that the page and its expected children open again with no
connection; entries typed then wait on the phone (static/js/antrean.js). Its caches carry
a version computed from the shell's files and the worker itself: an update replaces the
whole cache at once, never mixing old and new pages. No z-score is computed on the phone:
results appear once an entry reaches the server.
"""

import hashlib
import json
from functools import lru_cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

#: The app's own files every kept page needs.
SHELL = (
    "vendor/bootstrap-5.3.8/css/bootstrap.min.css",
    "vendor/bootstrap-5.3.8/js/bootstrap.bundle.min.js",
    "css/tpps.css",
    "js/tpps.js",
    "js/antrean.js",
    "js/entri-cepat.js",
)
#: Pages kept for offline use (network first): an event's page, with its children.
HALAMAN_LURING = r"^/posyandu/kegiatan/\d+/$"


@lru_cache(maxsize=1)
def versi() -> str:
    """A fingerprint of the shell's files and the worker: changes with any of them."""
    sidik = hashlib.sha256()
    for nama in SHELL:
        with open(finders.find(nama), "rb") as berkas:
            sidik.update(berkas.read())
    sidik.update(get_template("lapangan/sw.js").template.source.encode())
    return sidik.hexdigest()[:12]


@login_not_required
@require_GET
@never_cache
def service_worker(request):
    isi = render_to_string("lapangan/sw.js", {
        "versi": versi(),
        "shell": json.dumps([static(n) for n in SHELL] + [reverse("luring")]),
        "halaman_luring": json.dumps(HALAMAN_LURING),
    })
    jawaban = HttpResponse(isi, content_type="application/javascript; charset=utf-8")
    jawaban["Service-Worker-Allowed"] = "/"
    return jawaban


@login_not_required
@require_GET
def luring(request):
    """Shown by the worker, with no signal, for a page never opened online."""
    return render(request, "lapangan/luring.html")
