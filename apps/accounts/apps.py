from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from .services import roles_sync

        def _sync_roles(sender, **kwargs):
            roles_sync()

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.roles_sync", weak=False)

        # A log-in is not a change of the user: record the time with one UPDATE and no audit history row.
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from .services import user_record_login

        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(user_record_login, dispatch_uid="accounts.user_record_login")
