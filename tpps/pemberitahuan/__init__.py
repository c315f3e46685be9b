"""The inbox under /pemberitahuan/: each user's notifications (the bell), their e-mail
preferences, and the one-click unsubscribe of an e-mail. Notifications are made by
opd.pemberitahuan (every app) and by manage.py kirim_pengingat (tpps.pengingat)."""
