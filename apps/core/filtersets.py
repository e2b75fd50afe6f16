"""The base of every FilterSet: dates and numbers that the database can take, or a clear error.

django-filter turns ``?period_before=0530-02-04T22:00:00-19:04`` into a datetime that Python accepts and
PostgreSQL refuses (an offset beyond ±15:59), and ``?event=99999999999999999999`` into a number past bigint: the
query then fails with a server error. Here the form checks every value it cleaned, whatever filter made it:
dates and times within the portal's years, times sent in UTC, whole numbers within bigint, decimals finite.
"""

import math
from datetime import UTC, date, datetime
from decimal import Decimal

import django_filters
from django.utils.translation import gettext as _

FIRST_YEAR, LAST_YEAR = 1900, 2199
BIGINT = 2**63 - 1


def _message(error: str) -> str:
    if error == "date":
        return _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
    return _("This number is too large.")


def _in_range(value):
    """``value`` as the database takes it, or the key of the message that refuses it."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            try:
                value = value.astimezone(UTC)
            except (ValueError, OverflowError):
                return None, "date"
        return (value, None) if FIRST_YEAR <= value.year <= LAST_YEAR else (None, "date")
    if isinstance(value, date):
        return (value, None) if FIRST_YEAR <= value.year <= LAST_YEAR else (None, "date")
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return (value, None) if -BIGINT <= value <= BIGINT else (None, "number")
    if isinstance(value, Decimal | float):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        return (value, None) if finite and abs(value) <= BIGINT else (None, "number")
    return value, None


def _checked(value):
    if isinstance(value, slice):  # a range filter's (start, stop)
        start, start_error = _in_range(value.start)
        stop, stop_error = _in_range(value.stop)
        return slice(start, stop), start_error or stop_error
    if isinstance(value, list | tuple):
        checked = [_in_range(item) for item in value]
        error = next((error for _item, error in checked if error), None)
        return type(value)(item for item, _error in checked), error
    return _in_range(value)


class FilterSet(django_filters.FilterSet):
    """django-filter's, with every cleaned date, time and number checked against what the database stores."""

    def get_form_class(self):
        form_class = super().get_form_class()

        class InRangeForm(form_class):
            def clean(self):
                cleaned = super().clean()
                for name, value in list(cleaned.items()):
                    if value is None or name in self.errors:
                        continue
                    value, error = _checked(value)
                    if error:
                        self.add_error(name, _message(error))
                    else:
                        cleaned[name] = value
                return cleaned

        return InRangeForm
