from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.core.caching import body_html, body_parts
from apps.core.paging import slice_page

from .filtersets import InboxEntryFilterSet
from .forms import PreferencesForm
from .selectors import (
    UNREAD_COUNT_CAP,
    can_monitor,
    delivery_health,
    failed_webhook_deliveries_visible_to,
    inbox_entry_get,
    inbox_for,
    inbox_lookup,
    latest_unread,
    preferences_for,
    unread_count,
)
from .services import inbox_entry_mark_read, inbox_mark_all_read, preferences_set

PAGE_SIZE = 25
INBOX_CACHE_SECONDS = 60


def index(request):
    """The inbox: newest first, filters, read/unread, mark all read.

    The page's body (actions, filters and entries) is cached per user, language and address until their inbox
    changes (``inbox_lookup``: its version moves with the unread count too), and at most a minute: a hit builds no
    filter form."""
    user = request.user
    entry = inbox_lookup(f"inbox-page:{int(user.is_staff)}", request)
    if entry.value is None:
        filterset = InboxEntryFilterSet(request.GET, queryset=inbox_for(user=user))
        query = request.GET.copy()
        query.pop("page", None)
        entries = filterset.qs if filterset.is_valid() else inbox_for(user=user).none()
        page = slice_page(entries, number=request.GET.get("page"), per_page=PAGE_SIZE)  # no COUNT of a long inbox
        context = {
            "filterset": filterset,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(query),
            "request": request,
            "user": user,
            "unread_notifications": unread_count(user=user),
        }
        entry.keep(body_parts("notifications/_index.html", context), INBOX_CACHE_SECONDS)
    return render(request, "notifications/index.html", {"body": body_html(entry.value, request)})


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
def mark_read(request, entry_id: int):
    """Mark one notification read; with ``open`` set, go on to what it is about."""
    entry = inbox_entry_get(user=request.user, entry_id=entry_id)
    inbox_entry_mark_read(entry=entry, actor=request.user)
    url = entry.notification.url
    if request.POST.get("open") and url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return _back(request, "notifications:index")


@require_POST
def mark_all_read(request):
    count = inbox_mark_all_read(actor=request.user)
    messages.success(request, _("All notifications are marked read.") if count else _("Nothing was unread."))
    return _back(request, "notifications:index")


@never_cache
@require_GET
def unread(request):
    """The tiny document the pages poll: the unread count and the newest unread notification."""
    count = unread_count(user=request.user)
    latest = latest_unread(user=request.user) if count else None
    return JsonResponse(
        {
            "unread": count,
            "label": f"{UNREAD_COUNT_CAP - 1}+" if count >= UNREAD_COUNT_CAP else str(count),
            "latest": {"id": latest.pk, "text": latest.notification.render(), "urgency": latest.notification.urgency}
            if latest
            else None,
        }
    )


def preferences(request):
    """Which notifications reach the user by which channel; urgent ones always come by inbox and e-mail."""
    form = PreferencesForm(request.POST or None, initial_choices=preferences_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        preferences_set(actor=request.user, choices=form.choices())
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def monitoring(request):
    """Delivery health per channel, for administrators (anyone else: 403, as for every page of a role they do not
    have); failed webhook calls of their organisation."""
    if not can_monitor(request.user):
        raise PermissionDenied
    return render(
        request,
        "notifications/monitoring.html",
        {
            "health": delivery_health(),
            "failed_webhooks": failed_webhook_deliveries_visible_to(user=request.user)[:50],
        },
    )
