"""What only the bench settings use: the bare view (this machine's ceiling) and a query-count header."""

from django.contrib.auth.decorators import login_not_required
from django.db import connections
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

QUERY_COUNT_HEADER = "X-Query-Count"


class QueryCountMiddleware:
    """Answer every request with the number of SQL queries it ran, in ``X-Query-Count``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response[QUERY_COUNT_HEADER] = str(counter.count)
        return response


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@login_not_required
@require_GET
def bare(request):
    """A tiny page through the whole middleware stack and no query: the most this machine can serve."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bare", bare, name="bench-bare")]
