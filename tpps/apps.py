from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TppsConfig(AppConfig):
    name = "tpps"
    verbose_name = _("Tim Percepatan Penurunan Stunting")
