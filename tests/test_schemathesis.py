"""Schemathesis over the whole OpenAPI schema: every operation, with inputs Hypothesis makes from the schema, as a
control-room operator, a police chief and the secretariat. No answer is a server error, and every answer (its status,
content type and body) is one the schema describes.

The portal's WSGI application answers in this thread, on the test's own database connection, so the demo data made
once for the module (tests/shared_data.py) is what the API serves, and what a call writes is rolled back after its
test. Ids in paths are drawn half of the time from the demo data (an existing request, event, organisation, inbox
entry or attachment), else from what Hypothesis makes: both the found and the not-found answers are checked.

The number of examples per operation is bounded (``EXAMPLES``) so that the whole runs in a few minutes in CI; raise
it locally with ``SCHEMATHESIS_EXAMPLES=200 make test ARGS="tests/test_schemathesis.py"``.
"""

import os
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.shared_data import load_all_demo_data, module_data

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
USERS = ["operator.be", "chief.nl", "secretariat"]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()

# Existing ids for the path parameters, per operation path: filled by the ``api_data`` fixture.
KNOWN_IDS: dict[str, list[int]] = {}
ID_SOURCES = [
    # (path pattern, parameter, where its existing values come from)
    (r"^/api/v1/assistance-requests/\{id\}", "id", "requests"),
    (r"^/api/v1/assistance-requests/\{id\}/attachments/\{attachment_id\}$", "attachment_id", "attachments"),
    (r"^/api/v1/events/\{id\}$", "id", "events"),
    (r"^/api/v1/organisations/\{id\}$", "id", "organisations"),
    (r"^/api/v1/notifications/\{id\}/read$", "id", "inbox"),
    (r"^/api/v1/objectives/\{id\}$", "id", "objectives"),
    (r"^/api/v1/activities/\{id\}", "id", "activities"),
]


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the time an id that exists (a found object), else the one Hypothesis made (mostly not found)."""
    strategies = {}
    for pattern, name, source in ID_SOURCES:
        if not (path_parameters and name in path_parameters and KNOWN_IDS.get(source)):
            continue
        if re.match(pattern, context.operation.path):
            strategies[name] = st.one_of(st.just(path_parameters[name]), st.sampled_from(KNOWN_IDS[source]))
    if not strategies:
        return st.just(path_parameters)
    return st.fixed_dictionaries(strategies).map(lambda chosen: {**path_parameters, **chosen})


def _make_api_data():
    from django.test import Client

    from apps.accounts.models import Organisation
    from apps.assistance.models import AssistanceRequest, Attachment
    from apps.consultation.models import Activity, Objective
    from apps.events.models import Event
    from apps.notifications.models import InboxEntry

    load_all_demo_data(PASSWORD)
    KNOWN_IDS.update(
        requests=list(AssistanceRequest.objects.order_by("pk").values_list("pk", flat=True)[:40]),
        attachments=list(Attachment.objects.order_by("pk").values_list("pk", flat=True)[:20]),
        events=list(Event.objects.order_by("pk").values_list("pk", flat=True)[:40]),
        organisations=list(Organisation.objects.order_by("pk").values_list("pk", flat=True)),
        inbox=list(InboxEntry.objects.order_by("pk").values_list("pk", flat=True)[:40]),
        objectives=list(Objective.objects.order_by("pk").values_list("pk", flat=True)[:40]),
        activities=list(Activity.objects.order_by("pk").values_list("pk", flat=True)[:40]),
    )
    tokens = {}
    for username in USERS:
        # As an API client gets its token (DRF's tokens today, any other kind that answers {"token": ...} tomorrow).
        response = Client().post(
            "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        tokens[username] = response.json()["token"]
    return tokens


@pytest.fixture(scope="module")
def api_tokens(django_db_setup, django_db_blocker):
    yield from module_data(django_db_blocker, _make_api_data)
    KNOWN_IDS.clear()


@pytest.fixture
def wsgi_calls_keep_the_test_connection():
    """Django closes the database connection at the start and end of a request it serves through WSGI (it would end
    the test's transaction); its test client turns that off around its requests, and so does this fixture."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written under .hypothesis/
    derandomize=True,  # the same examples each run: CI fails on a defect, not on luck
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_of_the_api_is_in_the_schema_and_none_is_a_server_error(
    case, api_tokens, wsgi_calls_keep_the_test_connection
):
    for username in USERS:
        response = case.call(headers={"Authorization": f"Token {api_tokens[username]}"})
        case.validate_response(response, checks=CHECKS)
