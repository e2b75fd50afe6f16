from datetime import UTC, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination

# What PostgreSQL's bigint holds: a cursor position beyond it is refused, never sent to the database.
BIGINT = 2**63 - 1
# The years the portal's data lives in: a date of a cursor outside them was not given out by a list.
FIRST_YEAR, LAST_YEAR = 1900, 2199


class PagePagination(PageNumberPagination):
    """The default: ``?page=2&page_size=100`` (at most 200), answered with count, next and previous."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class StreamCursorPagination(CursorPagination):
    """For long, growing lists (inboxes, message threads): ``?cursor=...``, newest first.

    A cursor is opaque to the caller: one that this list did not give out (garbled, or forged with a position of
    the wrong kind) is a 400 in the API's error shape, never a 404 or a server error."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-created_at"
    invalid_cursor_message = _("This cursor is not one that this list gave out: start again without it.")

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def _refuse(self):
        return ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise self._refuse() from error
        if cursor is None or cursor.position is None:
            return cursor
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=self._checked(cursor.position))

    def _checked(self, position: str) -> str:
        """The position as the database takes it, or a 400: of the kind of the first ordering field, in range."""
        name = self.ordering[0].lstrip("-")
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, TypeError, OverflowError) as error:
            raise self._refuse() from error
        if isinstance(value, int) and not -BIGINT <= value <= BIGINT:
            raise self._refuse()
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise self._refuse()
            try:
                value = value.astimezone(UTC)  # an offset PostgreSQL refuses (-19:04) becomes UTC
            except (ValueError, OverflowError) as error:
                raise self._refuse() from error
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise self._refuse()
        return str(value)
