from rest_framework.pagination import CursorPagination, PageNumberPagination


class PagePagination(PageNumberPagination):
    """The default: ``?page=2&page_size=100`` (at most 200), answered with count, next and previous."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class StreamCursorPagination(CursorPagination):
    """For long, growing lists (inboxes, message threads): ``?cursor=...``, newest first."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-created_at"
