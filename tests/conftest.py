from __future__ import annotations

import sys

import pytest
from siteserver import Site, SiteServer, closed_port


@pytest.fixture
def sites():
    """Factory of fixture hosts: ``host = sites.site(); host.add('/x.pdf', data)``."""
    server = SiteServer()
    yield server
    server.close()


@pytest.fixture
def site(sites) -> Site:
    """One fixture host."""
    return sites.site()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the user's archive or reaches the real Wayback Machine."""
    monkeypatch.setenv("R2P_ARCHIVE", str(tmp_path / "archive"))
    monkeypatch.setenv("R2P_WAYBACK_URL", f"http://127.0.0.1:{closed_port()}")  # refuses at once
    monkeypatch.delenv("NO_COLOR", raising=False)


def pytest_sessionfinish(session, exitstatus):
    """The reliability tests' figures (``$R2P_RELIABILITY_FIGURES``), once all have run."""
    common = sys.modules.get("test_reliability_common")
    if common is not None:
        common.record_session_figures()
