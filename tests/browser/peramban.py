"""What every browser test does first: sign in through the login page."""

import contextlib
import re
import socket
import threading

PASSWORD = "sandi-uji-123"


def masuk(page, username, password=PASSWORD):
    """Sign in as ``username`` (a fresh session) and wait for the landing page."""
    page.context.clear_cookies()
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))



class Sinyal:
    """The phone's signal between the browser and the test server: a TCP relay in front of
    ``live_server`` that the test can cut. Cut, it closes every open connection and answers
    each new one by closing it, as a mast out of reach does; nothing leaves, whatever the
    browser believes. (Chromium's offline mode alone is not enough: in a reload it can let
    the new page's first requests through, to a server the test expects unreached.)"""

    def __init__(self, tujuan_host, tujuan_port):
        self.tujuan = (tujuan_host, tujuan_port)
        self.putus_ = threading.Event()
        self._kunci = threading.Lock()
        self._soket = set()
        self._dengar = socket.create_server(("127.0.0.1", 0))
        self.port = self._dengar.getsockname()[1]
        self._jalan = True
        threading.Thread(target=self._terima, daemon=True).start()

    @property
    def url(self):
        return f"http://localhost:{self.port}"

    def _terima(self):
        while self._jalan:
            try:
                klien, _ = self._dengar.accept()
            except OSError:
                return
            if self.putus_.is_set():
                klien.close()
                continue
            try:
                hulu = socket.create_connection(self.tujuan)
            except OSError:
                klien.close()
                continue
            with self._kunci:
                self._soket.update((klien, hulu))
            for dari, ke in ((klien, hulu), (hulu, klien)):
                threading.Thread(target=self._salur, args=(dari, ke), daemon=True).start()

    def _salur(self, dari, ke):
        try:
            while data := dari.recv(65536):
                if self.putus_.is_set():
                    break
                ke.sendall(data)
        except OSError:
            pass
        for s in (dari, ke):
            self._tutup(s)

    def _tutup(self, s):
        with self._kunci:
            self._soket.discard(s)
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        s.close()

    def putus(self):
        self.putus_.set()
        with self._kunci:
            semua = list(self._soket)
        for s in semua:
            self._tutup(s)

    def sambung(self):
        self.putus_.clear()

    def tutup(self):
        self._jalan = False
        self.putus()
        self._dengar.close()


class TanpaSinyal:
    """No signal on the phone: the relay cut (:class:`Sinyal`) and the browser told it is
    offline, so the page's ``navigator.onLine`` and ``online`` event behave as on a phone."""

    def __init__(self, page, sinyal):
        self.page = page
        self.sinyal = sinyal

    def __enter__(self):
        self.sinyal.putus()
        self.page.context.set_offline(True)
        return self

    def __exit__(self, *exc):
        self.sinyal.sambung()
        self.page.context.set_offline(False)
        return False
