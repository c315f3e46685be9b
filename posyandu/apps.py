from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosyanduConfig(AppConfig):
    name = "posyandu"
    verbose_name = _("Posyandu dan pengukuran balita")
