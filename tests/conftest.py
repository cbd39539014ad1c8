"""Store fixtures: the embedded SQLite store and a real Neo4j server.

``neo4j_store`` connects to ``$NEO4J_URI`` (``bash .ci/test`` starts a throw-away
server and sets it; by hand: ``govgraph neo4j start`` and export the URI it
prints). The database is cleared before and after each test. Without
``NEO4J_URI`` the Neo4j tests are skipped, unless ``CI`` or
``GOVGRAPH_TEST_NEO4J`` is set: then they fail, so a CI run cannot pass
without having tested Neo4j.
"""
from __future__ import annotations

import os

import pytest

from graph.stores import SQLiteStore


@pytest.fixture(autouse=True, scope="session")
def _question_cache(tmp_path_factory):
    """Question caches of Neo4j stores go in a folder of the test run, not the
    user's ~/.cache (tests that look at the default place unset this)."""
    if "GOVGRAPH_CACHE" not in os.environ:
        os.environ["GOVGRAPH_CACHE"] = str(tmp_path_factory.mktemp("question-cache"))
    yield


@pytest.fixture
def sqlite_store(tmp_path):
    store = SQLiteStore(tmp_path / "graph.db")
    yield store
    store.close()


def neo4j_uri() -> str:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        why = "NEO4J_URI is not set (run `bash .ci/test`, or `govgraph neo4j start` and export NEO4J_URI)"
        if os.environ.get("CI") or os.environ.get("GOVGRAPH_TEST_NEO4J"):
            pytest.fail(why + "; CI / GOVGRAPH_TEST_NEO4J demand the Neo4j tests")
        pytest.skip(why)
    return uri


@pytest.fixture
def neo4j_store():
    from graph.stores.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_uri(), os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD"))
    store.clear()
    yield store
    try:
        store.clear()
    finally:
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """The same test over both stores."""
    return request.getfixturevalue(f"{request.param}_store")
