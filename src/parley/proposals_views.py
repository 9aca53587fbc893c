"""Views of proposals and positions over a record: who holds what on which proposal, over time.

Library functions behind ``parley show proposals`` and ``parley show positions``
(and usable by the API): plain rows, no terminal formatting.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.records import Actor, Position, Proposal, Record


@dataclass
class PositionRow:
    date: str | None  # the position's own date, else the article's publication date
    dated_by: str  # "text" | "article" | "unknown"
    holders: list[str]  # display names
    stance: str
    about: str
    proposal: str | None  # display name of the proposal it is about
    article: str | None
    position_id: str


@dataclass
class ProposalRow:
    id: str
    name: str | None
    kind: str | None
    points: int | None
    authors: list[str]
    published: str | None
    provisions: list[str]
    relation: str | None
    articles: list[str]
    positions: list[str]  # "holder: stance" for positions on this proposal


def _names(ids: list[str], actors: dict[str, Actor]) -> list[str]:
    return [actors[i].name if i in actors else i for i in ids]


def _matches(actor: str, ids: list[str], actors: dict[str, Actor]) -> bool:
    """An actor filter matches an id, a name, or the body an actor speaks for (case-insensitive)."""
    want = actor.casefold()
    for i in ids:
        a = actors.get(i)
        names = {i.casefold()} | ({a.name.casefold(), (a.country or "").casefold()} if a else set())
        if want in names or want.replace("-", " ") in names:
            return True
    return False


def proposal_rows(record: Record) -> list[ProposalRow]:
    actors = {a.id: a for a in record.actors}
    by_prop: dict[str, list[Position]] = {}
    for q in record.positions:
        if q.proposal:
            by_prop.setdefault(q.proposal, []).append(q)
    names = {p.id: p.name for p in record.proposals}
    rows = []
    for p in record.proposals:
        rel = ", ".join(f"{k} {names.get(v, v)}" for k, v in (p.relation or {}).items()) or None
        rows.append(ProposalRow(
            id=p.id, name=p.name, kind=p.kind, points=p.points, authors=_names(p.authors, actors),
            published=p.published, provisions=list(p.provisions), relation=rel,
            articles=sorted({m.article for m in p.mentions}),
            positions=[f"{', '.join(_names(q.holders, actors))}: {q.stance}" for q in by_prop.get(p.id, [])]))
    return rows


def position_rows(record: Record, actor: str | None = None, stance: str | None = None) -> list[PositionRow]:
    """Positions (optionally of one actor / one stance), oldest first; undated ones last."""
    actors = {a.id: a for a in record.actors}
    published = {a.id: a.published for a in record.articles}
    proposals: dict[str, Proposal] = {p.id: p for p in record.proposals}
    rows = []
    for q in record.positions:
        if actor and not _matches(actor, q.holders, actors):
            continue
        if stance and q.stance != stance:
            continue
        article = q.mentions[0].article if q.mentions else None
        date, by = (q.date, "text") if q.date else (published.get(article or ""), "article")
        prop = proposals.get(q.proposal or "")
        rows.append(PositionRow(date=date, dated_by=by if date else "unknown", holders=_names(q.holders, actors),
                                stance=q.stance, about=q.about, proposal=prop.name if prop else None,
                                article=article, position_id=q.id))
    rows.sort(key=lambda r: (r.date is None, r.date or "", r.holders))
    return rows
