"""One exception hierarchy for govgraph.

The command line turns only these into ``Error: …`` messages; anything else
is a bug and keeps its traceback.
"""
from __future__ import annotations

__all__ = [
    "GovGraphError",
    "SchemaError",
    "LoadError",
    "NotLoaded",
    "StoreError",
    "StoreUnavailable",
    "StoreAuthError",
    "QueryError",
    "UnknownName",
    "ServerError",
]


class GovGraphError(Exception):
    """Base class of every error govgraph raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class SchemaError(GovGraphError):
    """The schema file, or a record checked against it, is invalid."""


class LoadError(GovGraphError):
    """A document could not be read or understood.

    ``path`` and ``line`` (1-based, optional) say where.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None, hint: str | None = None):
        self.path = str(path)
        self.line = line
        where = self.path if line is None else f"{self.path}, line {line}"
        super().__init__(f"{where}: {message}", hint=hint)


class NotLoaded(LoadError):
    """Files did not load: every file failed, or (``strict``) some file failed and
    nothing was written. ``failures`` lists each (a ``graph.pipeline.Failure``:
    path, message, line)."""

    def __init__(self, failures: list, *, strict: bool = False):
        self.failures = list(failures)
        self.strict = strict
        first = self.failures[0]
        self.path, self.line = str(first.path), first.line
        more = len(self.failures) - 1
        msg = str(first)
        if more:
            msg += f" (and {more} more file{'s' if more > 1 else ''} not loaded)"
        if strict:
            msg += "; --strict: nothing was loaded"
        GovGraphError.__init__(self, msg)


class StoreError(GovGraphError):
    """The graph store failed."""


class StoreUnavailable(StoreError):
    """The store (e.g. a Neo4j server) cannot be reached."""


class StoreAuthError(StoreError):
    """The store refused the credentials."""


class QueryError(GovGraphError):
    """A named query is unknown or got bad parameters."""


class UnknownName(QueryError):
    """A name given by the user matches no node; carries close matches."""

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = list(suggestions or [])
        msg = f"no node is called {name!r}"
        hint = None
        if self.suggestions:
            hint = "did you mean: " + ", ".join(self.suggestions)
        super().__init__(msg, hint=hint)


class ServerError(GovGraphError):
    """The local Neo4j server could not be prepared, started or stopped."""
