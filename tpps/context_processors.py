from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main sections, in the order of the navigation bar, with the permission a user needs
# to open each (None: every signed-in user). A section the user may not open is not shown;
# one whose pages are not installed yet shows as unavailable instead of a broken link.
BAGIAN = [
    (_("Dasbor"), "dasbor", "dasbor", None),
    (_("Rapat"), "rapat:daftar", "rapat", None),
    (_("Evaluasi Semester"), "evaluasi:beranda", "evaluasi", "evaluasi.view_semester"),
    (_("Posyandu"), "posyandu:beranda", "posyandu", None),
    (_("OPD"), "opd:daftar", "opd", None),
    (_("Pengguna"), "pengguna:daftar", "pengguna", "opd.view_user"),
]


def navigasi(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nama_daerah": settings.NAMA_DAERAH}
    cocok = getattr(request, "resolver_match", None)
    namespace = getattr(cocok, "namespace", "")
    nama_url = getattr(cocok, "url_name", "")
    menu = []
    for label, url_name, ns, izin in BAGIAN:
        if izin and not request.user.has_perm(izin):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        if ":" in url_name:
            aktif = ns == namespace
        else:  # the dashboard is also the landing page of its readers
            aktif = not namespace and nama_url in (url_name, "beranda")
        menu.append({"label": label, "url": url, "aktif": aktif})
    return {"menu_utama": menu, "nama_daerah": settings.NAMA_DAERAH}
