"""Assertions on how the product refuses, shared by the test modules.

Out of the user's scope and missing are one answer (a 404 with one message, so that ids
cannot be probed); a permission the role lacks is a 403 (tpps.lib.pesan_skrip)."""

from tpps.lib.pesan_skrip import TIDAK_DITEMUKAN


def tidak_ditemukan(resp) -> bool:
    """The page or script answer a user gets for a missing or out-of-scope object."""
    if resp.status_code != 404:
        return False
    if resp.headers.get("Content-Type", "").startswith("application/json"):
        return resp.json()["kesalahan"] == [str(TIDAK_DITEMUKAN)]
    return str(TIDAK_DITEMUKAN) in resp.content.decode()
