"""Translated content fields (django-modeltranslation), then the audit history of those models.

History is registered here, after translation, so that the historical models carry the translated columns too.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import ActionPoint, Activity, AgendaItem, Body, Decision, Objective, Programme, Topic


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Decision)
class DecisionTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(ActionPoint)
class ActionPointTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Objective)
class ObjectiveTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


register_history(Body, app=__package__)
register_history(AgendaItem, app=__package__)
register_history(Topic, app=__package__)
register_history(Decision, app=__package__)
register_history(ActionPoint, app=__package__)
register_history(Programme, app=__package__)
register_history(Objective, app=__package__)
# The links to decisions and action points are part of an activity's history too; the notices' bookkeeping is not.
register_history(
    Activity,
    app=__package__,
    m2m_fields=["decisions", "action_points"],
    excluded_fields=["due_soon_notified_for", "late_notified_for"],
)
