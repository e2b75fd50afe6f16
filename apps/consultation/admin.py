"""Admin: the bodies, their member organisations, the topics of the register and the working groups (with their
seconded members) are data, kept here. Meetings and what they hold, and the work programmes, objectives, activities
and progress updates, are read-only here (with their history): they are written through the services (the pages and
the API)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionPoint,
    Activity,
    Body,
    Decision,
    Meeting,
    Membership,
    Objective,
    Programme,
    ProgressUpdate,
    Topic,
    WorkingGroup,
    WorkingGroupMember,
)


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


class WorkingGroupMemberInline(admin.TabularInline):
    model = WorkingGroupMember
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name_plural = _("members seconded from other organisations")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "body", "is_active"]
    list_filter = ["body", "is_active"]
    list_select_related = ["organisation", "body"]
    autocomplete_fields = ["organisation"]
    inlines = [WorkingGroupMemberInline]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["years", "title", "body"]
    list_select_related = ["body"]


@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "programme", "target_date", "status"]
    list_filter = ["programme", "status"]
    list_select_related = ["programme"]
    search_fields = ["title"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "objective", "lead", "starts_on", "due_on", "status", "progress"]
    list_filter = ["objective__programme", "status"]
    list_select_related = ["objective", "lead"]
    search_fields = ["title"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    list_display = ["activity", "created_at", "author", "status", "progress"]
    list_filter = ["status"]
    list_select_related = ["activity", "author"]
    date_hierarchy = "created_at"
