"""Admin: the bodies, their member organisations and the topics of the register are data, kept here. Meetings and
what they hold are read-only here: they are planned and minuted through the services (the pages and the API)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionPoint, Body, Decision, Meeting, Membership, Topic


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "decisions_public", "is_active"]
    list_filter = ["decisions_public", "is_active"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "body", "starts_at", "format", "place"]
    list_filter = ["body", "format"]
    list_select_related = ["body"]
    date_hierarchy = "starts_at"


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "year", "topic", "published_at"]
    list_filter = ["body", "year", "topic"]
    list_select_related = ["body", "topic"]
    search_fields = ["title", "text"]


@admin.register(ActionPoint)
class ActionPointAdmin(ReadOnlyAdmin):
    list_display = ["title", "body", "owner_organisation", "owner_name", "due_date", "status"]
    list_filter = ["body", "status"]
    list_select_related = ["body", "owner_organisation"]
    search_fields = ["title", "owner_name"]
