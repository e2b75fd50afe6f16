from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Country, Organisation, SecurityEvent, User
from .services import two_factor_reset


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "is_member"]
    list_filter = ["is_member"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "is_active"]
    list_filter = ["kind", "country", "is_active"]
    search_fields = ["name", "short_name"]
    list_select_related = ["country"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "preferred_language", "is_active"]
    list_filter = ["organisation__country", "organisation__kind", "groups", "is_active", "is_staff"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Portal"), {"fields": ("organisation", "preferred_language", "job_title", "phone")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Portal"), {"fields": ("organisation", "preferred_language", "groups")}),
    )
    actions = ["reset_two_factor"]

    @admin.action(
        description=_("Reset two-factor authentication (lost authenticator app): also ends sessions and API tokens"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            two_factor_reset(user=user, actor=request.user, request=request)
        self.message_user(
            request,
            ngettext(
                "Two-factor authentication was reset for %(count)d user: they log in with their password and set up "
                "a new authenticator app.",
                "Two-factor authentication was reset for %(count)d users: they log in with their password and set up "
                "a new authenticator app.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security audit log: read-only, written by the services alone."""

    list_display = ["at", "kind", "username", "actor", "client_address", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "client_address", "detail"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    fields = ["at", "kind", "user", "username", "actor", "client_address", "detail"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
