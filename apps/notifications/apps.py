from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    navigation = NavigationItem(70, "notifications:index", _("Notifications"))
    dashboard_cards = [
        Card(
            _("Notification delivery"),
            _("Whether the inbox, e-mail and webhooks deliver, and what waits or failed."),
            "notifications:monitoring",
            frozenset({Role.ADMINISTRATOR}),
        ),
    ]
    health_checks = {"notifications": "apps.notifications.health.check"}
    role_permissions = {
        Role.ADMINISTRATOR: [
            "notifications.view_notification",
            "notifications.view_delivery",
            "notifications.change_delivery",
            "notifications.add_webhook",
            "notifications.change_webhook",
            "notifications.delete_webhook",
            "notifications.view_webhook",
        ],
    }

    def ready(self):
        from apps.accounts.session_user import read_along

        from .selectors import unread_key

        # Every page shows the unread count: read it in the same round trip as the session's user.
        read_along(unread_key)
