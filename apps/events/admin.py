from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarFeedToken, Event, EventShare, TrainingRegistration


class EventShareInline(admin.TabularInline):
    """The partner countries of an event shared with chosen partners (visibility "chosen partner countries")."""

    model = EventShare
    extra = 0


class TrainingRegistrationInline(admin.TabularInline):
    model = TrainingRegistration
    extra = 0
    raw_id_fields = ["registered_by"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "country", "starts_at", "risk_level", "assistance_expected", "visibility"]
    list_filter = ["kind", "country", "risk_level", "assistance_expected", "visibility"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    list_select_related = ["country"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["recurrence_ends_at", "created_at", "updated_at"]
    inlines = [EventShareInline, TrainingRegistrationInline]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(SimpleHistoryAdmin):
    """Administrators see who has a feed and may revoke one; the key itself is never shown."""

    list_display = ["user", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username"]
    fields = ["user", "created_at", "revoked_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False
