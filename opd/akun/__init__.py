"""Signing in without a password anyone else knows: the invitation link a new user sets
their password with (``undangan``), and "Lupa kata sandi?" for everyone (Django's password
reset views with Indonesian pages). Pages under /akun/ (spliced into the ``akun`` namespace
of tpps/urls.py).

The account pages of the Sekretariat (list, invite, edit, deactivate) join a user with
their Posyandu scope, so they live in ``posyandu.pengguna`` (dependencies point
opd ← posyandu); they send invitations through :mod:`opd.akun.undangan`.
"""
