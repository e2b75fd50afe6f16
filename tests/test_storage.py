"""Production's static files storage: addresses from the manifest, each worked out once per process."""

import json

import pytest

from benelux_portal.storage import StaticFilesStorage


def test_static_addresses_come_from_the_manifest_and_are_kept(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "portal.abc123.css").write_text("body {}")
    manifest = {"version": "1.1", "paths": {"css/portal.css": "css/portal.abc123.css"}, "hash": "0"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"
    storage.hashed_files = {}  # the manifest forgotten: only a kept address can answer now
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"
    with pytest.raises(ValueError, match="manifest"):
        storage.url("css/portal.css", force=True)  # force still asks the manifest
