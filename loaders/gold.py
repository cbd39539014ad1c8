"""Measure extraction on real documents with hand-made gold (the labelled-set format).

A gold folder holds ``docs/NAME.txt`` (the document as stored) and
``gold/NAME.json`` (its annotation: tasks with their lead and assisting
units and lead officials, the officials, the delegations; see
``examples/real/README.md``). Matching follows the labelled set's own scorer,
so figures here and there agree:

* a gold name as printed matches a node when it equals, after NFKC and with
  all whitespace removed, the node's name or the text of any of its mentions;
* a gold task is found when a Duty's text (or the text as printed, its
  mention: a document in traditional characters is read in simplified ones)
  starts with the task's ``text_start`` (normalised the same way), first 12
  characters;
* a found task's leads are its LEADS from agencies and groups, its lead
  officials its LEADS from officials, its assists its ASSISTS; each gold name
  is matched to at most one of them;
* officials are all Official nodes; delegations all DELEGATED_FROM edges,
  scored against the gold delegations that name both ends (receiver → granter).

:func:`score_document` counts one document, :func:`summarize` sums counts into
precision, recall and F1 per field.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Sequence

from graph.errors import LoadError
from graph.records import DocumentGraph, Node

__all__ = ["FIELDS", "gold_files", "is_gold_folder", "score_document", "summarize", "evaluate_gold"]

FIELDS = ("lead_agencies", "lead_officials", "assist_agencies", "officials", "delegations")
_COUNTS = ["tasks_gold", "tasks_found"] + [f"{f}_{k}" for f in FIELDS for k in ("gold", "pred", "hit")]


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def _surface(node: Node) -> set[str]:
    forms = {_norm(node.name)} | {_norm(m.text) for m in node.mentions}
    forms.discard("")
    return forms


def is_gold_folder(path: str | Path) -> bool:
    p = Path(path)
    return p.is_dir() and (p / "gold").is_dir() and (p / "docs").is_dir()


def gold_files(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs from gold folders (docs/ + gold/) or gold files."""
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        p = Path(raw)
        golds = sorted((p / "gold").glob("*.json")) if p.is_dir() else [p]
        for g in golds:
            try:
                doc = json.loads(g.read_text(encoding="utf-8")).get("doc")
            except (OSError, ValueError) as e:
                raise LoadError(str(g), f"not a readable gold file: {e}") from None
            if not doc:
                raise LoadError(str(g), 'a gold file names its document in "doc"')
            d = g.parent.parent / "docs" / doc
            if not d.exists():
                raise LoadError(str(g), f"its document {doc} is not in {g.parent.parent / 'docs'}")
            out.append((d, g))
    return out


def score_document(docs: Sequence[DocumentGraph], gold: dict[str, Any]) -> dict[str, Any]:
    """The counts of one labelled document (its graphs against its gold)."""
    nodes = {n.id: n for d in docs for n in d.nodes}
    edges = [e for d in docs for e in d.edges]
    duties = sorted((n for n in nodes.values() if n.label == "Duty"), key=lambda n: n.id)
    by_target: dict[str, list] = {}
    for e in edges:
        by_target.setdefault(e.target, []).append(e)
    c: dict[str, Any] = {k: 0 for k in _COUNTS}
    missed: list[str] = []
    for t in gold.get("tasks", []):
        c["tasks_gold"] += 1
        key = _norm(t["text_start"])[:12]
        cand = [d for d in duties if _norm(str(d.properties.get("text", ""))).startswith(key)
                or any(_norm(m.text).startswith(key) for m in d.mentions)]
        if not cand:
            missed.append(f"task {t.get('id')}: {t['text_start']}")
            for f in ("lead_agencies", "lead_officials", "assist_agencies"):
                c[f + "_gold"] += len(t.get(f, []))
            continue
        c["tasks_found"] += 1
        inc = by_target.get(cand[0].id, [])
        pred = {
            "lead_officials": [nodes[e.source] for e in inc if e.type == "LEADS" and nodes[e.source].label == "Official"],
            "lead_agencies": [nodes[e.source] for e in inc if e.type == "LEADS" and nodes[e.source].label != "Official"],
            "assist_agencies": [nodes[e.source] for e in inc if e.type == "ASSISTS"],
        }
        for f, plist in pred.items():
            glist = t.get(f, [])
            c[f + "_gold"] += len(glist)
            c[f + "_pred"] += len(plist)
            used: set[int] = set()
            for g in glist:
                for i, p in enumerate(plist):
                    if i not in used and _norm(g) in _surface(p):
                        used.add(i)
                        c[f + "_hit"] += 1
                        break
                else:
                    missed.append(f"task {t.get('id')} {f}: {g}")
    officials = [n for n in nodes.values() if n.label == "Official"]
    c["officials_gold"] = len(gold.get("officials", []))
    c["officials_pred"] = len(officials)
    for g in gold.get("officials", []):
        if any(_norm(g["name"]) in _surface(o) for o in officials):
            c["officials_hit"] += 1
        else:
            missed.append(f"official: {g['name']}")
    deleg = [e for e in edges if e.type == "DELEGATED_FROM"]
    scorable = [g for g in gold.get("delegations", []) if g.get("from") and g.get("to")]
    c["delegations_gold"] = len(scorable)
    c["delegations_pred"] = len(deleg)
    for g in scorable:
        if any(_norm(g["to"]) in _surface(nodes[e.source]) and _norm(g["from"]) in _surface(nodes[e.target])
               for e in deleg):
            c["delegations_hit"] += 1
        else:
            missed.append(f"delegation: {g['from']} → {g['to']}")
    c["missed"] = missed
    return c


def summarize(counts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-field precision, recall and F1 over documents' counts (and task recall).

    >>> s = summarize([{"tasks_gold": 2, "tasks_found": 1, "officials_gold": 2, "officials_pred": 1, "officials_hit": 1}])
    >>> s["task_recall"], s["officials"]
    (0.5, {'P': 1.0, 'R': 0.5, 'F1': 0.667, 'gold': 2})
    """
    tot: dict[str, int] = {}
    for c in counts:
        for k, v in c.items():
            if isinstance(v, int):
                tot[k] = tot.get(k, 0) + v
    out: dict[str, Any] = {"task_recall": round(tot.get("tasks_found", 0) / max(1, tot.get("tasks_gold", 0)), 3)}
    for f in FIELDS:
        g, p, h = tot.get(f + "_gold", 0), tot.get(f + "_pred", 0), tot.get(f + "_hit", 0)
        prec = h / p if p else 0.0
        rec = h / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[f] = {"P": round(prec, 3), "R": round(rec, 3), "F1": round(f1, 3), "gold": g}
    return out


def evaluate_gold(doc: Path, gold_path: Path, aliases=None) -> dict[str, Any]:
    """Read one gold-labelled document and count it; a document that does not
    read scores nothing (every gold fact missed) and says why."""
    from .base import load_file

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    try:
        _, docs = load_file(doc, None, aliases)
        error = None
    except LoadError as e:
        docs, error = [], str(e)
    c = score_document(docs, gold)
    kind = next((str(n.properties.get("kind")) for d in docs for n in d.nodes if n.id == d.doc_id), "")
    c.update({"doc": doc.name, "kind": kind, "error": error})
    return c
