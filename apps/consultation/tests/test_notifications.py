"""Publishing an agenda tells the police chiefs of the body's member organisations, each in their own language,
with a link to the meeting (apps.notifications: the outbox row in the transaction, delivered after commit; delivery
by a real worker is tested in apps/notifications/tests, here it runs in-process to show who is reached)."""

import pytest

from apps.consultation import services
from apps.core.errors import ApplicationError
from apps.notifications.models import InboxEntry, Notification
from apps.notifications.services import notification_deliver

from .factories import add_item, make_meeting, user

pytestmark = pytest.mark.django_db


def test_agenda_reaches_the_member_chiefs_in_their_own_language(sop, hazeldonk, django_capture_on_commit_callbacks):
    meeting = make_meeting(sop)
    add_item(meeting, "Cross-border telecommunication")
    with django_capture_on_commit_callbacks() as callbacks:
        services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert callbacks  # delivery is handed to the workers once the publication is committed
    notification = Notification.objects.get()
    notification_deliver(notification_id=notification.pk)
    reached = {entry.user.username: entry for entry in InboxEntry.objects.select_related("user")}
    assert set(reached) == {"chief.be", "chief.nl", "chief.lu"}  # not the operators, nor Hazeldonk's members
    # Each in their own language: Jean-Marc Delvaux reads French, Marloes van Dijk Dutch, Tom Kieffer German; the
    # body by its name in their language (this one has none in French or German: its English name), the date theirs.
    assert notification.render(user("chief.be").preferred_language) == (
        "Strategic Consultation Police : l'ordre du jour de la réunion du 14 juin 2022 est publié."
    )
    assert notification.render(user("chief.nl").preferred_language) == (
        "Strategisch Overleg Politie: de agenda van de vergadering van 14 juni 2022 is gepubliceerd."
    )
    assert notification.render(user("chief.lu").preferred_language) == (
        "Strategic Consultation Police: Die Tagesordnung der Sitzung vom 14. Juni 2022 ist veröffentlicht."
    )
    assert notification.url == meeting.get_absolute_url()


def test_a_refused_publication_notifies_nobody(sop):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError):
        services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert not Notification.objects.exists()


def test_republishing_after_a_change_says_what_changed(sop):
    meeting = make_meeting(sop)
    add_item(meeting, "Ukraine")
    services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    add_item(meeting, "Liaison officer in Colombia")
    services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    changed = Notification.objects.get(kind="consultation.agenda_changed")
    assert changed.params["added"] == 1 and changed.params["items"] == "2"
