"""``{% pesan_skrip %}``: the texts a page's script shows (tpps.lib.pesan_skrip), as JSON data
the script reads from ``#pesan-skrip``."""

from django import template
from django.utils.html import json_script

from tpps.lib.pesan_skrip import PESAN_SKRIP

register = template.Library()


@register.simple_tag
def pesan_skrip():
    return json_script(PESAN_SKRIP, "pesan-skrip")

