import datetime

import pytest
import time_machine
from django.apps import apps as django_apps
from django.utils import timezone, translation

from apps.assistance import reference_data as reference_data_module
from apps.assistance import services
from apps.assistance.models import HandlingCode, LegalBasis

from .factories import START, resource_type, user


@pytest.fixture(autouse=True)
def english():
    """Service-level refusals are read as an English-speaking operator (the API and pages speak the user's own)."""
    with translation.override("en"):
        yield


@pytest.fixture
def reference_data(db):
    """The catalogue, as migration 0002 writes it (a transactional test before may have flushed it)."""
    reference_data_module.load(django_apps)


@pytest.fixture
def line_values(reference_data):
    return [{"resource_type": resource_type("mounted-unit"), "quantity": 12, "muster_point": "Circuit, gate 4"}]


@pytest.fixture
def make_request(demo, line_values):
    """``make_request(by="operator.nl", to=["BE"], status="draft")``: a complete request driven to a state."""

    def _make(by="operator.nl", to=("BE",), status="draft", **fields):
        actor = user(by)
        lines = fields.pop("lines", line_values)
        values = {
            "title": "Formula 1 Belgian Grand Prix",
            "operational_context": "About 380,000 visitors over three days.",
            "place": "Circuit de Spa-Francorchamps",
            "start": START,
            "end": START + datetime.timedelta(days=3),
            "legal_basis": LegalBasis.objects.get(code="benelux-police-treaty-2018"),
            "handling_code": HandlingCode.objects.get(code="H1"),
            "operational_control": "Police zone Stavelot-Malmedy",
            "command": "Sending unit commander",
            **fields,
        }
        request = services.request_create(actor=actor, requested_countries=list(to), lines=lines, **values)
        steps = ["submitted", "acknowledged", "answered", "accepted", "in_progress", "completed", "closed"]
        if status == "draft":
            return request
        services.request_submit(request=request, actor=actor)
        target = steps.index(status)
        answerers = {code: user(f"operator.{code.lower()}") for code in to}
        if target >= 1:
            for answerer in answerers.values():
                services.request_acknowledge(request=request, actor=answerer)
        if target >= 2:
            for answerer in answerers.values():
                services.request_respond(
                    request=request,
                    actor=answerer,
                    decisions=[
                        {"line": line.pk, "decision": "approved", "offered_quantity": line.quantity}
                        for line in request.lines.all()
                    ],
                )
        if target >= 3:
            services.request_accept(request=request, actor=actor, accepted_countries=list(to))
        if target >= 4:
            services.request_start(request=request, actor=actor)
        if target >= 5:
            # A deployment is over only once its period has begun: complete (and close) it from then.
            begun = max(values["start"], timezone.now()) + datetime.timedelta(hours=1)
            with time_machine.travel(begun, tick=False):
                services.request_complete(request=request, actor=actor)
                if target >= 6:
                    services.request_close(request=request, actor=actor)
        request.refresh_from_db()
        return request

    return _make
