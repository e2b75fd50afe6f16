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
