"""``parley actors import FILE``: build or extend the registry from a file the user downloaded.

Two inputs, no network:

* a Wikidata JSON dump (``latest-all.json`` style: a JSON array, one entity per line, or the
  ``{"entities": {...}}`` shape of ``Special:EntityData``) or JSON Lines of entities;
* a SPARQL result CSV with a header row. Recognised columns (others are ignored): ``item`` (entity URI or
  Q-id), ``itemLabel``/``name``, ``aliases``/``altLabel`` (``;`` or ``|`` separated), ``type`` (person, state,
  organization, group), ``country`` (URI/Q-id/registry id of the state or body), ``countryLabel``,
  ``position``/``positionLabel``/``role`` (a post held), ``start``, ``end``, ``gender`` (f/m/female/male
  or the Wikidata Q-ids), ``iso3``. Several rows for one item add several roles.

The result is a YAML registry file (same format as ``data/actors/people.yaml``) written to the user
registry directory (``$PARLEY_ACTORS_DIR``, default ``~/.parley/actors``), which ``load_registry`` reads.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from parley.actors.registry import Registry, default_registry, slug, user_dir
from parley.actors.rules import load_rules
from parley.errors import ParleyError

HUMAN, STATES = "Q5", {"Q6256", "Q3624078", "Q7275"}
GENDERS = {"Q6581097": "m", "Q6581072": "f", "male": "m", "female": "f", "m": "m", "f": "f"}


@dataclass
class ImportResult:
    path: Path
    entries: int
    people: int
    roles: int


def _qid(value: str | None) -> str | None:
    m = re.search(r"(Q\d+)$", (value or "").strip())
    return m.group(1) if m else None


def _iter_dump(path: Path) -> Iterator[dict[str, Any]]:
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("{") and '"entities"' in text[:200]:
        yield from json.loads(text)["entities"].values()
        return
    for line in text.splitlines():
        line = line.strip().rstrip(",")
        if line in ("[", "]", ""):
            continue
        yield json.loads(line)


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    return entity.get("claims", {}).get(prop, [])


def _value(claim: dict[str, Any]) -> Any:
    return claim.get("mainsnak", {}).get("datavalue", {}).get("value")


def _item(claim: dict[str, Any]) -> str | None:
    v = _value(claim)
    return v.get("id") if isinstance(v, dict) else None


def _time(snaks: list[dict[str, Any]]) -> str | None:
    for snak in snaks:
        v = snak.get("datavalue", {}).get("value")
        if isinstance(v, dict) and v.get("time"):
            return str(v["time"]).lstrip("+")[:10].replace("-00", "-01")
    return None


class _Builder:
    def __init__(self, registry: Registry) -> None:
        self.by_qid = {e.wikidata: e.id for e in registry.entries.values() if e.wikidata}
        self.rules = load_rules()

    def body(self, value: str | None) -> str | None:
        q = _qid(value)
        if q:
            return self.by_qid.get(q)
        return slug(value) if value else None

    def kind(self, title: str) -> str | None:
        t = title.lower()
        best = None
        for kind, titles in self.rules.role_titles.items():
            for cand in titles:
                if re.search(rf"\b{re.escape(cand)}\b", t) and (best is None or len(cand) > len(best[1])):
                    best = (kind, cand)
        return best[0] if best else None


def _entity_entry(ent: dict[str, Any], labels: dict[str, str], b: _Builder) -> dict[str, Any] | None:
    name = ent.get("labels", {}).get("en", {}).get("value")
    if not name:
        return None
    kinds = {_item(c) for c in _claims(ent, "P31")}
    typ = "person" if HUMAN in kinds else "state" if kinds & STATES else "organization"
    country = next((b.body(_item(c)) for c in _claims(ent, "P27") + _claims(ent, "P17")), None)
    out: dict[str, Any] = {"id": slug(name), "name": name, "type": typ, "wikidata": ent["id"],
                           "aliases": [a["value"] for a in ent.get("aliases", {}).get("en", [])],
                           "source": "Wikidata dump (imported)"}
    if country:
        out["country"] = country
    gender = next((GENDERS.get(_item(c) or "") for c in _claims(ent, "P21")), None)
    if gender:
        out["gender"] = gender
    roles = []
    for c in _claims(ent, "P39"):
        pos = _item(c)
        title = labels.get(pos or "", pos or "")
        q = c.get("qualifiers", {})
        role = {"title": title, "kind": b.kind(title), "of": b.body(_item_of(q)) or country,
                "start": _time(q.get("P580", [])), "end": _time(q.get("P582", []))}
        roles.append({k: v for k, v in role.items() if v})
    if roles:
        out["roles"] = roles
    return out


def _item_of(qualifiers: dict[str, Any]) -> str | None:
    for snak in qualifiers.get("P642", []) + qualifiers.get("P1001", []):
        v = snak.get("datavalue", {}).get("value")
        if isinstance(v, dict):
            return v.get("id")
    return None


def from_wikidata(path: Path, b: _Builder) -> list[dict[str, Any]]:
    ents = list(_iter_dump(path))
    labels = {e["id"]: e.get("labels", {}).get("en", {}).get("value", e["id"]) for e in ents if "id" in e}
    out = []
    for ent in ents:
        kinds = {_item(c) for c in _claims(ent, "P31")}
        if HUMAN in kinds or _claims(ent, "P39") or kinds & STATES or _claims(ent, "P17"):
            entry = _entity_entry(ent, labels, b)
            if entry:
                out.append(entry)
    return out


def _col(row: dict[str, str], *names: str) -> str | None:
    for n in names:
        if row.get(n):
            return row[n].strip()
    return None


def from_sparql_csv(path: Path, b: _Builder) -> list[dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = _col(row, "itemLabel", "name", "label")
            if not name:
                continue
            qid = _qid(_col(row, "item", "id"))
            entry = entries.setdefault(qid or slug(name), {"id": slug(name), "name": name,
                                                          "type": _col(row, "type") or "person",
                                                          "source": f"SPARQL CSV {path.name} (imported)"})
            _merge_row(entry, row, qid, b)
    return list(entries.values())


def _merge_row(entry: dict[str, Any], row: dict[str, str], qid: str | None, b: _Builder) -> None:
    if qid:
        entry["wikidata"] = qid
    aliases = re.split(r"[;|]", _col(row, "aliases", "altLabel", "itemAltLabel") or "")
    entry["aliases"] = sorted(set(entry.get("aliases", [])) | {a.strip() for a in aliases if a.strip()})
    country = b.body(_col(row, "country")) or b.body(_col(row, "countryLabel"))
    if country:
        entry["country"] = country
    gender = GENDERS.get((_qid(_col(row, "gender")) or _col(row, "gender") or "").lower()) or \
        GENDERS.get(_qid(_col(row, "gender")) or "")
    if gender:
        entry["gender"] = gender
    title = _col(row, "positionLabel", "position", "role")
    if title:
        role = {"title": title, "kind": b.kind(title), "of": country,
                "start": (_col(row, "start") or "")[:10] or None, "end": (_col(row, "end") or "")[:10] or None}
        entry.setdefault("roles", []).append({k: v for k, v in role.items() if v})
    if _col(row, "iso3"):
        entry["iso"] = _col(row, "iso3")


def import_file(path: Path, out: Path | None = None, registry: Registry | None = None) -> ImportResult:
    """Read a Wikidata JSON dump or a SPARQL CSV and write a registry YAML file; returns counts."""
    if not path.is_file():
        raise ParleyError("E007", str(path))
    b = _Builder(registry or default_registry())
    entries = from_sparql_csv(path, b) if path.suffix.lower() in (".csv", ".tsv") else from_wikidata(path, b)
    target = out or user_dir() / f"imported-{slug(path.stem)}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    header = (f"# Imported by `parley actors import {path.name}` (no network): entries from a file the user\n"
              "# downloaded. Format as in parley/data/actors/people.yaml.\n")
    body = {"type": "person", "source": f"imported from {path.name}", "entries": entries}
    target.write_text(header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ImportResult(target, len(entries), sum(e["type"] == "person" for e in entries),
                        sum(len(e.get("roles", [])) for e in entries))
