"""Every text a page's script shows, in one place, translated on the server.

Every page (``base.html``) renders ``{% pesan_skrip %}``: this dictionary as
``<script type="application/json" id="pesan-skrip">`` (data, not code: the
Content-Security-Policy still runs scripts from this site only), and scripts read a text with
``TPPS.pesan(key, values)`` (static/js/tpps.js). The failure handlers
(``tpps.views``) answer a script's endpoint with the same texts, so the page and the server
say one thing. The scripts hold no text of their own (tests/tpps/test_terjemahan.py).
``%(…)s`` in a text is filled in by the script.
"""

from django.utils.translation import gettext_lazy as _

#: A missing object and one outside the user's scope get this one answer (a 404), on a
#: page and from a script's endpoint alike, so that ids cannot be probed.
TIDAK_DITEMUKAN = _("Data tidak ditemukan atau di luar wilayah Anda.")
#: A permission the user's role lacks (a 403).
TIDAK_BERHAK = _("Anda tidak berhak melakukan ini: peran Anda tidak memberi izin itu.")
#: Signed out, or the CSRF token no longer matches (the page was open too long, or the
#: user signed in again in another tab).
SESI_BERAKHIR = _("Sesi berakhir, muat ulang halaman lalu masuk lagi; nilai baris ini "
                  "belum tersimpan.")

PESAN_SKRIP = {
    "tidak_ditemukan": TIDAK_DITEMUKAN,
    "tidak_berhak": TIDAK_BERHAK,
    "sesi_berakhir": SESI_BERAKHIR,
    "gagal": _("Gagal menyimpan."),
    "server_bermasalah": _("Server sedang bermasalah (kode %(kode)s); coba lagi sebentar lagi."),
    "tidak_tersambung": _("Tidak tersambung ke server; coba lagi."),
    # The fast-entry page (static/js/entri-cepat.js).
    "konfirmasi": _("Tekan Enter sekali lagi untuk menyimpan nilai ini."),
    # Entries kept on the phone (static/js/antrean.js, entri-cepat.js).
    "tersimpan_di_ponsel": _("Tersimpan di ponsel; dikirim otomatis saat tersambung."),
    "antrean_n": _("%(n)s entri belum terkirim ke server."),
    "buang_entri": _("Buang entri ini"),
    "pindahkan": _("Koreksi dan pindahkan ke kegiatan ini"),
    "batalkan": _("Batalkan"),
    "keluar_masih_ada": _("Masih ada %(n)s entri yang belum terkirim. Entri itu tetap "
                          "disimpan di ponsel ini untuk akun Anda dan dikirim saat Anda masuk "
                          "lagi. Tetap keluar?"),
    # The growth charts of a child (static/js/balita.js) and the dashboard (js/dasbor.js).
    "grafik_median": _("median"),
    "grafik_sd": _("%(sd)s SD"),
    "grafik_anak": _("anak"),
    "grafik_stunting": _("Stunting (%)"),
    "grafik_wasting": _("Wasting (%)"),
}
