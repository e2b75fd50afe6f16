import pytest
from django.test import Client

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.notifications.choices import Urgency
from apps.notifications.models import InboxEntry

from .factories import InboxEntryFactory, NotificationFactory, deliver_request_filed_to_dutch_operators

pytestmark = pytest.mark.django_db


def _entries(username, count, **notification):
    user = User.objects.get(username=username)
    return [InboxEntryFactory(user=user, notification=NotificationFactory(**notification)) for _ in range(count)]


def test_anonymous_caller_gets_401():
    client = Client()
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/read-all").status_code == 401
    assert client.post("/api/v1/notifications/1/read").status_code == 401


def test_operator_lists_their_inbox_with_a_fixed_number_of_queries(demo, login, django_assert_num_queries):
    _entries("operator.nl", 120)
    _entries("operator.be", 5)
    client = login("operator.nl", language="en")
    client.get("/api/v1/notifications")
    with django_assert_num_queries(3):  # 2FA devices (2), one page of entries with their notification
        response = client.get("/api/v1/notifications?page_size=100")
    data = response.json()
    assert response.status_code == 200
    assert len(data["results"]) == 100 and data["next"]
    first = data["results"][0]
    assert set(first) == {"id", "kind", "text", "url", "urgency", "escalated", "created_at", "is_read", "read_at"}
    assert first["text"].endswith("was filed by BE")
    with django_assert_num_queries(3):
        rest = client.get(data["next"]).json()
    assert len(rest["results"]) == 20 and rest["next"] is None
    ids = [row["id"] for row in data["results"] + rest["results"]]
    assert len(set(ids)) == 120
    assert set(InboxEntry.objects.filter(pk__in=ids).values_list("user__username", flat=True)) == {"operator.nl"}


def test_unread_and_urgency_filters(demo, login):
    entries = _entries("operator.nl", 3)
    _entries("operator.nl", 1, urgency=Urgency.IMMEDIATE)
    InboxEntry.objects.filter(pk=entries[0].pk).update(is_read=True)
    client = login("operator.nl")
    assert len(client.get("/api/v1/notifications?unread=true").json()["results"]) == 3
    assert len(client.get("/api/v1/notifications?unread=false").json()["results"]) == 4
    assert len(client.get("/api/v1/notifications?urgency=immediate").json()["results"]) == 1


@pytest.mark.parametrize("query", ["?unread=true&colour=red", "?urgency=soon", "?kind=weather", "?cursor=garbage"])
def test_bad_query_is_a_400_or_404_in_the_error_shape(demo, login, query):
    response = login("operator.nl").get(f"/api/v1/notifications{query}")
    assert response.status_code in {400, 404}
    assert set(response.json()) == {"detail", "errors"}


def test_operator_marks_one_read(demo, login):
    entry, other = _entries("operator.nl", 2)
    response = login("operator.nl").post(f"/api/v1/notifications/{entry.pk}/read")
    assert response.status_code == 200
    assert response.json()["is_read"] is True and response.json()["read_at"]
    assert not InboxEntry.objects.get(pk=other.pk).is_read


def test_someone_elses_notification_is_a_404(demo, login):
    [entry] = _entries("operator.be", 1)
    response = login("operator.nl").post(f"/api/v1/notifications/{entry.pk}/read")
    assert response.status_code == 404
    assert not InboxEntry.objects.get(pk=entry.pk).is_read


def test_read_all_marks_only_mine(demo, login):
    _entries("operator.nl", 3)
    _entries("operator.be", 2)
    response = login("operator.nl").post("/api/v1/notifications/read-all")
    assert response.json() == {"marked": 3}
    assert InboxEntry.objects.filter(is_read=False).count() == 2


def test_token_client_reads_inbox(demo):
    user = User.objects.get(username="operator.lu")
    _entries("operator.lu", 2)
    token = api_token_for(user)
    response = Client().get("/api/v1/notifications", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and len(response.json()["results"]) == 2


def test_the_written_out_representation_is_the_generic_one():
    from datetime import UTC, datetime

    from rest_framework import serializers

    from apps.notifications.api.serializers import InboxEntrySerializer

    first = NotificationFactory()
    entries = [
        InboxEntryFactory(notification=NotificationFactory(params={"reference": "<b>&", "country": "BE"})),
        InboxEntryFactory(
            notification=NotificationFactory(urgency=Urgency.IMMEDIATE, url="", escalation_of=first, params={}),
            is_read=True,
            read_at=datetime(2026, 11, 23, 12, 0, 0, 123, tzinfo=UTC),
        ),
    ]
    serializer = InboxEntrySerializer()
    for entry in InboxEntry.objects.filter(pk__in=[e.pk for e in entries]).select_related("notification"):
        written = serializer.to_representation(entry)
        generic = serializers.ModelSerializer.to_representation(serializer, entry)
        assert written == dict(generic) and list(written) == list(generic)


def test_api_inbox_answers_again_from_the_cache_and_shows_every_change_at_once(
    demo, login, django_assert_num_queries, django_capture_on_commit_callbacks
):
    entry = _entries("operator.nl", 2)[0]
    client = login("operator.nl", language="en")
    first = client.get("/api/v1/notifications").json()
    with django_assert_num_queries(2):  # two-factor devices (none here: TOTP, static); the page is cached
        assert client.get("/api/v1/notifications").json() == first
    assert client.post(f"/api/v1/notifications/{entry.pk}/read").status_code == 200
    rows = {row["id"]: row["is_read"] for row in client.get("/api/v1/notifications").json()["results"]}
    assert rows[entry.pk] is True
    with django_capture_on_commit_callbacks(execute=True):  # the stamp is renewed when the delivery commits
        deliver_request_filed_to_dutch_operators()
    assert len(client.get("/api/v1/notifications").json()["results"]) == 3
    client.post("/api/v1/notifications/read-all")
    assert all(row["is_read"] for row in client.get("/api/v1/notifications").json()["results"])


def test_api_inbox_cache_is_each_users_own(demo, login):
    _entries("operator.nl", 2)
    assert len(login("operator.nl").get("/api/v1/notifications").json()["results"]) == 2
    assert login("operator.be").get("/api/v1/notifications").json()["results"] == []
