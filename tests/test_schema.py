import pytest
import yaml
from django.core.management import call_command


def test_openapi_schema_is_valid_and_warning_free(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/auth/token/",
        "/api/v1/me",
        "/api/v1/countries",
        "/api/v1/organisations",
        "/api/v1/organisations/{id}",
    } <= paths
    assert "Error" in schema["components"]["schemas"]


@pytest.mark.django_db
def test_logged_in_user_reads_schema_and_offline_docs(demo, login):
    client = login("operator.be")
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in body
    # No CDN host (a bare "cdn" can occur by chance in the page's random CSRF token, which has no dots).
    assert not any(host in body.lower() for host in ("cdn.", "jsdelivr", "unpkg"))
