"""neo4j_server (the launcher) and `govgraph neo4j`: a real server with authentication, and the errors.

Starting a server needs Java 17+ and the jars (``bash .ci/test`` fetches them), so
that test runs only where the Neo4j tests run (see ``conftest.py``).
"""
from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner

import neo4j_server as server
from graph.cli import cli
from graph.errors import ServerError, StoreAuthError


def test_status_of_a_folder_without_server(tmp_path):
    assert server.status(tmp_path) == {"running": False, "data_dir": str(tmp_path.resolve())}
    assert server.stop(tmp_path) is False
    r = CliRunner().invoke(cli, ["neo4j", "status", "--data", str(tmp_path)])
    assert r.exit_code == 3 and r.output.startswith("stopped")


def test_missing_java_or_maven_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_CACHE", str(tmp_path / "cache"))  # nothing cached: must fetch
    monkeypatch.setenv("PATH", str(tmp_path))  # no java, no mvn
    with pytest.raises(ServerError, match="`java` is not on PATH") as e:
        server.ensure_jars(quiet=True)
    assert "Maven" in str(e.value)
    r = CliRunner().invoke(cli, ["neo4j", "start", "--data", str(tmp_path / "data")])
    assert r.exit_code == 1 and "java" in r.output


def test_pom_and_launcher_agree():
    assert server.neo4j_version().startswith("5.26.")
    assert (server.SERVER_DIR / "Launcher.java").is_file()


@pytest.mark.neo4j
def test_server_with_authentication(tmp_path):
    from conftest import neo4j_uri

    neo4j_uri()  # skip (or fail in CI) like the other Neo4j tests
    from graph.stores.neo4j import Neo4jStore

    password = "s3cret-for-test"
    s = server.start(tmp_path / "data", auth=("neo4j", password), quiet=True)
    try:
        st = server.status(tmp_path / "data")
        assert st["running"] and st["uri"] == s.uri and st["pid"] == s.pid
        assert password not in (tmp_path / "data" / "server.json").read_text(encoding="utf-8")
        with pytest.raises(ServerError, match="already runs"):
            server.start(tmp_path / "data", quiet=True)
        with pytest.raises(StoreAuthError) as e:
            Neo4jStore(s.uri, "neo4j", "wrong-password")
        assert "NEO4J_PASSWORD" in str(e.value) and "wrong-password" not in str(e.value)
        with Neo4jStore(s.uri, "neo4j", password) as store:
            assert store.documents() == []
    finally:
        assert server.stop(tmp_path / "data")
    assert not server.status(tmp_path / "data")["running"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(s.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"java pid {s.pid} still exists after stop")
