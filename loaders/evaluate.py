"""Measure extraction against hand-labelled facts.

A labelled document is a document file (``NAME.txt``, ``.html``, ``.docx``,
``.xlsx``) with ``NAME.expected.json`` beside it::

    {"kind": "task_table",              # the kind it must be detected as (optional)
     "note": "where the layout comes from, what is special",
     "facts": [["LEADS", "杭州市发展和改革委员会", "1"],
               ["ASSISTS", "杭州市财政局", "1"],
               ["DEADLINE", "1", "2024-12-31"], …]}

Facts are small tuples of canonical names, so they survive changes in IDs and
layout. :func:`facts_of` turns loaded documents into the same tuples;
:func:`score` compares. Precision counts only the fact types the label file
uses, so a file that labels just LEADS is not punished for HOLDS.

Fact types (a duty is named by its number as printed, or by the first 16
characters of its text when it has none; in a file holding several
documents, by ``PART/number`` where PART is the document's part label):

==============  =============================================
DUTY            number
LEADS           leader (agency, official or group), duty
ASSISTS         assisting body, duty
DEADLINE        duty, deadline date (YYYY-MM-DD)
CONCERNS        duty, project
PROJECT         project, amount (number or null), unit
DELEGATED_FROM  receiver, granter, power, "stated"/"inferred"
HOLDS           holder, power
HEADS           official or body, group or body, role as printed
MEMBER_OF       official or body, group or body, role as printed
PART_OF         child, parent (agencies and groups only)
COLLECTIVE      name of a collective actor
REFERENCES      cited document (文号 or title)
DOCUMENT        field, value (title, doc_number, jurisdiction, status,
                date_written, issuer, kind)
==============  =============================================
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from graph.errors import LoadError
from graph.records import DocumentGraph

__all__ = ["FACT_TYPES", "facts_of", "Score", "score", "labelled_files", "evaluate_file", "duty_key"]

FACT_TYPES = ("DUTY", "LEADS", "ASSISTS", "DEADLINE", "CONCERNS", "PROJECT", "DELEGATED_FROM", "HOLDS",
              "HEADS", "MEMBER_OF", "PART_OF", "COLLECTIVE", "REFERENCES", "DOCUMENT")
DOCUMENT_FIELDS = ("title", "doc_number", "jurisdiction", "status", "date_written", "issuer", "kind")

Fact = tuple


def duty_key(props: dict[str, Any], part: str | None = None) -> str:
    """How a label file names a duty: its printed number, else its first 16 characters."""
    key = str(props.get("number") or "").strip() or str(props.get("text") or "")[:16]
    return f"{part}/{key}" if part else key


def _amount(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def facts_of(docs: Sequence[DocumentGraph]) -> set[Fact]:
    """The facts a list of loaded documents (from one file) states, as tuples."""
    out: set[Fact] = set()
    several = len(docs) > 1
    for d in docs:
        nodes = {n.id: n for n in d.nodes}
        me = nodes.get(d.doc_id)
        part = None
        if several and me is not None:
            part = str(me.properties.get("part") or me.properties.get("doc_number") or me.name)
        if me is not None:
            for f in DOCUMENT_FIELDS:
                v = me.properties.get(f) if f != "title" else (me.properties.get("title") or me.name)
                if v not in (None, ""):
                    out.add(("DOCUMENT", f, str(v)) if not several else ("DOCUMENT", f"{part}/{f}", str(v)))

        def name(nid: str) -> str:
            n = nodes[nid]
            if n.label == "Duty":
                return duty_key(n.properties, part)
            if n.label == "Document":
                return str(n.properties.get("doc_number") or n.properties.get("title") or n.name)
            return n.name

        for n in d.nodes:
            if n.label == "Duty":
                out.add(("DUTY", duty_key(n.properties, part)))
                if n.properties.get("deadline_date"):
                    out.add(("DEADLINE", duty_key(n.properties, part), str(n.properties["deadline_date"])))
            elif n.label == "Project":
                out.add(("PROJECT", n.name, _amount(n.properties.get("amount")), n.properties.get("unit")))
            elif n.label == "Agency" and n.properties.get("collective"):
                out.add(("COLLECTIVE", n.name))
        for e in d.edges:
            s, t = nodes[e.source], nodes[e.target]
            if e.type in ("LEADS", "ASSISTS", "CONCERNS", "HOLDS"):
                out.add((e.type, name(e.source), name(e.target)))
            elif e.type == "DELEGATED_FROM":
                out.add((e.type, name(e.source), name(e.target), str(e.properties.get("power") or ""),
                         "inferred" if e.properties.get("inferred") else "stated"))
            elif e.type in ("HEADS", "MEMBER_OF"):
                out.add((e.type, name(e.source), name(e.target), str(e.properties.get("role") or "")))
            elif e.type == "PART_OF" and s.label in ("Agency", "Group") and t.label in ("Agency", "Group"):
                out.add((e.type, s.name, t.name))
            elif e.type == "REFERENCES" and e.source == d.doc_id:
                out.add((e.type, name(e.target)))
    return out


def _norm(fact: Sequence[Any]) -> Fact:
    return tuple(_amount(x) for x in fact)


@dataclass
class Score:
    """Precision and recall of one file (or a sum of files)."""

    files: int = 0
    expected: int = 0
    found: int = 0
    correct: int = 0
    missing: list[Fact] = field(default_factory=list)
    extra: list[Fact] = field(default_factory=list)
    kind_ok: bool = True

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.files + other.files, self.expected + other.expected, self.found + other.found,
                     self.correct + other.correct, self.missing + other.missing, self.extra + other.extra,
                     self.kind_ok and other.kind_ok)


def score(expected: Iterable[Sequence[Any]], got: set[Fact]) -> Score:
    """Compare labelled facts with extracted ones (only the labelled fact types count)."""
    exp = {_norm(f) for f in expected}
    types = {f[0] for f in exp}
    # DOCUMENT facts: only the fields labelled
    doc_fields = {f[1] for f in exp if f[0] == "DOCUMENT"}
    found = {_norm(f) for f in got if f[0] in types and (f[0] != "DOCUMENT" or f[1] in doc_fields)}
    correct = exp & found
    return Score(1, len(exp), len(found), len(correct), sorted(exp - found, key=str), sorted(found - exp, key=str))


def labelled_files(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(document, label) pairs: each document (text, HTML, .docx, .xlsx) with a
    ``*.expected.json`` beside it."""
    from .formats import documents_in

    out = []
    for raw in paths:
        p = Path(raw)
        texts = documents_in(p) if p.is_dir() else [p]
        for t in texts:
            label = t.with_name(t.stem + ".expected.json")
            if label.exists():
                out.append((t, label))
            elif not p.is_dir():
                raise LoadError(str(t), f"no label file {label.name} beside it")
    return out


def evaluate_file(text: Path, label: Path, aliases=None) -> tuple[Score, dict[str, Any]]:
    """Load ``text`` (kind detected) and score it against ``label``."""
    from .base import load_file

    try:
        spec = json.loads(label.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise LoadError(str(label), f"not a readable label file: {e}") from e
    for i, f in enumerate(spec.get("facts", [])):
        if not isinstance(f, list) or not f or f[0] not in FACT_TYPES:
            raise LoadError(str(label), f"fact {i + 1} is not [TYPE, …] with TYPE one of {', '.join(FACT_TYPES)}")
    try:
        _, docs = load_file(text, None, aliases)
    except LoadError as e:  # a document no loader can read scores nothing; the run goes on
        s = score(spec.get("facts", []), set())
        s.kind_ok = not spec.get("kind")
        return s, {"file": str(text), "kind": f"(not read: {e})", "expected_kind": spec.get("kind"),
                   "note": spec.get("note", "")}
    kind = next((str(n.properties.get("kind")) for n in docs[0].nodes if n.id == docs[0].doc_id), "")
    s = score(spec.get("facts", []), facts_of(docs))
    s.kind_ok = not spec.get("kind") or spec["kind"] == kind
    return s, {"file": str(text), "kind": kind, "expected_kind": spec.get("kind"), "note": spec.get("note", "")}
