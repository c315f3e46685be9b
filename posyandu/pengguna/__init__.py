"""The users of the app, managed by Sekretariat TPPS under /pengguna/: the list, inviting
a user (an e-mail with a one-time link, opd.akun.undangan), editing, deactivating and
reactivating, with history. A user's Posyandu scope (``CakupanPetugas``) is set with their
role, which is why these pages live in ``posyandu`` (dependencies point opd ← posyandu).

The admin's user page stays for superusers; nobody types a password for someone else here.
"""
