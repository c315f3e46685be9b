"""What every browser test does first: sign in through the login page."""

import re

PASSWORD = "sandi-uji-123"


def masuk(page, username, password=PASSWORD):
    """Sign in as ``username`` (a fresh session) and wait for the landing page."""
    page.context.clear_cookies()
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))
