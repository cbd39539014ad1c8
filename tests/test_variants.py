"""The labelled variants (examples/variants/) as a regression set with floors.

The variants are synthetic documents in other provinces' layouts. They were once
held to exact set equality; since the readers were rebuilt on real documents they
are a floor instead: a general rule that changes a synthetic label is fine when
real documents gain (examples/real is the measure), but the variants as a whole,
and each kind, must not fall below these figures.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.evaluate import Score, evaluate_file, labelled_files

VARIANTS = Path(__file__).resolve().parent.parent / "examples" / "variants"
PAIRS = labelled_files([VARIANTS])

# precision, recall over all labelled facts: overall and per kind
FLOORS = {"all": (0.95, 0.955), "task_table": (0.90, 0.93), "duty_division": (0.90, 0.92),
          "delegation": (0.98, 0.99), "work_plan": (0.93, 0.95)}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    out: dict[str, Score] = {}
    for text, label in PAIRS:
        s, info = evaluate_file(text, label)
        kind = json.loads(label.read_text(encoding="utf-8"))["kind"]
        out[kind] = out.get(kind, Score()) + s
        out["all"] = out.get("all", Score()) + s
    return out


def test_there_are_labelled_variants_of_every_kind():
    kinds = {json.loads(label.read_text(encoding="utf-8"))["kind"] for _, label in PAIRS}
    assert {"task_table", "duty_division", "delegation", "work_plan"} <= kinds
    assert len(PAIRS) == 170


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_variants_keep_their_floor(scores, kind):
    s = scores[kind]
    p, r = FLOORS[kind]
    assert s.precision >= p and s.recall >= r, f"{kind}: precision {s.precision:.3f}, recall {s.recall:.3f}"


def test_every_variant_is_read_and_finds_most_of_its_facts():
    for text, label in PAIRS:
        s, info = evaluate_file(text, label)
        assert not str(info["kind"]).startswith("(not read"), text.name
        assert s.recall >= 0.5, f"{text.name}: recall {s.recall:.2f}"
