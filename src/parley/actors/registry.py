"""The actor registry: states, organisations, groups and people loaded from data files.

Files (all in ``parley/data/actors/``, each documented by its header comment):
``states.csv`` (built by :mod:`parley.actors.build_states`), ``organizations.yaml``,
``groups.yaml``, ``people.yaml``; and every ``*.yaml`` in the user registry directory
(``$PARLEY_ACTORS_DIR``, default ``~/.parley/actors``) that ``parley actors import`` writes.
A later file may extend an entry of an earlier one (same id): aliases and roles are added.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
REGISTRY_FILES = ["organizations.yaml", "groups.yaml", "people.yaml"]

# Actor.type for each registry kind
ACTOR_TYPES = {"state", "organization", "group", "person", "place", "other"}


@lru_cache(maxsize=20_000)  # names recur across a stream of articles; bounded so memory stays flat
def slug(text: str) -> str:
    """``"Mark Rutte"`` -> ``"mark-rutte"`` (accents dropped)."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def user_dir() -> Path:
    env = os.environ.get("PARLEY_ACTORS_DIR")
    return Path(env) if env else Path.home() / ".parley" / "actors"


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    text = text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text
    return dt.date.fromisoformat(text[:10])


@dataclass
class Role:
    """A post held by a person: ``kind`` is the comparable kind (``foreign_minister``), ``of`` the body."""

    title: str
    kind: str | None = None
    of: str | None = None  # registry id of the state/body the post belongs to
    start: dt.date | None = None
    end: dt.date | None = None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class Alias:
    text: str
    kind: str  # name | alias | short | adjective | demonym | capital | metonym | code
    when: list[str] = field(default_factory=list)  # words one of which the article must contain


@dataclass
class Entry:
    id: str
    name: str
    type: str
    country: str | None = None  # registry id of the state/body it speaks for
    aliases: list[Alias] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    wikidata: str | None = None
    cameo: str | None = None
    iso: str | None = None
    gender: str | None = None
    source: str | None = None

    def role_on(self, on: dt.date | None) -> Role | None:
        active = [r for r in self.roles if r.active(on)]
        return active[0] if active else None

    def role_title_on(self, on: dt.date | None) -> str | None:
        """The post held on the date; else "former <post>" for the latest post held before it."""
        role = self.role_on(on)
        if role is not None:
            return role.title
        past = [r for r in self.roles if r.end is not None and (on is None or r.end < on)]
        past.sort(key=lambda r: r.end or dt.date.min)
        return f"former {past[-1].title}" if past else None


class Registry:
    """Every known actor and the alias indexes the linker needs."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.add(e)

    def add(self, entry: Entry) -> None:
        old = self.entries.get(entry.id)
        if old is None:
            self.entries[entry.id] = entry
            return
        known = {a.text for a in old.aliases}
        old.aliases += [a for a in entry.aliases if a.text not in known]
        old.roles += entry.roles
        for attr in ("wikidata", "cameo", "iso", "gender", "country"):
            if getattr(old, attr) is None:
                setattr(old, attr, getattr(entry, attr))

    def get(self, actor_id: str | None) -> Entry | None:
        return self.entries.get(actor_id) if actor_id else None

    def speaks_for(self, entry: Entry) -> str | None:
        """Actor.country: the state or body the actor speaks for (an organisation without a parent body
        and a group speak for themselves)."""
        if entry.country is None and entry.type in ("organization", "group"):
            return entry.name
        if entry.type == "person" and entry.country is None:
            return None
        return self.country_name(entry)

    def country_name(self, entry: Entry) -> str | None:
        if entry.type in ("state", "place") and entry.country is None:
            return entry.name
        body = self.get(entry.country)
        return body.name if body else entry.country

    @property
    def alias_index(self) -> dict[str, list[tuple[str, Alias]]]:
        return _alias_index(self)

    def holders(self, kind: str, of: str | None, on: dt.date | None) -> list[Entry]:
        """People holding a post of ``kind`` for body ``of`` on the date."""
        out = []
        for e in self.entries.values():
            for r in e.roles:
                if r.kind == kind and (of is None or r.of == of) and r.active(on):
                    out.append(e)
                    break
        return out

    def people(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.type == "person"]


_INDEX_CACHE: dict[int, dict[str, list[tuple[str, Alias]]]] = {}


def _alias_index(reg: Registry) -> dict[str, list[tuple[str, Alias]]]:
    key = id(reg)
    if key not in _INDEX_CACHE:
        idx: dict[str, list[tuple[str, Alias]]] = {}
        for e in reg.entries.values():
            for a in [Alias(e.name, "name"), *e.aliases]:
                text = a.text[4:] if a.text.startswith(("the ", "The ")) else a.text
                if (e.id, a.kind) not in {(i, x.kind) for i, x in idx.get(text, [])}:
                    idx.setdefault(text, []).append((e.id, a))
        _INDEX_CACHE[key] = idx
    return _INDEX_CACHE[key]


# ---------------------------------------------------------------- loading

def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _state_entry(row: dict[str, str]) -> Entry:
    aliases = [Alias(a, "alias") for a in _split(row["aliases"])]
    aliases += [Alias(row["iso3"], "code")] if row["type"] == "state" else []
    aliases += [Alias(a, "adjective") for a in _split(row["adjective"])]  # "Philippine;Filipino"
    if row["demonym_plural"]:
        aliases.append(Alias(row["demonym_plural"], "demonym"))
    if row["capital"] and row["type"] == "state":
        aliases.append(Alias(row["capital"], "capital"))
    aliases += [Alias(m, "metonym") for m in _split(row["metonyms"])]
    return Entry(id=row["id"], name=row["name"], type=row["type"], aliases=aliases,
                 wikidata=row["wikidata"] or None, cameo=row["cameo"] or None, iso=row["iso3"] or None,
                 source=row["source"])


def load_states(path: Path) -> list[Entry]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return [_state_entry(row) for row in csv.DictReader(lines)]


def _alias_list(item: dict[str, Any]) -> list[Alias]:
    out = []
    for kind in ("aliases", "short", "adjective", "demonym", "metonyms"):
        label = {"aliases": "alias", "metonyms": "metonym"}.get(kind, kind)
        for a in item.get(kind) or []:
            if isinstance(a, dict):
                out.append(Alias(a["text"], a.get("kind", label), list(a.get("when") or [])))
            else:
                out.append(Alias(str(a), label))
    return out


def entry_from_dict(item: dict[str, Any], default_type: str = "other") -> Entry:
    roles = [Role(title=r["title"], kind=r.get("kind"), of=r.get("of"), start=_date(r.get("start")),
                  end=_date(r.get("end"))) for r in item.get("roles") or []]
    return Entry(id=item.get("id") or slug(item["name"]), name=item["name"],
                 type=item.get("type", default_type), country=item.get("country"),
                 aliases=_alias_list(item), roles=roles, wikidata=item.get("wikidata"),
                 cameo=item.get("cameo"), iso=item.get("iso"), gender=item.get("gender"),
                 source=item.get("source"))


def load_yaml(path: Path) -> list[Entry]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    default_type = data.get("type", "other")
    default_source = data.get("source")
    out = []
    for item in data.get("entries") or []:
        entry = entry_from_dict(item, default_type)
        entry.source = entry.source or default_source
        out.append(entry)
    return out


def load_registry(extra_dirs: list[Path] | None = None) -> Registry:
    """The shipped registry plus every ``*.yaml`` in the user directory (or ``extra_dirs``)."""
    entries = load_states(DATA_DIR / "states.csv")
    for name in REGISTRY_FILES:
        entries += load_yaml(DATA_DIR / name)
    for d in extra_dirs if extra_dirs is not None else [user_dir()]:
        for path in sorted(d.glob("*.yaml")) if d.is_dir() else []:
            entries += load_yaml(path)
    return Registry(entries)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return load_registry()
