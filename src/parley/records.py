"""Record types that cross stage boundaries.

Every record is a dataclass with ``to_dict``/``from_dict``. The JSON shapes
follow ``shared/CONTRACT.md``; fields beyond the contract are additions, none of
the contract's names is changed. Offsets are character offsets into the
article's cleaned text (end exclusive).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T", bound="RecordBase")


def _convert(tp: Any, value: Any) -> Any:
    """Turn a JSON value into the annotated type (dataclasses, lists, optionals)."""
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        for arg in get_args(tp):
            if arg is type(None):
                continue
            return _convert(arg, value)
        return value
    if origin in (list, typing.List):  # noqa: UP006
        (arg,) = get_args(tp) or (Any,)
        return [_convert(arg, v) for v in value]
    if origin in (dict, typing.Dict):  # noqa: UP006
        args = get_args(tp)
        vt = args[1] if len(args) == 2 else Any
        return {k: _convert(vt, v) for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return tp.from_dict(value)  # type: ignore[attr-defined]
    return value


class RecordBase:
    """Mixin giving dataclasses a JSON round trip."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _convert(hints[f.name], data[f.name])
        return cls(**kwargs)


@dataclass
class Mention(RecordBase):
    """Where a fact was stated: article id and character offsets into its cleaned text."""

    article: str
    start: int
    end: int
    text: str | None = None


@dataclass
class Article(RecordBase):
    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # metadata | text | given | ingest
    language: str | None = "en"
    # additions beyond the contract
    author: str | None = None
    site: str | None = None
    content_hash: str | None = None
    ingest_date: str | None = None
    status: str = "ok"  # ok | flagged
    flag: str | None = None  # coded reason when flagged (e.g. non-English)
    near_duplicate_of: str | None = None
    version_of: str | None = None


@dataclass
class Actor(RecordBase):
    id: str
    name: str
    type: str = "other"  # person | state | organization | group | place | other
    country: str | None = None
    role: str | None = None
    wikidata: str | None = None
    # additions
    cameo: str | None = None
    iso: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Timex(RecordBase):
    article: str
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    # additions
    mod: str | None = None
    rule: str | None = None


@dataclass
class EventDate(RecordBase):
    value: str | None
    start: str | None
    end: str | None
    text: str | None = None


@dataclass
class Location(RecordBase):
    name: str | None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None


@dataclass
class Event(RecordBase):
    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    modality: str = "asserted"  # asserted | planned | hypothetical | negated | reported
    date: EventDate | None = None
    location: Location | None = None
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # additions: provenance of the coding decision
    trigger: str | None = None
    rule: str | None = None
    confidence: float | None = None
    explain: dict[str, Any] = field(default_factory=dict)
    corroboration: int = 1
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Statement(RecordBase):
    id: str
    speaker: str | None
    text: str
    direct: bool = True
    cue: str | None = None
    channel: str | None = None
    date: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # additions
    speaker_text: str | None = None
    speaker_mention: Mention | None = None
    positions: list[str] = field(default_factory=list)
    corroboration: int = 1


@dataclass
class Proposal(RecordBase):
    id: str
    name: str | None
    points: int | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    provisions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # additions
    kind: str | None = None  # plan | counterproposal | framework | ceasefire | resolution | draft ...
    relation: dict[str, str] | None = None  # e.g. {"counterproposal_to": "p1"}
    versions: list[dict[str, Any]] = field(default_factory=list)
    corroboration: int = 1
    conflicts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Position(RecordBase):
    id: str
    holders: list[str]
    stance: str  # red-line | demand | support | oppose | accept | reject | condition | concession
    about: str
    proposal: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # additions
    statement: str | None = None
    date: str | None = None


@dataclass
class Record(RecordBase):
    """The document that ``parley export --format json`` writes (CONTRACT.md)."""

    articles: list[Article] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    # additions
    duplicates: list[dict[str, Any]] = field(default_factory=list)

    def reassign_article(self, old: str, new: str) -> None:
        """Point every fact of article ``old`` at article ``new`` (a stored new version)."""
        for art in self.articles:
            if art.id == old:
                art.id = new
        for tx in self.timexes:
            if tx.article == old:
                tx.article = new
        for kind in ("actors", "events", "statements", "proposals", "positions"):
            for fact in getattr(self, kind):
                for m in fact.mentions:
                    if m.article == old:
                        m.article = new

    def extend(self, other: Record) -> None:
        """Append another record's facts (no merging; see ``parley.merge``)."""
        for f in dataclasses.fields(self):
            getattr(self, f.name).extend(getattr(other, f.name))


@dataclass
class ArticleInput(RecordBase):
    """One item handed to the pipeline by ingest: cleaned text plus metadata."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    language: str | None = None
    author: str | None = None
    site: str | None = None
    ingest_date: str | None = None
    origin: str | None = None  # file path / URL / "stdin:N" it came from
