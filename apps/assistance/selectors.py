"""Reads of the assistance app that decide visibility; every one takes the user (or a request already found
through one that did). An object the user may not see is a 404: the ``*_get_*`` readers raise ``Http404`` themselves.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from apps.accounts.choices import Role
from apps.events.selectors import event_list_visible_to

from . import permissions
from .choices import OPEN_STATUSES, URGENCY_RANK, EquipmentStatus, OfferDecision, RequestKind, RequestStatus, Urgency
from .models import (
    AssistanceRequest,
    Attachment,
    Booking,
    CountryResponse,
    EquipmentItem,
    Message,
    MessageRead,
    RequestedCountry,
    RequestedResource,
    ResponseLine,
)


def _visibility(user) -> Q | None:
    """The rule as a filter, or None when the user sees nothing.

    Drafts: only the filing control room. Submitted and later: operators and chiefs of the
    requesting and requested countries, and the secretariat.
    """
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return None
    roles = user.roles
    # "Filed" is "was ever submitted": a draft cancelled before submission stays with its control room.
    if Role.OPERATOR in roles:
        own_drafts = Q(submitted_at__isnull=True, requesting_organisation_id=user.organisation_id)
    else:
        own_drafts = Q(pk__in=[])
    filed = Q(submitted_at__isnull=False)
    if Role.SECRETARIAT in roles:
        return own_drafts | filed
    if roles & {Role.OPERATOR, Role.POLICE_CHIEF}:
        country_id = user.organisation.country_id
        involved = Q(requesting_organisation__country_id=country_id) | Q(
            Exists(RequestedCountry.objects.filter(request=OuterRef("pk"), country_id=country_id))
        )
        return own_drafts | (filed & involved)
    return None


def _requested_codes() -> ArraySubquery:
    """The codes of the requested countries, in order, as one array column (no query, no objects per country)."""
    return ArraySubquery(
        RequestedCountry.objects.filter(request=OuterRef("pk")).order_by("country__code").values("country__code")
    )


def requests_visible_to(*, user) -> QuerySet[AssistanceRequest]:
    """The requests this user may see, nothing loaded beside them (for counting, filtering and subqueries)."""
    rule = _visibility(user)
    if rule is None:
        return AssistanceRequest.objects.none()
    return AssistanceRequest.objects.filter(rule)


# What a row of a list shows (the queue, an event's requests, the API list): read nothing else, since a list
# of requests is read many times a minute and a request carries long texts. The related codes come as columns
# of the row (no object per organisation, country, legal basis or handling code).
ROW_FIELDS = (
    "reference",
    "kind",
    "status",
    "urgency",
    "title",
    "event",
    "place",
    "start",
    "end",
    "submitted_at",
    "acknowledge_by",
    "after_the_fact",
    "created_at",
    "requesting_organisation",
)


def _rank(field: str, values) -> Case:
    """The position of a row's ``field`` among ``values`` (a lifecycle, an urgency scale), for sorting."""
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


# How a list of requests sorts by each of its columns (``?sort=``), ascending: the most urgent first, kinds and
# statuses in their order of the form and the procedure, titles whatever their case. Starts and filing times have
# an index each (``AssistanceRequest.Meta.indexes``), the reference its unique one: sorting ten years of requests by
# them reads a page's rows from the index.
ROW_ORDER = {
    "reference": ("reference",),
    "title": (Lower("title"),),
    "urgency": (_rank("urgency", sorted(URGENCY_RANK, key=URGENCY_RANK.get)),),
    "from": ("requesting_organisation__country__code", "requesting_organisation__short_name"),
    "kind": (_rank("kind", RequestKind.values),),
    "start": ("start",),
    "status": (_rank("status", RequestStatus.values),),
    "waiting": ("submitted_at",),
}


def _row_columns(user, *, event=None) -> dict:
    # The event only when the reader may see it: a restricted event stays in its country, even as an id. (Rows of
    # an event the reader is looking at need no check.)
    if event is not None:
        visible_event_id = Value(event.pk, output_field=IntegerField())
    else:
        visible_event_id = Subquery(event_list_visible_to(user=user).filter(pk=OuterRef("event_id")).values("pk")[:1])
    return {
        "visible_event_id": visible_event_id,
        "requesting_short_name": F("requesting_organisation__short_name"),
        "requesting_country_code": F("requesting_organisation__country__code"),
        "legal_basis_code": F("legal_basis__code"),
        "handling_code_code": F("handling_code__code"),
        "requested_codes": _requested_codes(),
    }


def request_rows_visible_to(*, user, event=None) -> QuerySet[AssistanceRequest]:
    """The requests this user may see (those filed for ``event`` when given), with only what a list row shows, in
    one query per list: the row's columns, and ``requesting_short_name``, ``requesting_country_code``,
    ``legal_basis_code``, ``handling_code_code``, ``requested_codes`` (the requested countries) and
    ``visible_event_id`` (the event, if the user may see it)."""
    rows = requests_visible_to(user=user)
    if event is not None:
        rows = rows.filter(event=event)
    return rows.only(*ROW_FIELDS).annotate(**_row_columns(user, event=event))


def request_list_visible_to(*, user) -> QuerySet[AssistanceRequest]:
    """The requests this user may see, with their related rows and requested countries loaded, and the columns
    of a list row (``request_rows_visible_to``)."""
    return (
        requests_visible_to(user=user)
        .select_related("requesting_organisation__country", "legal_basis", "handling_code")
        .prefetch_related(Prefetch("requested", queryset=RequestedCountry.objects.select_related("country")))
        .annotate(**_row_columns(user))
    )


def requests_for_event(*, user, event, limit: int = 20) -> list[AssistanceRequest] | None:
    """The requests filed for an event that this user may see (at most ``limit``, newest first), or None
    when the user may see no request at all (the event page then has no such section)."""
    if _visibility(user) is None:
        return None
    return list(request_rows_visible_to(user=user, event=event)[:limit])


def _get_or_404(queryset: QuerySet, **lookup) -> Model:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as error:  # also a pk that is no number
        raise Http404 from error


def request_find_for_user(*, user, pk) -> AssistanceRequest:
    """One request with the columns of a list row but without its story (for what hangs off it, such as its
    attachments); Http404 when the user may not see it."""
    return _get_or_404(request_list_visible_to(user=user), pk=pk)


def request_get_for_user(*, user, pk) -> AssistanceRequest:
    """One request with its whole story; Http404 when the user may not see it."""
    story = (
        request_list_visible_to(user=user)
        .select_related("contact_person", "created_by")
        .prefetch_related(
            Prefetch("lines", queryset=RequestedResource.objects.select_related("resource_type")),
            Prefetch(
                "responses",
                queryset=CountryResponse.objects.select_related(
                    "country", "responded_by", "offer_decided_by"
                ).prefetch_related(Prefetch("lines", queryset=ResponseLine.objects.all())),
            ),
            "status_changes__actor",
            "status_changes__country",
            Prefetch("bookings", queryset=Booking.objects.select_related("item__organisation")),
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        )
    )
    return _get_or_404(story, pk=pk)


def booking_get_for_request(*, request, pk) -> Booking:
    """One booking of a request already found through a selector; Http404 when it is not one of its bookings."""
    return _get_or_404(Booking.objects.all(), pk=pk, request=request)


def booking_get_for_item(*, item, pk) -> Booking:
    """One booking of an item already found through a selector; Http404 when it is not one of its bookings."""
    return _get_or_404(Booking.objects.select_related("item__organisation"), pk=pk, item=item)


def attachment_list_for(*, request: AssistanceRequest) -> QuerySet[Attachment]:
    """The attachments of a request already found through a selector (so visible to the user)."""
    return Attachment.objects.filter(request=request).select_related("uploaded_by")


def attachment_get_for_user(*, user, request_pk, pk) -> Attachment:
    """One attachment of a request the user may see; Http404 otherwise."""
    visible = request_list_visible_to(user=user).filter(pk=request_pk).values("pk")
    return _get_or_404(
        Attachment.objects.filter(request__in=visible).select_related(
            "request__requesting_organisation__country", "uploaded_by"
        ),
        pk=pk,
        request_id=request_pk,
    )


def request_messages(*, request, user) -> QuerySet[Message]:
    """The thread of a request the user may see, with who read each message."""
    return (
        Message.objects.filter(request=request)
        .select_related("author", "organisation")
        .prefetch_related(Prefetch("reads", queryset=MessageRead.objects.select_related("user")))
    )


def awaiting_acknowledgement(queryset, *, country_id: int) -> QuerySet[AssistanceRequest]:
    """Of ``queryset``, the requests asked of this country that it has not acknowledged yet (and that are still
    open to it), the most urgent and longest waiting first."""
    urgency_rank = Case(
        When(urgency=Urgency.IMMEDIATE, then=Value(0)),
        When(urgency=Urgency.URGENT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        queryset.filter(_is_awaiting(country_id))
        .annotate(urgency_rank=urgency_rank)
        .order_by("urgency_rank", "submitted_at", "pk")
    )


def _is_awaiting(country_id: int) -> Q:
    not_acknowledged = RequestedCountry.objects.filter(
        request=OuterRef("pk"), country_id=country_id, acknowledged_at__isnull=True
    )
    return (
        Q(status__in=[RequestStatus.SUBMITTED, RequestStatus.ACKNOWLEDGED])
        & Q(Exists(not_acknowledged))
        & ~Q(requesting_organisation__country_id=country_id)
    )


def _is_mine(country_id: int | None) -> Q:
    if country_id is None:  # a joint Benelux body: the open requests of every country
        return Q(status__in=OPEN_STATUSES)
    return Q(requesting_organisation__country_id=country_id) & Q(status__in=[*OPEN_STATUSES, RequestStatus.DRAFT])


def open_requests_of(queryset, *, country_id: int | None) -> QuerySet[AssistanceRequest]:
    """Of ``queryset``, this country's own requests that are not over yet (drafts included); for a joint Benelux
    body (``country_id`` None: the secretariat), the open requests of all three countries."""
    return queryset.filter(_is_mine(country_id))


def operator_queue(*, user) -> dict[str, QuerySet[AssistanceRequest]]:
    """An operator's three lists: awaiting my country's acknowledgement (most urgent, longest waiting first),
    my country's open requests, and the rest I may see. A member of a joint Benelux body (the secretariat: no
    country, asked nothing, filing nothing) gets the open requests of the three countries, and the rest."""
    visible = request_rows_visible_to(user=user)
    if not user.organisation_id:
        return {"awaiting": visible, "mine": visible, "other": visible}
    country_id = user.organisation.country_id
    if country_id is None:
        return {
            "awaiting": visible.none(),
            "mine": open_requests_of(visible, country_id=None).order_by("-submitted_at", "-pk"),
            "other": visible.exclude(_is_mine(None)),
        }
    # The same conditions negated (not "pk NOT IN (subquery)"), so PostgreSQL plans one pass.
    other = visible.exclude(_is_awaiting(country_id)).exclude(_is_mine(country_id))
    return {
        "awaiting": awaiting_acknowledgement(visible, country_id=country_id),
        "mine": open_requests_of(visible, country_id=country_id),
        "other": other,
    }


def _equipment_status() -> Case:
    """Where an item is now, as a column: retired, out (handed over and not back), or available."""
    out = Booking.objects.filter(
        item=OuterRef("pk"), is_cancelled=False, returned_at__isnull=True, period__startswith__lte=timezone.now()
    )
    return Case(
        When(is_active=False, then=Value(EquipmentStatus.RETIRED)),
        When(Exists(out), then=Value(EquipmentStatus.OUT)),
        default=Value(EquipmentStatus.AVAILABLE),
        output_field=CharField(),
    )


def equipment_list_visible_to(*, user) -> QuerySet[EquipmentItem]:
    """The Benelux equipment registry (the three countries' items, retired ones too), for whoever may read it
    (``permissions.can_view_equipment``), each with its ``status`` (``EquipmentStatus``) and its owner's country."""
    if not permissions.can_view_equipment(user):
        return EquipmentItem.objects.none()
    return (
        EquipmentItem.objects.filter(organisation__country__is_member=True)
        .select_related("organisation__country", "resource_type")
        .annotate(status=_equipment_status())
        .order_by("organisation__country__code", "name", "pk")
    )


def equipment_get_for_user(*, user, pk) -> EquipmentItem:
    """One item of the registry; Http404 when the user may not read the registry or there is no such item."""
    return _get_or_404(equipment_list_visible_to(user=user), pk=pk)


def equipment_bookings(*, item, start, end) -> list[Booking]:
    """The item's bookings that overlap ``start``–``end`` (released ones too), with their requests and who asked,
    oldest first (one query)."""
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    return list(
        Booking.objects.filter(item=item, period__overlap=DateTimeTZRange(start, end, "[)"))
        .select_related("request__requesting_organisation__country", "booked_by")
        .order_by("period", "pk")
    )


def requests_seen_among(*, user, pks) -> set[int]:
    """Which of these requests the user may open (one query): a booking of another country names its request
    and who holds the item, and links it only for those who may see it."""
    pks = {pk for pk in pks if pk}
    if not pks:
        return set()
    return set(requests_visible_to(user=user).filter(pk__in=pks).values_list("pk", flat=True))


def equipment_free(*, user, resource_type, start, end) -> list[dict]:
    """What is free of ``resource_type`` between ``start`` and ``end`` in each member country, and what is not (with
    the bookings that hold it): ``[{"country", "free": [items], "held": [(item, [bookings])]}]``, in two queries."""
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    from apps.accounts.models import Country

    period = DateTimeTZRange(start, end, "[)")
    holding = Booking.objects.filter(is_cancelled=False, period__overlap=period).select_related(
        "request__requesting_organisation__country"
    )
    items = (
        equipment_list_visible_to(user=user)
        .filter(resource_type=resource_type, is_active=True)
        .prefetch_related(Prefetch("bookings", queryset=holding.order_by("period"), to_attr="holding"))
    )
    by_country: dict[str, dict] = {}
    for country in Country.objects.filter(is_member=True).order_by("code"):
        by_country[country.code] = {"country": country, "free": [], "held": []}
    for item in items:
        row = by_country.get(item.organisation.country.code)
        if row is None:
            continue
        if item.holding:
            row["held"].append((item, item.holding))
        else:
            row["free"].append(item)
    return list(by_country.values())


def equipment_available_for(*, request, country_id: int) -> QuerySet[EquipmentItem]:
    """A country's active items of the types a request asks for, not booked for any part of its period."""
    from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

    items = EquipmentItem.objects.filter(
        is_active=True,
        organisation__country_id=country_id,
        resource_type__in=[line.resource_type_id for line in request.lines.all()],
    ).select_related("organisation", "resource_type")
    if request.start and request.end:
        busy = Booking.objects.filter(
            item=OuterRef("pk"),
            is_cancelled=False,
            period__overlap=DateTimeTZRange(request.start, request.end, "[)"),
        )
        items = items.exclude(Exists(busy))
    return items


def statistics_scope(user) -> str | None:
    """Who sees the same filed requests (``_visibility`` without drafts): the secretariat all, operators and
    chiefs their country's; None for whoever sees none."""
    rule = _visibility(user)
    if rule is None:
        return None
    if Role.SECRETARIAT in user.roles:
        return "all"
    return f"country-{user.organisation.country_id}"


def request_statistics(*, user, year: int) -> dict:
    """For the chiefs: per requesting country how many requests were filed in ``year``, how fast the
    requested countries acknowledged (the median time from filing to acknowledgement), and what was lent (accepted
    offers per sending country and resource type, named in the active language). Counts only requests the user may
    see. Rows: ``{"country", "country_name", "filed", "received", "acknowledged", "median" (a timedelta or None),
    "median_minutes"}``; lent: ``{"country", "country_name", "resource_type", "resource_code", "quantity"}``."""
    from django.db.models import Count, DurationField, ExpressionWrapper, F, Sum
    from django.db.models.aggregates import Aggregate

    from apps.accounts.models import Country

    from .models import ResourceType

    class Median(Aggregate):
        function = "PERCENTILE_CONT"
        template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        output_field = DurationField()

    visible = requests_visible_to(user=user).filter(submitted_at__year=year)
    filed = {
        row["requesting_organisation__country__code"]: row["n"]
        for row in visible.order_by().values("requesting_organisation__country__code").annotate(n=Count("pk"))
    }
    received = {
        row["country__code"]: row
        for row in RequestedCountry.objects.filter(request__in=visible.values("pk"))
        .order_by()
        .values("country__code")
        .annotate(
            n=Count("pk"),
            acknowledged=Count("acknowledged_at"),
            median=Median(
                ExpressionWrapper(F("acknowledged_at") - F("request__submitted_at"), output_field=DurationField())
            ),
        )
    }
    lent_rows = list(
        ResponseLine.objects.filter(
            response__request__in=visible.values("pk"),
            response__offer_decision=OfferDecision.ACCEPTED,
            offered_quantity__gt=0,
        )
        .order_by()
        .values("response__country__code", "line__resource_type_id")
        .annotate(quantity=Sum("offered_quantity"))
        .order_by("response__country__code", "line__resource_type_id")
    )
    codes = sorted(set(filed) | set(received))
    # Names in the reader's language (with the translations' fallback): one query for the countries, one for the
    # resource types lent, whatever the number of rows.
    names = {}
    if codes or lent_rows:
        names = {country.code: country.name for country in Country.objects.all()}
    types = {}
    if lent_rows:
        types = {
            kind.pk: kind
            for kind in ResourceType.objects.filter(pk__in={r["line__resource_type_id"] for r in lent_rows})
        }
    rows = []
    for code in codes:
        stats = received.get(code, {})
        median = stats.get("median")
        rows.append(
            {
                "country": code,
                "country_name": names.get(code, code),
                "filed": filed.get(code, 0),
                "received": stats.get("n", 0),
                "acknowledged": stats.get("acknowledged", 0),
                "median": median,
                "median_minutes": round(median.total_seconds() / 60) if median is not None else None,
            }
        )
    lent = []
    for row in lent_rows:
        kind = types[row["line__resource_type_id"]]
        code = row["response__country__code"]
        lent.append(
            {
                "country": code,
                "country_name": names.get(code, code),
                "resource_type": str(kind),
                "resource_code": kind.code,
                "quantity": row["quantity"],
            }
        )
    lent.sort(key=lambda row: (row["country_name"].casefold(), row["resource_type"].casefold()))
    return {"year": year, "rows": rows, "lent": lent}
