from datetime import UTC

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from knox.models import AuthToken
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Country, Organisation, SecurityEvent, User
from .services import api_tokens_end, two_factor_reset, user_lockout_lift, user_sessions_end


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
    actions = ["reset_two_factor", "end_sessions", "lift_lockout"]

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

    @admin.action(
        description=_("End sessions and API tokens (the user logs in again; their systems ask for new tokens)"),
        permissions=["change"],
    )
    def end_sessions(self, request, queryset):
        users = list(queryset)
        for user in users:
            user_sessions_end(user=user, actor=request.user, request=request)
        self.message_user(
            request,
            ngettext(
                "The sessions and API tokens of %(count)d user were ended.",
                "The sessions and API tokens of %(count)d users were ended.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Lift the log-in lock-out (after repeated failed log-ins)"), permissions=["change"])
    def lift_lockout(self, request, queryset):
        users = list(queryset)
        for user in users:
            user_lockout_lift(user=user, actor=request.user, request=request)
        self.message_user(
            request,
            ngettext(
                "%(count)d user may log in again from every address.",
                "%(count)d users may log in again from every address.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security audit log: read-only, written by the services alone."""

    list_display = ["at", "at_utc", "kind", "username", "actor", "client_address", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "client_address", "detail"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    fields = ["at", "at_utc", "kind", "user", "username", "actor", "client_address", "detail"]
    readonly_fields = fields

    @admin.display(description=_("time (UTC)"), ordering="at")
    def at_utc(self, event):
        return event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# django-rest-knox registers an admin of its own, which makes tokens (bypassing the two-factor check) and shows their
# hashes: ours lists them, and deletes them through the service, which records it.
admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    """API tokens: who has one, since and until when; an administrator revokes a token by deleting it."""

    list_display = ["token_key", "user", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["token_key", "user__username"]
    date_hierarchy = "created"
    fields = ["token_key", "user", "created", "expiry"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        api_tokens_end(
            user=obj.user,
            actor=request.user,
            reason="revoked by an administrator",
            request=request,
            token_keys=[obj.token_key],
        )

    def delete_queryset(self, request, queryset):
        for token in queryset.select_related("user"):
            self.delete_model(request, token)
