"""Fact extractors: each reads a :class:`loaders.layout.Layout` and returns facts.

They run on every document, whatever its kind: assignments
(:mod:`.tasks`: label lines, role columns, parentheses, prose verbs),
groups and their rosters (:mod:`.rosters`), delegations of powers
(:mod:`.delegations`), and the people a document names outside a roster —
signatures and contacts (:mod:`.rosters`).
"""
from __future__ import annotations

from ..facts import Facts
from ..layout import Layout
from .context import DocContext, read_context
from .delegations import delegations
from .rosters import rosters
from .tasks import tasks

__all__ = ["extract", "DocContext", "read_context"]


def extract(layout: Layout, ctx: DocContext) -> Facts:
    """Every fact the readers find in one document."""
    facts = Facts(aliases=dict(ctx.units.aliases))
    rosters(layout, ctx, facts)
    tasks(layout, ctx, facts)
    delegations(layout, ctx, facts)
    return facts
