"""Translated content fields (django-modeltranslation), then the audit history of those models.

History is registered after translation so that the historical model carries the translated columns too.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    # The place too: "Brussels", "Bruxelles", "Brüssel" (a place given in one language is shown in every one).
    fields = ("title", "description", "place")


register_history(Event, app=__package__)
