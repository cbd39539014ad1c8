"""The schema is data; bad schema files are named in the error."""
from __future__ import annotations

import json

import pytest

from graph.errors import SchemaError
from graph.records import DocumentGraph, Edge, Evidence, Mention, Node
from graph.schema import SCHEMA, load_schema


def test_required_kinds_are_declared():
    assert {"Agency", "Official", "Duty", "Project", "Power", "Document", "Jurisdiction"} <= set(SCHEMA.nodes)
    assert {"LEADS", "ASSISTS", "DELEGATED_FROM", "HOLDS", "PART_OF", "MEMBER_OF", "HEADS", "CONCERNS",
            "REFERENCES", "ISSUED"} <= set(SCHEMA.edges)
    assert set(SCHEMA.edge("LEADS").source) >= {"Agency", "Official"}
    assert "Duty" in SCHEMA.edge("LEADS").target


def test_every_kind_has_a_style():
    for kind in SCHEMA.nodes.values():
        assert kind.style["color"].startswith("#") and kind.style["shape"]
    for kind in SCHEMA.edges.values():
        assert kind.style["color"].startswith("#")


def test_bad_schema_file_names_file_and_kind(tmp_path):
    raw = json.loads((__import__("importlib").resources.files("graph") / "schema.json").read_text(encoding="utf-8"))
    raw["edges"]["LEADS"]["source"].append("Spaceship")
    p = tmp_path / "schema.json"
    p.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SchemaError) as e:
        load_schema(p)
    assert str(e.value).startswith(f"{p}: edge kind 'LEADS': source 'Spaceship' is not a node kind")


def test_invalid_json_names_the_line(tmp_path):
    p = tmp_path / "schema.json"
    p.write_text('{\n"nodes": ,\n}', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"schema.json, line 2: invalid JSON"):
        load_schema(p)


def _doc(edges):
    m = Mention("d", 1, "x")
    nodes = [Node("a", "Agency", "甲", {}, (m,)), Node("t", "Duty", "任务", {"text": "任务", "document": "d"}, (m,))]
    return DocumentGraph("d", "f.txt", nodes, edges)


def test_records_are_checked_against_the_schema():
    ev = (Evidence("d", 1, "x"),)
    _doc([Edge("e", "LEADS", "a", "t", {"role": "牵头单位"}, ev)]).validate()
    with pytest.raises(SchemaError, match="LEADS allows"):
        _doc([Edge("e", "LEADS", "t", "a", {}, ev)]).validate()
    with pytest.raises(SchemaError, match="not declared"):
        _doc([Edge("e", "LEADS", "a", "t", {"colour": "red"}, ev)]).validate()
    with pytest.raises(SchemaError, match="needs evidence"):
        _doc([Edge("e", "LEADS", "a", "t", {}, ())]).validate()
    with pytest.raises(SchemaError, match="unknown edge kind"):
        _doc([Edge("e", "RULES", "a", "t", {}, ev)]).validate()
