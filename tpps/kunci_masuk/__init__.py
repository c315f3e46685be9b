"""Sign-in locks: a username at an address (django-axes), a whole address (password
spraying, ``PenanganMasuk``), the lockout page, and the Sekretariat TPPS's page that lists
and unlocks them at /pengguna/kunci-masuk/."""
