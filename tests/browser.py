"""Debian's headless Chromium for the browser tests (fixture ``chromium`` in the root conftest.py)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the networking flags Chromium keeps reaching for the (closed) network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# ``pytestmark = BROWSER_TESTS`` in a module of browser tests: marked ``browser``, skipped on a machine without
# Chromium (never in CI, which installs it).
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason="Debian's chromium is not installed (apt-get install chromium); .ci/run installs it",
    ),
]
