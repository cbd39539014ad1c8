"""One interface for every kind of document, and the builder loaders share.

A loader subclasses :class:`Loader`, sets ``kind`` and ``description``,
implements :meth:`Loader.score` (how much a text looks like its kind) and
:meth:`Loader.parse` (fill a :class:`DocBuilder`), and registers itself with
:func:`register`. :func:`load_file` picks the best-scoring loader unless a kind
is given.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from graph.errors import LoadError
from graph.records import DocumentGraph, Edge, Evidence, Mention, Node, edge_id, merge_properties, node_id
from graph.schema import SCHEMA

from .meta import DOC_NUMBER, DocMeta, read_meta
from .names import AgencyName, AliasTable, NameContext, clean_name, expand_elliptical, person_name
from .places import SOURCE, Place, PlaceContext
from .text import Line, SourceText, read_document, split_list

if TYPE_CHECKING:  # pragma: no cover
    from .places import Division
    from .vocab import Vocabulary

__all__ = ["Loader", "DocBuilder", "register", "LOADERS", "OTHER", "detect", "detect_kind", "load_file", "load_source",
           "read_by_kind"]


class DocBuilder:
    """Collects one document's nodes and edges, merging repeats, and keeps
    evidence for every one of them."""

    def __init__(self, src: SourceText, meta: DocMeta, *, kind: str, aliases: AliasTable | None = None,
                 part: str | None = None, doc_key: str | None = None):
        self.src = src
        self.meta = meta
        self.kind = kind
        home = meta.jurisdiction or "未知"
        self.places = PlaceContext(meta.jurisdiction, dict(meta.levels))
        levels = dict(meta.levels)
        if not levels and meta.jurisdiction:
            levels = {home[-2:] if home.endswith("新区") else home[-1:]: home}
        # what the division data adds: 省 in a county's or a city's document (省财政厅 → 辽宁省财政厅)
        levels = {**self.places.province_levels(), **levels}
        self.ctx = NameContext(home, levels, aliases or AliasTable.default())
        doc_key = doc_key or meta.doc_number or f"{meta.title}|{home}" + (f"|{part}" if part else "")
        self.doc_key = doc_key
        self.doc_id = node_id("Document", doc_key)
        self._nodes: dict[str, dict[str, Any]] = {}
        self._edges: dict[str, dict[str, Any]] = {}
        self._edge_ids: dict[tuple[str, ...], str] = {}
        self._chained: set[str] = set()     # places whose PART_OF chain is added
        self.warnings: list[str] = []
        self.merges: list[tuple[str, str, tuple[str, ...]]] = []
        props: dict[str, Any] = {k: v for k, v in meta.as_properties().items()}
        props.update({"kind": kind, "source_file": Path(src.path).name, "loaded": True, "doc_key": doc_key})
        if part:
            props["part"] = part
        from .formats import page_starts

        starts = page_starts(src.lines)   # a PDF's or OFD's: evidence line → page (loaders.formats.page_of)
        if starts:
            props["page_starts"] = starts
        line = self.line_at(meta.title_line)
        self._add_node(self.doc_id, "Document", meta.title or doc_key, props, line, meta.title or doc_key)
        if meta.jurisdiction:
            j = self.jurisdiction(meta.jurisdiction, line)
            if meta.issuer:
                issuer_line = self.line_at(meta.issuer_line)
                issuer = self.agency(meta.issuer, issuer_line)
                if issuer:
                    self.edge("ISSUED", issuer, self.doc_id, issuer_line)
            else:
                self.edge("ISSUED", j, self.doc_id, line)
        for cited, no, _ in meta.cites:
            cl = self.line_at(no)
            cid = node_id("Document", cited)
            # a citation is a 文号, or a title when the text cites a document by title only
            known = {"doc_number": cited} if DOC_NUMBER.fullmatch(cited) else {"title": cited}
            self._add_node(cid, "Document", cited, {**known, "doc_key": cited}, cl, cited)
            self.edge("REFERENCES", self.doc_id, cid, cl)

    # -- lines ----------------------------------------------------------
    def line_at(self, no: int) -> Line:
        for ln in self.src.lines:
            if ln.no == no:
                return ln
        return self.src.lines[0] if self.src.lines else Line(1, "", "")

    def warn(self, line: Line | int, message: str) -> None:
        no = line.no if isinstance(line, Line) else line
        self.warnings.append(f"{self.src.path}, line {no}: {message}")

    # -- nodes ----------------------------------------------------------
    def _add_node(self, nid: str, label: str, name: str, props: dict[str, Any], line: Line, printed: str) -> str:
        mention = Mention(self.doc_id, line.no, printed)
        cur = self._nodes.get(nid)
        if cur is None:
            self._nodes[nid] = {"label": label, "name": name, "props": dict(props), "mentions": {mention}}
        else:
            if cur["label"] != label:
                raise LoadError(self.src.path, f"{name!r} is both a {cur['label']} and a {label}", line=line.no)
            _merge_into(cur, props)
            cur["mentions"].add(mention)
        return nid

    def jurisdiction(self, name: str, line: Line, *, place: Place | None = None) -> str:
        """A place, resolved against the division data in this document's context
        (:mod:`loaders.places`): it carries its code and level, and PART_OF the
        divisions above it (盘山县 → 盘锦市 → 辽宁省); a zone lies in its host."""
        place = place or self.places.resolve(name)
        name = place.name
        props: dict[str, Any] = {"level": "新区" if name.endswith("新区") else name[-1], "resolved_by": place.decided}
        if place.division is not None:
            props.update(code=place.division.code, division_level=place.division.level)
        elif place.host is not None:
            props["division_level"] = "zone"
        nid = self._add_node(self._jurisdiction_id(name, place.division), "Jurisdiction", name, props, line, name)
        if nid in self._chained:
            return nid          # its chain is the data's, stated once: at the first line naming it
        self._chained.add(nid)
        child, child_code = nid, place.code
        for d in place.chain:
            # the divisions above it: implied by the data, evidenced by the line that names the place
            pid = self._add_node(self._jurisdiction_id(d.name, d), "Jurisdiction", d.name,
                                 {"level": d.name[-1], "code": d.code, "division_level": d.level,
                                  "resolved_by": f"division data ({SOURCE})"}, line, name)
            rule = f"division data: {child_code} within {d.code}" if child_code else \
                f"{place.decided}" if d is place.host else f"division data: within {d.code}"
            self.edge("PART_OF", child, pid, line, rule=rule)
            child, child_code = pid, d.code
        return nid

    def _jurisdiction_id(self, name: str, division: "Division | None") -> str:
        """A place's ID: by its name, as always; by name and code where several
        divisions share the name (朝阳区 of 北京市 and of 长春市)."""
        if division is not None and self.places.data.shared(name):
            return node_id("Jurisdiction", name, division.code)
        return node_id("Jurisdiction", name)

    def _town(self, a: AgencyName) -> Place | None:
        """The town division a town's body names (西四镇, 牛庄镇人民政府), if the data knows it here."""
        m = re.match(r"^(?:%s)?(?P<town>[\u4e00-\u9fff]{2,8}?(?:镇|乡|街道))(?:人民政府|政府|办事处)?$" % re.escape(self.ctx.home),
                     a.name)
        if not m:
            return None
        p = self.places.resolve(m.group("town"))
        return p if p.division is not None and p.division.level == "town" else None

    def agency_name(self, printed: str) -> AgencyName:
        return self.ctx.agency(printed)

    def agency(self, printed: str, line: Line, *, resolved: AgencyName | None = None,
               extra_reason: str | None = None) -> str | None:
        """Add the agency a printed name means; returns its node ID."""
        if not clean_name(printed):
            return None
        a = resolved or self.ctx.agency(printed)
        props: dict[str, Any] = {"jurisdiction": a.jurisdiction, "collective": a.collective, "type": a.type}
        reasons = a.reasons + ((extra_reason,) if extra_reason else ())
        if a.parent:
            props["parent"] = a.parent.name
        nid = self._add_node(node_id("Agency", a.name, a.jurisdiction), "Agency", a.name, props, line, printed.strip())
        if reasons and clean_name(printed) != a.name:
            self.merges.append((clean_name(printed), a.name, reasons))
        if a.parent:
            pid = self.agency(a.parent.printed, line, resolved=a.parent)
            if pid:
                self.edge("PART_OF", nid, pid, line)
        elif not a.collective and a.type in ("department", "government", "zone", "town"):
            town = self._town(a) if a.type in ("town", "government") else None
            if town is not None:
                jid = self.jurisdiction(town.name, line, place=town)
            else:
                jid = self.jurisdiction(a.jurisdiction, line) if a.jurisdiction != "未知" else None
            if jid:
                self.edge("PART_OF", nid, jid, line)
        return nid

    def agencies(self, printed_list: str, line: Line) -> list[str]:
        """Split a printed list of bodies and add each; elliptical items
        inherit the list's prefix or suffix."""
        out = []
        for expanded, reason in expand_elliptical(split_list(printed_list)):
            if len(expanded) < 2:
                continue
            a = self.ctx.agency(expanded)
            nid = self.agency(expanded, line, resolved=a, extra_reason=reason)
            if nid and nid not in out:
                out.append(nid)
        return out

    def official(self, printed: str, line: Line, *, title: str | None = None,
                 titles: tuple[str, ...] | list[str] = ()) -> str | None:
        name = person_name(printed)
        if not name:
            self.warn(line, f"not a person's name: {printed!r}")
            return None
        props: dict[str, Any] = {"jurisdiction": self.ctx.home}
        all_titles = ([title] if title else []) + [t for t in titles if t and t != title]
        if all_titles:
            props["titles"] = all_titles
        return self._add_node(node_id("Official", name, self.ctx.home), "Official", name, props, line, printed.strip())

    def group(self, name: str, line: Line, *, printed: str | None = None) -> str:
        """A group by its name; ``printed`` is the form printed at ``line`` when it
        differs (a short name, 联席会议 for 市场监管联席会议)."""
        n = clean_name(name)
        return self._add_node(node_id("Group", n, self.ctx.home), "Group", n, {"jurisdiction": self.ctx.home}, line,
                              printed or name)

    def duty(self, number: str, text: str, line: Line, *, section: str | None = None,
             deadline: str | None = None, deadline_date: str | None = None, general: bool = False,
             name: str | None = None) -> str:
        text = text.strip()
        props: dict[str, Any] = {"number": number, "text": text, "document": self.doc_id}
        if section:
            props["section"] = section
        if deadline:
            props["deadline"] = deadline
        if deadline_date:
            props["deadline_date"] = deadline_date
        if general:
            props["general"] = True
        label = name or _short(text)
        nid = self._add_node(node_id("Duty", self.doc_id, number, text), "Duty", label, props, line, text)
        self.edge("LISTED_IN", nid, self.doc_id, line)
        return nid

    def project(self, name: str, line: Line, *, jurisdiction: str | None = None, **props: Any) -> str:
        """A named project, in ``jurisdiction`` (default: the document's own)."""
        n = clean_name(name)
        place = jurisdiction or self.ctx.home
        props = {k: v for k, v in props.items() if v is not None}
        props["jurisdiction"] = place
        nid = self._add_node(node_id("Project", n, place), "Project", n, props, line, name)
        self.edge("LISTED_IN", nid, self.doc_id, line)
        return nid

    def power(self, name: str, line: Line, *, category: str | None = None, is_category: bool = False) -> str:
        n = clean_name(name)
        props: dict[str, Any] = {"is_category": is_category}
        if category:
            props["category"] = category
        return self._add_node(node_id("Power", n), "Power", n, props, line, name)

    # -- edges ----------------------------------------------------------
    def edge(self, type_: str, source: str, target: str, line: Line, text: str | None = None, **props: Any) -> str:
        kind = SCHEMA.edge(type_)
        props = {k: v for k, v in props.items() if v is not None}
        key = (type_, source, target, *(str(props.get(k, "")) for k in kind.key))
        eid = self._edge_ids.get(key)
        if eid is None:
            eid = self._edge_ids[key] = edge_id(*key)    # (a digest: asked again for each repeat in the document)
        ev = Evidence(self.doc_id, line.no, text if text is not None else line.raw)
        cur = self._edges.get(eid)
        if cur is None:
            self._edges[eid] = {"type": type_, "source": source, "target": target, "props": props, "evidence": {ev}}
        else:
            _merge_into(cur, props)
            cur["evidence"].add(ev)
        return eid

    def build(self) -> DocumentGraph:
        if self.merges:
            first: dict[str, str] = {}     # an agency's name → the first node of that name
            for k, v in self._nodes.items():
                if v["label"] == "Agency":
                    first.setdefault(v["name"], k)
            for printed, canonical, reasons in self.merges:
                nid = first.get(canonical)
                if nid:
                    note = f"{printed} → {canonical}: " + "; ".join(reasons)
                    self._nodes[nid]["props"] = merge_properties([self._nodes[nid]["props"], {"merge_notes": [note]}])
        nodes = [
            Node(nid, v["label"], v["name"], v["props"], tuple(sorted(v["mentions"], key=_FIELDS)))
            for nid, v in sorted(self._nodes.items())
        ]
        edges = [
            Edge(eid, v["type"], v["source"], v["target"], v["props"], tuple(sorted(v["evidence"], key=_FIELDS)))
            for eid, v in sorted(self._edges.items())
        ]
        g = DocumentGraph(self.doc_id, self.src.path, nodes, edges, list(self.warnings))
        g.validate()
        return g


#: a mention's or an evidence's fields in order: sorting by them is their own order, compared in C
_FIELDS = attrgetter("doc", "line", "text")


def _merge_into(cur: dict[str, Any], props: dict[str, Any]) -> None:
    """``cur["props"]`` merged with ``props`` (:func:`merge_properties`). Once
    merged, the properties are as a merge leaves them, so ``props`` whose every
    key is there already with a value other than a list adds nothing."""
    have = cur["props"]
    if cur.get("merged") and all(k in have and not isinstance(v, (list, tuple)) for k, v in props.items()):
        return
    cur["props"] = merge_properties([have, props])
    cur["merged"] = True


def _short(text: str, n: int = 24) -> str:
    first = re.split(r"[。;]", text, maxsplit=1)[0]
    return first if len(first) <= n else first[: n - 1] + "…"


class Loader(ABC):
    """One kind of document."""

    kind: ClassVar[str]
    description: ClassVar[str]

    @abstractmethod
    def score(self, src: SourceText) -> float:
        """0 when the text is not of this kind; higher means more alike."""

    def most(self, src: SourceText) -> float:
        """A bound :meth:`score` cannot exceed on this text, found with less work
        than the score (detection does not score a kind that cannot win)."""
        return 1.0

    @abstractmethod
    def parse(self, src: SourceText, aliases: AliasTable) -> list[DocumentGraph]:
        """Read the text into one graph per document it contains."""

    def builder(self, src: SourceText, aliases: AliasTable, lines: list[Line] | None = None,
                part: str | None = None, meta: DocMeta | None = None) -> DocBuilder:
        meta = meta or read_meta(lines if lines is not None else src.lines)
        return DocBuilder(src, meta, kind=self.kind, aliases=aliases, part=part)


LOADERS: dict[str, Loader] = {}


def register(cls: type[Loader]) -> type[Loader]:
    LOADERS[cls.kind] = cls()
    return cls


def detect(src: SourceText) -> tuple[str, dict[str, float]]:
    """The kind of document the text most looks like, and every score."""
    scores = {kind: loader.score(src) for kind, loader in LOADERS.items()}
    best = max(scores.items(), key=lambda kv: kv[1], default=(None, 0.0))
    if not best[0] or best[1] <= 0:
        raise LoadError(src.path, "unknown kind of document",
                        hint="use --kind with one of: " + ", ".join(sorted(LOADERS)))
    return best[0], scores


def load_source(src: SourceText, kind: str | None = None, aliases: AliasTable | None = None,
                vocab: "Vocabulary | None" = None) -> list[DocumentGraph]:
    """Read a source into one graph per document it holds.

    The kind is a property, not a gate: it is detected (``other`` when the text
    is of no kind govgraph knows) and stored on the Document, and a kind's own
    reader may read its layouts; the general readers (:mod:`loaders.read`) run
    on every document, and :func:`loaders.assemble.combine` decides where both
    read the same task.
    """
    docs = _load_source(src, kind, aliases, vocab)
    if src.printed is not None:
        # read in simplified characters: mentions and evidence as the document printed them
        from .script import restore_printed

        docs = [restore_printed(d, src.printed) for d in docs]
    return docs


def _load_source(src: SourceText, kind: str | None, aliases: AliasTable | None,
                 vocab: "Vocabulary | None") -> list[DocumentGraph]:
    from . import kinds  # noqa: F401  (registers the loaders)
    from .assemble import assemble, combine
    from .read import read_facts

    aliases = aliases or AliasTable.default()
    if kind is None:
        kind = detect_kind(src)
    elif kind not in LOADERS and kind != OTHER:
        raise LoadError(src.path, f"unknown kind {kind!r}",
                        hint="valid kinds: " + ", ".join(sorted(LOADERS) + [OTHER]))
    kind_docs = LOADERS[kind].parse(src, aliases) if kind in LOADERS else []
    if len(kind_docs) > 1:
        return kind_docs          # a compilation: each part as its kind's reader cut it
    meta = read_meta(src.lines)
    facts = read_facts(src.lines, meta, vocab)
    if kind_docs:
        # the same document as the kind's reader names it
        me = next(n for n in kind_docs[0].nodes if n.id == kind_docs[0].doc_id)
        b = DocBuilder(src, meta, kind=kind, aliases=aliases, doc_key=str(me.properties.get("doc_key") or ""))
    else:
        b = DocBuilder(src, meta, kind=kind, aliases=aliases)
    if not kind_docs:
        assemble(b, facts)
        doc = b.build()
        if not any(n.label in ("Duty", "Official", "Group", "Power") for n in doc.nodes):
            doc.warnings.append(f"{src.path}: read as {kind}, but no task, person, group or power was found")
        return [doc]
    return [combine(kind_docs[0], facts, b)]


OTHER = "other"


def read_by_kind(src: SourceText, kind: str | None = None, aliases: AliasTable | None = None) -> list[DocumentGraph]:
    """What a kind's own reader alone reads (the kind detected when not given),
    without the general readers: for comparing readers and for testing one."""
    from . import kinds  # noqa: F401

    kind = kind or detect_kind(src)
    if kind not in LOADERS:
        raise LoadError(src.path, f"no reader of its own for kind {kind!r}")
    docs = LOADERS[kind].parse(src, aliases or AliasTable.default())
    if not docs:
        raise LoadError(src.path, f"no facts found for a {kind} document")
    if src.printed is not None:
        from .script import restore_printed

        docs = [restore_printed(d, src.printed) for d in docs]
    return docs


def detect_kind(src: SourceText) -> str:
    """The kind the text most looks like, or ``other``: the kind :func:`detect`
    gives, without scoring a kind whose bound (:meth:`Loader.most`) is below a
    score already found."""
    scores: dict[str, float] = {}
    bounds: dict[str, float] = {}
    for kind, loader in LOADERS.items():
        bound = loader.most(src)
        if bound < 1.0:
            bounds[kind] = bound      # scored last, if it still can win
        else:
            scores[kind] = loader.score(src)
    for kind, bound in bounds.items():
        if bound >= max(scores.values(), default=0.0):
            scores[kind] = LOADERS[kind].score(src)
    # (a kind not scored is below the best: it neither wins nor ties)
    best = max(((kind, scores[kind]) for kind in LOADERS if kind in scores), key=lambda kv: kv[1],
               default=(None, 0.0))
    return best[0] if best[0] and best[1] > 0 else OTHER


def load_file(path: str | Path, kind: str | None = None, aliases: AliasTable | None = None) -> tuple[SourceText, list[DocumentGraph]]:
    """Read, clean and parse one file. Raises :class:`LoadError`.

    Every graph returned has passed :meth:`DocumentGraph.validate` (the pipeline
    relies on it and does not check them again)."""
    src = read_document(path)
    docs = load_source(src, kind, aliases)
    if docs and src.warnings:  # what reading the file cut (over-long lines …)
        docs[0].warnings[:0] = src.warnings
    return src, docs
