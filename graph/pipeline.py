"""Documents in, graph out: the steps ``govgraph build`` and ``load`` share."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import LoadError
from .records import DocumentGraph
from .stores.base import LoadSummary, Store

__all__ = ["DOCUMENT_SUFFIXES", "collect_inputs", "Parsed", "parse_files", "load_parsed"]

log = logging.getLogger(__name__)

from loaders.formats import DOCUMENT_SUFFIXES, documents_in  # noqa: E402  (text, HTML, .docx, .xlsx)


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the documents in them (text, HTML, .docx, .xlsx), sorted.

    Raises :class:`LoadError` for a missing path or a folder without documents.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = documents_in(p)
            if not found:
                raise LoadError(str(raw), "no documents (" + ", ".join("*" + s for s in DOCUMENT_SUFFIXES)
                                + ") in this folder")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise LoadError(str(raw), "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in out:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            unique.append(p)
    return unique


@dataclass
class Parsed:
    path: Path
    sha256: str
    kind: str
    docs: list[DocumentGraph] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [w for d in self.docs for w in d.warnings]


def parse_files(paths: Sequence[Path], kind: str | None = None, aliases=None,
                progress: Callable[[Path], None] | None = None) -> list[Parsed]:
    """Read and understand every file before anything is written, so that one
    bad file leaves the store as it was."""
    from loaders import load_file
    from loaders.names import AliasTable

    aliases = aliases or AliasTable.default()
    out = []
    for p in paths:
        src, docs = load_file(p, kind, aliases)
        out.append(Parsed(p, src.sha256, docs[0].nodes and _kind_of(docs) or (kind or ""), docs))
        if progress:
            progress(p)
    return out


def _kind_of(docs: list[DocumentGraph]) -> str:
    for n in docs[0].nodes:
        if n.id == docs[0].doc_id:
            return str(n.properties.get("kind", ""))
    return ""


def load_parsed(store: Store, parsed: Sequence[Parsed],
                progress: Callable[[Path], None] | None = None) -> list[LoadSummary]:
    """Write each parsed file into the store, one transaction per file."""
    out = []
    for item in parsed:
        out.append(store.load(item.docs, str(item.path.resolve()), item.sha256))
        log.info("loaded %s: %d documents", item.path, len(item.docs))
        if progress:
            progress(item.path)
    return out
