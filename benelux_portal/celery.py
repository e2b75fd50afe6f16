"""The portal's Celery application.

Configured from Django settings (the ``CELERY_`` namespace); tasks are found in each
app's ``tasks.py``. Tasks are ``DjangoTask`` instances, so ``task.delay_on_commit(...)``
queues a task only once the surrounding transaction has committed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benelux_portal.settings.local")

app = Celery("benelux_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
