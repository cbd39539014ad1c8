"""The facts readers find, before they become nodes and edges.

Each extractor returns these plain records, each with its evidence (the
line it stands on, the text as printed) and the ``rule`` that produced it,
so that one place (:mod:`loaders.assemble`) decides between two readers that
claim the same span and the graph can say which rule produced a fact.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .text import Line

__all__ = ["Unit", "TaskFact", "ProjectFact", "PersonFact", "GroupFact", "MemberFact", "DelegationFact", "Facts"]


@dataclass(frozen=True)
class Unit:
    """A body as printed at one line."""

    printed: str
    line: Line


@dataclass
class TaskFact:
    number: str
    text: str
    line: Line
    lines: list[Line] = field(default_factory=list)
    leads: list[Unit] = field(default_factory=list)
    assists: list[Unit] = field(default_factory=list)
    lead_officials: list[tuple[str, Line]] = field(default_factory=list)
    deadline: str | None = None
    section: str | None = None
    rule: str = ""
    group_lead: str | None = None      # a group (by name) that leads this task
    general: bool = False

    @property
    def assigned(self) -> bool:
        return bool(self.leads or self.assists or self.lead_officials or self.group_lead)


@dataclass
class PersonFact:
    name: str
    line: Line
    printed: str
    titles: tuple[str, ...] = ()
    role: str | None = None            # 组长, 成员, 签署, 联系人 …
    group: str | None = None           # the group (by name) the role is in
    head: bool = False
    unit: str | None = None            # a unit printed beside a member instead of a title
    rule: str = ""


@dataclass
class GroupFact:
    name: str
    line: Line
    printed: list[tuple[str, Line]] = field(default_factory=list)   # other printed forms
    office_of: str | None = None       # for a group's office: the group's name
    host: Unit | None = None           # the body an office sits in
    rule: str = ""


@dataclass
class MemberFact:
    """A body that is a member of a group (成员单位)."""

    unit: Unit
    group: str
    role: str
    rule: str = ""


@dataclass
class DelegationFact:
    power: str
    to: Unit
    source: Unit | None                # None: not printed (the issuer grants, or unknown)
    line: Line
    mode: str = ""                     # 下放, 委托, 赋予 …
    rule: str = ""
    issuer_grants: bool = False        # the granting body is the document's issuer


@dataclass
class ProjectFact:
    """A named project (a row of a project table), its amount and who leads it."""

    name: str
    line: Line
    amount: float | None = None
    unit: str | None = None
    amount_yuan: float | None = None
    amount_text: str | None = None
    leads: list[Unit] = field(default_factory=list)
    assists: list[Unit] = field(default_factory=list)
    lead_officials: list[tuple[str, Line]] = field(default_factory=list)
    rule: str = ""


@dataclass
class Facts:
    tasks: list[TaskFact] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    groups: list[GroupFact] = field(default_factory=list)
    members: list[MemberFact] = field(default_factory=list)
    delegations: list[DelegationFact] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)   # short names the document defines → full
