"""The Neo4j launcher: a local, throw-away Neo4j server for tests and for trying govgraph with Neo4j.

Tooling beside the library, not part of it (``graph`` never needs it to read or
store anything; ``govgraph neo4j`` and the test run use it).

No Docker, no tarball: Neo4j Community 5.26 (LTS, runs on Java 17) is a
library on Maven Central. :func:`ensure_jars` asks Maven to copy it and its
dependencies into a cache (once); :func:`start` runs the embedded database
with its Bolt connector on (``neo4j_server/Launcher.java``, run by ``java``
straight from source) on a loopback port and waits until Bolt answers.
Authentication is off: the server listens on 127.0.0.1 only and its data is
meant to be thrown away.

``python -m neo4j_server pytest ARGS…`` fetches the jars, starts a server in a
temporary folder on a free port, runs ``python -m pytest ARGS…`` with
``NEO4J_URI`` (and ``GOVGRAPH_TEST_NEO4J=1``) set, always stops the server and
exits with pytest's status. Progress goes to stderr.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Sequence

from graph.errors import ServerError

__all__ = [
    "SERVER_DIR",
    "neo4j_version",
    "cache_dir",
    "ensure_jars",
    "java_command",
    "free_port",
    "Server",
    "start",
    "status",
    "stop",
    "run_pytest",
    "main",
]

SERVER_DIR = Path(__file__).resolve().parent  # Launcher.java and pom.xml beside this file
STATE_FILE = "server.json"
LOG_FILE = "server.log"

# What the official neo4j.conf adds for Java 17 (Netty and the page cache use JDK internals).
JAVA_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)

_INSTALL_HINT = "install a JDK 17+ and Maven (Debian: apt-get install openjdk-17-jdk-headless maven)"


def _say(msg: str) -> None:
    print(f"neo4j_server: {msg}", file=sys.stderr, flush=True)


def _pom() -> Path:
    pom = SERVER_DIR / "pom.xml"
    if not pom.is_file():
        raise ServerError(f"{pom} is missing", hint="run from a source checkout of govgraph (pip install -e .)")
    return pom


def neo4j_version() -> str:
    """The Neo4j version pinned in ``neo4j_server/pom.xml``."""
    m = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", _pom().read_text(encoding="utf-8"))
    if not m:
        raise ServerError(f"{_pom()}: no <neo4j.version>")
    return m.group(1).strip()


def cache_dir() -> Path:
    """``$GOVGRAPH_CACHE/neo4j-VERSION`` (default ``~/.cache/govgraph/neo4j-VERSION``)."""
    base = os.environ.get("GOVGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govgraph")
    return Path(base) / f"neo4j-{neo4j_version()}"


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        raise ServerError(f"`{tool}` is not on PATH; it is needed to run a local Neo4j", hint=_INSTALL_HINT)
    return path


def _java_major(java: str) -> int:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError) as e:
        raise ServerError(f"cannot run {java}: {e}", hint=_INSTALL_HINT) from e
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        raise ServerError(f"cannot tell the Java version from: {out.strip()[:200]}")
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def ensure_jars(quiet: bool = False) -> Path:
    """The folder of Neo4j jars, fetched from Maven Central on first use."""
    lib = cache_dir() / "lib"
    marker = lib / ".complete"
    if marker.is_file():
        return lib
    java = _require("java")
    major = _java_major(java)
    if major < 17:
        raise ServerError(f"Neo4j {neo4j_version()} needs Java 17 or 21; `java` is {major}", hint=_INSTALL_HINT)
    mvn = _require("mvn")
    tmp = lib.with_name(f"lib.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.parent.mkdir(parents=True, exist_ok=True)
    if not quiet:
        _say(f"fetching Neo4j {neo4j_version()} jars from Maven Central into {lib} (once)…")
    t0 = time.monotonic()
    cmd = [mvn, "-q", "-B", "-f", str(_pom()), "dependency:copy-dependencies", f"-DoutputDirectory={tmp}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not any(tmp.glob("neo4j-*.jar")):
        shutil.rmtree(tmp, ignore_errors=True)
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise ServerError(f"Maven could not fetch the Neo4j jars (exit {proc.returncode}):\n{tail}",
                          hint="is Maven Central (repo1.maven.org) reachable?")
    jars = list(tmp.glob("*.jar"))
    size = sum(j.stat().st_size for j in jars)
    (tmp / ".complete").write_text(
        json.dumps({"version": neo4j_version(), "jars": len(jars), "bytes": size,
                    "seconds": round(time.monotonic() - t0, 1)}) + "\n", encoding="utf-8")
    shutil.rmtree(lib, ignore_errors=True)
    os.replace(tmp, lib)
    if not quiet:
        _say(f"{len(jars)} jars, {size / 1e6:.0f} MB in {time.monotonic() - t0:.1f} s")
    return lib


def java_command(lib: Path, home: Path, port: int, *, heap: str = "1g", pagecache: str = "256m",
                 auth: str | None = None, watch_stdin: bool = False) -> list[str]:
    cmd = [_require("java"), *JAVA_FLAGS, f"-Xmx{heap}", "-cp", f"{lib}{os.sep}*",
           str(SERVER_DIR / "Launcher.java"), "--home", str(home), "--port", str(port),
           "--pagecache", pagecache]
    if auth:
        cmd += ["--auth", auth]
    if watch_stdin:
        cmd.append("--watch-stdin")
    return cmd


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    uri: str
    port: int
    pid: int
    data_dir: str
    log: str
    version: str
    started: float
    seconds_to_start: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Servers this process started: their Popen objects, so stop() can reap them.
_CHILDREN: dict[int, subprocess.Popen] = {}


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Guard against a recycled pid: it must still be our launcher.
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return b"Launcher.java" in cmdline


def _read_state(data_dir: Path) -> Server | None:
    path = data_dir / STATE_FILE
    try:
        return Server(**json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError) as e:
        raise ServerError(f"{path}: unreadable ({e}); delete it if no server runs") from e


def _log_tail(log: Path, n: int = 20) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-n:])


def _bolt_answers(uri: str, auth: tuple[str, str] | None) -> bool:
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=2) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        # Bolt listens before the Launcher has set the password: not ready yet.
        return auth is None
    except (DriverError, Neo4jError, OSError):
        return False


def start(data_dir: str | os.PathLike[str], port: int | None = None, *, heap: str = "1g",
          pagecache: str = "256m", auth: tuple[str, str] | None = None, timeout: float = 180,
          watch_stdin: bool = False, quiet: bool = False) -> Server:
    """Start a server keeping its data in ``data_dir`` (created) and wait until Bolt answers.

    ``port`` defaults to a free loopback port. ``watch_stdin`` ties the server's life to
    this process (it stops when our end of its stdin closes). Writes
    ``data_dir/server.json`` (no password in it) and logs to ``data_dir/server.log``.
    """
    data = Path(data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True)
    old = _read_state(data)
    if old is not None:
        if _alive(old.pid):
            raise ServerError(f"a server already runs for {data} at {old.uri} (pid {old.pid})",
                              hint="`govgraph neo4j stop` first")
        (data / STATE_FILE).unlink(missing_ok=True)
    lib = ensure_jars(quiet=quiet)
    port = port or free_port()
    uri = f"bolt://127.0.0.1:{port}"
    log = data / LOG_FILE
    cmd = java_command(lib, data / "neo4j", port, heap=heap, pagecache=pagecache,
                       auth=f"{auth[0]}:{auth[1]}" if auth else None, watch_stdin=watch_stdin)
    if not quiet:
        _say(f"starting Neo4j {neo4j_version()} on {uri} (data in {data})…")
    t0 = time.monotonic()
    with open(log, "wb") as logf:  # a fresh log: "ready" must come from this start
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                                stdin=subprocess.PIPE if watch_stdin else subprocess.DEVNULL,
                                cwd=str(data), start_new_session=True)
    _CHILDREN[proc.pid] = proc
    server = Server(uri=uri, port=port, pid=proc.pid, data_dir=str(data), log=str(log),
                    version=neo4j_version(), started=time.time())
    try:
        while True:
            if proc.poll() is not None:
                raise ServerError(f"Neo4j exited with status {proc.returncode} while starting; "
                                  f"the end of {log}:\n{_log_tail(log)}")
            # Ready: the Launcher said so (users set, default database up) and Bolt answers.
            if f"ready {uri}" in _log_tail(log, 200) and _bolt_answers(uri, auth):
                break
            if time.monotonic() - t0 > timeout:
                raise ServerError(f"Neo4j did not answer on {uri} within {timeout:.0f} s; "
                                  f"the end of {log}:\n{_log_tail(log)}")
            time.sleep(0.25)
    except BaseException:
        _terminate(proc.pid)
        raise
    server.seconds_to_start = round(time.monotonic() - t0, 1)
    (data / STATE_FILE).write_text(json.dumps(server.as_dict(), indent=1) + "\n", encoding="utf-8")
    if not quiet:
        _say(f"Neo4j answers on {uri} after {server.seconds_to_start} s (pid {proc.pid})")
    return server


def status(data_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """``{"running": bool, …the state file…}`` for the server of ``data_dir``."""
    data = Path(data_dir).resolve()
    server = _read_state(data)
    if server is None:
        return {"running": False, "data_dir": str(data)}
    out = server.as_dict()
    out["running"] = _alive(server.pid)
    return out


def _terminate(pid: int, timeout: float = 60) -> None:
    child = _CHILDREN.pop(pid, None)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child is not None:
            if child.poll() is not None:
                return
        elif not _alive(pid):
            return
        time.sleep(0.1)
    _say(f"pid {pid} ignored SIGTERM for {timeout:.0f} s; killing it")
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if child is not None:
        child.wait()


def stop(data_dir: str | os.PathLike[str], timeout: float = 60) -> bool:
    """Stop the server of ``data_dir``; False if none was running."""
    data = Path(data_dir).resolve()
    server = _read_state(data)
    if server is None:
        return False
    running = _alive(server.pid)
    if running:
        _terminate(server.pid, timeout)
    (data / STATE_FILE).unlink(missing_ok=True)
    return running


def run_pytest(args: Sequence[str]) -> int:
    """Run pytest against a throw-away server; always stop it."""
    ensure_jars()
    tmp = Path(tempfile.mkdtemp(prefix="govgraph-neo4j-"))
    server = None
    previous = signal.getsignal(signal.SIGTERM)
    terminated = False

    def _on_term(signum: int, frame: Any) -> None:
        nonlocal terminated
        terminated = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _on_term)
    try:
        server = start(tmp, watch_stdin=True)
        env = dict(os.environ, NEO4J_URI=server.uri, GOVGRAPH_TEST_NEO4J="1")
        env.pop("NEO4J_USER", None)
        env.pop("NEO4J_PASSWORD", None)
        proc = subprocess.Popen([sys.executable, "-m", "pytest", *args], env=env)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            # A Ctrl-C reached pytest too (same process group); a SIGTERM reached only us: pass it on
            # as an interrupt. Either way let pytest finish its report.
            if terminated and proc.poll() is None:
                proc.send_signal(signal.SIGINT)
            try:
                return proc.wait(timeout=30) or 130
            except (subprocess.TimeoutExpired, KeyboardInterrupt):
                proc.kill()
                proc.wait()
                return 130
    except KeyboardInterrupt:
        return 130
    finally:
        try:
            if server is not None:
                t0 = time.monotonic()
                stop(tmp)
                _say(f"stopped Neo4j ({time.monotonic() - t0:.1f} s)")
            else:
                for pid in list(_CHILDREN):
                    _terminate(pid)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            signal.signal(signal.SIGTERM, previous)


_USAGE = """usage: python -m neo4j_server pytest [PYTEST ARGS…]   run the tests against a throw-away Neo4j
       python -m neo4j_server jars                      fetch the Neo4j jars (cached) and print their folder"""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(_USAGE, file=sys.stderr)
        return 0 if argv else 2
    cmd, rest = argv[0], argv[1:]
    try:
        if cmd == "pytest":
            return run_pytest(rest)
        if cmd == "jars":
            print(ensure_jars())
            return 0
    except ServerError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    print(_USAGE, file=sys.stderr)
    return 2
