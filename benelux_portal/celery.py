"""The portal's Celery application.

Configured from Django settings (the ``CELERY_`` namespace); tasks are found in each
app's ``tasks.py``. Tasks are ``DjangoTask`` instances, so ``task.delay_on_commit(...)``
queues a task only once the surrounding transaction has committed.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benelux_portal.settings.local")

app = Celery("benelux_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def close_old_connections(task=None, **kwargs):
    """Around each task, what Django does around each request: drop a database connection that is broken
    or older than CONN_MAX_AGE (and health-check the others on first use), keep the rest for the next task.

    Eager tasks run inside the caller's transaction: their connection is left alone.
    """
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections as close

    close()
