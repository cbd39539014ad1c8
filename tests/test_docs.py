"""Docs the tests check: the README shows every command, the schema table
as declared, and the two set-up commands that CI runs."""
from __future__ import annotations

import re
from pathlib import Path

from graph.cli import cli, schema_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented_and_has_help():
    for name, command in cli.commands.items():
        assert f"govgraph {name}" in README, f"README does not show `govgraph {name}`"
        assert command.help, f"`govgraph {name}` has no help text"


def test_schema_table_is_the_declared_schema():
    assert schema_markdown() in README, "README's schema table is stale: paste `govgraph schema --markdown`"


def test_the_two_setup_commands_are_what_ci_runs():
    block = re.search(r"## Set up and run\n.*?```sh\n(.*?)```", README, re.S)
    assert block, "README has no '## Set up and run' section with a sh block"
    commands = [ln for ln in block.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for c in commands:
        assert c in ci, f"CI does not run README command: {c}"
