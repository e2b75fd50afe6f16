"""Data made once for all the tests of a module, and gone after them.

A module-scoped fixture makes it inside a transaction that it rolls back when the module is done; each test runs in a
savepoint of that transaction (pytest-django's ``db`` fixture nests in it), so what a test writes is rolled back after
it and the next test finds the module's data as it was made. Nothing of it is ever committed: other modules never see
it. Callbacks of ``transaction.on_commit`` never run (as in any ``db`` test).

    @pytest.fixture(scope="module")
    def samples(django_db_setup, django_db_blocker):
        yield from module_data(django_db_blocker, make_samples)
"""

from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def module_data(django_db_blocker, make: Callable[[], T]) -> Iterator[T]:
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield make()
        finally:
            transaction.set_rollback(True)


def load_all_demo_data(password: str) -> None:
    """Every app's demo data (``python manage.py load_demo``), with ``password`` for the demo people."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEMO_PASSWORD=password):
        call_command("load_demo", stdout=_Discard())


class _Discard:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass
