"""Extraction on labelled documents in other provinces' layouts (examples/variants/):
each file is detected as its kind and gives exactly its labelled facts. A label file
may list ``known_misses`` / ``known_extras`` (facts the loaders are known to miss or
to add wrongly, each a reason in ``note``): the test then holds the loaders to exactly
that, so both a regression and an unnoticed improvement fail."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.evaluate import evaluate_file, labelled_files

VARIANTS = Path(__file__).resolve().parent.parent / "examples" / "variants"
PAIRS = labelled_files([VARIANTS])


def test_there_are_labelled_variants_of_every_kind():
    kinds = {json.loads(label.read_text(encoding="utf-8"))["kind"] for _, label in PAIRS}
    assert {"task_table", "duty_division", "delegation", "work_plan"} <= kinds


@pytest.mark.parametrize("text,label", PAIRS, ids=[t.name for t, _ in PAIRS])
def test_variant_gives_its_labelled_facts(text, label):
    spec = json.loads(label.read_text(encoding="utf-8"))
    s, info = evaluate_file(text, label)
    assert s.kind_ok, f"{text.name} read as {info['kind']}, labelled {spec['kind']}"
    missing = {tuple(f) for f in s.missing}
    extra = {tuple(f) for f in s.extra}
    known_misses = {tuple(f) for f in spec.get("known_misses", [])}
    known_extras = {tuple(f) for f in spec.get("known_extras", [])}
    assert missing == known_misses, f"missing {sorted(missing - known_misses, key=str)}; " \
                                    f"now found {sorted(known_misses - missing, key=str)}"
    assert extra == known_extras, f"extra {sorted(extra - known_extras, key=str)}; " \
                                  f"no longer {sorted(known_extras - extra, key=str)}"
