import re

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.notifications.choices import Channel, Urgency
from apps.notifications.models import InboxEntry, Preference

from .factories import (
    DeliveryFactory,
    InboxEntryFactory,
    NotificationFactory,
    deliver_request_filed_to_dutch_operators,
)

pytestmark = pytest.mark.django_db


def _entries(username, count, **notification):
    user = User.objects.get(username=username)
    return [InboxEntryFactory(user=user, notification=NotificationFactory(**notification)) for _ in range(count)]


def test_anonymous_visitor_is_sent_to_log_in():
    for name in ["index", "preferences", "unread", "monitoring"]:
        name = f"notifications:{name}"
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_operator_sees_their_inbox_in_their_language_with_a_fixed_number_of_queries(
    demo, login, django_assert_num_queries
):
    _entries("operator.nl", 30)
    _entries("operator.be", 3, params={"reference": "SECRET-BE", "country": "NL"})
    client = login("operator.nl", language="en")
    # Whether they have a two-factor device (TOTP, static), the page of entries read one row long (no COUNT of the
    # whole inbox); the unread count comes from the cache, and the list too when the same page is asked again.
    with django_assert_num_queries(3):
        response = client.get(reverse("notifications:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="inbox__item') == 25
    assert "was filed by BE" in body and "SECRET-BE" not in body
    assert "Page 1" in body and "page=2" in body
    assert "data-unread-count>30<" in body
    with django_assert_num_queries(2):
        again = client.get(reverse("notifications:index")).content.decode()
    assert _without_tokens(again) == _without_tokens(body)
    with django_assert_num_queries(3):
        assert client.get(reverse("notifications:index") + "?page=2").content.decode().count('class="inbox__item') == 5


def test_every_page_shows_the_unread_count_in_the_navigation(demo, login):
    _entries("chief.nl", 3)
    body = login("chief.nl", language="en").get(reverse("home")).content.decode()
    assert "data-unread-count>3<" in body
    body = login("chief.be", language="en").get(reverse("home")).content.decode()
    assert "data-unread-badge" in body and " hidden>" in body


def test_filters_unread_urgency_and_kind(demo, login):
    entries = _entries("operator.nl", 2) + _entries("operator.nl", 1, urgency=Urgency.URGENT)
    _entries("operator.nl", 1, kind="consultation.agenda_published", message="Agenda out")
    InboxEntry.objects.filter(pk=entries[0].pk).update(is_read=True)
    client = login("operator.nl", language="en")

    def count(query):
        return client.get(reverse("notifications:index") + query).content.decode().count('class="inbox__item')

    assert count("") == 4
    assert count("?unread=on") == 3
    assert count("?urgency=urgent") == 1
    assert count("?kind=consultation") == 1
    assert count("?kind=assistance&unread=on") == 2
    body = client.get(reverse("notifications:index") + "?urgency=soon").content.decode()
    assert "Select a valid choice" in body


def test_empty_inbox_explains_itself(demo, login):
    body = login("liaison.be", language="en").get(reverse("notifications:index")).content.decode()
    assert "No notifications yet" in body


def test_operator_marks_one_read_and_opens_it(demo, login):
    entry, other = _entries("operator.nl", 2)
    client = login("operator.nl", language="en")
    response = client.post(reverse("notifications:mark_read", args=[entry.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/assistance/"
    entry.refresh_from_db()
    assert entry.is_read and not InboxEntry.objects.get(pk=other.pk).is_read


def test_operator_cannot_mark_someone_elses_notification_read(demo, login):
    [entry] = _entries("operator.be", 1)
    assert login("operator.nl").post(reverse("notifications:mark_read", args=[entry.pk])).status_code == 404
    entry.refresh_from_db()
    assert not entry.is_read


def test_mark_all_read_only_marks_mine(demo, login):
    _entries("operator.nl", 3)
    _entries("operator.be", 2)
    client = login("operator.nl", language="en")
    response = client.post(reverse("notifications:mark_all_read"), {"next": "https://evil.example/"}, follow=True)
    assert "All notifications are marked read." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("notifications:index")
    assert InboxEntry.objects.filter(is_read=False).count() == 2


def test_inbox_page_drops_mark_all_read_at_once_and_shows_monitoring_to_staff_only(demo, login):
    _entries("operator.nl", 2)
    client = login("operator.nl", language="en")
    page = client.get(reverse("notifications:index")).content.decode()
    assert "Mark all read" in page and "Delivery monitoring" not in page
    client.post(reverse("notifications:mark_all_read"))
    assert "Mark all read" not in client.get(reverse("notifications:index")).content.decode()
    user = User.objects.get(username="operator.nl")
    user.is_staff = True
    user.save()
    assert "Delivery monitoring" in client.get(reverse("notifications:index")).content.decode()


def test_mark_read_is_post_only(demo, login):
    [entry] = _entries("operator.nl", 1)
    assert login("operator.nl").get(reverse("notifications:mark_read", args=[entry.pk])).status_code == 405


def test_unread_json_for_polling(demo, login, django_assert_num_queries):
    _entries("operator.nl", 4)
    client = login("operator.nl", language="en")
    client.get(reverse("notifications:unread"))
    with django_assert_num_queries(3):  # two-factor devices (2), newest (the count is cached)
        data = client.get(reverse("notifications:unread")).json()
    assert data["unread"] == 4 and data["label"] == "4"
    assert "was filed by BE" in data["latest"]["text"]
    assert login("operator.be").get(reverse("notifications:unread")).json() == {
        "unread": 0,
        "label": "0",
        "latest": None,
    }


def test_user_sets_preferences(demo, login):
    client = login("operator.nl", language="en")
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Assistance and loan requests" in page and "always reach your inbox and your e-mail" in page
    response = client.post(
        reverse("notifications:preferences"),
        {"assistance__inbox": "on", "assistance__email": "on", "consultation__inbox": ""},
        follow=True,
    )
    assert "Your notification preferences are saved." in response.content.decode()
    user = User.objects.get(username="operator.nl")
    stored = dict(Preference.objects.filter(user=user).values_list("kind_prefix", "channel").annotate())
    assert Preference.objects.get(user=user, kind_prefix="assistance", channel=Channel.EMAIL).enabled
    assert not Preference.objects.get(user=user, kind_prefix="consultation", channel=Channel.INBOX).enabled
    assert stored


def test_monitoring_is_for_administrators_only(demo, login):
    DeliveryFactory(failed=True)
    assert login("operator.nl").get(reverse("notifications:monitoring")).status_code == 403
    response = login("admin", language="en").get(reverse("notifications:monitoring"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Delivery is running." in body and "HTTP 500" in body


def _badge(client) -> str:
    body = client.get(reverse("brochure:index")).content.decode()
    return body.split("data-unread-count>", 1)[1].split("<", 1)[0]


# A change shows at once. The inbox entries are written and read with set-based SQL (an INSERT of a delivery's
# entries, an UPDATE to mark read), which sends no signal: each of these services moves the user's inbox version and
# forgets their unread count itself. Each test first has the inbox page, the API list and the badge cached.

INBOX_ITEM = 'class="inbox__item'
UNREAD_TAG = "tag--unread"


def _seen_and_cached(client, django_assert_num_queries) -> None:
    """The inbox page, the API list and the badge are looked at once, and come from the cache the second time."""
    for address in (reverse("notifications:index"), "/api/v1/notifications"):
        client.get(address)
        with django_assert_num_queries(2):  # two-factor devices (TOTP, static); the answer is the cached one
            client.get(address)
    _badge(client)


def _api_rows(client) -> dict[int, bool]:
    return {row["id"]: row["is_read"] for row in client.get("/api/v1/notifications").json()["results"]}


def test_a_delivered_notification_shows_at_once_on_the_inbox_page_in_the_api_and_on_the_badge(
    demo, login, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _entries("operator.nl", 1)
    client = login("operator.nl", language="en")
    _seen_and_cached(client, django_assert_num_queries)
    assert _badge(client) == "1"
    with django_capture_on_commit_callbacks(execute=True):
        notification = deliver_request_filed_to_dutch_operators("BNL-2026-0777")
    page = client.get(reverse("notifications:index")).content.decode()
    assert page.count(INBOX_ITEM) == 2 and "Request BNL-2026-0777 was filed by BE" in page
    [new] = InboxEntry.objects.filter(notification=notification, user__username="operator.nl")
    assert _api_rows(client)[new.pk] is False
    assert _badge(client) == "2"


def test_a_notification_read_shows_at_once_on_the_inbox_page_in_the_api_and_on_the_badge(
    demo, login, django_assert_num_queries
):
    entry, other = _entries("operator.nl", 2)
    client = login("operator.nl", language="en")
    _seen_and_cached(client, django_assert_num_queries)
    assert _badge(client) == "2"
    client.post(reverse("notifications:mark_read", args=[entry.pk]))
    assert client.get(reverse("notifications:index")).content.decode().count(UNREAD_TAG) == 1
    assert _api_rows(client) == {entry.pk: True, other.pk: False}
    assert _badge(client) == "1"
    assert client.get(reverse("notifications:unread")).json()["unread"] == 1  # what the pages poll


def test_all_read_shows_at_once_on_the_inbox_page_in_the_api_and_on_the_badge(demo, login, django_assert_num_queries):
    entries = _entries("operator.nl", 3)
    client = login("operator.nl", language="en")
    _seen_and_cached(client, django_assert_num_queries)
    assert _badge(client) == "3"
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 3}
    page = client.get(reverse("notifications:index")).content.decode()
    assert page.count(INBOX_ITEM) == 3 and UNREAD_TAG not in page and "Mark all read" not in page
    assert _api_rows(client) == {entry.pk: True for entry in entries}
    assert _badge(client) == "0"


def test_a_count_read_during_the_change_is_forgotten_when_it_commits(demo, login, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from apps.notifications import selectors, services

    entry = _entries("operator.nl", 1)[0]
    user = User.objects.get(username="operator.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.inbox_entry_mark_read(entry=entry, actor=user)
        cache.set(selectors.unread_key(user.pk), 1)  # a page counted before the commit
    assert selectors.unread_count(user=user) == 0


def _without_tokens(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def _csrf(body: str) -> str:
    return body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_operator_marks_a_notification_read_from_the_cached_inbox(demo):
    entry = _entries("operator.nl", 2)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="operator.nl"), backend="apps.accounts.backends.ModelBackend")
    client.get(reverse("notifications:index"))
    body = client.get(reverse("notifications:index")).content.decode()  # from the cache
    answer = client.post(reverse("notifications:mark_read", args=[entry.pk]), {"csrfmiddlewaretoken": _csrf(body)})
    assert answer.status_code == 302
    after = client.get(reverse("notifications:index")).content.decode()
    assert after.count("tag--unread") == 1 and "data-unread-count>1<" in after


def test_cached_inbox_is_each_users_own_and_speaks_their_language(demo, login):
    _entries("operator.nl", 2)
    item = b'class="inbox__item'
    assert login("operator.nl", language="en").get(reverse("notifications:index")).content.count(item) == 2
    assert item not in login("operator.be", language="en").get(reverse("notifications:index")).content
    dutch = login("operator.nl", language="nl").get(reverse("notifications:index")).content
    assert dutch.count(item) == 2 and "Ongelezen" in dutch.decode()


def test_a_page_reads_the_unread_count_in_the_same_round_trip_as_the_session_user(demo, login, monkeypatch):
    from django.core.cache import cache

    from apps.notifications.selectors import unread_key

    _entries("operator.nl", 2)
    client = login("operator.nl", language="en")
    client.get(reverse("home"))
    read_alone = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: read_alone.append(key) or get(key, *args, **kwargs))
    assert "data-unread-count>2<" in client.get(reverse("home")).content.decode()
    assert unread_key(User.objects.get(username="operator.nl").pk) not in read_alone  # it came with the session's user
    client.post(reverse("notifications:mark_all_read"))
    assert "data-unread-count>0<" in client.get(reverse("home")).content.decode()
