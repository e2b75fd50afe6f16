import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from apps.accounts.tests.factories import OrganisationFactory, UserFactory
from apps.notifications.models import InboxEntry, Notification, Webhook

__all__ = [
    "DeliveryFactory",
    "InboxEntryFactory",
    "NotificationFactory",
    "OrganisationFactory",
    "UserFactory",
    "WebhookFactory",
]


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    kind = "assistance.submitted"
    message = "Request %(reference)s was filed by %(country)s"
    params = factory.Sequence(lambda n: {"reference": f"BNL-2026-{n:04d}", "country": "BE"})
    url = "/assistance/"
    recipients = factory.List([])
    delivered_at = factory.LazyFunction(timezone.now)


class InboxEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InboxEntry

    notification = factory.SubFactory(NotificationFactory)
    user = factory.SubFactory(UserFactory)
    created_at = factory.SelfAttribute("notification.created_at")


class WebhookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webhook

    organisation = factory.SubFactory(OrganisationFactory)
    url = "http://127.0.0.1:9/hook"
    secret = "s3cret-shared-with-the-control-room"


def content_type_of(instance):
    return ContentType.objects.get_for_model(instance)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Delivery"

    class Params:
        failed = factory.Trait(status="failed", attempts=6, last_error="HTTP 500")

    notification = factory.SubFactory(NotificationFactory)
    channel = "webhook"
    organisation = factory.SubFactory(OrganisationFactory)


def deliver_request_filed_to_dutch_operators(reference: str = "BNL-2026-0001") -> Notification:
    """What filing a request to the Netherlands does (demo people): notify its operators, then deliver at once."""
    from apps.accounts.choices import Role
    from apps.accounts.models import User
    from apps.notifications import recipients, services

    belgian = User.objects.get(username="operator.be")
    notification = services.notify(
        kind="assistance.request_filed",
        target=belgian,
        recipients=[recipients.country("NL", roles=[Role.OPERATOR])],
        message="Request %(reference)s was filed by %(country)s",
        params={"reference": reference, "country": "BE"},
        actor=belgian,
    )
    services.notification_deliver(notification_id=notification.pk)
    return notification
