"""The words the readers look for, declared once as data (``vocab.json``).

Every reader takes its label words, verbs, roster roles, group endings,
delegation verbs and power categories from one :class:`Vocabulary`, so a
user who meets a new label word adds it to a file of their own
(``--vocab FILE``, the same shape as ``vocab.json``) and every reader knows
it at once.

>>> v = Vocabulary.default()
>>> v.label_role("牵头单位"), v.label_role("分 管 县领导"), v.label_role("配合单位"), v.label_role("天气")
('lead', 'lead_official', 'assist', None)
>>> v.roster_role("副组长"), v.roster_role("组 长"), v.roster_role("市长")
('member', 'head', None)
"""
from __future__ import annotations

import json
import re
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from graph.errors import LoadError

__all__ = ["Vocabulary", "alternation"]


def alternation(words: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of words, longest first (so that 牵头负责 wins over 牵头).

    >>> alternation(["牵头", "牵头负责"])
    '(?:牵头负责|牵头)'
    """
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _squash(word: str) -> str:
    return re.sub(r"\s+", "", word)


class Vocabulary:
    """One set of words, from ``vocab.json`` and any user files added to it."""

    def __init__(self, data: dict[str, Any], source: str = "loaders/vocab.json"):
        self.data = data
        self.source = source

    @classmethod
    def default(cls) -> "Vocabulary":
        global _DEFAULT
        if _DEFAULT is None:
            raw = json.loads(resources.files("loaders").joinpath("vocab.json").read_text(encoding="utf-8"))
            _DEFAULT = cls(raw)
        return _DEFAULT

    def extend(self, path: str | Path) -> "Vocabulary":
        """A copy with the words of a user's file added to each list."""
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as e:
            raise LoadError(str(path), f"cannot read vocabulary file: {e.strerror}") from None
        except json.JSONDecodeError as e:
            raise LoadError(str(path), f"invalid JSON: {e.msg}", line=e.lineno) from None
        if not isinstance(raw, dict):
            raise LoadError(str(path), 'a vocabulary file is {"labels": {"lead": ["…"], …}, …} like loaders/vocab.json')
        merged = json.loads(json.dumps(self.data))
        for section, groups in raw.items():
            if section.startswith("_"):
                continue
            if section not in merged or not isinstance(groups, dict):
                raise LoadError(str(path), f"unknown vocabulary section {section!r}",
                                hint="sections: " + ", ".join(k for k in self.data if not k.startswith("_")))
            for name, words in groups.items():
                if name.startswith("_"):
                    continue
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise LoadError(str(path), f"{section}.{name} must be a list of words")
                have = merged[section].setdefault(name, [])
                have.extend(w for w in words if w not in have)
        return Vocabulary(merged, f"{self.source} + {path}")

    def words(self, section: str, name: str) -> list[str]:
        return [_squash(w) for w in self.data.get(section, {}).get(name, [])]

    # -- labels -----------------------------------------------------------
    @cached_property
    def _labels(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for role, words in self.data["labels"].items():
            if role.startswith("_"):
                continue
            for w in words:
                out.setdefault(_squash(w), role)
        return out

    def label_role(self, word: str) -> str | None:
        """The role a label word gives what follows it (lead, assist, responsible,
        lead_official, person, deadline, division, task, number, category, basis,
        contact), or None."""
        w = _squash(word).rstrip(":")
        role = self._labels.get(w)
        if role is None:
            # a label with its level in front: 区级牵头部门, 市级责任单位, 县配合单位
            bare = re.sub(r"^(?:省|市|县|区|镇|乡|街道)(?:级|直)?(?=[\u4e00-\u9fff]{2})", "", w)
            if bare != w:
                role = self._labels.get(bare)
                w = bare
        if role is None and w.endswith(("单位", "部门")) and len(w) <= 8:
            # a label of this shape we have not met: its opening word decides
            for prefix, r in (("牵头", "lead"), ("主办", "lead"), ("主责", "lead"), ("配合", "assist"), ("协办", "assist"),
                              ("协同", "assist"), ("参与", "assist"), ("责任", "responsible")):
                if w.startswith(prefix):
                    return r
        if role is None and w.endswith("领导") and len(w) <= 8 and re.search(r"牵头|责任|分管|包保|联系|包联", w):
            return "lead_official"
        return role

    @cached_property
    def label_words(self) -> str:
        """An alternation of every label word (for finding labels in running text)."""
        return alternation(list(self._labels))

    # -- roster -----------------------------------------------------------
    @cached_property
    def _roster(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for kind in ("head", "member"):
            for w in self.words("roster", kind):
                out.setdefault(w, kind)
        return out

    def roster_role(self, word: str) -> str | None:
        """'head' (组长, 召集人, 指挥长 …), 'member' (副组长, 成员 …) or None."""
        return self._roster.get(_squash(word).rstrip(":"))

    @cached_property
    def roster_words(self) -> str:
        return alternation([w for w in self._roster if len(w) >= 2])

    # -- compiled alternations ----------------------------------------------
    @cached_property
    def group_ends(self) -> str:
        return alternation(self.words("groups", "ends"))

    def verbs(self, kind: str) -> list[str]:
        return self.words("verbs", kind)

    @cached_property
    def delegation_verbs(self) -> str:
        return alternation(self.words("delegation", "verbs"))

    @cached_property
    def power_categories(self) -> list[str]:
        return self.words("delegation", "categories")

    @cached_property
    def modal(self) -> str:
        return alternation(self.words("obligation", "modal"))

    @cached_property
    def act(self) -> str:
        return alternation(self.words("obligation", "act"))

    @cached_property
    def duty_heads(self) -> str:
        return alternation(self.words("duty_heads", "words"))

    @cached_property
    def section_parts(self) -> str:
        return alternation(self.words("sections", "parts"))

    @cached_property
    def collective_opens(self) -> tuple[str, ...]:
        return tuple(sorted(self.words("collective", "opens"), key=len, reverse=True))

    @cached_property
    def collective_whole(self) -> frozenset[str]:
        return frozenset(self.words("collective", "whole"))


_DEFAULT: Vocabulary | None = None
